/**
 * Display formatting. Vietnamese: decimal comma, trailing zeros trimmed (83,55; 4,042).
 * Rounding happens here only, never in the arithmetic.
 */
import Decimal from 'decimal.js';
import type { Locale } from './finding';

export type Numeric = Decimal | number | string;

/** Round half up to `decimals` places and trim trailing zeros: 83.550 → "83,55" (vi), "83.55" (en). */
export function formatNumber(value: Numeric, locale: Locale = 'vi', decimals = 3): string {
  let d: Decimal;
  try {
    d = new Decimal(value).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  } catch {
    return String(value);
  }
  let s = d.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  return locale === 'vi' ? s.replace('.', ',') : s;
}

/** Counts in the officials' style: two digits ("08", "02"), larger numbers as they are. */
export function twoDigits(n: number): string {
  return n < 10 && n >= 0 ? `0${n}` : String(n);
}

/** A plain JSON number rounded to 3 decimals (83.55, -4.042). */
export function jsonNumber(value: Numeric | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return new Decimal(value).toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toNumber();
}
