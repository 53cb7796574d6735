/**
 * Display formatting. Vietnamese: decimal comma, trailing zeros trimmed (83,55; 4,042).
 * Rounding happens here only, never in the arithmetic.
 */
import Decimal from 'decimal.js';
import type { Locale } from './locale';
import { milliOf, scoreNumber } from './scores';

export type Numeric = Decimal | number | string;

/** Round half up to `decimals` places and trim trailing zeros: 83.550 → "83,55" (vi), "83.55" (en). */
export function formatNumber(value: Numeric, locale: Locale = 'vi', decimals = 3): string {
  // Performance (bench/): a whole number of thousandths is formatted from the integer.
  const m = value instanceof Decimal && Number.isInteger(decimals) && decimals >= 0 && decimals <= 3 ? milliOf(value) : undefined;
  if (m !== undefined) return formatMilli(m, decimals, locale);
  let d: Decimal;
  try {
    d = new Decimal(value).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  } catch {
    return String(value);
  }
  // (Decimal's toFixed never writes a negative zero: -0.0001 at 3 decimals gives "0.000".)
  let s = d.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return locale === 'vi' ? s.replace('.', ',') : s;
}

/** Counts in the officials' style: two digits ("08", "02"), larger numbers as they are. */
export function twoDigits(n: number): string {
  return n < 10 && n >= 0 ? `0${n}` : String(n);
}

/** Thousandths rounded half up (away from zero) to `decimals` ≤ 3 places, trailing zeros trimmed. */
function formatMilli(m: number, decimals: number, locale: Locale): string {
  const scale = 10 ** (3 - decimals);
  const q = Math.floor((Math.abs(m) + scale / 2) / scale);
  if (q === 0) return '0';
  const unit = 10 ** decimals;
  const int = Math.floor(q / unit);
  const fraction = decimals > 0 ? fractionSuffix(q % unit, decimals, locale) : '';
  return m < 0 ? `-${int}${fraction}` : `${int}${fraction}`;
}

/**
 * The fraction's part of a formatted number, separator included ("0,05" → ",05"; "" when the
 * fraction is 0). Performance (bench/: every headline formats a total and a change, thousands of
 * units): a handful of distinct texts per precision, each built once instead of padded and trimmed
 * with a regular expression per number.
 */
const fractionTables = (): string[][] => [0, 1, 2, 3].map((decimals) => new Array<string>(10 ** decimals));
const COMMA_FRACTIONS = fractionTables();
const POINT_FRACTIONS = fractionTables();

function fractionSuffix(fraction: number, decimals: number, locale: Locale): string {
  const comma = locale === 'vi';
  const known = (comma ? COMMA_FRACTIONS : POINT_FRACTIONS)[decimals];
  let s = known[fraction];
  if (s === undefined) {
    const digits = String(fraction).padStart(decimals, '0').replace(/0+$/, '');
    s = known[fraction] = digits ? (comma ? ',' : '.') + digits : '';
  }
  return s;
}

/** A plain JSON number rounded to 3 decimals (83.55, -4.042). */
export function jsonNumber(value: Numeric | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Decimal) return scoreNumber(value);
  return new Decimal(value).toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toNumber();
}
