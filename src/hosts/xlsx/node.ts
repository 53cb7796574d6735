/**
 * Node-only entry of the .xlsx host: reading from and atomically writing to the file system.
 *
 * Files are read and written through the package layer (`ooxml/`), the only one (issue #16):
 * cells straight from the sheet XML into a snapshot, a plan patched into the parts it touches,
 * every other part written back byte for byte (performance, bench/ and docs/benchmarks.md).
 */
import { promises as fsp, constants as fsConstants } from 'fs';
import * as zlib from 'zlib';
import * as path from 'path';
import type { WorkbookSnapshot } from '../../core/snapshot';
import type { WritePlan } from '../../core/plan';
import { WorkbookReadError, WorkbookWriteError } from './errors';
import type { AppliedPlan, ReadOptions } from './types';
import { DEFAULT_LIMITS, type ZipCodec } from './zip';
import { writeXlsxPackage, type XlsxPackage } from './ooxml/package';
import { readWorkbookPackage } from './bytes';

export * from './errors';
export { DEFAULT_LIMITS, type SizeLimits, type ZipCodec } from './zip';
export type { AppliedPlan, ReadOptions } from './types';

/**
 * Node's zlib for the .xlsx parts (performance, bench/ and docs/benchmarks.md): inflating natively
 * instead of by DecompressionStream, deflating natively instead of by JSZip's JavaScript deflate.
 */
export const nodeZipCodec: ZipCodec = {
  inflateRawSync: (data, maxBytes) => zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) }),
  deflateRaw: (data) => zlib.deflateRawSync(data, { level: 6 }),
  // zlib.crc32 is Node ≥ 20.15; earlier 20.x releases use the JavaScript one.
  crc32: typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) >>> 0 : undefined,
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

/**
 * A workbook read from a file: its snapshot and the package it was read from. `compute --out` and
 * `compare --out` hand it to writeResultFile, which writes the result from these very parts: the
 * plan was made from this snapshot, so it is applied to what the snapshot was read from (should
 * the file change on disk in between, the output is still the file as read plus the plan), and the
 * input is not read twice (performance, bench/). The package is never changed: each write patches
 * a copy, so one opened workbook can be written more than once.
 */
export interface OpenedWorkbook {
  /** The path it was read from, as given. */
  readonly path: string;
  readonly snapshot: WorkbookSnapshot;
  readonly pkg: XlsxPackage;
}

/** What a result is written from: the file as read (its path, for the same-file check, and its package). */
export type WriteSource = Pick<OpenedWorkbook, 'path' | 'pkg'>;

/** Read an .xlsx file into a snapshot and keep the package it came from, for writeResultFile. Throws WorkbookReadError. */
export async function openWorkbookFile(filePath: string, options: ReadOptions = {}): Promise<OpenedWorkbook> {
  const fileName = path.basename(filePath);
  const { snapshot, pkg } = await readWorkbookPackage(await readBytes(filePath, options), fileName, withCodec(options));
  return { path: filePath, snapshot, pkg };
}

/** Read an .xlsx file into a snapshot (fileName = the file's base name). Throws WorkbookReadError. */
export async function readWorkbookFile(filePath: string, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  return (await openWorkbookFile(filePath, options)).snapshot;
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
 * Apply the plan to a copy of the workbook as it was read (`source`, from openWorkbookFile) and
 * write it to `outputPath` atomically. Refuses (WorkbookWriteError 'same-file') to write over the
 * input; the input is only read, and `source` is left as it was. Throws WorkbookWriteError before
 * writing anything.
 */
export async function writeResultFile(
  source: WriteSource,
  outputPath: string,
  plan: WritePlan,
  options: Pick<ReadOptions, 'codec'> = {},
): Promise<WriteResult> {
  if (await isSameFile(source.path, outputPath)) throw new WorkbookWriteError('same-file', source.path);
  const codec = options.codec ?? nodeZipCodec;
  // The patch writer is loaded by the commands that write (not by `validate`).
  const { applyPlanToPackage } = await import('./ooxml/patch-plan');
  const pkg = source.pkg.clone();
  const applied = applyPlanToPackage(pkg, plan, path.basename(source.path));
  const data = await guardWrite(outputPath, () => writeXlsxPackage(pkg, codec));
  await writeFileAtomic(outputPath, data);
  return new WriteResult(outputPath, applied);
}

export async function guardWrite(outputPath: string, write: () => Promise<Uint8Array>): Promise<Uint8Array> {
  try {
    return await write();
  } catch (e) {
    throw new WorkbookWriteError('write-failed', outputPath, e);
  }
}
