/**
 * The .xlsx host without ExcelJS, browser-safe: cells straight from the sheet XML into a snapshot
 * (ooxml/read-snapshot.ts), a plan patched into the parts it touches (ooxml/patch-plan.ts), every
 * other part kept byte for byte. ExcelJS (read.ts, write.ts) is loaded only where this path
 * declines: no DecompressionStream to inflate with, or a plan or package shape the patch writer
 * does not handle (data validation, macros, strict OOXML…). Performance, bench/ and
 * docs/benchmarks.md: building ExcelJS's model of the whole workbook was most of a read or write.
 */
import type { WorkbookSnapshot } from '../../core/snapshot';
import type { WritePlan } from '../../core/plan';
import type { ReadOptions } from './read';
import type { AppliedBuffer } from './write';
import { DEFAULT_LIMITS } from './zip';
import { readXlsxPackage, type XlsxPackage } from './ooxml/package';
import { applyPlanToXlsxBytes } from './ooxml/patch-plan';
import { packageToSnapshot } from './ooxml/read-snapshot';

/**
 * Read an .xlsx held in memory: the snapshot and the package it was read from (null where ExcelJS
 * had to read it), which a later write can patch. Throws WorkbookReadError.
 */
export async function readWorkbookPackage(
  data: Uint8Array | ArrayBuffer,
  fileName?: string,
  options: ReadOptions = {},
): Promise<{ snapshot: WorkbookSnapshot; pkg: XlsxPackage | null }> {
  const pkg = await readXlsxPackage(data, fileName, options.limits, options.codec);
  if (!pkg) {
    const { readWorkbookBuffer } = await import(/* webpackChunkName: "xlsx-reader" */ './read');
    return { snapshot: await readWorkbookBuffer(data, fileName, options), pkg: null };
  }
  return { snapshot: packageToSnapshot(pkg, fileName, { ...DEFAULT_LIMITS, ...options.limits }), pkg };
}

/** Read an .xlsx held in memory. Throws WorkbookReadError. */
export async function readWorkbookBytes(data: Uint8Array | ArrayBuffer, fileName?: string, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  return (await readWorkbookPackage(data, fileName, options)).snapshot;
}

/**
 * Apply a plan to a copy of .xlsx bytes: patched where the patch writer can, else through ExcelJS.
 * Throws WorkbookReadError or WorkbookWriteError (before changing anything).
 */
export async function applyPlanToBytes(
  input: Uint8Array | ArrayBuffer,
  plan: WritePlan,
  options: ReadOptions & { fileName?: string } = {},
): Promise<AppliedBuffer> {
  const patched = await applyPlanToXlsxBytes(input, plan, options);
  if (patched) return patched;
  const { applyPlanToBufferDetailed } = await import(/* webpackChunkName: "xlsx-reader" */ './write');
  return applyPlanToBufferDetailed(input, plan, options);
}
