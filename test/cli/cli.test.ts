import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../support/cli';
import { expectedSampleDefects, SAMPLES } from '../support/shared';

const FIXTURES = SAMPLES;
const fx = (name: string) => path.join(FIXTURES, name);
const expected = expectedSampleDefects();

const run = runCli;

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'par-cli-'));

describe('validate', () => {
  it.each(Object.entries(expected).filter(([, list]) => list.some((e) => e.cell)))('%s reports the expected cell', async (file, list) => {
    const { code, out } = await run('validate', fx(file), '--json');
    const doc = JSON.parse(out);
    for (const e of list) {
      const hit = doc.findings.find((f: { sheet: string; cell: string }) => f.sheet === e.sheet && f.cell === e.cell);
      expect(hit).toBeDefined();
      const allowed = e.severity === 'warning or error' ? ['warning', 'error'] : [e.severity];
      expect(allowed).toContain(hit.severity);
    }
    expect(code).toBe(doc.counts.error > 0 ? 1 : 0);
  });

  it('reports the number stored as text with the value it meant', async () => {
    const { out } = await run('validate', fx('loi-so-dang-chu.xlsx'), '--json');
    const f = JSON.parse(out).findings.find((x: { cell: string }) => x.cell === 'H13');
    expect(f.code).toBe('score/number-as-text');
    expect(f.message).toContain('1,25');
  });

  it('finds no errors in the clean 2025 consolidation and describes its table', async () => {
    const { code, out } = await run('validate', fx('tong-hop-xa-2025.xlsx'), '--json');
    const doc = JSON.parse(out);
    expect(code).toBe(0);
    expect(doc.counts.error).toBe(0);
    expect(doc.tables).toEqual([expect.objectContaining({ sheet: 'Tổng hợp', layout: 'consolidated', year: 2025, criteria: 41 })]);
    expect(doc.tables[0].units).toHaveLength(12);
    expect(doc.tables[0].units[0]).toBe('Phường An Lạc');
  });

  it('prints a readable Vietnamese report by default and English with --lang en', async () => {
    const vi = await run('validate', fx('loi-vuot-diem-toi-da.xlsx'));
    expect(vi.out).toContain("'Tổng hợp'!D23");
    expect(vi.out).toContain('vượt điểm tối đa 3');
    const en = await run('validate', fx('loi-vuot-diem-toi-da.xlsx'), '--lang', 'en');
    expect(en.out).toContain('above the maximum 3');
  });

  it('checks a form against the official blank form with --reference', async () => {
    const { out } = await run('validate', fx('tu-danh-gia-xa-hoa-binh-2025.xlsx'), '--reference', fx('mau-trong-2025.xlsx'), '--json');
    const doc = JSON.parse(out);
    expect(doc.findings.filter((f: { code: string }) => f.code.startsWith('reference/'))).toEqual([]);
  });
});

describe('exit 2: bad arguments and unreadable files', () => {
  it.each([
    [['validate']],
    [['frobnicate', 'x.xlsx']],
    [['compute', fx('tong-hop-xa-2025.xlsx'), '--ties', 'weird']],
    [['validate', fx('tong-hop-xa-2025.xlsx'), '--nope']],
    [['compare', fx('tong-hop-xa-2025.xlsx')]],
  ])('%j', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^par-scorecard: /);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('refuses --out equal to the input, leaving it untouched', async () => {
    const dir = tmp();
    const copy = path.join(dir, 'in.xlsx');
    writeFileSync(copy, readFileSync(fx('tong-hop-xa-2025.xlsx')));
    const before = sha(copy);
    const r = await run('compute', copy, '--out', path.join(dir, '.', 'in.xlsx'));
    expect(r.code).toBe(2);
    expect(sha(copy)).toBe(before);
  });

  it('says clearly that a non-workbook cannot be read', async () => {
    const dir = tmp();
    const bad = path.join(dir, 'notes.xlsx');
    writeFileSync(bad, 'this is not a workbook');
    const r = await run('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('compute', () => {
  it('ranks with RANK.EQ semantics, ties sharing a rank', async () => {
    const { code, out } = await run('compute', fx('tong-hop-xa-2025.xlsx'), '--json');
    expect(code).toBe(0);
    const units = JSON.parse(out).tables[0].units as { unit: string; total: number; rank: number; of: number; index: number }[];
    const by = (n: string) => units.find((u) => u.unit === n)!;
    // Totals as in samples/manifest.json: 92,975 · 91,246 · 86,75 (twice) · 86,721 · … · 76,983.
    expect(by('Phường Trung Tâm')).toMatchObject({ total: 92.975, rank: 1, of: 12, index: 92.975 });
    expect(by('Phường An Lạc')).toMatchObject({ total: 76.983, rank: 12, of: 12, index: 76.983 });
    expect(by('Xã Hòa Bình')).toMatchObject({ total: 86.75, rank: 3 });
    expect(by('Xã An Phú')).toMatchObject({ total: 86.75, rank: 3 });
    expect(by('Xã Đông Hà')).toMatchObject({ total: 86.721, rank: 5 });
    const dense = JSON.parse((await run('compute', fx('tong-hop-xa-2025.xlsx'), '--json', '--ties', 'dense')).out).tables[0].units;
    expect(dense.find((u: { unit: string }) => u.unit === 'Xã Đông Hà').rank).toBe(4);
  });

  it('writes live RANK.EQ formulas into the empty rank row and a ranking sheet, never touching the input', async () => {
    const dir = tmp();
    const out = path.join(dir, 'ket-qua.xlsx');
    const before = sha(fx('tong-hop-xa-2025.xlsx'));
    const r = await run('compute', fx('tong-hop-xa-2025.xlsx'), '--out', out);
    expect(r.code).toBe(0);
    expect(sha(fx('tong-hop-xa-2025.xlsx'))).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Tổng hợp')!;
    // Newer functions are stored with Excel's _xlfn. prefix in the file format.
    expect(ws.getCell('D50').formula).toBe('_xlfn.RANK.EQ(D49,$D$49:$O$49)');
    // Cached ranks: Phường An Lạc (D) last of 12, the tied Hòa Bình and An Phú (F, G) 3rd, Trung Tâm (J) 1st.
    expect(['D50', 'F50', 'G50', 'J50'].map((a) => (ws.getCell(a).value as { result?: number }).result)).toEqual([12, 3, 3, 1]);
    expect(ws.getCell('D49').formula).toBe('ROUND(SUM(D8+D16+D20+D28+D32+D36+D40+D46),3)');
    // Scores are never changed.
    expect(ws.getCell('D10').value).toBe(1);
    const ranking = wb.getWorksheet('Xếp hạng 2025')!;
    expect(ranking).toBeDefined();
    expect(ranking.getCell('B6').text).toBe('Phường Trung Tâm');
    expect(ranking.getCell('B6').formula).toBe('HYPERLINK("#\'Tổng hợp\'!J7","Phường Trung Tâm")');
    expect(ranking.getCell('A6').formula).toMatch(/^_xlfn\.RANK\.EQ\(/);
  });

  it('reports typed totals instead of overwriting them, and replaces them only with --overwrite-totals', async () => {
    // loi-div0 has typed parent values but formula totals; build a workbook with typed totals.
    const dir = tmp();
    const src = path.join(dir, 'typed.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fx('tong-hop-xa-2024.xlsx'));
    const ws = wb.worksheets[0];
    ws.getCell('D49').value = 89.5;
    await wb.xlsx.writeFile(src);
    const out = path.join(dir, 'out.xlsx');
    const r = await run('compute', src, '--out', out, '--json');
    const doc = JSON.parse(r.out);
    expect(doc.findings).toContainEqual(expect.objectContaining({ code: 'write/typed-total', cell: 'D49' }));
    const check = new ExcelJS.Workbook();
    await check.xlsx.readFile(out);
    expect(check.worksheets[0].getCell('D49').value).toBe(89.5);
    const out2 = path.join(dir, 'out2.xlsx');
    await run('compute', src, '--out', out2, '--overwrite-totals');
    const check2 = new ExcelJS.Workbook();
    await check2.xlsx.readFile(out2);
    expect(check2.worksheets[0].getCell('D49').formula).toMatch(/^ROUND\(SUM\(D8,D16,/);
  });

  it('writes a unit name that looks like a formula as text', async () => {
    const dir = tmp();
    const out = path.join(dir, 'out.xlsx');
    await run('compute', fx('loi-ten-don-vi-cong-thuc.xlsx'), '--out', out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ranking = wb.worksheets.find((w) => w.name.startsWith('Xếp hạng'))!;
    const cells: ExcelJS.Cell[] = [];
    ranking.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const named = cells.find((c) => c.value === '=1+1');
    expect(named).toBeDefined();
    expect(named!.formula).toBeUndefined();
  });
});

describe('compare', () => {
  it('compares 2025 with 2024 and writes the sentences the officials write', async () => {
    const { code, out } = await run('compare', fx('tong-hop-xa-2025.xlsx'), '--prior', fx('tong-hop-xa-2024.xlsx'), '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.year).toBe(2025);
    expect(doc.priorYear).toBe(2024);
    const anLac = doc.units.find((u: { unit: string }) => u.unit === 'Phường An Lạc');
    // samples/manifest.json: 76,983 (12th of 12) in 2025, 86,682 (3rd of 10) in 2024.
    expect(anLac).toMatchObject({ total: 76.983, priorTotal: 86.682, delta: -9.699, rank: 12, priorRank: 3, rankChange: -9 });
    expect(anLac.rankChange).toBe(anLac.priorRank - anLac.rank);
    expect(anLac.summary).toBe(
      'Phường An Lạc đạt 76,983 điểm, xếp thứ 12 trong tổng số 12 xã, phường; giảm 9,699 điểm và giảm 09 bậc so với năm 2024.',
    );
    // 92,975 (1st) in 2025, 87,521 (2nd) in 2024.
    const trungTam = doc.units.find((u: { unit: string }) => u.unit === 'Phường Trung Tâm');
    expect(trungTam.summary).toBe(
      'Phường Trung Tâm đạt 92,975 điểm, xếp thứ 1 trong tổng số 12 xã, phường; tăng 5,454 điểm và tăng 01 bậc so với năm 2024.',
    );
    expect(doc.unmatched.current.sort()).toEqual(['Phường Nghĩa Trung', 'Xã Nam Dong']);
  });

  it('compares with a prior year in the summary layout at area level', async () => {
    const { out } = await run(
      'compare',
      fx('tong-hop-xa-2025.xlsx'),
      '--prior',
      fx('ket-qua-xa-2024-tom-tat.xlsx'),
      '--json',
      '--lang',
      'en',
    );
    const doc = JSON.parse(out);
    const anLac = doc.units.find((u: { unit: string }) => u.unit === 'Phường An Lạc');
    expect(anLac).toMatchObject({ priorTotal: 86.682, delta: -9.699 });
    // Area 1: D8 = 8,595 in 2025; 9,009 in the 2024 summary (C5).
    expect(anLac.areas[0]).toMatchObject({ code: '1', score: 8.595, prior: 9.009, delta: -0.414 });
  });

  it('writes the comparison sheet into a new workbook', async () => {
    const dir = tmp();
    const out = path.join(dir, 'so-sanh.xlsx');
    await run('compare', fx('tong-hop-xa-2025.xlsx'), '--prior', fx('tong-hop-xa-2024.xlsx'), '--out', out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('So sánh 2025-2024')).toBeDefined();
    expect(existsSync(out)).toBe(true);
  });
});

describe('the installed command', () => {
  const bin = path.resolve(__dirname, '../../bin/par-scorecard.js');
  it('runs from the bin launcher with the documented exit codes and no stack trace', () => {
    if (!existsSync(path.resolve(__dirname, '../../lib/par-scorecard.js')))
      execFileSync('npm', ['run', '-s', 'build:cli'], { cwd: path.resolve(__dirname, '../..') });
    const ok = spawnSync(process.execPath, [bin, 'validate', fx('tong-hop-xa-2025.xlsx'), '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(() => JSON.parse(ok.stdout)).not.toThrow();
    const bad = spawnSync(process.execPath, [bin, 'validate', fx('README.md')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(bad.stdout).toBe('');
  });

  it('loads one bundled file with a plain require, with no ExcelJS in or behind it (issue #16)', () => {
    // One file instead of ~60 modules of lib/ at every start; the bundle must not pull lib/ in again.
    const probe = `
      const cli = require(${JSON.stringify(path.resolve(__dirname, '../../lib/par-scorecard.js'))});
      const fromLib = Object.keys(require.cache).filter((f) => f.includes('${path.sep}lib${path.sep}') && !f.endsWith('par-scorecard.js') && !f.includes('node_modules'));
      process.stdout.write(JSON.stringify({ main: typeof cli.main, fromLib }));`;
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ main: 'function', fromLib: [] });
    const bundle = readFileSync(path.resolve(__dirname, '../../lib/par-scorecard.js'), 'utf8');
    expect(bundle).not.toMatch(/require\("exceljs/);
    expect(bundle).not.toMatch(/^\/\/ node_modules\/exceljs\//m);
    expect(readFileSync(path.resolve(__dirname, '../../bin/par-scorecard.js'), 'utf8')).not.toMatch(/\bvm\b|cachedData|Module\.wrap/);
    // The Word library (1 MB) is loaded by `report` alone, from node_modules.
    expect(bundle).toContain('require("docx")');
    expect(bundle).not.toMatch(/^\/\/ node_modules\/docx\//m);
  });

  it('writes the Word report draft (`report`), the docx library found from the bundle', () => {
    const out = path.join(tmp(), 'bao-cao.docx');
    const r = spawnSync(
      process.execPath,
      [bin, 'report', fx('tong-hop-xa-2025.xlsx'), '--prior', fx('tong-hop-xa-2024.xlsx'), '--unit', 'Xã Hòa Bình', '--out', out],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'Xã Hòa Bình đạt 86,75 điểm, xếp thứ 3 trong tổng số 12 xã, phường; tăng 3,36 điểm và tăng 03 bậc so với năm 2024.',
    );
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('finishes its work quietly when the reader closes the pipe early (`… | head`)', () => {
    const out = path.join(tmp(), 'ket-qua.xlsx');
    // `true` exits without reading: every line of the report hits a closed pipe (EPIPE).
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" compute "${fx('tong-hop-xa-2025.xlsx')}" --out "${out}" | true`], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(existsSync(out)).toBe(true);
  });
});

describe('compare on a workbook without a scoring table (issue #16)', () => {
  it('says so in one line, without the usage block, exit 2', async () => {
    const dir = tmp();
    const file = path.join(dir, 'khong-co-bang.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Ghi chú').getCell('A1').value = 'Không có bảng chấm điểm';
    await wb.xlsx.writeFile(file);
    const { code, out, err } = await run('compare', file, '--prior', path.join(SAMPLES, 'tong-hop-xa-2024.xlsx'));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toEqual([`par-scorecard: Không tìm thấy bảng chấm điểm trong ${file}.`]);
    const en = await run('compare', path.join(SAMPLES, 'tong-hop-xa-2025.xlsx'), '--prior', file, '--lang', 'en');
    expect(en.err.trim().split('\n')).toEqual([`par-scorecard: No scoring table found in ${file}.`]);
  });
});
