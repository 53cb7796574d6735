/**
 * Test helpers for the rules: a compact grid builder (rows of plain values → SheetSnapshot →
 * detected table → rule context), a typescript-eslint style rule tester, and a fixture loader.
 */
import * as path from 'path';
import { detectSheet } from '../../../src/core/detect';
import type { Finding, Severity } from '../../../src/core/finding';
import type { FindingCode } from '../../../src/core/messages/codes';
import type { ScoringTable } from '../../../src/core/model';
import type { Rule, RuleContext } from '../../../src/core/rules';
import type { Cell, SheetSnapshot, WorkbookSnapshot } from '../../../src/core/snapshot';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { SAMPLES } from '../../support/shared';

export type CellInput = number | string | boolean | null | undefined | Cell;

/** A formula cell with its cached result ('=' optional). */
export function f(formula: string, v: number | string | null = null): Cell {
  return { v, t: typeof v === 'number' ? 'n' : 's', f: formula.replace(/^=/, '') };
}

/** A formula cell whose cached result is an error value. */
export function ferr(formula: string, text = '#DIV/0!'): Cell {
  return { v: text, t: 'e', f: formula.replace(/^=/, '') };
}

export function err(text = '#DIV/0!'): Cell {
  return { v: text, t: 'e' };
}

/** A date cell as a host reports it: the 1900-system serial with t 'd'. */
export function date(iso: string): Cell {
  const serial = Date.parse(`${iso}T00:00:00Z`) / 86400000 + 25569;
  return { v: serial, t: 'd', fmt: 'dd/mm/yyyy' };
}

export function toCell(x: CellInput): Cell | null {
  if (x === null || x === undefined) return null;
  if (typeof x === 'number') return { v: x, t: 'n' };
  if (typeof x === 'string') return { v: x, t: 's' };
  if (typeof x === 'boolean') return { v: x, t: 'b' };
  return x;
}

export interface GridOptions {
  name?: string;
  merges?: string[];
  hiddenRows?: number[];
}

export function grid(rows: CellInput[][], opts: GridOptions = {}): SheetSnapshot {
  return {
    name: opts.name ?? 'Sheet1',
    cells: rows.map((r) => r.map(toCell)),
    merges: opts.merges ?? [],
    hiddenRows: opts.hiddenRows ?? [],
    hiddenColumns: [],
    protected: false,
    visibility: 'visible',
  };
}

/** Detect the (first) table of a grid and build a rule context; throws when none is found. */
export function contextOf(rows: CellInput[][], reference?: CellInput[][], opts: GridOptions = {}): RuleContext {
  const sheet = grid(rows, opts);
  const tables = detectSheet(sheet);
  if (tables.length === 0) throw new Error('test grid: no table detected');
  const ctx: RuleContext = { workbook: { sheets: [sheet] }, sheet, table: tables[0] };
  if (reference) ctx.reference = tableOf(reference);
  return ctx;
}

export function tableOf(rows: CellInput[][]): ScoringTable {
  const tables = detectSheet(grid(rows, { name: 'Mẫu' }));
  if (tables.length === 0) throw new Error('test grid: no table detected');
  return tables[0];
}

export interface Expected {
  code: FindingCode;
  severity: Severity;
  cell: string;
  /** Optional checks on the finding's params. */
  params?: Record<string, string | number>;
  criterion?: string;
  unit?: string;
}

export interface ValidCase {
  name: string;
  rows: CellInput[][];
  reference?: CellInput[][];
}

export interface InvalidCase extends ValidCase {
  errors: Expected[];
}

export function brief(f: Finding): string {
  return `${f.severity} ${f.code} ${f.cell}`;
}

/** typescript-eslint's RuleTester, in small: valid cases give nothing, invalid ones exactly `errors`. */
export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    if (cases.valid.length > 0) {
      it.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', (_name, c) => {
        const findings = rule.check(contextOf(c.rows, c.reference));
        expect(findings.map(brief)).toEqual([]);
      });
    }
    if (cases.invalid.length > 0) {
      it.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_name, c) => {
        const findings = rule.check(contextOf(c.rows, c.reference));
        const order = (s: string[]) => [...s].sort();
        expect(order(findings.map(brief))).toEqual(order(c.errors.map((e) => `${e.severity} ${e.code} ${e.cell}`)));
        for (const found of findings) {
          expect(rule.codes).toContain(found.code);
          expect(found.message.vi).not.toMatch(/undefined|NaN/);
          expect(found.message.en).not.toMatch(/undefined|NaN/);
        }
        for (const e of c.errors) {
          const shape: Record<string, unknown> = { code: e.code, cell: e.cell, severity: e.severity };
          if (e.params) shape.params = expect.objectContaining(e.params);
          if (e.criterion !== undefined) shape.criterion = e.criterion;
          if (e.unit !== undefined) shape.unit = e.unit;
          expect(findings).toEqual(expect.arrayContaining([expect.objectContaining(shape)]));
        }
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Fixtures

export const FIXTURES = SAMPLES;

/**
 * A sample workbook read by the project's own reader (src/hosts/xlsx/node.ts). No fallback: a
 * fixture the reader cannot read fails the test with the reader's message, as it would fail a user.
 */
export function readFixture(name: string): Promise<WorkbookSnapshot> {
  return readWorkbookFile(path.join(FIXTURES, name));
}

// ---------------------------------------------------------------------------------------------
// Table shapes

/** A consolidation: two header rows (group header over unit names); data rows start at row 3. */
export function cons(rows: CellInput[][], units: string[] = ['Xã A']): CellInput[][] {
  const group: CellInput[] = ['STT', 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'Điểm tối đa', 'Điểm đạt được của các đơn vị'];
  for (let i = 1; i < units.length; i++) group.push(null);
  return [group, [null, null, null, ...units], ...rows];
}

/**
 * A self-assessment: STT | title | max (C) | self (D) | appraised (E) | evidence (F) | note (G);
 * data rows start at row 2.
 */
export function card(rows: CellInput[][]): CellInput[][] {
  return [
    ['STT', 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Tài liệu kiểm chứng', 'Ghi chú'],
    ...rows,
  ];
}

/**
 * A published summary: STT | Đơn vị | area columns (C…) | Tổng điểm | Xếp hạng; row 2 holds the
 * maxima ("Điểm tối đa"), units from row 3.
 */
export function summary(areas: string[], maxima: CellInput[] | null, units: CellInput[][]): CellInput[][] {
  const header: CellInput[] = ['STT', 'Đơn vị', ...areas, 'Tổng điểm', 'Xếp hạng'];
  const rows: CellInput[][] = [header];
  if (maxima) rows.push([null, 'Điểm tối đa', ...maxima]);
  return [...rows, ...units];
}
