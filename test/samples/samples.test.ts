import { readFileSync, existsSync } from 'fs';
import * as path from 'path';
import Decimal from 'decimal.js';
import { cellAt, cellText, type Cell, type SheetSnapshot, type WorkbookSnapshot } from '../../src/core/snapshot';
import { columnNumber, parseA1 } from '../../src/core/a1';
import { readWorkbookBuffer } from '../support/exceljs/read';
import { readWorkbookFile } from '../../src/hosts/xlsx/node';
import { describeShared } from '../support/shared';
import {
  buildConsolidated,
  consolidatedLayout,
  criteriaSet,
  generateSamples,
  generateScores,
  milliToString,
  stableBytes,
  unitTotal,
  UNITS_2024,
  UNITS_2025,
  type Manifest,
  type ManifestSample,
} from '../../src/samples';

const SAMPLES = path.resolve(__dirname, '../../samples');
// The repo is <dir>/main and the shared fixtures are <dir>/shared/fixtures.
const manifest = JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')) as Manifest;
const entry = (file: string) => manifest.samples.find((s) => s.file === file)!;

const snapshots = new Map<string, Promise<WorkbookSnapshot>>();
const read = (file: string) => {
  if (!snapshots.has(file)) snapshots.set(file, readWorkbookFile(path.join(SAMPLES, file)));
  return snapshots.get(file)!;
};
const sheetOf = async (e: ManifestSample) => (await read(e.file)).sheets.find((s) => s.name === e.sheet)!;
const at = (s: SheetSnapshot, address: string): Cell | null => {
  const { row, col } = parseA1(address);
  return cellAt(s, row, col);
};
const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
function canonicalCode(raw: string): string {
  const code = raw.trim().replace(/\.$/, '');
  if (/^[IVXLC]+$/.test(code)) {
    let n = 0;
    for (let i = 0; i < code.length; i++) {
      const v = ROMAN[code[i]];
      n += i + 1 < code.length && ROMAN[code[i + 1]] > v ? -v : v;
    }
    return String(n);
  }
  return code;
}

/** Rows of leaf criteria, derived from the codes in column A (not from the generator). */
function leafRows(s: SheetSnapshot, first: number, last: number): number[] {
  const codes = new Map<number, string>();
  for (let r = first; r <= last; r++) codes.set(r, canonicalCode(cellText(cellAt(s, r, 1))));
  const all = [...codes.values()];
  return [...codes.entries()].filter(([, c]) => !all.some((o) => o.startsWith(`${c}.`))).map(([r]) => r);
}

const numberAt = (s: SheetSnapshot, row: number, col: number): Decimal => {
  const c = cellAt(s, row, col);
  if (!c || c.v === null) return new Decimal(0);
  expect(c.t).toBe('n');
  return new Decimal(c.v as number);
};

describe('committed samples', () => {
  it('every manifest entry has its file, and the files are what the generator makes (run `npm run samples`)', async () => {
    const { files, manifest: fresh } = await generateSamples();
    expect(JSON.parse(JSON.stringify(fresh))).toEqual(manifest);
    for (const f of files) {
      const committed = path.join(SAMPLES, ...f.path.split('/'));
      expect(existsSync(committed)).toBe(true);
      expect(Buffer.compare(readFileSync(committed), Buffer.from(f.data))).toBe(0);
    }
    expect(manifest.samples.map((s) => s.file).sort()).toEqual(files.map((f) => f.path).sort());
  });

  it('includes the named files of the brief', () => {
    const names = manifest.samples.map((s) => s.file);
    for (const n of [
      'tong-hop-xa-2025.xlsx',
      'tong-hop-xa-2024.xlsx',
      'ket-qua-xa-2024-tom-tat.xlsx',
      'tu-danh-gia-xa-hoa-binh-2025.xlsx',
      'mau-trong-2025.xlsx',
      'tong-hop-la-ma-2025.xlsx',
      'tong-hop-nfd-2025.xlsx',
      'loi-div0.xlsx',
      'loi-so-dang-chu.xlsx',
      'loi-ten-don-vi-cong-thuc.xlsx',
      'loi-tong-diem-toi-da.xlsx',
      'loi-trung-ma.xlsx',
      'loi-vuot-diem-toi-da.xlsx',
    ]) {
      expect(names).toContain(n);
    }
    expect(names.filter((n) => n.startsWith('don-vi/'))).toHaveLength(UNITS_2025.length);
  });
});

describe('manifest totals equal the sums of the leaf cells read back', () => {
  const consolidations = manifest.samples.filter((s) => s.kind === 'consolidated');

  it.each(consolidations.map((s) => [s.file, s] as const))('%s', async (_file, e) => {
    const s = await sheetOf(e);
    const leaves = leafRows(s, e.firstRow!, e.lastRow!);
    expect(leaves.length).toBeGreaterThan(0);
    for (const [unit, letter] of Object.entries(e.unitColumns!)) {
      const col = columnNumber(letter);
      let total = leaves.reduce((sum, r) => sum.plus(numberAt(s, r, col)), new Decimal(0));
      if (e.bonusRow) total = total.plus(numberAt(s, e.bonusRow, col));
      if (e.penaltyRow) total = total.minus(numberAt(s, e.penaltyRow, col));
      expect(total.toFixed(3)).toBe(e.totals![unit]);
      // The cached total in the file agrees, and binary floating point in any order rounds to it.
      expect(new Decimal(cellAt(s, e.totalRow!, col)!.v as number).toFixed(3)).toBe(e.totals![unit]);
      const values = leaves.map((r) => (cellAt(s, r, col)?.v as number) ?? 0);
      const adjust = (e.bonusRow ? numberAt(s, e.bonusRow, col) : new Decimal(0))
        .minus(e.penaltyRow ? numberAt(s, e.penaltyRow, col) : 0)
        .toNumber();
      const forward = values.reduce((a, b) => a + b, 0) + adjust;
      const backward = [...values].reverse().reduce((a, b) => a + b, 0) + adjust;
      expect(forward.toFixed(3)).toBe(e.totals![unit]);
      expect(backward.toFixed(3)).toBe(e.totals![unit]);
    }
    expect(new Decimal(cellAt(s, e.totalRow!, 3)!.v as number).toFixed(3)).toBe(e.maxTotal);
  });

  it.each(manifest.samples.filter((s) => s.kind === 'scorecard').map((s) => [s.file, s] as const))('%s', async (_file, e) => {
    const s = await sheetOf(e);
    const leaves = leafRows(s, e.firstRow!, e.lastRow!);
    for (const [series, letter] of Object.entries(e.seriesColumns!)) {
      const col = columnNumber(letter);
      const total = leaves.reduce((sum, r) => sum.plus(numberAt(s, r, col)), new Decimal(0));
      expect(total.toFixed(3)).toBe(e.totals![series]);
      expect(new Decimal(cellAt(s, e.totalRow!, col)!.v as number).toFixed(3)).toBe(e.totals![series]);
    }
  });

  it('ket-qua-xa-2024-tom-tat.xlsx (units as rows)', async () => {
    const e = entry('ket-qua-xa-2024-tom-tat.xlsx');
    const s = await sheetOf(e);
    const totalCol = columnNumber(e.totalColumn!);
    for (const [unit, row] of Object.entries(e.unitRows!)) {
      expect(cellText(cellAt(s, row, 2))).toBe(unit);
      const total = Object.values(e.areaColumns!).reduce((sum, l) => sum.plus(numberAt(s, row, columnNumber(l))), new Decimal(0));
      expect(total.toFixed(3)).toBe(e.totals![unit]);
      expect(cellAt(s, row, totalCol)).toMatchObject({ f: expect.stringMatching(/^SUM\(C\d+:J\d+\)$/) });
    }
    expect(at(s, 'B4')).toEqual({ v: 'Điểm tối đa', t: 's' });
    expect(at(s, 'K4')).toEqual({ v: 100, t: 'n' });
  });

  it('the 2024 summary has the totals of the 2024 consolidation', () => {
    expect(entry('ket-qua-xa-2024-tom-tat.xlsx').totals).toEqual(entry('tong-hop-xa-2024.xlsx').totals);
  });
});

describeShared('fixtures', 'the generated 2025 consolidation has the layout of the shared fixture', (FIXTURES) => {
  let ours: SheetSnapshot;
  let theirs: SheetSnapshot;
  beforeAll(async () => {
    ours = (await read('tong-hop-xa-2025.xlsx')).sheets[0];
    theirs = (await readWorkbookFile(path.join(FIXTURES, 'tong-hop-xa-2025.xlsx'))).sheets[0];
  });

  it('same sheet, title, header cells, unit names and merges', () => {
    expect(ours.name).toBe(theirs.name);
    for (const a of ['A1', 'A2', 'A4', 'A6', 'B6', 'C6', 'D6', 'B49', 'B50']) expect(at(ours, a)).toEqual(at(theirs, a));
    for (let c = 4; c <= 15; c++) expect(cellAt(ours, 7, c)).toEqual(cellAt(theirs, 7, c));
    expect([...ours.merges].sort()).toEqual([...theirs.merges].sort());
    expect(ours.cells.length).toBe(theirs.cells.length);
  });

  it('same codes, titles and maxima in rows 8–49, same formulas in the parent rows', () => {
    for (let r = 8; r <= 49; r++) {
      expect(cellAt(ours, r, 1)).toEqual(cellAt(theirs, r, 1));
      expect(cellAt(ours, r, 2)).toEqual(cellAt(theirs, r, 2));
      expect(cellAt(ours, r, 3)).toEqual(cellAt(theirs, r, 3));
      for (let c = 4; c <= 15; c++) {
        expect(cellAt(ours, r, c)?.f).toBe(cellAt(theirs, r, c)?.f);
        expect(cellAt(ours, r, c)?.t).toBe(cellAt(theirs, r, c)?.t);
      }
    }
  });
});

describe('the generated 2025 consolidation', () => {
  let ours: SheetSnapshot;
  beforeAll(async () => {
    ours = (await read('tong-hop-xa-2025.xlsx')).sheets[0];
  });

  it('two units tie at 86,75 as in the fixture (F and G)', () => {
    const e = entry('tong-hop-xa-2025.xlsx');
    expect(e.totals!['Xã Hòa Bình']).toBe('86.750');
    expect(e.totals!['Xã An Phú']).toBe('86.750');
    expect(e.ties).toContainEqual(['Xã Hòa Bình', 'Xã An Phú']);
    expect(at(ours, 'F49')?.v).toBe(86.75);
    expect(at(ours, 'G49')?.v).toBe(86.75);
  });

  it('survey criteria carry 3-decimal scores, others move in 0,25 steps', () => {
    const e = entry('tong-hop-xa-2025.xlsx');
    let threeDecimals = 0;
    for (let r = e.firstRow!; r <= e.lastRow!; r++) {
      const survey = /điều tra xã hội học|SIPAS/.test(cellText(cellAt(ours, r, 2)));
      if (cellAt(ours, r, 4)?.f) continue;
      for (let c = 4; c <= 15; c++) {
        const v = new Decimal(cellAt(ours, r, c)!.v as number);
        if (survey) threeDecimals += v.decimalPlaces() === 3 ? 1 : 0;
        else expect(v.mod(0.25).isZero()).toBe(true);
      }
    }
    expect(threeDecimals).toBeGreaterThan(20);
  });
});

describe('the other samples', () => {
  it('2024: 10 units with typed values; the two newest 2025 units are absent', async () => {
    const s = (await read('tong-hop-xa-2024.xlsx')).sheets[0];
    expect(entry('tong-hop-xa-2024.xlsx').units).toEqual(UNITS_2024);
    expect(UNITS_2025.filter((u) => !UNITS_2024.includes(u))).toEqual(['Xã Nam Dong', 'Phường Nghĩa Trung']);
    expect(at(s, 'D8')?.f).toBeUndefined();
    expect(at(s, 'M7')).toEqual({ v: 'Xã Ea Pô', t: 's' });
    expect(at(s, 'N7')).toBeNull();
    expect(at(s, 'D49')?.f).toBe('SUM(D8+D16+D20+D28+D32+D36+D40+D46)');
  });

  it('Roman area codes with bonus and penalty rows: total = areas + bonus − penalty', async () => {
    const e = entry('tong-hop-la-ma-2025.xlsx');
    const s = await sheetOf(e);
    expect(at(s, 'A8')).toEqual({ v: 'I', t: 's' });
    expect(at(s, 'A46')).toEqual({ v: 'VIII', t: 's' });
    expect(cellText(cellAt(s, e.bonusRow!, 2))).toBe('Điểm thưởng');
    expect(cellText(cellAt(s, e.penaltyRow!, 2))).toBe('Điểm trừ');
    expect(cellAt(s, e.totalRow!, 4)?.f).toBe(`SUM(D8+D16+D20+D28+D32+D36+D40+D46)+D${e.bonusRow}-D${e.penaltyRow}`);
  });

  it('NFD names and headers with stray spaces', async () => {
    const e = entry('tong-hop-nfd-2025.xlsx');
    const s = await sheetOf(e);
    const clean = (v: string) => v.normalize('NFC').replace(/\s+/g, ' ').trim();
    UNITS_2025.forEach((u, i) => {
      const raw = String(cellAt(s, 7, 4 + i)!.v);
      expect(raw).not.toBe(u);
      expect(raw).toBe(raw.normalize('NFD'));
      expect(clean(raw)).toBe(u);
    });
    const header = String(at(s, 'D6')!.v);
    expect(header).not.toBe('Điểm đạt được của các đơn vị');
    expect(clean(header)).toBe('Điểm đạt được của các đơn vị');
  });

  it('the scorecard of each 2025 unit has the consolidation’s scores as appraised, and its own self-assessment', async () => {
    const cons = (await read('tong-hop-xa-2025.xlsx')).sheets[0];
    for (const [i, unit] of UNITS_2025.entries()) {
      const e = manifest.samples.find((x) => x.kind === 'scorecard' && x.file.startsWith('don-vi/') && x.units![0] === unit)!;
      const s = await sheetOf(e);
      expect(cellText(at(s, 'A1'))).toBe(`UBND ${unit.toUpperCase()}`);
      expect(e.totals!.appraised).toBe(entry('tong-hop-xa-2025.xlsx').totals![unit]);
      let differs = 0;
      for (let k = 0; k <= e.lastRow! - e.firstRow!; k++) {
        const appraised = cellAt(s, e.firstRow! + k, 5)!;
        expect(appraised.v).toBe(cellAt(cons, 8 + k, 4 + i)!.v);
        if (cellAt(s, e.firstRow! + k, 4)!.v !== appraised.v) differs++;
      }
      expect(differs).toBeGreaterThan(0);
    }
    const hb = await sheetOf(entry('tu-danh-gia-xa-hoa-binh-2025.xlsx'));
    expect(at(hb, 'A5')).toEqual({ v: 'STT', t: 's' });
    expect(at(hb, 'D5')).toEqual({ v: 'Điểm tự đánh giá', t: 's' });
    expect(at(hb, 'E5')).toEqual({ v: 'Điểm thẩm định', t: 's' });
    expect(at(hb, 'F5')).toEqual({ v: 'Tài liệu kiểm chứng', t: 's' });
    expect(at(hb, 'G9')?.v).toMatch(/^Hoàn thành 100%/);
    expect(at(hb, 'D6')).toMatchObject({ f: 'SUM(D7,D10,D11,D12,D13)' });
  });

});

describeShared('fixtures', 'the generated samples against the shared fixtures', (FIXTURES) => {
  const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected-findings.json'), 'utf8')) as Record<
    string,
    { sheet?: string; cell?: string }[]
  >;

  it.each(manifest.samples.filter((s) => s.kind === 'defect').map((s) => [s.file, s] as const))('%s', async (file, e) => {
    const want = expected[file]?.[0];
    expect(want).toBeDefined();
    if (want.cell) expect(e.defect!.cell).toBe(want.cell);
    const ours = await sheetOf(e);
    const theirs = (await readWorkbookFile(path.join(FIXTURES, file))).sheets[0];
    const cell = e.defect!.cell;
    // The spoilt cell has the same kind of content as in the shared fixture.
    expect(at(ours, cell)?.t).toBe(at(theirs, cell)?.t);
    expect(at(ours, cell)?.f).toBeUndefined();
    const base = (await read('tong-hop-xa-2025.xlsx')).sheets[0];
    expect(at(ours, cell)).not.toEqual(at(base, cell));
  });

  it('the generated blank form matches the shared blank form cell for cell', async () => {
    const ours = (await read('mau-trong-2025.xlsx')).sheets[0];
    const theirs = (await readWorkbookFile(path.join(FIXTURES, 'mau-trong-2025.xlsx'))).sheets[0];
    expect(ours.name).toBe(theirs.name);
    expect(ours.cells).toEqual(theirs.cells);
    expect([...ours.merges].sort()).toEqual([...theirs.merges].sort());
  });
});

describe('defect samples', () => {
  it('spoilt values', async () => {
    const get = async (file: string) => at(await sheetOf(entry(file)), entry(file).defect!.cell);
    expect(await get('loi-div0.xlsx')).toEqual({ v: '#DIV/0!', t: 'e' });
    expect(await get('loi-so-dang-chu.xlsx')).toEqual({ v: '1,25', t: 's' });
    expect(await get('loi-ten-don-vi-cong-thuc.xlsx')).toEqual({ v: '=1+1', t: 's' });
    expect(await get('loi-vuot-diem-toi-da.xlsx')).toEqual({ v: 3.5, t: 'n' });
    expect(await get('loi-tong-diem-toi-da.xlsx')).toEqual({ v: 14, t: 'n' });
    expect(await get('loi-trung-ma.xlsx')).toEqual({ v: '5.1', t: 's' });
  });
});

describe('builders for any size', () => {
  it('a synthetic 150-row criteria set sums to 100 with maxima in 0,25 steps and survey criteria', () => {
    const set = criteriaSet({ kind: 'synthetic', count: 150, seed: 7 });
    expect(set.nodes).toHaveLength(150);
    expect(set.totalMaxMilli).toBe(100000);
    expect(set.areas).toHaveLength(8);
    for (const l of set.leaves) {
      expect(l.maxMilli % 250).toBe(0);
      expect(l.maxMilli).toBeGreaterThan(0);
    }
    const surveys = set.leaves.filter((l) => l.survey);
    expect(surveys.length).toBe(8);
    expect(surveys.every((l) => l.title === 'Đánh giá qua điều tra xã hội học')).toBe(true);
    for (const n of set.nodes) {
      if (n.children.length) expect(n.maxMilli).toBe(n.children.reduce((s, k) => s + set.byKey.get(k)!.maxMilli, 0));
    }
    expect(criteriaSet({ kind: 'synthetic', count: 150, seed: 7 })).toEqual(set);
    expect(criteriaSet({ kind: 'synthetic', count: 40 }).nodes).toHaveLength(40);
  });

  it('a 150-criteria × 60-unit consolidation reads back with exact totals, deterministically', async () => {
    const criteria = criteriaSet({ kind: 'synthetic', count: 150, seed: 11 });
    const units = Array.from({ length: 60 }, (_, i) => `Xã Số ${i + 1}`);
    const scores = generateScores(criteria, units, { seed: 99, ties: [[0, 1]] });
    const wb = buildConsolidated({ year: 2025, units, criteria, scores, codeStyle: 'integer', parentsAs: 'typed', rankRow: false });
    const bytes = await stableBytes(wb);
    const again = await stableBytes(
      buildConsolidated({
        year: 2025,
        units,
        criteria,
        scores: generateScores(criteria, units, { seed: 99, ties: [[0, 1]] }),
        codeStyle: 'integer',
        parentsAs: 'typed',
        rankRow: false,
      }),
    );
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(again))).toBe(0);
    const s = (await readWorkbookBuffer(bytes)).sheets[0];
    const L = consolidatedLayout(criteria, units.length, { rankRow: false });
    const leaves = leafRows(s, L.firstRow, L.firstRow + criteria.nodes.length - 1);
    expect(leaves).toHaveLength(criteria.leaves.length);
    units.forEach((u, i) => {
      const col = L.firstUnitCol + i;
      const total = leaves.reduce((sum, r) => sum.plus(numberAt(s, r, col)), new Decimal(0));
      expect(total.toFixed(3)).toBe(milliToString(unitTotal(criteria, scores[i])));
      expect(new Decimal(cellAt(s, L.totalRow, col)!.v as number).toFixed(3)).toBe(total.toFixed(3));
    });
    expect(unitTotal(criteria, scores[0])).toBe(unitTotal(criteria, scores[1]));
  });
});
