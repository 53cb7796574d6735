import Decimal from 'decimal.js';
import fc from 'fast-check';
import { compareYears, hasPriorProblem, parseUnitMapping, type Comparison, type UnitComparison } from '../../../src/core/compare';
import { consolidation, editSnapshot, loadFixture, loadFromSnapshot, readFixture, SMALL_SET } from './helpers';

const unit = (c: Comparison, name: string): UnitComparison => {
  const u = c.units.find((x) => x.unit === name);
  if (!u) throw new Error(`no unit ${name}`);
  return u;
};
const str = (d: Decimal | null) => (d === null ? null : d.toString());

describe('compareYears: consolidation 2025 with consolidation 2024 (fixtures)', () => {
  let c: Comparison;
  beforeAll(async () => {
    c = compareYears(await loadFixture('tong-hop-xa-2025.xlsx'), await loadFixture('tong-hop-xa-2024.xlsx'));
  });

  it('takes the years from the tables and compares criterion by criterion', () => {
    expect(c.year).toBe(2025);
    expect(c.priorYear).toBe(2024);
    expect(c.level).toBe('criteria');
    expect(c.groupNoun).toBe('xã, phường');
  });

  it('matches 10 units; the two new 2025 units are listed and reported', () => {
    expect(c.units).toHaveLength(12);
    expect(c.units.filter((u) => u.priorUnit !== null)).toHaveLength(10);
    expect(c.unmatched).toEqual({ current: ['Xã Nam Dong', 'Phường Nghĩa Trung'], prior: [] });
    const f = c.findings.filter((x) => x.code === 'compare/unmatched-unit');
    expect(f.map((x) => [x.severity, x.sheet, x.cell, x.unit])).toEqual([
      ['info', 'Tổng hợp', 'N7', 'Xã Nam Dong'],
      ['info', 'Tổng hợp', 'O7', 'Phường Nghĩa Trung'],
    ]);
    expect(f[0].message.vi).toBe('Đơn vị "Xã Nam Dong" không so sánh được (không có trong năm 2024).');
    const nd = unit(c, 'Xã Nam Dong');
    expect([nd.priorUnit, nd.priorTotal, nd.delta, nd.priorRank, nd.rankChange]).toEqual([null, null, null, null, null]);
    expect(nd.criteria).toEqual([]);
    expect(nd.areas.every((a) => a.prior === null && a.delta === null)).toBe(true);
    expect(nd.summary.vi).toBe(
      'Xã Nam Dong đạt 82,074 điểm, xếp thứ 10 trong tổng số 12 xã, phường; không có trong bảng năm 2024 nên không so sánh được.',
    );
  });

  it('computes totals and deltas exactly', () => {
    const al = unit(c, 'Phường An Lạc');
    // Totals and their deltas as in samples/manifest.json (2025 − 2024), falls and rises alike.
    expect([str(al.total), str(al.priorTotal), str(al.delta)]).toEqual(['76.983', '86.682', '-9.699']);
    expect(str(unit(c, 'Xã Tân Thành').delta)).toBe('11.511');
    expect(str(unit(c, 'Xã Quảng Tín').delta)).toBe('1.052');
    expect(str(unit(c, 'Xã Phước Hưng').delta)).toBe('-9.727');
    expect(str(unit(c, 'Xã Hòa Bình').delta)).toBe('3.36'); // 86.750 − 83.390: no trailing zero
    expect(str(al.max)).toBe('100');
  });

  it('ranks among filled units, ties sharing a rank, and signs rank changes as priorRank − rank', () => {
    const ranks = Object.fromEntries(c.units.map((u) => [u.unit, [u.rank, u.priorRank, u.rankChange]]));
    expect(ranks).toEqual({
      // From the manifest's totals: Hòa Bình and An Phú tie at 86.750 (both 3rd, no 4th).
      'Phường An Lạc': [12, 3, -9],
      'Phường Tân Lập': [2, 4, 2],
      'Xã Hòa Bình': [3, 6, 3],
      'Xã An Phú': [3, 5, 2],
      'Xã Tân Thành': [7, 10, 3],
      'Xã Phước Hưng': [11, 1, -10],
      'Phường Trung Tâm': [1, 2, 1],
      'Xã Đông Hà': [5, 8, 3],
      'Xã Quảng Tín': [8, 7, -1],
      'Xã Ea Pô': [9, 9, 0],
      'Xã Nam Dong': [10, null, null],
      'Phường Nghĩa Trung': [6, null, null],
    });
    expect(c.units.every((u) => u.of === 12 && u.priorOf === 10)).toBe(true);
  });

  it('offers dense ranking', async () => {
    const d = compareYears(await loadFixture('tong-hop-xa-2025.xlsx'), await loadFixture('tong-hop-xa-2024.xlsx'), { ties: 'dense' });
    // The tie at 86.750 is 3rd; the next unit (Đông Hà, 86.721) is 4th, not 5th; Tân Thành 6th, not 7th.
    expect(['Xã Hòa Bình', 'Xã An Phú', 'Xã Đông Hà', 'Xã Tân Thành'].map((n) => unit(d, n).rank)).toEqual([3, 3, 4, 6]);
    expect(d.ties).toBe('dense');
  });

  it('compares criteria with statuses at the scoring precision', () => {
    const hb = unit(c, 'Xã Hòa Bình');
    const byCode = Object.fromEntries(hb.criteria.map((k) => [k.code, k]));
    expect(hb.criteria.map((k) => k.code)).toHaveLength(30); // every leaf of the set
    // Hòa Bình, 2025 vs 2024 (F column of both files): 1.1.2 0 vs 1.5; 7.1.2 2 vs 1; 1.2 1 vs 1;
    // 4.3 2.552 vs 2.557 — a decline only at the third decimal.
    expect([byCode['1.1.2'].status, str(byCode['1.1.2'].delta), byCode['1.1.2'].row, byCode['1.1.2'].cell]).toEqual([
      'declined',
      '-1.5',
      11,
      'F11',
    ]);
    expect([byCode['7.1.2'].status, str(byCode['7.1.2'].delta)]).toEqual(['improved', '1']);
    expect([byCode['4.3'].status, str(byCode['4.3'].delta)]).toEqual(['declined', '-0.005']);
    expect(byCode['1.2'].status).toBe('unchanged');
    expect(str(byCode['1.1.2'].max)).toBe('1.5');
    expect(hb.criteria.filter((k) => k.status === 'new' || k.status === 'removed')).toEqual([]);
  });

  it('lists areas with their prior scores, full-marks areas and leaves below their maximum', () => {
    // In the samples only Hòa Bình has an area at full marks: 8. Tác động của CCHC, 24 of 24.
    const hb = unit(c, 'Xã Hòa Bình');
    expect(hb.fullMarks).toEqual(['8']);
    const area = (code: string) => {
      const a = hb.areas.find((x) => x.code === code)!;
      return [a.code, a.rawCode, a.title, str(a.score), str(a.prior), str(a.delta), str(a.max)];
    };
    expect(hb.areas.map((a) => a.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(area('1')).toEqual(['1', '1.', 'Công tác chỉ đạo, điều hành CCHC', '6.652', '8.282', '-1.63', '10']);
    expect(area('8')).toEqual(['8', '8.', 'Tác động của CCHC', '24', '19.03', '4.97', '24']);
    expect(hb.belowMax).toEqual(['1.1.2', '1.3', '1.5', '2.3', '3.4', '4.3', '5.1', '5.3', '6.3', '7.2', '7.3']);
    expect(unit(c, 'Phường An Lạc').fullMarks).toEqual([]);
  });

  it('links each unit to its header cells in both tables', () => {
    const al = unit(c, 'Phường An Lạc');
    expect([al.cell, al.priorCell, al.index]).toEqual(['D7', 'D7', 4]);
  });

  it('is the same comparison when the prior year is the published summary (areas only)', async () => {
    const s = compareYears(await loadFixture('tong-hop-xa-2025.xlsx'), await loadFixture('ket-qua-xa-2024-tom-tat.xlsx'));
    expect(s.level).toBe('areas');
    expect(s.unmatched).toEqual(c.unmatched);
    for (const u of c.units) {
      const v = unit(s, u.unit);
      expect([str(v.total), str(v.priorTotal), str(v.delta), v.rank, v.priorRank, v.rankChange]).toEqual([
        str(u.total),
        str(u.priorTotal),
        str(u.delta),
        u.rank,
        u.priorRank,
        u.rankChange,
      ]);
      expect(v.areas.map((a) => str(a.prior))).toEqual(u.areas.map((a) => str(a.prior)));
    }
    // At the areas level the entries are the areas themselves.
    const hb = unit(s, 'Xã Hòa Bình');
    expect(hb.criteria.map((k) => [k.code, k.status, str(k.delta)])).toEqual([
      ['1', 'declined', '-1.63'],
      ['2', 'declined', '-0.941'],
      ['3', 'improved', '0.635'],
      ['4', 'improved', '0.745'],
      ['5', 'declined', '-0.565'],
      ['6', 'improved', '0.286'],
      ['7', 'declined', '-0.14'],
      ['8', 'improved', '4.97'],
    ]);
    expect(hb.criteria[0]).toMatchObject({ row: 8, cell: 'F8', depth: 1 });
    expect(hb.priorCell).toBe('B7');
  });

  it('compares a summary with a consolidation the other way round (areas level, no live rows)', async () => {
    const s = compareYears(await loadFixture('ket-qua-xa-2024-tom-tat.xlsx'), await loadFixture('tong-hop-xa-2024.xlsx'));
    expect(s.level).toBe('areas');
    expect(s.units.every((u) => u.delta !== null && u.delta.isZero() && u.rankChange === 0)).toBe(true);
    expect(unit(s, 'Xã Hòa Bình').criteria[0]).toMatchObject({ code: '1', status: 'unchanged', row: 7, cell: 'C7' });
  });
});

describe('compareYears: a scorecard', () => {
  it('compares one unit without a rank this year', async () => {
    const c = compareYears(await loadFixture('tu-danh-gia-xa-hoa-binh-2025.xlsx'), await loadFixture('tong-hop-xa-2024.xlsx'));
    expect(c.units).toHaveLength(1);
    const u = c.units[0];
    expect([u.unit, u.priorUnit, str(u.total), str(u.priorTotal), str(u.delta), u.rank, u.of, u.priorRank, u.rankChange]).toEqual([
      'Xã Hòa Bình',
      'Xã Hòa Bình',
      '86.75',
      '83.39',
      '3.36',
      null,
      0,
      6,
      null,
    ]);
    expect(u.summary.vi).toBe('Xã Hòa Bình đạt 86,75 điểm; tăng 3,36 điểm so với năm 2024.');
    expect(c.unmatched.prior).toHaveLength(9);
  });

  it('uses the self-assessed column on request', async () => {
    const c = compareYears(await loadFixture('tu-danh-gia-xa-hoa-binh-2025.xlsx'), await loadFixture('tong-hop-xa-2024.xlsx'), {
      scorecardSeries: 'self',
    });
    expect(str(c.units[0].total)).toBe('87.5'); // the manifest's self-assessed total, 87.500
  });
});

describe('compareYears: unit names', () => {
  const scores = [
    [1, 2, 2, 3, 2],
    [0.5, 1, 1, 2, 1],
    [1, 1, 1, 1, 1],
  ];
  const prior = (units: string[]) => loadFromSnapshot(consolidation({ year: 2024, units, criteria: SMALL_SET, scores }));
  const current = (units: string[]) => loadFromSnapshot(consolidation({ year: 2025, units, criteria: SMALL_SET, scores }));

  it('matches across case, Unicode form, apostrophes, spacing and administrative prefixes', () => {
    const c = compareYears(
      current(['UBND Xã Hòa Bình'.normalize('NFD'), 'Xã Đắk R’lấp', 'TP.  Gia  Nghĩa']),
      prior(['Xã Hòa Bình', "Đắk R'lấp", 'thành phố gia nghĩa']),
    );
    expect(c.units.map((u) => [u.unit, u.priorUnit])).toEqual([
      ['UBND Xã Hòa Bình', 'Xã Hòa Bình'], // detection reads names in NFC
      ['Xã Đắk R’lấp', "Đắk R'lấp"],
      ['TP.  Gia  Nghĩa'.replace(/\s+/g, ' '), 'thành phố gia nghĩa'],
    ]);
    expect(c.unmatched).toEqual({ current: [], prior: [] });
    expect(c.findings).toEqual([]);
  });

  it('prefers the exact name over the prefix-free key when two units share a key', () => {
    const c = compareYears(current(['Phường An Lạc', 'Xã An Lạc', 'Xã B']), prior(['Xã An Lạc', 'Phường An Lạc', 'Xã B']));
    expect(c.units.map((u) => u.priorUnit)).toEqual(['Phường An Lạc', 'Xã An Lạc', 'Xã B']);
  });

  it('keeps the current name exactly as written', () => {
    const c = compareYears(current(['xã hòa BÌNH', 'B', 'C']), prior(['Xã Hòa Bình', 'B', 'C']));
    expect(c.units[0].unit).toBe('xã hòa BÌNH');
    expect(c.units[0].summary.vi.startsWith('xã hòa BÌNH đạt ')).toBe(true);
  });

  it('uses a mapping CSV for a renamed unit, and records merged units', async () => {
    const wb = await readFixture('tong-hop-xa-2025.xlsx');
    const renamed = editSnapshot(wb, 'Tổng hợp', [
      { row: 7, col: 11, cell: { v: 'Phường Đông Hà Mới', t: 's' } }, // K7 was "Xã Đông Hà"
      { row: 7, col: 13, cell: { v: 'Xã Ea Sô', t: 's' } }, // M7 was "Xã Ea Pô"
    ]);
    const cur = loadFromSnapshot(renamed);
    const pri = await loadFixture('tong-hop-xa-2024.xlsx');

    const without = compareYears(cur, pri);
    expect(without.unmatched.current).toEqual(['Phường Đông Hà Mới', 'Xã Ea Sô', 'Xã Nam Dong', 'Phường Nghĩa Trung']);
    expect(without.unmatched.prior).toEqual(['Xã Đông Hà', 'Xã Ea Pô']);
    expect(without.priorOnly.map((p) => [p.unit, str(p.total), p.rank, p.cell])).toEqual([
      ['Xã Đông Hà', '81.234', 8, 'K7'],
      ['Xã Ea Pô', '72.424', 9, 'M7'],
    ]);
    expect(without.findings.filter((f) => f.sheet === 'Tổng hợp' && f.cell === 'K7').map((f) => f.message.en)).toEqual([
      'Unit "Phường Đông Hà Mới" is not comparable (not found in 2024).',
      'Unit "Xã Đông Hà" is not comparable (not found in 2025).',
    ]);

    const mapping = parseUnitMapping('Đơn vị 2025;Đơn vị 2024\r\nPhường Đông Hà Mới;Xã Đông Hà\r\n"Xã Nam Dong";"Xã Ea Pô"\r\n');
    const c = compareYears(cur, pri, { mapping });
    const dh = unit(c, 'Phường Đông Hà Mới');
    expect([dh.priorUnit, str(dh.priorTotal), str(dh.delta), dh.priorRank, dh.rankChange]).toEqual(['Xã Đông Hà', '81.234', '5.487', 8, 3]);
    expect(dh.criteria.some((k) => k.status === 'declined')).toBe(true);
    expect(unit(c, 'Xã Nam Dong').priorUnit).toBe('Xã Ea Pô');
    expect(c.unmatched).toEqual({ current: ['Xã Ea Sô', 'Phường Nghĩa Trung'], prior: [] });

    // A merger: two prior units into one; the first listed is the comparison base.
    const merger = parseUnitMapping('Xã Nam Dong,Xã Ea Pô\nXã Nam Dong,Xã Đông Hà\n');
    const m = compareYears(cur, pri, { mapping: merger });
    const nd = unit(m, 'Xã Nam Dong');
    expect([nd.priorUnit, nd.mergedFrom]).toEqual(['Xã Ea Pô', ['Xã Đông Hà']]);
    expect(m.unmatched.prior).toEqual([]);
  });

  it('applies the exact name before the mapping', () => {
    const c = compareYears(current(['Xã A', 'Xã B', 'Xã C']), prior(['Xã A', 'Xã B', 'Xã C']), {
      mapping: parseUnitMapping('Xã A;Xã C'),
    });
    expect(c.units.map((u) => u.priorUnit)).toEqual(['Xã A', 'Xã B', 'Xã C']);
    expect(c.units[0].mergedFrom).toEqual(['Xã C']);
  });
});

describe('compareYears: criteria matching', () => {
  const scores = [[1, 2, 2, 3, 2]];
  it('follows a criterion renumbered by an insertion, and reports new and removed criteria', () => {
    const priorSet = SMALL_SET;
    // 2025: a new 1.2 is inserted; "Tuyên truyền" moves to 1.3; 2.2 is dropped.
    const currentSet = [
      SMALL_SET[0],
      SMALL_SET[1],
      SMALL_SET[2],
      SMALL_SET[3],
      { code: '1.2', title: 'Sáng kiến CCHC', max: 1 },
      { code: '1.3', title: 'Tuyên truyền', max: 2 },
      SMALL_SET[5],
      { code: '2.1', title: 'Ban hành văn bản QPPL', max: 3 }, // reworded, same code
    ];
    const cur = loadFromSnapshot(consolidation({ year: 2025, units: ['Xã A'], criteria: currentSet, scores: [[1, 1.5, 1, 1, 2]] }));
    const pri = loadFromSnapshot(consolidation({ year: 2024, units: ['Xã A'], criteria: priorSet, scores }));
    const c = compareYears(cur, pri);
    expect(c.level).toBe('criteria');
    expect(c.units[0].criteria.map((k) => [k.code, k.status, str(k.prior), str(k.score)])).toEqual([
      ['1.1.1', 'unchanged', '1', '1'],
      ['1.1.2', 'declined', '2', '1.5'],
      ['1.2', 'new', null, '1'],
      ['1.3', 'declined', '2', '1'],
      ['2.1', 'declined', '3', '2'],
      ['2.2', 'removed', '2', null],
    ]);
    const removed = c.units[0].criteria[5];
    expect([removed.row, removed.cell, removed.delta]).toEqual([0, '', null]);
  });

  it('falls back to totals when the tables share no area', () => {
    const other = SMALL_SET.map((c) => ({
      ...c,
      code: c.code.replace(/^I$/, 'III').replace(/^II$/, 'IV').replace(/^1/, '3').replace(/^2/, '4'),
      title: `${c.title} (khác)`,
    }));
    const cur = loadFromSnapshot(consolidation({ year: 2025, units: ['Xã A'], criteria: other, scores }));
    const pri = loadFromSnapshot(consolidation({ year: 2024, units: ['Xã A'], criteria: SMALL_SET, scores }));
    const c = compareYears(cur, pri);
    expect(c.level).toBe('totals');
    expect(c.units[0].criteria).toEqual([]);
    expect(str(c.units[0].delta)).toBe('0');
  });
});

describe('compareYears: options and edge cases', () => {
  it('overrides the years, and a prior year that is not earlier is an error', async () => {
    const c = compareYears(await loadFixture('tong-hop-xa-2025.xlsx'), await loadFixture('tong-hop-xa-2024.xlsx'), { year: 2023 });
    expect([c.year, c.priorYear]).toEqual([2023, 2024]);
    const f = c.findings.find((x) => x.code === 'compare/prior-not-earlier');
    expect(f).toMatchObject({ severity: 'error', sheet: 'Tổng hợp', cell: 'A6' });
    expect(f?.message.vi).toBe(
      'Bảng chọn làm năm trước ghi năm 2024, không trước năm đánh giá 2023 (có thể đã chọn nhầm tệp, hoặc chọn chính tệp này); hãy chọn kết quả năm trước rồi so sánh lại.',
    );
    expect(hasPriorProblem(c.findings)).toBe(true);
  });

  it('leaves unfilled prior units out, and marks unfilled current units', () => {
    const cur = loadFromSnapshot(
      consolidation({
        year: 2025,
        units: ['Xã A', 'Xã B'],
        criteria: SMALL_SET,
        scores: [
          [1, 2, 2, 3, 2],
          [null, null, null, null, null],
        ],
      }),
    );
    const pri = loadFromSnapshot(
      consolidation({
        year: 2024,
        units: ['Xã A', 'Xã B'],
        criteria: SMALL_SET,
        scores: [
          [1, 2, 2, 3, 2],
          [null, null, null, null, null],
        ],
      }),
    );
    const c = compareYears(cur, pri);
    const b = unit(c, 'Xã B');
    expect([b.filled, b.rank, b.priorUnit]).toEqual([false, null, null]);
    expect(b.summary.vi).toBe('Xã B chưa có điểm năm 2025.');
    expect(c.units[0].of).toBe(1);
    expect(c.unmatched.prior).toEqual([]);
  });

  it('compares a table with itself as unchanged everywhere (property over random scores)', () => {
    const leafMax = [1, 2, 2, 3, 2];
    const quarter = (max: number) => fc.integer({ min: 0, max: max * 4 }).map((q) => q / 4);
    const row = fc.tuple(...leafMax.map(quarter));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.array(row, { minLength: 6, maxLength: 6 }), (a, b) => {
        const units = a.map((_r, i) => `Xã ${i + 1}`);
        const cur = loadFromSnapshot(consolidation({ year: 2025, units, criteria: SMALL_SET, scores: a }));
        const self = compareYears(cur, cur);
        for (const u of self.units) {
          expect(u.delta?.isZero()).toBe(true);
          expect(u.rankChange).toBe(0);
          expect(u.criteria.every((k) => k.status === 'unchanged')).toBe(true);
        }
        // Against another year: the total's delta is the sum of the leaves' deltas (no bonus rows).
        const pri = loadFromSnapshot(consolidation({ year: 2024, units, criteria: SMALL_SET, scores: b }));
        const c = compareYears(cur, pri);
        for (const u of c.units) {
          const sum = u.criteria.reduce((s, k) => s.plus(k.delta ?? 0), new Decimal(0));
          expect(sum.eq(u.delta as Decimal)).toBe(true);
          const sign = (k: (typeof u.criteria)[number]) => (k.delta as Decimal).cmp(0);
          expect(u.criteria.every((k) => (k.status === 'improved') === sign(k) > 0 && (k.status === 'declined') === sign(k) < 0)).toBe(
            true,
          );
        }
      }),
      { numRuns: 40 },
    );
  });
});
