import { useMemo, useState } from 'react';
import { planCompute, type ComputePlanResult } from '../../../core/compute-plan';
import { isRanked, rankTable } from '../../../core/engine';
import type { TableResult } from '../../../core/totals';
import type { Finding } from '../../../core/finding';
import type { TieRule } from '../../../core/rank';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { TYPED_CODES, tableErrors } from './rank-findings';

/** The ranked tables, the one chosen (the first by default), its units in rank order and its errors. */
export function useRankedTable(ties: TieRule) {
  const { analysis } = useSession();
  const [tableId, setTableId] = useState<string | null>(null);
  const ranked = useMemo(() => (analysis?.results ?? []).filter((r) => isRanked(r.table)), [analysis]);
  const result = ranked.find((r) => r.table.id === tableId) ?? ranked[0];
  const rows = useMemo(() => {
    if (!result) return [];
    return rankTable(result, ties)
      .map((r, i) => ({ ...r, order: i }))
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.order - b.order);
  }, [result, ties]);
  const errors = useMemo(() => (result && analysis ? tableErrors(analysis.findings, result.table) : []), [analysis, result]);
  return { ranked, result, rows, errors, setTableId };
}

/** What the last write left to say: the sheet written, totals that differ, dense ranks put elsewhere. */
export interface RankWritten {
  notice: string;
  // Totals written where the table does not add up: Excel shows the table's own arithmetic there.
  differs: string[];
  // Dense ranks left out of a very large table's rank row (compute-plan.ts, DENSE_FORMULA_MAX_UNITS).
  denseElsewhere: string;
}

const NOTHING_WRITTEN: RankWritten = { notice: '', differs: [], denseElsewhere: '' };

/**
 * Writing the chosen table's totals and ranks: first asking before writing over a table with
 * errors ("Vẫn ghi" is the explicit choice) or over totals and ranks the user typed.
 */
export function useRankWrite(result: TableResult | undefined, ties: TieRule, errors: readonly Finding[]) {
  const { t, locale } = useI18n();
  const session = useSession();
  const [pending, setPending] = useState<ComputePlanResult | null>(null);
  const [askErrors, setAskErrors] = useState(false);
  const [written, setWritten] = useState<RankWritten>(NOTHING_WRITTEN);

  // Only the chosen table is computed (a workbook may hold several groups). The view offers
  // writing only with a workbook open, so its snapshot and analysis are there.
  const plan = (overwriteTotals: boolean) =>
    planCompute(session.snapshot!, { ...session.analysis!, results: result ? [result] : [] }, { ties, locale, overwriteTotals });

  const write = async (planned: ComputePlanResult) => {
    setPending(null);
    const applied = await session.apply(planned.plan, t('app.working'));
    if (!applied) return;
    const desired = planned.plan.sheets[0]?.name ?? '';
    setWritten({
      notice: t('rank.written', { name: applied.sheetNames.get(desired) ?? desired }),
      differs: planned.findings.filter((f) => f.code === 'write/total-differs').map((f) => f.cell),
      denseElsewhere: planned.findings.find((f) => f.code === 'write/dense-rank-sheet')?.message[locale] ?? '',
    });
  };
  const start = (errorsAccepted = false) => {
    setAskErrors(false);
    if (errors.length > 0 && !errorsAccepted) {
      setAskErrors(true);
      return;
    }
    setWritten(NOTHING_WRITTEN);
    const planned = plan(false);
    if (planned.findings.some((f) => TYPED_CODES.has(f.code))) setPending(planned);
    else void write(planned);
  };
  const typed = pending?.findings.filter((f) => TYPED_CODES.has(f.code)) ?? [];
  const replaceTyped = () => void write(plan(true));
  const keepTyped = () => pending && void write(pending);
  return {
    written,
    start,
    askErrors,
    cancelErrors: () => setAskErrors(false),
    typed,
    replaceTyped,
    keepTyped,
    cancelTyped: () => setPending(null),
    pending,
  };
}

/** The write's state and actions, as the view's dialogs use them. */
export type RankWriting = ReturnType<typeof useRankWrite>;
