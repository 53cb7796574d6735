import { Button, Switch } from '@fluentui/react-components';
import { TableArrowUpRegular } from '@fluentui/react-icons';
import { useCallback, useMemo, useState } from 'react';
import { countFindings, sortFindings, type Finding } from '../../../core/finding';
import { emptyPlan } from '../../../core/plan';
import { findingKey } from '../../../core/state';
import { Busy } from '../../components/Busy';
import { FindingsList } from '../../components/FindingsList';
import { LiveRegion } from '../../components/LiveRegion';
import { Notice } from '../../components/Notice';
import { SeverityCounts } from '../../components/SeverityCounts';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useViewStyles } from '../shared/styles';
import { ViewSection } from '../shared/ViewSection';
import { findingsSheet } from './findings-sheet';

/**
 * Select, ignore and unignore a finding. Stable callbacks, so the memoised findings list is not
 * drawn again when nothing it shows changed.
 */
function useFindingActions(setNotice: (notice: string) => void) {
  const { select: selectCell, updateState } = useSession();
  const select = useCallback((f: Finding) => void selectCell(f.sheet, f.cell), [selectCell]);
  const ignore = useCallback(
    (f: Finding) => {
      setNotice('');
      void updateState((s) => ({ ...s, ignoredFindings: [...new Set([...s.ignoredFindings, findingKey(f)])] }));
    },
    [updateState, setNotice],
  );
  const unignore = useCallback(
    (f: Finding) => {
      setNotice('');
      const key = findingKey(f);
      void updateState((s) => ({ ...s, ignoredFindings: s.ignoredFindings.filter((k) => k !== key) }));
    },
    [updateState, setNotice],
  );
  return { select, ignore, unignore };
}

/** "Kiểm tra": findings by severity and criterion; select, ignore, export. */
export default function CheckView() {
  const { t, locale } = useI18n();
  const styles = useViewStyles();
  const session = useSession();
  const { analysis, revalidating } = session;
  const [showIgnored, setShowIgnored] = useState(false);
  const [notice, setNotice] = useState('');

  const counts = useMemo(() => countFindings(analysis?.findings ?? []), [analysis]);
  const ignoredKeys = useMemo(() => new Set((analysis?.ignored ?? []).map(findingKey)), [analysis]);
  const shown = useMemo(
    () => (analysis ? (showIgnored ? sortFindings([...analysis.findings, ...analysis.ignored]) : analysis.findings) : []),
    [analysis, showIgnored],
  );
  const { select, ignore, unignore } = useFindingActions(setNotice);
  if (!analysis) return null;

  const exportSheet = async () => {
    setNotice('');
    const sheet = findingsSheet(analysis.findings, locale);
    const result = await session.apply({ ...emptyPlan(), sheets: [sheet] }, t('app.working'));
    if (result) setNotice(t('check.exported', { name: result.sheetNames.get(sheet.name) ?? sheet.name }));
  };

  const summary = t('check.summary', counts);
  return (
    <ViewSection id="check" title={t('check.heading')}>
      <SeverityCounts counts={counts} />
      <LiveRegion message={revalidating ? t('check.revalidating') : summary} />
      {revalidating ? <Busy label={t('check.revalidating')} /> : null}
      <div className={styles.row}>
        <Switch checked={showIgnored} onChange={(_, d) => setShowIgnored(d.checked)} label={t('check.showIgnored')} />
        <Button
          icon={<TableArrowUpRegular />}
          disabled={!!session.busy || analysis.findings.length === 0}
          onClick={() => void exportSheet()}
        >
          {t('check.export')}
        </Button>
      </div>
      {notice ? <Notice intent="success">{notice}</Notice> : null}
      {shown.length === 0 ? (
        <Notice intent="success">{t('check.none')}</Notice>
      ) : (
        <FindingsList findings={shown} ignoredKeys={ignoredKeys} onSelect={select} onIgnore={ignore} onUnignore={unignore} />
      )}
    </ViewSection>
  );
}
