/**
 * The command line's contract as README states it ("Command line", "Exit codes of
 * par-scorecard validate"), through the installed command (bin/par-scorecard.js, a child process,
 * as a script calling it sees it):
 *   0 done, no error findings · 1 done, error findings present · 2 bad arguments or an unreadable
 *   file: exactly one line on stderr, starting "par-scorecard:", in the user's language (--lang),
 *   never a stack trace, nothing on stdout.
 * lib/ is built from the current sources by the jest globalSetup (test/support/global-setup.js).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, samplePath } from '../support/shared';

jest.setTimeout(120_000);

const BIN = path.join(ROOT, 'bin', 'par-scorecard.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'par-exit-'));
const tmp = (name: string) => path.join(dir, name);

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Letters only Vietnamese uses (every Vietnamese message here has at least one). */
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

describe('exit 0 and 1: the work is done; 1 when there are error findings', () => {
  const clean = samplePath('tong-hop-xa-2025.xlsx');
  const withErrors = samplePath('loi-vuot-diem-toi-da.xlsx');
  const prior = samplePath('tong-hop-xa-2024.xlsx');
  const folderWithABadForm = (): string => {
    const folder = tmp('don-vi-co-tep-hong');
    mkdirSync(folder, { recursive: true });
    copyFileSync(samplePath('don-vi', 'tu-danh-gia-phuong-an-lac-2025.xlsx'), path.join(folder, 'tu-danh-gia-phuong-an-lac-2025.xlsx'));
    writeFileSync(path.join(folder, 'hong.xlsx'), 'not a workbook');
    return folder;
  };

  it.each([
    ['validate, clean', 0, () => ['validate', clean, '--json']],
    ['validate, errors', 1, () => ['validate', withErrors, '--json']],
    ['compute, clean', 0, () => ['compute', clean, '--json']],
    ['compute, errors', 1, () => ['compute', withErrors, '--json']],
    ['compare, clean', 0, () => ['compare', clean, '--prior', prior, '--json']],
    ['compare, errors', 1, () => ['compare', withErrors, '--prior', prior, '--json']],
    ['consolidate, every form read', 0, () => ['consolidate', samplePath('don-vi'), '--out', tmp('tong-hop-0.xlsx'), '--json']],
    ['consolidate, a form that cannot be read', 1, () => ['consolidate', folderWithABadForm(), '--out', tmp('tong-hop-1.xlsx'), '--json']],
  ] as const)('%s: exit %d, one JSON document on stdout, nothing on stderr', (_name, code, args) => {
    const r = cli(...args());
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code, stderr: '' });
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it('a readable report in Vietnamese by default, English with --lang en', () => {
    const vi = cli('validate', withErrors);
    const en = cli('validate', withErrors, '--lang', 'en');
    expect([vi.code, en.code]).toEqual([1, 1]);
    expect(vi.stdout).toMatch(/Kết quả kiểm tra: \d+ lỗi/);
    expect(en.stdout).not.toMatch(/Kết quả kiểm tra/);
    expect(en.stdout).toMatch(/error/);
  });

  it('--help prints the usage on stdout and exits 0', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/par-scorecard validate/);
    expect(r.stderr).toBe('');
  });
});

describe('exit 2: exactly one line on stderr, "par-scorecard: …" in the user\'s language, nothing on stdout', () => {
  const clean = samplePath('tong-hop-xa-2025.xlsx');
  const copy = (): string => {
    const file = tmp('dau-vao.xlsx');
    copyFileSync(clean, file);
    return file;
  };
  const cases: [string, () => string[]][] = [
    ['no command', () => []],
    ['an unknown command', () => ['frobnicate', clean]],
    ['validate without a file', () => ['validate']],
    ['an unknown option', () => ['validate', clean, '--nope']],
    ['an option without its value', () => ['compute', clean, '--out']],
    ['a wrong --ties', () => ['compute', clean, '--ties', 'weird']],
    ['a wrong --year', () => ['compare', clean, '--prior', clean, '--year', 'abc']],
    ['an option another command takes', () => ['validate', clean, '--year', '2025']],
    ['compare without --prior', () => ['compare', clean]],
    ['consolidate without --out', () => ['consolidate', samplePath('don-vi')]],
    [
      '--out equal to the input',
      () => {
        const f = copy();
        return ['compute', f, '--out', f];
      },
    ],
    ['--out not an .xlsx', () => ['compute', clean, '--out', tmp('ket-qua.xlsm')]],
    ['a missing file', () => ['validate', tmp('khong-co.xlsx')]],
    ['a file that is not a workbook', () => ['validate', path.join(ROOT, 'README.md')]],
    ['a folder without workbooks', () => ['validate', path.join(ROOT, 'docs')]],
  ];

  it.each(cases)('%s', (_name, args) => {
    for (const lang of ['vi', 'en'] as const) {
      const r = cli(...args(), ...(lang === 'en' ? ['--lang', 'en'] : []));
      const lines = r.stderr.replace(/\n$/, '').split('\n');
      expect({ lang, code: r.code, stdout: r.stdout, lines: lines.length }).toEqual({ lang, code: 2, stdout: '', lines: 1 });
      expect(lines[0]).toMatch(/^par-scorecard: \S/);
      expect(lines[0]).not.toMatch(/\bat .*:\d+:\d+/);
      if (lang === 'vi') expect(lines[0]).toMatch(VIETNAMESE);
      else expect(lines[0]).not.toMatch(VIETNAMESE);
    }
  });

  it('a wrong --lang is said in Vietnamese, the default', () => {
    const r = cli('validate', clean, '--lang', 'fr');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^par-scorecard: .*--lang vi\|en.*\n$/);
    expect(r.stderr).toMatch(VIETNAMESE);
  });
});
