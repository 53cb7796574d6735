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
