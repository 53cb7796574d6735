import Decimal from 'decimal.js';
import fc from 'fast-check';
import { rankValues } from '../../src/core/rank';

const d = (xs: (number | string | null)[]) => xs.map((x) => (x === null ? null : new Decimal(x)));

describe('rankValues', () => {
  it.each([
    ['competition', [91.25, 86.75, 86.75, 85.125], [1, 2, 2, 4]],
    ['dense', [91.25, 86.75, 86.75, 85.125], [1, 2, 2, 3]],
    ['competition', [80, null, 90], [2, null, 1]],
  ] as const)('%s ranking of %j is %j', (rule, values, ranks) => {
    expect(rankValues(d([...values]), rule)).toEqual(ranks);
  });

  it('ties values equal at 3 decimals however they were summed', () => {
    // 0.1 + 0.2 in binary floating point is 0.30000000000000004.
    const floatSum = new Decimal(0.1 + 0.2).plus(80.21 - 0.3);
    expect(rankValues([floatSum, new Decimal('80.21')])).toEqual([1, 1]);
  });

  it('agrees with RANK.EQ semantics: rank = 1 + count of strictly greater values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100000 }), { minLength: 1, maxLength: 60 }), (thousandths) => {
        const values = thousandths.map((t) => new Decimal(t).div(1000));
        const ranks = rankValues(values, 'competition');
        values.forEach((v, i) => {
          expect(ranks[i]).toBe(1 + values.filter((w) => w.gt(v)).length);
        });
        const dense = rankValues(values, 'dense');
        values.forEach((v, i) => {
          expect(dense[i]).toBe(1 + new Set(values.filter((w) => w.gt(v)).map((w) => w.toString())).size);
        });
      }),
    );
  });
});
