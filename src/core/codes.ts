/**
 * Criterion codes. Areas are Roman numerals or integers ("II", "2", "2."), criteria and
 * sub-criteria dotted decimals ("2.1", "2.1.3", sometimes with a trailing dot). The canonical key
 * maps them onto one scheme: "II" → "2", "2." → "2", "2.1." → "2.1".
 */
import { cleanText } from './text';

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

export function romanToInt(s: string): number | null {
  if (!/^[IVXL]+$/.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]];
    const next = ROMAN[s[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  // Reject non-canonical forms such as "IIII" or "VX".
  return intToRoman(total) === s ? total : null;
}

export function intToRoman(n: number): string {
  const table: [number, string][] = [
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, sym] of table) {
    while (rest >= v) {
      out += sym;
      rest -= v;
    }
  }
  return out;
}

export interface ParsedCode {
  key: string;
  depth: number;
  roman: boolean;
}

/** Parse a code cell's text; null when it is not a criterion code. */
export function parseCode(raw: string | number | boolean | null | undefined): ParsedCode | null {
  if (raw === null || raw === undefined || typeof raw === 'boolean') return null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw <= 0) return null;
    // A number cell: 1 → "1"; 1.1 → "1.1" (Excel stores 1.10 as 1.1; such forms are rare).
    return parseCode(String(raw));
  }
  const s = cleanText(raw)
    .replace(/\s*\.\s*/g, '.')
    .replace(/[.)]+$/, '');
  if (s === '') return null;
  const roman = romanToInt(s.toUpperCase() === s ? s : '');
  if (roman !== null && roman <= 30) return { key: String(roman), depth: 1, roman: true };
  if (!/^\d{1,3}(\.\d{1,3}){0,5}$/.test(s)) return null;
  const parts = s.split('.').map((p) => String(Number(p)));
  if (parts.some((p) => p === '0' && parts.length === 1)) return null;
  return { key: parts.join('.'), depth: parts.length, roman: false };
}

export function parentKey(key: string): string | null {
  const i = key.lastIndexOf('.');
  return i < 0 ? null : key.slice(0, i);
}
