/**
 * One unit's self-assessment form as the consolidation sees it: the scorecard table, the unit's
 * name, the year, the criteria signature and both score series (self-assessed, appraised) per
 * criterion, with the evidence and note cited in each row.
 */
import Decimal from 'decimal.js';
import { analyzeWorkbook, sheetOf, type Analysis } from '../engine';
import type { Criterion, ScoreSeries, ScoringTable } from '../model';
import { scoreRowCol } from '../model';
import { readScore } from '../scores';
import { cellAt, cellText, type SheetSnapshot, type WorkbookSnapshot } from '../snapshot';
import { cleanText, foldText } from '../text';
import type { SeriesResult } from '../totals';

/** One entry of a criteria signature: what makes two forms "the same criteria set". */
export interface SignatureEntry {
  key: string;
  folded: string;
  /** The maximum at 3 decimals, or null when missing. */
  max: string | null;
}

export interface SeriesScores {
  series: ScoreSeries;
  result: SeriesResult;
  filled: boolean;
}

export interface FormData {
  file: string;
  /** Position in the input list (stable tie-break). */
  order: number;
  analysis: Analysis;
  table: ScoringTable;
  sheet: SheetSnapshot;
  unit: string;
  unitFromFile: boolean;
  year: number | null;
  signature: SignatureEntry[];
  signatureKey: string;
  /** Scored scorecard tables in the file (more than one is reported). */
  scoredTables: number;
  self: SeriesScores | null;
  appraised: SeriesScores | null;
}

export type FormProblem = { kind: 'no-scorecard'; analysis: Analysis } | { kind: 'no-scores'; analysis: Analysis; table: ScoringTable };

export function signatureOf(table: ScoringTable): SignatureEntry[] {
  return table.criteria.map((c) => ({
    key: c.key,
    folded: foldText(c.title),
    max: c.max ? c.max.toFixed(3) : null,
  }));
}

export function signatureKeyOf(entries: SignatureEntry[]): string {
  return entries.map((e) => `${e.key}\u0001${e.folded}\u0001${e.max ?? ''}`).join('\u0002');
}

/** "tu-danh-gia-xa-hoa-binh-2025.xlsx" → "tu-danh-gia-xa-hoa-binh-2025" (the fallback unit name). */
export function unitNameFromFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return cleanText(base.replace(/\.[^.]+$/, '')) || base;
}

/** Read a form: the first scorecard table that holds scores. */
export function readForm(file: string, order: number, workbook: WorkbookSnapshot): FormData | FormProblem {
  const analysis = analyzeWorkbook(workbook);
  const candidates = analysis.results.filter((r) => r.table.layout === 'scorecard');
  if (candidates.length === 0) return { kind: 'no-scorecard', analysis };
  const scored = candidates.filter((r) => r.series.some((s) => s.filled));
  if (scored.length === 0) return { kind: 'no-scores', analysis, table: candidates[0].table };
  const result = scored[0];
  const table = result.table;
  const sheet = sheetOf(workbook, table.sheet)!;
  const pick = (role: 'self' | 'appraised'): SeriesScores | null => {
    const r = result.series.find((s) => s.series.role === role);
    return r ? { series: r.series, result: r, filled: r.filled } : null;
  };
  const signature = signatureOf(table);
  return {
    file,
    order,
    analysis,
    table,
    sheet,
    unit: table.unitName ?? unitNameFromFile(file),
    unitFromFile: !table.unitName,
    year: table.year,
    signature,
    signatureKey: signatureKeyOf(signature),
    scoredTables: scored.length,
    self: pick('self'),
    appraised: pick('appraised'),
  };
}

export function isProblem(f: FormData | FormProblem): f is FormProblem {
  return 'kind' in f;
}

/**
 * The score of criterion `key` in a series: a leaf's numeric cell (null when empty or not a number,
 * as Excel's SUM would count it), a parent's exact sum, null when the form has no such criterion.
 */
export function scoreOf(form: FormData, s: SeriesScores, key: string): Decimal | null {
  const c = criterionOf(form, key);
  if (!c) return null;
  if (c.childKeys.length > 0) return s.result.values.get(key) ?? null;
  const { row, col } = scoreRowCol(form.table, c, s.series);
  const r = readScore(cellAt(form.sheet, row, col));
  return r.kind === 'number' ? r.value : null;
}

export function criterionOf(form: FormData, key: string): Criterion | undefined {
  return form.table.criteria.find((c) => c.key === key);
}

/** Text of a row's evidence (Tài liệu kiểm chứng) or note (Ghi chú / Giải trình) cell. */
export function rowText(form: FormData, key: string, which: 'evidence' | 'note'): string {
  const c = criterionOf(form, key);
  const col = which === 'evidence' ? form.table.evidenceCol : form.table.noteCol;
  if (!c || !col) return '';
  return cleanText(cellText(cellAt(form.sheet, c.row, col)));
}

/** A bonus or penalty value of the form (0 when the form has no such row or it is empty). */
export function adjustmentOf(form: FormData, s: SeriesScores, kind: 'bonus' | 'penalty'): Decimal | null {
  const rows = form.table.adjustments.filter((a) => a.kind === kind);
  if (rows.length === 0) return null;
  let total = new Decimal(0);
  let any = false;
  for (const a of rows) {
    const r = readScore(cellAt(form.sheet, a.row, s.series.index));
    if (r.kind !== 'number') continue;
    total = total.plus(kind === 'penalty' ? r.value.abs() : r.value);
    any = true;
  }
  return any ? total : null;
}
