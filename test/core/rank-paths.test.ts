/**
 * rankValues (src/core/rank.ts) is one sort at the scoring precision. Until issue #17 it had three
 * paths chosen by the values, and these cases still cover each kind of input they took:
 * - values close together, every one a whole number of thousandths — totals and area scores;
 * - whole numbers of thousandths spread out;
 * - any value with more than 3 decimals (a sum in binary floating point) — rounded half up to 3
 *   decimals first.
 * Expected ranks are written out, for both tie rules.
 */
import Decimal from 'decimal.js';
import { rankValues, TIE_RULES } from '../../src/core/rank';

const d = (xs: readonly (number | string | null)[]) => xs.map((x) => (x === null ? null : new Decimal(x)));

type Case = [string, readonly (number | string | null)[], readonly (number | null)[], readonly (number | null)[]];

describe('rankValues, counting path (values close together)', () => {
  it.each<Case>([
    // [what, values, competition ranks, dense ranks]
    ['ties in the middle', [80.21, 80.215, 80.215, 80.2, null, 80.22], [4, 2, 2, 5, null, 1], [3, 2, 2, 4, null, 1]],
    ['one value', [80.21], [1], [1]],
    ['all equal', [75.5, 75.5, 75.5], [1, 1, 1], [1, 1, 1]],
    ['two values one thousandth apart', [90.001, 90], [1, 2], [1, 2]],
    ['ties at the top and the bottom', [7, 7.005, 7.005, 7, 7.003], [4, 1, 1, 4, 3], [3, 1, 1, 3, 2]],
    ['negative values (penalties)', [-0.005, -0.002, -0.002, 0, null], [4, 2, 2, 1, null], [3, 2, 2, 1, null]],
    ['nulls first and last', [null, 1.5, 1.502, 1.5, null], [null, 2, 1, 2, null], [null, 2, 1, 2, null]],
  ])('%s', (_what, values, competition, dense) => {
    expect(rankValues(d(values), 'competition')).toEqual(competition);
    expect(rankValues(d(values), 'dense')).toEqual(dense);
  });
});

describe('rankValues, sorted path (values spread out)', () => {
  it.each<Case>([
    ['ties in the middle', [91.25, 86.75, 86.75, 85.125], [1, 2, 2, 4], [1, 2, 2, 3]],
    ['with a null', [80, null, 90], [2, null, 1], [2, null, 1]],
    ['two values', [10, 90], [2, 1], [2, 1]],
    ['ties at the top', [99, 50, 99, 20], [1, 3, 1, 4], [1, 2, 1, 3]],
    ['ties at the bottom', [99, 20, 50, 20, 20], [1, 3, 2, 3, 3], [1, 3, 2, 3, 3]],
    ['seven values, ties in several places', [60, 95.5, 70.25, 95.5, 60, 81, 70.25], [6, 1, 4, 1, 6, 3, 4], [4, 1, 3, 1, 4, 2, 3]],
    ['negative and positive', [-10, 10, 0, -10], [3, 1, 2, 3], [3, 1, 2, 3]],
    ['a value far from the rest (a range no counting array could hold)', [5000000, 0, 2.5], [1, 3, 2], [1, 3, 2]],
  ])('%s', (_what, values, competition, dense) => {
    expect(rankValues(d(values), 'competition')).toEqual(competition);
    expect(rankValues(d(values), 'dense')).toEqual(dense);
  });
});

describe('rankValues, decimal path (more than 3 decimals)', () => {
  it.each<Case>([
    // 80.2104 and 80.2096 are 80.210 at the scoring precision: a tie with 80.21.
    [
      'ties decided at 3 decimals',
      [80.2104, 80.21, 80.2096, 90.12345, null, 79.5, 79.5],
      [2, 2, 2, 1, null, 5, 5],
      [2, 2, 2, 1, null, 3, 3],
    ],
    // Half up: 85.1255 → 85.126 (above 85.1254 → 85.125).
    ['rounded half up', ['85.1255', '85.1254', '85.126'], [1, 3, 1], [1, 2, 1]],
    ['one value', ['70.0001'], [1], [1]],
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
    ['a binary floating point sum', [0.1 + 0.2, '0.3', '0.5'], [2, 2, 1], [2, 2, 1]],
  ])('%s', (_what, values, competition, dense) => {
    expect(rankValues(d(values), 'competition')).toEqual(competition);
    expect(rankValues(d(values), 'dense')).toEqual(dense);
  });
});

describe('rankValues, edge cases', () => {
  it.each(TIE_RULES)('no values (%s)', (rule) => {
    expect(rankValues([], rule)).toEqual([]);
  });

  it.each(TIE_RULES)('only nulls (%s)', (rule) => {
    expect(rankValues([null, null], rule)).toEqual([null, null]);
  });

  it('ranks by competition when no rule is given', () => {
    expect(rankValues(d([80.21, 80.215, 80.215, 80.2]))).toEqual([3, 1, 1, 4]);
    expect(rankValues(d([91.25, 86.75, 86.75, 85.125]))).toEqual([1, 2, 2, 4]);
    expect(rankValues(d([80.2104, 80.21, 79, 79]))).toEqual([1, 1, 3, 3]);
  });

  it('offers exactly the two tie rules', () => {
    expect(TIE_RULES).toEqual(['competition', 'dense']);
  });
});

/** Whole numbers of thousandths are compared as integers: no Decimal rounding. */
describe('rankValues compares whole thousandths as integers', () => {
  afterEach(() => jest.restoreAllMocks());

  it('ranks whole thousandths without Decimal rounding', () => {
    const round = jest.spyOn(Decimal.prototype, 'toDecimalPlaces');
    expect(rankValues(d([91.25, 86.75, 86.75, 85.125]))).toEqual([1, 2, 2, 4]);
    expect(rankValues(d([80.21, 80.215, null]), 'dense')).toEqual([2, 1, null]);
    expect(round).not.toHaveBeenCalled();
    expect(rankValues(d(['80.2104', '80.21']))).toEqual([1, 1]);
    expect(round).toHaveBeenCalled();
  });
});
