/**
 * State-only saves and highlight removal as patches (src/hosts/xlsx/ooxml/patch-state.ts, through
 * bytes.ts as the standalone page calls them): what the user sees afterwards (the state recorded,
 * the highlights in the sheet), and every part the change does not concern — a chart, its
 * drawing, the styles, the cells — kept with the very bytes the zip held.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { emptyPlan, type WritePlan } from '../../../../src/core/plan';
import { STATE_SHEET_NAME, readState } from '../../../../src/core/state';
import { applyPlanToBytes, clearHighlightsInBytes, readWorkbookBytes, saveStateToBytes } from '../../../../src/hosts/xlsx/bytes';
import { nodeZipCodec } from '../../../../src/hosts/xlsx/node';
import { readXlsxPackage, writeXlsxPackage } from '../../../../src/hosts/xlsx/ooxml/package';
import { clearOwnedHighlightsInPackage, patchWorkbookState } from '../../../../src/hosts/xlsx/ooxml/patch-state';
import { WORKSHEET_ORDER } from '../../../../src/hosts/xlsx/ooxml/patch-sheet';
import { insertInOrder, joinRoot, splitRoot } from '../../../../src/hosts/xlsx/ooxml/patch-xml';
import { entryDataStart, readCentralDirectory } from '../../../../src/hosts/xlsx/zip';
import { CHART_PART, DRAWING_PART, withChart } from '../../../support/chart-package';
import { describeShared, samplePath } from '../../../support/shared';

jest.setTimeout(60_000);

const SHEET = 'Tổng hợp';
const options = { codec: nodeZipCodec, fileName: 'tong-hop-xa-2025.xlsx' };
const IGNORED = `max/exceeded|${SHEET}!D17`;

/** Each zip entry as stored: method, CRC and the (compressed) bytes. */
function zipEntries(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readCentralDirectory(bytes)) {
    const start = entryDataStart(bytes, e);
    out.set(e.name, `${e.method}:${e.crc32}:${Buffer.from(bytes.subarray(start, start + e.compressedSize)).toString('base64')}`);
  }
  return out;
}

/** The entries whose stored bytes differ between two zips (added and removed ones included). */
function changedEntries(before: Uint8Array, after: Uint8Array): string[] {
  const a = zipEntries(before);
  const b = zipEntries(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((n) => a.get(n) !== b.get(n)).sort();
}

const highlight = (range: string, formula: string): WritePlan => ({
  ...emptyPlan(),
  conditionalFormats: [{ sheet: SHEET, range, formula, style: 'decline' }],
});

async function stateOf(bytes: Uint8Array) {
  return readState(await readWorkbookBytes(bytes, 'out.xlsx', { codec: nodeZipCodec }));
}

/** The conditional formats ExcelJS (an independent reader) finds on the sheet: ranges and formulas. */
async function conditionalFormats(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const list = (wb.getWorksheet(SHEET) as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] })
    .conditionalFormattings;
  return list.map((cf) => `${cf.ref} ${cf.rules.map((r) => r.formulae?.join(',')).join(';')}`).sort();
}

let charted: Uint8Array;
beforeAll(async () => {
  charted = await withChart(new Uint8Array(readFileSync(samplePath('tong-hop-xa-2025.xlsx'))));
});

describe('saving the state (ignored findings, corrections)', () => {
  test('an existing state sheet: only its part changes; the chart, the drawing and every other part keep their stored bytes', async () => {
    const written = (await applyPlanToBytes(charted, highlight('D9:D20', '=D9>2'), options)).data;
    const before = await stateOf(written);
    expect(before.ownedConditionalFormats).toHaveLength(1);

    const { data } = await saveStateToBytes(written, (s) => ({ ...s, ignoredFindings: [IGNORED] }), options);
    const after = await stateOf(data);
    expect(after.ignoredFindings).toEqual([IGNORED]);
    // What the tool owns stays as recorded.
    expect(after.ownedConditionalFormats).toEqual(before.ownedConditionalFormats);
    // sheet2.xml: the state sheet the plan added.
    expect(changedEntries(written, data)).toEqual(['xl/worksheets/sheet2.xml']);
    expect(await conditionalFormats(data)).toEqual(['D9:D20 D9>2']);
  });

  test('no state sheet yet: a very hidden one is added; workbook.xml, its relationships and the content types gain one entry each', async () => {
    const { data } = await saveStateToBytes(charted, (s) => ({ ...s, ignoredFindings: [IGNORED] }), options);
    expect((await stateOf(data)).ignoredFindings).toEqual([IGNORED]);
    expect(changedEntries(charted, data)).toEqual([
      '[Content_Types].xml',
      'xl/_rels/workbook.xml.rels',
      'xl/workbook.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      [SHEET, 'visible'],
      [STATE_SHEET_NAME, 'veryHidden'],
    ]);
    // The user's sheet reads the same as before.
    const [a, b] = await Promise.all([readWorkbookBytes(charted, 'a.xlsx'), readWorkbookBytes(data, 'b.xlsx')]);
    expect(b.sheets.find((s) => s.name === SHEET)).toEqual(a.sheets.find((s) => s.name === SHEET));
  });

  test('a state sheet someone made visible is very hidden again; a strict OOXML package is declined unchanged', async () => {
    const written = (await saveStateToBytes(charted, (s) => ({ ...s, ignoredFindings: [IGNORED] }), options)).data;
    const pkg = (await readXlsxPackage(written, 'x.xlsx', {}, nodeZipCodec))!;
    pkg.set('xl/workbook.xml', pkg.text('xl/workbook.xml')!.replace('state="veryHidden"', 'state="visible"'));
    expect(patchWorkbookState(pkg, (s) => s)).not.toBeNull();
    expect(pkg.text('xl/workbook.xml')).toContain(`name="${STATE_SHEET_NAME}" sheetId="2" state="veryHidden"`);

    pkg.set(
      'xl/workbook.xml',
      pkg.text('xl/workbook.xml')!.replace('<workbook ', '<workbook xmlns:s="http://purl.oclc.org/ooxml/spreadsheetml/main" '),
    );
    const before = pkg.names().map((n) => pkg.bytes(n));
    expect(patchWorkbookState(pkg, (s) => ({ ...s, ignoredFindings: [] }))).toBeNull();
    expect(clearOwnedHighlightsInPackage(pkg)).toBeNull();
    expect(pkg.names().map((n) => pkg.bytes(n))).toEqual(before);
  });
});

describe('removing the highlights ("Xóa tô màu")', () => {
  /** A workbook with the user's own highlight (D9:D20) and one of ours (E9:E20), and a chart. */
  async function withBothHighlights(): Promise<Uint8Array> {
    const first = (await applyPlanToBytes(charted, highlight('D9:D20', '=D9>2'), options)).data;
    // Forgotten by the state: from now on it is the user's highlight.
    const users = (await saveStateToBytes(first, (s) => ({ ...s, ownedConditionalFormats: [] }), options)).data;
    return (await applyPlanToBytes(users, highlight('E9:E20', '=E9>2'), options)).data;
  }

  test("ours go, the user's stay, the state forgets ours; only the sheet and the state sheet change", async () => {
    const input = await withBothHighlights();
    expect(await conditionalFormats(input)).toEqual(['D9:D20 D9>2', 'E9:E20 E9>2']);
    const { data, removed } = await clearHighlightsInBytes(input, options);
    expect(removed).toBe(1);
    expect(await conditionalFormats(data)).toEqual(['D9:D20 D9>2']);
    expect((await stateOf(data)).ownedConditionalFormats).toEqual([]);
    expect(changedEntries(input, data)).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    expect(zipEntries(data).get(CHART_PART)).toBe(zipEntries(charted).get(CHART_PART));
    expect(zipEntries(data).get(DRAWING_PART)).toBe(zipEntries(charted).get(DRAWING_PART));
    // Cleared twice: nothing more to remove, the sheet unchanged.
    const again = await clearHighlightsInBytes(data, options);
    expect(again.removed).toBe(0);
    expect(changedEntries(data, again.data)).toEqual([]);
  });

  test('on a protected sheet ours stay, and stay recorded', async () => {
    const pkg = (await readXlsxPackage(await withBothHighlights(), 'x.xlsx', {}, nodeZipCodec))!;
    const root = splitRoot(pkg.text('xl/worksheets/sheet1.xml')!, 'worksheet', ['sheetData'])!;
    insertInOrder(root, { name: 'sheetProtection', xml: '<sheetProtection sheet="1"/>' }, WORKSHEET_ORDER);
    pkg.set('xl/worksheets/sheet1.xml', joinRoot(root));
    const sheet = pkg.bytes('xl/worksheets/sheet1.xml');
    expect(clearOwnedHighlightsInPackage(pkg)).toBe(0);
    expect(pkg.bytes('xl/worksheets/sheet1.xml')).toBe(sheet);
    const state = await stateOf(await writeXlsxPackage(pkg, nodeZipCodec));
    expect(state.ownedConditionalFormats).toEqual([{ sheet: SHEET, range: 'E9:E20', formula: '=E9>2' }]);
  });

  test('a workbook without a state sheet: nothing of ours, nothing changed', async () => {
    const { data, removed } = await clearHighlightsInBytes(charted, options);
    expect(removed).toBe(0);
    expect(changedEntries(charted, data)).toEqual([]);
  });
});

describeShared('schemas/ooxml', 'the patched files pass check-xlsx.sh', (schemas) => {
  test('a new state sheet, a state save and a highlight removal on a workbook with a chart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'patch-state-'));
    try {
      const saved = (await saveStateToBytes(charted, (s) => ({ ...s, ignoredFindings: [IGNORED] }), options)).data;
      const highlighted = (await applyPlanToBytes(saved, highlight('E9:E20', '=E9>2'), options)).data;
      const cleared = (await clearHighlightsInBytes(highlighted, options)).data;
      for (const [name, bytes] of [
        ['charted', charted],
        ['saved', saved],
        ['cleared', cleared],
      ] as const) {
        const file = path.join(dir, `${name}.xlsx`);
        writeFileSync(file, bytes);
        execFileSync('bash', [path.join(schemas, 'check-xlsx.sh'), file], { stdio: 'pipe' });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
