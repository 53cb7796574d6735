/**
 * The comparison's live highlights in the files the command line writes, by both writers (the
 * package path and ExcelJS, its fallback), read back from the XML (issue #14):
 * - priority: the decline rule's `priority` is above (a smaller number than) every shortfall rule
 *   on a cell both cover, and a user's own rules keep theirs;
 * - no array constant in any rule; the decline rule reads a defined name over a hidden sheet the
 *   tool generated, recorded as ours in the state sheet;
 * - a rerun replaces that sheet and name (one of each), and keeps a user's own defined names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { pickTable } from '../../../src/cli/main';
import { parseRange } from '../../../src/core/a1';
import { compareYears, planComparison, priorValuesName } from '../../../src/core/compare';
import { analyzeWorkbook } from '../../../src/core/engine';
import type { WritePlan } from '../../../src/core/plan';
import { readWorkbookBuffer } from '../../support/exceljs/read';
import { applyPlanToBufferDetailed } from '../../support/exceljs/write';
import { applyPlanToXlsxBytes } from '../../../src/hosts/xlsx/ooxml/patch-plan';

jest.setTimeout(60_000);

const SAMPLES = path.resolve(__dirname, '../../../samples');
const bytes = (name: string) => new Uint8Array(readFileSync(path.join(SAMPLES, name)));

type Writer = (input: Uint8Array, plan: WritePlan) => Promise<Uint8Array>;
const WRITERS: [string, Writer][] = [
  [
    'the package writer',
    async (input, plan) => {
      const out = await applyPlanToXlsxBytes(input, plan);
      if (!out) throw new Error('the package writer declined');
      return out.data;
    },
  ],
  ['the ExcelJS writer', async (input, plan) => (await applyPlanToBufferDetailed(input, plan)).data],
];

async function comparisonPlan(current: Uint8Array, priorFile: string): Promise<WritePlan> {
  const [a, b] = await Promise.all([readWorkbookBuffer(current, 'tong-hop-xa-2025.xlsx'), readWorkbookBuffer(bytes(priorFile), priorFile)]);
  return planComparison(compareYears(pickTable(analyzeWorkbook(a))!, pickTable(analyzeWorkbook(b))!, {}), 'vi').write;
}

interface Rule {
  sqref: string;
  priority: number;
  formula: string;
}

/** The parts of a written file this test reads: the workbook's sheets and names, a sheet's rules. */
async function unpack(data: Uint8Array) {
  const zip = await JSZip.loadAsync(data);
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*name="([^"]*)"[^>]*>/g)].map((m) => ({
    name: m[1],
    state: /state="(\w+)"/.exec(m[0])?.[1] ?? 'visible',
  }));
  const names = [...workbook.matchAll(/<definedName\b[^>]*name="([^"]*)"[^>]*>([^<]*)<\/definedName>/g)].map((m) => ({
    name: m[1],
    ref: m[2].replace(/&apos;/g, "'"),
  }));
  const rules = async (part: string): Promise<Rule[]> => {
    const xml = await zip.file(part)!.async('string');
    return [...xml.matchAll(/<conditionalFormatting\b[^>]*sqref="([^"]*)"[^>]*>([\s\S]*?)<\/conditionalFormatting>/g)].flatMap((cf) =>
      [...cf[2].matchAll(/<cfRule\b[^>]*priority="(\d+)"[^>]*>[\s\S]*?<formula>([^<]*)<\/formula>/g)].map((r) => ({
        sqref: cf[1],
        priority: Number(r[1]),
        formula: r[2].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
      })),
    );
  };
  return { sheets, names, rules };
}

const covers = (sqref: string, row: number, col: number) =>
  sqref.split(' ').some((r) => {
    const g = parseRange(r);
    return row >= g.top && row <= g.bottom && col >= g.left && col <= g.right;
  });

describe.each(WRITERS)('%s', (_, write) => {
  test('compare: the decline rule is above every shortfall on a cell both cover; no array constant; a name over a hidden sheet', async () => {
    const input = bytes('tong-hop-xa-2025.xlsx');
    const plan = await comparisonPlan(input, 'tong-hop-xa-2024.xlsx');
    const { sheets, names, rules } = await unpack(await write(input, plan));
    const live = await rules('xl/worksheets/sheet1.xml');
    expect(live).toHaveLength(plan.conditionalFormats.length);
    expect(new Set(live.map((r) => r.priority)).size).toBe(live.length);
    for (const r of live) expect(r.formula).not.toMatch(/[{}!]/);
    const name = priorValuesName('Tổng hợp');
    const declines = live.filter((r) => r.formula.includes(name));
    expect(declines).toHaveLength(1);
    const decline = declines[0];
    const shortfalls = live.filter((r) => r.formula.includes('<$C'));
    expect(shortfalls.length).toBeGreaterThan(5);
    let shared = 0;
    for (const s of shortfalls) {
      const g = parseRange(s.sqref);
      if (!covers(decline.sqref, g.top, g.left)) continue;
      shared++;
      expect([s.sqref, s.priority > decline.priority]).toEqual([s.sqref, true]);
    }
    expect(shared).toBeGreaterThan(5);
    expect(names).toEqual([{ name, ref: "'Điểm 2024 - Tổng hợp'!$D$10:$M$48" }]);
    expect(sheets.find((s) => s.name === 'Điểm 2024 - Tổng hợp')?.state).toBe('hidden');
  });

  test('a user’s rule and name stay; a rerun replaces our sheet and name, one of each', async () => {
    // A user's own rule and name on the input (written by ExcelJS, as a user's file could be).
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(SAMPLES, 'tong-hop-xa-2025.xlsx'));
    wb.getWorksheet('Tổng hợp')!.addConditionalFormatting({
      ref: 'D10:D12',
      rules: [{ type: 'expression', formulae: ['D10>100'], priority: 1, style: { font: { bold: true } } } as never],
    });
    wb.definedNames.add("'Tổng hợp'!$D$10", 'DiemDau');
    const input = new Uint8Array(await wb.xlsx.writeBuffer());
    const plan = await comparisonPlan(input, 'tong-hop-xa-2024.xlsx');
    const once = await write(input, plan);
    const twice = await write(once, plan);
    const a = await unpack(once);
    const b = await unpack(twice);
    expect(b.sheets).toEqual(a.sheets);
    expect(b.sheets.filter((s) => s.name.startsWith('Điểm 2024'))).toHaveLength(1);
    expect(b.names.map((n) => n.name).sort()).toEqual(['DiemDau', priorValuesName('Tổng hợp')].sort());
    const rules = await b.rules('xl/worksheets/sheet1.xml');
    const user = rules.find((r) => r.formula === 'D10>100')!;
    expect(user.priority).toBe(1);
    expect(rules).toHaveLength(plan.conditionalFormats.length + 1);
    // Ours after the user's, in plan order (the .xlsx writers add below what the sheet has).
    const ours = rules.filter((r) => r !== user).sort((x, y) => x.priority - y.priority);
    expect(ours.map((r) => r.formula)).toEqual(plan.conditionalFormats.map((f) => f.formula.slice(1)));
  });
});
