/**
 * What the patch writer produces, read by a reader that shares no code with ours or ExcelJS:
 * openpyxl (Debian's python3-openpyxl, installed by .ci/run). There is no Excel on the build
 * machines; openpyxl parses every part it knows against the schema's structure and refuses
 * misplaced elements, bad counts or references, which is what makes Excel offer a repair.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { analyzeWorkbook } from '../../../../src/core/engine';
import { planCompute } from '../../../../src/core/compute-plan';
import { compareYears, planComparison } from '../../../../src/core/compare';
import { pickTable } from '../../../../src/cli/main';
import type { WritePlan } from '../../../../src/core/plan';
import { nodeZipCodec, readWorkbookFile } from '../../../../src/hosts/xlsx/node';
import { applyPlanToXlsxBytes } from '../../../../src/hosts/xlsx/ooxml/patch-plan';
import { findTools } from '../../../support/tools';

jest.setTimeout(120_000);

const SAMPLES = path.resolve(__dirname, '../../../../samples');

const READ_WITH_OPENPYXL = `
import json, sys, warnings, openpyxl
warnings.simplefilter('error')  # a warning (an unexpected element, a bad value) fails the read
out = []
for f in sys.argv[1:]:
    wb = openpyxl.load_workbook(f)
    sheets = []
    for ws in wb.worksheets:
        cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
        rules = [(str(r.sqref), [x.formula for x in r.rules]) for r in ws.conditional_formatting]
        sheets.append({'name': ws.title, 'state': ws.sheet_state, 'cells': cells, 'cf': rules, 'freeze': ws.freeze_panes})
    out.append(sheets)
print(json.dumps(out, default=str))
`;

interface PySheet {
  name: string;
  state: string;
  cells: Record<string, unknown>;
  cf: [string, string[]][];
  freeze: string | null;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'par-openpyxl-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function patched(file: string, plan: WritePlan, name: string): Promise<string> {
  const out = await applyPlanToXlsxBytes(new Uint8Array(readFileSync(file)), plan, { fileName: path.basename(file), codec: nodeZipCodec });
  if (!out) throw new Error(`the patch writer declined ${name}`);
  const target = path.join(dir, name);
  writeFileSync(target, out.data);
  return target;
}

/** The first python3 on PATH that has openpyxl (a pyenv or venv python3 ahead of Debian's may not). */
function pythonWithOpenpyxl(): string {
  const pythons = findTools('python3');
  const found = pythons.find((python) => spawnSync(python, ['-c', 'import openpyxl']).status === 0);
  if (found) return found;
  throw new Error(
    `openpyxl is missing (no python3 on PATH imports it; tried ${pythons.join(', ') || 'none'}): apt-get install -y python3-openpyxl (see README, Tests)`,
  );
}

function readWithOpenpyxl(files: string[]): PySheet[][] {
  const python = pythonWithOpenpyxl();
  return JSON.parse(execFileSync(python, ['-c', READ_WITH_OPENPYXL, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}

test('compute and compare outputs open in openpyxl with every written cell, sheet and highlight', async () => {
  const current = path.join(SAMPLES, 'tong-hop-xa-2025.xlsx');
  const prior = path.join(SAMPLES, 'tong-hop-xa-2024.xlsx');
  const [a, b] = [await readWorkbookFile(current), await readWorkbookFile(prior)];
  const computePlan = planCompute(a, analyzeWorkbook(a)).plan;
  const computed = await patched(current, computePlan, 'compute.xlsx');
  const comparison = compareYears(pickTable(analyzeWorkbook(a))!, pickTable(analyzeWorkbook(b))!, {});
  const { sheet, live, write } = planComparison(comparison, 'vi');
  const compared = await patched(computed, write, 'compare.xlsx');
  const selfAssessment = path.join(SAMPLES, 'tu-danh-gia-xa-hoa-binh-2025.xlsx');
  const s = await readWorkbookFile(selfAssessment);
  const form = await patched(selfAssessment, planCompute(s, analyzeWorkbook(s)).plan, 'form.xlsx');

  const [afterCompute, afterCompare, afterForm] = readWithOpenpyxl([computed, compared, form]);
  expect(afterCompute.map((x) => [x.name, x.state])).toEqual([
    ['Tổng hợp', 'visible'],
    ['Xếp hạng 2025', 'visible'],
    ['PAR_Scorecard_State', 'veryHidden'],
  ]);
  const user = afterCompute[0].cells;
  expect(user.D50).toBe('=_xlfn.RANK.EQ(D49,$D$49:$O$49)');
  expect(user.D7).toBe('Phường An Lạc');
  const ranking = afterCompute[1];
  expect(ranking.cells.A1).toBe('XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025');
  expect(String(ranking.cells.B6)).toMatch(/^=HYPERLINK\("#'Tổng hợp'![D-O]7","(Phường|Xã) [^"]+"\)$/);
  expect(ranking.freeze).toBe(`A${computePlan.sheets[0].freezeRows + 1}`);
  expect(Object.values(afterCompute[2].cells)).toEqual(expect.arrayContaining(['owned-sheet', 'Xếp hạng 2025']));

  expect(afterCompare.map((x) => [x.name, x.state])).toEqual([
    ['Tổng hợp', 'visible'],
    ['Xếp hạng 2025', 'visible'],
    ['PAR_Scorecard_State', 'veryHidden'],
    ['So sánh 2025-2024', 'visible'],
    ['Điểm 2024 - Tổng hợp', 'hidden'],
  ]);
  const highlights = afterCompare[0].cf;
  expect(highlights.flatMap(([, rules]) => rules).length).toBe(live.length);
  expect(new Set(highlights.map(([range]) => range))).toEqual(new Set(live.map((cf) => cf.range)));
  expect(afterCompare[3].cells.A1).toBe('SO SÁNH KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 VỚI NĂM 2024');
  // (openpyxl groups the rules of one range.)
  expect(afterCompare[3].cf.flatMap(([, rules]) => rules).length).toBe(sheet.conditionalFormats.length);

  expect(afterForm.map((x) => x.name)).toEqual(['Tự đánh giá']);
});
