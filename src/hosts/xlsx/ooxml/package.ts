/**
 * An .xlsx package held as its parts (zip entries, uncompressed), for the direct reader and the
 * patch writer (performance, bench/ and docs/benchmarks.md: building ExcelJS's whole model of a
 * workbook to read its cells, then serialising every part again to change a few of them, was most
 * of what `compute --out` cost). Parts keep their zip order; a part that is not changed is written
 * back byte for byte, so charts, pivot tables and anything else this tool does not know survive.
 */
import { WorkbookReadError } from '../errors';
import {
  DEFAULT_LIMITS,
  deflateTextPieces,
  inflateWorkbookEntries,
  preflightWorkbook,
  storedArchive,
  type InflatedEntry,
  type SizeLimits,
  type ZipCodec,
} from '../zip';

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/**
 * A part's XML made in pieces when the package is written, never held whole (a generated sheet:
 * patch-sheet.ts). `pieces` must give the same text each time it is called.
 */
export class StreamedXml {
  constructor(readonly pieces: () => Iterable<string>) {}

  text(): string {
    return [...this.pieces()].join('');
  }
}

export class XlsxPackage {
  private readonly data = new Map<string, Uint8Array>();
  private readonly crcs = new Map<string, number>();
  private readonly deflatedData = new Map<string, Uint8Array>();
  private readonly streamedXml = new Map<string, StreamedXml>();
  private readonly order: string[] = [];

  /**
   * Entries as read from a zip: name, uncompressed data, and where known the CRC from the central
   * directory and the deflated bytes (written back as they were while the part is unchanged).
   */
  constructor(entries: { name: string; data: Uint8Array; crc32?: number; deflated?: Uint8Array }[] = []) {
    for (const e of entries) {
      if (!this.data.has(e.name)) this.order.push(e.name);
      this.data.set(e.name, e.data);
      if (e.crc32 !== undefined) this.crcs.set(e.name, e.crc32);
      if (e.deflated) this.deflatedData.set(e.name, e.deflated);
    }
  }

  /** Part names in zip order (no leading '/'). */
  names(): string[] {
    return [...this.order];
  }

  has(name: string): boolean {
    return this.data.has(name) || this.streamedXml.has(name);
  }

  /** The part's bytes (a streamed part made whole, once: only tests and small parts ask). */
  bytes(name: string): Uint8Array | undefined {
    const streamed = this.streamedXml.get(name);
    if (streamed) {
      this.data.set(name, encoder.encode(streamed.text()));
      this.streamedXml.delete(name);
    }
    return this.data.get(name);
  }

  /** The part's XML in pieces, while it is a streamed part not yet made whole. */
  streamed(name: string): StreamedXml | undefined {
    return this.streamedXml.get(name);
  }

  /** A part decoded as UTF-8 (a byte-order mark dropped), or undefined when there is none. */
  text(name: string): string | undefined {
    const b = this.bytes(name);
    if (!b) return undefined;
    const s = utf8.decode(b);
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }

  /** Add or replace a part (text is written as UTF-8). A new part goes last. */
  set(name: string, content: string | Uint8Array | StreamedXml): void {
    if (!this.has(name)) this.order.push(name);
    this.crcs.delete(name);
    this.deflatedData.delete(name);
    if (content instanceof StreamedXml) {
      this.data.delete(name);
      this.streamedXml.set(name, content);
    } else {
      this.streamedXml.delete(name);
      this.data.set(name, typeof content === 'string' ? encoder.encode(content) : content);
    }
  }

  delete(name: string): void {
    if (!this.has(name)) return;
    this.data.delete(name);
    this.streamedXml.delete(name);
    this.crcs.delete(name);
    this.deflatedData.delete(name);
    this.order.splice(this.order.indexOf(name), 1);
  }

  /**
   * A copy to change (the parts' bytes are shared, never changed in place): the patch writer works
   * on one and the package takes it over with `adopt` only once every change has been made, so a
   * refusal half way leaves the package as it was.
   */
  clone(): XlsxPackage {
    const c = new XlsxPackage();
    c.adopt(this);
    return c;
  }

  /** This package's parts become those of `other` (its copy after the changes). */
  adopt(other: XlsxPackage): void {
    for (const [mine, theirs] of [
      [this.data, other.data],
      [this.crcs, other.crcs],
      [this.deflatedData, other.deflatedData],
      [this.streamedXml, other.streamedXml],
    ] as [Map<string, unknown>, Map<string, unknown>][]) {
      mine.clear();
      for (const [k, v] of theirs) mine.set(k, v);
    }
    this.order.length = 0;
    this.order.push(...other.order);
  }

  /** The part's deflated bytes as read from the zip, while it is unchanged. */
  deflated(name: string): Uint8Array | undefined {
    return this.deflatedData.get(name);
  }

  /** The part's CRC-32: kept from the zip for unchanged parts, computed (by `compute`) for changed ones. */
  crc32(name: string, compute: (data: Uint8Array) => number = crc32): number {
    let c = this.crcs.get(name);
    if (c === undefined) {
      c = compute(this.bytes(name) ?? new Uint8Array(0));
      this.crcs.set(name, c);
    }
    return c;
  }
}

/**
 * Vet and inflate an .xlsx (the same guards as the ExcelJS reader: container type, declared and
 * actual sizes, rows and cells) into its parts: by the codec, else DecompressionStream, else
 * fflate (zip.ts). Null only for an entry compressed by another method than stored or deflate.
 * Throws WorkbookReadError.
 */
export async function readXlsxPackage(
  data: Uint8Array | ArrayBuffer,
  fileName?: string,
  limits: Partial<SizeLimits> = {},
  codec?: ZipCodec,
): Promise<XlsxPackage | null> {
  const all: SizeLimits = { ...DEFAULT_LIMITS, ...limits };
  const entries = preflightWorkbook(data, fileName, all);
  const inflated = await inflateWorkbookEntries(data, entries, fileName, all, codec);
  if (!inflated) return null;
  const names = new Set<string>();
  const parts: ConstructorParameters<typeof XlsxPackage>[0] = [];
  for (const e of inflated) {
    // Two entries of one name: which one a reader takes is not defined; such a file is damaged.
    if (names.has(e.entry.name)) throw new WorkbookReadError('unreadable', { fileName, detail: `${e.entry.name}: twice in the zip` });
    names.add(e.entry.name);
    parts.push({ name: e.entry.name, data: concat(e.parts), crc32: e.entry.crc32, deflated: e.deflated });
  }
  return new XlsxPackage(parts);
}

/**
 * The package as .xlsx bytes, in the package's order, UTF-8 names: an unchanged part with its
 * deflated bytes as read (performance, bench/: deflating them again was half the write), a changed
 * or new one deflated by the codec (stored when that would not shrink it, or without a codec), a
 * streamed part of more than a megabyte deflated as its pieces are made (zip.ts deflateTextPieces).
 */
export async function writeXlsxPackage(pkg: XlsxPackage, codec?: ZipCodec): Promise<Uint8Array> {
  const entries: InflatedEntry[] = [];
  const methods: number[] = [];
  for (const name of pkg.names()) {
    const { entry, method } = await packageEntry(pkg, name, codec);
    entries.push(entry);
    methods.push(method);
  }
  return storedArchive(entries, methods);
}

/**
 * A streamed part up to this many bytes is made whole and deflated in one call: a cold process
 * pays ~35 ms loading Node's web streams, ≥ 5 % of `compare` at 150x150 (docs/benchmarks.md).
 */
const STREAM_MIN_BYTES = 1024 * 1024;

/** One part as a zip entry: deflated (method 8) when that shrinks it, else stored (0). */
async function packageEntry(pkg: XlsxPackage, name: string, codec?: ZipCodec): Promise<{ entry: InflatedEntry; method: number }> {
  const streamed = pkg.streamed(name);
  let data: Uint8Array;
  let crc: number;
  if (streamed) {
    const text = await deflateTextPieces(streamed.pieces(), codec ? STREAM_MIN_BYTES : Infinity);
    if ('deflated' in text && text.deflated.length < text.size)
      return { entry: { entry: { name, crc32: text.crc32 }, parts: [text.deflated], uncompressedSize: text.size }, method: 8 };
    data = 'whole' in text ? text.whole : encoder.encode(streamed.text());
    crc = (codec?.crc32 ?? crc32)(data);
  } else {
    data = pkg.bytes(name)!;
    crc = pkg.crc32(name, codec?.crc32);
  }
  const deflated = pkg.deflated(name) ?? (codec && data.length > 0 ? await codec.deflateRaw(data) : null);
  const smaller = deflated !== null && deflated.length < data.length;
  return {
    entry: { entry: { name, crc32: crc }, parts: [smaller ? deflated : data], uncompressedSize: data.length },
    method: smaller ? 8 : 0,
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.byteLength;
  }
  return out;
}

/** CRC-32's table (ISO 3309, the polynomial zip uses): 256 entries, made once when the module loads. */
const CRC_TABLE: Uint32Array = crcTable();

function crcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (ISO 3309, as zip uses it). */
export function crc32(data: Uint8Array): number {
  const table = CRC_TABLE;
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
