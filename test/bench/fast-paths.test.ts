/**
 * The engine's performance fast paths (see docs/benchmarks.md) give exactly what the general
 * Decimal and parser paths give: checked against those paths on many generated values.
 */
import Decimal from 'decimal.js';
import { formatNumber, jsonNumber } from '../../src/core/format';
import { rankValues } from '../../src/core/rank';
import { flatSumRows, parseSumFormula } from '../../src/core/rules/formula';
import { addScores, compareScores, decimalOf, milliDecimal, milliOf, sameScore, subScores } from '../../src/core/scores';
import { Prng } from '../../src/samples';

const rng = new Prng(20251127);
/** A Decimal made the slow way (never tagged by the fast path before use). */
const slow = (n: number) => new Decimal(Number(n.toPrecision(15)).toString());

function sampleNumbers(count: number): number[] {
  const out: number[] = [
    0,
    -0,
    0.001,
    -0.001,
    0.25,
    1e12,
    -1e12,
    999999999999.999,
    9.605000000000002,
    0.1 + 0.2,
    80.21,
    1 / 3,
    1e-7,
    123.4567,
    1e15,
    NaN,
  ];
  for (let i = 0; i < count; i++) {
    const kind = rng.int(0, 3);
    if (kind === 0) out.push(rng.int(-100000, 100000) / 1000);
    else if (kind === 1) out.push(rng.int(0, 400) * 0.25);
    else if (kind === 2)
      out.push((rng.int(0, 1000) / 1000) * rng.int(1, 9) + rng.int(0, 9) * 0.1); // float noise
    else out.push((rng.next() - 0.5) * 10 ** rng.int(-3, 13));
  }
  return out;
}

describe('exact fast paths', () => {
  const numbers = sampleNumbers(4000);

  test('decimalOf: the same value and representation as the 15-digit string path', () => {
    for (const n of numbers) {
      const fast = decimalOf(n);
      const ref = slow(n);
      expect(fast.isNaN() ? 'NaN' : fast.toString()).toBe(ref.isNaN() ? 'NaN' : ref.toString());
      if (!ref.isNaN()) expect({ s: fast.s, e: fast.e, d: fast.d }).toEqual({ s: ref.s, e: ref.e, d: ref.d });
    }
  });

  test('sums, differences, comparisons and rounding agree with Decimal arithmetic', () => {
    const ds = numbers.filter((n) => Number.isFinite(n) && Math.abs(n) < 1e12).map(decimalOf);
    for (let i = 0; i + 1 < ds.length; i++) {
      const [a, b] = [ds[i], ds[i + 1]];
      const [ra, rb] = [new Decimal(a.toString()), new Decimal(b.toString())];
      expect(addScores(a, b).eq(ra.plus(rb))).toBe(true);
      expect(subScores(a, b).eq(ra.minus(rb))).toBe(true);
      const round = (d: Decimal) => d.toDecimalPlaces(3, Decimal.ROUND_HALF_UP);
      expect(compareScores(a, b)).toBe(round(ra).comparedTo(round(rb)));
      expect(sameScore(a, b)).toBe(round(ra).eq(round(rb)));
      expect(jsonNumber(a)).toBe(round(ra).toNumber());
      for (const decimals of [0, 1, 2, 3]) {
        const ref = ra
          .toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP)
          .toFixed(decimals)
          .replace(/(\.\d*?)0+$/, '$1')
          .replace(/\.$/, '');
        expect(formatNumber(a, 'en', decimals)).toBe(ref === '-0' ? '0' : ref);
      }
    }
  });

  test('milliOf reads Decimals made elsewhere; milliDecimal is shared and immutable', () => {
    expect(milliOf(new Decimal('1.25'))).toBe(1250);
    expect(milliOf(new Decimal('1.2345'))).toBeUndefined();
    expect(milliDecimal(1250)).toBe(milliDecimal(1250));
    expect(milliDecimal(1250).toString()).toBe('1.25');
    expect(Object.keys(milliDecimal(1250))).toEqual(Object.keys(new Decimal('1.25')));
  });

  test('ranks of tagged values equal ranks of the same values as untagged Decimals', () => {
    for (let round = 0; round < 50; round++) {
      const values = Array.from({ length: rng.int(1, 40) }, () => (rng.chance(0.1) ? null : rng.int(0, 40) * 0.25 + rng.int(0, 2) / 1000));
      for (const rule of ['competition', 'dense'] as const) {
        const fast = rankValues(
          values.map((v) => (v === null ? null : decimalOf(v))),
          rule,
        );
        // Reference: the Decimal path (a value with a 4th decimal forces it for the whole list).
        const ref = rankValues([...values.map((v) => (v === null ? null : new Decimal(String(v)))), new Decimal('-1.0001')], rule).slice(
          0,
          values.length,
        );
        expect(fast).toEqual(ref);
      }
    }
  });
});

describe('flat SUM formula scanner', () => {
  const reference = (f: string, col: number): string | null => {
    const ranges = parseSumFormula(f);
    if (!ranges || ranges.length === 0) return null;
    if (ranges.some((r) => r.left !== col || r.right !== col)) return null;
    const rows = new Set<number>();
    for (const r of ranges) {
      if (r.bottom - r.top > 10000) return null;
      for (let x = r.top; x <= r.bottom; x++) rows.add(x);
    }
    return [...rows].sort((a, b) => a - b).join(',');
  };
  const pieces = ['D9', '$D$10', 'd11', 'E12', 'D9:D12', 'D$20:$D14', 'D1:D20000', 'AB3', ' D5 '];
  const seps = ['+', ',', '-', ':', ' + ', ')', '('];

  test('gives the parser’s rows (or declines to answer) for generated formulas', () => {
    const formulas = ['SUM(D9+D10)', '=SUM(D9,D10)', 'D9+D10', 'SUM(D9)+D10', 'SUM((D9))', 'SUM()', 'D0'];
    for (let i = 0; i < 3000; i++) {
      let f = rng.chance(0.6) ? (rng.chance(0.5) ? 'SUM(' : '=SUM( ') : '';
      const n = rng.int(1, 4);
      for (let k = 0; k < n; k++) {
        if (k > 0) f += seps[rng.int(0, rng.chance(0.8) ? 1 : seps.length - 1)];
        f += pieces[rng.int(0, pieces.length - 1)];
      }
      if (f.includes('SUM(') && rng.chance(0.9)) f += ')';
      formulas.push(f);
    }
    for (const f of formulas) {
      for (const col of [4, 5, 28]) {
        const fast = flatSumRows(f, col);
        if (fast === undefined) continue; // the general path decides
        const got = fast === null ? null : [...new Set(fast)].sort((a, b) => a - b).join(',');
        expect([f, col, got]).toEqual([f, col, reference(f, col)]);
      }
    }
  });
});
