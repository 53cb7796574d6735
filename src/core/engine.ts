/**
 * The engine's front door: a plain workbook snapshot in; tables, findings, exact results and
 * rankings out. Hosts (CLI, task pane, ribbon command) call only this module and the planners.
 */
import type Decimal from 'decimal.js';
import type { Finding } from './finding';
import { countFindings, sortFindings } from './finding';
import { detectWorkbook } from './detect';
import type { ScoringTable } from './model';
import { rankValues, type TieRule } from './rank';
import { validateTable } from './rules';
import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';
import { findingKey, readState, type WorkbookState } from './state';
import { computeTable, type AreaResult, type SeriesResult, type TableResult } from './totals';
import { withSeriesCellCache } from './series-cells';

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
  // Performance (bench/): the rules and the totals share one read of each series' cells.
  return withSeriesCellCache(() => analyze(workbook, options));
}

function analyze(workbook: WorkbookSnapshot, options: AnalyzeOptions): Analysis {
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
    findings.push(...validateTable({ workbook, sheet, table, reference: referenceTable }));
    results.push(computeTable(table, sheet));
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
  for (let j = 0; j < areaKeys.length; j++) {
    const key = areaKeys[j];
    const values: (Decimal | null)[] = new Array(series.length);
    for (let i = 0; i < series.length; i++) {
      const s = series[i];
      values[i] = ranked && s.filled ? (areaScore(s, key)?.score ?? null) : null;
    }
    areaRanks.push(rankValues(values, ties));
  }
  // (Keys deduplicated as a Map of them would: the first position, the last key's ranks.)
  const lastOf = new Map<string, number>();
  areaKeys.forEach((k, j) => lastOf.set(k, j));
  const columns = areaKeys.map((k) => areaRanks[lastOf.get(k)!]);
  const firstOf = new Map<string, number>();
  areaKeys.forEach((k, j) => {
    if (!firstOf.has(k)) firstOf.set(k, j);
  });
  const byArea: AreaRankColumns = { keys: areaKeys, columns, firstOf };
  return series.map((s, i) => ({ result: s, rank: ranks[i], of, areaRanks: new AreaRanks(byArea, i) }));
}

/** The area ranks of a table, one column per area key (shared by its series' AreaRanks). */
interface AreaRankColumns {
  keys: string[];
  /** Per position in `keys`: every series' rank for that key. */
  columns: (number | null)[][];
  /** Key → its first position in `keys`. */
  firstOf: Map<string, number>;
}

/**
 * RankedSeries.areaRanks, made on demand (performance, bench/: a summary ranks thousands of units,
 * and a Map of every unit's area ranks was most of what ranking allocated). `get` and `has` answer
 * from the table's rank columns; any other use (iteration, size of a changed map, set, delete)
 * first fills the Map in the order it was filled before, then behaves as a plain Map.
 */
class AreaRanks extends Map<string, number | null> {
  /** True once the Map holds the ranks (then it answers as a plain Map). */
  private filled = false;

  constructor(
    private readonly table: AreaRankColumns,
    private readonly series: number,
  ) {
    super();
  }

  private fill(): void {
    if (this.filled) return;
    this.filled = true;
    const { keys, columns } = this.table;
    for (let j = 0; j < keys.length; j++) super.set(keys[j], columns[j][this.series]);
  }

  override get(key: string): number | null | undefined {
    if (this.filled) return super.get(key);
    const j = this.table.firstOf.get(key);
    return j === undefined ? undefined : this.table.columns[j][this.series];
  }

  override has(key: string): boolean {
    return this.filled ? super.has(key) : this.table.firstOf.has(key);
  }

  override get size(): number {
    return this.filled ? super.size : this.table.firstOf.size;
  }

  override set(key: string, value: number | null): this {
    this.fill();
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.fill();
    return super.delete(key);
  }

  override clear(): void {
    this.filled = true;
    super.clear();
  }

  override forEach(fn: (value: number | null, key: string, map: Map<string, number | null>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach(fn, thisArg);
  }

  override entries(): MapIterator<[string, number | null]> {
    this.fill();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.fill();
    return super.keys();
  }

  override values(): MapIterator<number | null> {
    this.fill();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, number | null]> {
    this.fill();
    return super[Symbol.iterator]();
  }
}

/** The first area of `s` with this key (a plain loop, no closure per unit: performance, bench/). */
function areaScore(s: SeriesResult, key: string): AreaResult | undefined {
  const areas = s.areas;
  for (let i = 0; i < areas.length; i++) if (areas[i].criterion.key === key) return areas[i];
  return undefined;
}

export { countFindings };
