/**
 * Write a plan into a NEW workbook (no input file to copy): `par-scorecard consolidate` builds the
 * consolidation from scratch. The plan is applied by the .xlsx host exactly as for a copy of a
 * user's file; merged header cells (not part of the plan type) are added afterwards, and sheets
 * that become the user's own data (the consolidation) are left out of the sheets the tool owns,
 * so a later `validate` or `compute` of the output reads them like any consolidation.
 */
// First: the lighter ExcelJS main module for Node (see exceljs-node.ts), before ExcelJS loads.
import './exceljs-node';
import ExcelJS from 'exceljs';
import type { WritePlan } from '../../core/plan';
import { WorkbookWriteError } from './errors';
import { nodeZipCodec, writeFileAtomic } from './node';
import { applyPlanToWorkbook, workbookToBytes, writeWorkbookState, type AppliedPlan } from './write';

export interface NewWorkbookOptions {
  /** Merged ranges per (desired) sheet name. */
  merges?: { sheet: string; ranges: string[] }[];
  /** Generated sheets (desired names) that hold the user's data from now on, not results. */
  userSheets?: string[];
  /** Creation date written in the file's properties (default: now). */
  created?: Date;
}

export async function createWorkbookFile(outputPath: string, plan: WritePlan, options: NewWorkbookOptions = {}): Promise<AppliedPlan> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PAR Scorecard';
  wb.lastModifiedBy = 'PAR Scorecard';
  wb.created = options.created ?? new Date();
  wb.modified = wb.created;
  const applied = applyPlanToWorkbook(wb, plan);
  for (const m of options.merges ?? []) {
    const ws = wb.getWorksheet(applied.sheetNames.get(m.sheet) ?? m.sheet);
    if (!ws) continue;
    for (const range of m.ranges) ws.mergeCells(range);
  }
  const userSheets = new Set((options.userSheets ?? []).map((s) => applied.sheetNames.get(s) ?? s));
  if (userSheets.size > 0) {
    applied.state.ownedSheets = applied.state.ownedSheets.filter((n) => !userSheets.has(n));
    writeWorkbookState(wb, applied.state);
  }
  let data: Uint8Array;
  try {
    data = await workbookToBytes(wb, nodeZipCodec);
  } catch (e) {
    throw new WorkbookWriteError('write-failed', outputPath, e);
  }
  await writeFileAtomic(outputPath, data);
  return applied;
}
