/// <reference types="office-js" />
/**
 * The ribbon's function file. "Kiểm tra nhanh" (ExecuteFunction validateWorkbook) reads the
 * workbook, runs the quick validation and shows the counts in a small dialog (Excel has no
 * notification bar for add-in commands). The same page, opened as that dialog
 * (commands.html?notify=1#<message>), renders the message.
 */
import type { WorkbookSnapshot } from '../core/snapshot';
import { readSnapshot } from '../hosts/office/read';
import { isOfficeWriteError } from '../hosts/office/errors';
import { OfficeRequirementError } from '../hosts/office/requirements';
import { runQuickValidation, type QuickValidation } from './quick-validation';

export type Lang = 'vi' | 'en';

export interface Notice {
  title: string;
  text: string;
  kind: 'success' | 'warning' | 'error';
  /** The dialog's close button ("Đóng" / "Close"). */
  close?: string;
}

const closeLabel = (lang: Lang) => (lang === 'vi' ? 'Đóng' : 'Close');

export function uiLanguage(): Lang {
  const lang = (globalThis as { Office?: typeof Office }).Office?.context?.displayLanguage ?? 'vi-VN';
  return lang.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

export function resultNotice(r: QuickValidation, lang: Lang): Notice {
  const title = lang === 'vi' ? 'PAR Scorecard — Kiểm tra nhanh' : 'PAR Scorecard — Quick check';
  const kind: Notice['kind'] = r.errors > 0 ? 'error' : r.warnings > 0 ? 'warning' : 'success';
  if (r.errors + r.warnings + r.info === 0) {
    return { title, kind, text: lang === 'vi' ? 'Không phát hiện vấn đề nào.' : 'No problems found.', close: closeLabel(lang) };
  }
  const text =
    lang === 'vi'
      ? `${r.errors} lỗi, ${r.warnings} cảnh báo, ${r.info} thông tin. Mở "Kiểm tra" để xem từng ô.`
      : `${r.errors} error(s), ${r.warnings} warning(s), ${r.info} note(s). Open "Check" to see each cell.`;
  return { title, kind, text, close: closeLabel(lang) };
}

export function errorNotice(e: unknown, lang: Lang): Notice {
  const title = lang === 'vi' ? 'PAR Scorecard — Kiểm tra nhanh' : 'PAR Scorecard — Quick check';
  if (isOfficeWriteError(e) || e instanceof OfficeRequirementError)
    return { title, kind: 'error', text: e.messages[lang], close: closeLabel(lang) };
  return {
    title,
    kind: 'error',
    close: closeLabel(lang),
    text: lang === 'vi' ? 'Không đọc được sổ làm việc. Hãy thử lại.' : 'The workbook could not be read. Try again.',
  };
}

/** The dialog page's address for a notice (same origin as this function file). */
export function noticeUrl(notice: Notice, base: string): string {
  const url = new URL('commands.html', base);
  url.search = '?notify=1';
  url.hash = encodeURIComponent(JSON.stringify(notice));
  return url.toString();
}

function pageBase(): string {
  const href = (globalThis as { location?: { href?: string } }).location?.href;
  return href && /^https?:/.test(href) ? href : 'https://localhost:3000/commands.html';
}

/** What the notice page sends its opener when the user presses its close button. */
export const CLOSE_MESSAGE = 'close';

/**
 * Show a notice in a small dialog; resolves once the dialog is gone — closed by the user (its X
 * button: DialogEventReceived, or the page's close button: DialogMessageReceived "close") — or at
 * once when it could not be opened. The ribbon command completes only then: office-js d.ts,
 * Office.AddinCommands.Event.completed, "Indicates that the add-in has completed processing and
 * will automatically be closed", and a dialog opened by the function command's runtime closes with it.
 * Office.Dialog.addEventHandler: DialogEventReceived is "triggered when the dialog box has been
 * closed or otherwise unloaded".
 */
export function showNotice(notice: Notice): Promise<void> {
  return new Promise((resolve) => {
    const office = (globalThis as { Office?: typeof Office }).Office;
    const ui = office?.context?.ui;
    if (!ui?.displayDialogAsync) {
      console.info(`${notice.title}: ${notice.text}`);
      resolve();
      return;
    }
    const events = office?.EventType;
    const opened = (result: Office.AsyncResult<Office.Dialog>) => {
      if (String(result.status) !== 'succeeded' || !result.value) {
        resolve();
        return;
      }
      const dialog = result.value;
      dialog.addEventHandler(events?.DialogEventReceived ?? ('dialogEventReceived' as unknown as Office.EventType), () => resolve());
      dialog.addEventHandler(events?.DialogMessageReceived ?? ('dialogMessageReceived' as unknown as Office.EventType), (args) => {
        if ('message' in args && args.message === CLOSE_MESSAGE) {
          dialog.close();
          resolve();
        }
      });
    };
    try {
      ui.displayDialogAsync(noticeUrl(notice, pageBase()), { height: 25, width: 30, displayInIframe: true }, opened);
    } catch {
      resolve();
    }
  });
}

/** Read the workbook and count the findings (the command's work, without the UI). */
export async function quickValidate(): Promise<QuickValidation> {
  const snapshot: WorkbookSnapshot = await Excel.run((context) => readSnapshot(context));
  return runQuickValidation(snapshot);
}

/**
 * ExecuteFunction handler: reads, shows the counts, and calls event.completed() once the user has
 * closed the dialog (or at once when it could not be shown) — whatever happens, exactly once.
 */
export async function validateWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  const lang = uiLanguage();
  try {
    let notice: Notice;
    try {
      notice = resultNotice(await quickValidate(), lang);
    } catch (e) {
      notice = errorNotice(e, lang);
    }
    await showNotice(notice);
  } finally {
    event.completed();
  }
}

/** Render a notice when this page is opened as the dialog. */
export function renderNotice(doc: Document, hash: string): void {
  let notice: Notice;
  try {
    notice = JSON.parse(decodeURIComponent(hash.replace(/^#/, ''))) as Notice;
  } catch {
    return;
  }
  const main = doc.getElementById('notice') ?? doc.body;
  main.textContent = '';
  main.setAttribute('data-kind', notice.kind);
  const h = doc.createElement('h1');
  h.textContent = notice.title;
  const p = doc.createElement('p');
  p.textContent = notice.text;
  // Closing the dialog ends the ribbon command (validateWorkbook waits for it).
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = notice.close ?? 'Đóng';
  close.addEventListener('click', () => {
    (globalThis as { Office?: typeof Office }).Office?.context?.ui?.messageParent?.(CLOSE_MESSAGE);
  });
  main.append(h, p, close);
  doc.title = notice.title;
}

export function start(): void {
  const g = globalThis as { Office?: typeof Office; location?: Location; document?: Document };
  if (g.location && /[?&]notify=1/.test(g.location.search) && g.document) {
    renderNotice(g.document, g.location.hash);
    // The dialog page initialises office.js too, so that its close button can messageParent.
    void g.Office?.onReady?.();
    return;
  }
  g.Office?.onReady(() => {
    g.Office!.actions.associate('validateWorkbook', validateWorkbook);
  });
}

start();
