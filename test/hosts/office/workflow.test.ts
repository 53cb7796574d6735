/**
 * The add-in's whole job on the fake Excel, through the Office.js adapter: the sample 2025
 * consolidation is read, validated, ranked and compared with 2024 within the sync budgets, and
 * the workbook afterwards holds the formulas, sheets and conditional formats — asserted by cell.
 */
import * as path from 'path';
import { compareYears } from '../../../src/core/compare';
import { planComparison } from '../../../src/core/compare/plan';
import { planCompute } from '../../../src/core/compute-plan';
import { analyzeWorkbook } from '../../../src/core/engine';
import { applyPlan, clearHighlights } from '../../../src/hosts/office/write';
import { readSnapshot } from '../../../src/hosts/office/read';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { createFakeExcel, installFakeOffice } from '../../../src/testing/fake-excel';
import { SAMPLES } from '../../support/shared';

const FIXTURES = SAMPLES;

test('validate, rank and compare the sample consolidation inside (fake) Excel', async () => {
  const fake = createFakeExcel(await readWorkbookFile(path.join(FIXTURES, 'tong-hop-xa-2025.xlsx')));
  const office = installFakeOffice(fake);
  try {
    // Read and validate: at most 3 syncs.
    fake.resetCounters();
    const snapshot = await readSnapshot(fake.context);
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    const analysis = analyzeWorkbook(snapshot);
    expect(analysis.findings.filter((f) => f.severity === 'error')).toEqual([]);

    // Rank: totals and RANK.EQ into the live table, the ranking sheet; at most 2 syncs.
    const { plan } = planCompute(snapshot, analysis);
    fake.resetCounters();
    const ranked = await applyPlan(fake.context, plan, analysis.state);
    expect(fake.syncCount).toBeLessThanOrEqual(2);
    expect(fake.cell('Tổng hợp', 'D50')?.formula).toBe('=RANK.EQ(D49,$D$49:$O$49)');
    // Excel computes these; the fake does not evaluate RANK.EQ, so the formulas are what is checked.
    expect(fake.cell('Tổng hợp', 'O50')?.formula).toBe('=RANK.EQ(O49,$D$49:$O$49)');
    expect(fake.cell('Tổng hợp', 'C50')).toBeUndefined(); // the maximum column gets no rank
    expect(fake.cell('Tổng hợp', 'D49')?.formula).toBe('=ROUND(SUM(D8+D16+D20+D28+D32+D36+D40+D46),3)');
    expect(fake.cell('Tổng hợp', 'D10')).toMatchObject({ value: 1 }); // a score: untouched
    // The ranking sheet lists the units best first (samples/manifest.json: Phường Trung Tâm, 92,975,
    // column J), the tied Hòa Bình and An Phú (86,75) in table order, Phường An Lạc (76,983) last.
    expect(fake.cell('Xếp hạng 2025', 'B6')).toMatchObject({ value: 'Phường Trung Tâm' });
    expect(fake.cell('Xếp hạng 2025', 'A6')?.formula).toBe('=RANK.EQ(K6,$K$6:$K$17)');
    expect(fake.cell('Xếp hạng 2025', 'K6')?.value).toBe(92.975);
    expect(['B8', 'K8', 'B9', 'K9', 'B17', 'K17'].map((a) => fake.cell('Xếp hạng 2025', a)?.value)).toEqual([
      'Xã Hòa Bình',
      86.75,
      'Xã An Phú',
      86.75,
      'Phường An Lạc',
      76.983,
    ]);
    const rankingDump = fake.workbookState().sheets.find((s) => s.name === 'Xếp hạng 2025')!;
    expect(rankingDump.hyperlinks).toContainEqual(expect.objectContaining({ address: 'B6', documentReference: "'Tổng hợp'!J7" }));

    // Compare with 2024: the comparison sheet and highlights on the live sheet; at most 2 syncs.
    const prior = analyzeWorkbook(await readWorkbookFile(path.join(FIXTURES, 'tong-hop-xa-2024.xlsx')));
    const after = analyzeWorkbook(await readSnapshot(fake.context));
    expect(after.tables).toHaveLength(1); // our generated sheets are not taken for inputs
    const comparison = compareYears(
      { table: after.results[0].table, result: after.results[0] },
      { table: prior.results[0].table, result: prior.results[0] },
    );
    const { live, write } = planComparison(comparison, 'vi');
    fake.resetCounters();
    const compared = await applyPlan(fake.context, write, ranked.state);
    expect(fake.syncCount).toBeLessThanOrEqual(2);
    const names = fake.workbookState().sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Tổng hợp', 'Xếp hạng 2025', 'So sánh 2025-2024']));
    const soSanh = fake.workbookState().sheets.find((s) => s.name === 'So sánh 2025-2024')!;
    const texts = soSanh.cells.flat().map((c) => (c ? String(c.v) : ''));
    expect(
      texts.some((t) =>
        t.startsWith(
          'Phường An Lạc đạt 76,983 điểm, xếp thứ 12 trong tổng số 12 xã, phường; giảm 9,699 điểm và giảm 09 bậc so với năm 2024.',
        ),
      ),
    ).toBe(true);
    expect(
      texts.some((t) =>
        t.startsWith(
          'Phường Trung Tâm đạt 92,975 điểm, xếp thứ 1 trong tổng số 12 xã, phường; tăng 5,454 điểm và tăng 01 bậc so với năm 2024.',
        ),
      ),
    ).toBe(true);
    const liveSheet = fake.workbookState().sheets.find((s) => s.name === 'Tổng hợp')!;
    expect(liveSheet.conditionalFormats.length).toBe(live.length);
    expect(liveSheet.conditionalFormats.every((cf) => cf.type === 'Custom' && !!cf.fill)).toBe(true);
    expect(liveSheet.formats.filter((f) => f.fill)).toEqual([]); // no per-cell fills

    // "Xóa đánh dấu": only our highlights go.
    const cleared = await clearHighlights(fake.context, compared.state);
    expect(cleared.removed).toBe(live.length);
    expect(fake.workbookState().sheets.find((s) => s.name === 'Tổng hợp')!.conditionalFormats).toEqual([]);
  } finally {
    office.uninstall();
  }
});
