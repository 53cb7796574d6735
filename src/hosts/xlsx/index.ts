/**
 * The .xlsx host, browser-safe part (the standalone page's file host loads it as the chunk
 * "xlsx-reader"): the package path only (bytes.ts, ooxml/), no ExcelJS and no JSZip. Node code
 * (file reading, atomic writes) lives in ./node.
 */
export { readWorkbookBytes, applyPlanToBytes, saveStateToBytes, clearHighlightsInBytes, defaultZipCodec, type BytesOptions } from './bytes';
export type { AppliedPlan, AppliedSheet, AppliedBuffer } from './types';
export {
  WorkbookReadError,
  WorkbookWriteError,
  isWorkbookReadError,
  isWorkbookWriteError,
  readErrorMessage,
  writeErrorMessage,
  type BilingualMessage,
  type WorkbookReadErrorReason,
  type WorkbookWriteErrorReason,
} from './errors';
export { preflightWorkbook, readCentralDirectory, DEFAULT_LIMITS, type SizeLimits, type ZipCodec, type ZipEntryInfo } from './zip';
export { toFileFormula, fromFileFormula } from './formula';
