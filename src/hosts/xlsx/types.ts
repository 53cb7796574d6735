/**
 * The .xlsx host's option and result types (node.ts, bytes.ts, ooxml/).
 */
import type { GeneratedSheetPurpose } from '../../core/plan';
import type { WorkbookState } from '../../core/state';
import type { SizeLimits, ZipCodec } from './zip';

export interface ReadOptions {
  /**
   * Size guards; defaults to 50 MB file, 200 MB per sheet XML, 500 MB total uncompressed,
   * 200,000 rows per sheet, 1,000,000 cells and a 10,000,000-position grid per workbook.
   */
  limits?: Partial<SizeLimits>;
  /** Native inflation where the host has it (Node's zlib: node.ts); else the standard streams. */
  codec?: ZipCodec;
}

export interface AppliedSheet {
  /** The name the engine asked for. */
  desired: string;
  /** The name actually used. */
  name: string;
  purpose: GeneratedSheetPurpose;
  /** True when an earlier sheet of ours with that name was replaced. */
  replaced: boolean;
}

export interface AppliedPlan {
  sheets: AppliedSheet[];
  /** Desired name → name actually used, for each generated sheet (for messages). */
  sheetNames: Map<string, string>;
  cellsWritten: number;
  /** Highlights added on the user's sheets. */
  conditionalFormatsAdded: number;
  /** Our earlier highlights removed from the user's sheets. */
  conditionalFormatsRemoved: number;
  /** Cells that received data validation. */
  validatedCells: number;
  /** The state as written to the state sheet. */
  state: WorkbookState;
}

export interface AppliedBuffer {
  data: Uint8Array;
  applied: AppliedPlan;
}
