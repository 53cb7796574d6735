import { Button, Text } from '@fluentui/react-components';
import { CheckboxCheckedRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import { parseA1 } from '../../../core/a1';
import { emptyPlan, type WritePlan } from '../../../core/plan';
import { locateScoreCell, planScoreEntry, priorScoreOf } from '../../../core/score-entry';
import { readScore } from '../../../core/scores';
import { cellText } from '../../../core/snapshot';
import { CriterionCard, type CriterionCardProps } from '../../components/CriterionCard';
import { Notice } from '../../components/Notice';
import { SeverityCounts } from '../../components/SeverityCounts';
import { Busy } from '../../components/Busy';
import { countFindings } from '../../../core/finding';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useComparison } from '../Compare/comparison';
import { useViewStyles } from '../shared/styles';

/** "Nhập điểm": data validation on score cells, and a card about the selected cell. */
export default function EntryView() {
  const { t, num, locale } = useI18n();
  const styles = useViewStyles();
  const session = useSession();
  const { snapshot, analysis, selection, revalidating } = session;
  const { prior, comparison } = useComparison();
  const [notice, setNotice] = useState<{ intent: 'success' | 'info'; text: string } | null>(null);

  const card = useMemo((): CriterionCardProps | { outside: string } | null => {
    if (!selection || !snapshot || !analysis) return null;
    const sheet = snapshot.sheets.find((s) => s.name === selection.sheet);
    let pos: { row: number; col: number };
    try {
      pos = parseA1(selection.address.split(':')[0].replace(/^.*!/, ''));
    } catch {
      return null;
    }
    const address = `${selection.sheet}!${selection.address.split(':')[0].replace(/^.*!/, '')}`;
    const info = sheet ? locateScoreCell(analysis.tables, sheet, pos.row, pos.col) : null;
    if (!info?.criterion) return { outside: address };
    const { criterion, series, scoreCell, evidence, table } = info;
    const reading = readScore(scoreCell);
    let priorText: string | null = null;
    if (prior && series) {
      const unitMap = new Map((comparison?.units ?? []).filter((u) => u.priorUnit).map((u) => [u.unit, u.priorUnit!]));
      const value = priorScoreOf(table, series, criterion.key, prior.result, unitMap);
      priorText = value ? num(value) : '';
    }
    return {
      cell: address,
      criterion: `${criterion.rawCode} ${criterion.title}`.trim(),
      unit: table.layout === 'scorecard' && table.unitName && series ? `${table.unitName} — ${series.name}` : series?.name,
      max: criterion.max ? num(criterion.max) : undefined,
      current: reading.kind === 'number' ? num(reading.value) : cellText(scoreCell) || undefined,
      rule: criterion.ruleText,
      prior: priorText,
      evidence,
      survey: criterion.survey,
    };
  }, [selection, snapshot, analysis, prior, comparison, num]);

  if (!analysis) return null;

  const addValidation = async () => {
    setNotice(null);
    const plan: WritePlan = { ...emptyPlan(), dataValidations: analysis.tables.flatMap((tb) => planScoreEntry(tb, locale).dataValidations ?? []) };
    const count = plan.dataValidations?.length ?? 0;
    if (count === 0) {
      setNotice({ intent: 'info', text: t('entry.noRules') });
      return;
    }
    const applied = await session.apply(plan, t('app.working'));
    if (applied) setNotice({ intent: 'success', text: t('entry.validated', { count }) });
  };

  return (
    <section className={styles.root} aria-labelledby="entry-heading">
      <h2 id="entry-heading" className={styles.heading}>
        {t('entry.heading')}
      </h2>
      <Text>{t('entry.intro')}</Text>
      <div className={styles.row}>
        <Button icon={<CheckboxCheckedRegular />} disabled={!!session.busy || analysis.tables.length === 0} onClick={() => void addValidation()}>
          {t('entry.validate')}
        </Button>
      </div>
      {notice ? <Notice intent={notice.intent}>{notice.text}</Notice> : null}
      <SeverityCounts counts={countFindings(analysis.findings)} />
      {revalidating ? <Busy label={t('check.revalidating')} /> : null}
      {card === null ? (
        <Text className={styles.muted}>{t('entry.waiting')}</Text>
      ) : 'outside' in card ? (
        <Text className={styles.muted}>{t('entry.outside', { cell: card.outside })}</Text>
      ) : (
        <CriterionCard {...card} />
      )}
    </section>
  );
}
