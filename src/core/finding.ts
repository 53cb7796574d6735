/**
 * Findings are data: a stable code, a severity, the sheet and A1 cell, and a message in
 * Vietnamese and English built from the code's message template and its parameters.
 * The engine never throws for a bad workbook; it returns findings.
 */
import { columnNumber } from './a1';
import { messages } from './messages';
import type { FindingCode, FindingParams, Located, ParamsOf } from './messages/codes';
import type { Locale } from './locale';

export type { FindingCode, FindingParams, FindingParamsByCode, ParamsOf } from './messages/codes';
export type Severity = 'error' | 'warning' | 'info';
export { LOCALES, type Locale } from './locale';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  sheet: string;
  /** A1 address of the offending cell ('' when the finding concerns a whole workbook). */
  cell: string;
  message: Record<Locale, string>;
  /** Canonical key of the criterion concerned ("1.1.2"), when there is one. */
  criterion?: string;
  /** Unit (column or row) concerned, when there is one. */
  unit?: string;
  params: FindingParams;
}

export interface FindingLocation {
  sheet: string;
  cell: string;
  criterion?: string;
  unit?: string;
}

/** A code's parameters: required when it has any, else optional. */
type ParamsArg<C extends FindingCode> = object extends ParamsOf<C> ? [params?: ParamsOf<C>] : [params: ParamsOf<C>];

export function makeFinding<C extends FindingCode>(code: C, severity: Severity, where: FindingLocation, ...[given]: ParamsArg<C>): Finding {
  const params = (given ?? {}) as ParamsOf<C> & FindingParams;
  // Templates name the criterion and unit from the location unless the params say otherwise.
  const all: ParamsOf<C> & Located = { criterion: where.criterion, unit: where.unit, ...params };
  const finding: Finding = {
    code,
    severity,
    sheet: where.sheet,
    cell: where.cell,
    message: { vi: messages.vi[code](all), en: messages.en[code](all) },
    params,
  };
  if (where.criterion !== undefined) finding.criterion = where.criterion;
  if (where.unit !== undefined) finding.unit = where.unit;
  return finding;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings in reading order: sheet, then row, then column, then severity. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
    const pa = splitA1(a.cell);
    const pb = splitA1(b.cell);
    if (pa.row !== pb.row) return pa.row - pb.row;
    if (pa.col !== pb.col) return pa.col - pb.col;
    if (a.severity !== b.severity) return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

export function countFindings(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function splitA1(a1: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  return m ? { row: Number(m[2]), col: columnNumber(m[1]) } : { row: 0, col: 0 };
}
