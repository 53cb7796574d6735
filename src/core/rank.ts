/**
 * Ranking within a group. No official tie rule exists (docs/domain.md): equal totals share a rank.
 * Competition ranking (1, 2, 2, 4) is Excel's RANK.EQ; dense ranking (1, 2, 2, 3) is offered too.
 * Equality is decided at the scoring precision, never by binary floating point.
 */
import Decimal from 'decimal.js';
import { SCORE_DECIMALS, milliOf } from './scores';

export type TieRule = 'competition' | 'dense';
export const TIE_RULES: readonly TieRule[] = ['competition', 'dense'];

/** Ranks, highest value first; null values get a null rank and do not count. */
export function rankValues(values: readonly (Decimal | null)[], rule: TieRule = 'competition'): (number | null)[] {
  const fast = rankMillis(values, rule);
  if (fast) return fast;
  const rounded = values.map((v) => (v === null ? null : v.toDecimalPlaces(SCORE_DECIMALS, Decimal.ROUND_HALF_UP)));
  const present = rounded.filter((v): v is Decimal => v !== null).sort((a, b) => b.comparedTo(a));
  // One pass over the sorted values gives both ranks for each distinct value (linear after the sort).
  const competition = new Map<string, number>();
  const dense = new Map<string, number>();
  present.forEach((v, i) => {
    const key = v.toFixed(SCORE_DECIMALS);
    if (!competition.has(key)) {
      competition.set(key, i + 1);
      dense.set(key, dense.size + 1);
    }
  });
  return rounded.map((v) => {
    if (v === null) return null;
    const key = v.toFixed(SCORE_DECIMALS);
    return (rule === 'dense' ? dense.get(key) : competition.get(key)) ?? null;
  });
}

/**
 * Performance (bench/: ranks are taken per table and per area): when every value is a whole
 * number of thousandths, rank the integers (same result as above, without Decimal rounding,
 * sorting and string keys). Null when a value is not such a number.
 */
function rankMillis(values: readonly (Decimal | null)[], rule: TieRule): (number | null)[] | null {
  const n = values.length;
  // NaN marks a null value (a whole number of thousandths is never NaN).
  const millis = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null) millis[i] = NaN;
    else {
      const m = milliOf(v);
      if (m === undefined) return null;
      millis[i] = m;
      count++;
    }
  }
  const out: (number | null)[] = new Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const m = millis[i];
    if (m < min) min = m;
    if (m > max) max = m;
  }
  const range = max - min + 1;
  if (count > 0 && range <= count * 16) {
    // Values close together (totals, area scores): per value, how many values (competition) or
    // distinct values (dense) are above it, by counting — no sort.
    const above = new Int32Array(range);
    for (let i = 0; i < n; i++) if (!Number.isNaN(millis[i])) above[millis[i] - min]++;
    let sum = 0;
    for (let v = range - 1; v >= 0; v--) {
      const c = above[v];
      above[v] = sum;
      sum += rule === 'dense' ? (c > 0 ? 1 : 0) : c;
    }
    for (let i = 0; i < n; i++) out[i] = Number.isNaN(millis[i]) ? null : above[millis[i] - min] + 1;
    return out;
  }
  // Otherwise the present values in ascending order (a typed array sorts numerically, without a
  // callback), and per position the number of distinct values above it.
  const sorted = new Float64Array(count);
  for (let i = 0, k = 0; i < n; i++) if (!Number.isNaN(millis[i])) sorted[k++] = millis[i];
  sorted.sort();
  const distinctAbove = rule === 'dense' ? new Float64Array(count) : null;
  if (distinctAbove) for (let k = count - 2; k >= 0; k--) distinctAbove[k] = distinctAbove[k + 1] + (sorted[k] !== sorted[k + 1] ? 1 : 0);
  for (let i = 0; i < n; i++) {
    const m = millis[i];
    if (Number.isNaN(m)) {
      out[i] = null;
      continue;
    }
    // First position holding a value greater than m: competition rank = 1 + values above m.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] > m) hi = mid;
      else lo = mid + 1;
    }
    out[i] = distinctAbove ? distinctAbove[lo - 1] + 1 : count - lo + 1;
  }
  return out;
}
