/**
 * Consolidating into a workbook that already has a consolidation of that year (issue #15): every
 * generated sheet names and links the table it was made from, whatever name that table gets, and
 * the result sheets of the older consolidation are not replaced.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { consolidate, type ConsolidateInput } from '../../../src/core/consolidate';
import type { CellContent, GeneratedSheet } from '../../../src/core/plan';
import { readWorkbookBuffer } from '../../support/exceljs/read';
import { samplePath } from '../../support/shared';

async function donVi(): Promise<ConsolidateInput[]> {
  const dir = samplePath('don-vi');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  return Promise.all(
    files.map(async (file) => ({ file, workbook: await readWorkbookBuffer(new Uint8Array(readFileSync(path.join(dir, file))), file) })),
  );
}
const sheet = (sheets: GeneratedSheet[], purpose: GeneratedSheet['purpose']) => sheets.find((s) => s.purpose === purpose)!;
const texts = (s: GeneratedSheet) =>
  s.rows.flat().map((c: CellContent) => (c.kind === 'text' ? c.value : c.kind === 'formula' ? c.formula : ''));

test('an older "Tổng hợp 2025" of the user: the new one is "(2)" and its ranking, checks and differences follow it', async () => {
  const target = {
    sheetNames: ['Tổng hợp 2025', 'Xếp hạng 2025', 'Kiểm tra', 'Chênh lệch thẩm định'],
    owned: ['Xếp hạng 2025', 'Kiểm tra', 'Chênh lệch thẩm định'],
  };
  const r = consolidate(await donVi(), { target });
  expect(r.sheets).toEqual({
    consolidation: 'Tổng hợp 2025 (2)',
    ranking: 'Xếp hạng 2025 (2)',
    differences: 'Chênh lệch thẩm định (2)',
    checks: 'Kiểm tra (2)',
  });
  expect(r.plan.sheets.map((s) => s.name).sort()).toEqual([
    'Chênh lệch thẩm định (2)',
    'Kiểm tra (2)',
    'Tổng hợp 2025 (2)',
    'Xếp hạng 2025 (2)',
  ]);
  const ranking = sheet(r.plan.sheets, 'ranking');
  expect(texts(ranking).some((t) => t.startsWith('Nguồn: Tổng hợp 2025 (2)!'))).toBe(true);
  expect(ranking.hyperlinks.length).toBeGreaterThan(0);
  expect(new Set(ranking.hyperlinks.map((h) => h.sheet))).toEqual(new Set(['Tổng hợp 2025 (2)']));
});

test('when the older consolidation was ours (owned), the new set replaces it under the same names', async () => {
  const target = { sheetNames: ['Tổng hợp 2025', 'Xếp hạng 2025'], owned: ['Tổng hợp 2025', 'Xếp hạng 2025'] };
  const r = consolidate(await donVi(), { target });
  expect(r.sheets.consolidation).toBe('Tổng hợp 2025');
  expect(sheet(r.plan.sheets, 'ranking').name).toBe('Xếp hạng 2025');
});

test('a new workbook (no target): the names the command line writes', async () => {
  const r = consolidate(await donVi());
  expect([r.sheets.consolidation, sheet(r.plan.sheets, 'ranking').name]).toEqual(['Tổng hợp 2025', 'Xếp hạng 2025']);
});
