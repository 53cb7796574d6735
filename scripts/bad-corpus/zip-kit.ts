/**
 * Byte-level tools for the bad-input corpus (scripts/make-bad-corpus.ts): read and rewrite zips,
 * write compound files (CFB, the container of .xls and of password-protected workbooks).
 * Node only; deterministic (fixed DOS timestamps, zlib level 9).
 */
import { createDeflateRaw, deflateRawSync, inflateRawSync } from 'zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u16 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8);
const u32 = (b: Uint8Array, p: number) => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;

export interface ZipFileEntry {
  name: string;
  data: Uint8Array;
}

/** The entries of a (well-formed, non-zip64) zip, inflated, in central-directory order. */
export function readZip(bytes: Uint8Array): ZipFileEntry[] {
  let eocd = -1;
  for (let p = bytes.length - 22; p >= 0; p--) {
    if (u32(bytes, p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip');
  const count = u16(bytes, eocd + 10);
  let p = u32(bytes, eocd + 16);
  const out: ZipFileEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = u16(bytes, p + 10);
    const csize = u32(bytes, p + 20);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const local = u32(bytes, p + 42);
    const name = Buffer.from(bytes.subarray(p + 46, p + 46 + nameLen)).toString('utf8');
    const dataStart = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const raw = bytes.subarray(dataStart, dataStart + csize);
    const data = method === 0 ? new Uint8Array(raw) : new Uint8Array(inflateRawSync(raw));
    out.push({ name, data });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export interface ZipWriteEntry {
  name: string;
  /** The content; or, for a bomb, the content's deflated bytes with `rawSize`/`rawCrc`. */
  data?: Uint8Array;
  deflated?: { bytes: Uint8Array; size: number; crc: number };
  /** Store instead of deflating (directories, tiny parts). */
  store?: boolean;
  /** Size written into the headers instead of the real one (a lying zip). */
  declaredSize?: number;
}

/** 2025-12-01 08:00:00, the samples' date, as DOS time/date. */
const DOS_TIME = (8 << 11) | (0 << 5) | 0;
const DOS_DATE = ((2025 - 1980) << 9) | (12 << 5) | 1;

/** Write a zip (no zip64, no data descriptors). Deterministic. */
export function writeZip(entries: ZipWriteEntry[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    let body: Uint8Array;
    let size: number;
    let crc: number;
    let method: number;
    if (e.deflated) {
      body = e.deflated.bytes;
      size = e.deflated.size;
      crc = e.deflated.crc;
      method = 8;
    } else {
      const data = e.data ?? new Uint8Array(0);
      size = data.length;
      crc = crc32(data);
      if (e.store || data.length === 0) {
        body = data;
        method = 0;
      } else {
        body = new Uint8Array(deflateRawSync(data, { level: 9 }));
        method = 8;
      }
    }
    const declared = e.declaredSize ?? size;
    const flags = 0x0800; // names in UTF-8
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(DOS_TIME, 12);
    cd.writeUInt16LE(DOS_DATE, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(declared >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, Buffer.from(body));
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cdBytes, end]));
}

/**
 * Deflate `head + filler × count + tail` without ever holding the whole text (zip bombs and
 * million-row sheets that are tiny on disk): blocks are streamed through one raw deflater.
 */
export async function deflateRepeated(
  head: string,
  filler: string,
  count: number,
  tail: string,
): Promise<{ bytes: Uint8Array; size: number; crc: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let crc = 0xffffffff;
  let size = 0;
  const write = async (b: Buffer) => {
    for (let i = 0; i < b.length; i++) crc = CRC_TABLE[(crc ^ b[i]) & 0xff] ^ (crc >>> 8);
    size += b.length;
    if (!deflater.write(b)) await new Promise((r) => deflater.once('drain', r));
  };
  await write(Buffer.from(head, 'utf8'));
  const perBlock = Math.max(1, Math.floor((1 << 20) / Math.max(1, Buffer.byteLength(filler))));
  const block = Buffer.from(filler.repeat(perBlock), 'utf8');
  for (let left = count; left > 0; left -= perBlock) {
    await write(left >= perBlock ? block : Buffer.from(filler.repeat(left), 'utf8'));
  }
  await write(Buffer.from(tail, 'utf8'));
  deflater.end();
  await done;
  return { bytes: new Uint8Array(Buffer.concat(out)), size, crc: (crc ^ 0xffffffff) >>> 0 };
}

// ---------------------------------------------------------------------------------------------
// Compound File Binary (MS-CFB), version 3: 512-byte sectors, streams under 4096 bytes in the
// mini stream. Enough for a legacy .xls (a "Workbook" stream) and an encrypted OOXML package
// ("EncryptionInfo" + "EncryptedPackage" streams).

const SECTOR = 512;
const MINI = 64;
const CUTOFF = 4096;
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

export interface CfbStream {
  name: string;
  data: Uint8Array;
}

/** CFB names sort by length, then by upper-case code units (MS-CFB 2.6.4). */
function cfbCompare(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  const ua = a.toUpperCase();
  const ub = b.toUpperCase();
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** A valid CFB v3 file holding the given streams directly under the root storage. */
export function buildCfb(streams: CfbStream[]): Uint8Array {
  if (streams.length > 3) throw new RangeError('buildCfb: at most 3 streams (one directory sector)');
  const sorted = [...streams].sort((a, b) => cfbCompare(a.name, b.name));
  // Mini stream: small streams, each padded to 64-byte mini sectors.
  const small = sorted.filter((s) => s.data.length < CUTOFF);
  const big = sorted.filter((s) => s.data.length >= CUTOFF);
  const miniStart = new Map<CfbStream, number>();
  const miniFat: number[] = [];
  const miniParts: Uint8Array[] = [];
  for (const s of small) {
    const n = Math.max(1, Math.ceil(s.data.length / MINI));
    miniStart.set(s, miniFat.length);
    for (let i = 0; i < n; i++) miniFat.push(i === n - 1 ? ENDOFCHAIN : miniFat.length + 1);
    const padded = new Uint8Array(n * MINI);
    padded.set(s.data);
    miniParts.push(padded);
  }
  const miniStream = Buffer.concat(miniParts.map((p) => Buffer.from(p)));
  // Sector plan: 0 FAT, 1 directory, 2 mini FAT (if any), then the mini stream, then big streams.
  const fat: number[] = [FATSECT, ENDOFCHAIN];
  let next = 2;
  let miniFatSector = ENDOFCHAIN;
  if (miniFat.length > 0) {
    miniFatSector = next++;
    fat.push(ENDOFCHAIN);
  }
  const chain = (sectors: number) => {
    const start = next;
    for (let i = 0; i < sectors; i++) fat.push(i === sectors - 1 ? ENDOFCHAIN : next + i + 1);
    next += sectors;
    return start;
  };
  const miniStreamSectors = Math.ceil(miniStream.length / SECTOR);
  const miniStreamStart = miniStreamSectors > 0 ? chain(miniStreamSectors) : ENDOFCHAIN;
  const bigStart = new Map<CfbStream, number>();
  for (const s of big) bigStart.set(s, chain(Math.ceil(s.data.length / SECTOR)));
  if (fat.length > SECTOR / 4) throw new RangeError('buildCfb: streams too large for one FAT sector');
  while (fat.length < SECTOR / 4) fat.push(FREESECT);

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(0, 40);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(CUTOFF, 56);
  header.writeUInt32LE(miniFatSector, 60);
  header.writeUInt32LE(miniFat.length > 0 ? 1 : 0, 64);
  header.writeUInt32LE(ENDOFCHAIN, 68);
  header.writeUInt32LE(0, 72);
  header.writeUInt32LE(0, 76); // DIFAT[0] = sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREESECT, 76 + 4 * i);

  const fatSector = Buffer.alloc(SECTOR);
  fat.forEach((v, i) => fatSector.writeUInt32LE(v >>> 0, 4 * i));

  // Directory: root, then the streams as a degenerate (all black) tree: the middle entry is the
  // root's child, the others its left and right siblings.
  const dir = Buffer.alloc(SECTOR);
  const entry = (i: number, name: string, type: number, left: number, right: number, child: number, start: number, size: number) => {
    const o = i * 128;
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(dir, o);
    dir.writeUInt16LE(n.length, o + 64);
    dir[o + 66] = type;
    dir[o + 67] = 1; // black
    dir.writeUInt32LE(left >>> 0, o + 68);
    dir.writeUInt32LE(right >>> 0, o + 72);
    dir.writeUInt32LE(child >>> 0, o + 76);
    dir.writeUInt32LE(start >>> 0, o + 116);
    dir.writeUInt32LE(size, o + 120);
  };
  const ids = sorted.map((_, i) => i + 1);
  const mid = Math.floor(sorted.length / 2);
  entry(0, 'Root Entry', 5, NOSTREAM, NOSTREAM, sorted.length ? ids[mid] : NOSTREAM, miniStreamStart, miniStream.length);
  sorted.forEach((s, i) => {
    const left = i === mid && mid > 0 ? ids[0] : NOSTREAM;
    const right = i === mid && mid + 1 < sorted.length ? ids[mid + 1] : NOSTREAM;
    const start = s.data.length < CUTOFF ? miniStart.get(s)! : bigStart.get(s)!;
    entry(i + 1, s.name, 2, left, right, NOSTREAM, start, s.data.length);
  });
  for (let i = sorted.length + 1; i < 4; i++) {
    const o = i * 128;
    dir.writeUInt32LE(NOSTREAM, o + 68);
    dir.writeUInt32LE(NOSTREAM, o + 72);
    dir.writeUInt32LE(NOSTREAM, o + 76);
  }

  const parts: Buffer[] = [header, fatSector, dir];
  if (miniFat.length > 0) {
    const mf = Buffer.alloc(SECTOR, 0xff);
    miniFat.forEach((v, i) => mf.writeUInt32LE(v >>> 0, 4 * i));
    parts.push(mf);
  }
  if (miniStreamSectors > 0) {
    const ms = Buffer.alloc(miniStreamSectors * SECTOR);
    miniStream.copy(ms);
    parts.push(ms);
  }
  for (const s of big) {
    const b = Buffer.alloc(Math.ceil(s.data.length / SECTOR) * SECTOR);
    Buffer.from(s.data).copy(b);
    parts.push(b);
  }
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * Read a CFB written by any producer (v3 or v4): stream names and contents under the root.
 * Used by the tests to prove the crafted containers are valid, not merely signed.
 */
export function readCfb(bytes: Uint8Array): Map<string, Uint8Array> {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.readUInt32LE(0) !== 0xe011cfd0 || b.readUInt32LE(4) !== 0xe11ab1a1) throw new Error('no CFB signature');
  const sectorSize = 1 << b.readUInt16LE(30);
  const miniSize = 1 << b.readUInt16LE(32);
  const cutoff = b.readUInt32LE(56);
  const sectorAt = (n: number) => (n + 1) * sectorSize;
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const v = b.readUInt32LE(76 + 4 * i);
    if (v !== FREESECT) fatSectors.push(v);
  }
  if (fatSectors.length !== b.readUInt32LE(44)) throw new Error('FAT sector count mismatch');
  const fat: number[] = [];
  for (const s of fatSectors) for (let i = 0; i < sectorSize / 4; i++) fat.push(b.readUInt32LE(sectorAt(s) + 4 * i));
  const readChain = (start: number, limit = 1 << 20): Buffer => {
    const out: Buffer[] = [];
    const seen = new Set<number>();
    for (let s = start; s !== ENDOFCHAIN; s = fat[s]) {
      if (s === undefined || s >= fat.length || seen.has(s) || out.length > limit) throw new Error('bad FAT chain');
      seen.add(s);
      out.push(b.subarray(sectorAt(s), sectorAt(s) + sectorSize));
    }
    return Buffer.concat(out);
  };
  const dir = readChain(b.readUInt32LE(48));
  const root = dir.subarray(0, 128);
  if (root[66] !== 5) throw new Error('first directory entry is not the root');
  const miniStream = readChain(root.readUInt32LE(116)).subarray(0, root.readUInt32LE(120));
  const miniFatStart = b.readUInt32LE(60);
  const miniFat: number[] = [];
  if (miniFatStart !== ENDOFCHAIN) {
    const mf = readChain(miniFatStart);
    for (let i = 0; i < mf.length / 4; i++) miniFat.push(mf.readUInt32LE(4 * i));
  }
  const streams = new Map<string, Uint8Array>();
  // Walk the tree from the root's child (every stream is reachable, as MS-CFB requires).
  const visit = (id: number, depth: number) => {
    if (id === NOSTREAM) return;
    if (depth > 64 || id * 128 >= dir.length) throw new Error('bad directory tree');
    const e = dir.subarray(id * 128, id * 128 + 128);
    const nameLen = e.readUInt16LE(64);
    const name = e.subarray(0, Math.max(0, nameLen - 2)).toString('utf16le');
    const size = e.readUInt32LE(120);
    const start = e.readUInt32LE(116);
    if (e[66] === 2) {
      let data: Buffer;
      if (size < cutoff) {
        const parts: Buffer[] = [];
        for (let s = start; s !== ENDOFCHAIN; s = miniFat[s]) {
          if (s === undefined || parts.length > 1 << 16) throw new Error('bad mini FAT chain');
          parts.push(miniStream.subarray(s * miniSize, (s + 1) * miniSize));
        }
        data = Buffer.concat(parts).subarray(0, size);
      } else {
        data = readChain(start).subarray(0, size);
      }
      if (data.length !== size) throw new Error(`stream ${name} is short`);
      streams.set(name, new Uint8Array(data));
    }
    visit(e.readUInt32LE(68), depth + 1);
    visit(e.readUInt32LE(72), depth + 1);
  };
  visit(root.readUInt32LE(76), 0);
  return streams;
}
