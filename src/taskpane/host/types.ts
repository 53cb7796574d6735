/**
 * What the task pane's views need from the workbook they work on. The views never call Office.js:
 * they talk to a WorkbookHost, so the same views run in Excel (OfficeHost), on a file the user
 * opened in the browser (a later host), and in tests (an in-memory host).
 */
import type { WritePlan } from '../../core/plan';
import type { WorkbookSnapshot } from '../../core/snapshot';
import type { WorkbookState } from '../../core/state';

/** A cell the user selected or changed. `address` is the A1 address of the range's top-left cell. */
export interface CellEvent {
  sheet: string;
  /** A1 address ("D23") or range ("D23:E25") as the host reports it. */
  address: string;
}

/** A file the user chose; its bytes stay on this computer. */
export interface PickedFile {
  name: string;
  data: ArrayBuffer;
}

/** What applying a plan did: the names the generated sheets got (desired name → actual name). */
export interface ApplyResult {
  sheetNames: Map<string, string>;
}

/** Unsubscribes an event handler. */
export type Unsubscribe = () => void;

/** Re-validation after edits: the snapshot this host returned last and the sheets edited since. */
export interface ReadAfterEdits {
  previous: WorkbookSnapshot;
  /** Sheet names from the change events since `previous` was read. */
  changed: ReadonlySet<string>;
}

export interface WorkbookHost {
  /**
   * A plain snapshot of every sheet (and the hidden state sheet). With `after`, a host may keep the
   * unchanged sheets of `after.previous` (OfficeHost does); the result equals a full read.
   */
  readSnapshot(after?: ReadAfterEdits): Promise<WorkbookSnapshot>;
  /** Apply a write plan (cell writes, generated sheets, highlights, data validation). */
  applyPlan(plan: WritePlan): Promise<ApplyResult>;
  /** Activate a sheet and select a cell. */
  select(sheet: string, cell: string): Promise<void>;
  /** Remove only the highlights this tool added. */
  clearHighlights(): Promise<void>;
  /** Remember the tool's state (ignored findings, corrections) inside the workbook. */
  saveState(state: WorkbookState): Promise<void>;
  /** Called after the user edits cells (the session reads again at once; reads never overlap). */
  onChanged(handler: (event: CellEvent) => void): Unsubscribe;
  /** Called when the selection moves. */
  onSelectionChanged(handler: (event: CellEvent) => void): Unsubscribe;
  /** Ask the user for a workbook file; null when they cancel. */
  pickFile(): Promise<PickedFile | null>;
  /**
   * Ask the user for several workbook files at once ("Tổng hợp từ các tệp"); [] when they cancel.
   * The bytes are read locally and never uploaded. Optional while every host catches up: a host
   * without it gets `pickFilesWithInput()` (./pick-files), which any DOM-based host can reuse.
   */
  pickFiles?(): Promise<PickedFile[]>;
  /**
   * Hand the user a file the pane made (the Word report): 'downloaded' when the browser saves it
   * (the standalone page, Excel on the web), 'offered' when the host may refuse a download from
   * the pane (Excel on Windows and Mac: see office-host.ts). Never uploaded. Optional: without it
   * the pane downloads through a Blob link (save-file.ts).
   */
  saveFile?(file: SavedFile): Promise<SaveOutcome>;
  /**
   * Open the pane's own page in the user's browser, outside Office (where a download works);
   * false where the host cannot (no OpenBrowserWindowApi 1.1, not inside Office).
   */
  openInBrowser?(): boolean;
}

/** A file the pane made, to be saved on this computer. */
export interface SavedFile {
  name: string;
  data: Uint8Array;
  mime: string;
}

export type SaveOutcome = 'downloaded' | 'offered';
