/**
 * What the engine says about a workbook, computed in the test process (the page must show and
 * write the same), and a cell-by-cell picture of .xlsx bytes read back with ExcelJS.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import path from 'path';
import { compareYears, planComparison, type TableWithResult } from '../../src/core/compare';
import { planCompute } from '../../src/core/compute-plan';
import { analyzeWorkbook, isRanked, type Analysis } from '../../src/core/engine';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { findingKey } from '../../src/core/state';
import type { FakeWorkbookInput } from '../../src/testing/fake-excel';
import { applyPlanToBuffer } from '../support/exceljs/write';
import { readWorkbookBuffer } from '../support/exceljs/read';

export async function snapshotOfFile(file: string): Promise<WorkbookSnapshot> {
  return readWorkbookBuffer(new Uint8Array(readFileSync(file)), path.basename(file));
}

/** The fake Excel's input for a workbook snapshot (sheets as they are, formulas included). */
export function fakeWorkbook(snapshot: WorkbookSnapshot): FakeWorkbookInput {
  return {
    fileName: snapshot.fileName,
    sheets: snapshot.sheets.map((s) => ({
      name: s.name,
      cells: s.cells.map((row) => (row ?? []).map((c) => c ?? null)),
      merges: s.merges,
      hiddenRows: s.hiddenRows,
      hiddenColumns: s.hiddenColumns,
      protected: s.protected,
      visibility: s.visibility,
    })),
  };
}

/** The keys (findingKey) of the engine's findings, sorted: what the "Kiểm tra" list must show. */
export function engineFindingKeys(snapshot: WorkbookSnapshot): string[] {
  return analyzeWorkbook(snapshot).findings.map(findingKey).sort();
}

function firstRanked(analysis: Analysis): TableWithResult {
  const result = analysis.results.find((r) => isRanked(r.table)) ?? analysis.results[0];
  if (!result) throw new Error('no table');
  return { table: result.table, result };
}

/**
 * What the pane must produce from `currentFile` when the user writes totals and ranks
 * (competition ties, Vietnamese) and then the comparison with `priorFile`: the same steps as
 * the views, on the .xlsx adapter.
 */
export async function expectedResultBytes(currentFile: string, priorFile: string): Promise<Uint8Array> {
  const original = new Uint8Array(readFileSync(currentFile));
  const name = path.basename(currentFile);
  const snapshot0 = await readWorkbookBuffer(original, name);
  const analysis0 = analyzeWorkbook(snapshot0);
  const ranked = firstRanked(analysis0);
  const compute = planCompute(snapshot0, { ...analysis0, results: [ranked.result] }, { ties: 'competition', locale: 'vi' });
  const afterRank = await applyPlanToBuffer(original, compute.plan);

  const snapshot1 = await readWorkbookBuffer(afterRank, name);
  const current = firstRanked(analyzeWorkbook(snapshot1));
  const prior = firstRanked(analyzeWorkbook(await snapshotOfFile(priorFile)));
  return applyPlanToBuffer(afterRank, planComparison(compareYears(current, prior), 'vi').write);
}

export interface CellPicture {
  /** The value shown (a formula's cached result), as ExcelJS reads it. */
  value: unknown;
  formula?: string;
}

export type WorkbookPicture = Record<string, { state: string; cells: Record<string, CellPicture> }>;

/** Every non-empty cell of every sheet: value and formula. */
export async function pictureOf(bytes: Uint8Array): Promise<WorkbookPicture> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const out: WorkbookPicture = {};
  for (const ws of wb.worksheets) {
    const cells: Record<string, CellPicture> = {};
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as unknown;
        if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
          const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
          cells[cell.address] = { value: normalise(f.result), formula: cell.formula };
        } else if (v && typeof v === 'object' && 'richText' in v) {
          cells[cell.address] = { value: (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('') };
        } else {
          cells[cell.address] = { value: normalise(v) };
        }
      });
    });
    out[ws.name] = { state: ws.state, cells };
  }
  return out;
}

function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v && typeof v === 'object' && 'error' in v) return (v as { error: string }).error;
  return v ?? null;
}

/** ExcelJS reads a cell of a workbook picture. */
export function cellOf(picture: WorkbookPicture, sheet: string, address: string): CellPicture | undefined {
  return picture[sheet]?.cells[address];
}

/** The engine's remark per unit (Vietnamese) comparing two files, as "So sánh năm trước" shows it. */
export async function expectedRemarks(currentFile: string, priorFile: string): Promise<Map<string, string>> {
  const current = firstRanked(analyzeWorkbook(await snapshotOfFile(currentFile)));
  const prior = firstRanked(analyzeWorkbook(await snapshotOfFile(priorFile)));
  return new Map(compareYears(current, prior).units.map((u) => [u.unit, u.summary.vi]));
}
