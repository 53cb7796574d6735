/**
 * No data loss, asserted: inputs are never modified; outputs are written atomically (a failed
 * write leaves no partial output and no temp file, and an earlier output intact); a generated
 * sheet never takes the place of a sheet the user made; a protected sheet stops the write before
 * anything is created; ignored findings and detection corrections survive save and reopen.
 */
import { existsSync, mkdirSync, promises as fsp, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../../src/core/engine';
import { findingKey, readState, type WorkbookState } from '../../src/core/state';
import { workbookToBytes, writeWorkbookState } from '../support/exceljs/write';
import { readWorkbookFile } from '../../src/hosts/xlsx/node';
import { bad, expectOneErrorLine, run, SAMPLES, sha, tmpDir } from './helpers';

jest.setTimeout(60_000);

const sample = (name: string) => path.join(SAMPLES, name);
const noTempFiles = (dir: string) => expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.startsWith('.'))).toEqual([]);

async function sheetValues(file: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet} in ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const rows: unknown[][] = [];
  ws.eachRow((row, r) => {
    rows[r] = (row.values as unknown[]).slice(1);
  });
  return rows;
}

async function saveWorkbook(wb: ExcelJS.Workbook, file: string): Promise<void> {
  writeFileSync(file, await workbookToBytes(wb));
}

describe('inputs are never modified', () => {
  it('compute --out and compare --out leave every input byte-identical', async () => {
    const dir = tmpDir();
    const current = path.join(dir, 'tong-hop-2025.xlsx');
    const prior = path.join(dir, 'tong-hop-2024.xlsx');
    copyFileSync(sample('tong-hop-xa-2025.xlsx'), current);
    copyFileSync(sample('tong-hop-xa-2024.xlsx'), prior);
    const before = [sha(current), sha(prior)];
    expect((await run('compute', current, '--out', path.join(dir, 'ket-qua.xlsx'))).code).toBe(0);
    expect((await run('compare', current, '--prior', prior, '--out', path.join(dir, 'so-sanh.xlsx'))).code).toBe(0);
    expect((await run('compare', current, '--prior', bad('two-tables.xlsx'), '--out', path.join(dir, 'so-sanh-2.xlsx'))).code).toBeLessThan(
      2,
    );
    expect([sha(current), sha(prior)]).toEqual(before);
    noTempFiles(dir);
  });

  it('refuses --out naming an input (also through another spelling of the path), leaving it untouched', async () => {
    const dir = tmpDir();
    const current = path.join(dir, 'tong-hop.xlsx');
    copyFileSync(sample('tong-hop-xa-2025.xlsx'), current);
    const before = sha(current);
    for (const out of [current, path.join(dir, '.', 'tong-hop.xlsx'), path.join(dir, 'x', '..', 'tong-hop.xlsx')]) {
      expectOneErrorLineOrUsage(await run('compute', current, '--out', out));
      expect(sha(current)).toBe(before);
    }
    // A hard link to the input is the same file.
    const link = path.join(dir, 'lien-ket.xlsx');
    fs.linkSync(current, link);
    const r = await run('compute', current, '--out', link);
    expect(r.code).toBe(2);
    expect(sha(current)).toBe(before);
  });
});

/** Usage errors print the usage after the message: the first line is still "par-scorecard: …". */
function expectOneErrorLineOrUsage(r: Awaited<ReturnType<typeof run>>): void {
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/^par-scorecard: /);
  expect(r.err).not.toMatch(/^\s+at\s/m);
}

describe('outputs are written atomically', () => {
  afterEach(() => jest.restoreAllMocks());

  it('a write that fails half-way (disk full) leaves no output and no temp file', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'ket-qua.xlsx');
    const realOpen = fs.promises.open.bind(fs.promises);
    jest.spyOn(fs.promises, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const handle = await realOpen(...args);
      return new Proxy(handle, {
        get(target, prop, receiver) {
          if (prop === 'writeFile') {
            return async (data: Uint8Array) => {
              await target.write(data.subarray(0, Math.floor(data.length / 2)));
              throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            };
          }
          const v = Reflect.get(target, prop, receiver);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    });
    const r = await run('compute', sample('tong-hop-xa-2025.xlsx'), '--out', out);
    expect(expectOneErrorLine(r)).toContain('ket-qua.xlsx');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failed rename (file locked by Excel) leaves an earlier output intact and no temp file', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'ket-qua.xlsx');
    writeFileSync(out, 'phiên bản trước');
    jest.spyOn(fs.promises, 'rename').mockRejectedValue(Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' }));
    const r = await run('compute', sample('tong-hop-xa-2025.xlsx'), '--out', out);
    expectOneErrorLine(r);
    expect(readFileSync(out, 'utf8')).toBe('phiên bản trước');
    expect(readdirSync(dir)).toEqual(['ket-qua.xlsx']);
  });

  it('an output path that is a folder, or in a missing folder, is refused and nothing is created', async () => {
    const dir = tmpDir();
    const folder = path.join(dir, 'ket-qua.xlsx');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'giu-nguyen.txt'), 'x');
    expectOneErrorLine(await run('compute', sample('tong-hop-xa-2025.xlsx'), '--out', folder));
    expect(readdirSync(folder)).toEqual(['giu-nguyen.txt']);
    expect(readdirSync(dir)).toEqual(['ket-qua.xlsx']);
    const missing = path.join(dir, 'khong-co', 'ket-qua.xlsx');
    expectOneErrorLine(await run('compare', sample('tong-hop-xa-2025.xlsx'), '--prior', sample('tong-hop-xa-2024.xlsx'), '--out', missing));
    expect(existsSync(path.dirname(missing))).toBe(false);
  });
});

describe('a generated sheet never replaces a sheet the user made', () => {
  it('a user sheet named "Xếp hạng 2025" (any case) is kept; ours takes a new name and is replaced on re-runs', async () => {
    const dir = tmpDir();
    const input = path.join(dir, 'co-trang-trung-ten.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sample('tong-hop-xa-2025.xlsx'));
    const mine = wb.addWorksheet('XẾP HẠNG 2025');
    mine.getCell('A1').value = 'Ghi chú của tôi — không được xóa';
    mine.getCell('B2').value = 42;
    await saveWorkbook(wb, input);
    const userSheet = await sheetValues(input, 'XẾP HẠNG 2025');

    const out1 = path.join(dir, 'lan-1.xlsx');
    expect((await run('compute', input, '--out', out1)).code).toBe(0);
    const names1 = (await readWorkbookFile(out1)).sheets.map((s) => s.name);
    expect(names1).toEqual(expect.arrayContaining(['Tổng hợp', 'XẾP HẠNG 2025', 'Xếp hạng 2025 (2)']));
    expect(await sheetValues(out1, 'XẾP HẠNG 2025')).toEqual(userSheet);

    // Re-running on the output replaces our own sheet, never the user's, and adds no third copy.
    const out2 = path.join(dir, 'lan-2.xlsx');
    expect((await run('compute', out1, '--out', out2)).code).toBe(0);
    const names2 = (await readWorkbookFile(out2)).sheets.map((s) => s.name);
    expect(names2.filter((n) => /^xếp hạng 2025/i.test(n)).sort()).toEqual(['XẾP HẠNG 2025', 'Xếp hạng 2025 (2)']);
    expect(await sheetValues(out2, 'XẾP HẠNG 2025')).toEqual(userSheet);
    // The user's sheet is never read as a scoring table input either.
    expect(analyzeWorkbook(await readWorkbookFile(out2)).tables.map((t) => t.sheet)).toEqual(['Tổng hợp']);
  });
});

describe('a protected sheet stops the write before anything changes', () => {
  it('compute --out into a protected table sheet: exit 2, no output, no temp file, input untouched', async () => {
    const dir = tmpDir();
    const input = path.join(dir, 'bi-khoa.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sample('tong-hop-xa-2025.xlsx'));
    await wb.worksheets[0].protect('', {});
    await saveWorkbook(wb, input);
    const before = sha(input);
    const out = path.join(dir, 'ket-qua.xlsx');
    const r = await run('compute', input, '--out', out);
    expect(expectOneErrorLine(r)).toMatch(/Tổng hợp.*bảo vệ|bảo vệ.*Tổng hợp/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bi-khoa.xlsx']);
    expect(sha(input)).toBe(before);
  });

  it('compare --out, whose highlights would go on the protected sheet: refused whole, nothing created', async () => {
    const dir = tmpDir();
    const input = path.join(dir, 'bi-khoa.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sample('tong-hop-xa-2025.xlsx'));
    await wb.worksheets[0].protect('', {});
    await saveWorkbook(wb, input);
    const out = path.join(dir, 'so-sanh.xlsx');
    const r = await run('compare', input, '--prior', sample('tong-hop-xa-2024.xlsx'), '--out', out);
    expect(expectOneErrorLine(r)).toContain('bảo vệ');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['bi-khoa.xlsx']);
  });
});

describe('ignored findings and detection corrections survive save and reopen', () => {
  async function withState(source: string, file: string, state: (wb: ExcelJS.Workbook) => Promise<WorkbookState>): Promise<WorkbookState> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(source);
    const s = await state(wb);
    writeWorkbookState(wb, s);
    await saveWorkbook(wb, file);
    return s;
  }

  it('an ignored finding moves to `ignored`; an excluded table is gone — after reopen, through the CLI, and after compute --out', async () => {
    const dir = tmpDir();
    // Two tables on one sheet; a score above its maximum in the first.
    const spoilt = path.join(dir, 'hai-bang.xlsx');
    const wb0 = new ExcelJS.Workbook();
    await wb0.xlsx.readFile(bad('two-tables.xlsx'));
    wb0.worksheets[0].getCell('D23').value = 3.5;
    await saveWorkbook(wb0, spoilt);
    const first = analyzeWorkbook(await readWorkbookFile(spoilt));
    expect(first.tables).toHaveLength(2);
    const errors = first.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.code)).toContain('score/above-max');

    const file = path.join(dir, 'da-bo-qua.xlsx');
    await withState(spoilt, file, async () => ({
      ownedSheets: [],
      ignoredFindings: errors.map(findingKey),
      corrections: [{ tableId: first.tables[1].id, excluded: true }],
      ownedConditionalFormats: [],
    }));

    const reopened = analyzeWorkbook(await readWorkbookFile(file));
    expect(reopened.tables.map((t) => t.id)).toEqual([first.tables[0].id]);
    expect(reopened.ignored.map(findingKey).sort()).toEqual(errors.map(findingKey).sort());
    expect(reopened.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const withIgnored = analyzeWorkbook(await readWorkbookFile(file), { includeIgnored: true });
    expect(withIgnored.findings.map(findingKey)).toEqual(expect.arrayContaining(errors.map(findingKey)));

    const cli = await run('validate', file, '--json');
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.out).tables).toHaveLength(1);

    const out = path.join(dir, 'ket-qua.xlsx');
    expect((await run('compute', file, '--out', out)).code).toBe(0);
    const after = await readWorkbookFile(out);
    const state = readState(after);
    expect(state.ignoredFindings.sort()).toEqual(errors.map(findingKey).sort());
    expect(state.corrections).toEqual([{ tableId: first.tables[1].id, excluded: true }]);
    expect(state.ownedSheets).toEqual(['Xếp hạng 2025']);
    const again = analyzeWorkbook(after);
    expect(again.tables.map((t) => t.id)).toEqual([first.tables[0].id]);
    // compute wrote a live ROUND(SUM(…)) total into D49 with the result it gives on the table as it
    // stands (the areas still do not add up), so every ignored finding is still there, still ignored.
    expect(again.ignored.map(findingKey).sort()).toEqual(errors.map(findingKey).sort());
    expect(again.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a scorecard\u2019s chosen score column (appraised) is honoured after reopen', async () => {
    const dir = tmpDir();
    const source = sample('tu-danh-gia-xa-hoa-binh-2025.xlsx');
    const before = analyzeWorkbook(await readWorkbookFile(source));
    const table = before.tables[0];
    expect(table.series.map((s) => s.role)).toEqual(['self', 'appraised']);
    const file = path.join(dir, 'chon-cot.xlsx');
    await withState(source, file, async () => ({
      ownedSheets: [],
      ignoredFindings: [],
      corrections: [{ tableId: table.id, scoreSeries: 'appraised' }],
      ownedConditionalFormats: [],
    }));
    const after = analyzeWorkbook(await readWorkbookFile(file));
    expect(after.tables[0].series.map((s) => s.role)).toEqual(['appraised']);
    expect(after.results[0].series[0].total.toFixed(3)).toBe(
      before.results[0].series.find((s) => s.series.role === 'appraised')!.total.toFixed(3),
    );
  });
});
