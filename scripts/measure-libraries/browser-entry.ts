/**
 * The browser half of scripts/measure-libraries.ts, bundled by esbuild and run in Chromium:
 * inflating with DecompressionStream against fflate, whole reads, deflating the largest part
 * with CompressionStream against fflate.
 */
import { readWorkbookBytes } from '../../src/hosts/xlsx/bytes';
import { readXlsxPackage } from '../../src/hosts/xlsx/ooxml/package';
import { DEFAULT_LIMITS, browserZipCodec, fflateZipCodec, inflateWorkbookEntries, preflightWorkbook } from '../../src/hosts/xlsx/zip';

async function median(fn: () => Promise<unknown>, runs = 9): Promise<number> {
  const start = performance.now();
  for (let warm = 0; warm < 2 || performance.now() - start < 500; warm++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

(globalThis as unknown as { measure: (b64: string) => Promise<Record<string, number>> }).measure = async (b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const fflate = await fflateZipCodec();
  const streams = browserZipCodec()!;
  const entries = preflightWorkbook(bytes, 'x.xlsx', DEFAULT_LIMITS);
  const pkg = (await readXlsxPackage(bytes, 'x.xlsx'))!;
  const largest = pkg
    .names()
    .map((n) => pkg.bytes(n)!)
    .sort((a, b) => b.length - a.length)[0];
  return {
    inflateStreams: await median(() => inflateWorkbookEntries(bytes, entries, 'x', DEFAULT_LIMITS)),
    inflateFflate: await median(() => inflateWorkbookEntries(bytes, entries, 'x', DEFAULT_LIMITS, fflate)),
    readStreams: await median(() => readWorkbookBytes(bytes, 'x.xlsx')),
    readFflate: await median(() => readWorkbookBytes(bytes, 'x.xlsx', { codec: fflate })),
    deflateLargestStreams: await median(async () => streams.deflateRaw(largest)),
    deflateLargestFflate: await median(async () => fflate.deflateRaw(largest)),
  };
};
