/**
 * `par-scorecard report` (issue #18): arguments, exit codes and input safety as the other commands,
 * `--json` with the draft's data, all units in one document without `--unit`.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { runCli } from '../support/cli';
import { entryDataStart, readCentralDirectory } from '../../src/hosts/xlsx/zip';
import { samplePath } from '../support/shared';

const run = runCli;
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'par-report-cli-'));
const current = samplePath('tong-hop-xa-2025.xlsx');
const prior = samplePath('tong-hop-xa-2024.xlsx');

function documentText(file: string): string {
  const bytes = readFileSync(file);
  const e = readCentralDirectory(bytes).find((x) => x.name === 'word/document.xml')!;
  const start = entryDataStart(bytes, e);
  return inflateRawSync(bytes.subarray(start, start + e.compressedSize))
    .toString('utf8')
    .replace(/<[^>]+>/g, '');
}

test.each([
  ['no --out', ['report', current]],
  ['an .xlsx --out', ['report', current, '--out', 'x.xlsx']],
  ['--target-rank 0', ['report', current, '--out', 'x.docx', '--target-rank', '0']],
  ['--target-rank abc', ['report', current, '--out', 'x.docx', '--target-rank', 'abc']],
  ['--unit on compare', ['compare', current, '--prior', prior, '--unit', 'Xã Hòa Bình']],
  ['--map on report', ['report', current, '--out', 'x.docx', '--map', 'units.csv']],
  ['two workbooks', ['report', current, prior, '--out', 'x.docx']],
])('bad arguments (%s): exit 2, one line pointing to --help, nothing written', async (_what, argv) => {
  const r = await run(...argv);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/^par-scorecard: [^\n]+ \(xem par-scorecard --help\)\n$/);
  expect(r.out).toBe('');
  expect(existsSync('x.docx')).toBe(false);
});

test('--help lists the report command', async () => {
  const r = await run('--help');
  expect(r.code).toBe(0);
  expect(r.out).toContain(
    'par-scorecard report   <current.xlsx> [--prior <prior.xlsx>] [--unit <name>] --out <file.docx> [--target-rank N]',
  );
});

test('a unit not in the table: exit 2 and the units there are', async () => {
  const out = path.join(tmp(), 'r.docx');
  const r = await run('report', current, '--unit', 'Xã Không Có', '--out', out);
  expect(r.code).toBe(2);
  expect(r.err).toContain('Không có đơn vị "Xã Không Có"');
  expect(r.err).toContain('Xã Hòa Bình');
  expect(existsSync(out)).toBe(false);
});

test('a missing input: exit 2, no stack trace', async () => {
  const r = await run('report', path.join(tmp(), 'none.xlsx'), '--out', path.join(tmp(), 'r.docx'));
  expect(r.code).toBe(2);
  expect(r.err).toContain('không tìm thấy tệp');
  expect(r.err).not.toContain('    at ');
});

test('the file itself as the prior year: exit 1 and nothing written, unless --force', async () => {
  const out = path.join(tmp(), 'r.docx');
  const blocked = await run('report', current, '--prior', current, '--unit', 'Xã Hòa Bình', '--out', out);
  expect(blocked.code).toBe(1);
  expect(blocked.out).toContain('Chưa lập báo cáo');
  expect(existsSync(out)).toBe(false);
  const forced = await run('report', current, '--prior', current, '--unit', 'Xã Hòa Bình', '--out', out, '--force');
  expect(forced.code).toBe(1);
  expect(existsSync(out)).toBe(true);
});

test('--json prints the draft’s data; --target-rank sets the target', async () => {
  const out = path.join(tmp(), 'r.docx');
  const r = await run('report', current, '--prior', prior, '--unit', 'Xã Hòa Bình', '--out', out, '--target-rank', '1', '--json');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out);
  expect(json.out).toBe(out);
  const s = json.draft.sections[0];
  expect(s).toMatchObject({
    unit: 'Xã Hòa Bình',
    total: 86.75,
    rank: 3,
    of: 12,
    priorTotal: 83.39,
    priorRank: 6,
    delta: 3.36,
    rankChange: 3,
  });
  expect(s.target).toMatchObject({ rank: 1, reached: false, points: 6.225, against: { unit: 'Phường Trung Tâm', total: 92.975 } });
  expect(s.areas[7]).toMatchObject({ code: '8', score: 24, max: 24, index: 100, rank: 1 });
  expect(s.blocks.find((b: { kind: string }) => b.kind === 'chart').chart.series[0].values[0]).toBe(92.975);
  expect(existsSync(out)).toBe(true);
});

test('without --unit: every unit in one document, one section each; --lang en', async () => {
  const out = path.join(tmp(), 'all.docx');
  const r = await run('report', current, '--prior', prior, '--out', out, '--lang', 'en');
  expect(r.code).toBe(0);
  expect(r.out).toContain('Report draft written');
  const text = documentText(out);
  expect(text).toContain(
    'Phường An Lạc scored 76.983 points, ranked 12th of 12 communes and wards; down 9.699 points and down 9 places from 2024.',
  );
  expect(text).toContain('Xã Hòa Bình scored 86.75 points, ranked 3rd of 12 communes and wards; up 3.36 points and up 3 places from 2024.');
  expect(
    readFileSync(out)
      .toString('latin1')
      .match(/word\/charts\/chart\d+\.xml/g)?.length,
  ).toBeGreaterThanOrEqual(12);
});

test('one year alone (no --prior)', async () => {
  const out = path.join(tmp(), 'r.docx');
  const r = await run('report', current, '--unit', 'Phường Trung Tâm', '--out', out);
  expect(r.code).toBe(0);
  expect(documentText(out)).toContain('Phường Trung Tâm đạt 92,975 điểm, xếp thứ 1 trong tổng số 12 xã, phường.');
});
