/**
 * `par-scorecard consolidate <files or folders>… --out <new.xlsx>`: the written workbook, read
 * back with ExcelJS, against the consolidated sample built from the same scores.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../support/cli';
import { parseCode } from '../../src/core/codes';
import { buildScorecard, criteriaSet, generateScores, selfAssessment, stableBytes, type Manifest } from '../../src/samples';
import { SAMPLES } from '../support/shared';

const DON_VI = path.join(SAMPLES, 'don-vi');
const FIXTURES = SAMPLES;
const manifest = JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')) as Manifest;
const consolidated = manifest.samples.find((s) => s.file === 'tong-hop-xa-2025.xlsx')!;

const run = runCli;
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'par-consolidate-'));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const valueOf = (c: ExcelJS.Cell): unknown => {
  const v = c.value as unknown;
  if (v && typeof v === 'object' && 'result' in (v as object)) return (v as { result: unknown }).result;
  return v;
};

/** Criterion key → row, from the code column (A) of a criteria-as-rows sheet. */
function rowsByKey(ws: ExcelJS.Worksheet, from: number, to: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = from; r <= to; r++) {
    const code = parseCode(ws.getCell(r, 1).value as string | number | null);
    if (code) out.set(code.key, r);
  }
  return out;
}

/** Unit name → column, from a row of unit names. */
function columnsByUnit(ws: ExcelJS.Worksheet, row: number): Map<string, number> {
  const out = new Map<string, number>();
  ws.getRow(row).eachCell((c, col) => {
    if (col >= 4 && typeof c.value === 'string') out.set(c.value.normalize('NFC').trim(), col);
  });
  return out;
}

describe('consolidate samples/don-vi', () => {
  let dir: string;
  let outFile: string;
  let doc: {
    out: string;
    year: number;
    units: { unit: string; file: string; total: number; rank: number; of: number; score: string }[];
    excluded: unknown[];
    findings: { file: string; unit: string; code: string; severity: string; sheet: string; cell: string; message: string }[];
  };
  let code: number;
  let err: string;

  beforeAll(async () => {
    dir = tmp();
    outFile = path.join(dir, 'tong-hop.xlsx');
    const before = readdirSync(DON_VI).map((f) => sha(path.join(DON_VI, f)));
    const r = await run('consolidate', DON_VI, '--out', outFile, '--json');
    expect(readdirSync(DON_VI).map((f) => sha(path.join(DON_VI, f)))).toEqual(before);
    code = r.code;
    err = r.err;
    doc = JSON.parse(r.out);
  });

  it('prints the consolidation JSON and exits 0', () => {
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(doc).toMatchObject({ out: outFile, year: 2025, excluded: [] });
    expect(doc.units).toHaveLength(12);
    for (const u of doc.units) {
      expect(u).toEqual(
        expect.objectContaining({
          unit: expect.any(String),
          file: expect.stringContaining('don-vi'),
          total: expect.any(Number),
          rank: expect.any(Number),
          of: 12,
          score: 'appraised',
        }),
      );
      expect(u.total.toFixed(3)).toBe(consolidated.totals![u.unit]);
    }
    const hb = doc.units.find((u) => u.unit === 'Xã Hòa Bình')!;
    const ap = doc.units.find((u) => u.unit === 'Xã An Phú')!;
    expect(hb.rank).toBe(ap.rank);
    expect(doc.units.find((u) => u.unit === 'Phường Trung Tâm')!.rank).toBe(1);
    for (const f of doc.findings) expect(Object.keys(f).sort()).toEqual(['cell', 'code', 'file', 'message', 'severity', 'sheet', 'unit']);
    expect(doc.findings.some((f) => f.code === 'evidence/missing')).toBe(true);
  });

  it('writes the consolidation sheet, cell by cell equal to the consolidated sample', async () => {
    const wb = await open(outFile);
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual([
      'Tổng hợp 2025',
      'Xếp hạng 2025',
      'Chênh lệch thẩm định',
      'Kiểm tra',
    ]);
    const ws = wb.getWorksheet('Tổng hợp 2025')!;
    expect(ws.getCell('A4').value).toBe('STT');
    expect(ws.getCell('B4').value).toBe('Lĩnh vực/Tiêu chí/Tiêu chí thành phần');
    expect(ws.getCell('C4').value).toBe('Điểm tối đa');
    expect(ws.getCell('D4').value).toBe('Điểm đạt được của các đơn vị');
    expect(ws.getCell('O4').isMerged).toBe(true);
    expect(ws.getCell('A5').isMerged).toBe(true);
    expect(String(ws.getCell('A1').value)).toContain('NĂM 2025');

    const sample = await open(path.join(SAMPLES, consolidated.file));
    const ss = sample.getWorksheet(consolidated.sheet)!;
    const ours = rowsByKey(ws, 7, 60);
    const theirs = rowsByKey(ss, consolidated.firstRow!, consolidated.lastRow!);
    expect([...ours.keys()]).toEqual([...theirs.keys()]);
    const units = columnsByUnit(ws, 5);
    expect([...units.keys()].sort()).toEqual([...consolidated.units!].sort());
    const totalRow = 7 + ours.size;
    const rankRow = totalRow + 1;
    expect(ws.getCell(totalRow, 2).value).toBe('TỔNG ĐIỂM');
    expect(ws.getCell(rankRow, 2).value).toBe('XẾP HẠNG');
    const theirCol = (u: string) => ss.getColumn(consolidated.unitColumns![u]).number;

    for (const [unit, col] of units) {
      expect(ws.getCell(6, col).value).toBe('Thẩm định');
      const letter = ws.getColumn(col).letter;
      for (const [key, row] of ours) {
        const mine = ws.getCell(row, col);
        const expected = ss.getCell(theirs.get(key)!, theirCol(unit));
        expect(valueOf(mine)).toBe(valueOf(expected));
        // Parents are live SUMs over their children, as in the sample; leaves are numbers.
        if (expected.formula) expect(mine.formula).toMatch(new RegExp(`^SUM\\(${letter}\\d+(,${letter}\\d+)*\\)$`));
        else expect(typeof mine.value).toBe('number');
      }
      const total = ws.getCell(totalRow, col);
      expect(total.formula).toMatch(new RegExp(`^ROUND\\(SUM\\(${letter}\\d+(,${letter}\\d+){7}\\),3\\)$`));
      expect((valueOf(total) as number).toFixed(3)).toBe(consolidated.totals![unit]);
      const rank = ws.getCell(rankRow, col);
      expect(rank.formula).toBe(`_xlfn.RANK.EQ(${letter}${totalRow},$D$${totalRow}:$O$${totalRow})`);
      expect(valueOf(rank)).toBe(doc.units.find((u) => u.unit === unit)!.rank);
      expect(valueOf(rank)).toBe(
        1 + Object.values(consolidated.totals!).filter((t) => Number(t) > Number(consolidated.totals![unit])).length,
      );
    }
  });

  it('ranks in Xếp hạng 2025 and lists each file in Kiểm tra', async () => {
    const wb = await open(outFile);
    const ranking = wb.getWorksheet('Xếp hạng 2025')!;
    expect(valueOf(ranking.getCell('B6'))).toBe('Phường Trung Tâm');
    expect(ranking.getCell('A6').formula).toMatch(/^_xlfn\.RANK\.EQ\(/);
    const checks = wb.getWorksheet('Kiểm tra')!;
    expect(checks.getRow(4).values).toEqual([
      undefined,
      'Tệp',
      'Đơn vị',
      'Lỗi',
      'Cảnh báo',
      'Lưu ý',
      'Điểm được tổng hợp',
      'Trạng thái',
      'Tổng tự đánh giá',
      'Tổng thẩm định',
    ]);
    const files: string[] = [];
    checks.eachRow((row, r) => {
      if (r > 4 && r <= 16) files.push(String(row.getCell(1).value));
    });
    expect(files.map((f) => path.basename(f)).sort()).toEqual(readdirSync(DON_VI).sort());
    let findingHeader = 0;
    checks.eachRow((row, r) => {
      if (row.getCell(1).value === 'Tệp' && row.getCell(3).value === 'Mức độ') findingHeader = r;
    });
    expect(checks.getRow(findingHeader).values).toEqual([undefined, 'Tệp', 'Đơn vị', 'Mức độ', 'Trang tính', 'Ô', 'Mã', 'Nội dung']);
    expect(checks.rowCount - findingHeader).toBe(doc.findings.length);
  });

  it('lists in Chênh lệch thẩm định exactly the criteria where self ≠ appraised in the forms, with signature lines', async () => {
    // Expected straight from the forms (self and appraised columns of each leaf).
    const expected: string[] = [];
    for (const e of manifest.samples.filter((s) => s.file.startsWith('don-vi/'))) {
      const form = (await open(path.join(SAMPLES, e.file))).getWorksheet(e.sheet)!;
      const rows = rowsByKey(form, e.firstRow!, e.lastRow!);
      for (const [key, r] of rows) {
        if ([...rows.keys()].some((k) => k.startsWith(`${key}.`))) continue;
        const self = valueOf(form.getCell(`${e.seriesColumns!.self}${r}`));
        const appraised = valueOf(form.getCell(`${e.seriesColumns!.appraised}${r}`));
        if (self !== appraised) expected.push(`${e.units![0]}|${key}`);
      }
    }
    const wb = await open(outFile);
    const ws = wb.getWorksheet('Chênh lệch thẩm định')!;
    expect(ws.getRow(4).values).toEqual([
      undefined,
      'Đơn vị',
      'Mã',
      'Tiêu chí',
      'Điểm tối đa',
      'Tự đánh giá',
      'Thẩm định',
      'Chênh lệch',
      'Tài liệu kiểm chứng',
      'Ghi chú',
    ]);
    const listed: string[] = [];
    let preparer = 0;
    ws.eachRow((row, r) => {
      if (r <= 4) return;
      const code = parseCode(row.getCell(2).value as string | null);
      if (code) {
        listed.push(`${row.getCell(1).value}|${code.key}`);
        const self = row.getCell(5).value as number;
        const appraised = row.getCell(6).value as number;
        expect(row.getCell(7).formula).toBe(`ROUND(F${r}-E${r},3)`);
        expect(valueOf(row.getCell(7))).toBeCloseTo(appraised - self, 9);
      }
      if (row.getCell(2).value === 'NGƯỜI LẬP BIỂU') {
        preparer = r;
        expect(row.getCell(7).value).toBe('CHỦ TỊCH HỘI ĐỒNG THẨM ĐỊNH');
      }
    });
    expect(listed.sort()).toEqual(expected.sort());
    expect(preparer).toBeGreaterThan(4 + listed.length);
  });

  it('prints a readable report by default', async () => {
    const r = await run('consolidate', DON_VI, '--out', path.join(dir, 'b.xlsx'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Tổng hợp năm 2025: 12 đơn vị từ 12 tệp/);
    expect(r.out).toMatch(/\n\s+1\s+Phường Trung Tâm\s+92,975\s+thẩm định\s+93,225\s+92,975/);
    expect(r.out).toContain(`Đã ghi bảng tổng hợp vào ${path.join(dir, 'b.xlsx')}`);
  });

  it('the output reads back as a consolidation: validate and compute see the same totals', async () => {
    const v = JSON.parse((await run('validate', outFile, '--json')).out);
    expect(v.tables).toEqual([expect.objectContaining({ sheet: 'Tổng hợp 2025', layout: 'consolidated', year: 2025, criteria: 41 })]);
    expect(v.counts.error).toBe(0);
    const c = JSON.parse((await run('compute', outFile, '--json')).out);
    for (const u of c.tables[0].units) expect(u.total.toFixed(3)).toBe(consolidated.totals![u.unit]);
  });
});

describe('consolidate: forms left out, --force, --score, one form', () => {
  async function folderWithStrangers(): Promise<string> {
    const dir = tmp();
    const forms = path.join(dir, 'ho-so');
    cpSync(DON_VI, forms, { recursive: true });
    writeFileSync(path.join(forms, 'hong.xlsx'), 'PK-not really a zip');
    const criteria = criteriaSet();
    const appraised = generateScores(criteria, ['Xã Năm Trước'], { seed: 11 })[0];
    writeFileSync(
      path.join(forms, 'nam-truoc-2024.xlsx'),
      await stableBytes(
        buildScorecard({ year: 2024, unit: 'Xã Năm Trước', criteria, self: selfAssessment(criteria, appraised, 2), appraised }),
      ),
    );
    const other = criteriaSet({ kind: 'synthetic', count: 30, seed: 5 });
    const otherScores = generateScores(other, ['Xã Bộ Khác'], { seed: 12 })[0];
    writeFileSync(
      path.join(forms, 'bo-khac-2025.xlsx'),
      await stableBytes(buildScorecard({ year: 2025, unit: 'Xã Bộ Khác', criteria: other, self: otherScores, appraised: otherScores })),
    );
    return forms;
  }

  it('leaves out a form of another criteria set or year and an unreadable file, with reasons, and goes on (exit 1)', async () => {
    const forms = await folderWithStrangers();
    const out = path.join(path.dirname(forms), 'tong-hop.xlsx');
    const r = await run('consolidate', forms, '--out', out, '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc.units).toHaveLength(12);
    const reasons = Object.fromEntries(doc.excluded.map((e: { file: string; reason: string }) => [path.basename(e.file), e.reason]));
    expect(reasons).toEqual({ 'hong.xlsx': 'unreadable', 'nam-truoc-2024.xlsx': 'other-year', 'bo-khac-2025.xlsx': 'other-criteria' });
    for (const e of doc.excluded) expect(e.message.length).toBeGreaterThan(20);
    expect(doc.findings).toContainEqual(
      expect.objectContaining({ code: 'consolidate/unreadable', severity: 'error', file: path.join(forms, 'hong.xlsx') }),
    );
    expect(existsSync(out)).toBe(true);

    const text = await run('consolidate', forms, '--out', out);
    expect(text.out).toContain('Không được tổng hợp:');
    expect(text.out).toMatch(/nam-truoc-2024\.xlsx — Phiếu của năm 2024, không phải năm tổng hợp 2025/);

    const forced = JSON.parse((await run('consolidate', forms, '--out', out, '--json', '--force')).out);
    expect(forced.units).toHaveLength(14);
    expect(forced.excluded.map((e: { reason: string }) => e.reason)).toEqual(['unreadable']);
    expect(forced.findings.filter((f: { code: string }) => f.code === 'consolidate/criterion-missing').length).toBeGreaterThan(0);
    const wb = await open(out);
    const ws = wb.getWorksheet('Tổng hợp 2025')!;
    const gap = forced.findings.find((f: { code: string }) => f.code === 'consolidate/criterion-missing');
    expect(gap.sheet).toBe('Tổng hợp 2025');
    expect(ws.getCell(gap.cell).value).toBeNull();
  });

  it('consolidates the sample Hòa Bình form alone: appraised 86,75, self-assessed 87,5', async () => {
    const dir = tmp();
    const file = path.join(FIXTURES, 'tu-danh-gia-xa-hoa-binh-2025.xlsx');
    const a = JSON.parse((await run('consolidate', file, '--out', path.join(dir, 'a.xlsx'), '--json')).out);
    expect(a.units).toEqual([expect.objectContaining({ unit: 'Xã Hòa Bình', file, total: 86.75, rank: 1, of: 1, score: 'appraised' })]);
    const s = JSON.parse((await run('consolidate', file, '--out', path.join(dir, 's.xlsx'), '--json', '--score', 'self')).out);
    // samples/manifest.json: self 87.500, appraised 86.750.
    expect(s.units).toEqual([expect.objectContaining({ unit: 'Xã Hòa Bình', total: 87.5, score: 'self' })]);
    const wb = await open(path.join(dir, 's.xlsx'));
    expect(wb.getWorksheet('Tổng hợp 2025')!.getCell('D5').value).toBe('Xã Hòa Bình');
    expect(wb.getWorksheet('Tổng hợp 2025')!.getCell('D6').value).toBe('Tự đánh giá');
  });

  it('counts progress on stderr only with --progress', async () => {
    const dir = tmp();
    const quiet = await run('consolidate', DON_VI, '--out', path.join(dir, 'q.xlsx'), '--json');
    expect(quiet.err).toBe('');
    const loud = await run('consolidate', DON_VI, '--out', path.join(dir, 'l.xlsx'), '--json', '--progress');
    expect(() => JSON.parse(loud.out)).not.toThrow();
    expect(loud.err.trim().split('\n')).toHaveLength(12);
    expect(loud.err).toMatch(/^\[\d+\/12\] .*\.xlsx$/m);
  });

  it('writes English result sheets with --lang en', async () => {
    const dir = tmp();
    const r = await run('consolidate', DON_VI, '--out', path.join(dir, 'en.xlsx'), '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Consolidation 2025: 12 unit\(s\) from 12 file\(s\)/);
    const wb = await open(path.join(dir, 'en.xlsx'));
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual([
      'Tổng hợp 2025',
      'Ranking 2025',
      'Appraisal differences',
      'Checks',
    ]);
  });

  it.each([
    [['consolidate', DON_VI]],
    [['consolidate', DON_VI, '--out', 'x.xlsx', '--score', 'best']],
    [['consolidate', DON_VI, '--out', 'x.xlsx', '--year', '25']],
    [['consolidate', DON_VI, '--out', 'x.xlsx', '--prior', 'y.xlsx']],
    [['consolidate', path.join(DON_VI, 'nope'), '--out', 'x.xlsx']],
    [['compute', path.join(FIXTURES, 'tong-hop-xa-2025.xlsx'), '--force']],
  ])('exit 2 for %j', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^par-scorecard: /);
    expect(r.out).toBe('');
  });

  it('refuses --out equal to one of the inputs, leaving it untouched', async () => {
    const dir = tmp();
    cpSync(DON_VI, dir, { recursive: true });
    const target = path.join(dir, 'tu-danh-gia-xa-an-phu-2025.xlsx');
    const before = sha(target);
    const r = await run('consolidate', dir, '--out', target);
    expect(r.code).toBe(2);
    expect(sha(target)).toBe(before);
  });

  it('exit 1 and no file when nothing can be consolidated', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'hong.xlsx'), 'not a workbook');
    const out = path.join(dir, 'out.xlsx');
    const r = await run('consolidate', dir, '--out', out, '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ out: null, units: [], excluded: [expect.objectContaining({ reason: 'unreadable' })] });
    expect(existsSync(out)).toBe(false);
  });
});
