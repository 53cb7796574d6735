/**
 * Reading the workbooks the user picked, in the pane: the .xlsx reader (the package path, without
 * ExcelJS: hosts/xlsx/bytes.ts) is loaded only now, as the same separate chunk "So sánh năm
 * trước" uses; files are parsed a few at a time; a
 * file that cannot be read becomes an unreadable input carrying the reader's bilingual reason
 * ("save it as .xlsx"), and the other files go on.
 */
import type { ConsolidateInput, UnreadableInput } from '../../../core/consolidate';
import { detectWorkbook } from '../../../core/detect';
import type { WorkbookSnapshot } from '../../../core/snapshot';
import type { PickedFile } from '../../host/types';
import { translate } from '../../i18n';

/** Files parsed at the same time (as the CLI does): enough to overlap I/O, little enough to keep the pane responsive. */
export const READ_CONCURRENCY = 4;

export type ReadWorkbook = (data: ArrayBuffer, fileName: string) => Promise<WorkbookSnapshot>;

/** The .xlsx reader, loaded on first use (never part of the pane's first bundle). */
export async function loadReader(): Promise<ReadWorkbook> {
  const { readWorkbookBytes } = await import(/* webpackChunkName: "xlsx-direct" */ '../../../hosts/xlsx/bytes');
  return (data, fileName) => readWorkbookBytes(data, fileName);
}

/**
 * Run `work` over `items` with at most `limit` at a time, in order of the items. `work` must not
 * throw (a failed item is an outcome, not an exception); `stopped()` ends the run early.
 */
export async function runLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  stopped: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!stopped() && next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

interface ReaderErrorLike {
  reason?: unknown;
  messages?: { vi?: unknown; en?: unknown };
  message?: unknown;
}

/** What the reader threw, as the consolidation's "unreadable" input (typed reason, both languages). */
export function unreadable(file: string, name: string, error: unknown): UnreadableInput {
  const e = (error ?? {}) as ReaderErrorLike;
  if (typeof e.messages?.vi === 'string' && typeof e.messages?.en === 'string') {
    return {
      file,
      error: { reason: typeof e.reason === 'string' ? e.reason : 'unreadable', message: { vi: e.messages.vi, en: e.messages.en } },
    };
  }
  const detail = (typeof e.message === 'string' ? e.message : String(error)).split('\n')[0].slice(0, 200) || '?';
  return {
    file,
    error: {
      reason: 'unreadable',
      message: {
        vi: translate('vi', 'consolidate.unexpected', { name, detail }),
        en: translate('en', 'consolidate.unexpected', { name, detail }),
      },
    },
  };
}

/** The year of a form: its first self-assessment table's (as the consolidation reads it), else its first table's. */
export function yearOf(workbook: WorkbookSnapshot): number | null {
  const tables = detectWorkbook(workbook).tables;
  const table = tables.find((t) => t.layout === 'scorecard' && t.year !== null) ?? tables.find((t) => t.year !== null);
  return table?.year ?? null;
}

export interface ReadOutcome {
  input: ConsolidateInput;
  year: number | null;
}

/** Read one picked file; never throws. `id` is the file's name in the consolidation (unique in the batch). */
export async function readPicked(read: ReadWorkbook, file: PickedFile, id: string): Promise<ReadOutcome> {
  try {
    const workbook = await read(file.data, file.name);
    let year: number | null = null;
    try {
      year = yearOf(workbook);
    } catch {
      // Only the list's "year" column needs it; the consolidation reads the form itself.
    }
    return { input: { file: id, workbook }, year };
  } catch (e) {
    return { input: unreadable(id, file.name, e), year: null };
  }
}

/** Names as the consolidation's file ids: a repeated name gets " (2)", " (3)" … so every file stays apart. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const used = new Set<string>();
  return names.map((name) => {
    let n = seen.get(name) ?? 0;
    let id = name;
    while (used.has(id)) id = `${name} (${++n + 1})`;
    seen.set(name, n);
    used.add(id);
    return id;
  });
}
