import { Button, Text } from '@fluentui/react-components';
import { CheckboxCheckedRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { countFindings, type Finding } from '../../../core/finding';
import { emptyPlan, type WritePlan } from '../../../core/plan';
import { planScoreEntry } from '../../../core/score-entry';
import { Busy } from '../../components/Busy';
import { CriterionCard } from '../../components/CriterionCard';
import { Notice } from '../../components/Notice';
import { SeverityCounts } from '../../components/SeverityCounts';
import { BrowserFileHost } from '../../host/BrowserFileHost';
import type { CellEvent } from '../../host/types';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useViewStyles } from '../shared/styles';
import { ViewSection } from '../shared/ViewSection';
import { findingsOnCells } from './cell-findings';
import { useSelectedCard, type SelectedCard } from './use-selected-card';

/** "Nhập điểm": data validation on score cells, and a card about the selected cell. */
export default function EntryView() {
  const { t } = useI18n();
  const styles = useViewStyles();
  const session = useSession();
  const { analysis, selection, revalidating } = session;
  const edited = useEditedCell();
  const card = useSelectedCard();
  const validation = useScoreValidation();
  if (!analysis) return null;
  const { notice } = validation;
  return (
    <ViewSection id="entry" title={t('entry.heading')}>
      <Text>{t('entry.intro')}</Text>
      {session.host instanceof BrowserFileHost ? <Notice intent="info">{t('entry.standalone')}</Notice> : null}
      <div className={styles.row}>
        <Button
          icon={<CheckboxCheckedRegular />}
          disabled={!!session.busy || analysis.tables.length === 0}
          onClick={() => void validation.add()}
        >
          {t('entry.validate')}
        </Button>
      </div>
      {notice ? <Notice intent={notice.intent}>{notice.text}</Notice> : null}
      <SeverityCounts counts={countFindings(analysis.findings)} />
      {revalidating ? <Busy label={t('check.revalidating')} /> : null}
      <CellFindings findings={findingsOnCells(analysis.findings, selection, edited)} />
      <SelectedCell card={card} />
    </ViewSection>
  );
}

/** The cell just typed in: Excel moves the selection on with Enter, so its findings are shown too. */
function useEditedCell(): CellEvent | null {
  const { host } = useSession();
  const [edited, setEdited] = useState<CellEvent | null>(null);
  useEffect(() => host.onChanged(setEdited), [host]);
  return edited;
}

/** "Thêm kiểm tra dữ liệu cho các ô điểm": a data validation rule on every score cell of the tables, and what it did. */
function useScoreValidation() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [notice, setNotice] = useState<{ intent: 'success' | 'info'; text: string } | null>(null);
  const add = async () => {
    setNotice(null);
    const tables = session.analysis?.tables ?? [];
    const plan: WritePlan = { ...emptyPlan(), dataValidations: tables.flatMap((tb) => planScoreEntry(tb, locale).dataValidations ?? []) };
    const count = plan.dataValidations?.length ?? 0;
    if (count === 0) {
      setNotice({ intent: 'info', text: t('entry.noRules') });
      return;
    }
    const applied = await session.apply(plan, t('app.working'));
    if (applied) setNotice({ intent: 'success', text: t('entry.validated', { count }) });
  };
  return { notice, add };
}

/** The check's findings on the selected and the just-typed cells, one notice each. */
function CellFindings({ findings }: { findings: readonly Finding[] }) {
  const { t, locale } = useI18n();
  const styles = useViewStyles();
  if (findings.length === 0) return null;
  return (
    <div className={styles.stack} data-testid="cell-findings">
      {findings.map((f) => (
        <Notice key={`${f.sheet}!${f.cell} ${f.code}`} intent={f.severity === 'info' ? 'info' : f.severity}>
          {t('entry.finding', { cell: `${f.sheet}!${f.cell}`, message: f.message[locale] })}
        </Notice>
      ))}
    </div>
  );
}

/** The selected score cell's card; otherwise what to select. */
function SelectedCell({ card }: { card: SelectedCard }) {
  const { t } = useI18n();
  const styles = useViewStyles();
  if (card === null) return <Text className={styles.muted}>{t('entry.waiting')}</Text>;
  if ('outside' in card) return <Text className={styles.muted}>{t('entry.outside', { cell: card.outside })}</Text>;
  return <CriterionCard {...card} />;
}
