/**
 * Helping officials type scores: data validation on the score cells (a decimal between 0 and the
 * criterion's maximum, with the criterion, its maximum and its scoring rule as the input message),
 * and what the task pane shows about the cell under the cursor. Pure: table and snapshot in, data out.
 *
 * Few rules, not one per cell: one rule per contiguous run of leaf rows with the same maximum,
 * spanning adjacent score columns (Excel slows down with thousands of validation rules).
 */
import type Decimal from 'decimal.js';
import { columnLetter, consecutiveRuns } from './a1';
import type { Locale } from './finding';
import { formatNumber } from './format';
import type { Criterion, ScoreSeries, ScoringTable } from './model';
import { scoreRowCol } from './model';
import type { DataValidationPlan, WritePlan } from './plan';
import { cellAt, isEmptyCell, type Cell, type SheetSnapshot } from './snapshot';
import { unitKey } from './text';
import type { TableResult } from './totals';
import { isLeaf } from './model';

/** Excel's limits for a data-validation prompt. */
export const INPUT_TITLE_MAX = 32;
export const INPUT_MESSAGE_MAX = 255;

const WORDS = {
  vi: {
    title: (max: string) => `Điểm tối đa: ${max}`,
    one: (max: string) => `Tối đa ${max} điểm.`,
    many: (max: string) => `Mỗi tiêu chí tối đa ${max} điểm.`,
    survey: 'Điểm điều tra xã hội học (có thể lẻ đến 3 chữ số thập phân).',
  },
  en: {
    title: (max: string) => `Maximum: ${max}`,
    one: (max: string) => `At most ${max} points.`,
    many: (max: string) => `At most ${max} points per criterion.`,
    survey: 'Survey score (up to 3 decimals).',
  },
} as const;

interface Cellish {
  /** Row (criteria-as-rows) or column (summary) that identifies the line to validate. */
  line: number;
  max: Decimal;
  label: string;
  rule?: string;
  survey: boolean;
}

/** Cut to `limit` characters (by code point), ending with an ellipsis when cut. */
function clip(s: string, limit: number): string {
  const chars = [...s];
  return chars.length <= limit
    ? s
    : `${chars
        .slice(0, limit - 1)
        .join('')
        .trimEnd()}…`;
}

function message(lines: Cellish[], locale: Locale): string {
  const w = WORDS[locale];
  const max = formatNumber(lines[0].max, locale);
  const rules = [...new Set(lines.map((l) => l.rule).filter((r): r is string => !!r))];
  const tail = [lines.length === 1 ? w.one(max) : w.many(max)];
  if (rules.length === 1) tail.push(rules[0]);
  else if (lines.every((l) => l.survey)) tail.push(w.survey);
  const tailText = tail.join('\n');
  const room = INPUT_MESSAGE_MAX - [...tailText].length - 1;
  let labels = lines.map((l) => l.label).join('\n');
  if ([...labels].length > room) {
    // Keep the first and last criterion's names: the run is contiguous, the reader knows the rest.
    labels = lines.length > 1 ? `${lines[0].label} … ${lines[lines.length - 1].label}` : labels;
  }
  return clip(`${clip(labels, Math.max(room, 20))}\n${tailText}`, INPUT_MESSAGE_MAX);
}

function labelOf(c: Criterion): string {
  return `${c.rawCode} ${c.title}`.trim();
}

/** The data-validation plan for a table's score cells. */
export function planScoreEntry(table: ScoringTable, locale: Locale = 'vi'): WritePlan {
  const w = WORDS[locale];
  const summary = table.layout === 'summary';
  const lines: Cellish[] = table.criteria
    .filter((c) => (summary ? c.depth === 1 : isLeaf(c)) && c.max !== null && c.max.greaterThan(0))
    .map((c) => ({
      line: summary ? c.col : c.row,
      max: c.max!,
      label: labelOf(c),
      rule: c.ruleText?.trim() || undefined,
      survey: c.survey,
    }));
  if (!summary) {
    for (const adj of table.adjustments) {
      if (adj.kind === 'bonus' && adj.max && adj.max.greaterThan(0))
        lines.push({ line: adj.row, max: adj.max, label: adj.title, survey: false });
    }
  }
  lines.sort((a, b) => a.line - b.line);

  // Contiguous runs with the same maximum.
  const runs: Cellish[][] = [];
  for (const l of lines) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (prev && l.line === prev.line + 1 && l.max.eq(prev.max)) run.push(l);
    else runs.push([l]);
  }

  const validations: DataValidationPlan[] = [];
  const seriesSpans = consecutiveRuns(table.series.map((s) => s.index));
  for (const run of runs) {
    const first = run[0].line;
    const last = run[run.length - 1].line;
    const maxText = formatNumber(run[0].max, locale);
    for (const [from, to] of seriesSpans) {
      const range = summary
        ? `${columnLetter(first)}${from}:${columnLetter(last)}${to}`
        : `${columnLetter(from)}${first}:${columnLetter(to)}${last}`;
      validations.push({
        sheet: table.sheet,
        range: range.split(':')[0] === range.split(':')[1] ? range.split(':')[0] : range,
        min: 0,
        max: run[0].max.toNumber(),
        inputTitle: clip(w.title(maxText), INPUT_TITLE_MAX),
        inputMessage: message(run, locale),
      });
    }
  }
  return { cellWrites: [], sheets: [], conditionalFormats: [], dataValidations: validations };
}

export type EvidenceState = 'filled' | 'missing' | 'survey' | 'none';

export interface ScoreCellInfo {
  table: ScoringTable;
  /** The criterion of the selected row (criteria as rows) or column (summary); null outside the criteria. */
  criterion: Criterion | null;
  /** The score column (or row) under the cursor; null when the cursor is on the code/title/max. */
  series: ScoreSeries | null;
  /** The score cell of that series for the criterion. */
  scoreCell: Cell | null;
  /** Evidence column state for a scorecard; 'none' when the table has no evidence column. */
  evidence: EvidenceState;
}

/** Which table, criterion and unit a cell belongs to; null when it is outside every table. */
export function locateScoreCell(tables: readonly ScoringTable[], sheet: SheetSnapshot, row: number, col: number): ScoreCellInfo | null {
  for (const table of tables) {
    if (table.sheet !== sheet.name) continue;
    if (table.layout === 'summary') {
      if (row < table.firstDataRow || row > table.lastDataRow) continue;
      const series = table.series.find((s) => s.index === row) ?? null;
      const criterion = table.criteria.find((c) => c.col === col) ?? null;
      if (!series) continue;
      const scoreCell = criterion ? cellAt(sheet, row, criterion.col) : null;
      return { table, criterion, series, scoreCell, evidence: 'none' };
    }
    const criterion = table.criteria.find((c) => c.row === row) ?? null;
    if (!criterion) {
      if (row >= table.firstDataRow && row <= table.lastDataRow)
        return { table, criterion: null, series: null, scoreCell: null, evidence: 'none' };
      continue;
    }
    const series = table.series.find((s) => s.index === col) ?? null;
    const shown = series ?? (table.series.length === 1 ? table.series[0] : null);
    const at = shown ? scoreRowCol(table, criterion, shown) : null;
    let evidence: EvidenceState = 'none';
    if (table.evidenceCol > 0 && isLeaf(criterion)) {
      evidence = criterion.survey ? 'survey' : isEmptyCell(cellAt(sheet, row, table.evidenceCol)) ? 'missing' : 'filled';
    }
    return { table, criterion, series: shown, scoreCell: at ? cellAt(sheet, at.row, at.col) : null, evidence };
  }
  return null;
}

/**
 * The prior year's value of a criterion for a unit: the prior series with the same unit name
 * (or, for one-unit scorecards, the same role), by criterion key. Undefined when not found.
 */
export function priorScoreOf(
  current: ScoringTable,
  series: ScoreSeries,
  criterionKey: string,
  prior: TableResult,
  /** Current unit name → prior unit name, from a comparison's unit matching. */
  unitMap?: ReadonlyMap<string, string>,
): Decimal | undefined {
  let wanted: TableResult['series'][number] | undefined;
  if (prior.table.layout === 'scorecard') {
    wanted = prior.series.find((s) => s.series.role === series.role) ?? prior.series.find((s) => s.filled);
  } else {
    // A one-unit scorecard is matched by the unit named in its title.
    const name = current.layout === 'scorecard' ? current.unitName : series.name;
    if (!name) return undefined;
    const mapped = unitMap?.get(name) ?? name;
    const key = unitKey(mapped);
    wanted = prior.series.find((s) => s.series.name === mapped) ?? prior.series.find((s) => unitKey(s.series.name) === key);
  }
  return wanted?.values.get(criterionKey);
}
