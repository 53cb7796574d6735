/// <reference types="office-js" />
/**
 * Task pane bootstrap: wait for Office, then render <App/> on the view named in the URL
 * (the ribbon's buttons open taskpane.html?view=check|rank|compare|overview|entry in one shared
 * pane), on the workbook open in Excel, in the user's language.
 */
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { OfficeHost } from './host/office-host';
import { detectLocale } from './i18n';
import { viewFromQuery, type ViewId } from './views/registry';

/** "?view=rank" → 'rank'; anything else → 'check'. */
export function viewFromSearch(search: string): ViewId {
  return viewFromQuery(search, 'check');
}

function render(): void {
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(<App host={new OfficeHost()} locale={detectLocale()} view={viewFromSearch(window.location.search)} />);
}

if (typeof Office !== 'undefined' && Office.onReady) {
  void Office.onReady(() => render());
} else {
  // Opened outside Office (a plain browser): render anyway so the page is not blank.
  render();
}
