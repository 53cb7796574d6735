/**
 * Write a plan into a NEW workbook (no input file to copy): `par-scorecard consolidate` builds the
 * consolidation from scratch. The plan is patched into an empty workbook package (ooxml/template.ts)
 * by the same writer as a copy of a user's file; merged header cells (not part of the plan type)
 * are added afterwards, and sheets that become the user's own data (the consolidation) are left
 * out of the sheets the tool owns, so a later `validate` or `compute` of the output reads them
 * like any consolidation.
 */
import * as path from 'path';
import type { WritePlan } from '../../core/plan';
import { WorkbookWriteError } from './errors';
import { guardWrite, nodeZipCodec, writeFileAtomic } from './node';
import { writeXlsxPackage } from './ooxml/package';
import { applyPlanToPackage } from './ooxml/patch-plan';
import { addMergedRanges, rewriteState, templatePackage } from './ooxml/template';
import type { AppliedPlan } from './types';

export interface NewWorkbookOptions {
  /** Merged ranges per (desired) sheet name. */
  merges?: { sheet: string; ranges: string[] }[];
  /** Generated sheets (desired names) that hold the user's data from now on, not results. */
  userSheets?: string[];
  /** Creation date written in the file's properties (default: now). */
  created?: Date;
}

export async function createWorkbookFile(outputPath: string, plan: WritePlan, options: NewWorkbookOptions = {}): Promise<AppliedPlan> {
  const fileName = path.basename(outputPath);
  const pkg = templatePackage({ created: options.created ?? new Date(), creator: 'PAR Scorecard' });
  const applied = applyPlanToPackage(pkg, plan, fileName);
  try {
    for (const m of options.merges ?? []) addMergedRanges(pkg, applied.sheetNames.get(m.sheet) ?? m.sheet, m.ranges);
    const userSheets = new Set((options.userSheets ?? []).map((s) => applied.sheetNames.get(s) ?? s));
    if (userSheets.size > 0) {
      applied.state.ownedSheets = applied.state.ownedSheets.filter((n) => !userSheets.has(n));
      rewriteState(pkg, applied.state);
    }
  } catch (e) {
    throw new WorkbookWriteError('unsupported-package', fileName, e);
  }
  await writeFileAtomic(outputPath, await guardWrite(outputPath, () => writeXlsxPackage(pkg, nodeZipCodec)));
  return applied;
}
