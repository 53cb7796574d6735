/**
 * The .xlsx host, browser-safe: cells straight from the sheet XML into a snapshot
 * (ooxml/read-snapshot.ts), a plan patched into the parts it touches (ooxml/patch-plan.ts), every
 * other part kept byte for byte — the one reader and writer (issue #16). Performance, bench/ and
 * docs/benchmarks.md: building a model of the whole workbook was most of a read or write.
 */
import type { WorkbookSnapshot } from '../../core/snapshot';
import type { WritePlan } from '../../core/plan';
import { WorkbookReadError } from './errors';
import type { AppliedBuffer, ReadOptions } from './types';
import { DEFAULT_LIMITS } from './zip';
import { readXlsxPackage, type XlsxPackage } from './ooxml/package';
import { applyPlanToXlsxBytes } from './ooxml/patch-plan';
import { packageToSnapshot } from './ooxml/read-snapshot';

/**
 * No inflate available here (readXlsxPackage gives null: no codec passed and no
 * DecompressionStream). Hosts avoid it by passing a codec (node.ts: zlib); the browser path gets a
 * fallback codec of its own (the standalone page's work on issue #16). The detail is for the log.
 */
const noInflate = (fileName?: string) => new WorkbookReadError('unreadable', { fileName, detail: 'no inflate available to read the zip' });

/**
 * Read an .xlsx held in memory: the snapshot and the package it was read from, which a later
 * write can patch. Throws WorkbookReadError.
 */
export async function readWorkbookPackage(
  data: Uint8Array | ArrayBuffer,
  fileName?: string,
  options: ReadOptions = {},
): Promise<{ snapshot: WorkbookSnapshot; pkg: XlsxPackage }> {
  const pkg = await readXlsxPackage(data, fileName, options.limits, options.codec);
  if (!pkg) throw noInflate(fileName);
  return { snapshot: packageToSnapshot(pkg, fileName, { ...DEFAULT_LIMITS, ...options.limits }), pkg };
}

/** Read an .xlsx held in memory. Throws WorkbookReadError. */
export async function readWorkbookBytes(
  data: Uint8Array | ArrayBuffer,
  fileName?: string,
  options: ReadOptions = {},
): Promise<WorkbookSnapshot> {
  return (await readWorkbookPackage(data, fileName, options)).snapshot;
}

/**
 * Apply a plan to a copy of .xlsx bytes. Throws WorkbookReadError or WorkbookWriteError (before
 * changing anything; 'unsupported-package' for a package the writer cannot edit).
 */
export async function applyPlanToBytes(
  input: Uint8Array | ArrayBuffer,
  plan: WritePlan,
  options: ReadOptions & { fileName?: string } = {},
): Promise<AppliedBuffer> {
  const patched = await applyPlanToXlsxBytes(input, plan, options);
  if (!patched) throw noInflate(options.fileName);
  return patched;
}
