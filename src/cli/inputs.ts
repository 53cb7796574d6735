/**
 * Inputs of the batch commands: files and folders on the command line, folders searched
 * recursively for workbooks (Excel's "~$" lock files and hidden files skipped, sorted so every run
 * sees the same order), read a few at a time with a progress counter on stderr. Old .xls and
 * macro-enabled .xlsm files are collected too, so a folder's every form gets an answer: .xlsm
 * values are read (macros never run) and .xls is reported as needing "Save as .xlsx".
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../core/finding';
import type { WorkbookSnapshot } from '../core/snapshot';
import { isWorkbookReadError, readWorkbookFile } from '../hosts/xlsx/node';

export interface CollectedInputs {
  files: string[];
  /** Exactly one argument, and it is a file (not a folder): the single-file contract applies. */
  single: boolean;
}

const isWorkbookName = (name: string) => /\.(xlsx|xlsm|xls)$/i.test(name) && !name.startsWith('~$') && !name.startsWith('.');
const nfc = (s: string) => s.normalize('NFC');
const byPath = (a: string, b: string) => (nfc(a) < nfc(b) ? -1 : nfc(a) > nfc(b) ? 1 : 0);

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  const dirs: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) dirs.push(full);
    else if (e.isFile() && isWorkbookName(e.name)) files.push(full);
    else if (e.isSymbolicLink() && isWorkbookName(e.name)) {
      // A link to a workbook counts; links to folders are not followed (no cycles).
      const target = await fsp.stat(full).catch(() => null);
      if (!target || target.isFile()) files.push(full);
    }
  }
  // Depth-first in name order: a folder's own files, then its subfolders.
  out.push(...files.sort(byPath));
  for (const d of dirs.sort(byPath)) await walk(d, out);
}

/** Expand the arguments; a missing path throws the file system's ENOENT error. */
export async function collectInputs(args: string[]): Promise<CollectedInputs> {
  const files: string[] = [];
  let anyFolder = false;
  for (const arg of args) {
    const stat = await fsp.stat(arg);
    if (stat.isDirectory()) {
      anyFolder = true;
      await walk(arg, files);
    } else files.push(arg);
  }
  const seen = new Set<string>();
  const unique = files.filter((f) => {
    const k = path.resolve(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { files: unique, single: args.length === 1 && !anyFolder };
}

/** Run `fn` over the items with at most `limit` at a time; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

export type ReadOutcome =
  { file: string; workbook: WorkbookSnapshot } | { file: string; error: { reason: string; message: Record<Locale, string> } };

/** Read one workbook; a file that cannot be read gives its reason instead of stopping the batch. */
export async function readOutcome(file: string): Promise<ReadOutcome> {
  try {
    return { file, workbook: await readWorkbookFile(file) };
  } catch (e) {
    if (isWorkbookReadError(e)) return { file, error: { reason: e.reason, message: { vi: e.messages.vi, en: e.messages.en } } };
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return {
      file,
      error: {
        reason: 'unreadable',
        message: {
          vi: `Không đọc được tệp "${path.basename(file)}": ${detail}`,
          en: `The file "${path.basename(file)}" cannot be read: ${detail}`,
        },
      },
    };
  }
}

export interface Progress {
  tick(file: string): void;
  done(): void;
}

/**
 * "[12/150] don-vi/xa-hoa-binh.xlsx" on stderr: rewritten in place on a terminal, one line per
 * file otherwise (--progress into a log). stdout stays clean for --json.
 */
export function progressCounter(total: number, tty: boolean, write: (s: string) => void, line: (s: string) => void): Progress {
  let n = 0;
  return {
    tick(file) {
      n++;
      if (tty) write(`\r\x1b[2K[${n}/${total}] ${file}`);
      else line(`[${n}/${total}] ${file}`);
    },
    done() {
      if (tty && n > 0) write('\r\x1b[2K');
    },
  };
}

/** Read all files, `concurrency` at a time, ticking the progress counter as each one finishes. */
export async function readAll(files: string[], concurrency: number, progress?: Progress): Promise<ReadOutcome[]> {
  try {
    return await mapLimit(files, concurrency, async (file) => {
      const r = await readOutcome(file);
      progress?.tick(file);
      return r;
    });
  } finally {
    progress?.done();
  }
}
