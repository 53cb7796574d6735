/**
 * What PAR Scorecard remembers inside the workbook, so that it survives save and reopen in any
 * host: the sheets it generated (a re-run replaces only those), the findings the user chose to
 * ignore, and corrections to detection. Kept as key/value text rows in a very hidden sheet, which
 * both Excel (Office.js) and .xlsx files preserve.
 */
import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';
import { cellText } from './snapshot';
import type { Finding } from './finding';

export const STATE_SHEET_NAME = 'PAR_Scorecard_State';

export interface DetectionCorrection {
  /** Table id (`sheet!range`) the correction applies to. */
  tableId: string;
  /** For a scorecard: which score column the totals use. */
  scoreSeries?: 'self' | 'appraised';
  /** The user excluded this table. */
  excluded?: boolean;
}

/** A conditional format this tool added to one of the user's sheets (hosts cannot tag formats). */
export interface OwnedConditionalFormat {
  sheet: string;
  /** A1 range the format applies to. */
  range: string;
  /** The rule's formula, with the leading '='. */
  formula: string;
}

export interface WorkbookState {
  ownedSheets: string[];
  ignoredFindings: string[];
  corrections: DetectionCorrection[];
  /** Highlights on the user's sheets that "clear highlights" may remove. */
  ownedConditionalFormats: OwnedConditionalFormat[];
}

export const emptyState = (): WorkbookState => ({
  ownedSheets: [],
  ignoredFindings: [],
  corrections: [],
  ownedConditionalFormats: [],
});

/** The key under which a finding is ignored: stable across runs as long as code and cell hold. */
export function findingKey(f: Pick<Finding, 'code' | 'sheet' | 'cell'>): string {
  return `${f.code}|${f.sheet}!${f.cell}`;
}

export function isStateSheet(sheet: Pick<SheetSnapshot, 'name'>): boolean {
  return sheet.name === STATE_SHEET_NAME;
}

export function readState(workbook: WorkbookSnapshot): WorkbookState {
  const state = emptyState();
  const sheet = workbook.sheets.find(isStateSheet);
  if (!sheet) return state;
  for (const row of sheet.cells) {
    if (!row) continue;
    const key = cellText(row[0]);
    const value = cellText(row[1]);
    if (!value) continue;
    if (key === 'owned-sheet') state.ownedSheets.push(value);
    else if (key === 'ignored-finding') state.ignoredFindings.push(value);
    else if (key === 'correction') {
      try {
        const c = JSON.parse(value) as DetectionCorrection;
        if (c && typeof c.tableId === 'string') state.corrections.push(c);
      } catch {
        // A hand-edited, unreadable correction is dropped rather than failing the whole workbook.
      }
    } else if (key === 'owned-cf') {
      try {
        const c = JSON.parse(value) as OwnedConditionalFormat;
        if (c && typeof c.sheet === 'string' && typeof c.range === 'string' && typeof c.formula === 'string') {
          state.ownedConditionalFormats.push({ sheet: c.sheet, range: c.range, formula: c.formula });
        }
      } catch {
        // Same as corrections: an unreadable entry is dropped.
      }
    }
  }
  return state;
}

/** The state as two-column text rows (key, value), for hosts to write into the state sheet. */
export function stateRows(state: WorkbookState): [string, string][] {
  const rows: [string, string][] = [['PAR Scorecard', 'state v1 — do not edit']];
  for (const s of unique(state.ownedSheets)) rows.push(['owned-sheet', s]);
  for (const k of unique(state.ignoredFindings)) rows.push(['ignored-finding', k]);
  for (const c of state.corrections) rows.push(['correction', JSON.stringify(c)]);
  const seen = new Set<string>();
  for (const c of state.ownedConditionalFormats ?? []) {
    const v = JSON.stringify({ sheet: c.sheet, range: c.range, formula: c.formula });
    if (seen.has(v)) continue;
    seen.add(v);
    rows.push(['owned-cf', v]);
  }
  return rows;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
