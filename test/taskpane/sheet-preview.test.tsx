/** @jest-environment jsdom */
import './helpers/setup';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, render, waitFor } from '@testing-library/react';
import { I18nProvider } from '../../src/taskpane/i18n';
import { SessionProvider } from '../../src/taskpane/session/WorkbookSession';
import { SheetPreview } from '../../src/taskpane/standalone/SheetPreview';
import type { SheetSnapshot, WorkbookSnapshot } from '../../src/core/snapshot';
import { MemoryHost } from './helpers/memory-host';

/** Two sheets, the second 100 rows long, so a selection far down must move the preview's window. */
function book(): WorkbookSnapshot {
  const sheet = (name: string, n: number): SheetSnapshot => ({
    name,
    cells: Array.from({ length: n }, (_, i) => [{ v: `${name} ${i + 1}`, t: 's' }]),
    merges: [],
    hiddenRows: [],
    hiddenColumns: [],
    protected: false,
    visibility: 'visible',
  });
  return { sheets: [sheet('Trang 1', 3), sheet('Trang 2', 100)] };
}

describe('standalone sheet preview', () => {
  test('follows the selection: shows its sheet and brings its row into view', async () => {
    const host = new MemoryHost(book());
    const view = render(
      <FluentProvider theme={webLightTheme}>
        <I18nProvider locale="vi">
          <SessionProvider host={host}>
            <SheetPreview />
          </SessionProvider>
        </I18nProvider>
      </FluentProvider>,
    );
    await waitFor(() => expect(view.container.querySelector('table[data-sheet]')?.getAttribute('data-sheet')).toBe('Trang 1'));
    act(() => host.selectInExcel('Trang 2', 'A90'));
    await waitFor(() => expect(view.container.querySelector('table[data-sheet]')?.getAttribute('data-sheet')).toBe('Trang 2'));
    expect(view.container.textContent).toContain('Trang 2 90');
    // The same selection again changes nothing; an unreadable address is ignored.
    act(() => host.selectInExcel('Trang 1', 'not-a-cell'));
    expect(view.container.querySelector('table[data-sheet]')?.getAttribute('data-sheet')).toBe('Trang 2');
  });
});
