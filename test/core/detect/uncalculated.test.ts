/**
 * Formulas without a calculated result reaching the engine (issue #16): a workbook re-saved by
 * openpyxl has every SUM with no cached value, and one flagged fullCalcOnLoad is read the same way.
 * The engine must give the original's maxima, index and ranks, report `read/not-calculated` once
 * per table, and no false mismatch.
 */
import { analyzeWorkbook, rankTable } from '../../../src/core/engine';
import type { WorkbookSnapshot } from '../../../src/core/snapshot';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { samplePath } from '../../support/shared';

/** Every formula cell with its result unknown, as the .xlsx host reads an openpyxl re-save. */
function uncalculated(book: WorkbookSnapshot): { book: WorkbookSnapshot; formulas: number } {
  let formulas = 0;
  const sheets = book.sheets.map((s) => ({
    ...s,
    cells: s.cells.map((row) =>
      row.map((c) => {
        if (!c?.f) return c;
        formulas++;
        return { ...c, v: null, t: 'n' as const };
      }),
    ),
  }));
  return { book: { ...book, sheets }, formulas };
}

const figures = (book: WorkbookSnapshot) =>
  analyzeWorkbook(book).results.map((r) =>
    rankTable(r).map((x) => ({
      unit: x.result.series.name,
      total: x.result.total.toFixed(3),
      max: x.result.max.toFixed(3),
      index: x.result.index?.toFixed(3) ?? null,
      rank: x.rank,
      areas: x.result.areas.map((a) => [a.criterion.key, a.score.toFixed(3), a.max?.toFixed(3) ?? null]),
    })),
  );

test.each(['tong-hop-xa-2025.xlsx', 'tu-danh-gia-xa-hoa-binh-2025.xlsx'])(
  '%s with no formula calculated: the original figures, one info finding, no error',
  async (name) => {
    const original = await readWorkbookFile(samplePath(name));
    const { book, formulas } = uncalculated(original);
    expect(formulas).toBeGreaterThan(0);
    const analysis = analyzeWorkbook(book);
    expect(figures(book)).toEqual(figures(original));
    expect(analysis.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const info = analysis.findings.filter((f) => f.code === 'read/not-calculated');
    expect(info).toHaveLength(analysis.tables.length);
    expect(info[0].severity).toBe('info');
    expect(info[0].message.vi).toContain('chưa được tính');
    // Every unit of a consolidation has maximum 100 and an index (the openpyxl re-save gave 0 and "—").
    for (const r of analysis.results)
      for (const s of r.series) if (s.filled) expect([s.max.toNumber(), s.index === null]).toEqual([100, false]);
  },
);

test('a workbook whose formulas all have results has no read/not-calculated', async () => {
  const analysis = analyzeWorkbook(await readWorkbookFile(samplePath('tong-hop-xa-2025.xlsx')));
  expect(analysis.findings.map((f) => f.code)).not.toContain('read/not-calculated');
});
