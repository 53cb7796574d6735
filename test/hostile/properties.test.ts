/**
 * Property-based tests (fast-check) over random criteria trees, scores and grids: exact,
 * order-independent totals; ranks that agree with RANK.EQ at the scoring precision; detection,
 * validation and planning that never throw on any grid (random cells, merges, hidden rows, NBSP
 * codes); text written through the .xlsx host that never becomes a formula.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { a1 } from '../../src/core/a1';
import { analyzeWorkbook, rankTable } from '../../src/core/engine';
import { planCompute } from '../../src/core/compute-plan';
import { compareYears } from '../../src/core/compare';
import { emptyPlan, text, type GeneratedSheet, type WritePlan } from '../../src/core/plan';
import type { Cell, SheetSnapshot, WorkbookSnapshot } from '../../src/core/snapshot';
import { STATE_SHEET_NAME } from '../../src/core/state';
import { applyPlanToBuffer, workbookToBytes } from '../support/exceljs/write';
import { readWorkbookBuffer } from '../support/exceljs/read';

jest.setTimeout(120_000);

// ---------------------------------------------------------------------------------------------
// A random criteria tree with scores, as the grid of a consolidation (criteria as rows).

interface Node {
  key: string;
  depth: number;
  maxMilli: number;
  children: Node[];
}

interface Scenario {
  nodes: Node[]; // depth-first
  leaves: Node[];
  units: string[];
  /** scores[u][leafIndex]: milli, or null for an empty cell. */
  scores: (number | null)[][];
  /** How each leaf score is stored (float arithmetic varies how a value was typed or summed). */
  spelling: number[][];
  parentsTyped: boolean;
}

const treeArb = fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });

const scenarioArb: fc.Arbitrary<Scenario> = treeArb
  .chain((shape) => {
    const nodes: Node[] = [];
    const areas: Node[] = shape.map((criteria, a) => {
      const area: Node = { key: String(a + 1), depth: 1, maxMilli: 0, children: [] };
      criteria.forEach((subs, c) => {
        const crit: Node = { key: `${a + 1}.${c + 1}`, depth: 2, maxMilli: 0, children: [] };
        for (let s = 0; s < subs; s++) crit.children.push({ key: `${a + 1}.${c + 1}.${s + 1}`, depth: 3, maxMilli: 0, children: [] });
        area.children.push(crit);
      });
      return area;
    });
    const walk = (n: Node) => {
      nodes.push(n);
      n.children.forEach(walk);
    };
    areas.forEach(walk);
    const leaves = nodes.filter((n) => n.children.length === 0);
    return fc.record({
      nodes: fc.constant(nodes),
      leaves: fc.constant(leaves),
      maxima: fc.array(fc.integer({ min: 1, max: 16 }), { minLength: leaves.length, maxLength: leaves.length }),
      unitCount: fc.integer({ min: 1, max: 6 }),
      parentsTyped: fc.boolean(),
    });
  })
  .chain(({ nodes, leaves, maxima, unitCount, parentsTyped }) => {
    leaves.forEach((l, i) => (l.maxMilli = maxima[i] * 250));
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i];
      if (n.children.length) n.maxMilli = n.children.reduce((s, c) => s + c.maxMilli, 0);
    }
    const units = Array.from({ length: unitCount }, (_, u) => `Xã Thử ${String.fromCharCode(65 + u)}${u}`);
    const scoreArb = fc.array(fc.tuple(...leaves.map((l) => fc.option(fc.integer({ min: 0, max: l.maxMilli }), { freq: 6 }))), {
      minLength: unitCount,
      maxLength: unitCount,
    });
    const spellingArb = fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: leaves.length, maxLength: leaves.length }), {
      minLength: unitCount,
      maxLength: unitCount,
    });
    return fc.record({
      nodes: fc.constant(nodes),
      leaves: fc.constant(leaves),
      units: fc.constant(units),
      scores: scoreArb.map((rows) => rows.map((r) => [...r])),
      spelling: spellingArb,
      parentsTyped: fc.constant(parentsTyped),
    });
  });

/** milli → a double, spelled four ways (each is the double nearest the 3-decimal value, or 1 ulp off). */
function spell(milli: number, how: number): number {
  switch (how) {
    case 0:
      return milli / 1000;
    case 1:
      return milli * 0.001;
    case 2:
      return (milli - 100) / 1000 + 0.1;
    default:
      return Math.floor(milli / 1000) + (milli % 1000) / 1000;
  }
}

const n = (v: number): Cell => ({ v, t: 'n' });
const s = (v: string): Cell => ({ v, t: 's' });

const TITLE = 'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA UBND CÁC XÃ, PHƯỜNG';

/** The consolidation grid; criteria rows in the given order (a permutation of the depth-first order). */
function gridOf(sc: Scenario, order: number[] = sc.nodes.map((_, i) => i)): SheetSnapshot {
  const firstUnit = 4;
  const last = firstUnit + sc.units.length - 1;
  const cells: (Cell | null)[][] = [
    [s(TITLE)],
    [],
    [s('STT'), s('Nội dung'), s('Điểm tối đa'), s('Điểm đạt được của các đơn vị')],
    [null, null, null, ...sc.units.map(s)],
  ];
  const leafIndex = new Map(sc.leaves.map((l, i) => [l, i]));
  const valueOf = (node: Node, u: number): number | null => {
    const li = leafIndex.get(node);
    if (li !== undefined) return sc.scores[u][li];
    const parts = node.children.map((c) => valueOf(c, u)).filter((v): v is number => v !== null);
    return parts.length ? parts.reduce((x, y) => x + y, 0) : null;
  };
  for (const i of order) {
    const node = sc.nodes[i];
    const row: (Cell | null)[] = [s(node.depth === 1 ? `${node.key}.` : node.key), s(`Tiêu chí ${node.key}`), n(node.maxMilli / 1000)];
    sc.units.forEach((_, u) => {
      const li = leafIndex.get(node);
      if (li !== undefined) {
        const m = sc.scores[u][li];
        row.push(m === null ? null : n(spell(m, sc.spelling[u][li])));
      } else {
        const v = sc.parentsTyped ? valueOf(node, u) : null;
        row.push(v === null ? null : n(v / 1000));
      }
    });
    cells.push(row);
  }
  cells.push([null, s('Tổng điểm')]);
  return {
    name: 'Tổng hợp',
    cells,
    merges: ['A3:A4', 'B3:B4', 'C3:C4', ...(last > firstUnit ? [`${a1(3, firstUnit)}:${a1(3, last)}`] : [])],
    hiddenRows: [],
    hiddenColumns: [],
    protected: false,
    visibility: 'visible',
  };
}

const book = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ fileName: 'thu.xlsx', sheets });

function expectedTotals(sc: Scenario): (number | null)[] {
  return sc.units.map((_, u) => {
    const present = sc.scores[u].filter((m): m is number => m !== null);
    return present.length ? present.reduce((x, y) => x + y, 0) : null;
  });
}

describe('totals are exact and independent of the order of the criteria rows', () => {
  it('computeTable: each unit total is the exact sum of its leaves, in any row order', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((sc) =>
          fc.tuple(
            fc.constant(sc),
            fc.shuffledSubarray(
              sc.nodes.map((_, i) => i),
              { minLength: sc.nodes.length },
            ),
          ),
        ),
        ([sc, order]) => {
          const straight = analyzeWorkbook(book(gridOf(sc)));
          const shuffled = analyzeWorkbook(book(gridOf(sc, order)));
          expect(straight.results).toHaveLength(1);
          expect(shuffled.results).toHaveLength(1);
          const expected = expectedTotals(sc);
          for (const analysis of [straight, shuffled]) {
            const series = analysis.results[0].series;
            expect(series.map((x) => x.series.name)).toEqual(sc.units);
            series.forEach((x, u) => {
              expect(x.filled).toBe(expected[u] !== null);
              const want = new Decimal(expected[u] ?? 0).div(1000);
              // Spelling 2 is a value computed by float arithmetic (0.006000000000000005): at Excel's
              // 15 significant digits it is not 0.006, so that unit's total is compared at the scoring
              // precision; every other unit's total is exact.
              if (sc.spelling[u].some((how, li) => how === 2 && sc.scores[u][li] !== null)) {
                expect(x.total.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).eq(want)).toBe(true);
              } else {
                expect(x.total.eq(want)).toBe(true);
              }
            });
          }
          // Same value for every criterion key, whatever the order.
          const byKey = (a: typeof straight) =>
            a.results[0].series.map((x) => [...x.values].map(([k, v]) => `${k}=${v.toFixed(3)}`).sort());
          expect(byKey(shuffled)).toEqual(byKey(straight));
          // Parents typed from the same leaves never disagree with them.
          if (sc.parentsTyped) expect(straight.findings.filter((f) => f.code === 'sum/parent-mismatch')).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rankTable agrees with RANK.EQ (and dense ranking) computed on integer thousandths', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom('competition' as const, 'dense' as const), (sc, ties) => {
        const analysis = analyzeWorkbook(book(gridOf(sc)));
        const ranked = rankTable(analysis.results[0], ties);
        const totals = expectedTotals(sc);
        const filled = totals.filter((t): t is number => t !== null);
        totals.forEach((t, u) => {
          if (t === null) return expect(ranked[u].rank).toBeNull();
          const above = filled.filter((x) => x > t);
          expect(ranked[u].rank).toBe(1 + (ties === 'dense' ? new Set(above).size : above.length));
          expect(ranked[u].of).toBe(filled.length);
        });
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Anything at all in a grid.

const HEADER_WORDS = [
  'STT',
  'TT',
  'Nội dung',
  'Lĩnh vực/Tiêu chí/Tiêu chí thành phần',
  'Điểm tối đa',
  'Điểm chuẩn',
  'Điểm tự đánh giá',
  'Điểm thẩm định',
  'Điểm đạt được',
  'Điểm đạt được của các đơn vị',
  'Tổng điểm',
  'TỔNG CỘNG',
  'Xếp hạng',
  'XẾP HẠNG',
  'Đơn vị',
  'Tài liệu kiểm chứng',
  'Ghi chú',
  'Điểm thưởng',
  'Điểm trừ',
  'Điều tra xã hội học',
  'Không áp dụng',
  'NĂM 2025',
  'UBND XÃ HÒA BÌNH',
  '1. Công tác chỉ đạo (10 điểm)',
  'I. Cải cách thể chế',
  'Điểm tối đa',
  '(1)',
  '(2)',
  '(3)',
];
const CODE_WORDS = [
  '1',
  '1.',
  'I',
  'II',
  'IV',
  'XL',
  '1.1',
  '1.1.',
  '1.1.1',
  '2.3.4.5.6.7',
  '0',
  '00.1',
  '999.999.999',
  '1..1',
  '.1',
  '1 . 2',
];
const SPACES = ['', '\u00a0', '\u200b', '\u200d', '\ufeff', '\u2060', '\u202f', ' ', '\t', '\n'];

const cellArb: fc.Arbitrary<Cell | null | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.constantFrom(...HEADER_WORDS).map(s) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...SPACES), fc.constantFrom(...CODE_WORDS), fc.constantFrom(...SPACES))
      .map(([x, c, y]) => s(x + c + y)),
  },
  { weight: 1, arbitrary: fc.constantFrom(1, 1.1, 2, 3.2).map(n) },
  {
    weight: 4,
    arbitrary: fc
      .oneof(
        fc.double({ noNaN: false }),
        fc.integer({ min: -5, max: 200 }).map((x) => x / 4),
      )
      .map(n),
  },
  { weight: 1, arbitrary: fc.constantFrom('0,5', '1.25', ' 2,75 ', '-0,25', '1,2,3', '1e3', 'NaN', 'Infinity').map(s) },
  { weight: 1, arbitrary: fc.oneof(fc.double(), fc.integer({ min: -1e6, max: 3e6 })).map((v): Cell => ({ v, t: 'd', fmt: 'dd/mm/yyyy' })) },
  { weight: 1, arbitrary: fc.constantFrom('#DIV/0!', '#REF!', '#N/A', '#VALUE!', '#NAME?').map((v): Cell => ({ v, t: 'e' })) },
  { weight: 1, arbitrary: fc.boolean().map((v): Cell => ({ v, t: 'b' })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'SUM(D5:D9)',
          'SUM(D5+D6)',
          'D5+D6-D7',
          'SUM(',
          'SUM(A1:A1048576)',
          "[1]'X'!A1",
          "cmd|' /C calc'!A0",
          'RANK.EQ(D9,$D$9:$H$9)',
          '1/0',
          'SUM(' + 'D1,'.repeat(700) + 'D1)',
        ),
        fc.option(fc.double()),
      )
      .map(([f, v]): Cell => ({ v: v ?? null, t: 'n', f })),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map(s) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(s) },
  { weight: 1, arbitrary: fc.nat(4000).map((k) => s('Tiêu chí '.repeat(k))) },
  // A snapshot from a careless host: a string in a number cell, a number in a text cell.
  {
    weight: 1,
    arbitrary: fc.constantFrom<Cell>({ v: 'abc', t: 'n' }, { v: 7, t: 's' }, { v: 'x', t: 'd' }, { v: 1, t: 'e' }, { v: null, t: 's' }),
  },
);

const rangeArb = fc
  .tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 14 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }))
  .map(([r, c, h, w]) => `${a1(r, c)}:${a1(r + h, c + w)}`);

const sheetArb = (name: fc.Arbitrary<string>): fc.Arbitrary<SheetSnapshot> =>
  fc.record({
    name,
    cells: fc.array(fc.array(cellArb, { maxLength: 12 }), { maxLength: 36 }),
    merges: fc.array(fc.oneof(rangeArb, fc.constantFrom('A1:XFD1048576', 'A1:A1', 'Z9:A1', 'D1:D1048576')), { maxLength: 6 }),
    hiddenRows: fc.array(fc.integer({ min: -2, max: 50 }), { maxLength: 6 }),
    hiddenColumns: fc.array(fc.integer({ min: -2, max: 20 }), { maxLength: 4 }),
    protected: fc.boolean(),
    visibility: fc.constantFrom('visible' as const, 'hidden' as const, 'veryHidden' as const),
  });

const nameArb = fc.oneof(
  fc.constantFrom('Tổng hợp', "Đơn vị 'A' – 2025", 'Xếp hạng 2025', STATE_SHEET_NAME, 'Bảng "B"', ''),
  fc.string({ maxLength: 31 }),
);

/** A valid table with random damage: cells replaced, merges and hidden rows added, codes spaced. */
const damagedArb: fc.Arbitrary<SheetSnapshot> = fc
  .tuple(
    scenarioArb,
    fc.array(fc.tuple(fc.nat(60), fc.nat(12), cellArb), { maxLength: 12 }),
    fc.array(rangeArb, { maxLength: 4 }),
    fc.array(fc.nat(60), { maxLength: 4 }),
    fc.array(fc.nat(12), { maxLength: 3 }),
  )
  .map(([sc, damage, merges, rows, cols]) => {
    const sheet = gridOf(sc);
    for (const [r, c, cell] of damage) {
      while (sheet.cells.length <= r) sheet.cells.push([]);
      sheet.cells[r][c] = cell;
    }
    sheet.merges.push(...merges);
    sheet.hiddenRows = rows;
    sheet.hiddenColumns = cols;
    return sheet;
  });

function everything(workbook: WorkbookSnapshot, reference?: WorkbookSnapshot): void {
  const analysis = analyzeWorkbook(workbook, { reference });
  for (const f of [...analysis.findings, ...analysis.ignored]) {
    expect(typeof f.message.vi).toBe('string');
    expect(typeof f.message.en).toBe('string');
    expect(f.message.vi).not.toMatch(/undefined|\[object Object\]/);
  }
  JSON.stringify(analysis.findings);
  for (const result of analysis.results) {
    rankTable(result, 'competition');
    rankTable(result, 'dense');
  }
  for (const ties of ['competition', 'dense'] as const) {
    const { plan } = planCompute(workbook, analysis, { ties, locale: 'vi', overwriteTotals: true });
    for (const w of plan.cellWrites) expect(w.address).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
  }
  if (analysis.results.length > 0) {
    const pick = { table: analysis.results[0].table, result: analysis.results[0] };
    compareYears(pick, pick, {});
  }
}

describe('detection, validation, ranking and planning never throw', () => {
  it('on random grids (random cells, merges, hidden rows and columns, sheet names, visibility)', () => {
    fc.assert(
      fc.property(fc.array(sheetArb(nameArb), { maxLength: 3 }), fc.option(sheetArb(nameArb)), (sheets, ref) => {
        everything({ fileName: 'x.xlsx', sheets }, ref ? { sheets: [ref] } : undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('on real tables with random damage (cells, merges, hidden rows, NBSP and zero-width codes)', () => {
    fc.assert(
      fc.property(damagedArb, fc.option(damagedArb), (sheet, ref) => {
        everything(book(sheet), ref ? book(ref) : undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('NBSP and zero-width characters around codes change nothing', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.tuple(fc.constantFrom(...SPACES), fc.constantFrom(...SPACES)), { minLength: 40, maxLength: 40 }),
        (sc, pads) => {
          const clean = gridOf(sc);
          const spaced = gridOf(sc);
          spaced.cells.forEach((row, r) => {
            const code = row[0];
            if (r >= 4 && code && typeof code.v === 'string') row[0] = s(pads[r % pads.length][0] + code.v + pads[r % pads.length][1]);
          });
          const a = analyzeWorkbook(book(clean));
          const b = analyzeWorkbook(book(spaced));
          expect(b.tables.map((t) => t.criteria.map((c) => c.key))).toEqual(a.tables.map((t) => t.criteria.map((c) => c.key)));
          expect(b.results[0].series.map((x) => x.total.toFixed(3))).toEqual(a.results[0].series.map((x) => x.total.toFixed(3)));
        },
      ),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Text written through the .xlsx host stays text.

/**
 * Strings the .xlsx format can hold as they are: XML 1.0 characters, no CR (XML parsers turn it
 * into LF), no `_xHHHH_` sequence (Excel's escape for control characters). The excluded cases are
 * pinned as known issues below.
 */
/* eslint-disable no-control-regex -- the control characters XML cannot carry are what this excludes */
const representable = (v: string) =>
  v.length > 0 &&
  !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\r\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(
    v,
  ) &&
  !/_x[0-9a-fA-F]{4}_/i.test(v);
/* eslint-enable no-control-regex */

const formulaLike = fc
  .tuple(
    fc.constantFrom('=', '+', '-', '@', ' =', '\t=', '=='),
    fc.constantFrom('1+1', 'SUM(A1:A9)', 'HYPERLINK("https://attacker.example","x")', "cmd|' /C calc'!A0", 'A1', '"', ''),
  )
  .map(([p, b]) => p + b);
const textArb = fc
  .oneof(
    formulaLike,
    fc.string({ minLength: 1, maxLength: 60 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.constantFrom(
      'TRUE',
      'FALSE',
      '1e5',
      '0,5',
      '00123',
      '#DIV/0!',
      '#REF!',
      '1/5',
      '  lead',
      'trail  ',
      ' ',
      '\n',
      "'=1+1",
      'Đắk R’lấp',
      '\u00a0',
    ),
  )
  .filter(representable);

async function baseBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Dữ liệu').getCell('A1').value = 'x';
  return workbookToBytes(wb);
}

function textPlan(values: string[]): WritePlan {
  const plan = emptyPlan();
  values.forEach((v, i) => plan.cellWrites.push({ sheet: 'Dữ liệu', address: `B${i + 1}`, content: text(v) }));
  const sheet: GeneratedSheet = {
    name: 'Xếp hạng 2025',
    purpose: 'ranking',
    rows: values.map((v) => [text(v)]),
    styles: [],
    columnWidths: [],
    freezeRows: 0,
    // Internal links on every row: a label that looks like a formula must still come out as text.
    hyperlinks: values.map((_, i) => ({ address: `A${i + 1}`, sheet: 'Dữ liệu', cell: 'A1' })),
    conditionalFormats: [],
  };
  plan.sheets.push(sheet);
  return plan;
}

async function writeAndReadBack(values: string[]): Promise<{ excel: ExcelJS.Workbook; snapshot: WorkbookSnapshot }> {
  const out = await applyPlanToBuffer(await baseBytes(), textPlan(values));
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
  return { excel, snapshot: await readWorkbookBuffer(out) };
}

describe('any string written as text is read back as exactly that string, never a formula', () => {
  it('through a cell write and a generated sheet (with links), read by ExcelJS and by the host', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(textArb, { minLength: 1, maxLength: 12 }), async (values) => {
        const { excel, snapshot } = await writeAndReadBack(values);
        const user = excel.getWorksheet('Dữ liệu')!;
        const generated = excel.getWorksheet('Xếp hạng 2025')!;
        values.forEach((v, i) => {
          for (const cell of [user.getCell(`B${i + 1}`)]) {
            expect(cell.formula).toBeUndefined();
            expect(cell.value).toBe(v);
          }
          const g = generated.getCell(`A${i + 1}`);
          if (g.formula) {
            // Only the tool's own internal link, with the string as its (escaped) literal label.
            expect(g.formula).toBe(`HYPERLINK("#'Dữ liệu'!A1","${v.replace(/"/g, '""')}")`);
            expect(/^[=+\-@]/.test(v)).toBe(false);
            expect((g.value as { result?: unknown }).result).toBe(v);
          } else {
            expect(g.value).toBe(v);
          }
        });
        const snap = snapshot.sheets.find((x) => x.name === 'Dữ liệu')!;
        values.forEach((v, i) => expect(snap.cells[i][1]).toEqual({ v, t: 's' }));
      }),
      { numRuns: 60 },
    );
  });

  it('formula-looking strings stay text even where a cell already holds a formula', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.getCell('B1').value = { formula: 'SUM(1,2)', result: 3 } as ExcelJS.CellFormulaValue;
    const plan = emptyPlan();
    plan.cellWrites.push({ sheet: 'Dữ liệu', address: 'B1', content: text('=SUM(1,2)') });
    const out = await applyPlanToBuffer(await workbookToBytes(wb), plan);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(out) as unknown as ExcelJS.Buffer);
    expect(back.getWorksheet('Dữ liệu')!.getCell('B1').formula).toBeUndefined();
    expect(back.getWorksheet('Dữ liệu')!.getCell('B1').value).toBe('=SUM(1,2)');
  });

  // KNOWN ISSUE (owner of src/hosts/xlsx/write.ts; ExcelJS): a literal "_x0041_" is written
  // unescaped and read back (by Excel too) as "A"; Excel itself writes "_x005F_x0041_". A control
  // character (U+0001…U+001F but TAB/LF) is dropped and CR becomes LF. Text stays text in every case,
  // but is silently changed. Flip to `it` when write.ts escapes them.
  it.failing('KNOWN ISSUE: "_x0041_", a control character and CR round-trip unchanged', async () => {
    const values = ['_x0041_', 'a\u0001b', 'dòng 1\r\ndòng 2'];
    const { excel } = await writeAndReadBack(values);
    values.forEach((v, i) => expect(excel.getWorksheet('Dữ liệu')!.getCell(`B${i + 1}`).value).toBe(v));
  });

  it('…and even then no formula is created', async () => {
    const { excel } = await writeAndReadBack(['_x003D_1+1', '\u0001=1+1', '\r=1+1']);
    const ws = excel.getWorksheet('Dữ liệu')!;
    for (const a of ['B1', 'B2', 'B3']) {
      expect(ws.getCell(a).formula).toBeUndefined();
      expect(ws.getCell(a).type).toBe(ExcelJS.ValueType.String);
    }
  });
});
