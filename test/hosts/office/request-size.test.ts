/// <reference types="office-js" />
/**
 * Request sizes as office.js serialises them (the office.js mirror measures every sync, see
 * src/testing/officejs-host), and writes interrupted between syncs.
 */
import { applyPlan } from '../../../src/hosts/office/write';
import { REQUEST_BUDGET_BYTES } from '../../../src/hosts/office/payload';
import {
  createFakeExcel,
  installFakeOffice,
  type FakeExcel,
  type FakeWorkbookInput,
  type InstalledOffice,
} from '../../../src/testing/fake-excel';
import { compareYears, planComparison } from '../../../src/core/compare';
import { analyzeWorkbook, isRanked, type Analysis } from '../../../src/core/engine';
import { emptyPlan, formula, num, text, type WritePlan } from '../../../src/core/plan';
import { readState, STATE_SHEET_NAME } from '../../../src/core/state';
import type { WorkbookSnapshot } from '../../../src/core/snapshot';
import { readWorkbookBuffer } from '../../support/exceljs/read';
import { buildConsolidated, criteriaSet, generateScores, seedFrom, stableBytes } from '../../../src/samples';
import { unitNames } from '../../../bench/cases';
import { n, s } from './grid';

let office: InstalledOffice | undefined;
function fakeWith(input: FakeWorkbookInput): FakeExcel {
  const fake = createFakeExcel(input);
  office = installFakeOffice(fake);
  return fake;
}
afterEach(() => {
  office?.uninstall();
  office = undefined;
});

/**
 * The bench's 1000 × 150 consolidation (2025 and 2024) and the comparison plan the pane writes
 * (the criteria × units matrix, last year's values, the highlights): more than one 4 MB request.
 */
async function comparisonLarge(): Promise<{ current: WorkbookSnapshot; plan: WritePlan }> {
  const criteria = criteriaSet({ kind: 'synthetic', count: 150, seed: seedFrom('bench|criteria|150') });
  const units = unitNames(1000);
  const book = async (year: number) =>
    readWorkbookBuffer(
      await stableBytes(
        buildConsolidated({ year, units, criteria, scores: generateScores(criteria, units, { seed: seedFrom(`bench|1000x150|${year}`) }) }),
      ),
      `tong-hop-${year}.xlsx`,
    );
  const current = await book(2025);
  const prior = await book(2024);
  const pick = (a: Analysis) => {
    const result = a.results.find((r) => isRanked(r.table)) ?? a.results[0];
    return { table: result.table, result };
  };
  // The whole plan the pane writes: the comparison sheet, last year's values, the highlights.
  return { current, plan: planComparison(compareYears(pick(analyzeWorkbook(current)), pick(analyzeWorkbook(prior)), {}), 'vi').write };
}

const MB4 = 4 * 1024 * 1024;

describe('every request under 4 MB as office.js serialises it', () => {
  test('1000 × 150 comparison: each sync < 4 MB, as few syncs as 4 MB allows, the model at or above office.js', async () => {
    const { current, plan } = await comparisonLarge();
    const fake = fakeWith({ fileName: 'tong-hop-2025.xlsx', sheets: current.sheets });
    fake.resetCounters();
    const result = await applyPlan(fake.context, plan, readState(current));
    const writes = fake.requests.slice(1);
    expect(writes.every((r) => r.source === 'office.js' && !r.error)).toBe(true);
    for (const r of writes) expect(r.bytes).toBeLessThan(MB4);
    const total = writes.reduce((sum, r) => sum + r.bytes, 0);
    expect(total).toBeGreaterThan(3 * 1024 * 1024); // the case is big enough to matter
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(total / (MB4 * 0.9)));
    // The adapter's count of each sync (payload.ts) holds office.js's from above, and closely.
    result.requestBytes.forEach((estimate, i) => {
      expect(estimate).toBeGreaterThanOrEqual(writes[i].bytes);
      expect(estimate).toBeLessThan(writes[i].bytes * 1.1 + 4096);
    });
    const sheet = fake.workbookState().sheets.find((x) => x.name === plan.sheets[0].name)!;
    expect(sheet.hyperlinks).toHaveLength(plan.sheets[0].hyperlinks.length);
    expect(sheet.conditionalFormats).toHaveLength(plan.sheets[0].conditionalFormats.length);
  }, 60_000);

  test("3,321 totals and ranks in the user's sheet: one write sync under 4 MB (a range per column run)", async () => {
    const rows = 3321;
    const fake = fakeWith({
      sheets: [
        {
          name: 'Kết quả',
          cells: [
            [s('Đơn vị'), s('Điểm'), s('Tổng'), s('Hạng')],
            ...Array.from({ length: rows }, (_, i) => [s(`Xã số ${i + 1}`), n(80 + i / 100)]),
          ],
        },
      ],
    });
    const plan = emptyPlan();
    for (let r = 2; r <= rows + 1; r++) {
      plan.cellWrites.push({ sheet: 'Kết quả', address: `C${r}`, content: formula(`SUM(B${r}:B${r})`, 80, '0.00') });
      plan.cellWrites.push({ sheet: 'Kết quả', address: `D${r}`, content: formula(`RANK.EQ(C${r},$C$2:$C$${rows + 1})`, 1) });
    }
    plan.cellWrites.push({ sheet: 'Kết quả', address: 'F1', content: text('=1+1') });
    fake.resetCounters();
    const result = await applyPlan(fake.context, plan, readState(fake.toSnapshot()));
    expect(result.syncs).toBe(2);
    for (const r of fake.requests) expect(r.bytes).toBeLessThan(MB4);
    // Two ranges, not 6,643 cells each with its own object path (2.9 MB as office.js sends them).
    expect(fake.requests[1].bytes).toBeLessThan(512 * 1024);
    expect(fake.cell('Kết quả', 'C3322')).toMatchObject({ formula: '=SUM(B3322:B3322)', numberFormat: '0.00' });
    expect(fake.cell('Kết quả', 'D2')?.formula).toBe('=RANK.EQ(C2,$C$2:$C$3322)');
    expect(fake.cell('Kết quả', 'F1')).toEqual({ value: '=1+1', quotePrefix: true });
    // A column's cells with no number format keep their own: only planned formats are sent.
    expect(fake.cell('Kết quả', 'D2')?.numberFormat ?? 'General').toBe('General');
  });
});

const USER_ROWS = 200;

/** A plan of every kind of write: a generated sheet with links and highlights, cells, user highlights. */
function mixedPlan(): WritePlan {
  const rows = Array.from({ length: 400 }, (_, i) => [num(i + 1), text(`Xã số ${i + 1}`), num(80 + (i % 20), '0.00')]);
  return {
    cellWrites: Array.from({ length: 40 }, (_, i) => ({
      sheet: 'Tổng hợp',
      address: `D${i + 2}`,
      content: formula(`RANK.EQ(C${i + 2},$C$2:$C$41)`, i + 1),
    })),
    sheets: [
      {
        name: 'So sánh 2025',
        purpose: 'comparison',
        rows: [[text('SO SÁNH')], [text('STT'), text('Đơn vị'), text('Điểm')], ...rows],
        styles: [{ range: 'A2:C2', style: 'header' }],
        columnWidths: [6, 30, 10],
        freezeRows: 2,
        hyperlinks: rows.map((_, i) => ({ address: `B${i + 3}`, sheet: 'Tổng hợp', cell: `C${(i % 40) + 2}` })),
        conditionalFormats: rows.slice(0, 60).map((_, i) => ({ range: `C${i + 3}`, formula: `=C${i + 3}<85`, style: 'decline' as const })),
      },
    ],
    // Enough highlights on the user's sheet to take more than one sync.
    conditionalFormats: Array.from({ length: USER_ROWS }, (_, i) => ({
      sheet: 'Tổng hợp',
      range: `C${i + 2}`,
      formula: `=C${i + 2}>=90`,
      style: 'improved' as const,
    })),
  };
}

const userBook = (): FakeWorkbookInput => ({
  sheets: [
    {
      name: 'Tổng hợp',
      cells: [
        [s('Đơn vị'), s('Điểm 2024'), s('Điểm 2025'), s('Hạng')],
        ...Array.from({ length: USER_ROWS }, (_, i) => [s(`Xã số ${i + 1}`), n(80), n(80 + (i % 40) / 2)]),
      ],
      // The user's own rule, with the formula of one of ours: never touched.
      conditionalFormats: [{ range: `C2:C${USER_ROWS + 1}`, formula: '=C2>=90', fill: '#00FF00' }],
    },
  ],
});

/** What a workbook shows, for comparing a repaired one with one written in one go. */
function shown(fake: FakeExcel) {
  const dump = fake.workbookState();
  return {
    sheets: dump.sheets.map((x) => x.name).sort(),
    sheet: dump.sheets
      .filter((x) => x.name !== STATE_SHEET_NAME)
      .map((x) => ({
        name: x.name,
        cells: x.cells,
        hyperlinks: x.hyperlinks,
        conditionalFormats: [...x.conditionalFormats].sort((a, b) => `${a.range}${a.formula}`.localeCompare(`${b.range}${b.formula}`)),
      })),
    state: readState(fake.toSnapshot()),
  };
}

describe('a write interrupted between syncs is repaired by a retry', () => {
  const budget = { maxRequestBytes: 96 * 1024 };

  test('failing sync k of n, for every k: the retry leaves exactly what an uninterrupted write leaves', async () => {
    const plan = mixedPlan();
    // The reference: an earlier run, then this run, uninterrupted.
    const clean = fakeWith(userBook());
    await applyPlan(clean.context, plan, readState(clean.toSnapshot()), budget);
    const before = readState(clean.toSnapshot());
    clean.resetCounters();
    const full = await applyPlan(clean.context, plan, before, budget);
    const expected = shown(clean);
    expect(full.syncs).toBeGreaterThanOrEqual(4);
    office?.uninstall();

    for (let k = 2; k <= full.syncs; k++) {
      const fake = fakeWith(userBook());
      await applyPlan(fake.context, plan, readState(fake.toSnapshot()), budget);
      const stale = readState(fake.toSnapshot()); // what the pane knew before the interrupted run
      fake.interruptSync(k);
      await expect(applyPlan(fake.context, plan, stale, budget)).rejects.toMatchObject({ reason: 'excel-error' });
      // The retry, with the same (now stale) state the pane had.
      const retry = await applyPlan(fake.context, plan, stale, budget);
      expect({ k, sheets: retry.sheets.map((x) => x.name) }).toEqual({ k, sheets: ['So sánh 2025'] });
      expect({ k, ...shown(fake) }).toEqual({ k, ...expected });
      office?.uninstall();
    }
  }, 60_000);

  test('the first run interrupted: the retry replaces the partial sheet instead of adding "(2)"', async () => {
    const plan = mixedPlan();
    const clean = fakeWith(userBook());
    const n = (await applyPlan(clean.context, plan, readState(clean.toSnapshot()), budget)).syncs;
    office?.uninstall();
    const fake = fakeWith(userBook());
    const state = readState(fake.toSnapshot());
    // The last sync fails: the sheet and part of the user's highlights are in, the rest is not.
    fake.interruptSync(n);
    await expect(applyPlan(fake.context, plan, state, budget)).rejects.toBeTruthy();
    expect(fake.workbookState().sheets.map((x) => x.name)).toContain('So sánh 2025');
    const partial = fake.workbookState().sheets.find((x) => x.name === 'Tổng hợp')!.conditionalFormats.length;
    expect(partial).toBeGreaterThan(1);
    expect(partial).toBeLessThan(plan.conditionalFormats.length + 1);
    // The pane retries with the state it had before (it knows nothing of the interrupted run).
    const retry = await applyPlan(fake.context, plan, state, budget);
    expect(retry.sheets).toEqual([{ desired: 'So sánh 2025', name: 'So sánh 2025', purpose: 'comparison', replaced: true }]);
    const dump = fake.workbookState();
    expect(dump.sheets.map((x) => x.name)).not.toContain('So sánh 2025 (2)');
    const user = dump.sheets.find((x) => x.name === 'Tổng hợp')!;
    // Ours once each, and the user's own rule.
    expect(user.conditionalFormats).toHaveLength(plan.conditionalFormats.length + 1);
  });

  test('the budget is the 4 MB the issue asks for', () => {
    expect(REQUEST_BUDGET_BYTES).toBe(MB4);
  });
});
