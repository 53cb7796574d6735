/**
 * The Word report in the pane (issue #18): the draft made by the same core function as the
 * command line (`par-scorecard report`, src/cli/report-command.ts) and rendered by the same
 * renderer (src/hosts/docx). This module is its own chunk ("report-docx"), loaded on the first
 * click: opening the pane does not fetch the document library.
 */
import type { Comparison, TableWithResult } from '../../core/compare';
import type { Locale } from '../../core/finding';
import type { TieRule } from '../../core/rank';
import { draftReport } from '../../core/report';
import { renderReportDocx } from '../../hosts/docx/render';

export interface BuiltReport {
  data: Uint8Array;
  /** Units in the document (one section each). */
  units: number;
  year: number | null;
}

/** `unit` null: every unit of the table, one section each, as `report` without --unit. */
export async function buildReport(
  current: TableWithResult,
  comparison: Comparison | null,
  unit: string | null,
  locale: Locale,
  ties?: TieRule,
): Promise<BuiltReport> {
  const draft = draftReport({ current, comparison }, { locale, unit, ties: ties ?? comparison?.ties });
  return { data: await renderReportDocx(draft), units: draft.sections.length, year: draft.year };
}
