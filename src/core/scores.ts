/**
 * Reading a score (or maximum) cell exactly. Excel stores doubles; the engine works in decimals
 * taken at Excel's 15 significant digits, so a cached 9.605000000000002 reads as 9.605.
 */
import Decimal from 'decimal.js';
import type { Cell } from './snapshot';
import { cleanText } from './text';

/** Scores are compared at this many decimals (survey points carry up to 3). */
export const SCORE_DECIMALS = 3;

export type ScoreReading =
  | { kind: 'number'; value: Decimal }
  | { kind: 'empty' }
  /** Text that reads as a number ("0,5", "1.25"): Excel's SUM ignores it. */
  | { kind: 'text-number'; text: string; meant: Decimal }
  | { kind: 'text'; text: string }
  | { kind: 'error'; text: string }
  /** A date where a score was meant: "1.5" typed in a Vietnamese-locale Excel becomes 1 May. */
  | { kind: 'date'; text: string; meant: string }
  | { kind: 'boolean'; value: boolean };

export function decimalOf(n: number): Decimal {
  // Performance (bench/): nearly every score is a whole number of thousandths; those are shared,
  // pre-tagged instances (see milliDecimal) instead of a string round trip and a new Decimal per cell.
  const m = numberMilli(n);
  if (!Number.isNaN(m)) return milliDecimal(m);
  return new Decimal(Number(n.toPrecision(15)).toString());
}

/**
 * A cell's number (read at Excel's 15 significant digits, as decimalOf does) in thousandths, or NaN
 * when it is not a whole number of them. m / 1000 === n means n is the double nearest to the
 * decimal m/1000, so its 15-digit form is exactly that decimal (|m| ≤ 10^15).
 */
export function numberMilli(n: number): number {
  let m = Math.round(n * 1000);
  if (m / 1000 === n && Math.abs(m) <= MAX_MILLI) return m === 0 ? 0 : m;
  const v = Number(n.toPrecision(15));
  m = Math.round(v * 1000);
  // (m is not 0 here: a number that reads as 0 passed the first test.)
  if (m / 1000 === v && Math.abs(m) <= MAX_MILLI) return m;
  return NaN;
}

// ---------------------------------------------------------------------------------------------
// Fast exact arithmetic on scores (performance; see bench/ and docs/benchmarks.md).
//
// Scores, maxima and their sums are whole numbers of thousandths ("milli") in practice. Decimal
// arithmetic costs about a microsecond per operation, which made the engine slower than reading
// the file. A Decimal that holds a whole number of thousandths is tagged with that integer, and
// the helpers below add, compare and round tagged values as integers (exact: |milli| ≤ 10^15 is
// far inside 2^53), falling back to Decimal arithmetic for anything else. Results are ordinary
// Decimal instances (shared per value, immutable), so every caller keeps working with Decimal.

const MILLI = Symbol('par-scorecard.milli');
type Tagged = Decimal & { [MILLI]?: number };
/** Largest |milli| handled as an integer (10^12 points): sums of two stay exact doubles. */
const MAX_MILLI = 1e15;
/**
 * The one module-level memo of src/core, a speed device kept on measure (issue #17): interning the
 * Decimal of each thousandths value saves ~0.8 s of CPU per `compare` at 1000×150 (engine 0.5 → 1.3 s
 * without it; ~45 % of the command). It holds immutable values only: results are equal either way.
 * Small values (|m| < 2^21: every score, total and difference) sit in pages of a plain array, read
 * without hashing; others in the Map. Bounded: past CACHE_LIMIT values it starts again.
 */
// eslint-disable-next-line no-restricted-syntax -- the interning memo described above
const INTERNED = { pages: [] as (Decimal | undefined)[][], byMilli: new Map<number, Decimal>(), count: 0 };
const CACHE_LIMIT = 1 << 18;
const PAGE_BITS = 10;
const PAGE_MASK = (1 << PAGE_BITS) - 1;
const PAGED_OFFSET = 1 << 21;
const PAGED_RANGE = 1 << 22;

function tag(d: Decimal, m: number): void {
  // Non-enumerable: invisible to JSON, equality checks and object spreads.
  Object.defineProperty(d, MILLI, { value: m, enumerable: false, writable: false });
}

/** The shared Decimal for a whole number of thousandths (m is an integer, |m| ≤ 10^15). */
export function milliDecimal(m: number): Decimal {
  const k = m + PAGED_OFFSET;
  if (k >= 0 && k < PAGED_RANGE && (k | 0) === k) {
    const page = (INTERNED.pages[k >>> PAGE_BITS] ??= new Array<Decimal | undefined>(1 << PAGE_BITS).fill(undefined));
    const d = page[k & PAGE_MASK];
    return d !== undefined ? d : (page[k & PAGE_MASK] = makeMilli(m));
  }
  // (0 and -0 are paged above: the Map never sees a zero.)
  let d = INTERNED.byMilli.get(m);
  if (d === undefined) {
    d = makeMilli(m);
    INTERNED.byMilli.set(m, d);
  }
  return d;
}

function makeMilli(m: number): Decimal {
  if (++INTERNED.count > CACHE_LIMIT) {
    // Start again (instances handed out stay valid, they are only no longer shared).
    INTERNED.byMilli.clear();
    INTERNED.pages.length = 0;
    INTERNED.count = 1;
  }
  const key = m === 0 ? 0 : m;
  // key / 1000 prints as the shortest decimal that round-trips, i.e. exactly the thousandths.
  const d = new Decimal((key / 1000).toString());
  tag(d, key);
  return d;
}

/** The value in thousandths when it is a whole number of them (|value| ≤ 10^12), else undefined. */
export function milliOf(d: Decimal): number | undefined {
  const known = (d as Tagged)[MILLI];
  if (known !== undefined) return Number.isNaN(known) ? undefined : known;
  // A Decimal made elsewhere (new Decimal('1.5'), a Decimal sum): work it out once and remember.
  let m = NaN;
  if (d.isFinite() && d.decimalPlaces() <= SCORE_DECIMALS && d.abs().lte(MAX_MILLI / 1000)) m = d.times(1000).toNumber();
  if (Object.isExtensible(d)) tag(d, m === 0 ? 0 : m);
  return Number.isNaN(m) ? undefined : m;
}

/** d > 0, by the integer path when d is a whole number of thousandths (no Decimal made for the 0). */
export function isPositiveScore(d: Decimal): boolean {
  const m = milliOf(d);
  return m !== undefined ? m > 0 : d.gt(0);
}

/** a + b, exactly. */
export function addScores(a: Decimal, b: Decimal): Decimal {
  const ma = milliOf(a);
  const mb = milliOf(b);
  if (ma !== undefined && mb !== undefined && Math.abs(ma + mb) <= MAX_MILLI) return milliDecimal(ma + mb);
  return a.plus(b);
}

/** a − b, exactly. */
export function subScores(a: Decimal, b: Decimal): Decimal {
  const ma = milliOf(a);
  const mb = milliOf(b);
  if (ma !== undefined && mb !== undefined && Math.abs(ma - mb) <= MAX_MILLI) return milliDecimal(ma - mb);
  return a.minus(b);
}

/** |a|. */
export function absScore(a: Decimal): Decimal {
  const m = milliOf(a);
  return m !== undefined ? milliDecimal(Math.abs(m)) : a.abs();
}

/** The value rounded half up to the scoring precision (3 decimals). */
export function roundScore(d: Decimal): Decimal {
  return milliOf(d) !== undefined ? d : d.toDecimalPlaces(SCORE_DECIMALS, Decimal.ROUND_HALF_UP);
}

/** −1, 0 or 1: a against b at the scoring precision. */
export function compareScores(a: Decimal, b: Decimal): number {
  const ma = milliOf(a);
  const mb = milliOf(b);
  if (ma !== undefined && mb !== undefined) return ma === mb ? 0 : ma < mb ? -1 : 1;
  return roundScore(a).comparedTo(roundScore(b));
}

/** −1, 0 or 1: a against b exactly (no rounding), like a.comparedTo(b) for finite values. */
export function compareExact(a: Decimal, b: Decimal): number {
  const ma = milliOf(a);
  const mb = milliOf(b);
  if (ma !== undefined && mb !== undefined) return ma === mb ? 0 : ma < mb ? -1 : 1;
  return a.comparedTo(b);
}

/** The value as a plain number rounded to 3 decimals (JSON, plan cells). */
export function scoreNumber(d: Decimal): number {
  const m = milliOf(d);
  return m !== undefined ? m / 1000 : d.toDecimalPlaces(SCORE_DECIMALS, Decimal.ROUND_HALF_UP).toNumber();
}

const NUMERIC_TEXT = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;

/** Parse text that an official meant as a number, decimal comma or point ("0,5", "1.25"). */
export function parseNumericText(text: string): Decimal | null {
  const s = cleanText(text).replace(/\s/g, '');
  if (!NUMERIC_TEXT.test(s)) return null;
  return new Decimal(s.replace(',', '.'));
}

export function readScore(cell: Cell | null | undefined): ScoreReading {
  if (!cell || cell.v === null || cell.v === undefined) return { kind: 'empty' };
  switch (cell.t) {
    case 'n':
      return typeof cell.v === 'number' ? { kind: 'number', value: decimalOf(cell.v) } : readText(String(cell.v));
    case 'd':
      return readDate(Number(cell.v));
    case 'e':
      return { kind: 'error', text: String(cell.v) };
    case 'b':
      return { kind: 'boolean', value: Boolean(cell.v) };
    case 's':
    default:
      return readText(String(cell.v));
  }
}

function readText(raw: string): ScoreReading {
  const text = cleanText(raw);
  if (text === '') return { kind: 'empty' };
  const meant = parseNumericText(text);
  return meant ? { kind: 'text-number', text, meant } : { kind: 'text', text };
}

/** Excel serial (1900 system) → day/month; what the official probably typed is "day,month". */
function readDate(serial: number): ScoreReading {
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  const day = d.getUTCDate();
  const month = d.getUTCMonth() + 1;
  const text = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${d.getUTCFullYear()}`;
  return { kind: 'date', text, meant: `${day},${month}` };
}

/** The numeric value of a reading, when Excel would count it in a SUM. */
export function countedValue(r: ScoreReading): Decimal | null {
  return r.kind === 'number' ? r.value : null;
}

/** Equality at the scoring precision: 80.21 summed in any order equals 80.21. */
export function sameScore(a: Decimal, b: Decimal): boolean {
  const ma = milliOf(a);
  const mb = milliOf(b);
  if (ma !== undefined && mb !== undefined) return ma === mb;
  return a.toDecimalPlaces(SCORE_DECIMALS, Decimal.ROUND_HALF_UP).eq(b.toDecimalPlaces(SCORE_DECIMALS, Decimal.ROUND_HALF_UP));
}

export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total = milliDecimal(0);
  for (const v of values) total = addScores(total, v);
  return total;
}
