/**
 * The .xlsx host on bytes held in memory, through the package path only (ooxml/): the standalone
 * page's file host (BrowserFileHost, through index.ts) and the pane's file readers ("So sánh năm
 * trước", "Tổng hợp từ các tệp", chunk "xlsx-direct"). No ExcelJS and no JSZip: the parts are
 * inflated by the host's codec, DecompressionStream, or fflate where a browser has neither
 * (zip.ts), and a write changes only the parts it touches — every other part (charts, pivot
 * tables, drawings, comments) keeps its bytes.
 *
 * Throws WorkbookReadError for a file it cannot read, WorkbookWriteError (before changing
 * anything) for a plan it cannot apply; 'unsupported-package' where the patch writer declines a package.
 */
import type { WorkbookSnapshot } from '../../core/snapshot';
import type { WritePlan } from '../../core/plan';
import type { WorkbookState } from '../../core/state';
import { WorkbookReadError, WorkbookWriteError } from './errors';
import { DEFAULT_LIMITS, browserZipCodec, fflateZipCodec, type ZipCodec } from './zip';
import { readXlsxPackage, writeXlsxPackage, type XlsxPackage } from './ooxml/package';
import { applyPlanToPackage } from './ooxml/patch-plan';
import { clearOwnedHighlightsInPackage, patchWorkbookState } from './ooxml/patch-state';
import { packageToSnapshot } from './ooxml/read-snapshot';
import type { AppliedBuffer, ReadOptions } from './types';

/** ReadOptions (size guards, the codec: default the browser's streams, or fflate where they are missing) and the file's name. */
export interface BytesOptions extends ReadOptions {
  fileName?: string;
}

/** The codec a browser has: CompressionStream natively (inflation by DecompressionStream), else fflate. */
export async function defaultZipCodec(): Promise<ZipCodec> {
  return browserZipCodec() ?? (await fflateZipCodec());
}

async function readPackage(data: Uint8Array | ArrayBuffer, options: BytesOptions): Promise<XlsxPackage> {
  const pkg = await readXlsxPackage(data, options.fileName, options.limits, options.codec);
  // Null only for a zip entry compressed by another method than stored or deflate.
  if (!pkg) throw new WorkbookReadError('unreadable', { fileName: options.fileName, detail: 'zip compression method' });
  return pkg;
}

/**
 * Read an .xlsx held in memory: the snapshot and the package it was read from, which a later
 * write can patch (node.ts hands it from a command's read to its write). Throws WorkbookReadError.
 */
export async function readWorkbookPackage(
  data: Uint8Array | ArrayBuffer,
  fileName?: string,
  options: ReadOptions = {},
): Promise<{ snapshot: WorkbookSnapshot; pkg: XlsxPackage }> {
  const pkg = await readPackage(data, { ...options, fileName });
  return { snapshot: packageToSnapshot(pkg, fileName, { ...DEFAULT_LIMITS, ...options.limits }), pkg };
}

/** Read an .xlsx held in memory into a snapshot. Throws WorkbookReadError. */
export async function readWorkbookBytes(
  data: Uint8Array | ArrayBuffer,
  fileName?: string,
  options: ReadOptions = {},
): Promise<WorkbookSnapshot> {
  return (await readWorkbookPackage(data, fileName, options)).snapshot;
}

/** Apply a plan to a copy of .xlsx bytes (ooxml/patch-plan.ts). The input is not modified. */
export async function applyPlanToBytes(
  input: Uint8Array | ArrayBuffer,
  plan: WritePlan,
  options: BytesOptions = {},
): Promise<AppliedBuffer> {
  const codec = options.codec ?? (await defaultZipCodec());
  const pkg = await readPackage(input, { ...options, codec });
  const applied = applyPlanToPackage(pkg, plan);
  if (!applied) throw new WorkbookWriteError('unsupported-package', options.fileName);
  return { data: await writeXlsxPackage(pkg, codec), applied };
}

/**
 * Record a new state in a copy of .xlsx bytes (ooxml/patch-state.ts): `change` gets the state
 * the workbook records and returns the one to write. Only the state sheet's parts change.
 */
export async function saveStateToBytes(
  input: Uint8Array | ArrayBuffer,
  change: (recorded: WorkbookState) => WorkbookState,
  options: BytesOptions = {},
): Promise<{ data: Uint8Array; state: WorkbookState }> {
  const codec = options.codec ?? (await defaultZipCodec());
  const pkg = await readPackage(input, { ...options, codec });
  const state = patchWorkbookState(pkg, change);
  if (!state) throw new WorkbookWriteError('unsupported-package', options.fileName);
  return { data: await writeXlsxPackage(pkg, codec), state };
}

/**
 * Remove every highlight this tool recorded from a copy of .xlsx bytes, except on protected
 * sheets (ooxml/patch-state.ts). Returns the new bytes and how many formats were removed.
 */
export async function clearHighlightsInBytes(
  input: Uint8Array | ArrayBuffer,
  options: BytesOptions = {},
): Promise<{ data: Uint8Array; removed: number }> {
  const codec = options.codec ?? (await defaultZipCodec());
  const pkg = await readPackage(input, { ...options, codec });
  const removed = clearOwnedHighlightsInPackage(pkg);
  if (removed === null) throw new WorkbookWriteError('unsupported-package', options.fileName);
  return { data: await writeXlsxPackage(pkg, codec), removed };
}
