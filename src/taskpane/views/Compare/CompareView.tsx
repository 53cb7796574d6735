import { Button } from '@fluentui/react-components';
import { EraserRegular, TableArrowUpRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Comparison } from '../../../core/compare';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LiveRegion } from '../../components/LiveRegion';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { ReportPanel } from '../shared/ReportPanel';
import { useViewStyles } from '../shared/styles';
import { TablePicker } from '../shared/TablePicker';
import { ViewSection } from '../shared/ViewSection';
import { PriorSource } from './PriorSource';
import { UnitSummaries } from './UnitSummaries';
import { useCompare } from './use-compare';

/** "So sánh năm trước": choose the prior year, read the per-unit remarks, write the comparison sheet. */
export default function CompareView() {
  const { t } = useI18n();
  const session = useSession();
  const compare = useCompare();
  const { current, comparison } = compare;
  // Said after a remark is copied (the list's own buttons change silently).
  const [announce, setAnnounce] = useState('');
  if (!session.analysis) return null;
  const tables = session.analysis.results.map((r) => r.table);
  return (
    <ViewSection id="compare" title={t('view.compare')}>
      {tables.length > 1 ? (
        <TablePicker
          label={t('compare.current')}
          tables={tables}
          value={current?.table.id ?? null}
          onChange={(id) => session.setCompareTableId(id)}
        />
      ) : null}
      <PriorSource
        kind={compare.kind}
        onKindChange={compare.setKind}
        others={compare.others}
        onPickTable={compare.choosePriorTable}
        onPickFile={() => void compare.pickFile()}
      />
      {compare.notice ? <Notice intent="success">{compare.notice}</Notice> : null}
      {comparison ? <PriorErrors comparison={comparison} /> : null}
      <CompareButtons canWrite={!!comparison} onWrite={compare.askToWrite} onClear={() => void compare.clear()} />
      <ReportPanel current={current} comparison={comparison} />
      <LiveRegion message={comparison ? `${t('compare.done', { count: comparison.units.length })} ${announce}` : announce} />
      {comparison ? <UnitSummaries comparison={comparison} onCopied={(unit) => setAnnounce(t('compare.copied', { unit }))} /> : null}
      <ConfirmDialog
        open={compare.confirming}
        title={t('compare.confirmTitle')}
        confirmLabel={t('compare.confirmWrite')}
        cancelLabel={t('compare.confirmCancel')}
        onConfirm={compare.writeSheet}
        onCancel={compare.cancelWrite}
      >
        {t('compare.confirmBody')}
      </ConfirmDialog>
    </ViewSection>
  );
}

/** Why the prior year chosen cannot be this table's (the comparison's error findings). */
function PriorErrors({ comparison }: { comparison: Comparison }) {
  const { t, locale } = useI18n();
  const errors = comparison.findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return null;
  return (
    <Notice intent="error" title={t('compare.priorProblemTitle')}>
      {errors.map((f) => (
        <div key={`${f.code}|${f.cell}`}>{f.message[locale]}</div>
      ))}
    </Notice>
  );
}

/** Writing the comparison sheet and its highlights, and clearing the highlights. */
function CompareButtons({ canWrite, onWrite, onClear }: { canWrite: boolean; onWrite: () => void; onClear: () => void }) {
  const { t } = useI18n();
  const styles = useViewStyles();
  const { busy } = useSession();
  return (
    <div className={styles.row}>
      <Button appearance="primary" icon={<TableArrowUpRegular />} disabled={!canWrite || !!busy} onClick={onWrite}>
        {t('compare.write')}
      </Button>
      <Button icon={<EraserRegular />} disabled={!!busy} onClick={onClear}>
        {t('compare.clear')}
      </Button>
    </div>
  );
}
