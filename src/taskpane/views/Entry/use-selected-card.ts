import { useMemo } from 'react';
import { parseA1 } from '../../../core/a1';
import { locateScoreCell, priorScoreOf } from '../../../core/score-entry';
import { readScore } from '../../../core/scores';
import { cellText } from '../../../core/snapshot';
import type { CriterionCardProps } from '../../components/CriterionCard';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { useComparison } from '../Compare/comparison';

/** The card about the selected score cell, the address of a cell outside the tables, or null before a selection. */
export type SelectedCard = CriterionCardProps | { outside: string } | null;

/** The selected cell's criterion, unit, maximum, score, rule, prior-year score and evidence. */
export function useSelectedCard(): SelectedCard {
  const { num } = useI18n();
  const { snapshot, analysis, selection } = useSession();
  const { prior, comparison } = useComparison();
  return useMemo((): SelectedCard => {
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
}
