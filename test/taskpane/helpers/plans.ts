import { compareYears } from '../../../src/core/compare';
import { analyzeWorkbook } from '../../../src/core/engine';
import type { WritePlan } from '../../../src/core/plan';
import { planComparison } from '../../../src/core/compare';
import type { WorkbookSnapshot } from '../../../src/core/snapshot';
import { fixture } from './fixtures';

/** The comparison plan of a 2025 consolidation against the 2024 fixture. */
export async function planCompare(current: WorkbookSnapshot): Promise<WritePlan> {
  const a = analyzeWorkbook(current).results[0];
  const p = analyzeWorkbook(await fixture('tong-hop-xa-2024.xlsx')).results[0];
  const comparison = compareYears({ table: a.table, result: a }, { table: p.table, result: p });
  return planComparison(comparison, 'vi').write;
}
