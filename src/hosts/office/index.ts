/**
 * The Office.js host: pure functions over Excel.RequestContext (no React). Use inside Excel.run:
 *
 *   const snapshot = await Excel.run((ctx) => readSnapshot(ctx));
 *   const result = await Excel.run((ctx) => applyPlan(ctx, plan, readState(snapshot)));
 */
export { readSnapshot, readSnapshotWithStats, toCell, parseAreas, type ReadSnapshotOptions, type ReadStats } from './read';
export {
  applyPlan,
  clearHighlights,
  selectCell,
  formulaInput,
  literalText,
  columnWidthPoints,
  stateFromValues,
  type ApplyOptions,
  type ApplyResult,
  type AppliedSheet,
  type ClearHighlightsResult,
} from './write';
export { OfficeWriteError, isOfficeWriteError, officeErrorCode, writeErrorMessage, type OfficeWriteErrorReason } from './errors';
export { isSetSupported, requireSet, OfficeRequirementError, FEATURE_SETS, MINIMUM_EXCEL_API, type Bilingual } from './requirements';
export { jsonBytes, utf8Length, REQUEST_BUDGET_BYTES, EXCEL_PAYLOAD_LIMIT_BYTES } from './payload';
export { isDateFormat } from '../../core/number-format';
