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
import { readXlsxPackage, writeXlsxPackage, type XlsxPackage } from './ooxml/package';
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

/** Read an .xlsx file into a snapshot (fileName = the file's base name). Throws WorkbookReadError. */
export async function readWorkbookFile(filePath: string, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const fileName = path.basename(filePath);
  const stamp = await fileStamp(filePath);
  const { snapshot, pkg } = await readWorkbookPackage(await readBytes(filePath, options), fileName, withCodec(options));
  if (stamp) remember(filePath, stamp, pkg);
  return snapshot;
}

// Performance (bench/): `compute --out` and `compare --out` read their input, then write the result
// from that same input. The packages read by the last two reads (compare reads two files) are kept
// with the file's identity (size, modification time, inode); writeResultFile patches the one read
// from its input when the file has not changed since, instead of reading it again. A kept package
// is handed over once and never kept after (the plan changes it).
interface Loaded {
  file: string;
  stamp: string;
  pkg: XlsxPackage;
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

function remember(filePath: string, stamp: string, pkg: XlsxPackage): void {
  const file = path.resolve(filePath);
  const i = loaded.findIndex((l) => l.file === file);
  if (i >= 0) loaded.splice(i, 1);
  loaded.push({ file, stamp, pkg });
  while (loaded.length > KEEP_LOADED) loaded.shift();
}

/** The package read from `filePath` by the last reads, when the file is unchanged since (taken out). */
async function takeLoaded(filePath: string): Promise<XlsxPackage | undefined> {
  const file = path.resolve(filePath);
  const i = loaded.findIndex((l) => l.file === file);
  if (i < 0) return undefined;
  const [entry] = loaded.splice(i, 1);
  return entry.stamp === (await fileStamp(filePath)) ? entry.pkg : undefined;
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
 * Apply the plan to a copy of the ORIGINAL workbook and write it to `outputPath` atomically.
 * Refuses (WorkbookWriteError 'same-file') to write over the input; the input is only read. The
 * plan is patched into the package's parts (the package kept by the last readWorkbookFile of
 * `inputPath` when the file is unchanged since). Throws WorkbookReadError or WorkbookWriteError,
 * before writing anything.
 */
export async function writeResultFile(
  inputPath: string,
  outputPath: string,
  plan: WritePlan,
  options: ReadOptions = {},
): Promise<WriteResult> {
  if (await isSameFile(inputPath, outputPath)) throw new WorkbookWriteError('same-file', inputPath);
  const fileName = path.basename(inputPath);
  const codec = options.codec ?? nodeZipCodec;
  const pkg =
    (await takeLoaded(inputPath)) ?? (await readXlsxPackage(await readBytes(inputPath, options), fileName, options.limits, codec));
  if (!pkg) throw new WorkbookReadError('unreadable', { fileName, detail: 'no inflate available to read the zip' });
  // The patch writer is loaded by the commands that write (not by `validate`).
  const { applyPlanToPackage } = await import('./ooxml/patch-plan');
  const applied = applyPlanToPackage(pkg, plan, fileName);
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
