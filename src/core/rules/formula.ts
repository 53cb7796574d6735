/**
 * Reading the simple sum formulas officials put in parent rows: SUM(D9+D12+D13), SUM(D7,D10,D11),
 * SUM(D9:D11), D9+D12, with or without $. Anything else (other functions, constants, other
 * sheets, multiplication) is not a simple sum and gives null.
 */
import { parseA1, type CellRange } from '../a1';

type Token = { kind: 'sum' } | { kind: 'ref'; text: string } | { kind: 'punct'; text: string };

const TOKEN = /\s*(?:(SUM)\s*\(|(\$?[A-Za-z]{1,3}\$?\d+)|([(),+\-:]))\s*/iy;

function tokenize(formula: string): Token[] | null {
  const s = formula.trim().replace(/^=/, '');
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < s.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(s);
    if (!m || m[0].length === 0) return null;
    if (m[1]) out.push({ kind: 'sum' });
    else if (m[2]) out.push({ kind: 'ref', text: m[2] });
    else out.push({ kind: 'punct', text: m[3] });
    pos = TOKEN.lastIndex;
  }
  return out;
}

/** The cell ranges a simple sum formula adds (single cells as 1×1 ranges), or null. */
export function parseSumFormula(formula: string): CellRange[] | null {
  if (typeof formula !== 'string' || formula.length > 2000) return null;
  const tokens = tokenize(formula);
  if (!tokens || tokens.length === 0) return null;
  const ranges: CellRange[] = [];
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isPunct = (t: Token | undefined, text: string): boolean => !!t && t.kind === 'punct' && t.text === text;

  // expr := term (('+' | '-' | ',') term)*
  const expr = (depth: number): boolean => {
    if (!term(depth)) return false;
    while (isPunct(peek(), '+') || isPunct(peek(), '-') || (depth > 0 && isPunct(peek(), ','))) {
      i++;
      if (!term(depth)) return false;
    }
    return true;
  };
  // term := ('+' | '-')? (SUM '(' expr ')' | '(' expr ')' | ref (':' ref)?)
  const term = (depth: number): boolean => {
    if (depth > 20) return false;
    if (isPunct(peek(), '+') || isPunct(peek(), '-')) i++;
    const t = peek();
    if (!t) return false;
    if (t.kind === 'sum' || isPunct(t, '(')) {
      i++;
      if (!expr(depth + 1)) return false;
      if (!isPunct(peek(), ')')) return false;
      i++;
      return true;
    }
    if (t.kind !== 'ref') return false;
    i++;
    const from = parseA1(t.text);
    let to = from;
    if (isPunct(peek(), ':')) {
      i++;
      const u = peek();
      if (!u || u.kind !== 'ref') return false;
      i++;
      to = parseA1(u.text);
    }
    ranges.push({
      top: Math.min(from.row, to.row),
      bottom: Math.max(from.row, to.row),
      left: Math.min(from.col, to.col),
      right: Math.max(from.col, to.col),
    });
    return true;
  };

  if (!expr(0) || i !== tokens.length) return null;
  return ranges;
}

/** The rows a same-column sum formula in column `col` covers; null when it is not one. */
export function rowsSummedInColumn(formula: string, col: number): Set<number> | null {
  if (typeof formula === 'string' && formula.length <= 2000) {
    const fast = flatSumRows(formula, col);
    if (fast !== undefined) return fast === null ? null : new Set(fast);
  }
  const ranges = parseSumFormula(formula);
  if (!ranges || ranges.length === 0) return null;
  if (ranges.some((r) => r.left !== col || r.right !== col)) return null;
  const rows = new Set<number>();
  for (const r of ranges) {
    if (r.bottom - r.top > 10000) return null;
    for (let row = r.top; row <= r.bottom; row++) rows.add(row);
  }
  return rows;
}

/**
 * Performance (bench/: sum-formula-omits-child reads every parent cell of every unit column): the
 * common flat shapes — SUM(D9+D12+D13), SUM(D7,D10,D11), SUM(D9:D11), D9+D12, with $ and spaces —
 * read by a character scanner instead of the tokenizer and parser above. Same result as the
 * general path: the rows (possibly repeated) when every reference is in column `col`, null when
 * one is not; `undefined` when the formula has another shape (the general path decides).
 */
export function flatSumRows(f: string, col: number): number[] | null | undefined {
  const n = f.length;
  let i = skipSpaces(f, 0);
  if (i < n && f.charCodeAt(i) === 61 /* = */) i = skipSpaces(f, i + 1);
  let inSum = false;
  if (i + 3 < n && (f.charCodeAt(i) | 32) === 115 && (f.charCodeAt(i + 1) | 32) === 117 && (f.charCodeAt(i + 2) | 32) === 109) {
    let j = i + 3;
    while (j < n && f.charCodeAt(j) === 32) j++;
    if (j < n && f.charCodeAt(j) === 40 /* ( */) {
      inSum = true;
      i = j + 1;
    }
  }
  let other = false;
  const rows: number[] = [];
  const ref: RefEnd = { col: 0, end: 0 };
  for (;;) {
    const first = readRef(f, i, ref);
    if (first < 0) return undefined;
    i = ref.end;
    if (ref.col !== col) other = true;
    let lo = first;
    let hi = first;
    if (i < n && f.charCodeAt(i) === 58 /* : */) {
      const last = readRef(f, i + 1, ref);
      if (last < 0) return undefined;
      i = ref.end;
      if (ref.col !== col) other = true;
      lo = Math.min(first, last);
      hi = Math.max(first, last);
    }
    if (!other) {
      if (hi - lo > 10000) return null;
      for (let r = lo; r <= hi; r++) rows.push(r);
    }
    if (i >= n) break;
    const c = f.charCodeAt(i);
    if (c === 43 /* + */ || (c === 44 /* , */ && inSum)) {
      i++;
      continue;
    }
    if (c === 41 /* ) */ && inSum) {
      if (skipSpaces(f, i + 1) !== n) return undefined;
      inSum = false;
      break;
    }
    return undefined;
  }
  if (inSum) return undefined;
  return other ? null : rows;
}

/** readRef's further outputs: the reference's column and where the text after it starts. */
interface RefEnd {
  col: number;
  end: number;
}

/** A reference $?letters$?digits at `start` (spaces around it skipped): its row (column and end in `out`), or -1. */
function readRef(f: string, start: number, out: RefEnd): number {
  const n = f.length;
  let i = skipSpaces(f, start);
  if (i < n && f.charCodeAt(i) === 36 /* $ */) i++;
  let colNo = 0;
  let letters = 0;
  while (i < n && letters < 4) {
    const c = f.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    colNo = colNo * 26 + (c - 96);
    letters++;
    i++;
  }
  if (letters === 0 || letters > 3) return -1;
  if (i < n && f.charCodeAt(i) === 36) i++;
  let row = 0;
  let digits = 0;
  while (i < n) {
    const c = f.charCodeAt(i);
    if (c < 48 || c > 57) break;
    row = row * 10 + (c - 48);
    digits++;
    i++;
  }
  if (digits === 0 || digits > 9) return -1;
  out.col = colNo;
  out.end = skipSpaces(f, i);
  return row;
}

function skipSpaces(f: string, from: number): number {
  let i = from;
  while (i < f.length) {
    const c = f.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/**
 * The text around the column letters of every reference in a formula that `flatSumRows` reads as
 * rows (a flat sum whose references are all in one column): "SUM(D9+D12)" → ["SUM(", "9+", "12)"].
 * Only for such formulas: in them a run of letters is a reference's column exactly when a digit or
 * '$' follows it (SUM is followed by '(' or a space).
 *
 * Performance (bench/, issue #7): the parent rows of a consolidation hold the same sum in every
 * unit column, "SUM(D9+D12)", "SUM(E9+E12)", …; a formula equal to the template joined with its
 * own column's letters covers the same rows, so sum-formula-omits-child reads one formula per row
 * and compares the others.
 */
export function sumTemplate(f: string): string[] {
  const parts: string[] = [];
  const n = f.length;
  let from = 0;
  let i = 0;
  while (i < n) {
    if (!isLetter(f.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isLetter(f.charCodeAt(j))) j++;
    const next = j < n ? f.charCodeAt(j) : -1;
    if (next === 36 /* $ */ || (next >= 48 && next <= 57)) {
      parts.push(f.slice(from, i));
      from = j;
    }
    i = j;
  }
  parts.push(f.slice(from));
  return parts;
}

function isLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}
