/**
 * The standalone page's file host (src/taskpane/host/BrowserFileHost.ts) on a workbook with a
 * chart: ignoring a finding records it in the state sheet, "Xóa tô màu" takes our highlights out
 * of the sheet, and neither touches the chart — in a current browser (CompressionStream) and in
 * one without the compression streams (fflate).
 */
import { readFileSync } from 'fs';
import { analyzeWorkbook } from '../../src/core/engine';
import { emptyPlan, type WritePlan } from '../../src/core/plan';
import { emptyState, findingKey, readState } from '../../src/core/state';
import * as xlsx from '../../src/hosts/xlsx';
import { nodeZipCodec } from '../../src/hosts/xlsx/node';
import { readXlsxPackage } from '../../src/hosts/xlsx/ooxml/package';
import { BrowserFileHost } from '../../src/taskpane/host/BrowserFileHost';
import { CHART_PART, DRAWING_PART, withChart } from '../support/chart-package';
import { samplePath } from '../support/shared';

jest.setTimeout(60_000);

const FILE = 'loi-vuot-diem-toi-da.xlsx';

async function openCharted(): Promise<{ page: BrowserFileHost; original: Uint8Array; sheet: string }> {
  const original = await withChart(new Uint8Array(readFileSync(samplePath(FILE))));
  const page = new BrowserFileHost({ loadXlsx: async () => xlsx });
  const snapshot = await page.open({ name: FILE, data: original.slice().buffer });
  return { page, original, sheet: snapshot.sheets[0].name };
}

async function parts(bytes: Uint8Array) {
  return (await readXlsxPackage(bytes, 'x.xlsx', {}, nodeZipCodec))!;
}

const highlight = (sheet: string): WritePlan => ({
  ...emptyPlan(),
  conditionalFormats: [{ sheet, range: 'D9:D20', formula: '=D9>1', style: 'decline' }],
});

async function ignoreAndClear(): Promise<void> {
  const { page, original, sheet } = await openCharted();
  const finding = analyzeWorkbook(await page.readSnapshot()).findings.find((f) => f.severity === 'error' && f.cell)!;
  expect(finding).toBeDefined();

  await page.applyPlan(highlight(sheet));
  await page.saveState({ ...emptyState(), ignoredFindings: [findingKey(finding)] });
  const saved = readState(await page.readSnapshot());
  expect(saved.ignoredFindings).toEqual([findingKey(finding)]);
  // The highlight stays recorded as ours (the pane's state does not list it).
  expect(saved.ownedConditionalFormats).toEqual([{ sheet, range: 'D9:D20', formula: '=D9>1' }]);
  let pkg = await parts(page.result()!.data);
  expect(pkg.text('xl/worksheets/sheet1.xml')).toContain('<conditionalFormatting sqref="D9:D20">');

  await page.clearHighlights();
  pkg = await parts(page.result()!.data);
  expect(pkg.text('xl/worksheets/sheet1.xml')).not.toContain('<conditionalFormatting');
  expect(page.highlights).toEqual([]);
  const cleared = readState(await page.readSnapshot());
  expect(cleared.ownedConditionalFormats).toEqual([]);
  expect(cleared.ignoredFindings).toEqual([findingKey(finding)]);

  // The chart and its drawing, as the user's file had them.
  const before = await parts(original);
  for (const part of [CHART_PART, DRAWING_PART, 'xl/drawings/_rels/drawing1.xml.rels', 'xl/worksheets/_rels/sheet1.xml.rels']) {
    expect(pkg.bytes(part)).toEqual(before.bytes(part));
  }
  expect(page.result()!.name).toBe('loi-vuot-diem-toi-da-ket-qua.xlsx');
}

test('ignoring a finding and clearing the highlights: the state sheet records it, the highlight is gone, the chart kept', async () => {
  await ignoreAndClear();
});

test('in a browser without CompressionStream and DecompressionStream (Safari < 16.4): the same, through fflate', async () => {
  const g = globalThis as Record<string, unknown>;
  const saved = { CompressionStream: g.CompressionStream, DecompressionStream: g.DecompressionStream };
  delete g.CompressionStream;
  delete g.DecompressionStream;
  try {
    expect(typeof g.DecompressionStream).toBe('undefined');
    await ignoreAndClear();
  } finally {
    Object.assign(g, saved);
  }
});
