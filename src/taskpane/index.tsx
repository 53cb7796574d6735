/// <reference types="office-js" />
/**
 * Task pane bootstrap: wait for Office, then render <App/> on the view named in the URL
 * (the ribbon's buttons open taskpane.html?view=check|rank|compare|overview|entry in one shared
 * pane), on the workbook open in Excel, in the user's language.
 *
 * Opened in a plain browser instead (office.js absent, Office.onReady reporting no host, or
 * `?standalone` in the URL), the page becomes the standalone tool that works on a workbook file;
 * its code (and the .xlsx reader) load as separate chunks that Excel never downloads.
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { OfficeHost } from './host/office-host';
import { detectLocale } from './i18n';
import { detectPaneMode } from './standalone/mode';
import { viewFromQuery, type ViewId } from './views/registry';

/** "?view=rank" → 'rank'; anything else → 'check'. */
export function viewFromSearch(search: string): ViewId {
  return viewFromQuery(search, 'check');
}

async function start(container: HTMLElement): Promise<void> {
  const view = viewFromSearch(window.location.search);
  if ((await detectPaneMode()) === 'standalone') {
    const { StandaloneApp } = await import(/* webpackChunkName: "standalone" */ './standalone/StandaloneApp');
    createRoot(container).render(<StandaloneApp initialView={view} />);
    return;
  }
  createRoot(container).render(<App host={new OfficeHost()} locale={detectLocale()} view={view} />);
}

const root = typeof document !== 'undefined' ? document.getElementById('root') : null;
if (root) void start(root);
