/**
 * The ZIP container of an .xlsx: recognise it (OOXML zip, legacy/encrypted CFB), list the central
 * directory with each entry's sizes, inflate every entry once in bounded chunks to prove the
 * declared sizes and count rows (`inflateWorkbookEntries`), write a package back
 * (`storedArchive`), and normalise timestamps so generated files are byte-stable. Hand-written on
 * purpose, fflate used as a codec only: docs/benchmarks.md, issue #16.
 */
import { type OtherFileKind, WorkbookReadError } from './errors';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Offset of this entry's record in the central directory. */
  centralOffset: number;
  /** Compression method (0 stored, 8 deflate). */
  method: number;
  /** General purpose bit flags (bit 0: the entry is encrypted). */
  flags: number;
  /** CRC-32 of the uncompressed data, as the central directory gives it. */
  crc32: number;
}

export interface SizeLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest uncompressed worksheet (or shared strings) XML. */
  maxSheetXmlBytes: number;
  /** Largest total of all uncompressed entries. */
  maxTotalUncompressedBytes: number;
  /**
   * Most rows (`<row>` elements) in one worksheet. Excel allows 1,048,576; a criteria set has
   * ~40–150 rows and a national summary 3,321 units, while .xls conversions often carry formatted
   * rows down to 65,536. Rows compress so well that a million of them fit in a few kilobytes.
   */
  maxSheetRows: number;
  /**
   * Most cells (`<c>` elements of all worksheets) plus shared strings (`<si>`) in one workbook.
   * ExcelJS holds ~400 bytes per cell: 1,000,000 is ~400 MB, twice a national consolidation
   * (3,321 units × 150 criteria rows).
   */
  maxCells: number;
  /**
   * Most positions of the snapshot grid, all sheets: each row up to its last cell, plus every row
   * above the last one. A lone cell at XFD1048576 spans a million rows; 700 rows with a cell in
   * column XFD span 11 million positions.
   */
  maxGridCells: number;
}

const MB = 1024 * 1024;
export const DEFAULT_LIMITS: SizeLimits = {
  maxFileBytes: 50 * MB,
  maxSheetXmlBytes: 200 * MB,
  maxTotalUncompressedBytes: 500 * MB,
  maxSheetRows: 200_000,
  maxCells: 1_000_000,
  maxGridCells: 10_000_000,
};

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const CFB_SIGNATURE: readonly number[] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

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

/**
 * What a file that is not a workbook is, when its first bytes say so: the advice differs (a
 * picture or a PDF cannot be "saved as .xlsx"; the user picked the wrong file).
 */
function signatureKind(bytes: Uint8Array): OtherFileKind | undefined {
  const starts = (sig: number[]) => sig.every((v, i) => bytes[i] === v);
  if (starts([0x89, 0x50, 0x4e, 0x47]) || starts([0xff, 0xd8, 0xff]) || starts([0x47, 0x49, 0x46, 0x38])) return 'image';
  if (starts([0x25, 0x50, 0x44, 0x46])) return 'pdf';
  return undefined;
}

/** A zip package that is not a workbook: a Word or PowerPoint file (OOXML), by its main part. */
function packageKind(names: ReadonlySet<string>): OtherFileKind | undefined {
  if (names.has('word/document.xml')) return 'word';
  if (names.has('ppt/presentation.xml')) return 'powerpoint';
  return undefined;
}

/** An encrypted OOXML file is a CFB container with an "EncryptedPackage" stream. */
export function hasEncryptedPackageStream(bytes: Uint8Array): boolean {
  return hasUtf16Name(bytes, 'EncryptedPackage');
}

/**
 * A legacy workbook is a CFB container with a "Workbook" (BIFF8) or "Book" (BIFF5) stream; other
 * CFB files (.doc, .ppt, .msg renamed to .xls) are not workbooks at all. Directory names are
 * UTF-16LE and NUL-terminated.
 */
export function hasWorkbookStream(bytes: Uint8Array): boolean {
  return hasUtf16Name(bytes, 'Workbook\0') || hasUtf16Name(bytes, 'Book\0');
}

function hasUtf16Name(bytes: Uint8Array, needle: string): boolean {
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
  const { total, offset } = directoryBounds(bytes, fileName);
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntryInfo[] = [];
  let p = offset;
  for (let i = 0; i < total; i++) {
    const { entry, next } = centralRecord(bytes, p, decoder, fileName);
    entries.push(entry);
    p = next;
  }
  return entries;
}

/** Where the central directory is and how many entries it lists: from the end record, or the zip64 one. */
function directoryBounds(bytes: Uint8Array, fileName: string | undefined): { total: number; offset: number } {
  const eocd = findEocd(bytes);
  if (eocd < 0) throw new WorkbookReadError('truncated', { fileName, detail: 'no end of central directory' });
  let total = u16(bytes, eocd + 10);
  let size = u32(bytes, eocd + 12);
  let offset = u32(bytes, eocd + 16);
  let zip64End = -1;
  if (total === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== SIG_ZIP64_LOCATOR) {
      throw new WorkbookReadError('unreadable', { fileName, detail: 'zip64 locator missing' });
    }
    const z = u64(bytes, loc + 8);
    if (z + 56 > bytes.length || u32(bytes, z) !== SIG_ZIP64_EOCD) {
      throw new WorkbookReadError('truncated', { fileName, detail: 'zip64 end record missing' });
    }
    total = u64(bytes, z + 32);
    size = u64(bytes, z + 40);
    offset = u64(bytes, z + 48);
    zip64End = z;
  }
  if (offset + size > bytes.length) {
    throw new WorkbookReadError('truncated', { fileName, detail: 'central directory beyond end of file' });
  }
  // Bad-input corpus fix: the central directory must end where the end record (or the zip64 end
  // record) starts. With a gap, JSZip (inside ExcelJS) takes the gap for prepended data and reads
  // a *different* directory, so the entries vetted here would not be the ones ExcelJS inflates.
  if (offset + size !== (zip64End >= 0 ? zip64End : eocd)) {
    throw new WorkbookReadError('unreadable', { fileName, detail: 'central directory does not end at its end record' });
  }
  return { total, offset };
}

/** One central directory record at `p` (its local header checked to be there) and where the next one starts. */
function centralRecord(
  bytes: Uint8Array,
  p: number,
  decoder: TextDecoder,
  fileName: string | undefined,
): { entry: ZipEntryInfo; next: number } {
  if (p + 46 > bytes.length || u32(bytes, p) !== SIG_CENTRAL) {
    throw new WorkbookReadError('unreadable', { fileName, detail: 'damaged central directory' });
  }
  const nameStart = p + 46;
  const extraStart = nameStart + u16(bytes, p + 28);
  const extraLength = u16(bytes, p + 30);
  const next = extraStart + extraLength + u16(bytes, p + 32);
  if (next > bytes.length) throw new WorkbookReadError('truncated', { fileName, detail: 'central directory cut off' });
  const entry: ZipEntryInfo = {
    name: decoder.decode(bytes.subarray(nameStart, extraStart)),
    compressedSize: u32(bytes, p + 20),
    uncompressedSize: u32(bytes, p + 24),
    localHeaderOffset: u32(bytes, p + 42),
    centralOffset: p,
    method: u16(bytes, p + 10),
    flags: u16(bytes, p + 8),
    crc32: u32(bytes, p + 16),
  };
  if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
    readZip64Extra(bytes, extraStart, extraLength, entry);
  }
  const h = entry.localHeaderOffset;
  if (h + 30 > bytes.length || u32(bytes, h) !== SIG_LOCAL) {
    throw new WorkbookReadError(h + 30 > bytes.length ? 'truncated' : 'unreadable', { fileName, detail: `entry ${entry.name} not found` });
  }
  return { entry, next };
}

/** The zip64 extended information extra field (0x0001): the fields the record marks 0xffffffff, present in this order. */
function readZip64Extra(bytes: Uint8Array, extraStart: number, extraLength: number, entry: ZipEntryInfo): void {
  for (let e = extraStart; e + 4 <= extraStart + extraLength; e += 4 + u16(bytes, e + 2)) {
    if (u16(bytes, e) !== 0x0001) continue;
    let q = e + 4;
    if (entry.uncompressedSize === 0xffffffff) {
      entry.uncompressedSize = u64(bytes, q);
      q += 8;
    }
    if (entry.compressedSize === 0xffffffff) {
      entry.compressedSize = u64(bytes, q);
      q += 8;
    }
    if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = u64(bytes, q);
    return;
  }
}

/** Where an entry's data starts: after its local header, name and extra field. */
export function entryDataStart(bytes: Uint8Array, e: ZipEntryInfo): number {
  const h = e.localHeaderOffset;
  return h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
}

const MB_TEXT = (n: number) => `${Math.round((n / MB) * 10) / 10} MB`;

/**
 * Vet bytes before handing them to ExcelJS: container type, zip integrity (without inflating),
 * size guards. Returns the zip's entries. Throws WorkbookReadError.
 */
export function preflightWorkbook(data: Uint8Array | ArrayBuffer, fileName?: string, limits: SizeLimits = DEFAULT_LIMITS): ZipEntryInfo[] {
  const bytes = toUint8Array(data);
  if (isCfb(bytes)) {
    // Bad-input corpus fix: a CFB without a workbook stream (a .doc renamed .xls) is not "an old
    // Excel file" — telling the user to re-save it from Excel would send them the wrong way.
    const reason = hasEncryptedPackageStream(bytes) ? 'encrypted' : hasWorkbookStream(bytes) ? 'legacy-xls' : 'not-a-workbook';
    const kind = reason === 'not-a-workbook' && hasUtf16Name(bytes, 'WordDocument') ? 'word' : undefined;
    throw new WorkbookReadError(reason, { fileName, detail: kind });
  }
  if (bytes.length > limits.maxFileBytes) {
    throw new WorkbookReadError('too-large', { fileName, detail: MB_TEXT(bytes.length) });
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new WorkbookReadError('not-a-workbook', { fileName, detail: signatureKind(bytes) });
  }
  if (u32(bytes, 0) === SIG_EOCD) throw new WorkbookReadError('not-a-workbook', { fileName, detail: 'empty zip' });
  if (u32(bytes, 0) !== SIG_LOCAL) throw new WorkbookReadError('unreadable', { fileName, detail: 'bad zip header' });
  const entries = readCentralDirectory(bytes, fileName);
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  if (!names.has('xl/workbook.xml')) throw new WorkbookReadError('not-a-workbook', { fileName, detail: packageKind(names) });
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

// ---------------------------------------------------------------------------------------------
// Bad-input corpus fix: the declared sizes above are only what the file *says*. ExcelJS inflates
// every entry whole (JSZip `async('string')`) and parses each row into objects, so a zip whose
// central directory lies about a sheet's size, or a sheet of a million tiny rows (a few kilobytes
// on disk, well under the byte limits), would take gigabytes before any check could run.

/** Chunks of compressed input handed to the inflater at a time. */
const SCAN_INPUT_CHUNK = 64 * 1024;
const WORKSHEET_PART = /(^|\/)worksheets\/[^/]+\.xml$/i;
const SHARED_STRINGS_PART = /(^|\/)sharedstrings\.xml$/i;

/**
 * Counts `<row>`, `<c>` and `<si>` start tags (any namespace prefix) in streamed XML bytes. The
 * bytes are decoded as Latin-1 (performance, bench/: one byte per character, no UTF-8 decoding):
 * the tag names are ASCII and no byte of a multi-byte UTF-8 character is, so the tags found are the
 * same. A regular expression, not a byte loop: it runs as native code from the first call, which
 * matters to the command line, whose every run starts cold.
 */
export class XmlTagCounter {
  rows = 0;
  cells = 0;
  private carry = '';
  private readonly decoder = new TextDecoder('latin1');

  feed(chunk: Uint8Array | null): void {
    const text = this.carry + (chunk ? this.decoder.decode(chunk, { stream: true }) : this.decoder.decode());
    // A tag may be cut by the chunk boundary: keep the text from the last '<' for the next chunk.
    const cut = chunk ? text.lastIndexOf('<') : -1;
    const head = cut < 0 ? text : text.slice(0, cut);
    this.carry = cut < 0 ? '' : text.slice(cut, cut + 256);
    const tag = /<(?:[A-Za-z_][\w.-]*:)?(row|c|si)[\s/>]/g;
    for (let m = tag.exec(head); m; m = tag.exec(head)) {
      if (m[1] === 'row') this.rows++;
      else this.cells++;
    }
  }
}

type Inflate = (input: Uint8Array) => ReadableStream<Uint8Array> | null;

/**
 * Native (de)compression a host may offer instead of the streams and JSZip's JavaScript deflate.
 * Performance, bench/: Node's zlib (node.ts) inflates a sheet 2–3× faster than
 * DecompressionStream; zlib and the browser's CompressionStream deflate it 8× faster than JSZip.
 */
export interface ZipCodec {
  /** Raw-inflate `data`; must throw when the output would exceed `maxBytes`. Without it: streams. */
  inflateRawSync?(data: Uint8Array, maxBytes: number): Uint8Array;
  /** Raw-deflate `data` (level 6, as JSZip does). */
  deflateRaw(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** CRC-32 of `data`, natively (Node's zlib.crc32); without it, a JavaScript table loop. */
  crc32?(data: Uint8Array): number;
}

/**
 * The browser's CompressionStream('deflate-raw') as a codec (Chromium 103+, Firefox 113+, Safari
 * 16.4+), or undefined where it is missing (JSZip's deflate is used then).
 */
export function browserZipCodec(): ZipCodec | undefined {
  const CS = (globalThis as { CompressionStream?: new (format: string) => TransformStream<Uint8Array, Uint8Array> }).CompressionStream;
  if (typeof CS !== 'function' || typeof Response !== 'function' || typeof Blob !== 'function') return undefined;
  try {
    new CS('deflate-raw');
  } catch {
    return undefined;
  }
  return {
    deflateRaw: async (data) => {
      const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CS('deflate-raw'));
      return new Uint8Array(await new Response(stream).arrayBuffer());
    },
  };
}

/**
 * fflate (a maintained JavaScript zlib) as a codec, for browsers without CompressionStream and
 * DecompressionStream (Safari before 16.4, Firefox before 113): loaded only there, as its own
 * chunk. Inflation is bounded as Node's zlib bounds it (maxOutputLength): it stops, with the same
 * error code, at the chunk that crosses `maxBytes`, so a zip bomb never inflates whole.
 */
/**
 * Compressed bytes handed to fflate at a time. fflate inflates a whole push before it reports any
 * output: 4 KB of a zip bomb inflates to at most ~4 MB (deflate's 1032:1) before a check, where
 * 64 KB would be ~66 MB. Measured (docs/benchmarks.md) no slower than larger pushes.
 */
const FFLATE_INPUT_CHUNK = 4 * 1024;

export async function fflateZipCodec(): Promise<ZipCodec> {
  const { Inflate, deflateSync } = await import(/* webpackChunkName: "fflate" */ 'fflate');
  return {
    inflateRawSync: (data, maxBytes) => {
      const parts: Uint8Array[] = [];
      let size = 0;
      const inflater = new Inflate((chunk) => {
        size += chunk.length;
        if (size > maxBytes) throw Object.assign(new RangeError(`inflates beyond ${maxBytes} bytes`), { code: 'ERR_BUFFER_TOO_LARGE' });
        parts.push(chunk);
      });
      for (let p = 0; p < data.length || p === 0; p += FFLATE_INPUT_CHUNK) {
        inflater.push(data.subarray(p, p + FFLATE_INPUT_CHUNK), p + FFLATE_INPUT_CHUNK >= data.length);
      }
      return concatChunks(parts, size);
    },
    deflateRaw: (data) => deflateSync(data, { level: 6 }),
  };
}

/**
 * Inflate one entry with fflate where there is no DecompressionStream (and no ReadableStream to
 * wrap fflate in: jsdom, old browsers): the same checks as inflateChecked, after every push.
 */
async function inflateWithFflate(
  raw: Uint8Array,
  e: ZipEntryInfo,
  fileName: string | undefined,
  counter: XmlTagCounter | null,
  check: () => void,
  parts: Uint8Array[],
): Promise<void> {
  const { Inflate } = await import(/* webpackChunkName: "fflate" */ 'fflate');
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > e.uncompressedSize)
      throw new WorkbookReadError('unreadable', { fileName, detail: `${e.name}: inflates beyond its declared size` });
    parts.push(chunk);
    counter?.feed(chunk);
    check();
  });
  try {
    for (let p = 0; p < raw.length || p === 0; p += FFLATE_INPUT_CHUNK) {
      inflater.push(raw.subarray(p, p + FFLATE_INPUT_CHUNK), p + FFLATE_INPUT_CHUNK >= raw.length);
    }
  } catch (err) {
    if (err instanceof WorkbookReadError) throw err;
    throw new WorkbookReadError('unreadable', { fileName, detail: `${e.name}: damaged data`, cause: err });
  }
  if (counter) {
    counter.feed(null);
    check();
  }
}

function concatChunks(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Entries up to this size are inflated in one call by a host's codec; larger ones are streamed,
 * so a file that declares a huge sheet honestly is still refused at the chunk crossing a limit
 * (the million-row corpus file declares 30 MB: streamed, refused at 200,000 rows with ~77 MB peak
 * memory; inflated whole it peaked at 136 MB). A 1,000-unit consolidation sheet is ~6 MB.
 */
const SYNC_INFLATE_MAX_BYTES = 16 * 1024 * 1024;

/** The standard DecompressionStream (Node ≥ 18, current browsers), or null where it is missing. */
function standardInflater(): Inflate | null {
  const DS = (globalThis as { DecompressionStream?: new (format: string) => TransformStream<Uint8Array, Uint8Array> }).DecompressionStream;
  if (typeof DS !== 'function') return null;
  try {
    new DS('deflate-raw');
  } catch {
    return null;
  }
  return (input) => {
    const ds = new DS('deflate-raw');
    const writer = ds.writable.getWriter();
    // Feed the input in slices as the reader pulls, so output is produced (and dropped) in chunks.
    void (async () => {
      try {
        for (let p = 0; p < input.length; p += SCAN_INPUT_CHUNK) await writer.write(input.subarray(p, p + SCAN_INPUT_CHUNK));
        await writer.close();
      } catch {
        // The reader stopped early or the data is damaged: the reader side reports it.
      }
    })();
    return ds.readable;
  };
}

/**
 * Inflate every entry once, in bounded chunks: each entry must inflate to no more than its
 * declared size (a zip bomb lying in its central directory is refused as damaged), worksheets must
 * stay under `maxSheetRows` rows and the workbook under `maxCells` cells and shared strings
 * (refused as too large). A refused file stops at the chunk that crossed a limit. Returns every
 * entry with its data uncompressed, or null where some entry could not be inflated here (a
 * compression method other than stored and deflate: only the declared sizes were vetted then).
 * Deflated entries go to the codec's inflateRawSync, else to DecompressionStream, else to fflate.
 */
export async function inflateWorkbookEntries(
  data: Uint8Array | ArrayBuffer,
  entries: ZipEntryInfo[],
  fileName?: string,
  limits: SizeLimits = DEFAULT_LIMITS,
  codec?: ZipCodec,
): Promise<InflatedEntry[] | null> {
  const run: InflateRun = {
    bytes: toUint8Array(data),
    fileName,
    codec,
    maxRows: limits.maxSheetRows ?? DEFAULT_LIMITS.maxSheetRows,
    maxCells: limits.maxCells ?? DEFAULT_LIMITS.maxCells,
    cells: 0,
    inflate: undefined,
  };
  const stored: InflatedEntry[] = [];
  // Where an entry could not be inflated here (no inflater, another method), the caller falls back
  // to the original bytes (ExcelJS decides).
  let complete = true;
  for (const e of entries) {
    if (e.name.endsWith('/') && e.uncompressedSize === 0 && e.compressedSize === 0) continue;
    const raw = entryData(run, e);
    const counter = WORKSHEET_PART.test(e.name) || SHARED_STRINGS_PART.test(e.name) ? new XmlTagCounter() : null;
    const parts = await inflateEntry(run, e, raw, counter);
    if (counter) run.cells += counter.cells;
    if (parts.length === 0 && e.uncompressedSize > 0) complete = false;
    stored.push(e.method === 8 ? { entry: e, parts, deflated: raw } : { entry: e, parts });
  }
  return complete ? stored : null;
}

/** One inflateWorkbookEntries call: the file, its limits, the cells and shared strings of the entries so far. */
interface InflateRun {
  readonly bytes: Uint8Array;
  readonly fileName: string | undefined;
  readonly codec: ZipCodec | undefined;
  readonly maxRows: number;
  readonly maxCells: number;
  cells: number;
  /** The standard streams, set up only when an entry needs them (not at all with a codec); null where missing. */
  inflate: Inflate | null | undefined;
}

/** An entry's data as the zip holds it (compressed or not); refused when encrypted or cut off. */
function entryData(run: InflateRun, e: ZipEntryInfo): Uint8Array {
  const { bytes, fileName } = run;
  if (e.flags & 1) throw new WorkbookReadError('unreadable', { fileName, detail: `${e.name}: encrypted zip entry` });
  const start = entryDataStart(bytes, e);
  if (start + e.compressedSize > bytes.length) {
    throw new WorkbookReadError('truncated', { fileName, detail: `${e.name} cut off` });
  }
  return bytes.subarray(start, start + e.compressedSize);
}

/**
 * An entry's data uncompressed, in chunks, its tags counted against the limits as it comes: stored
 * as it is, deflated by the codec in one call (up to SYNC_INFLATE_MAX_BYTES), else streamed. No
 * chunks for another compression method (JSZip refuses those itself: 'unreadable' by the reader).
 */
async function inflateEntry(run: InflateRun, e: ZipEntryInfo, raw: Uint8Array, counter: XmlTagCounter | null): Promise<Uint8Array[]> {
  const { fileName, codec } = run;
  const check = limitCheck(run, e, counter);
  const parts: Uint8Array[] = [];
  if (e.method === 0) {
    parts.push(raw);
    if (e.compressedSize > e.uncompressedSize) {
      throw new WorkbookReadError('unreadable', { fileName, detail: `${e.name}: larger than declared` });
    }
    countAll(raw, counter, check);
  } else if (e.method === 8 && codec?.inflateRawSync && e.uncompressedSize <= SYNC_INFLATE_MAX_BYTES) {
    const data = inflateWhole(codec.inflateRawSync, raw, e, fileName);
    parts.push(data);
    countAll(data, counter, check);
  } else if (e.method === 8) {
    if (run.inflate === undefined) run.inflate = standardInflater();
    if (run.inflate) await inflateChecked(run.inflate, raw, e, fileName, counter, check, parts);
    else await inflateWithFflate(raw, e, fileName, counter, check, parts);
  }
  return parts;
}

/** The check after each chunk: the sheet's rows and the workbook's cells within the limits, else 'too-large'. */
function limitCheck(run: InflateRun, e: ZipEntryInfo, counter: XmlTagCounter | null): () => void {
  return () => {
    if (!counter) return;
    if (counter.rows > run.maxRows) {
      throw new WorkbookReadError('too-large', { fileName: run.fileName, detail: `${e.name}: > ${run.maxRows} dòng / rows` });
    }
    if (run.cells + counter.cells > run.maxCells) {
      throw new WorkbookReadError('too-large', { fileName: run.fileName, detail: `> ${run.maxCells} ô / cells` });
    }
  };
}

/** Count the tags of a whole entry, a chunk at a time (a limit stops at the chunk crossing it). */
function countAll(data: Uint8Array, counter: XmlTagCounter | null, check: () => void): void {
  if (!counter) return;
  for (let p = 0; p < data.length; p += SCAN_INPUT_CHUNK) {
    counter.feed(data.subarray(p, p + SCAN_INPUT_CHUNK));
    check();
  }
  counter.feed(null);
  check();
}

/** A deflated entry inflated in one call by the codec, refused when damaged or larger than declared. */
function inflateWhole(
  inflateRawSync: NonNullable<ZipCodec['inflateRawSync']>,
  raw: Uint8Array,
  e: ZipEntryInfo,
  fileName: string | undefined,
): Uint8Array {
  try {
    const data = inflateRawSync(raw, e.uncompressedSize);
    if (data.byteLength > e.uncompressedSize) throw Object.assign(new RangeError('beyond'), { code: 'ERR_BUFFER_TOO_LARGE' });
    return data;
  } catch (err) {
    const beyond = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    const detail = beyond ? `${e.name}: inflates beyond its declared size` : `${e.name}: damaged data`;
    throw new WorkbookReadError('unreadable', { fileName, detail, cause: err });
  }
}

/**
 * inflateWorkbookEntries, then the same archive with every entry stored uncompressed, for ExcelJS
 * to load without inflating it a second time (performance, bench/: one pass over the data instead
 * of two), or null where the entries could not all be inflated here (ExcelJS then reads the
 * original bytes).
 */
export async function scanWorkbookEntries(
  data: Uint8Array | ArrayBuffer,
  entries: ZipEntryInfo[],
  fileName?: string,
  limits: SizeLimits = DEFAULT_LIMITS,
  codec?: ZipCodec,
): Promise<Uint8Array | null> {
  const stored = await inflateWorkbookEntries(data, entries, fileName, limits, codec);
  // (More entries than a zip without zip64 records can list: ExcelJS gets the original bytes.)
  return stored && stored.length <= 0xffff ? storedArchive(stored) : null;
}

async function inflateChecked(
  inflate: Inflate,
  raw: Uint8Array,
  e: ZipEntryInfo,
  fileName: string | undefined,
  counter: XmlTagCounter | null,
  check: () => void,
  parts: Uint8Array[],
): Promise<void> {
  const stream = inflate(raw);
  if (!stream) return;
  const reader = stream.getReader();
  let size = 0;
  let failure: WorkbookReadError | null = null;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        failure = new WorkbookReadError('unreadable', { fileName, detail: `${e.name}: damaged data`, cause: err });
        break;
      }
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > e.uncompressedSize) {
        failure = new WorkbookReadError('unreadable', { fileName, detail: `${e.name}: inflates beyond its declared size` });
        break;
      }
      parts.push(chunk.value);
      counter?.feed(chunk.value);
      check();
    }
    if (!failure && counter) {
      counter.feed(null);
      check();
    }
  } catch (err) {
    failure = err instanceof WorkbookReadError ? err : new WorkbookReadError('unreadable', { fileName, cause: err });
  } finally {
    // Stop the inflater: nothing more is read, nothing more is allocated.
    await reader.cancel().catch(() => undefined);
  }
  if (failure) throw failure;
}

/** An entry and its data, in chunks. */
export interface InflatedEntry {
  entry: Pick<ZipEntryInfo, 'name' | 'crc32'>;
  /** The entry's data, in chunks: uncompressed unless storedArchive's `methods` says otherwise. */
  parts: Uint8Array[];
  /** When the data is compressed: the size uncompressed. */
  uncompressedSize?: number;
  /** The entry's deflated data as the zip held it (inflateWorkbookEntries), to write back unchanged. */
  deflated?: Uint8Array;
}

const encoder = new TextEncoder();

/**
 * A zip of the given entries with their data as given, stored (method 0) unless `methods` gives
 * another: local headers and data, then the central directory and its end record. Names are
 * written as UTF-8 (flag bit 11). Sizes stay far under 4 GB (the size limits): no zip64 record.
 */
export function storedArchive(entries: InflatedEntry[], methods?: number[]): Uint8Array {
  const names = entries.map((s) => encoder.encode(s.entry.name));
  const sizes = entries.map((s) => s.parts.reduce((n, p) => n + p.byteLength, 0));
  let localTotal = 0;
  let centralTotal = 0;
  entries.forEach((_, i) => {
    localTotal += 30 + names[i].length + sizes[i];
    centralTotal += 46 + names[i].length;
  });
  const method = (i: number) => methods?.[i] ?? 0;
  const uncompressed = (i: number) => entries[i].uncompressedSize ?? sizes[i];
  const out = new Uint8Array(localTotal + centralTotal + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  entries.forEach((s, i) => {
    offsets.push(p);
    view.setUint32(p, SIG_LOCAL, true);
    view.setUint16(p + 4, 20, true); // version needed: 2.0
    view.setUint16(p + 6, 0x0800, true); // UTF-8 names
    view.setUint16(p + 8, method(i), true);
    view.setUint32(p + 14, s.entry.crc32, true);
    view.setUint32(p + 18, sizes[i], true);
    view.setUint32(p + 22, uncompressed(i), true);
    view.setUint16(p + 26, names[i].length, true);
    out.set(names[i], p + 30);
    p += 30 + names[i].length;
    for (const part of s.parts) {
      out.set(part, p);
      p += part.byteLength;
    }
  });
  const centralStart = p;
  entries.forEach((s, i) => {
    view.setUint32(p, SIG_CENTRAL, true);
    view.setUint16(p + 4, 20, true);
    view.setUint16(p + 6, 20, true);
    view.setUint16(p + 8, 0x0800, true);
    view.setUint16(p + 10, method(i), true);
    view.setUint32(p + 16, s.entry.crc32, true);
    view.setUint32(p + 20, sizes[i], true);
    view.setUint32(p + 24, uncompressed(i), true);
    view.setUint16(p + 28, names[i].length, true);
    view.setUint32(p + 42, offsets[i], true);
    out.set(names[i], p + 46);
    p += 46 + names[i].length;
  });
  view.setUint32(p, SIG_EOCD, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - centralStart, true);
  view.setUint32(p + 16, centralStart, true);
  return out;
}

/**
 * The archive `stored` (every entry stored, as ExcelJS writes it with `compression: 'STORE'`)
 * with every entry deflated by `codec`. CRCs, names and order are kept; an entry that deflation
 * would not shrink stays stored.
 */
export async function deflateStoredArchive(stored: Uint8Array, codec: ZipCodec): Promise<Uint8Array> {
  const entries = readCentralDirectory(stored);
  const out: InflatedEntry[] = [];
  const methods: number[] = [];
  for (const e of entries) {
    const start = entryDataStart(stored, e);
    const data = stored.subarray(start, start + e.compressedSize);
    const deflated = e.method === 0 && data.length > 0 ? await codec.deflateRaw(data) : null;
    const smaller = deflated !== null && deflated.length < data.length;
    out.push({ entry: e, parts: [smaller ? deflated : data], uncompressedSize: e.uncompressedSize });
    methods.push(smaller ? 8 : e.method);
  }
  return storedArchive(out, methods);
}

/** Text deflated by deflateTextPieces: the raw deflate data, with the CRC-32 and size of its UTF-8 bytes. */
export interface DeflatedText {
  deflated: Uint8Array;
  crc32: number;
  size: number;
}

/** UTF-8 bytes handed to the deflater at a time (Node's zlib streams work in 16 KB chunks). */
const DEFLATE_INPUT_CHUNK = 16 * 1024;

type CompressionStreamClass = new (format: string) => TransformStream<Uint8Array, Uint8Array>;

/**
 * Text made in pieces (a generated sheet's rows), UTF-8 encoded and deflated as the pieces come,
 * so that neither the whole text nor its bytes ever exist (issue #17: building a 1,000-unit
 * comparison sheet as one string and one byte array, then deflating it, was most of `compare`'s
 * peak memory). By the standard CompressionStream in its 'gzip' format: the same deflate data as
 * 'deflate-raw' (zlib level 6 in Node and Chromium), with the CRC-32 and size the zip entry
 * needs computed natively, in its trailer (RFC 1952).
 *
 * Text of at most `wholeMax` bytes, or all text where there is no CompressionStream, is returned
 * as its bytes (`whole`) for the caller to deflate in one call: setting a stream up costs more
 * than it saves on a small part (performance, docs/benchmarks.md: `compare` at 150×150).
 */
export async function deflateTextPieces(pieces: Iterable<string>, wholeMax: number): Promise<DeflatedText | { whole: Uint8Array }> {
  const CS = (globalThis as { CompressionStream?: CompressionStreamClass }).CompressionStream;
  const chunks = utf8Chunks(pieces, DEFLATE_INPUT_CHUNK)[Symbol.iterator]();
  const first: Uint8Array[] = [];
  let size = 0;
  for (let c = chunks.next(); !c.done; c = chunks.next()) {
    first.push(c.value);
    size += c.value.length;
    if (size > wholeMax && typeof CS === 'function') return deflateStream(new CS('gzip'), first, chunks);
  }
  return { whole: concatChunks(first, size) };
}

/** The chunks `first`, then the rest of `chunks`, through a gzip CompressionStream. */
async function deflateStream(
  stream: TransformStream<Uint8Array, Uint8Array>,
  first: Uint8Array[],
  chunks: Iterator<Uint8Array>,
): Promise<DeflatedText> {
  const writer = stream.writable.getWriter();
  const output = readAll(stream.readable);
  let size = 0;
  const write = async (chunk: Uint8Array) => {
    size += chunk.length;
    await writer.ready;
    void writer.write(chunk).catch(() => undefined);
  };
  try {
    while (first.length > 0) await write(first.shift()!);
    for (let c = chunks.next(); !c.done; c = chunks.next()) await write(c.value);
    await writer.close();
  } catch (e) {
    await writer.abort(e).catch(() => undefined);
    throw e;
  }
  return gunzipFrame(await output, size);
}

async function readAll(readable: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = readable.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    parts.push(r.value);
    size += r.value.length;
  }
  return concatChunks(parts, size);
}

/**
 * Characters handed to encodeInto at a time: Chromium copies the string it is given (a user's
 * sheet data is one piece of megabytes; encoding it 16 KB at a time copied it hundreds of times).
 */
const ENCODE_WINDOW = 4096;

/** The text's UTF-8 bytes, in fresh arrays of `chunkSize` bytes (the last one shorter). */
function* utf8Chunks(pieces: Iterable<string>, chunkSize: number): Generator<Uint8Array> {
  let buf = new Uint8Array(chunkSize);
  let used = 0;
  for (const piece of pieces) {
    for (let at = 0; at < piece.length;) {
      let end = Math.min(piece.length, at + ENCODE_WINDOW);
      // Never between the two halves of a surrogate pair.
      if (end < piece.length && (piece.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
      let rest = end - at === piece.length ? piece : piece.slice(at, end);
      at = end;
      for (;;) {
        const { read, written } = encoder.encodeInto(rest, buf.subarray(used));
        used += written;
        if (read === rest.length) break;
        // Full (or too full for the next character, which encodeInto never splits).
        yield buf.subarray(0, used);
        buf = new Uint8Array(chunkSize);
        used = 0;
        rest = rest.slice(read);
      }
    }
  }
  if (used > 0) yield buf.subarray(0, used);
}

/** The deflate data of a gzip member (RFC 1952 §2.3), with the CRC-32 and size from its trailer. */
function gunzipFrame(gz: Uint8Array, size: number): DeflatedText {
  const FEXTRA = 4;
  const FNAME = 8;
  const FCOMMENT = 16;
  const FHCRC = 2;
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8) throw new Error('CompressionStream: not a gzip member');
  const flags = gz[3];
  let p = 10;
  if (flags & FEXTRA) p += 2 + u16(gz, p);
  for (const flag of [FNAME, FCOMMENT]) if (flags & flag) while (gz[p++] !== 0 && p < gz.length);
  if (flags & FHCRC) p += 2;
  const end = gz.length - 8;
  const crc = u32(gz, end);
  if (u32(gz, end + 4) !== size % 0x100000000) throw new Error('CompressionStream: gzip size differs from the input');
  return { deflated: gz.subarray(p, end), crc32: crc, size };
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
