/**
 * fflate, the codec of browsers without CompressionStream and DecompressionStream (zip.ts
 * fflateZipCodec and the streamed fallback): the same snapshot as Node's zlib gives, and the same
 * guards — a zip bomb lying about its size, a million-row sheet and damaged data are refused with
 * the reasons the other codecs give.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { readWorkbookBytes } from '../../../src/hosts/xlsx/bytes';
import { nodeZipCodec } from '../../../src/hosts/xlsx/node';
import { fflateZipCodec } from '../../../src/hosts/xlsx/zip';
import { samplePath } from '../../support/shared';

jest.setTimeout(60_000);

const bad = (file: string) => new Uint8Array(readFileSync(path.join(__dirname, '../../fixtures/bad', file)));
const sample = () => new Uint8Array(readFileSync(samplePath('tong-hop-xa-2025.xlsx')));

/** Run `body` as in a browser without the compression streams (the streamed path falls back to fflate). */
async function withoutStreams<T>(body: () => Promise<T>): Promise<T> {
  const g = globalThis as Record<string, unknown>;
  const saved = { CompressionStream: g.CompressionStream, DecompressionStream: g.DecompressionStream };
  delete g.CompressionStream;
  delete g.DecompressionStream;
  try {
    return await body();
  } finally {
    Object.assign(g, saved);
  }
}

describe('fflate as the codec', () => {
  test("reads the same snapshot as Node's zlib, by the codec and by the streamed fallback", async () => {
    const expected = await readWorkbookBytes(sample(), 'a.xlsx', { codec: nodeZipCodec });
    expect(await readWorkbookBytes(sample(), 'a.xlsx', { codec: await fflateZipCodec() })).toEqual(expected);
    expect(await withoutStreams(() => readWorkbookBytes(sample(), 'a.xlsx'))).toEqual(expected);
  });

  test("inflation stops at the declared size, with the error code Node's zlib gives", async () => {
    const codec = await fflateZipCodec();
    const spaces = zlib.deflateRawSync(new Uint8Array(1_000_000).fill(0x20));
    expect(() => codec.inflateRawSync!(spaces, 1000)).toThrow(expect.objectContaining({ code: 'ERR_BUFFER_TOO_LARGE' }));
    expect(codec.inflateRawSync!(spaces, 1_000_000)).toHaveLength(1_000_000);
    expect(() => codec.inflateRawSync!(spaces.subarray(0, spaces.length - 3), 1_000_000)).toThrow();
    const text = new TextEncoder().encode('Điểm tối đa '.repeat(1000));
    expect(zlib.inflateRawSync(await codec.deflateRaw(text))).toEqual(Buffer.from(text));
  });

  test.each([
    ['zip-bomb-lying.xlsx', 'unreadable'],
    ['million-rows.xlsx', 'too-large'],
    ['zip-bomb.xlsx', 'too-large'],
  ])('%s is refused (%s) by the codec and by the streamed fallback', async (file, reason) => {
    await expect(readWorkbookBytes(bad(file), file, { codec: await fflateZipCodec() })).rejects.toMatchObject({ reason });
    await expect(withoutStreams(() => readWorkbookBytes(bad(file), file))).rejects.toMatchObject({ reason });
  });
});
