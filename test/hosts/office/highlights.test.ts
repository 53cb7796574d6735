/**
 * The comparison's live highlights in (fake) Excel through the Office.js adapter (issue #14):
 * - priority as Excel orders it — ConditionalFormatCollection.add puts each new format at the top
 *   (the fake models that, citing the doc), so a declined cell's red decline must sit above its
 *   yellow shortfall, read back through ConditionalFormat.priority;
 * - no array constant in any rule: the decline rule reads last year's values through a defined
 *   name over a hidden sheet the tool owns, and a rerun replaces that sheet and name.
 */
import path from 'node:path';
import { a1 } from '../../../src/core/a1';
import { compareYears, planComparison, priorValuesName, type Comparison } from '../../../src/core/compare';
import { analyzeWorkbook } from '../../../src/core/engine';
import type { WritePlan } from '../../../src/core/plan';
import { emptyState, type WorkbookState } from '../../../src/core/state';
import { applyPlan, clearHighlights } from '../../../src/hosts/office/write';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { createFakeExcel, type FakeExcel } from '../../../src/testing/fake-excel';

const SAMPLES = path.resolve(__dirname, '../../../samples');

async function comparisonPlan(priorFile = 'tong-hop-xa-2024.xlsx') {
  const current = await readWorkbookFile(path.join(SAMPLES, 'tong-hop-xa-2025.xlsx'));
  const a = analyzeWorkbook(current);
  const p = analyzeWorkbook(await readWorkbookFile(path.join(SAMPLES, priorFile)));
  const c = compareYears({ table: a.results[0].table, result: a.results[0] }, { table: p.results[0].table, result: p.results[0] });
  return { current, c, plan: planComparison(c, 'vi') };
}

/** The custom formats on a range as Excel reports them: priority (0 = top) and formula. */
async function formatsOn(fake: FakeExcel, sheet: string, address: string): Promise<{ priority: number; formula: string }[]> {
  const collection = fake.context.workbook.worksheets.getItem(sheet).getRange(address).conditionalFormats;
  collection.load('items/priority,items/customOrNullObject/rule/formula');
  await fake.context.sync();
  return collection.items.map((cf) => ({ priority: cf.priority, formula: cf.customOrNullObject.rule.formula }));
}

describe('compare in the add-in: highlights on the live sheet', () => {
  let fake: FakeExcel;
  let plan: WritePlan;
  let declinedCell: string;
  let comparison: Comparison;
  let state: WorkbookState;
  beforeAll(async () => {
    const { current, c, plan: p } = await comparisonPlan();
    plan = p.write;
    comparison = c;
    fake = createFakeExcel(current);
    state = (await applyPlan(fake.context, plan, emptyState())).state;
    // A cell both declined (below 2024) and short of its maximum: a leaf criterion row.
    const u = c.units.find((x) =>
      x.criteria.some((cr) => cr.status === 'declined' && cr.max !== null && cr.score!.lt(cr.max) && cr.depth > 1),
    )!;
    declinedCell = u.criteria.find((cr) => cr.status === 'declined' && cr.max !== null && cr.score!.lt(cr.max) && cr.depth > 1)!.cell;
  });

  test('a declined cell short of its maximum: the decline is above the shortfall in Excel’s priority order', async () => {
    const formats = await formatsOn(fake, 'Tổng hợp', declinedCell);
    const decline = formats.find((f) => f.formula.includes(priorValuesName('Tổng hợp')));
    const shortfall = formats.find((f) => f.formula.includes('<$C'));
    expect(decline).toBeDefined();
    expect(shortfall).toBeDefined();
    expect(decline!.priority).toBeLessThan(shortfall!.priority);
    // Every rule of ours on the sheet in plan order: the plan's first on top.
    const all = await formatsOn(fake, 'Tổng hợp', 'A1:Z100');
    expect(all.map((f) => f.formula)).toEqual(plan.conditionalFormats.map((f) => f.formula));
    expect(all.map((f) => f.priority)).toEqual(plan.conditionalFormats.map((_, i) => i));
  });

  test('the comparison sheet’s own rules keep plan order too', async () => {
    const sheet = plan.sheets[0];
    const all = await formatsOn(fake, 'So sánh 2025-2024', 'A1:H200');
    expect(all.map((f) => f.formula)).toEqual(sheet.conditionalFormats.map((f) => f.formula));
  });

  test('no rule holds an array constant; the decline rule reads last year’s values through a name over a hidden sheet', async () => {
    const state = fake.workbookState();
    const rules = state.sheets.flatMap((s) => s.conditionalFormats.map((cf) => cf.formula ?? ''));
    expect(rules.length).toBeGreaterThan(10);
    expect(rules.filter((f) => f.includes('{'))).toEqual([]);
    const name = priorValuesName('Tổng hợp');
    expect(state.names).toEqual([{ name, formula: "='Điểm 2024 - Tổng hợp'!$D$10:$M$48" }]);
    const prior = state.sheets.find((s) => s.name === 'Điểm 2024 - Tổng hợp')!;
    expect(prior.visibility).toBe('hidden');
    // Each compared score's last-year value at its own address; nothing elsewhere in the block.
    const expected = new Map<string, number>();
    for (const u of comparison.units)
      if (u.priorUnit !== null)
        for (const cr of u.criteria) if (cr.row > 0 && cr.prior && cr.score) expected.set(cr.cell, cr.prior.toNumber());
    expect(expected.size).toBeGreaterThan(200);
    for (const [cell, value] of expected) expect([cell, fake.cell('Điểm 2024 - Tổng hợp', cell)?.value]).toEqual([cell, value]);
    const written = prior.cells.flatMap((row, r) =>
      (row ?? []).flatMap((c, k) => (c && typeof c.v === 'number' ? [a1(r + 1, k + 1)] : [])),
    );
    expect(written.sort()).toEqual([...expected.keys()].sort());
    expect(fake.cell('Điểm 2024 - Tổng hợp', 'D16')).toBeUndefined(); // an area row: not compared cell by cell
  });

  test('a rerun replaces our sheet, name and rules, and clearing highlights leaves the name and the hidden sheet harmless', async () => {
    const before = fake.workbookState();
    // (The caller passes the state it read, as the task pane does: our earlier rules are found from it.)
    const again = await applyPlan(fake.context, plan, state);
    expect(again.conditionalFormatsRemoved).toBe(plan.conditionalFormats.length);
    const after = fake.workbookState();
    expect(after.sheets.map((s) => s.name).sort()).toEqual(before.sheets.map((s) => s.name).sort());
    expect(after.names).toEqual(before.names);
    expect(after.sheets.find((s) => s.name === 'Tổng hợp')!.conditionalFormats).toEqual(
      before.sheets.find((s) => s.name === 'Tổng hợp')!.conditionalFormats,
    );
    const cleared = await clearHighlights(fake.context, again.state);
    expect(cleared.removed).toBe(plan.conditionalFormats.length);
    const left = fake.workbookState();
    expect(left.sheets.find((s) => s.name === 'Tổng hợp')!.conditionalFormats).toEqual([]);
    // What stays reads nothing and shows nothing: a hidden sheet of ours, a name no rule uses.
    expect(left.sheets.find((s) => s.name === 'Điểm 2024 - Tổng hợp')!.visibility).toBe('hidden');
    expect(left.names).toHaveLength(1);
  });
});

test('compared with a summary prior, the name covers area rows only', async () => {
  const { current, plan } = await comparisonPlan('ket-qua-xa-2024-tom-tat.xlsx');
  const fake = createFakeExcel(current);
  await applyPlan(fake.context, plan.write, emptyState());
  const { names } = fake.workbookState();
  expect(names).toHaveLength(1);
  expect(names[0].formula).toMatch(/^='Điểm 2024 - Tổng hợp'!\$D\$8:\$[A-Z]+\$46$/);
  expect(fake.cell('Điểm 2024 - Tổng hợp', 'D8')?.value).toBe(9.009);
  expect(fake.cell('Điểm 2024 - Tổng hợp', 'D10')).toBeUndefined();
});
