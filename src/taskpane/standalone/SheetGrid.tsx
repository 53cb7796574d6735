/**
 * The sheet preview's window: a grid of at most PREVIEW_ROWS × PREVIEW_COLS cells from `origin`,
 * the cells with findings coloured by severity (Fluent status tokens), the tool's highlights in
 * Excel's colours, the selected cell outlined. Keys move the selection like Excel's (one tab stop,
 * a roving tabindex); a click selects a cell. Cell text is rendered as React text, never as HTML.
 */
import { Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, type KeyboardEvent, type ReactElement } from 'react';
import { a1, columnLetter, parseA1 } from '../../core/a1';
import type { Severity } from '../../core/finding';
import { formatNumber } from '../../core/format';
import type { HighlightStyle } from '../../core/plan';
import { columnCount, rowCount, type Cell, type SheetSnapshot } from '../../core/snapshot';
import { HIGHLIGHT_COLORS, cssColor } from '../../hosts/palette';
import type { CellEvent } from '../host/types';
import { useI18n } from '../i18n';
import { useSession, type WorkbookSession } from '../session/WorkbookSession';
import { highlightedCells, type PreviewHighlight } from './highlights';
import { useStandaloneText } from './strings';

export const PREVIEW_ROWS = 60;
export const PREVIEW_COLS = 20;

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3 },
  scroller: {
    overflow: 'auto',
    maxHeight: '70vh',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    borderCollapse: 'separate',
    borderSpacing: '0',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
  },
  corner: {
    position: 'sticky',
    top: '0',
    left: '0',
    zIndex: 3,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  colHeader: {
    position: 'sticky',
    top: '0',
    zIndex: 2,
    minWidth: '3.5em',
    paddingInline: tokens.spacingHorizontalXS,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  rowHeader: {
    position: 'sticky',
    left: '0',
    zIndex: 1,
    paddingInline: tokens.spacingHorizontalXS,
    textAlign: 'end',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  cell: {
    maxWidth: '14em',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    paddingInline: tokens.spacingHorizontalXS,
    paddingBlock: tokens.spacingVerticalXXS,
    cursor: 'pointer',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} dashed ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  number: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  formula: { color: tokens.colorNeutralForeground2 },
  error: {
    backgroundColor: tokens.colorStatusDangerBackground1,
    color: tokens.colorStatusDangerForeground1,
    boxShadow: `inset 0 0 0 ${tokens.strokeWidthThin} ${tokens.colorStatusDangerBorder1}`,
    ':hover': { backgroundColor: tokens.colorStatusDangerBackground2 },
  },
  warning: {
    backgroundColor: tokens.colorStatusWarningBackground1,
    color: tokens.colorStatusWarningForeground3,
    boxShadow: `inset 0 0 0 ${tokens.strokeWidthThin} ${tokens.colorStatusWarningBorder1}`,
    ':hover': { backgroundColor: tokens.colorStatusWarningBackground2 },
  },
  info: {
    backgroundColor: tokens.colorPaletteBlueBackground2,
    boxShadow: `inset 0 0 0 ${tokens.strokeWidthThin} ${tokens.colorPaletteBlueBorderActive}`,
  },
  selected: {
    outline: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
    outlineOffset: `calc(-1 * ${tokens.strokeWidthThicker})`,
  },
  // The tool's highlights in the colours Excel shows them (the writers' palette, src/hosts/palette.ts).
  decline: highlightColors('decline'),
  shortfall: highlightColors('shortfall'),
  fullMarks: highlightColors('fullMarks'),
  improved: highlightColors('improved'),
  selectedHeader: { color: tokens.colorBrandForeground1, backgroundColor: tokens.colorBrandBackground2 },
});

type Styles = ReturnType<typeof useStyles>;

function highlightColors(style: HighlightStyle) {
  const { fill, font } = HIGHLIGHT_COLORS[style];
  return { backgroundColor: cssColor(fill), color: cssColor(font), ':hover': { backgroundColor: cssColor(fill) } };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface CellPosition {
  row: number;
  col: number;
}

/** The text a cell shows in the preview (numbers in the pane's locale). */
export function previewText(cell: Cell | null | undefined, locale: 'vi' | 'en'): string {
  if (!cell || cell.v === null || cell.v === undefined) return '';
  if (cell.t === 'n' && typeof cell.v === 'number') return formatNumber(cell.v, locale, 3);
  if (cell.t === 'b') return cell.v ? 'TRUE' : 'FALSE';
  return String(cell.v);
}

/** The cell a key moves to from (row, col), or null for a key the grid does not handle. Hidden rows are skipped. */
export function cellAfterKey(
  key: string,
  from: CellPosition,
  size: { rows: number; cols: number; hiddenRows: ReadonlySet<number>; page: number },
): CellPosition | null {
  const visible = (row: number, step: number): number => {
    let r = row;
    while (r >= 1 && r <= size.rows && size.hiddenRows.has(r)) r += step;
    return r >= 1 && r <= size.rows ? r : from.row;
  };
  const col = (c: number) => Math.min(size.cols, Math.max(1, c));
  const row = (r: number, step: number) => visible(Math.min(size.rows, Math.max(1, r)), step);
  switch (key) {
    case 'ArrowUp':
      return { row: row(from.row - 1, -1), col: from.col };
    case 'ArrowDown':
      return { row: row(from.row + 1, 1), col: from.col };
    case 'ArrowLeft':
      return { row: from.row, col: col(from.col - 1) };
    case 'ArrowRight':
      return { row: from.row, col: col(from.col + 1) };
    case 'PageUp':
      return { row: row(from.row - size.page, -1), col: from.col };
    case 'PageDown':
      return { row: row(from.row + size.page, 1), col: from.col };
    case 'Home':
      return { row: from.row, col: 1 };
    case 'End':
      return { row: from.row, col: size.cols };
    default:
      return null;
  }
}

/** The window's first row or column so that `target` is inside a window of `size` starting at `value`. */
export function clampOrigin(value: number, target: number, size: number): number {
  if (target < value) return Math.max(1, target - 2);
  if (target >= value + size) return Math.max(1, target - size + 3);
  return value;
}

export function safeParse(address: string): CellPosition | null {
  try {
    return parseA1(address);
  } catch {
    return null;
  }
}

/** The part of the sheet the grid shows: at most PREVIEW_ROWS × PREVIEW_COLS from `origin`, kept inside the sheet. */
interface GridWindow {
  rows: number;
  cols: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  rowNumbers: number[];
  colNumbers: number[];
  hidden: ReadonlySet<number>;
}

function gridWindow(sheet: SheetSnapshot, origin: CellPosition): GridWindow {
  const rows = rowCount(sheet);
  const cols = columnCount(sheet);
  const top = Math.min(origin.row, Math.max(1, rows - PREVIEW_ROWS + 1));
  const left = Math.min(origin.col, Math.max(1, cols - PREVIEW_COLS + 1));
  const bottom = Math.min(rows, top + PREVIEW_ROWS - 1);
  const right = Math.min(cols, left + PREVIEW_COLS - 1);
  const rowNumbers = Array.from({ length: Math.max(0, bottom - top + 1) }, (_, i) => top + i);
  const colNumbers = Array.from({ length: Math.max(0, right - left + 1) }, (_, i) => left + i);
  return { rows, cols, top, bottom, left, right, rowNumbers, colNumbers, hidden: new Set(sheet.hiddenRows) };
}

/** The worst severity of the findings on each cell of the sheet ("B7" → 'error'). */
function useFindingMarks(analysis: WorkbookSession['analysis'], sheet: SheetSnapshot): Map<string, Severity> {
  return useMemo(() => {
    const m = new Map<string, Severity>();
    for (const f of analysis?.findings ?? []) {
      if (f.sheet !== sheet.name || !f.cell) continue;
      const key = f.cell.replace(/\$/g, '').split(':')[0].toUpperCase();
      const had = m.get(key);
      if (!had || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[had]) m.set(key, f.severity);
    }
    return m;
  }, [analysis, sheet]);
}

/** The selected cell's address ("B7") when the selection is on this sheet. */
function selectedOn(selection: CellEvent | null, sheet: SheetSnapshot): string | null {
  return selection && selection.sheet === sheet.name
    ? selection.address.split(':')[0].replace(/^.*!/, '').replace(/\$/g, '').toUpperCase()
    : null;
}

/**
 * Bring the selected cell into view inside the preview, then on the page when it is off screen:
 * at 350 px the preview sits below the pane, so a finding clicked in the pane must scroll down to
 * it (a cell clicked in the preview is on screen already and the page does not move). Returns the
 * scroller's ref and the flag a key press sets: focus then follows the selected cell.
 */
function useRevealSelected(selectedAddress: string | null, origin: CellPosition, sheet: SheetSnapshot) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const keyboardMoveRef = useRef(false);
  useEffect(() => {
    if (selectedAddress) revealCell(scrollerRef.current);
    // Moved by the keyboard: the selected cell (maybe just rendered in a moved window) takes focus.
    if (keyboardMoveRef.current) {
      keyboardMoveRef.current = false;
      scrollerRef.current?.querySelector<HTMLElement>('[data-selected="true"]')?.focus({ preventScroll: true });
    }
  }, [selectedAddress, origin, sheet]);
  return { scrollerRef, keyboardMoveRef };
}

export interface SheetGridProps {
  sheet: SheetSnapshot;
  /** The window's first row and column (it follows the selection). */
  origin: CellPosition;
  /** The highlights written into the workbook, coloured as Excel shows them. */
  highlights: readonly PreviewHighlight[];
}

/** The window's position, the grid, the legend and the selected cell. */
export function SheetGrid({ sheet, origin, highlights }: SheetGridProps) {
  const styles = useStyles();
  const st = useStandaloneText();
  const { locale } = useI18n();
  const session = useSession();
  const marks = useFindingMarks(session.analysis, sheet);
  const selectedAddress = selectedOn(session.selection, sheet);
  const { scrollerRef, keyboardMoveRef } = useRevealSelected(selectedAddress, origin, sheet);

  const win = gridWindow(sheet, origin);
  const { rows, cols, top, bottom, left, right } = win;
  const selectedPos = selectedAddress ? safeParse(selectedAddress) : null;
  const select = (address: string) => void session.select(sheet.name, address);
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const target = gridKeyTarget(event, win);
    if (target === null) return;
    // (Focus moves once the selection reaches the preview; a cell already selected keeps it.)
    keyboardMoveRef.current = target !== selectedAddress;
    select(target);
  };
  const body: GridBody = {
    sheet,
    win,
    styles,
    locale,
    marks,
    highlighted: highlightedCells(sheet, highlights, { top, bottom, left, right }, a1),
    selectedAddress,
    selectedPos,
    tabStop: tabStopOf(win, selectedAddress, selectedPos),
    select,
  };
  const label = `${st('sa.preview')}: ${sheet.name}`;
  return (
    <>
      <Caption1 className={styles.muted}>
        {st('sa.window', { top, bottom, rows, left: columnLetter(left), right: columnLetter(right), cols: columnLetter(cols) })}
      </Caption1>
      <div className={styles.scroller} ref={scrollerRef} role="region" aria-label={label}>
        <table
          className={styles.table}
          data-sheet={sheet.name}
          role="grid"
          aria-label={label}
          aria-rowcount={rows + 1}
          aria-colcount={cols + 1}
          onKeyDown={onKeyDown}
        >
          <thead>{headerRow(body)}</thead>
          <tbody>{win.rowNumbers.map((r) => (win.hidden.has(r) ? null : gridRow(r, body)))}</tbody>
        </table>
      </div>
      <GridLegend sheet={sheet} highlights={body.highlighted.size > 0} selectedAddress={selectedAddress} />
    </>
  );
}

/** What the colours mean, and the selected cell (announced politely). */
function GridLegend({ sheet, highlights, selectedAddress }: { sheet: SheetSnapshot; highlights: boolean; selectedAddress: string | null }) {
  const styles = useStyles();
  const st = useStandaloneText();
  return (
    <>
      <Caption1 className={styles.muted}>{st('sa.legend')}</Caption1>
      {highlights ? <Caption1 className={styles.muted}>{st('sa.legendHighlights')}</Caption1> : null}
      {selectedAddress ? (
        <Caption1 role="status" data-testid="preview-selection">
          {st('sa.selected', { sheet: sheet.name, cell: selectedAddress })}
        </Caption1>
      ) : null}
    </>
  );
}

/**
 * The cell a key in the grid selects: arrows, Page Up/Down, Home/End move the selection like
 * Excel's; Enter or Space selects the focused cell. Null (the key left to the browser) otherwise.
 */
function gridKeyTarget(event: KeyboardEvent<HTMLTableElement>, win: GridWindow): string | null {
  const address = (event.target as HTMLElement).closest?.('td[data-cell]')?.getAttribute('data-cell');
  const from = address ? safeParse(address) : null;
  if (!from) return null;
  const to =
    event.key === 'Enter' || event.key === ' '
      ? from
      : cellAfterKey(event.key, from, {
          rows: win.rows,
          cols: win.cols,
          hiddenRows: win.hidden,
          page: Math.max(1, Math.floor(PREVIEW_ROWS / 2)),
        });
  if (!to) return null;
  event.preventDefault();
  return a1(to.row, to.col);
}

/** The grid's one tab stop (roving tabindex): the selected cell when shown, else the window's first. */
function tabStopOf(win: GridWindow, selectedAddress: string | null, selectedPos: CellPosition | null): string {
  const inWindow =
    selectedPos &&
    selectedPos.row >= win.top &&
    selectedPos.row <= win.bottom &&
    selectedPos.col >= win.left &&
    selectedPos.col <= win.right;
  return inWindow && selectedAddress ? selectedAddress : a1(win.rowNumbers.find((r) => !win.hidden.has(r)) ?? win.top, win.left);
}

/** What the grid's rows are drawn from (plain render helpers, not components: up to 1,200 cells). */
interface GridBody {
  sheet: SheetSnapshot;
  win: GridWindow;
  styles: Styles;
  locale: 'vi' | 'en';
  marks: Map<string, Severity>;
  highlighted: Map<string, HighlightStyle>;
  selectedAddress: string | null;
  selectedPos: CellPosition | null;
  tabStop: string;
  select: (address: string) => void;
}

function headerRow({ win, styles, selectedPos }: GridBody): ReactElement {
  return (
    <tr aria-rowindex={1}>
      <th className={styles.corner} aria-hidden="true" />
      {win.colNumbers.map((c) => (
        <th key={c} scope="col" className={mergeClasses(styles.colHeader, selectedPos?.col === c && styles.selectedHeader)}>
          {columnLetter(c)}
        </th>
      ))}
    </tr>
  );
}

function gridRow(r: number, body: GridBody): ReactElement {
  const { win, styles, selectedPos } = body;
  return (
    <tr key={r} aria-rowindex={r + 1}>
      <th scope="row" className={mergeClasses(styles.rowHeader, selectedPos?.row === r && styles.selectedHeader)}>
        {r}
      </th>
      {win.colNumbers.map((c) => gridCell(r, c, body))}
    </tr>
  );
}

function gridCell(r: number, c: number, body: GridBody): ReactElement {
  const { sheet, styles, locale, marks, highlighted, selectedAddress, tabStop, select } = body;
  const address = a1(r, c);
  const cell = sheet.cells[r - 1]?.[c - 1];
  const text = previewText(cell, locale);
  const severity = marks.get(address);
  const highlight = highlighted.get(address);
  const isSelected = address === selectedAddress;
  return (
    <td
      key={c}
      data-cell={address}
      data-severity={severity}
      data-highlight={highlight}
      data-selected={isSelected ? 'true' : undefined}
      aria-selected={isSelected}
      aria-colindex={c + 1}
      tabIndex={address === tabStop ? 0 : -1}
      title={cell?.f ? `${address}: =${cell.f}` : text ? `${address}: ${text}` : address}
      className={mergeClasses(
        styles.cell,
        cell?.t === 'n' && styles.number,
        cell?.f && styles.formula,
        severity && styles[severity],
        highlight && styles[highlight],
        isSelected && styles.selected,
      )}
      onClick={() => select(address)}
    >
      {text}
    </td>
  );
}

/** Scroll the preview so the selected cell is visible below the sticky column letters and beside the row numbers. */
function revealCell(box: HTMLElement | null): void {
  const cell = box?.querySelector<HTMLElement>('[data-selected="true"]');
  if (!box || !cell) return;
  const view = box.getBoundingClientRect();
  const rect = cell.getBoundingClientRect();
  const top = view.top + (box.querySelector('thead')?.getBoundingClientRect().height ?? 0);
  const left = view.left + (box.querySelector('tbody th')?.getBoundingClientRect().width ?? 0);
  if (rect.top < top) box.scrollTop -= top - rect.top;
  else if (rect.bottom > view.bottom) box.scrollTop += rect.bottom - view.bottom;
  if (rect.left < left) box.scrollLeft -= left - rect.left;
  else if (rect.right > view.right) box.scrollLeft += rect.right - view.right;
  revealOnPage(cell);
}

/** Scroll the page (not the preview again) so the cell is on screen; nothing moves when it already is. */
function revealOnPage(cell: HTMLElement): void {
  const rect = cell.getBoundingClientRect();
  const height = window.innerHeight || document.documentElement.clientHeight;
  if (rect.top >= 0 && rect.bottom <= height) return;
  // The cell in the middle of the screen, with the preview's heading and column letters above it.
  window.scrollBy({ top: rect.top - height / 2 + rect.height / 2, behavior: 'auto' });
}
