/**
 * A WorkbookHost on an in-memory snapshot, for the pane's tests: it applies plans to the
 * snapshot (cell writes, generated sheets) and records every call.
 */
import { parseA1 } from '../../../src/core/a1';
import type { CellContent, WritePlan } from '../../../src/core/plan';
import { resolveSheetName } from '../../../src/core/sheet-names';
import type { Cell, SheetSnapshot, WorkbookSnapshot } from '../../../src/core/snapshot';
import { readState, type WorkbookState } from '../../../src/core/state';
import type { ApplyResult, CellEvent, PickedFile, WorkbookHost } from '../../../src/taskpane/host/types';
import { withState } from '../../../src/taskpane/session/snapshot-state';

function cellOf(content: CellContent): Cell | null {
  switch (content.kind) {
    case 'empty':
      return null;
    case 'number':
      return { v: content.value, t: 'n' };
    case 'text':
      return { v: content.value, t: 's' };
    case 'formula':
      return {
        v: content.cached ?? null,
        t: typeof content.cached === 'string' ? 's' : 'n',
        f: content.formula.replace(/^=/, ''),
      };
  }
}

function setCell(sheet: SheetSnapshot, address: string, cell: Cell | null): void {
  const { row, col } = parseA1(address);
  while (sheet.cells.length < row) sheet.cells.push([]);
  const r = (sheet.cells[row - 1] ??= []);
  while (r.length < col) r.push(null);
  r[col - 1] = cell;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export class MemoryHost implements WorkbookHost {
  snapshot: WorkbookSnapshot;
  readonly plans: WritePlan[] = [];
  readonly selects: [string, string][] = [];
  readonly savedStates: WorkbookState[] = [];
  clearCount = 0;
  reads = 0;
  /** What pickFile() returns next. */
  file: PickedFile | null = null;
  /** What pickFiles() returns next ([] = the user cancelled). */
  files: PickedFile[] = [];
  /** Calls of pickFiles(). */
  filePicks = 0;
  /** Make the next applyPlan fail with this error. */
  failNextApply: unknown = null;
  private changed = new Set<(e: CellEvent) => void>();
  private selected = new Set<(e: CellEvent) => void>();

  constructor(snapshot: WorkbookSnapshot) {
    this.snapshot = clone(snapshot);
  }

  async readSnapshot(): Promise<WorkbookSnapshot> {
    this.reads++;
    return clone(this.snapshot);
  }

  async applyPlan(plan: WritePlan): Promise<ApplyResult> {
    if (this.failNextApply) {
      const e = this.failNextApply;
      this.failNextApply = null;
      throw e;
    }
    this.plans.push(clone(plan));
    for (const w of plan.cellWrites) {
      const sheet = this.snapshot.sheets.find((s) => s.name === w.sheet);
      if (sheet) setCell(sheet, w.address, cellOf(w.content));
    }
    const state = readState(this.snapshot);
    const sheetNames = new Map<string, string>();
    for (const g of plan.sheets) {
      const decision = resolveSheetName(
        g.name,
        this.snapshot.sheets.map((s) => s.name),
        state.ownedSheets,
      );
      const sheet: SheetSnapshot = {
        name: decision.name,
        cells: g.rows.map((r) => r.map(cellOf)),
        merges: [],
        hiddenRows: [],
        hiddenColumns: [],
        protected: false,
        visibility: 'visible',
      };
      this.snapshot.sheets = decision.replaces
        ? this.snapshot.sheets.map((s) => (s.name === decision.name ? sheet : s))
        : [...this.snapshot.sheets, sheet];
      state.ownedSheets.push(decision.name);
      sheetNames.set(g.name, decision.name);
    }
    this.snapshot = withState(this.snapshot, state);
    return { sheetNames };
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.selects.push([sheet, cell]);
  }

  async clearHighlights(): Promise<void> {
    this.clearCount++;
  }

  async saveState(state: WorkbookState): Promise<void> {
    this.savedStates.push(clone(state));
    this.snapshot = withState(this.snapshot, state);
  }

  onChanged(handler: (e: CellEvent) => void) {
    this.changed.add(handler);
    return () => void this.changed.delete(handler);
  }

  onSelectionChanged(handler: (e: CellEvent) => void) {
    this.selected.add(handler);
    return () => void this.selected.delete(handler);
  }

  async pickFile(): Promise<PickedFile | null> {
    return this.file;
  }

  async pickFiles(): Promise<PickedFile[]> {
    this.filePicks++;
    return this.files;
  }

  /** The user types into a cell. */
  edit(sheet: string, address: string, cell: Cell | null): void {
    const s = this.snapshot.sheets.find((x) => x.name === sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    setCell(s, address, cell);
    for (const h of this.changed) h({ sheet, address });
  }

  /** The user moves the selection. */
  selectInExcel(sheet: string, address: string): void {
    for (const h of this.selected) h({ sheet, address });
  }
}
