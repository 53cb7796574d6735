/**
 * Resolving the comparison the pane shows: the current-year table (the one the user chose, else
 * the first ranked table, as the CLI does) against the prior-year source kept in the session.
 */
import { useMemo } from 'react';
import { compareYears, type Comparison, type TableWithResult } from '../../../core/compare';
import { analyzeWorkbook, isRanked, type Analysis } from '../../../core/engine';
import type { WorkbookSnapshot } from '../../../core/snapshot';
import { useSession, type PriorSource } from '../../session/WorkbookSession';

export function withResult(analysis: Analysis, tableId: string | null | undefined): TableWithResult | null {
  const result = tableId ? analysis.results.find((r) => r.table.id === tableId) : undefined;
  return result ? { table: result.table, result } : null;
}

/** The table a comparison uses by default: the first ranked table (consolidation or summary), else the first. */
export function defaultTable(analysis: Analysis): TableWithResult | null {
  const result = analysis.results.find((r) => isRanked(r.table)) ?? analysis.results[0];
  return result ? { table: result.table, result } : null;
}

export function priorOf(analysis: Analysis, prior: PriorSource | null): TableWithResult | null {
  if (!prior) return null;
  if (prior.kind === 'file') return { table: prior.table, result: prior.result };
  return withResult(analysis, prior.tableId);
}

/** A picked prior-year workbook: its first ranked table (or first table); null when it has none. */
export function priorFromWorkbook(workbook: WorkbookSnapshot): TableWithResult | null {
  return defaultTable(analyzeWorkbook(workbook));
}

export interface ResolvedComparison {
  current: TableWithResult | null;
  prior: TableWithResult | null;
  comparison: Comparison | null;
}

export function resolveComparison(analysis: Analysis | null, currentId: string | null, prior: PriorSource | null): ResolvedComparison {
  if (!analysis) return { current: null, prior: null, comparison: null };
  const current = withResult(analysis, currentId) ?? defaultTable(analysis);
  const priorTable = priorOf(analysis, prior);
  if (!current || !priorTable || (prior?.kind === 'workbook' && priorTable.table.id === current.table.id)) {
    return { current, prior: priorTable, comparison: null };
  }
  return { current, prior: priorTable, comparison: compareYears(current, priorTable) };
}

/** The session's comparison, recomputed when the workbook or the choice changes. */
export function useComparison(): ResolvedComparison {
  const { analysis, compareTableId, prior } = useSession();
  return useMemo(() => resolveComparison(analysis, compareTableId, prior), [analysis, compareTableId, prior]);
}
