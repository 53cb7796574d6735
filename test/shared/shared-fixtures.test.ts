/**
 * The independent check: the team's own sample workbooks in ../shared/fixtures (written by other
 * hands than our generator), run through the command line as a user would. The rest of the suite
 * runs on the project's generated samples/; this one runs when the shared folder is there (CI) and
 * is reported as not run, with the reason, when it is not (a clone on its own).
 *
 * The figures below are the shared files' own: every total there is exact at 3 decimals (its
 * README), the defects are where expected-findings.json says, and the report sentence is the one
 * an official would write from those totals.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli';
import { readWorkbookFile } from '../../src/hosts/xlsx/node';
import { describeShared } from '../support/shared';

const run = runCli;

interface Expected {
  sheet?: string;
  cell?: string;
  severity?: string;
  what: string;
}
type Unit = { unit: string; total: number; rank: number; of: number; index: number };
type Finding = { code: string; severity: string; sheet: string; cell: string; message: string };

describeShared('fixtures', 'the shared fixtures through the command line', (dir) => {
  const fx = (name: string) => path.join(dir, name);
  const json = async (...argv: string[]) => JSON.parse((await run(...argv, '--json')).out);
  const expected = JSON.parse(readFileSync(fx('expected-findings.json'), 'utf8')) as Record<string, Expected[]>;

  test('every workbook named in expected-findings.json is there, and every loi-*.xlsx is named', () => {
    const files = readdirSync(dir).filter((f) => f.startsWith('loi-'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  test.each(Object.entries(expected).flatMap(([file, list]) => list.filter((e) => e.cell).map((e) => [file, e] as const)))(
    '%s: the defect is reported at its cell with its severity',
    async (file, e) => {
      const { code, out } = await run('validate', fx(file), '--json');
      const doc = JSON.parse(out) as { findings: Finding[]; counts: { error: number } };
      const allowed = e.severity === 'warning or error' ? ['warning', 'error'] : [e.severity];
      const hit = doc.findings.filter((f) => f.sheet === e.sheet && f.cell === e.cell && allowed.includes(f.severity));
      expect(hit).not.toEqual([]);
      expect(code).toBe(doc.counts.error > 0 ? 1 : 0);
    },
  );

  test('loi-ten-don-vi-cong-thuc.xlsx: the formula-looking unit name is written back as text, never as a formula', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'par-shared-')), 'ket-qua.xlsx');
    expect((await run('compute', fx('loi-ten-don-vi-cong-thuc.xlsx'), '--out', out)).code).toBe(0);
    const written = await readWorkbookFile(out);
    const formulas = written.sheets.flatMap((s) => s.cells.flatMap((row) => (row ?? []).filter((c) => c?.f).map((c) => c!.f!)));
    expect(formulas.some((f) => /^1\+1$/.test(f))).toBe(false);
    const ranking = written.sheets.find((s) => s.name === 'Xếp hạng 2025')!;
    expect(ranking.cells.flat().some((c) => c?.v === '=1+1' || (c?.f ?? '').includes('"=1+1"'))).toBe(true);
  });

  test.each(['tong-hop-xa-2025.xlsx', 'tong-hop-xa-2024.xlsx', 'ket-qua-xa-2024-tom-tat.xlsx', 'mau-trong-2025.xlsx'])(
    '%s: no finding at all',
    async (file) => {
      const doc = await json('validate', fx(file));
      expect(doc.findings.filter((f: Finding) => f.severity !== 'info')).toEqual([]);
    },
  );

  test('the unit’s self-assessment: only the three scored criteria without evidence (1.2, 3.2.3, 6.2)', async () => {
    const doc = await json('validate', fx('tu-danh-gia-xa-hoa-binh-2025.xlsx'), '--reference', fx('mau-trong-2025.xlsx'));
    expect(doc.findings.map((f: Finding) => `${f.severity} ${f.code} ${f.cell}`)).toEqual([
      'warning evidence/missing F10',
      'warning evidence/missing F23',
      'warning evidence/missing F36',
    ]);
  });

  test('2025: totals, the tie at 86,75 sharing rank 5, RANK.EQ and dense ranks', async () => {
    const units = (await json('compute', fx('tong-hop-xa-2025.xlsx'))).tables[0].units as Unit[];
    const by = (n: string) => units.find((u) => u.unit === n)!;
    expect(units).toHaveLength(12);
    expect(by('Phường An Lạc')).toMatchObject({ total: 91.25, rank: 1, of: 12, index: 91.25 });
    expect(by('Xã Hòa Bình')).toMatchObject({ total: 86.75, rank: 5 });
    expect(by('Xã An Phú')).toMatchObject({ total: 86.75, rank: 5 });
    expect(by('Xã Tân Thành')).toMatchObject({ total: 85.125, rank: 7 });
    const dense = (await json('compute', fx('tong-hop-xa-2025.xlsx'), '--ties', 'dense')).tables[0].units as Unit[];
    expect(dense.find((u) => u.unit === 'Xã Tân Thành')!.rank).toBe(6);
  });

  test('2025 against 2024, detailed and as the published summary: the sentence officials write', async () => {
    const sentence = 'Phường An Lạc đạt 91,25 điểm, xếp thứ 1 trong tổng số 12 xã, phường; tăng 1,75 điểm và tăng 01 bậc so với năm 2024.';
    for (const prior of ['tong-hop-xa-2024.xlsx', 'ket-qua-xa-2024-tom-tat.xlsx']) {
      const { code, out } = await run('compare', fx('tong-hop-xa-2025.xlsx'), '--prior', fx(prior));
      expect(code).toBe(0);
      expect(out).toContain(sentence);
      const doc = await json('compare', fx('tong-hop-xa-2025.xlsx'), '--prior', fx(prior));
      const anLac = doc.units.find((u: { unit: string }) => u.unit === 'Phường An Lạc');
      expect(anLac).toMatchObject({ total: 91.25, priorTotal: 89.5, delta: 1.75, rank: 1, priorRank: 2 });
    }
  });

  test('consolidating the Hòa Bình form alone: appraised 86,75, self-assessed 89', async () => {
    const dirOut = mkdtempSync(path.join(os.tmpdir(), 'par-shared-'));
    const appraised = await json('consolidate', fx('tu-danh-gia-xa-hoa-binh-2025.xlsx'), '--out', path.join(dirOut, 'a.xlsx'));
    const self = await json(
      'consolidate',
      fx('tu-danh-gia-xa-hoa-binh-2025.xlsx'),
      '--out',
      path.join(dirOut, 's.xlsx'),
      '--score',
      'self',
    );
    expect(appraised.units).toEqual([expect.objectContaining({ unit: 'Xã Hòa Bình', total: 86.75 })]);
    expect(self.units).toEqual([expect.objectContaining({ unit: 'Xã Hòa Bình', total: 89 })]);
  });
});
