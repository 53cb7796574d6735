/**
 * Just enough of the ZIP format to vet a file before ExcelJS inflates it: recognise the container
 * (OOXML zip, legacy/encrypted CFB), list the central directory with each entry's sizes, and
 * normalise timestamps so generated files are byte-stable. Nothing here inflates data.
 */
import { WorkbookReadError } from './errors';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Offset of this entry's record in the central directory. */
  centralOffset: number;
}

export interface SizeLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest uncompressed worksheet (or shared strings) XML. */
  maxSheetXmlBytes: number;
  /** Largest total of all uncompressed entries. */
  maxTotalUncompressedBytes: number;
}

const MB = 1024 * 1024;
export const DEFAULT_LIMITS: SizeLimits = {
  maxFileBytes: 50 * MB,
  maxSheetXmlBytes: 200 * MB,
  maxTotalUncompressedBytes: 500 * MB,
};

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const u16 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8);
const u32 = (b: Uint8Array, p: number) => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, p: number) => u32(b, p) + u32(b, p + 4) * 0x100000000;

export function toUint8Array(data: Uint8Array | ArrayBuffer): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

export function isCfb(bytes: Uint8Array): boolean {
  if (bytes.length < CFB_SIGNATURE.length) return false;
  return CFB_SIGNATURE.every((v, i) => bytes[i] === v);
}

/** An encrypted OOXML file is a CFB container with an "EncryptedPackage" stream. */
export function hasEncryptedPackageStream(bytes: Uint8Array): boolean {
  const needle = 'EncryptedPackage';
  const n = needle.length * 2;
  const first = needle.charCodeAt(0);
  for (let i = 0; i + n <= bytes.length; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    let ok = true;
    for (let j = 1; j < needle.length; j++) {
      if (bytes[i + 2 * j] !== needle.charCodeAt(j) || bytes[i + 2 * j + 1] !== 0) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

function findEocd(bytes: Uint8Array): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let p = bytes.length - 22; p >= min; p--) {
    if (bytes[p] === 0x50 && bytes[p + 1] === 0x4b && u32(bytes, p) === SIG_EOCD) {
      const commentLength = u16(bytes, p + 20);
      if (p + 22 + commentLength <= bytes.length) return p;
    }
  }
  return -1;
}

/**
 * The central directory of a zip. Throws a WorkbookReadError ('truncated' when the end of the
 * file is missing, 'unreadable' when the directory is damaged).
 */
export function readCentralDirectory(bytes: Uint8Array, fileName?: string): ZipEntryInfo[] {
  const eocd = findEocd(bytes);
  if (eocd < 0) throw new WorkbookReadError('truncated', { fileName, detail: 'no end of central directory' });
  let total = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== SIG_ZIP64_LOCATOR) {
      throw new WorkbookReadError('unreadable', { fileName, detail: 'zip64 locator missing' });
    }
    const z = u64(bytes, loc + 8);
    if (z + 56 > bytes.length || u32(bytes, z) !== SIG_ZIP64_EOCD) {
      throw new WorkbookReadError('truncated', { fileName, detail: 'zip64 end record missing' });
    }
    total = u64(bytes, z + 32);
    cdSize = u64(bytes, z + 40);
    cdOffset = u64(bytes, z + 48);
  }
  if (cdOffset + cdSize > bytes.length) {
    throw new WorkbookReadError('truncated', { fileName, detail: 'central directory beyond end of file' });
  }
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== SIG_CENTRAL) {
      throw new WorkbookReadError('unreadable', { fileName, detail: 'damaged central directory' });
    }
    let compressedSize = u32(bytes, p + 20);
    let uncompressedSize = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    let localHeaderOffset = u32(bytes, p + 42);
    const nameStart = p + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > bytes.length) throw new WorkbookReadError('truncated', { fileName, detail: 'central directory cut off' });
    const name = decoder.decode(bytes.subarray(nameStart, extraStart));
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // Zip64 extended information extra field (0x0001): present fields in this order.
      let e = extraStart;
      while (e + 4 <= extraStart + extraLength) {
        const id = u16(bytes, e);
        const size = u16(bytes, e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressedSize === 0xffffffff) {
            uncompressedSize = u64(bytes, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(bytes, q);
            q += 8;
          }
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(bytes, q);
          break;
        }
        e += 4 + size;
      }
    }
    if (localHeaderOffset + 30 > bytes.length || u32(bytes, localHeaderOffset) !== SIG_LOCAL) {
      throw new WorkbookReadError(localHeaderOffset + 30 > bytes.length ? 'truncated' : 'unreadable', {
        fileName,
        detail: `entry ${name} not found`,
      });
    }
    entries.push({ name, compressedSize, uncompressedSize, localHeaderOffset, centralOffset: p });
    p = next;
  }
  return entries;
}

const MB_TEXT = (n: number) => `${Math.round((n / MB) * 10) / 10} MB`;

/**
 * Vet bytes before handing them to ExcelJS: container type, zip integrity (without inflating),
 * size guards. Returns the zip's entries. Throws WorkbookReadError.
 */
export function preflightWorkbook(
  data: Uint8Array | ArrayBuffer,
  fileName?: string,
  limits: SizeLimits = DEFAULT_LIMITS,
): ZipEntryInfo[] {
  const bytes = toUint8Array(data);
  if (isCfb(bytes)) {
    throw new WorkbookReadError(hasEncryptedPackageStream(bytes) ? 'encrypted' : 'legacy-xls', { fileName });
  }
  if (bytes.length > limits.maxFileBytes) {
    throw new WorkbookReadError('too-large', { fileName, detail: MB_TEXT(bytes.length) });
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new WorkbookReadError('not-a-workbook', { fileName });
  }
  if (u32(bytes, 0) === SIG_EOCD) throw new WorkbookReadError('not-a-workbook', { fileName, detail: 'empty zip' });
  if (u32(bytes, 0) !== SIG_LOCAL) throw new WorkbookReadError('unreadable', { fileName, detail: 'bad zip header' });
  const entries = readCentralDirectory(bytes, fileName);
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  if (!names.has('xl/workbook.xml')) throw new WorkbookReadError('not-a-workbook', { fileName });
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const lower = e.name.toLowerCase();
    const isSheetXml = /^xl\/worksheets\/[^/]+\.xml$/.test(lower) || lower === 'xl/sharedstrings.xml';
    if (isSheetXml && e.uncompressedSize > limits.maxSheetXmlBytes) {
      throw new WorkbookReadError('too-large', { fileName, detail: `${e.name}: ${MB_TEXT(e.uncompressedSize)}` });
    }
  }
  if (total > limits.maxTotalUncompressedBytes) {
    throw new WorkbookReadError('too-large', { fileName, detail: `${MB_TEXT(total)} uncompressed` });
  }
  return entries;
}

/**
 * Set every entry's modification time (local headers and central directory) to one DOS date, so
 * that the same workbook written twice gives the same bytes. Returns a patched copy.
 */
export function normalizeZipTimestamps(data: Uint8Array, date: Date = new Date(Date.UTC(2025, 0, 1))): Uint8Array {
  const bytes = new Uint8Array(data);
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const put16 = (p: number, v: number) => {
    bytes[p] = v & 0xff;
    bytes[p + 1] = (v >> 8) & 0xff;
  };
  for (const e of readCentralDirectory(bytes)) {
    put16(e.centralOffset + 12, dosTime);
    put16(e.centralOffset + 14, dosDate);
    put16(e.localHeaderOffset + 10, dosTime);
    put16(e.localHeaderOffset + 12, dosDate);
  }
  return bytes;
}
