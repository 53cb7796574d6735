/**
 * Batch validation: `par-scorecard validate <files or folders>…`. The single-file contract (one
 * FILE argument) is covered by cli.test.ts and checked again here against the batch shape.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { buildScorecard, criteriaSet, generateScores, stableBytes } from '../../src/samples';
import { SAMPLES } from '../support/shared';
import { runCli } from '../support/cli';

const DON_VI = path.join(SAMPLES, 'don-vi');
const FIXTURES = SAMPLES;

const run = runCli;

/** A copy of samples/don-vi with a damaged workbook, a lock file, a hidden file and a subfolder. */
async function messyFolder(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'par-batch-'));
  cpSync(DON_VI, path.join(dir, 'don-vi'), { recursive: true });
  writeFileSync(path.join(dir, 'don-vi', 'hong.xlsx'), 'this is not a workbook');
  writeFileSync(path.join(dir, 'don-vi', '~$tu-danh-gia-xa-an-phu-2025.xlsx'), 'lock');
  writeFileSync(path.join(dir, 'don-vi', '.an.xlsx'), 'hidden');
  writeFileSync(path.join(dir, 'don-vi', 'ghi-chu.txt'), 'not a workbook name');
  mkdirSync(path.join(dir, 'don-vi', 'bo-sung'));
  const criteria = criteriaSet();
  const scores = generateScores(criteria, ['Xã Bổ Sung'], { seed: 3 })[0];
  writeFileSync(
    path.join(dir, 'don-vi', 'bo-sung', 'tu-danh-gia-xa-bo-sung-2025.xlsx'),
    await stableBytes(buildScorecard({ year: 2025, unit: 'Xã Bổ Sung', criteria, self: scores, appraised: scores })),
  );
  return path.join(dir, 'don-vi');
}

describe('validate <folder>', () => {
  it('prints { files, counts } with the single-file document per file, sorted, exit 0 when no file has an error', async () => {
    const { code, out, err } = await run('validate', DON_VI, '--json');
    expect(err).toBe('');
    const doc = JSON.parse(out);
    expect(Object.keys(doc).sort()).toEqual(['counts', 'files']);
    expect(doc.files).toHaveLength(12);
    const names = doc.files.map((f: { file: string }) => path.basename(f.file));
    expect(names).toEqual([...names].sort());
    for (const f of doc.files) {
      expect(Object.keys(f).sort()).toEqual(['counts', 'file', 'findings', 'tables']);
      expect(f.tables[0]).toMatchObject({ layout: 'scorecard', year: 2025, criteria: 41 });
      expect(f.counts.error).toBe(0);
    }
    const sum = (k: string) => doc.files.reduce((s: number, f: { counts: Record<string, number> }) => s + f.counts[k], 0);
    expect(doc.counts).toEqual({ error: sum('error'), warning: sum('warning'), info: sum('info') });
    expect(code).toBe(0);
  });

  it('prints one line per file: file, unit, year, errors, warnings, self-assessed and appraised totals', async () => {
    const { code, out } = await run('validate', DON_VI);
    expect(code).toBe(0);
    const line = out.split('\n').find((l) => l.includes('tu-danh-gia-phuong-an-lac-2025.xlsx') && l.includes('Phường An Lạc'))!;
    expect(line).toMatch(/tu-danh-gia-phuong-an-lac-2025\.xlsx\s+Phường An Lạc\s+2025\s+0\s+\d+\s+77,233\s+76,983$/);
    expect(out).toMatch(/Tệp\s+Đơn vị\s+Năm\s+Lỗi\s+Cảnh báo\s+Tự đánh giá\s+Thẩm định/);
    // The findings follow, file by file.
    expect(out).toContain("'Tự đánh giá'!F");
    const en = await run('validate', DON_VI, '--lang', 'en');
    expect(en.out).toMatch(/File\s+Unit\s+Year\s+Errors\s+Warnings\s+Self-assessed\s+Appraised/);
    expect(en.out).toMatch(/Phường An Lạc\s+2025\s+0\s+\d+\s+77\.233\s+76\.983/);
  });

  it('reports an unreadable file in its entry without stopping the batch; skips lock and hidden files; searches subfolders', async () => {
    const dir = await messyFolder();
    const { code, out } = await run('validate', dir, '--json');
    expect(code).toBe(1);
    const doc = JSON.parse(out);
    const names = doc.files.map((f: { file: string }) => path.relative(dir, f.file));
    expect(names).toHaveLength(14);
    expect(names).toContain('hong.xlsx');
    expect(names).toContain(path.join('bo-sung', 'tu-danh-gia-xa-bo-sung-2025.xlsx'));
    expect(names.some((n: string) => n.includes('~$') || n.includes('.an.') || n.endsWith('.txt'))).toBe(false);
    // The folder's own files come first, then its subfolders.
    expect(names[names.length - 1]).toBe(path.join('bo-sung', 'tu-danh-gia-xa-bo-sung-2025.xlsx'));
    const bad = doc.files.find((f: { file: string }) => f.file.endsWith('hong.xlsx'));
    expect(bad).toEqual({
      file: path.join(dir, 'hong.xlsx'),
      error: { reason: 'not-a-workbook', message: expect.stringContaining('hong.xlsx') },
      tables: [],
      findings: [],
      counts: { error: 1, warning: 0, info: 0 },
    });
    expect(doc.counts.error).toBe(1);
    const good = doc.files.filter((f: { error?: unknown }) => !f.error);
    expect(good).toHaveLength(13);

    const text = await run('validate', dir);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/hong\.xlsx\s+KHÔNG ĐỌC ĐƯỢC\s+—\s+1\s+0/);
    expect(text.out).toContain('không phải là sổ làm việc Excel');
  });

  it('takes several files and folders; one FILE keeps the single-file document', async () => {
    const hb = path.join(FIXTURES, 'tu-danh-gia-xa-hoa-binh-2025.xlsx');
    const both = JSON.parse((await run('validate', hb, path.join(FIXTURES, 'tong-hop-xa-2025.xlsx'), '--json')).out);
    expect(both.files.map((f: { file: string }) => f.file)).toEqual([hb, path.join(FIXTURES, 'tong-hop-xa-2025.xlsx')]);
    const one = JSON.parse((await run('validate', hb, '--json')).out);
    expect(Object.keys(one).sort()).toEqual(['counts', 'file', 'findings', 'tables']);
    expect(one).toEqual(both.files[0]);
  });

  it('applies --reference to every file', async () => {
    const { out } = await run('validate', DON_VI, '--reference', path.join(SAMPLES, 'mau-trong-2025.xlsx'), '--json');
    const doc = JSON.parse(out);
    expect(doc.files.flatMap((f: { findings: { code: string }[] }) => f.findings.filter((x) => x.code.startsWith('reference/')))).toEqual(
      [],
    );
  });

  it('counts progress on stderr with --progress, keeping stdout clean JSON', async () => {
    const { out, err } = await run('validate', DON_VI, '--json', '--progress');
    expect(() => JSON.parse(out)).not.toThrow();
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines.map((l) => l.replace(/\] .*/, ']')).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `[${i + 1}/12]`).sort());
    expect(lines[0]).toMatch(/^\[1\/12\] .*tu-danh-gia-.*\.xlsx$/);
  });

  it('rewrites the counter in place on a terminal and erases it at the end', async () => {
    let raw = '';
    let out = '';
    const code = await main(['validate', DON_VI, '--json'], {
      out: (s) => (out += s),
      err: () => undefined,
      errIsTTY: true,
      errRaw: (s) => (raw += s),
    });
    expect(code).toBe(0);
    expect(raw).toContain('\r\x1b[2K[12/12] ');
    expect(raw.endsWith('\r\x1b[2K')).toBe(true);
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it.each([[['validate', path.join(FIXTURES, 'nope')]], [['validate', DON_VI, '--out', 'x.xlsx']], [['validate', DON_VI, '--force']]])(
    'exit 2 for %j',
    async (argv) => {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^par-scorecard: /);
    },
  );

  it('exit 2 when a folder holds no workbook', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'par-empty-'));
    writeFileSync(path.join(empty, '~$lock.xlsx'), 'lock');
    const r = await run('validate', empty);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Không tìm thấy tệp .xlsx');
  });
});

describe('folders with old and macro-enabled workbooks', () => {
  it('answers for every form: .xls reported as legacy, .xlsm read without running macros', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'par-batch-formats-'));
    const bad = path.resolve(__dirname, '../fixtures/bad');
    cpSync(path.join(bad, 'legacy.xls'), path.join(dir, 'cu.xls'));
    cpSync(path.join(bad, 'macros.xlsm'), path.join(dir, 'macro.xlsm'));
    cpSync(path.join(DON_VI, 'tu-danh-gia-xa-hoa-binh-2025.xlsx'), path.join(dir, 'hoa-binh.xlsx'));
    const r = await run('validate', dir, '--json');
    const doc = JSON.parse(r.out);
    const byName = (n: string) => doc.files.find((f: { file: string }) => path.basename(f.file) === n);
    expect(doc.files).toHaveLength(3);
    expect(byName('cu.xls').error.reason).toBe('legacy-xls');
    expect(byName('macro.xlsm').error).toBeUndefined();
    expect(byName('macro.xlsm').tables.length).toBeGreaterThan(0);
    expect(r.code).toBe(1);
  });
});
