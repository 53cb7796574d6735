/// <reference types="office-js" />
/**
 * Is the pane inside Office, or opened in a plain browser? Standalone when:
 * - the URL asks for it (`?standalone`, `?standalone=1`);
 * - office.js is absent (not loaded: offline, blocked, or a build without it);
 * - office.js is there but Office.onReady reports no host (what it does in a plain browser tab).
 *
 * This module is tiny and imports nothing: it is part of the pane's first chunk.
 */

export type PaneMode = 'office' | 'standalone';

interface OfficeLike {
  onReady?: (callback?: (info: { host?: unknown; platform?: unknown }) => void) => Promise<{ host?: unknown; platform?: unknown }>;
  context?: { host?: unknown; diagnostics?: { host?: unknown } };
}

/** `?standalone` (any value but 0/false/no) forces the standalone page, also inside Office. */
export function standaloneRequested(search: string | undefined): boolean {
  if (!search) return false;
  const params = new URLSearchParams(search);
  if (!params.has('standalone')) return false;
  return !/^(0|false|no)$/i.test(params.get('standalone') ?? '');
}

/** The mode the pane runs in. Resolves after Office.onReady when office.js is loaded. */
export async function detectPaneMode(
  search: string | undefined = typeof window !== 'undefined' ? window.location.search : undefined,
  office: OfficeLike | undefined = (globalThis as { Office?: OfficeLike }).Office,
): Promise<PaneMode> {
  if (standaloneRequested(search)) return 'standalone';
  if (!office || typeof office.onReady !== 'function') return 'standalone';
  let info: { host?: unknown } | undefined;
  try {
    info = await office.onReady();
  } catch {
    return 'standalone';
  }
  let host: unknown = info?.host;
  try {
    host = host || office.context?.host || office.context?.diagnostics?.host;
  } catch {
    // Office.context can throw outside Office: no host.
  }
  return host ? 'office' : 'standalone';
}
