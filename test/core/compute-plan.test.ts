/**
 * The compute plan's formulas and the results cached with them. A cached result is what Excel (and
 * every reader of the file) shows until the next recalculation, so it must be what the formula
 * gives on the sheet as it stands — the engine's exact total only where the sheet adds up. Where it
 * does not, the plan warns at the total (write/total-differs). LibreOffice recalculates real
 * outputs in test/hosts/xlsx/recalculation.test.ts; here the cases a sample does not cover.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCase, parseCase } from '../../bench/cases';
import { planCompute, type ComputeOptions } from '../../src/core/compute-plan';
import { analyzeWorkbook } from '../../src/core/engine';
import type { CellWrite } from '../../src/core/plan';
import type { Cell, WorkbookSnapshot } from '../../src/core/snapshot';
import { parseA1 } from '../../src/core/a1';
import { readWorkbookFile } from '../../src/hosts/xlsx/node';

const SAMPLES = path.resolve(__dirname, '../../samples');
const load = (file: string) => readWorkbookFile(path.join(SAMPLES, file));

function set(book: WorkbookSnapshot, address: string, cell: Cell | null): WorkbookSnapshot {
  const { row, col } = parseA1(address);
  const rows = book.sheets[0].cells;
  (rows[row - 1] ??= [])[col - 1] = cell;
  return book;
}

/** The same sheet with its total row emptied: the plan writes its own SUM of the areas there. */
function withoutTotals(book: WorkbookSnapshot): WorkbookSnapshot {
  const row = book.sheets[0].cells[49 - 1]!;
  for (let c = 3; c < row.length; c++) row[c] = null;
  return book;
}

function plan(book: WorkbookSnapshot, options: ComputeOptions = {}) {
  const { plan: p, findings } = planCompute(book, analyzeWorkbook(book), options);
  const at = (address: string): CellWrite['content'] | undefined => p.cellWrites.find((w) => w.address === address)?.content;
  /** The result cached with the formula written at `address` (undefined: none). */
  const cached = (address: string) => {
    const content = at(address);
    if (content?.kind !== 'formula') throw new Error(`no formula is written at ${address}`);
    return content.cached;
  };
  return { at, cached, findings, plan: p };
}

// tong-hop-xa-2025: units in D…O, area rows 8, 16, 20, 28, 32, 36, 40, 46; totals on row 49
// (SUM formulas), ranks on row 50 (empty). Phường Trung Tâm (J) leads with 92,975; Phường An Lạc
// (D) is last with 76,983; Xã Hòa Bình (F) and Xã An Phú (G) tie at 86,75.
describe('cached results', () => {
  test('a clean table: each total caches the engine’s total and each rank its rank', async () => {
    const { at, findings } = plan(await load('tong-hop-xa-2025.xlsx'));
    expect(at('J49')).toEqual({ kind: 'formula', formula: '=ROUND(SUM(J8+J16+J20+J28+J32+J36+J40+J46),3)', cached: 92.975 });
    expect(at('J50')).toEqual({ kind: 'formula', formula: '=RANK.EQ(J49,$D$49:$O$49)', cached: 1 });
    expect([at('F50'), at('G50')].map((c) => c?.kind === 'formula' && c.cached)).toEqual([3, 3]);
    expect(at('D50')).toMatchObject({ cached: 12 });
    expect(findings).toEqual([]);
  });

  test('an area typed 20 points too high: the total and every rank cache what the formulas give, and the total is flagged', async () => {
    // D8 is Phường An Lạc's area 1 (a typed 8,595): 28,595 puts the sheet's total at 96,983.
    const book = set(withoutTotals(await load('tong-hop-xa-2025.xlsx')), 'D8', { v: 28.595, t: 'n' });
    const { at, findings } = plan(book);
    expect(at('D49')).toMatchObject({ cached: 96.983 });
    expect(at('D50')).toMatchObject({ cached: 1 }); // RANK.EQ over row 49 as Excel shows it
    expect(at('J50')).toMatchObject({ cached: 2 });
    expect(findings.filter((f) => f.code === 'write/total-differs')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        cell: 'D49',
        message: {
          vi: 'Ô tổng điểm D49 (Phường An Lạc) sẽ hiện 96,983 theo số liệu đang có trên bảng, khác tổng tính từ các tiêu chí là 76,983; hãy sửa các lỗi của đơn vị này rồi tính lại.',
          en: "Total cell D49 (Phường An Lạc) will show 96.983 from the figures now in the table, not 76.983 from the criteria; fix this unit's errors, then compute again.",
        },
      }),
    ]);
  });

  test('an error value among the areas: the total and the ranks over it are written without a cached result', async () => {
    const book = set(withoutTotals(await load('tong-hop-xa-2025.xlsx')), 'E16', { v: '#DIV/0!', t: 'e' });
    const { at, cached } = plan(book);
    expect(at('E49')).toMatchObject({ kind: 'formula', formula: '=ROUND(SUM(E8,E16,E20,E28,E32,E36,E40,E46),3)' });
    expect(cached('E49')).toBeUndefined();
    // RANK.EQ over a range holding an error gives that error in every cell.
    expect(at('J50')).toMatchObject({ formula: '=RANK.EQ(J49,$D$49:$O$49)' });
    expect(cached('J50')).toBeUndefined();
  });

  test('text in an area cell: SUM passes over it, as Excel does', async () => {
    const book = set(withoutTotals(await load('tong-hop-xa-2025.xlsx')), 'D16', { v: 'chưa chấm', t: 's' });
    // 76,983 without area 2's 6,098 (D16)
    expect(plan(book).at('D49')).toMatchObject({ cached: 70.885 });
  });

  test('the user’s own total formula: ours wraps it in ROUND(…, 3) and caches its result as the file holds it', async () => {
    // A stale cached total (the areas say 76,983): Excel shows it, and so does the total we write.
    const book = set(await load('tong-hop-xa-2025.xlsx'), 'D49', { v: 80, t: 'n', f: 'SUM(D8+D16+D20+D28+D32+D36+D40+D46)' });
    expect(plan(book).at('D49')).toEqual({ kind: 'formula', formula: '=ROUND(SUM(D8+D16+D20+D28+D32+D36+D40+D46),3)', cached: 80 });
  });

  test('a total formula with no cached result (a file never opened in Excel): written without one', async () => {
    const book = set(await load('tong-hop-xa-2025.xlsx'), 'D49', { v: null, t: 'n', f: 'SUM(D8+D16+D20+D28+D32+D36+D40+D46)' });
    const { at, cached } = plan(book);
    expect(at('D49')).toMatchObject({ kind: 'formula', formula: '=ROUND(SUM(D8+D16+D20+D28+D32+D36+D40+D46),3)' });
    expect(cached('D49')).toBeUndefined();
    expect(cached('E50')).toBeUndefined();
  });

  test('generated totals with bonus and penalty rows: SUM of the areas + N(bonus) − ABS(N(penalty)), a penalty counted whatever its sign', async () => {
    // tong-hop-la-ma-2025: bonus on row 49, penalty on row 50, totals on row 51 (emptied here).
    // The unit in column E: 1,5 bonus, 0,25 penalty, total 86,883.
    const book = await load('tong-hop-la-ma-2025.xlsx');
    for (let c = 3; c < book.sheets[0].cells[50].length; c++) book.sheets[0].cells[50][c] = null;
    const { at, findings } = plan(book);
    expect(at('E51')).toEqual({
      kind: 'formula',
      formula: '=ROUND(SUM(E8,E16,E20,E28,E32,E36,E40,E46)+N(E49)-ABS(N(E50)),3)',
      cached: 86.883,
    });
    expect(findings).toEqual([]);
    // The same penalty typed as −0,25: the same total.
    expect(plan(set(book, 'E50', { v: -0.25, t: 'n' })).at('E51')).toMatchObject({ cached: 86.883 });
  });

  test('dense ranks: the distinct larger totals, also when a unit’s total cell stays blank', async () => {
    const dense: ComputeOptions = { ties: 'dense' };
    const clean = plan(await load('tong-hop-xa-2025.xlsx'), dense);
    expect([clean.at('F50'), clean.at('G50'), clean.at('D50')].map((c) => c?.kind === 'formula' && c.cached)).toEqual([3, 3, 11]);
    expect(clean.at('J50')).toMatchObject({
      formula: '=SUMPRODUCT(ISNUMBER($D$49:$O$49)*($D$49:$O$49>J49)/COUNTIF($D$49:$O$49,$D$49:$O$49&""))+1',
      cached: 1,
    });
    // Phường An Lạc with no scores at all: no total is written and its total cell stays blank.
    // Both formulas pass over it (the dense one through COUNTIF(…, r&""): see rankFormula).
    const book = await load('tong-hop-xa-2025.xlsx');
    for (const row of book.sheets[0].cells) if (row?.[3] && typeof row[3].v === 'number') row[3] = null;
    const blank = plan(book, dense);
    expect(blank.at('D49')).toBeUndefined();
    expect([blank.cached('J50'), blank.cached('F50'), blank.cached('E50')]).toEqual([1, 3, 2]);
    expect(plan(book).cached('J50')).toBe(1);
  });
});

describe('dense ranks in a very large table', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'par-dense-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('301 units: no dense formula in the table (n³ to recalculate), an info finding, and the ranking sheet ranks down its sorted list', async () => {
    const files = await generateCase(parseCase('301-summary')!, dir);
    const book = await readWorkbookFile(files.current!);
    const dense = plan(book, { ties: 'dense' });
    const rankColumn = dense.findings.find((f) => f.code === 'write/dense-rank-sheet');
    expect(rankColumn).toMatchObject({ severity: 'info', message: { vi: expect.stringContaining('Bảng có 301 đơn vị') } });
    const rankLetter = rankColumn!.cell.replace(/\d+$/, '');
    expect(dense.plan.cellWrites.filter((w) => w.address.replace(/\d+$/, '') === rankLetter)).toEqual([]);
    // The ranking sheet: rank 1 on the first row, then "the same as above, or one more".
    const rows = dense.plan.sheets[0].rows;
    expect(rows[5][0]).toEqual({ kind: 'number', value: 1 });
    expect(rows[6][0]).toMatchObject({ kind: 'formula', formula: expect.stringMatching(/^=IF\(([A-Z]+)7=\1+6,A6,A6\+1\)$/) });
    const ranks = dense.plan.sheets[0].rows
      .slice(5)
      .map((r) => (r[0].kind === 'formula' ? r[0].cached : r[0].kind === 'number' ? r[0].value : null));
    expect(ranks).toHaveLength(301);
    expect(ranks.every((v, i) => i === 0 || v === ranks[i - 1] || v === (ranks[i - 1] as number) + 1)).toBe(true);
    // Competition ranks (RANK.EQ, n per cell) are written whatever the size.
    const competition = plan(book);
    expect(competition.plan.cellWrites.filter((w) => w.address.replace(/\d+$/, '') === rankLetter)).toHaveLength(301);
  });
});
