/**
 * One defect per file, in the same cells as the shared loi-*.xlsx fixtures: each is a consolidation
 * with typed parent rows and no rank row, with one cell spoilt.
 */
import type ExcelJS from 'exceljs';
import { a1 } from '../core/a1';
import type { ConsolidatedLayout } from './builders';
import type { CriteriaSet } from './criteria';
import { milliToNumber, milliToVi, QUARTER } from './scores';

export type DefectKind =
  | 'above-max'
  | 'number-as-text'
  | 'div0'
  | 'area-max-mismatch'
  | 'duplicate-code'
  | 'formula-like-name';

export interface DefectSpec {
  kind: DefectKind;
  file: string;
  severity: 'error' | 'warning or error' | 'none';
  what: string;
  /** The criterion row concerned (by key) and the unit column (index), when there is one. */
  criterion?: string;
  unit?: number;
}

export const DEFECTS: DefectSpec[] = [
  { kind: 'above-max', file: 'loi-vuot-diem-toi-da.xlsx', severity: 'error', what: 'score above the maximum', criterion: '3.2.1', unit: 0 },
  {
    kind: 'number-as-text',
    file: 'loi-so-dang-chu.xlsx',
    severity: 'warning or error',
    what: 'number stored as text with a decimal comma',
    criterion: '1.3',
    unit: 4,
  },
  { kind: 'div0', file: 'loi-div0.xlsx', severity: 'error', what: 'error value in a score cell', criterion: '6.1', unit: 7 },
  {
    kind: 'area-max-mismatch',
    file: 'loi-tong-diem-toi-da.xlsx',
    severity: 'error',
    what: 'area maximum differs from the sum of its criteria',
    criterion: '7',
  },
  {
    kind: 'duplicate-code',
    file: 'loi-trung-ma.xlsx',
    severity: 'error',
    what: 'duplicate criterion code (either occurrence may be reported)',
    criterion: '5.2',
  },
  {
    kind: 'formula-like-name',
    file: 'loi-ten-don-vi-cong-thuc.xlsx',
    severity: 'none',
    what: 'a unit name that looks like a formula must be written back as text, never as a formula',
    unit: 1,
  },
];

/** The A1 cell a defect spoils in a consolidation with this layout. */
export function defectCell(spec: DefectSpec, layout: ConsolidatedLayout): string {
  const row = spec.criterion ? layout.rows.get(spec.criterion) : undefined;
  switch (spec.kind) {
    case 'above-max':
    case 'number-as-text':
    case 'div0':
      return a1(row!, layout.firstUnitCol + spec.unit!);
    case 'area-max-mismatch':
      return a1(row!, layout.maxCol);
    case 'duplicate-code':
      return a1(row!, layout.codeCol);
    case 'formula-like-name':
      return a1(layout.unitRow, layout.firstUnitCol + spec.unit!);
  }
}

/** Spoil one cell of a built consolidation. Returns the cell's address. */
export function applyDefect(
  ws: ExcelJS.Worksheet,
  spec: DefectSpec,
  layout: ConsolidatedLayout,
  criteria: CriteriaSet,
): string {
  const address = defectCell(spec, layout);
  const cell = ws.getCell(address);
  const node = spec.criterion ? criteria.byKey.get(spec.criterion)! : undefined;
  switch (spec.kind) {
    case 'above-max':
      cell.value = milliToNumber(node!.maxMilli + 2 * QUARTER);
      break;
    case 'number-as-text': {
      // A plausible score typed with a decimal comma ("1,25") in an English-locale Excel.
      let typed = Math.max(0, node!.maxMilli - QUARTER);
      if (typed % 1000 === 0 && typed >= QUARTER) typed -= QUARTER;
      cell.value = milliToVi(typed);
      break;
    }
    case 'div0':
      cell.value = { error: '#DIV/0!' };
      break;
    case 'area-max-mismatch':
      cell.value = milliToNumber(node!.maxMilli - 1000);
      break;
    case 'duplicate-code': {
      const parts = node!.key.split('.');
      parts[parts.length - 1] = String(Number(parts[parts.length - 1]) - 1);
      cell.value = parts.join('.');
      break;
    }
    case 'formula-like-name':
      cell.value = '=1+1';
      break;
  }
  return address;
}
