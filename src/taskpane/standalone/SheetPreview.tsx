/**
 * A preview of the workbook opened in the browser: one sheet (a choice of the visible ones) in a
 * capped grid (SheetGrid.tsx), with the cells that have findings coloured by severity and the
 * selected cell outlined. The sheet and the window follow the selection.
 */
import { Dropdown, Field, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState, useSyncExternalStore } from 'react';
import { columnCount, rowCount, type SheetSnapshot, type WorkbookSnapshot } from '../../core/snapshot';
import { isStateSheet } from '../../core/state';
import type { BrowserFileHost } from '../host/BrowserFileHost';
import type { CellEvent } from '../host/types';
import { useSession } from '../session/WorkbookSession';
import { PREVIEW_COLS, PREVIEW_ROWS, SheetGrid, clampOrigin, safeParse, type CellPosition } from './SheetGrid';
import { useStandaloneText } from './strings';

export { PREVIEW_COLS, PREVIEW_ROWS, cellAfterKey, previewText } from './SheetGrid';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: '0' },
  heading: { margin: '0', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  muted: { color: tokens.colorNeutralForeground3 },
});

const NO_HIGHLIGHTS: BrowserFileHost['highlights'] = [];

export interface SheetPreviewProps {
  /** The file's host: the highlights written since it opened are coloured. */
  host?: BrowserFileHost;
}

export function SheetPreview({ host }: SheetPreviewProps = {}) {
  const styles = useStyles();
  const st = useStandaloneText();
  const { snapshot, analysis, selection } = useSession();
  const highlights = useSyncExternalStore(
    (listener) => host?.subscribe(listener) ?? (() => undefined),
    () => host?.highlights ?? NO_HIGHLIGHTS,
  );
  const sheets = useVisibleSheets(snapshot);
  const { sheet, origin, choose } = usePreviewPlace(sheets, analysis?.tables[0]?.sheet, selection);
  if (!snapshot || !sheet) return null;
  return (
    <section className={styles.root} aria-labelledby="preview-heading" data-testid="sheet-preview">
      <h2 id="preview-heading" className={styles.heading}>
        {st('sa.preview')}
      </h2>
      {sheets.length > 1 ? <SheetChooser sheets={sheets} sheet={sheet} onChoose={choose} /> : <Text weight="semibold">{sheet.name}</Text>}
      {rowCount(sheet) === 0 || columnCount(sheet) === 0 ? (
        <Text className={styles.muted}>{st('sa.emptySheet')}</Text>
      ) : (
        <SheetGrid sheet={sheet} origin={origin} highlights={highlights} />
      )}
    </section>
  );
}

/** The sheets a user sees in Excel (not hidden ones, not the tool's state sheet). */
function useVisibleSheets(snapshot: WorkbookSnapshot | null): SheetSnapshot[] {
  return useMemo(() => (snapshot?.sheets ?? []).filter((s) => !isStateSheet(s) && s.visibility === 'visible'), [snapshot]);
}

/**
 * The sheet shown (the one chosen, else the first table's, else the first) and the window's
 * origin on it. Both follow the selection (a finding, "Đến bảng", a click): its sheet is shown and
 * the selected cell brought into the window; choosing a sheet shows it from A1.
 */
function usePreviewPlace(sheets: SheetSnapshot[], firstTableSheet: string | undefined, selection: CellEvent | null) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [origin, setOrigin] = useState<CellPosition>({ row: 1, col: 1 });
  // Adjusted during render when the selection changes (https://react.dev/learn/you-might-not-need-an-effect).
  const [followed, setFollowed] = useState<CellEvent | null>(null);
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
  const choose = (name: string) => {
    setChosen(name);
    setOrigin({ row: 1, col: 1 });
  };
  return { sheet, origin, choose };
}

/** "Trang tính": the sheet shown, when the workbook has more than one. */
function SheetChooser({ sheets, sheet, onChoose }: { sheets: SheetSnapshot[]; sheet: SheetSnapshot; onChoose: (name: string) => void }) {
  const st = useStandaloneText();
  return (
    <Field label={st('sa.sheet')}>
      <Dropdown
        value={sheet.name}
        selectedOptions={[sheet.name]}
        onOptionSelect={(_, d) => {
          if (d.optionValue) onChoose(d.optionValue);
        }}
      >
        {sheets.map((s) => (
          <Option key={s.name} value={s.name}>
            {s.name}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
