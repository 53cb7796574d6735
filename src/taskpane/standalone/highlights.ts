/**
 * The tool's highlights (conditional formats, src/core/plan.ts) as the sheet preview shows them:
 * which cells of a sheet each rule colours. Excel evaluates a rule's formula for every cell of its
 * range, its relative references moved with the cell ("Use formulas in conditional formatting");
 * the preview does the same for the few shapes the planners write:
 *   =AND(ISNUMBER(D20),D20<0)
 *   =AND(ISNUMBER(F35),ISNUMBER(D35),F35>=D35)
 *   =AND(ISNUMBER(E9),ISNUMBER($P9),E9<$P9)
 *   =AND(ISNUMBER(E9),E9<INDEX({1;0.5;0},ROW()-ROW($E$9)+1))
 * A formula outside that small language colours nothing (never a wrong colour). Where two rules
 * hold for a cell, the first one wins, as the writers give earlier rules the higher priority.
 */
import { parseA1, parseRange } from '../../core/a1';
import type { HighlightStyle, LiveConditionalFormat } from '../../core/plan';
import type { SheetSnapshot } from '../../core/snapshot';

/** A highlight on a sheet (formula with or without its '='). */
export type PreviewHighlight = LiveConditionalFormat;

type Value = number | string | boolean | null | Value[];

type Node =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'arr'; items: Node[] }
  | { k: 'ref'; row: number; col: number; absRow: boolean; absCol: boolean }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'neg'; arg: Node }
  | { k: 'bin'; op: string; left: Node; right: Node };

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?(?:E[+-]?\d+)?)|("(?:[^"]|"")*")|(\$?[A-Z]{1,3}\$?\d+)|([A-Z][A-Z0-9.]*)(?=\()|(<=|>=|<>|[-+*/^&=<>(),;{}]))/iy;

/** The formula as a tree, or null when it is outside the preview's language. */
export function parseHighlightFormula(formula: string): Node | null {
  const tokens: string[] = [];
  const src = formula.replace(/^=/, '');
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const m = TOKEN.exec(src);
    if (!m) return src.slice(TOKEN.lastIndex).trim() === '' ? parseTokens(tokens) : null;
    tokens.push(m[0].trim());
  }
  return tokens.length > 0 ? parseTokens(tokens) : null;
}

function parseTokens(tokens: string[]): Node | null {
  let i = 0;
  const peek = () => tokens[i];
  const comparison = (): Node => {
    let left = additive();
    while (['=', '<>', '<', '>', '<=', '>='].includes(peek())) left = { k: 'bin', op: tokens[i++], left, right: additive() };
    return left;
  };
  const additive = (): Node => {
    let left = term();
    while (peek() === '+' || peek() === '-') left = { k: 'bin', op: tokens[i++], left, right: term() };
    return left;
  };
  const term = (): Node => {
    let left = unary();
    while (peek() === '*' || peek() === '/') left = { k: 'bin', op: tokens[i++], left, right: unary() };
    return left;
  };
  const unary = (): Node => (peek() === '-' ? (i++, { k: 'neg', arg: unary() }) : peek() === '+' ? (i++, unary()) : primary());
  const list = (close: string, separators: string[]): Node[] => {
    const items: Node[] = [];
    if (peek() === close) return (i++, items);
    for (;;) {
      items.push(comparison());
      const t = tokens[i++];
      if (t === close) return items;
      if (!separators.includes(t)) throw new Error('syntax');
    }
  };
  const primary = (): Node => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('syntax');
    if (t === '(') {
      const inner = comparison();
      if (tokens[i++] !== ')') throw new Error('syntax');
      return inner;
    }
    if (t === '{') return { k: 'arr', items: list('}', [';', ',']) };
    if (/^\d/.test(t)) return { k: 'num', v: Number(t) };
    if (t.startsWith('"')) return { k: 'str', v: t.slice(1, -1).replace(/""/g, '"') };
    if (/^\$?[A-Z]{1,3}\$?\d+$/i.test(t)) {
      const { row, col } = parseA1(t.replace(/\$/g, ''));
      return { k: 'ref', row, col, absCol: t.startsWith('$'), absRow: /\$\d/.test(t) };
    }
    if (/^[A-Z][A-Z0-9.]*$/i.test(t) && tokens[i++] === '(') return { k: 'call', name: t.toUpperCase(), args: list(')', [',']) };
    throw new Error('syntax');
  };
  try {
    const tree = comparison();
    return i === tokens.length ? tree : null;
  } catch {
    return null;
  }
}

interface Place {
  sheet: SheetSnapshot;
  /** The cell evaluated, and the top-left cell of the rule's range (relative references move by the difference). */
  row: number;
  col: number;
  top: number;
  left: number;
}

function cellValue(sheet: SheetSnapshot, row: number, col: number): Value {
  const cell = sheet.cells[row - 1]?.[col - 1];
  if (!cell || cell.v === null || cell.v === undefined) return null;
  return cell.v;
}

/** Excel's order for comparisons: numbers < text < booleans; a blank is 0 or "" beside the other side. */
function compare(a: Value, b: Value): number {
  const rank = (v: Value) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (a === null) a = typeof b === 'string' ? '' : typeof b === 'boolean' ? false : 0;
  if (b === null) b = typeof a === 'string' ? '' : typeof a === 'boolean' ? false : 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string') return a.toLowerCase().localeCompare(String(b).toLowerCase());
  return Number(a) - Number(b);
}

const num = (v: Value): number => (typeof v === 'number' ? v : v === null ? 0 : typeof v === 'boolean' ? Number(v) : NaN);

function evaluate(node: Node, at: Place): Value {
  switch (node.k) {
    case 'num':
    case 'str':
      return node.v;
    case 'arr':
      return node.items.map((n) => evaluate(n, at));
    case 'ref':
      return cellValue(at.sheet, node.absRow ? node.row : node.row + at.row - at.top, node.absCol ? node.col : node.col + at.col - at.left);
    case 'neg':
      return -num(evaluate(node.arg, at));
    case 'bin':
      return binary(node.op, evaluate(node.left, at), evaluate(node.right, at));
    case 'call':
      return call(node, at);
  }
}

function binary(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '+':
      return num(a) + num(b);
    case '-':
      return num(a) - num(b);
    case '*':
      return num(a) * num(b);
    case '/':
      return num(a) / num(b);
    case '=':
      return compare(a, b) === 0;
    case '<>':
      return compare(a, b) !== 0;
    case '<':
      return compare(a, b) < 0;
    case '>':
      return compare(a, b) > 0;
    case '<=':
      return compare(a, b) <= 0;
    default:
      return compare(a, b) >= 0;
  }
}

function call(node: Extract<Node, { k: 'call' }>, at: Place): Value {
  const args = () => node.args.map((n) => evaluate(n, at));
  switch (node.name) {
    case 'AND':
      return args().every((v) => v === true || (typeof v === 'number' && v !== 0));
    case 'OR':
      return args().some((v) => v === true || (typeof v === 'number' && v !== 0));
    case 'NOT':
      return !args()[0];
    case 'ISNUMBER':
      return typeof args()[0] === 'number';
    case 'ROW': {
      const ref = node.args[0];
      if (!ref) return at.row;
      return ref.k === 'ref' ? (ref.absRow ? ref.row : ref.row + at.row - at.top) : null;
    }
    case 'INDEX': {
      const [list, n] = args();
      const index = num(n);
      return Array.isArray(list) && Number.isInteger(index) && index >= 1 && index <= list.length ? list[index - 1] : null;
    }
    default:
      throw new Error(`unsupported ${node.name}`);
  }
}

/**
 * The highlight style of each cell of `sheet` inside the window (1-based, inclusive) that a rule
 * colours, by A1 address.
 */
export function highlightedCells(
  sheet: SheetSnapshot,
  rules: readonly PreviewHighlight[],
  window: { top: number; bottom: number; left: number; right: number },
  address: (row: number, col: number) => string,
): Map<string, HighlightStyle> {
  const out = new Map<string, HighlightStyle>();
  for (const rule of rules) {
    if (rule.sheet !== sheet.name) continue;
    const tree = parseHighlightFormula(rule.formula);
    let range;
    try {
      range = parseRange(rule.range);
    } catch {
      continue;
    }
    if (!tree) continue;
    const [r0, r1] = [Math.max(range.top, window.top), Math.min(range.bottom, window.bottom)];
    const [c0, c1] = [Math.max(range.left, window.left), Math.min(range.right, window.right)];
    // (A rule whose evaluation fails, e.g. an unknown function, colours nothing.)
    rows: for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        const key = address(row, col);
        if (out.has(key)) continue;
        let value: Value;
        try {
          value = evaluate(tree, { sheet, row, col, top: range.top, left: range.left });
        } catch {
          break rows;
        }
        if (value === true || (typeof value === 'number' && value !== 0)) out.set(key, rule.style);
      }
    }
  }
  return out;
}
