/**
 * The .xlsx host (ExcelJS), browser-safe part. Node code (file reading, atomic writes) lives in
 * ./node, which re-exports everything here.
 */
export {
  readWorkbookBuffer,
  loadWorkbook,
  workbookToSnapshot,
  worksheetToSnapshot,
  dateToSerial,
  type ReadOptions,
} from './read';
export {
  applyPlanToWorkbook,
  applyPlanToBuffer,
  applyPlanToBufferDetailed,
  clearOwnedHighlights,
  readWorkbookState,
  writeWorkbookState,
  writeCellContent,
  workbookToBytes,
  isProtected,
  type AppliedPlan,
  type AppliedSheet,
  type AppliedBuffer,
} from './write';
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
export { browserZipCodec, preflightWorkbook, readCentralDirectory, normalizeZipTimestamps, DEFAULT_LIMITS, type SizeLimits, type ZipCodec, type ZipEntryInfo } from './zip';
export { toFileFormula, fromFileFormula } from './formula';
export { readWorkbookBytes, applyPlanToBytes } from './direct';
