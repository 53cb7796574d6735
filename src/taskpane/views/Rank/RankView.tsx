import { Button, Field, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import type { Finding } from '../../../core/finding';
import type { TieRule } from '../../../core/rank';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useComparison } from '../Compare/comparison';
import { ReportPanel } from '../shared/ReportPanel';
import { useViewStyles } from '../shared/styles';
import { TablePicker } from '../shared/TablePicker';
import { ViewSection } from '../shared/ViewSection';
import { RankPreview } from './RankPreview';
import { someCells } from './rank-findings';
import { useRankWrite, useRankedTable, type RankWriting, type RankWritten } from './use-rank';

/** "Tổng hợp & xếp hạng": tie rule, preview of ranks and totals, and writing them into the workbook. */
export default function RankView() {
  const { t } = useI18n();
  const styles = useViewStyles();
  const session = useSession();
  const [ties, setTies] = useState<TieRule>('competition');
  const { ranked, result, rows, errors, setTableId } = useRankedTable(ties);
  const writing = useRankWrite(result, ties, errors);
  // The report compares with the prior year chosen in "So sánh năm trước" when it is about this table.
  const { comparison } = useComparison();
  if (!session.snapshot || !session.analysis) return null;
  return (
    <ViewSection id="rank" title={t('view.rank')}>
      {!result ? (
        <Notice intent="info">{t('rank.noRanked')}</Notice>
      ) : (
        <>
          {ranked.length > 1 ? (
            <TablePicker label={t('rank.table')} tables={ranked.map((r) => r.table)} value={result.table.id} onChange={setTableId} />
          ) : null}
          <TieRulePicker value={ties} onChange={setTies} />
          <div className={styles.row}>
            <Button appearance="primary" disabled={!!session.busy} onClick={() => writing.start()}>
              {t('rank.write')}
            </Button>
          </div>
          <RankNotices written={writing.written} errors={errors} />
          <ReportPanel
            current={{ table: result.table, result }}
            comparison={comparison && comparison.current.table.id === result.table.id ? comparison : null}
            ties={ties}
          />
          <RankPreview rows={rows} />
        </>
      )}
      <RankDialogs writing={writing} errors={errors} />
    </ViewSection>
  );
}

/** "Quy tắc đồng hạng": competition ranking (1, 2, 2, 4) or dense ranking (1, 2, 2, 3). */
function TieRulePicker({ value, onChange }: { value: TieRule; onChange: (ties: TieRule) => void }) {
  const { t } = useI18n();
  return (
    <Field label={t('rank.ties')}>
      <RadioGroup value={value} onChange={(_, d) => onChange(d.value === 'dense' ? 'dense' : 'competition')}>
        <Radio value="competition" label={t('rank.competition')} />
        <Radio value="dense" label={t('rank.dense')} />
      </RadioGroup>
    </Field>
  );
}

/** What the last write did, and the table's errors that its ranks would rest on. */
function RankNotices({ written, errors }: { written: RankWritten; errors: readonly Finding[] }) {
  const { t } = useI18n();
  const { notice, denseElsewhere, differs } = written;
  return (
    <>
      {notice ? <Notice intent="success">{notice}</Notice> : null}
      {denseElsewhere ? <Notice intent="info">{denseElsewhere}</Notice> : null}
      {differs.length > 0 ? (
        <Notice intent="warning">{t('rank.differs', { count: differs.length, cells: someCells(differs) })}</Notice>
      ) : null}
      {errors.length > 0 ? (
        <Notice intent="warning" title={t('rank.errorsTitle', { count: errors.length })}>
          {t('rank.errorsBody', { cells: someCells(errors.map((f) => f.cell)) })}
        </Notice>
      ) : null}
    </>
  );
}

/** The two questions before writing: replace the typed totals and ranks? write despite the errors? */
function RankDialogs({ writing, errors }: { writing: RankWriting; errors: readonly Finding[] }) {
  const { t } = useI18n();
  const { typed } = writing;
  return (
    <>
      <ConfirmDialog
        open={writing.pending !== null}
        title={t('rank.dialogTitle')}
        confirmLabel={t('rank.replace')}
        alternativeLabel={t('rank.keep')}
        cancelLabel={t('common.cancel')}
        onConfirm={writing.replaceTyped}
        onAlternative={writing.keepTyped}
        onCancel={writing.cancelTyped}
      >
        {t('rank.dialogBody', { count: typed.length, cells: someCells(typed.map((f) => f.cell)) })}
      </ConfirmDialog>
      <ConfirmDialog
        open={writing.askErrors}
        title={t('rank.errorsDialogTitle', { count: errors.length })}
        confirmLabel={t('rank.writeAnyway')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => writing.start(true)}
        onCancel={writing.cancelErrors}
      >
        {t('rank.errorsDialogBody', { count: errors.length, cells: someCells(errors.map((f) => f.cell)) })}
      </ConfirmDialog>
    </>
  );
}
