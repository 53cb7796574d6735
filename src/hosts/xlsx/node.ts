/**
 * Node-only entry of the .xlsx host: reading from and atomically writing to the file system.
 * Re-exports the browser-safe API so the CLI needs one import.
 */
// First: a lighter ExcelJS main module for Node (see exceljs-node.ts), before read/write load it.
import './exceljs-node';
import { promises as fsp, constants as fsConstants } from 'fs';
import * as zlib from 'zlib';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import type { WorkbookSnapshot } from '../../core/snapshot';
import type { WritePlan } from '../../core/plan';
import { WorkbookReadError, WorkbookWriteError } from './errors';
import { loadWorkbook, workbookToSnapshot, type ReadOptions } from './read';
import { applyPlanToWorkbook, workbookToBytes, type AppliedPlan } from './write';
import { DEFAULT_LIMITS, type ZipCodec } from './zip';

export * from './index';

/**
 * Node's zlib for the .xlsx parts (performance, bench/ and docs/benchmarks.md): inflating natively
 * instead of by DecompressionStream, deflating natively instead of by JSZip's JavaScript deflate.
 */
export const nodeZipCodec: ZipCodec = {
  inflateRawSync: (data, maxBytes) => zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) }),
  deflateRaw: (data) => zlib.deflateRawSync(data, { level: 6 }),
};

const withCodec = (options: ReadOptions): ReadOptions => (options.codec ? options : { ...options, codec: nodeZipCodec });

async function readBytes(filePath: string, options: ReadOptions): Promise<Uint8Array> {
  const maxFileBytes = options.limits?.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  const stat = await fsp.stat(filePath);
  if (stat.size > maxFileBytes) {
    // Refuse before reading a huge file into memory. A CFB (.xls) file gets its own reason.
    const fh = await fsp.open(filePath, 'r');
    try {
      const head = new Uint8Array(8);
      await fh.read(head, 0, 8, 0);
      if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
        // Let the buffer path decide between encrypted and legacy .xls on the full bytes.
        return new Uint8Array(await fsp.readFile(filePath));
      }
    } finally {
      await fh.close();
    }
    throw new WorkbookReadError('too-large', {
      fileName: path.basename(filePath),
      detail: `${Math.round((stat.size / 1024 / 1024) * 10) / 10} MB`,
    });
  }
  const buf = await fsp.readFile(filePath);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Read an .xlsx file into a snapshot (fileName = the file's base name). */
export async function readWorkbookFile(filePath: string, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  return (await readWorkbookFileLoaded(filePath, options)).snapshot;
}

/**
 * Read an .xlsx file into a snapshot and keep the loaded ExcelJS workbook, to be handed to
 * writeResultFile (`{ workbook }`) so the file is not loaded twice.
 */
export async function readWorkbookFileLoaded(
  filePath: string,
  options: ReadOptions = {},
): Promise<{ snapshot: WorkbookSnapshot; workbook: ExcelJS.Workbook }> {
  const fileName = path.basename(filePath);
  const stamp = await fileStamp(filePath);
  const wb = await loadWorkbook(await readBytes(filePath, options), fileName, withCodec(options));
  const snapshot = workbookToSnapshot(wb);
  snapshot.fileName = fileName;
  if (stamp) remember(filePath, stamp, wb);
  return { snapshot, workbook: wb };
}

// Performance (bench/): `compute --out` and `compare --out` read their input, then wrote the
// result by loading that input a second time — a second full ExcelJS read, the costliest step.
// The workbooks loaded by the last two reads (compare reads two files) are kept with the file's
// identity (size, modification time, inode); writeResultFile applies its plan to the one loaded
// from its input when the file has not changed since, instead of loading it again. A kept
// workbook is handed over once and never kept after (the plan changes it).
interface Loaded {
  file: string;
  stamp: string;
  workbook: ExcelJS.Workbook;
}
const KEEP_LOADED = 2;
const loaded: Loaded[] = [];

async function fileStamp(filePath: string): Promise<string | null> {
  try {
    const st = await fsp.stat(filePath);
    return `${st.size}:${st.mtimeMs}:${st.ino}:${st.dev}`;
  } catch {
    return null;
  }
}

function remember(filePath: string, stamp: string, workbook: ExcelJS.Workbook): void {
  const file = path.resolve(filePath);
  const i = loaded.findIndex((l) => l.file === file);
  if (i >= 0) loaded.splice(i, 1);
  loaded.push({ file, stamp, workbook });
  while (loaded.length > KEEP_LOADED) loaded.shift();
}

/** The workbook loaded from `filePath` by the last reads, when the file is unchanged since (taken out). */
async function takeLoaded(filePath: string): Promise<ExcelJS.Workbook | undefined> {
  const file = path.resolve(filePath);
  const i = loaded.findIndex((l) => l.file === file);
  if (i < 0) return undefined;
  const [entry] = loaded.splice(i, 1);
  return entry.stamp === (await fileStamp(filePath)) ? entry.workbook : undefined;
}

function samePathKey(p: string): string {
  const resolved = path.resolve(p);
  return process.platform === 'win32' || process.platform === 'darwin' ? resolved.toLowerCase() : resolved;
}

async function realOrResolved(p: string): Promise<string> {
  try {
    return await fsp.realpath(p);
  } catch {
    // The output usually does not exist yet: resolve its directory instead.
    try {
      return path.join(await fsp.realpath(path.dirname(p)), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  }
}

/** True when both paths name the same file (same path, symlink, or hard link). */
export async function isSameFile(a: string, b: string): Promise<boolean> {
  if (samePathKey(await realOrResolved(a)) === samePathKey(await realOrResolved(b))) return true;
  try {
    const [sa, sb] = await Promise.all([fsp.stat(a), fsp.stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino && sa.ino !== 0;
  } catch {
    return false;
  }
}

/**
 * Write bytes atomically: to a temporary file in the destination directory, flushed, then
 * renamed over the destination. A failure leaves no partial file behind.
 */
export async function writeFileAtomic(outputPath: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(outputPath));
  const tmp = path.join(dir, `.${path.basename(outputPath)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fh: import('fs').promises.FileHandle | undefined;
  try {
    fh = await fsp.open(tmp, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, 0o644);
    await fh.writeFile(data);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await fsp.rename(tmp, outputPath);
  } catch (e) {
    if (fh) await fh.close().catch(() => undefined);
    await fsp.unlink(tmp).catch(() => undefined);
    throw new WorkbookWriteError('write-failed', outputPath, e);
  }
}

/**
 * What writeResultFile did. It is the map desired sheet name → name actually used (so callers can
 * print the names), with the full report in `applied`.
 */
export class WriteResult extends Map<string, string> {
  constructor(
    readonly outputPath: string,
    readonly applied: AppliedPlan,
  ) {
    super(applied.sheetNames);
  }
}

/**
 * Load the ORIGINAL workbook, apply the plan and write the result to `outputPath` atomically.
 * Refuses (WorkbookWriteError 'same-file') to write over the input; the input is only read.
 * `options.workbook`: the input as already loaded (readWorkbookFileLoaded), used instead of
 * loading the file again; it must not have been changed since. Without it, the workbook kept by
 * the last readWorkbookFile of `inputPath` is used when the file is unchanged.
 */
export async function writeResultFile(
  inputPath: string,
  outputPath: string,
  plan: WritePlan,
  options: ReadOptions & { workbook?: ExcelJS.Workbook } = {},
): Promise<WriteResult> {
  if (await isSameFile(inputPath, outputPath)) throw new WorkbookWriteError('same-file', inputPath);
  const fileName = path.basename(inputPath);
  const kept = await takeLoaded(inputPath);
  const wb = options.workbook ?? kept ?? (await loadWorkbook(await readBytes(inputPath, options), fileName, withCodec(options)));
  const applied = applyPlanToWorkbook(wb, plan);
  let data: Uint8Array;
  try {
    data = await workbookToBytes(wb, options.codec ?? nodeZipCodec);
  } catch (e) {
    throw new WorkbookWriteError('write-failed', outputPath, e);
  }
  await writeFileAtomic(outputPath, data);
  return new WriteResult(outputPath, applied);
}
