/// <reference types="office-js" />
/**
 * The comparison sheet's chart in Excel (issue #18): applying the comparison plan through the
 * Office.js adapter draws one clustered column chart over the sheet's units table (series read
 * its cells), placed where the plan says; comparing again replaces the sheet and its chart (one
 * chart, never two).
 */
import path from 'node:path';
import { analyzeWorkbook } from '../../../src/core/engine';
import { compareYears, planComparison } from '../../../src/core/compare';
import { emptyState } from '../../../src/core/state';
import type { WorkbookSnapshot } from '../../../src/core/snapshot';
import { CHART_SET } from '../../../src/hosts/office/charts';
import { MINIMUM_EXCEL_API } from '../../../src/hosts/office/requirements';
import { applyPlan } from '../../../src/hosts/office/write';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from '../../../src/testing/fake-excel';
import { SAMPLES } from '../../support/shared';

jest.setTimeout(60_000);

let office: InstalledOffice | undefined;
afterEach(() => {
  office?.uninstall();
  office = undefined;
});

let current: WorkbookSnapshot;
let prior: WorkbookSnapshot;
beforeAll(async () => {
  current = await readWorkbookFile(path.join(SAMPLES, 'tong-hop-xa-2025.xlsx'));
  prior = await readWorkbookFile(path.join(SAMPLES, 'tong-hop-xa-2024.xlsx'));
});

function comparisonPlan() {
  const pick = (s: WorkbookSnapshot) => {
    const r = analyzeWorkbook(s).results[0];
    return { table: r.table, result: r };
  };
  return planComparison(compareYears(pick(current), pick(prior)), 'vi').write;
}

function fakeExcel(): FakeExcel {
  const fake = createFakeExcel({ sheets: current.sheets.map((s) => ({ name: s.name, cells: s.cells })) });
  office = installFakeOffice(fake);
  return fake;
}

describe('the comparison chart through Office.js', () => {
  test('one clustered column chart over the units table: series names, values and categories are its cells', async () => {
    const fake = fakeExcel();
    const plan = comparisonPlan();
    fake.resetCounters();
    const result = await applyPlan(fake.context, plan, emptyState());
    // The adapter's count of each write sync (payload.ts, the chart's calls included) is at or
    // above what office.js sends.
    const sent = fake.requests.slice(-result.requestBytes.length).map((r) => r.bytes);
    result.requestBytes.forEach((model, i) => expect(model).toBeGreaterThanOrEqual(sent[i]));
    const sheet = result.sheetNames.get('So sánh 2025-2024')!;
    const charts = fake.charts(sheet);
    expect(charts).toHaveLength(1);
    const [c] = charts;
    expect(c).toMatchObject({
      name: 'PAR Scorecard 1',
      chartType: 'ColumnClustered',
      title: 'Tổng điểm năm 2025 và năm 2024',
      legendPosition: 'Bottom',
      valueAxis: { title: 'Điểm', minimum: 60 },
      position: { start: "'So sánh 2025-2024'!J18", end: "'So sánh 2025-2024'!R36" },
    });
    expect(c.series).toEqual([
      { name: 'Tổng điểm 2024', values: "'So sánh 2025-2024'!B20:B31", xValues: "'So sánh 2025-2024'!A20:A31", fill: '#BFBFBF' },
      { name: 'Tổng điểm 2025', values: "'So sánh 2025-2024'!C20:C31", xValues: "'So sánh 2025-2024'!A20:A31", fill: '#8EA9DB' },
    ]);
    // The series read the table: Xã Hòa Bình's row holds its 2025 total.
    const row = Array.from({ length: 12 }, (_x, i) => 20 + i).find((r) => fake.cell(sheet, `A${r}`)?.value === 'Xã Hòa Bình')!;
    expect(fake.cell(sheet, `C${row}`)?.value).toBe(86.75);
  });

  test('comparing again replaces the sheet and its chart: still one chart', async () => {
    const fake = fakeExcel();
    const plan = comparisonPlan();
    const first = await applyPlan(fake.context, plan, emptyState());
    const again = await applyPlan(fake.context, plan, first.state);
    expect(again.sheets[0]).toMatchObject({ name: 'So sánh 2025-2024', replaced: true });
    expect(fake.charts('So sánh 2025-2024')).toHaveLength(1);
    const names = fake.workbookState().sheets.map((s) => s.name);
    expect(names.filter((n) => n.startsWith('So sánh'))).toEqual(['So sánh 2025-2024']);
  });

  test("every call it makes is within the manifest's minimum requirement set (ExcelApi 1.7)", () => {
    expect(Number(CHART_SET)).toBeLessThanOrEqual(Number(MINIMUM_EXCEL_API));
  });
});
