/**
 * The WorkbookHost of a workbook FILE opened in a plain browser (standalone mode: no Excel).
 * The file's bytes stay in memory in this page: every view runs through the .xlsx adapter
 * (src/hosts/xlsx), which is loaded lazily as its own chunk so that the add-in inside Excel never
 * downloads it. Nothing is uploaded and no request is made.
 *
 * - readSnapshot: the snapshot of the current bytes (parsed once per version, by the direct
 *   reader: readWorkbookBytes);
 * - applyPlan: applyPlanToBytes (the plan patched into the parts it touches, charts, pivot tables
 *   and other parts kept byte for byte); the new bytes become the current workbook;
 * - select: remembered and announced to onSelectionChanged (the preview outlines that cell);
 * - saveState: the user's decisions (ignored findings, corrections) written into the state sheet,
 *   a patch of that sheet only (saveStateToBytes);
 * - clearHighlights: removes only the highlights this tool recorded, a patch of the sheets that
 *   carry them and of the state sheet (clearHighlightsInBytes);
 * - highlights: the highlights written since the file was opened (the preview colours their cells);
 * - onChanged never fires (nobody edits the file while it is open here);
 * - pickFile / pickFiles: <input type="file">.
 *
 * Operations that rewrite the bytes run one after another (a queue), so a state save started
 * while a plan is applied never loses either change.
 */
import type { LiveConditionalFormat, WritePlan } from '../../core/plan';
import type { WorkbookSnapshot } from '../../core/snapshot';
import type { WorkbookState } from '../../core/state';
import { PaneError } from './errors';
import { pickFileWithInput } from './pick-file';
import { pickFilesWithInput } from './pick-files';
import { saveWithLink } from './save-file';
import type { ApplyResult, CellEvent, PickedFile, SavedFile, SaveOutcome, Unsubscribe, WorkbookHost } from './types';

/** The browser-safe .xlsx adapter (typed without a static import: it must stay a lazy chunk). */
export type XlsxModule = typeof import('../../hosts/xlsx');

/** Load the .xlsx adapter as its own chunk (shared with "So sánh năm trước"'s file reader). */
export const loadXlsxModule = (): Promise<XlsxModule> => import(/* webpackChunkName: "xlsx-reader" */ '../../hosts/xlsx');

export interface BrowserFileHostOptions {
  pickFile?: () => Promise<PickedFile | null>;
  pickFiles?: () => Promise<PickedFile[]>;
  /** The .xlsx adapter; tests may pass it directly. */
  loadXlsx?: () => Promise<XlsxModule>;
}

/** The workbook held in memory: the file as opened plus everything written since. */
export interface OpenWorkbook {
  /** The name of the file the user opened ("tong-hop-xa-2025.xlsx"). */
  name: string;
  data: Uint8Array;
  /** Increases with every change of the bytes. */
  version: number;
  /** True once the tool has written into the workbook. */
  modified: boolean;
}

/** "tong-hop-xa-2025.xlsx" → "tong-hop-xa-2025-ket-qua.xlsx" (the name of the downloaded result). */
export function resultFileName(original: string): string {
  const base = (original.split(/[\\/]/).pop() ?? '').replace(/\.(xlsx|xlsm|xls)$/i, '').trim() || 'so-lam-viec';
  return `${base}-ket-qua.xlsx`;
}

export class BrowserFileHost implements WorkbookHost {
  private readonly pick: () => Promise<PickedFile | null>;
  private readonly pickMany: () => Promise<PickedFile[]>;
  private readonly loadXlsx: () => Promise<XlsxModule>;
  private workbook: OpenWorkbook | null = null;
  private parsed: { version: number; snapshot: WorkbookSnapshot } | null = null;
  private selection: CellEvent | null = null;
  private readonly selectionHandlers = new Set<(event: CellEvent) => void>();
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private marks: LiveConditionalFormat[] = [];
  private readonly generated = new Set<string>();
  private versions = 0;

  constructor(options: BrowserFileHostOptions = {}) {
    this.pick = options.pickFile ?? (() => pickFileWithInput());
    this.pickMany = options.pickFiles ?? (() => pickFilesWithInput());
    this.loadXlsx = options.loadXlsx ?? loadXlsxModule;
  }

  /** The workbook open now, or null before the user opened one. */
  get current(): Readonly<OpenWorkbook> | null {
    return this.workbook;
  }

  /** The cell last selected (by a finding, "Đến bảng" or a click in the preview). */
  get selected(): CellEvent | null {
    return this.selection;
  }

  /**
   * The highlights (conditional formats) written into the workbook since it was opened, in
   * priority order, as the writers leave them: a run's highlights on a sheet replace ours there,
   * a regenerated sheet brings its own, "Xóa tô màu" removes those on the user's sheets. (The
   * workbook file carries them too; those of an earlier session are not read back.)
   */
  get highlights(): readonly LiveConditionalFormat[] {
    return this.marks;
  }

  /** Be told when the workbook or the selection changes (the preview and the file bar listen). */
  subscribe(listener: () => void): Unsubscribe {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Open a workbook from bytes. It is read first: a file that is not a readable workbook throws
   * the .xlsx adapter's WorkbookReadError (with a message for the user) and the workbook open
   * until then stays open.
   */
  async open(file: PickedFile): Promise<WorkbookSnapshot> {
    return this.serial(async () => {
      const xlsx = await this.loadXlsx();
      const data = new Uint8Array(file.data.slice(0));
      const snapshot = await xlsx.readWorkbookBytes(data, file.name);
      const version = ++this.versions;
      this.workbook = { name: file.name, data, version, modified: false };
      this.parsed = { version, snapshot };
      this.selection = null;
      this.marks = [];
      this.generated.clear();
      this.notify();
      return snapshot;
    });
  }

  /** The current bytes, as a downloadable file named `<original>-ket-qua.xlsx`. */
  result(): { name: string; data: Uint8Array } | null {
    const wb = this.workbook;
    return wb ? { name: resultFileName(wb.name), data: wb.data } : null;
  }

  async readSnapshot(): Promise<WorkbookSnapshot> {
    return this.serial(async () => {
      const wb = this.requireWorkbook();
      if (this.parsed?.version === wb.version) return this.parsed.snapshot;
      const xlsx = await this.loadXlsx();
      const snapshot = await xlsx.readWorkbookBytes(wb.data, wb.name);
      this.parsed = { version: wb.version, snapshot };
      return snapshot;
    });
  }

  async applyPlan(plan: WritePlan): Promise<ApplyResult> {
    return this.serial(async () => {
      const wb = this.requireWorkbook();
      const xlsx = await this.loadXlsx();
      const { data, applied } = await xlsx.applyPlanToBytes(wb.data, plan, { fileName: wb.name });
      this.recordHighlights(plan, applied.sheetNames);
      this.replaceBytes(data);
      return { sheetNames: applied.sheetNames };
    });
  }

  async select(sheet: string, cell: string): Promise<void> {
    const address = cell.replace(/\$/g, '').toUpperCase();
    this.selection = { sheet, address };
    for (const handler of [...this.selectionHandlers]) handler({ sheet, address });
    this.notify();
  }

  async clearHighlights(): Promise<void> {
    await this.rewrite(async (xlsx, wb) => (await xlsx.clearHighlightsInBytes(wb.data, { fileName: wb.name })).data);
    this.marks = this.marks.filter((m) => this.generated.has(m.sheet));
    this.notify();
  }

  async saveState(state: WorkbookState): Promise<void> {
    // What the user decides (ignored findings, corrections) comes from the pane; what the tool
    // owns (sheets, highlights) stays as the workbook records it.
    const decide = (recorded: WorkbookState): WorkbookState => ({
      ...recorded,
      ignoredFindings: [...state.ignoredFindings],
      corrections: [...state.corrections],
    });
    await this.rewrite(async (xlsx, wb) => (await xlsx.saveStateToBytes(wb.data, decide, { fileName: wb.name })).data);
  }

  onChanged(_handler: (event: CellEvent) => void): Unsubscribe {
    // Nobody edits the file while it is open in the browser.
    return () => undefined;
  }

  onSelectionChanged(handler: (event: CellEvent) => void): Unsubscribe {
    this.selectionHandlers.add(handler);
    return () => void this.selectionHandlers.delete(handler);
  }

  pickFile(): Promise<PickedFile | null> {
    return this.pick();
  }

  pickFiles(): Promise<PickedFile[]> {
    return this.pickMany();
  }

  /** A file the pane made (the Word report): the browser's download, as the result workbook's. */
  async saveFile(file: SavedFile): Promise<SaveOutcome> {
    saveWithLink(file);
    return 'downloaded';
  }

  // -------------------------------------------------------------------------------------------

  private requireWorkbook(): OpenWorkbook {
    if (!this.workbook) throw new PaneError('read', 'error.read');
    return this.workbook;
  }

  /** Replace the bytes by what `change` makes of them, after every operation queued before. */
  private async rewrite(change: (xlsx: XlsxModule, wb: OpenWorkbook) => Promise<Uint8Array>): Promise<void> {
    await this.serial(async () => {
      const wb = this.requireWorkbook();
      const xlsx = await this.loadXlsx();
      this.replaceBytes(await change(xlsx, wb));
    });
  }

  /** What applying `plan` did to the highlights (see `highlights`). */
  private recordHighlights(plan: WritePlan, sheetNames: Map<string, string>): void {
    const targeted = new Set(plan.conditionalFormats.map((cf) => cf.sheet));
    const sheets = plan.sheets.map((sheet) => ({ sheet, name: sheetNames.get(sheet.name) ?? sheet.name }));
    const replaced = new Set(sheets.map((s) => s.name));
    for (const name of replaced) this.generated.add(name);
    this.marks = [
      ...this.marks.filter((m) => !targeted.has(m.sheet) && !replaced.has(m.sheet)),
      ...plan.conditionalFormats,
      ...sheets.flatMap(({ sheet, name }) => sheet.conditionalFormats.map((cf) => ({ ...cf, sheet: name }))),
    ];
  }

  private replaceBytes(data: Uint8Array): void {
    const wb = this.requireWorkbook();
    this.workbook = { ...wb, data, version: ++this.versions, modified: true };
    this.notify();
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
