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

export interface WorkbookState {
  ownedSheets: string[];
  ignoredFindings: string[];
  corrections: DetectionCorrection[];
}

export const emptyState = (): WorkbookState => ({ ownedSheets: [], ignoredFindings: [], corrections: [] });

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
  return rows;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
