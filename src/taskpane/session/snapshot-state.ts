/**
 * Keeping the in-memory snapshot in step with the state the pane saves: the engine reads the
 * state from the (very hidden) state sheet of the snapshot, so after saving we patch that sheet
 * locally instead of reading the whole workbook again.
 */
import type { Cell, SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import { STATE_SHEET_NAME, isStateSheet, stateRows, type WorkbookState } from '../../core/state';

export function withState(snapshot: WorkbookSnapshot, state: WorkbookState): WorkbookSnapshot {
  const cells: Cell[][] = stateRows(state).map(([k, v]) => [
    { v: k, t: 's' },
    { v, t: 's' },
  ]);
  const stateSheet: SheetSnapshot = {
    name: STATE_SHEET_NAME,
    cells,
    merges: [],
    hiddenRows: [],
    hiddenColumns: [],
    protected: false,
    visibility: 'veryHidden',
  };
  const others = snapshot.sheets.filter((s) => !isStateSheet(s));
  return { ...snapshot, sheets: [...others, stateSheet] };
}
