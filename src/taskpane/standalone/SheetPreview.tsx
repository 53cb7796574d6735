/**
 * A preview of the workbook opened in the browser: a capped HTML table (PREVIEW_ROWS ×
 * PREVIEW_COLS cells) of one sheet, with the cells that have findings coloured by severity
 * (Fluent status tokens) and the selected cell outlined. The window follows the selection.
 * Cell text is rendered as React text, never as HTML.
 */
import { Caption1, Dropdown, Field, Option, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { a1, columnLetter, parseA1 } from '../../core/a1';
import type { Severity } from '../../core/finding';
import { formatNumber } from '../../core/format';
import { columnCount, rowCount, type Cell, type SheetSnapshot } from '../../core/snapshot';
import type { HighlightStyle } from '../../core/plan';
import { isStateSheet } from '../../core/state';
import { HIGHLIGHT_COLORS, cssColor } from '../../hosts/palette';
import type { BrowserFileHost } from '../host/BrowserFileHost';
import { useI18n } from '../i18n';
import { useSession } from '../session/WorkbookSession';
import { highlightedCells } from './highlights';
import { useStandaloneText } from './strings';

export const PREVIEW_ROWS = 60;
export const PREVIEW_COLS = 20;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: '0' },
  heading: { margin: '0', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
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

function highlightColors(style: HighlightStyle) {
  const { fill, font } = HIGHLIGHT_COLORS[style];
  return { backgroundColor: cssColor(fill), color: cssColor(font), ':hover': { backgroundColor: cssColor(fill) } };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

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
  from: { row: number; col: number },
  size: { rows: number; cols: number; hiddenRows: ReadonlySet<number>; page: number },
): { row: number; col: number } | null {
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

function clampOrigin(value: number, target: number, size: number): number {
  if (target < value) return Math.max(1, target - 2);
  if (target >= value + size) return Math.max(1, target - size + 3);
  return value;
}

const NO_HIGHLIGHTS: BrowserFileHost['highlights'] = [];

export interface SheetPreviewProps {
  /** The file's host: the highlights written since it opened are coloured. */
  host?: BrowserFileHost;
}

export function SheetPreview({ host }: SheetPreviewProps = {}) {
  const styles = useStyles();
  const st = useStandaloneText();
  const { locale } = useI18n();
  const session = useSession();
  const { snapshot, analysis, selection } = session;
  const scroller = useRef<HTMLDivElement>(null);
  /** Set by a key press in the grid: focus then follows the selected cell. */
  const keyboardMove = useRef(false);
  const highlights = useSyncExternalStore(
    (listener) => host?.subscribe(listener) ?? (() => undefined),
    () => host?.highlights ?? NO_HIGHLIGHTS,
  );

  const sheets = useMemo(() => (snapshot?.sheets ?? []).filter((s) => !isStateSheet(s) && s.visibility === 'visible'), [snapshot]);
  const firstTableSheet = analysis?.tables[0]?.sheet;
  const [chosen, setChosen] = useState<string | null>(null);
  const [origin, setOrigin] = useState({ row: 1, col: 1 });

  // Follow the selection (a finding, "Đến bảng", a click): show its sheet and bring it into view.
  // Adjusted during render when the selection changes (https://react.dev/learn/you-might-not-need-an-effect).
  const [followed, setFollowed] = useState<typeof selection>(null);
  if (selection !== followed) {
    setFollowed(selection);
    const pos = selection ? safeParse(selection.address.split(':')[0].replace(/^.*!/, '')) : null;
    if (selection && pos) {
      setChosen(selection.sheet);
      setOrigin((o) => ({ row: clampOrigin(o.row, pos.row, PREVIEW_ROWS), col: clampOrigin(o.col, pos.col, PREVIEW_COLS) }));
    }
  }

  const sheet: SheetSnapshot | undefined =
    sheets.find((s) => s.name === chosen) ?? sheets.find((s) => s.name === firstTableSheet) ?? sheets[0];

  const marks = useMemo(() => {
    const m = new Map<string, Severity>();
    for (const f of analysis?.findings ?? []) {
      if (!sheet || f.sheet !== sheet.name || !f.cell) continue;
      const key = f.cell.replace(/\$/g, '').split(':')[0].toUpperCase();
      const had = m.get(key);
      if (!had || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[had]) m.set(key, f.severity);
    }
    return m;
  }, [analysis, sheet]);

  const selectedAddress =
    selection && sheet && selection.sheet === sheet.name
      ? selection.address.split(':')[0].replace(/^.*!/, '').replace(/\$/g, '').toUpperCase()
      : null;

  // Bring the selected cell into view inside the preview, then on the page when it is off screen:
  // at 350 px the preview sits below the pane, so a finding clicked in the pane must scroll down
  // to it (a cell clicked in the preview is on screen already and the page does not move).
  useEffect(() => {
    if (selectedAddress) revealCell(scroller.current);
    // Moved by the keyboard: the selected cell (maybe just rendered in a moved window) takes focus.
    if (keyboardMove.current) {
      keyboardMove.current = false;
      scroller.current?.querySelector<HTMLElement>('[data-selected="true"]')?.focus({ preventScroll: true });
    }
  }, [selectedAddress, origin, sheet]);

  if (!snapshot || !sheet) return null;

  const rows = rowCount(sheet);
  const cols = columnCount(sheet);
  const top = Math.min(origin.row, Math.max(1, rows - PREVIEW_ROWS + 1));
  const left = Math.min(origin.col, Math.max(1, cols - PREVIEW_COLS + 1));
  const bottom = Math.min(rows, top + PREVIEW_ROWS - 1);
  const right = Math.min(cols, left + PREVIEW_COLS - 1);
  const rowNumbers = Array.from({ length: Math.max(0, bottom - top + 1) }, (_, i) => top + i);
  const colNumbers = Array.from({ length: Math.max(0, right - left + 1) }, (_, i) => left + i);
  const hidden = new Set(sheet.hiddenRows);
  const selectedPos = selectedAddress ? safeParse(selectedAddress) : null;
  const highlighted = highlightedCells(sheet, highlights, { top, bottom, left, right }, a1);
  // The grid's one tab stop (roving tabindex): the selected cell when shown, else the window's first.
  const inWindow =
    selectedPos && selectedPos.row >= top && selectedPos.row <= bottom && selectedPos.col >= left && selectedPos.col <= right;
  const tabStop = inWindow && selectedAddress ? selectedAddress : a1(rowNumbers.find((r) => !hidden.has(r)) ?? top, left);

  /** Arrows, Page Up/Down, Home/End move the selection like Excel's; Enter or Space selects the focused cell. */
  const onGridKey = (event: KeyboardEvent<HTMLTableElement>) => {
    const address = (event.target as HTMLElement).closest?.('td[data-cell]')?.getAttribute('data-cell');
    const from = address ? safeParse(address) : null;
    if (!from) return;
    const to =
      event.key === 'Enter' || event.key === ' '
        ? from
        : cellAfterKey(event.key, from, { rows, cols, hiddenRows: hidden, page: Math.max(1, Math.floor(PREVIEW_ROWS / 2)) });
    if (!to) return;
    event.preventDefault();
    const target = a1(to.row, to.col);
    // (Focus moves once the selection reaches the preview; a cell already selected keeps it.)
    keyboardMove.current = target !== selectedAddress;
    void session.select(sheet.name, target);
  };

  return (
    <section className={styles.root} aria-labelledby="preview-heading" data-testid="sheet-preview">
      <h2 id="preview-heading" className={styles.heading}>
        {st('sa.preview')}
      </h2>
      {sheets.length > 1 ? (
        <Field label={st('sa.sheet')}>
          <Dropdown
            value={sheet.name}
            selectedOptions={[sheet.name]}
            onOptionSelect={(_, d) => {
              if (!d.optionValue) return;
              setChosen(d.optionValue);
              setOrigin({ row: 1, col: 1 });
            }}
          >
            {sheets.map((s) => (
              <Option key={s.name} value={s.name}>
                {s.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : (
        <Text weight="semibold">{sheet.name}</Text>
      )}
      {rows === 0 || cols === 0 ? (
        <Text className={styles.muted}>{st('sa.emptySheet')}</Text>
      ) : (
        <>
          <Caption1 className={styles.muted}>
            {st('sa.window', { top, bottom, rows, left: columnLetter(left), right: columnLetter(right), cols: columnLetter(cols) })}
          </Caption1>
          <div className={styles.scroller} ref={scroller} role="region" aria-label={`${st('sa.preview')}: ${sheet.name}`}>
            <table
              className={styles.table}
              data-sheet={sheet.name}
              role="grid"
              aria-label={`${st('sa.preview')}: ${sheet.name}`}
              aria-rowcount={rows + 1}
              aria-colcount={cols + 1}
              onKeyDown={onGridKey}
            >
              <thead>
                <tr aria-rowindex={1}>
                  <th className={styles.corner} aria-hidden="true" />
                  {colNumbers.map((c) => (
                    <th key={c} scope="col" className={mergeClasses(styles.colHeader, selectedPos?.col === c && styles.selectedHeader)}>
                      {columnLetter(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rowNumbers.map((r) =>
                  hidden.has(r) ? null : (
                    <tr key={r} aria-rowindex={r + 1}>
                      <th scope="row" className={mergeClasses(styles.rowHeader, selectedPos?.row === r && styles.selectedHeader)}>
                        {r}
                      </th>
                      {colNumbers.map((c) => {
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
                            onClick={() => void session.select(sheet.name, address)}
                          >
                            {text}
                          </td>
                        );
                      })}
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
          <Caption1 className={styles.muted}>{st('sa.legend')}</Caption1>
          {highlighted.size > 0 ? <Caption1 className={styles.muted}>{st('sa.legendHighlights')}</Caption1> : null}
          {selectedAddress ? (
            <Caption1 role="status" data-testid="preview-selection">
              {st('sa.selected', { sheet: sheet.name, cell: selectedAddress })}
            </Caption1>
          ) : null}
        </>
      )}
    </section>
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

function safeParse(address: string): { row: number; col: number } | null {
  try {
    return parseA1(address);
  } catch {
    return null;
  }
}
