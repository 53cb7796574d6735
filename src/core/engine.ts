/**
 * The engine's front door: a plain workbook snapshot in; tables, findings, exact results and
 * rankings out. Hosts (CLI, task pane, ribbon command) call only this module and the planners.
 */
import type { Finding } from './finding';
import { countFindings, sortFindings } from './finding';
import { detectWorkbook } from './detect';
import type { ScoringTable } from './model';
import { rankValues, type TieRule } from './rank';
import { validateTable } from './rules';
import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';
import { findingKey, readState, type WorkbookState } from './state';
import { computeTable, tableView, type SeriesResult, type TableResult } from './totals';
import { readTableCells } from './series-cells';

export interface AnalyzeOptions {
  /** The official blank form, for the reference rules (criteria missing, added, retitled, changed maximum). */
  reference?: WorkbookSnapshot;
  /** Keep findings the user chose to ignore (the task pane's "show ignored"). */
  includeIgnored?: boolean;
}

export interface Analysis {
  tables: ScoringTable[];
  results: TableResult[];
  findings: Finding[];
  /** Findings the user ignored (kept in the workbook state), left out of `findings`. */
  ignored: Finding[];
  state: WorkbookState;
}

export function sheetOf(workbook: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  return workbook.sheets.find((s) => s.name === name);
}

export function analyzeWorkbook(workbook: WorkbookSnapshot, options: AnalyzeOptions = {}): Analysis {
  const state = readState(workbook);
  // Sheets this tool generated (Xếp hạng …, So sánh …) are results, not inputs.
  const detection = detectWorkbook(workbook, { skipSheets: state.ownedSheets });
  const excluded = new Set(state.corrections.filter((c) => c.excluded).map((c) => c.tableId));
  const tables = detection.tables.filter((t) => !excluded.has(t.id)).map((t) => applyCorrections(t, state));
  const referenceTable = options.reference ? firstCriteriaTable(options.reference) : undefined;

  const findings: Finding[] = [...detection.findings];
  const results: TableResult[] = [];
  for (const table of tables) {
    const sheet = sheetOf(workbook, table.sheet);
    if (!sheet) continue;
    // One pass over the table's score cells and one sum of its tree, shared by the rules and the totals.
    const view = tableView(workbook, sheet, table, readTableCells(sheet, table));
    findings.push(...validateTable({ ...view.ctx, reference: referenceTable, view }));
    results.push(computeTable(view));
  }
  const ignoredKeys = new Set(state.ignoredFindings);
  const sorted = sortFindings(dedupe(findings));
  return {
    tables,
    results,
    findings: options.includeIgnored ? sorted : sorted.filter((f) => !ignoredKeys.has(findingKey(f))),
    ignored: sorted.filter((f) => ignoredKeys.has(findingKey(f))),
    state,
  };
}

function firstCriteriaTable(workbook: WorkbookSnapshot): ScoringTable | undefined {
  return detectWorkbook(workbook).tables.find((t) => t.layout !== 'summary');
}

/** A scorecard's totals use the column the user picked in the task pane (remembered in the workbook). */
function applyCorrections(table: ScoringTable, state: WorkbookState): ScoringTable {
  const correction = state.corrections.find((c) => c.tableId === table.id);
  if (!correction?.scoreSeries || table.layout !== 'scorecard') return table;
  const picked = table.series.filter((s) => s.role === correction.scoreSeries);
  return picked.length > 0 ? { ...table, series: picked } : table;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${findingKey(f)}|${f.unit ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export interface RankedSeries {
  result: SeriesResult;
  /** Rank among the table's filled series; null for scorecards and unfilled columns. */
  rank: number | null;
  /** Number of ranked series; null when the table is not ranked. */
  of: number | null;
  /** Rank per area key among the same series. */
  areaRanks: Map<string, number | null>;
}

/** Whether a table ranks its units: consolidations and summaries do, a single unit's scorecard does not. */
export function isRanked(table: ScoringTable): boolean {
  return table.layout !== 'scorecard';
}

export function rankTable(result: TableResult, ties: TieRule = 'competition'): RankedSeries[] {
  const ranked = isRanked(result.table);
  const series = result.series;
  const filled = series.map((s) => (ranked && s.filled ? s.total : null));
  const ranks = rankValues(filled, ties);
  const of = ranked ? series.filter((s) => s.filled).length : null;
  const areaKeys = series[0]?.areas.map((a) => a.criterion.key) ?? [];
  const areaRanks: (number | null)[][] = [];
  for (const key of areaKeys) {
    const values = series.map((s) => (ranked && s.filled ? (s.areas.find((a) => a.criterion.key === key)?.score ?? null) : null));
    areaRanks.push(rankValues(values, ties));
  }
  // (Keys deduplicated as a Map of them would: the first position, the last key's ranks.)
  const lastOf = new Map<string, number>();
  areaKeys.forEach((k, j) => lastOf.set(k, j));
  const columns = areaKeys.map((k) => areaRanks[lastOf.get(k)!]);
  return series.map((s, i) => {
    const byArea = new Map<string, number | null>();
    for (let j = 0; j < areaKeys.length; j++) byArea.set(areaKeys[j], columns[j][i]);
    return { result: s, rank: ranks[i], of, areaRanks: byArea };
  });
}

export { countFindings };
