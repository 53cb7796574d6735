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
  return new Decimal(Number(n.toPrecision(15)).toString());
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
  return a.toDecimalPlaces(SCORE_DECIMALS, Decimal.ROUND_HALF_UP).eq(b.toDecimalPlaces(SCORE_DECIMALS, Decimal.ROUND_HALF_UP));
}

export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(v);
  return total;
}
