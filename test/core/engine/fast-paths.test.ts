/**
 * The engine's per-unit fast paths (performance, bench/; see docs/benchmarks.md) give exactly what
 * the general paths give: ranks by counting and by sorting against the Decimal path, the paged
 * cache of shared score values, the results' lazy index, the comparison sheet's differences and
 * the declined-criteria sentence; the headlines made on demand, the shared cell contents and
 * numbers formatted from their thousandths.
 */
import Decimal from 'decimal.js';
import { compareYears, planComparison } from '../../../src/core/compare';
import { analyzeWorkbook, rankTable } from '../../../src/core/engine';
import { formatNumber, jsonNumber, twoDigits } from '../../../src/core/format';
import { declinedSentence, headlineSentence, narrativeContext } from '../../../src/core/narrative';
import { EMPTY, formula, num, SharedContents } from '../../../src/core/plan';
import { rankValues } from '../../../src/core/rank';
import { decimalOf, milliDecimal, milliOf, scoreNumber, subScores } from '../../../src/core/scores';
import { indexOf, type SeriesResult } from '../../../src/core/totals';
import { Prng } from '../../../src/samples';
import { consolidation, SMALL_SET } from '../compare/helpers';

const rng = new Prng(20261127);

/** The Decimal path of rankValues: a value with a 4th decimal (below all others) forces it for the whole list. */
function referenceRanks(values: (number | null)[], rule: 'competition' | 'dense'): (number | null)[] {
  const decimals = values.map((v) => (v === null ? null : new Decimal(String(v))));
  return rankValues([...decimals, new Decimal('-10000000000000.0001')], rule).slice(0, values.length);
}

describe('ranks of whole thousandths', () => {
  test.each([
    ['close values (counting)', 1, 30],
    ['a wide range (sorting)', 10 ** 6, 10 ** 9],
    ['huge values (sorting)', 10 ** 9, 10 ** 12],
  ])('%s: the same ranks as the Decimal path', (_name, lo, hi) => {
    for (let round = 0; round < 40; round++) {
      const n = rng.int(1, round < 20 ? 60 : 3000);
      const pool = Array.from({ length: rng.int(1, 12) }, () => rng.int(-lo, hi));
      const values = Array.from({ length: n }, () => {
        if (rng.chance(0.1)) return null;
        // Many ties (values drawn from a small pool), and distinct ones.
        const m = rng.chance(0.5) ? pool[rng.int(0, pool.length - 1)] : rng.int(-lo, hi);
        return m / 1000;
      });
      for (const rule of ['competition', 'dense'] as const) {
        const fast = rankValues(
          values.map((v) => (v === null ? null : decimalOf(v))),
          rule,
        );
        expect(fast).toEqual(referenceRanks(values, rule));
      }
    }
  });

  test('all null, one value, negative zero', () => {
    expect(rankValues([null, null])).toEqual([null, null]);
    expect(rankValues([decimalOf(5)], 'dense')).toEqual([1]);
    expect(rankValues([decimalOf(-0), decimalOf(0), null, decimalOf(-0.001)])).toEqual([1, 1, null, 3]);
    expect(rankValues([decimalOf(-0), decimalOf(0), null, decimalOf(-0.001)], 'dense')).toEqual([1, 1, null, 2]);
  });
});

describe('shared score values', () => {
  test('one immutable instance per value, inside and outside the paged range', () => {
    const edges = [0, 1, -1, 2 ** 21 - 1, -(2 ** 21), 2 ** 21, -(2 ** 21) - 1, 123456789, -987654321012, 10 ** 15];
    for (const m of [...edges, ...Array.from({ length: 2000 }, () => rng.int(-3e6, 3e6))]) {
      const d = milliDecimal(m);
      expect(d).toBe(milliDecimal(m));
      expect(milliOf(d)).toBe(m === 0 ? 0 : m);
      expect(d.eq(new Decimal(m).div(1000))).toBe(true);
    }
    expect(milliDecimal(-0)).toBe(milliDecimal(0));
    expect(Object.is(milliOf(milliDecimal(-0)), 0)).toBe(true);
  });
});

describe('results of a table', () => {
  const wb = consolidation({
    year: 2025,
    units: ['Xã A', 'Xã B', 'Xã C'],
    criteria: SMALL_SET,
    scores: [
      [1, 2, 1.5, 3, 2],
      [0.5, 1.25, 2, 2.0005, 1],
      [null, null, null, null, null],
    ],
  });
  const result = analyzeWorkbook(wb).results[0];

  test('results are plain data: the index a plain property, an area index worked out where shown', () => {
    for (const s of result.series) {
      expect(Object.keys(s)).toEqual([
        'series',
        'values',
        'scoredLeaves',
        'leaves',
        'areas',
        'bonus',
        'penalty',
        'total',
        'max',
        'index',
        'filled',
      ]);
      const expected = indexOf(s.total, s.max);
      expect(s.index === null ? null : s.index.toString()).toBe(expected === null ? null : expected.toString());
      expect(s.index).toBe(s.index);
      expect({ ...s }.index).toBe(s.index);
      expect(Object.getOwnPropertySymbols(s).filter((k) => Object.getOwnPropertyDescriptor(s, k)?.enumerable)).toEqual([]);
      for (const a of s.areas) expect(Object.keys(a)).toEqual(['criterion', 'score', 'max']);
    }
  });

  test("max is the sum of the areas' maxima; a frozen result still reads its index", () => {
    for (const s of result.series) expect(s.max.toString()).toBe('10');
    const frozen = Object.freeze({ ...result.series[0] }) as SeriesResult;
    expect(String(frozen.index)).toBe(String(result.series[0].index));
    const copy = Object.freeze(
      Object.create(Object.getPrototypeOf(result.series[1]), Object.getOwnPropertyDescriptors(result.series[1])),
    ) as SeriesResult;
    expect(String(copy.index)).toBe(String(indexOf(result.series[1].total, result.series[1].max)));
  });

  test('rankTable: per-area ranks as a map in area order', () => {
    const ranked = rankTable(result);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, null]);
    expect(ranked.map((r) => [...r.areaRanks.entries()])).toEqual([
      [
        ['1', 1],
        ['2', 1],
      ],
      [
        ['1', 2],
        ['2', 2],
      ],
      [
        ['1', null],
        ['2', null],
      ],
    ]);
  });
});

test('formula contents: keys in the same order whatever is given', () => {
  expect(Object.keys(formula('A1', 1, '0'))).toEqual(['kind', 'formula', 'cached', 'numberFormat']);
  expect(Object.keys(formula('=A1', 1))).toEqual(['kind', 'formula', 'cached']);
  expect(Object.keys(formula('A1', undefined, '0'))).toEqual(['kind', 'formula', 'numberFormat']);
  expect(formula('A1')).toEqual({ kind: 'formula', formula: '=A1' });
});

describe('comparison of two years with values off the thousandths', () => {
  const scores = (k: number) =>
    Array.from({ length: 3 }, () =>
      Array.from({ length: 5 }, () => (rng.chance(0.1) ? null : rng.int(0, 2000) / 1000 + (rng.chance(0.3) ? k * 0.0001 : 0))),
    );
  const units = ['Xã A', 'Xã B', 'Xã C'];
  const current = analyzeWorkbook(consolidation({ year: 2025, units, criteria: SMALL_SET, scores: scores(3) })).results[0];
  const prior = analyzeWorkbook(consolidation({ year: 2024, units, criteria: SMALL_SET, scores: scores(7) })).results[0];
  const c = compareYears({ table: current.table, result: current }, { table: prior.table, result: prior });

  test("the criteria table's differences are the exact differences, rounded for storage", () => {
    const rows = planComparison(c, 'en').sheet.rows;
    let checked = 0;
    for (const row of rows) {
      const g = row[6];
      if (row.length < 8 || g?.kind !== 'formula' || !/^=F\d+-E\d+$/.test(g.formula)) continue;
      const [e, f] = [row[4], row[5]];
      if (e.kind !== 'number' || f.kind !== 'number') throw new Error('scores expected');
      const unit = c.units.find((u) => u.unit === (row[0] as { value: string }).value)!;
      const entry = [...unit.criteria, ...unit.areas.map((a) => ({ ...a, score: a.score }))].find(
        (x) => x.score !== null && x.prior !== null && jsonNumber(x.score) === f.value && jsonNumber(x.prior) === e.value,
      )!;
      expect(g.cached).toBe(jsonNumber(subScores(entry.score as Decimal, entry.prior as Decimal)));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  test("declined sentence: few declines are named in the form's order, many by size", () => {
    const ctx = narrativeContext(c, 1);
    for (const u of c.units) {
      const declined = u.criteria.filter((x) => x.status === 'declined');
      const s = declinedSentence(u, ctx, 'en');
      if (declined.length === 0) expect(s).toBeNull();
      else expect(s).toContain(declined.length > 1 ? `and ${declined.length - 1} other` : 'Declined criterion:');
    }
  });
});

describe('shared cell contents', () => {
  test('score(d) is num(scoreNumber(d)) and num(v, format) is num(v, format), each one object per value', () => {
    const cells = new SharedContents();
    const millis = [
      0,
      1,
      999,
      1000,
      2 ** 20 - 1,
      2 ** 20,
      2 ** 20 + 1,
      -1,
      -1000,
      10 ** 12,
      ...Array.from({ length: 3000 }, () => rng.int(-2e6, 2e6)),
    ];
    for (const m of millis) {
      const d = milliDecimal(m);
      expect(cells.score(d)).toEqual(num(scoreNumber(d)));
      expect(cells.score(d)).toBe(cells.score(d));
      for (const v of [m, m / 1000]) {
        expect(cells.num(v)).toEqual(num(v));
        expect(cells.num(v, '0.00')).toEqual(num(v, '0.00'));
        expect(cells.num(v)).toBe(cells.num(v));
      }
    }
    for (const d of [new Decimal('1.2345'), new Decimal('-0.0004'), new Decimal('1e20')])
      expect(cells.score(d)).toEqual(num(scoreNumber(d)));
    expect(Object.is((cells.num(-0) as { value: number }).value, -0)).toBe(true);
    expect(cells.score(null)).toBe(EMPTY);
    expect(cells.num(null)).toBe(EMPTY);
  });
});

describe('numbers formatted from their thousandths', () => {
  test('the same text as the Decimal path, every precision and locale', () => {
    const millis = [
      0,
      1,
      4,
      5,
      9,
      10,
      50,
      99,
      100,
      499,
      500,
      999,
      1000,
      1005,
      83550,
      -4042,
      -5,
      -4,
      ...Array.from({ length: 3000 }, () => rng.int(-2e7, 2e7)),
    ];
    for (const m of millis)
      for (const decimals of [0, 1, 2, 3])
        for (const locale of ['vi', 'en'] as const) {
          // A string takes the Decimal path; a shared Decimal the integer one.
          expect(formatNumber(milliDecimal(m), locale, decimals)).toBe(formatNumber(new Decimal(m).div(1000).toFixed(), locale, decimals));
        }
  });
});

describe('headlines of a comparison, made when read', () => {
  const units = ['Xã A', 'Xã B', 'Xã C'];
  const scores = () => Array.from({ length: 3 }, () => Array.from({ length: 5 }, () => (rng.chance(0.1) ? null : rng.int(0, 2000) / 1000)));
  const current = analyzeWorkbook(consolidation({ year: 2025, units, criteria: SMALL_SET, scores: scores() })).results[0];
  const prior = analyzeWorkbook(consolidation({ year: 2024, units: ['Xã A', 'Xã C', 'Xã E'], criteria: SMALL_SET, scores: scores() }))
    .results[0];
  const c = compareYears({ table: current.table, result: current }, { table: prior.table, result: prior });
  const ctx = narrativeContext(c);

  test('the sentences headlineSentence gives, as own enumerable texts seen by JSON, spreads and equality', () => {
    for (const u of c.units) {
      const expected = { vi: headlineSentence(u, ctx, 'vi'), en: headlineSentence(u, ctx, 'en') };
      expect(Object.keys(u.summary)).toEqual(['vi', 'en']);
      expect(u.summary).toEqual(expected);
      expect({ ...u.summary }).toEqual(expected);
      expect(JSON.parse(JSON.stringify(u.summary))).toEqual(expected);
      expect(Object.getOwnPropertySymbols(u.summary).filter((k) => Object.getOwnPropertyDescriptor(u.summary, k)?.enumerable)).toEqual([]);
      expect(u.summary.vi).toBe(u.summary.vi);
    }
  });

  test('a headline can be replaced, as in the plain object', () => {
    const u = c.units[0];
    u.summary.en = 'Replaced.';
    expect(u.summary.en).toBe('Replaced.');
    expect(u.summary.vi).toBe(headlineSentence(u, ctx, 'vi'));
  });

  test('headlines of other contexts in between do not change them (the shared phrases follow the context)', () => {
    const other = { year: 2030, priorYear: 2029, groupNoun: 'huyện, thành phố' };
    for (const u of c.units.slice(1)) {
      const fresh = headlineSentence(u, other, 'vi');
      expect(fresh).toContain('năm 2029');
      expect(headlineSentence(u, ctx, 'vi')).not.toContain('2029');
      expect(headlineSentence({ ...u, of: u.of + 1 }, ctx, 'en')).toContain(`of ${twoDigits(u.of + 1)} `);
      expect(headlineSentence(u, ctx, 'en')).toContain(`of ${twoDigits(u.of)} `);
    }
  });
});
