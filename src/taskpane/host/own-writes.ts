/**
 * Tells the change events of the add-in's own writes from the user's edits, so that applying a
 * plan or saving the state ("Bỏ qua") does not make the pane read the whole workbook a second time.
 *
 * Excel raises onChanged for the add-in's own writes as for the user's ("Work with Events using
 * the Excel JavaScript API", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events,
 * "Event triggers": "Office Add-in (JavaScript) code that changes the workbook"). Their `source` is
 * Local like the user's typing (Excel.EventSource, ExcelApi 1.7), so it cannot tell them apart.
 *  - ExcelApi 1.14 and later: WorksheetChangedEventArgs.triggerSource is "ThisLocalAddin" ("The event
 *    is triggered by the Office JS API of the current add-in") for ours and "Unknown" otherwise —
 *    exact, and a user's edit during our write still counts.
 *  - Below 1.14 (Excel 2019, 2021) triggerSource is absent: an event is ours when it arrives while
 *    our write runs or within OWN_WRITE_ECHO_MS after it, and lies entirely in what that write
 *    touched (the cells of the plan, the sheets it generated, the state sheet). A user's edit of
 *    exactly those cells in that moment is not re-validated until the next edit; the pane reads the
 *    workbook once after every write anyway, which picks up edits made before that read.
 * (context.runtime.enableEvents = false, ExcelApi 1.8, would also silence the user's edits made
 * meanwhile, and needs 1.8.)
 */
import { a1, parseRange } from '../../core/a1';
import type { WritePlan } from '../../core/plan';
import { STATE_SHEET_NAME } from '../../core/state';

/** How long after our write ends an event without triggerSource may still be its echo. */
export const OWN_WRITE_ECHO_MS = 2000;

/** Events over larger ranges are never taken for ours below ExcelApi 1.14 (checked cell by cell). */
const MAX_CHECKED_CELLS = 100_000;

/** What one write touches: whole sheets (generated, state) and single cells of the user's sheets. */
export interface Footprint {
  sheets: Set<string>;
  cells: Map<string, Set<string>>;
}

/** A change event as the pane receives it; triggerSource only from ExcelApi 1.14. */
export interface ChangeEvent {
  sheet: string;
  address: string;
  triggerSource?: string;
}

/** The footprint of a plan: its cell writes, its generated sheets (as named), the state sheet. */
export function footprintOf(plan: WritePlan | null, extraSheets: Iterable<string> = []): Footprint {
  const sheets = new Set<string>([STATE_SHEET_NAME, ...extraSheets]);
  const cells = new Map<string, Set<string>>();
  for (const s of plan?.sheets ?? []) sheets.add(s.name);
  for (const w of plan?.cellWrites ?? []) {
    let set = cells.get(w.sheet);
    if (!set) cells.set(w.sheet, (set = new Set()));
    set.add(w.address.replace(/\$/g, '').toUpperCase());
  }
  return { sheets, cells };
}

function covers(footprint: Footprint, event: ChangeEvent): boolean {
  if (footprint.sheets.has(event.sheet)) return true;
  const cells = footprint.cells.get(event.sheet);
  if (!cells) return false;
  let r;
  try {
    r = parseRange(event.address.replace(/^.*!/, '').replace(/\$/g, ''));
  } catch {
    return false;
  }
  if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > MAX_CHECKED_CELLS) return false;
  for (let row = r.top; row <= r.bottom; row++) {
    for (let col = r.left; col <= r.right; col++) if (!cells.has(a1(row, col))) return false;
  }
  return true;
}

export class OwnWrites {
  private writes: { footprint: Footprint; until: number }[] = [];
  private running = 0;
  private waiting: (() => void)[] = [];

  constructor(private readonly now: () => number = () => Date.now()) {}

  /**
   * A write starts; call the returned end() once it has finished or failed, with the names the
   * generated sheets got (known only then).
   */
  begin(footprint: Footprint): { end(moreSheets?: Iterable<string>): void } {
    const entry = { footprint, until: Infinity };
    this.writes.push(entry);
    this.running++;
    let ended = false;
    return {
      end: (moreSheets = []) => {
        if (ended) return;
        ended = true;
        for (const s of moreSheets) footprint.sheets.add(s);
        entry.until = this.now() + OWN_WRITE_ECHO_MS;
        if (--this.running === 0) for (const wake of this.waiting.splice(0)) wake();
      },
    };
  }

  /** Resolves when no write of ours is running (footprints are complete only then). */
  settled(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** True when a change event is the echo of one of our own writes, not the user's edit. */
  isEcho(event: ChangeEvent): boolean {
    if (event.triggerSource === 'ThisLocalAddin') return true;
    if (event.triggerSource !== undefined) return false;
    const now = this.now();
    this.writes = this.writes.filter((w) => w.until >= now);
    return this.writes.some((w) => covers(w.footprint, event));
  }
}
