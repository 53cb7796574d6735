import { mergeClasses } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { detectWorkbook } from '../../../core/detect';
import { countFindings } from '../../../core/finding';
import type { WorkbookState } from '../../../core/state';
import { Notice } from '../../components/Notice';
import { SeverityCounts } from '../../components/SeverityCounts';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useViewStyles } from '../shared/styles';
import { ViewSection } from '../shared/ViewSection';
import { setCorrection } from './corrections';
import { TableCard } from './TableCard';

/** "Tổng quan": the tables found, and the user's corrections to the detection. */
export default function OverviewView() {
  const { t } = useI18n();
  const styles = useViewStyles();
  const { snapshot, analysis } = useSession();
  const { detected, saved, save, keepOnly } = useCorrections();
  if (!snapshot || !analysis) return null;
  const correctionOf = (id: string) => analysis.state.corrections.find((c) => c.tableId === id);
  return (
    <ViewSection id="overview" title={t('overview.heading')}>
      <p className={mergeClasses(styles.muted, styles.paragraph)}>{t('overview.intro')}</p>
      <div className={styles.stack}>
        <h3 className={styles.subheading}>{t('overview.findings')}</h3>
        <SeverityCounts counts={countFindings(analysis.findings)} />
      </div>
      {saved ? <Notice intent="success">{t('overview.saved')}</Notice> : null}
      {detected.map((tb) => (
        <TableCard
          key={tb.id}
          table={tb}
          correction={correctionOf(tb.id)}
          others={detected.length > 1}
          save={(update) => void save(update)}
          keepOnly={(id) => void keepOnly(id)}
        />
      ))}
    </ViewSection>
  );
}

/**
 * Every detected table, also the excluded ones (so that an exclusion can be undone), and saving
 * the user's corrections into the workbook's state; `saved` once the last one is saved.
 */
function useCorrections() {
  const session = useSession();
  const { snapshot, analysis } = session;
  const [saved, setSaved] = useState(false);
  const detected = useMemo(
    () => (snapshot && analysis ? detectWorkbook(snapshot, { skipSheets: analysis.state.ownedSheets }).tables : []),
    [snapshot, analysis],
  );
  const save = async (update: (s: WorkbookState) => WorkbookState) => {
    setSaved(false);
    if (await session.updateState(update)) setSaved(true);
  };
  const keepOnly = (id: string) => save((s) => detected.reduce((acc, tb) => setCorrection(acc, tb.id, { excluded: tb.id !== id }), s));
  return { detected, saved, save, keepOnly };
}
