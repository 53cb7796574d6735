/**
 * `compare` with a prior year that cannot be the prior year (issue #15): exit 1 with the error,
 * and no result file unless the user insists with --force.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli';
import { samplePath } from '../support/shared';

const run = runCli;
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'par-prior-'));
const current = samplePath('tong-hop-xa-2025.xlsx');

test.each([
  ['the file itself', current, ['compare/prior-not-earlier']],
  ['one unit’s form', samplePath('tu-danh-gia-xa-hoa-binh-2025.xlsx'), ['compare/prior-mismatch', 'compare/prior-not-earlier']],
])('compare X --prior %s: exit 1 with the error, nothing written without --force', async (_what, prior, expected) => {
  const json = await run('compare', current, '--prior', prior, '--json');
  expect(json.code).toBe(1);
  const errors = JSON.parse(json.out).findings.filter((f: { severity: string }) => f.severity === 'error');
  expect(errors.map((f: { code: string }) => f.code).sort()).toEqual(expected);

  const out = path.join(tmp(), 'so-sanh.xlsx');
  const blocked = await run('compare', current, '--prior', prior, '--out', out);
  expect(blocked.code).toBe(1);
  expect(existsSync(out)).toBe(false);
  expect(blocked.out).toContain(
    'Chưa ghi tệp kết quả: bảng chọn làm năm trước có lỗi ở trên. Hãy chọn đúng tệp năm trước, hoặc thêm --force để vẫn ghi.',
  );

  const forced = await run('compare', current, '--prior', prior, '--out', out, '--force');
  expect(forced.code).toBe(1);
  expect(existsSync(out)).toBe(true);
  expect(forced.out).toContain(`Đã ghi kết quả vào ${out}`);
});

test('the right prior year is written without --force', async () => {
  const out = path.join(tmp(), 'so-sanh.xlsx');
  const r = await run('compare', current, '--prior', samplePath('tong-hop-xa-2024.xlsx'), '--out', out);
  expect(r.code).toBe(0);
  expect(existsSync(out)).toBe(true);
});

test('--force is refused where it means nothing (compute)', async () => {
  const r = await run('compute', current, '--force');
  expect(r.code).toBe(2);
});
