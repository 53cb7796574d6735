/**
 * The import point of the ribbon's "Kiểm tra nhanh" (quick check): the engine's findings for a
 * snapshot, counted by severity.
 */
import type { WorkbookSnapshot } from '../core/snapshot';
import { analyzeWorkbook, countFindings } from '../core/engine';

export interface QuickValidation {
  errors: number;
  warnings: number;
  info: number;
}

export function runQuickValidation(snapshot: WorkbookSnapshot): QuickValidation {
  const counts = countFindings(analyzeWorkbook(snapshot).findings);
  return { errors: counts.error, warnings: counts.warning, info: counts.info };
}
