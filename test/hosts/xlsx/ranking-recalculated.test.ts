/**
 * Issue #15, point 4: ranks written over a table that does not add up (a score above its maximum
 * under a typed area) must agree with the table once LibreOffice recalculates every formula —
 * the ranking sheet's totals, area scores and ranks are the table's own, not the engine's sums
 * of criteria the table does not show.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../../src/cli/main';
import type { SheetSnapshot } from '../../../src/core/snapshot';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { requireTool } from '../../support/tools';

jest.setTimeout(300_000);

const SOFFICE = requireTool('soffice');
const SAMPLE = path.resolve(__dirname, '../../../samples/loi-vuot-diem-toi-da.xlsx');
// As in recalculation.test.ts: OOXMLRecalcMode 0 = always recalculate on load.
const ALWAYS_RECALCULATE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'par-rank-recalc-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recalculate(file: string): string {
  const profile = path.join(dir, 'profile');
  mkdirSync(path.join(profile, 'user'), { recursive: true });
  writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), ALWAYS_RECALCULATE);
  const out = path.join(dir, 'recalculated');
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      'xlsx',
      '--outdir',
      out,
      file,
    ],
    { stdio: 'pipe', timeout: 240_000, env: { ...process.env, HOME: dir } },
  );
  return path.join(out, path.basename(file));
}

const value = (sheet: SheetSnapshot, row: number, col: number) => sheet.cells[row - 1]?.[col - 1]?.v;
const round3 = (v: unknown) => Math.round(Number(v) * 1000) / 1000;

test.each(['competition', 'dense'])(
  'compute (%s) on a table with a score above its maximum: after recalculation the ranking sheet agrees with the table',
  async (ties) => {
    const out = path.join(dir, `compute-${ties}.xlsx`);
    const code = await main(['compute', SAMPLE, '--out', out, '--ties', ties], { out: () => {}, err: () => {} });
    expect(code).not.toBe(2); // written (1: the table's errors are reported)
    expect(existsSync(out)).toBe(true);
    const book = await readWorkbookFile(recalculate(out));
    const table = book.sheets.find((s) => s.name === 'Tổng hợp')!;
    const ranking = book.sheets.find((s) => s.name === 'Xếp hạng 2025')!;
    // The table: units in row 7 from D, areas in rows 8, 16, 20, 28, 32, 36, 40, 46, total row 49, ranks row 50.
    const AREA_ROWS = [8, 16, 20, 28, 32, 36, 40, 46];
    const header = ranking.cells[3].map((c) => c?.v);
    const totalCol = header.indexOf('Tổng điểm') + 1;
    const maxRow = 5;
    // Every unit's total as the table shows it after recalculation, for its rank.
    const totals = table.cells[6].slice(3, 15).map((_c, i) => round3(value(table, 49, 4 + i)));
    let units = 0;
    for (let row = 6; value(ranking, row, 2) !== undefined && value(ranking, row, 2) !== null; row++) {
      const unit = value(ranking, row, 2);
      const col = table.cells[6].findIndex((c) => c?.v === unit) + 1;
      expect([unit, col > 0]).toEqual([unit, true]);
      // Total and rank: the table's, as recalculated.
      expect([unit, round3(value(ranking, row, totalCol))]).toEqual([unit, round3(value(table, 49, col))]);
      const mine = round3(value(table, 49, col));
      const above = totals.filter((t) => t > mine);
      expect([unit, value(ranking, row, 1)]).toEqual([unit, 1 + (ties === 'dense' ? new Set(above).size : above.length)]);
      // Each area: the table's area cell, never above the maximum written above it.
      AREA_ROWS.forEach((areaRow, k) => {
        const shown = round3(value(ranking, row, 3 + k));
        expect([unit, areaRow, shown]).toEqual([unit, areaRow, round3(value(table, areaRow, col))]);
        expect(shown).toBeLessThanOrEqual(Number(value(ranking, maxRow, 3 + k)));
      });
      units++;
    }
    expect(units).toBe(12);
  },
);
