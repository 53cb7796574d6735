/**
 * Test helpers: read a sample workbook (samples/) into a snapshot (the .xlsx host's `readWorkbookFile`),
 * detect its first table and compute it.
 */
import * as path from 'path';
import { parseCode } from '../../../src/core/codes';
import { detectWorkbook } from '../../../src/core/detect';
import type { ScoringTable } from '../../../src/core/model';
import type { Cell, SheetSnapshot, WorkbookSnapshot } from '../../../src/core/snapshot';
import { computeTable, tableView, type TableResult } from '../../../src/core/totals';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { SAMPLES } from '../../support/shared';

export const FIXTURES = SAMPLES;

/**
 * A sample workbook read by the project's own reader (src/hosts/xlsx/node.ts). No fallback: a
 * fixture the reader cannot read fails the test with the reader's message, as it would fail a user.
 */
export function readFixture(name: string): Promise<WorkbookSnapshot> {
  return readWorkbookFile(path.join(FIXTURES, name));
}

export interface Loaded {
  table: ScoringTable;
  result: TableResult;
  sheet: SheetSnapshot;
  workbook: WorkbookSnapshot;
}

export function loadFromSnapshot(workbook: WorkbookSnapshot, index = 0): Loaded {
  const { tables } = detectWorkbook(workbook);
  const table = tables[index];
  if (!table) throw new Error(`no table ${index} in ${workbook.fileName}`);
  const sheet = workbook.sheets.find((s) => s.name === table.sheet) as SheetSnapshot;
  return { table, result: computeTable(tableView(workbook, sheet, table)), sheet, workbook };
}

const cache = new Map<string, Promise<WorkbookSnapshot>>();

/** Detect and compute the first table of a fixture (the snapshot is cached; tables are fresh). */
export async function loadFixture(name: string, index = 0): Promise<Loaded> {
  if (!cache.has(name)) cache.set(name, readFixture(name));
  return loadFromSnapshot(await (cache.get(name) as Promise<WorkbookSnapshot>), index);
}

/** A deep copy of a snapshot with some cells replaced (row/col 1-based). */
export function editSnapshot(
  wb: WorkbookSnapshot,
  sheetName: string,
  edits: { row: number; col: number; cell: Cell | null }[],
): WorkbookSnapshot {
  const copy: WorkbookSnapshot = JSON.parse(JSON.stringify(wb));
  const sheet = copy.sheets.find((s) => s.name === sheetName) as SheetSnapshot;
  for (const e of edits) {
    while (sheet.cells.length < e.row) sheet.cells.push([]);
    const r = sheet.cells[e.row - 1] ?? (sheet.cells[e.row - 1] = []);
    r[e.col - 1] = e.cell;
  }
  return copy;
}

export interface SyntheticCriterion {
  code: string;
  title: string;
  max: number;
}

/**
 * A consolidation (criteria as rows, one column per unit) in the shape of the official forms.
 * `scores[u][i]` is unit u's score for the i-th LEAF criterion (in order); null leaves the cell empty.
 * Parent rows are left empty (the engine sums children).
 */
export function consolidation(opts: {
  year: number;
  units: string[];
  criteria: SyntheticCriterion[];
  scores: (number | null)[][];
  group?: string;
  sheet?: string;
}): WorkbookSnapshot {
  const codes = opts.criteria.map((c) => parseCode(c.code)?.key ?? c.code);
  const isLeafCode = (k: string) => !codes.some((o) => o.startsWith(k + '.'));
  const cells: (Cell | null)[][] = [];
  const t = (v: string): Cell => ({ v, t: 's' });
  const n = (v: number): Cell => ({ v, t: 'n' });
  cells[0] = [t('UBND TỈNH MẪU')];
  cells[3] = [t(`BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${opts.year} CỦA UBND CÁC ${opts.group ?? 'XÃ, PHƯỜNG'}`)];
  cells[5] = [t('STT'), t('Lĩnh vực/Tiêu chí/Tiêu chí thành phần'), t('Điểm tối đa'), t('Điểm đạt được của các đơn vị')];
  cells[6] = [null, null, null, ...opts.units.map(t)];
  let leaf = 0;
  opts.criteria.forEach((c, i) => {
    const row: (Cell | null)[] = [t(c.code), t(c.title), n(c.max)];
    if (isLeafCode(codes[i])) {
      opts.units.forEach((_u, k) => {
        const s = opts.scores[k]?.[leaf];
        row[3 + k] = s === null || s === undefined ? null : n(s);
      });
      leaf++;
    }
    cells[7 + i] = row;
  });
  cells[7 + opts.criteria.length] = [null, t('TỔNG ĐIỂM')];
  const lastCol = String.fromCharCode(67 + opts.units.length);
  return {
    fileName: `tong-hop-${opts.year}.xlsx`,
    sheets: [
      {
        name: opts.sheet ?? 'Tổng hợp',
        cells,
        merges: [`D6:${lastCol}6`, 'A6:A7', 'B6:B7', 'C6:C7'],
        hiddenRows: [],
        hiddenColumns: [],
        protected: false,
        visibility: 'visible',
      },
    ],
  };
}

/** A small criteria set: two areas, five leaves (maxima 1, 2, 2, 3, 2 → areas 5 and 5). */
export const SMALL_SET: SyntheticCriterion[] = [
  { code: 'I', title: 'Công tác chỉ đạo, điều hành', max: 5 },
  { code: '1.1', title: 'Kế hoạch CCHC', max: 3 },
  { code: '1.1.1', title: 'Ban hành kế hoạch', max: 1 },
  { code: '1.1.2', title: 'Mức độ thực hiện kế hoạch', max: 2 },
  { code: '1.2', title: 'Tuyên truyền', max: 2 },
  { code: 'II', title: 'Cải cách thể chế', max: 5 },
  { code: '2.1', title: 'Ban hành văn bản', max: 3 },
  { code: '2.2', title: 'Rà soát văn bản', max: 2 },
];
