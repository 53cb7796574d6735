/**
 * Data validation in the fake Excel (Range.dataValidation, ExcelApi 1.8): the checks Excel makes
 * on a rule, prompt and error alert; validation kept per cell (as non-overlapping records, a write
 * over part of a record splits it); and what a range reads back (type, uniform values, valid).
 * Pure functions on the model: objects.ts turns DataValidationProblem into InvalidArgument.
 */
import {
  cellText,
  evaluate,
  intersect,
  keyCol,
  keyRow,
  rectCells,
  subtract,
  type FakeBasicValidation,
  type FakeCell,
  type FakeDataValidation,
  type FakeDataValidationErrorAlert,
  type FakeDataValidationPrompt,
  type FakeDataValidationRule,
  type FakeSheet,
  type Rect,
} from './model';

/** A rule, prompt or alert Excel would refuse (InvalidArgument at sync). */
export class DataValidationProblem extends Error {}
const problem = (message: string) => new DataValidationProblem(message);

/** Excel's limits (characters): input message title and text, error alert title and text. */
export const PROMPT_TITLE_MAX = 32;
export const PROMPT_MESSAGE_MAX = 255;
export const ALERT_TITLE_MAX = 32;
export const ALERT_MESSAGE_MAX = 225;

/** What a cell without data validation reads as. */
export const DEFAULT_PROMPT: Readonly<FakeDataValidationPrompt> = Object.freeze({ showPrompt: false, title: '', message: '' });
export const DEFAULT_ERROR_ALERT: Readonly<FakeDataValidationErrorAlert> = Object.freeze({
  showAlert: true,
  style: 'Stop',
  title: '',
  message: '',
});

export const OPERATORS = [
  'Between',
  'NotBetween',
  'EqualTo',
  'NotEqualTo',
  'GreaterThan',
  'LessThan',
  'GreaterThanOrEqualTo',
  'LessThanOrEqualTo',
] as const;
const TERNARY = new Set<string>(['Between', 'NotBetween']);
const ALERT_STYLES = ['Stop', 'Warning', 'Information'];

/** Rule kind → Excel.DataValidationType. */
const TYPES: Record<string, string> = {
  wholeNumber: 'WholeNumber',
  decimal: 'Decimal',
  textLength: 'TextLength',
  date: 'Date',
  time: 'Time',
  list: 'List',
  custom: 'Custom',
};
const BASIC = new Set(['wholeNumber', 'decimal', 'textLength', 'date', 'time']);

/** A Range proxy given as an operand or list source, as its absolute reference ("=$A$1:$A$3"); null: not a range. */
export type RangeReference = (value: object) => string | null;

const NUMBER_RE = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?:Z)?$/;
const TIME_RE = /^T?(\d{2}):(\d{2})(?::(\d{2}))?$/;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** An ISO 8601 date-time (wall-clock) or time as an Excel serial; null when it is neither. */
function isoSerial(s: string, kind: string): number | null {
  const m = ISO_RE.exec(s);
  if (m) {
    const [y, mo, d, h = '0', mi = '0', sec = '0'] = m.slice(1);
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
    const back = new Date(ms);
    if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) return null;
    const serial = (ms - EXCEL_EPOCH) / 86400000;
    return kind === 'time' ? serial - Math.floor(serial) : serial;
  }
  const t = kind === 'time' ? TIME_RE.exec(s) : null;
  if (t) {
    const [h, mi, sec = '0'] = t.slice(1).map((x) => x ?? '0');
    if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
    return (Number(h) * 3600 + Number(mi) * 60 + Number(sec)) / 86400;
  }
  return null;
}

const round = (n: number) => Math.round(n * 1e10) / 1e10;

/** One operand (formula1 / formula2) as Excel reports it: always a formula text ("=10", "=$A$1"). */
function operand(value: unknown, kind: string, name: string, ref: RangeReference): string {
  if (value === undefined || value === null || value === '') throw problem(`The rule's ${name} is missing.`);
  const dated = kind === 'date' || kind === 'time';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw problem(`The rule's ${name} is not a finite number.`);
    if (dated) throw problem(`A ${kind} rule takes a Date, an ISO 8601 text or a formula as ${name}, not a number.`);
    return `=${value}`;
  }
  if (value instanceof Date) {
    if (!dated) throw problem(`A ${kind} rule takes a number or a formula as ${name}, not a Date.`);
    if (Number.isNaN(value.getTime())) throw problem(`The rule's ${name} is an invalid Date.`);
    const serial = (value.getTime() - value.getTimezoneOffset() * 60000 - EXCEL_EPOCH) / 86400000;
    return `=${round(kind === 'time' ? serial - Math.floor(serial) : serial)}`;
  }
  if (typeof value === 'string') {
    const s = value.trim();
    if (s.startsWith('=')) {
      if (s.length === 1) throw problem(`The rule's ${name} is an empty formula.`);
      return s;
    }
    if (dated) {
      const serial = isoSerial(s, kind);
      if (serial === null) throw problem(`The rule's ${name} "${value}" is not an ISO 8601 ${kind}.`);
      return `=${round(serial)}`;
    }
    if (NUMBER_RE.test(s)) return `=${Number(s)}`;
    throw problem(`The rule's ${name} "${value}" is neither a number nor a formula.`);
  }
  if (typeof value === 'object') {
    const r = ref(value);
    if (r !== null) return r;
  }
  throw problem(`The rule's ${name} has an unsupported type.`);
}

/** The number a constant operand ("=10", "=-(1+2)") stands for; null for a reference or a formula. */
export function constantOf(formula: string | undefined): number | null {
  if (formula === undefined) return null;
  const v = evaluate(formula);
  return typeof v.value === 'number' && !v.error ? v.value : null;
}

function plainObject(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw problem(`${what} must be an object.`);
  return value as Record<string, unknown>;
}

/**
 * A rule as Excel stores and reports it, or a DataValidationProblem: exactly one kind; a known
 * operator; the operands present (formula2 with Between / NotBetween) and, when both are
 * constants, formula1 ≤ formula2.
 */
export function normalizeRule(value: unknown, ref: RangeReference): FakeDataValidationRule {
  const rule = plainObject(value, 'A data validation rule');
  const kinds = Object.keys(rule).filter((k) => rule[k] !== undefined && rule[k] !== null);
  if (kinds.length !== 1)
    throw problem(`A data validation rule has exactly one kind (it has ${kinds.length}: ${kinds.join(', ') || 'none'}).`);
  const kind = kinds[0];
  if (!(kind in TYPES)) throw problem(`Unknown data validation rule kind "${kind}".`);
  const body = plainObject(rule[kind], `The ${kind} rule`);
  if (BASIC.has(kind)) {
    const operator = body.operator;
    if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator)) {
      throw problem(`Unknown data validation operator "${String(operator)}".`);
    }
    const out: FakeBasicValidation = { formula1: operand(body.formula1, kind, 'formula1', ref), operator };
    if (TERNARY.has(operator)) {
      out.formula2 = operand(body.formula2, kind, 'formula2', ref);
      const lo = constantOf(out.formula1);
      const hi = constantOf(out.formula2);
      if (lo !== null && hi !== null && lo > hi) {
        throw problem(`The rule's formula1 (${out.formula1}) is greater than its formula2 (${out.formula2}).`);
      }
    }
    if (kind === 'textLength') {
      for (const f of [out.formula1, out.formula2]) {
        const n = constantOf(f);
        if (n !== null && n < 0) throw problem('A text length cannot be negative.');
      }
    }
    return { [kind]: out } as FakeDataValidationRule;
  }
  if (kind === 'list') {
    const inCellDropDown = body.inCellDropDown ?? true;
    if (typeof inCellDropDown !== 'boolean') throw problem('inCellDropDown must be true or false.');
    const src = body.source;
    let source: string;
    if (typeof src === 'string') {
      if (src.trim() === '' || src.trim() === '=') throw problem('The list source is empty.');
      source = src;
    } else if (src !== null && typeof src === 'object' && ref(src) !== null) source = ref(src)!;
    else throw problem('The list source must be a text or a Range.');
    return { list: { inCellDropDown, source } };
  }
  const formula = body.formula;
  if (typeof formula !== 'string' || formula.trim().replace(/^=/, '') === '') throw problem('A custom rule needs a formula.');
  return { custom: { formula: formula.trim().startsWith('=') ? formula.trim() : `=${formula.trim()}` } };
}

function text(value: unknown, name: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw problem(`${name} must be a text.`);
  if (value.length > max) throw problem(`${name} is longer than ${max} characters (${value.length}).`);
  return value;
}

function flag(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw problem(`${name} must be true or false.`);
  return value;
}

/** A prompt write merged into the current prompt (properties not given keep their value). */
export function mergePrompt(current: FakeDataValidationPrompt, value: unknown): FakeDataValidationPrompt {
  const p = plainObject(value, 'A data validation prompt');
  const next = { ...current };
  const showPrompt = flag(p.showPrompt, 'prompt.showPrompt');
  const title = text(p.title, 'The prompt title', PROMPT_TITLE_MAX);
  const message = text(p.message, 'The prompt message', PROMPT_MESSAGE_MAX);
  if (showPrompt !== undefined) next.showPrompt = showPrompt;
  if (title !== undefined) next.title = title;
  if (message !== undefined) next.message = message;
  return next;
}

/** Checked up front so that a bad prompt fails even over an empty range. */
export const checkPrompt = (value: unknown): void => void mergePrompt({ ...DEFAULT_PROMPT }, value);

export function mergeErrorAlert(current: FakeDataValidationErrorAlert, value: unknown): FakeDataValidationErrorAlert {
  const a = plainObject(value, 'A data validation error alert');
  const next = { ...current };
  const showAlert = flag(a.showAlert, 'errorAlert.showAlert');
  if (a.style !== undefined && (typeof a.style !== 'string' || !ALERT_STYLES.includes(a.style))) {
    throw problem(`Unknown error alert style "${String(a.style)}".`);
  }
  const title = text(a.title, 'The error alert title', ALERT_TITLE_MAX);
  const message = text(a.message, 'The error alert message', ALERT_MESSAGE_MAX);
  if (showAlert !== undefined) next.showAlert = showAlert;
  if (a.style !== undefined) next.style = a.style as string;
  if (title !== undefined) next.title = title;
  if (message !== undefined) next.message = message;
  return next;
}

export const checkErrorAlert = (value: unknown): void => void mergeErrorAlert({ ...DEFAULT_ERROR_ALERT }, value);

export function checkIgnoreBlanks(value: unknown): boolean {
  if (typeof value !== 'boolean') throw problem('ignoreBlanks must be true or false.');
  return value;
}

// ---------------------------------------------------------------------------------------------
// Per-cell semantics over records

const blank = (range: Rect): FakeDataValidation => ({
  range,
  rule: null,
  prompt: { ...DEFAULT_PROMPT },
  errorAlert: { ...DEFAULT_ERROR_ALERT },
  ignoreBlanks: true,
});

/** A record that changes nothing (any value, no prompt or alert text): not kept. */
function isNoValidation(d: FakeDataValidation): boolean {
  return (
    d.rule === null &&
    d.prompt.title === '' &&
    d.prompt.message === '' &&
    d.errorAlert.title === '' &&
    d.errorAlert.message === '' &&
    d.errorAlert.style === 'Stop' &&
    d.ignoreBlanks
  );
}

/**
 * Apply a change to every cell of `rect`: records are split at its edges, the parts inside are
 * changed, cells without validation get a new record. `change` null clears the validation.
 */
export function paint(
  list: readonly FakeDataValidation[],
  rect: Rect,
  change: ((d: FakeDataValidation) => FakeDataValidation) | null,
): FakeDataValidation[] {
  const out: FakeDataValidation[] = [];
  let uncovered: Rect[] = [{ ...rect }];
  for (const d of list) {
    const x = intersect(d.range, rect);
    if (!x) {
      out.push(d);
      continue;
    }
    for (const piece of subtract(d.range, rect)) out.push({ ...d, range: piece });
    if (change) out.push(change({ ...d, range: x }));
    uncovered = uncovered.flatMap((u) => subtract(u, x));
  }
  if (change) for (const u of uncovered) out.push(change(blank(u)));
  return out.filter((d) => !isNoValidation(d));
}

interface Piece {
  d: FakeDataValidation;
  x: Rect;
}

function pieces(list: readonly FakeDataValidation[], rect: Rect): { parts: Piece[]; uncovered: number } {
  const parts: Piece[] = [];
  let covered = 0;
  for (const d of list) {
    const x = intersect(d.range, rect);
    if (!x) continue;
    parts.push({ d, x });
    covered += rectCells(x);
  }
  return { parts, uncovered: rectCells(rect) - covered };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Excel.DataValidationType of a range. */
export function validationType(list: readonly FakeDataValidation[], rect: Rect): string {
  const { parts, uncovered } = pieces(list, rect);
  const rules = parts.map((p) => p.d.rule);
  const withRule = rules.filter((r) => r !== null);
  if (withRule.length === 0) return 'None';
  if (uncovered > 0 || withRule.length < rules.length) return 'MixedCriteria';
  if (!withRule.every((r) => same(r, withRule[0]))) return 'Inconsistent';
  return TYPES[Object.keys(withRule[0]!)[0]];
}

/**
 * rule, prompt, errorAlert or ignoreBlanks of a range: the value when every cell has the same,
 * else null. A range without any rule reads `{}` as its rule.
 */
export function uniformValue(
  list: readonly FakeDataValidation[],
  rect: Rect,
  prop: 'rule' | 'prompt' | 'errorAlert' | 'ignoreBlanks',
): unknown {
  const { parts, uncovered } = pieces(list, rect);
  const values: unknown[] = parts.map((p) => p.d[prop]);
  if (uncovered > 0) values.push(blank(rect)[prop]);
  if (!values.every((v) => same(v, values[0]))) return null;
  const v = values[0];
  if (prop === 'rule' && v === null) return {};
  return v !== null && typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v;
}

function compare(operator: string, v: number, a: number, b: number | null): boolean {
  switch (operator) {
    case 'Between':
      return b !== null && v >= a && v <= b;
    case 'NotBetween':
      return b !== null && (v < a || v > b);
    case 'EqualTo':
      return v === a;
    case 'NotEqualTo':
      return v !== a;
    case 'GreaterThan':
      return v > a;
    case 'LessThan':
      return v < a;
    case 'GreaterThanOrEqualTo':
      return v >= a;
    default:
      return v <= a;
  }
}

/** Whether a cell satisfies a rule; null when the fake cannot tell (references, formulas it does not compute). */
function satisfies(rule: FakeDataValidationRule, cell: FakeCell | undefined, ignoreBlanks: boolean): boolean | null {
  const empty = !cell || (cell.value === null && !cell.formula);
  if (cell?.formula && cell.value === null) return null;
  if (cell?.error) return false;
  const [kind, body] = Object.entries(rule)[0] as [string, unknown];
  if (empty && ignoreBlanks) return true;
  if (BASIC.has(kind)) {
    const { formula1, formula2, operator } = body as FakeBasicValidation;
    const a = constantOf(formula1);
    const b = TERNARY.has(operator) ? constantOf(formula2) : null;
    if (a === null || (TERNARY.has(operator) && b === null)) return null;
    let v: number;
    if (kind === 'textLength') v = empty ? 0 : cellText(cell).length;
    else if (empty) v = 0;
    else if (typeof cell!.value !== 'number') return false;
    else v = cell!.value;
    if (kind === 'wholeNumber' && !Number.isInteger(v)) return false;
    return compare(operator, v, a, b);
  }
  if (kind === 'list') {
    const { source } = body as { source: string };
    if (source.trim().startsWith('=')) return null;
    if (empty) return false;
    return source
      .split(',')
      .map((s) => s.trim())
      .includes(cellText(cell));
  }
  return null;
}

/**
 * DataValidation.valid: true when every cell is valid, false when every cell is invalid, null
 * when both occur. Cells the fake cannot judge count as valid.
 */
export function validity(sheet: FakeSheet, rect: Rect): boolean | null {
  const { parts } = pieces(sheet.dataValidations, rect);
  let valid = rectCells(rect);
  let invalid = 0;
  for (const { d, x } of parts) {
    if (!d.rule) continue;
    let filled = 0;
    for (const [k, c] of sheet.cells) {
      const r = keyRow(k);
      const col = keyCol(k);
      if (r < x.top || r > x.bottom || col < x.left || col > x.right) continue;
      if (c.value === null && !c.formula) continue;
      filled++;
      if (satisfies(d.rule, c, d.ignoreBlanks) === false) invalid++;
    }
    const blanks = rectCells(x) - filled;
    if (blanks > 0 && satisfies(d.rule, undefined, d.ignoreBlanks) === false) invalid += blanks;
  }
  valid -= invalid;
  if (invalid === 0) return true;
  return valid === 0 ? false : null;
}

/** Excel.DataValidationType of one record. */
export const recordType = (d: FakeDataValidation): string => (d.rule ? TYPES[Object.keys(d.rule)[0]] : 'None');
