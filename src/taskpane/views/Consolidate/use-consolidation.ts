import { useMemo, useState } from 'react';
import { consolidate, type ConsolidationResult } from '../../../core/consolidate';
import { readState } from '../../../core/state';
import { pickFilesWithInput } from '../../host/pick-files';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { priorOf } from '../Compare/comparison';
import type { ConsolidateFilesState, ConsolidateFilesStore } from './files-store';

type Outcome = { result: ConsolidationResult; error?: undefined } | { result?: undefined; error: unknown };

/**
 * The forms read so far, consolidated by the core as `par-scorecard consolidate` does (null
 * before a batch is read; the error when the core throws), and the sentence that sums it up.
 */
export function useConsolidation(state: ConsolidateFilesState) {
  const { t, locale } = useI18n();
  const target = useWriteTarget();
  const order = usePriorOrder();
  const outcome = useMemo<Outcome | null>(() => {
    if (!state.inputs || state.inputs.length === 0) return null;
    try {
      return { result: consolidate(state.inputs, { score: state.score, year: state.year ?? undefined, locale, target, order }) };
    } catch (error) {
      return { error };
    }
  }, [state.inputs, state.score, state.year, locale, target, order]);
  const result = outcome?.result ?? null;
  const summary = result
    ? t('consolidate.summary', {
        year: result.year ?? t('consolidate.noYear'),
        units: result.units.length,
        files: state.files.length,
        excluded: result.excluded.length,
      })
    : '';
  return { outcome, result, summary };
}

/**
 * The open workbook's sheet names and the tool's own sheets: planned under the names the sheets
 * will get in this workbook, the ranking cites the consolidation written now even when an older
 * one keeps its name (issue #15).
 */
function useWriteTarget() {
  const { snapshot } = useSession();
  return useMemo(
    () => (snapshot ? { sheetNames: snapshot.sheets.map((s) => s.name), owned: readState(snapshot).ownedSheets } : undefined),
    [snapshot],
  );
}

/** The units' order: the prior year chosen in "So sánh năm trước", when there is one. */
function usePriorOrder() {
  const { analysis, prior } = useSession();
  return useMemo(() => {
    const table = analysis ? priorOf(analysis, prior) : null;
    return table && table.table.layout !== 'scorecard' ? table.table.series.map((x) => x.name) : undefined;
  }, [analysis, prior]);
}

/** Picking the forms, and writing the consolidation's sheets into the open workbook. */
export function useConsolidateActions(store: ConsolidateFilesStore) {
  const { t } = useI18n();
  const session = useSession();
  const { host } = session;
  const [notice, setNotice] = useState('');

  const pick = async () => {
    setNotice('');
    store.setError(null);
    try {
      const files = await (host.pickFiles ? host.pickFiles() : pickFilesWithInput());
      if (files.length > 0) await store.load(files);
    } catch (e) {
      store.setError({ kind: 'pick', cause: e });
    }
  };

  const write = async (result: ConsolidationResult) => {
    if (result.units.length === 0) return;
    setNotice('');
    // `result.merges` (the merged header cells of the consolidation) are not expressible in a
    // WritePlan yet: the pane skips them; the sheet is complete without them, only plainer.
    const applied = await session.apply(result.plan, t('consolidate.writing'));
    if (!applied) return;
    const nameOf = (desired: string) => applied.sheetNames.get(desired) ?? desired;
    setNotice(t('consolidate.written', { names: result.plan.sheets.map((s) => `"${nameOf(s.name)}"`).join(', ') }));
    // As `par-scorecard consolidate` does: the consolidation is the user's data from now on (the
    // tool owns only the result sheets), so the other views read it like any consolidation.
    const consolidation = nameOf(result.sheets.consolidation);
    await session.updateState((s) => ({ ...s, ownedSheets: s.ownedSheets.filter((n) => n !== consolidation) }));
  };

  return { notice, pick, write };
}
