import { useMemo, useState } from 'react';
import { hasPriorProblem, planComparison, type Comparison } from '../../../core/compare';
import { PaneError } from '../../host/errors';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/WorkbookSession';
import { priorFromWorkbook, useComparison } from './comparison';
import { readPickedWorkbook } from './load-prior';

export type SourceKind = 'workbook' | 'file';

/**
 * The comparison view's state and actions: where the prior year comes from, the comparison,
 * and choosing the prior year, writing the comparison sheet and clearing the highlights.
 */
export function useCompare() {
  const session = useSession();
  const { current, comparison } = useComparison();
  const [kind, setKind] = useState<SourceKind>(session.prior?.kind ?? 'workbook');
  const [notice, setNotice] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { analysis } = session;
  // The tables the prior year can be taken from: every table of the workbook but the current one.
  const others = useMemo(
    () => (analysis?.results ?? []).map((r) => r.table).filter((tb) => tb.id !== current?.table.id),
    [analysis, current],
  );
  const actions = useCompareActions(setNotice);
  const choosePriorTable = (tableId: string) => {
    setNotice('');
    session.setPrior({ kind: 'workbook', tableId });
  };
  const writeSheet = () => {
    setConfirming(false);
    if (comparison) void actions.writeSheet(comparison);
  };
  // A prior year that cannot be this table's (not earlier, one unit's form, too few units in
  // common) is written only after the user confirms: its sheet and sentences would be wrong.
  const askToWrite = () => (comparison && hasPriorProblem(comparison.findings) ? setConfirming(true) : writeSheet());
  const cancelWrite = () => setConfirming(false);
  const { pickFile, clear } = actions;
  return {
    current,
    comparison,
    others,
    kind,
    setKind,
    notice,
    confirming,
    pickFile,
    clear,
    choosePriorTable,
    askToWrite,
    writeSheet,
    cancelWrite,
  };
}

/** What the buttons do in the workbook; each says what it did in `setNotice`. */
function useCompareActions(setNotice: (notice: string) => void) {
  const { t, locale } = useI18n();
  const session = useSession();
  const { host } = session;

  const pickFile = async () => {
    setNotice('');
    const loaded = await session.run(t('app.working'), async () => {
      const file = await host.pickFile();
      if (!file) return null;
      const workbook = await readPickedWorkbook(file);
      const found = priorFromWorkbook(workbook);
      if (!found) throw new PaneError('read', 'compare.fileNoTable', { name: file.name });
      session.setPrior({ kind: 'file', fileName: file.name, table: found.table, result: found.result });
      return file.name;
    });
    if (loaded) setNotice(t('compare.fileLoaded', { name: loaded }));
  };

  const writeSheet = async (comparison: Comparison) => {
    setNotice('');
    const { sheet, write } = planComparison(comparison, locale);
    const applied = await session.apply(write, t('app.working'));
    if (applied) setNotice(t('compare.written', { name: applied.sheetNames.get(sheet.name) ?? sheet.name }));
  };

  const clear = async () => {
    setNotice('');
    const done = await session.run(t('app.working'), async () => {
      await host.clearHighlights();
      return true;
    });
    if (done) setNotice(t('compare.cleared'));
  };

  return { pickFile, writeSheet, clear };
}
