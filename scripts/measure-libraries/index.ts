/**
 * The measurements behind docs/benchmarks.md "Issue #16: container and XML libraries": on the
 * bench workbooks (bench/cases.ts), which codec inflates the parts fastest (Node's zlib,
 * DecompressionStream, fflate) in Node and in Chromium, what fflate's own zip reader costs against
 * zip.ts, and the hand-written XML scan (read-snapshot.ts) against saxes.
 *
 *   npx tsx scripts/measure-libraries [--cases 150x150,1000x150,3321-summary] [--no-browser]
 *
 * Chromium is looked up on PATH (`chromium`, `chromium-browser`) or CHROMIUM_PATH. saxes is the one
 * jsdom (a devDependency) depends on: measured, not shipped.
 */
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { build } from 'esbuild';
import * as fflate from 'fflate';
import { chromium } from 'playwright-core';
import { CASES, generateCase } from '../../bench/cases';
import { nodeZipCodec } from '../../src/hosts/xlsx/node';
import { readXlsxPackage, type XlsxPackage } from '../../src/hosts/xlsx/ooxml/package';
import { packageToSnapshot } from '../../src/hosts/xlsx/ooxml/read-snapshot';
import { DEFAULT_LIMITS, fflateZipCodec, inflateWorkbookEntries, preflightWorkbook } from '../../src/hosts/xlsx/zip';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SaxesParser } = require(require.resolve('saxes', { paths: [path.dirname(require.resolve('jsdom'))] }));

const args = process.argv.slice(2);
const caseNames = (args.includes('--cases') ? args[args.indexOf('--cases') + 1] : '150x150,1000x150,3321-summary').split(',');

async function median(fn: () => unknown, runs = 15): Promise<number> {
  const start = performance.now();
  for (let warm = 0; warm < 2 || performance.now() - start < 500; warm++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return +times.sort((a, b) => a - b)[Math.floor(runs / 2)].toFixed(2);
}

/** The least a saxes-based reader does: tokenise, keep each cell's reference and value text. */
function saxesCells(xml: string): number {
  let cells = 0;
  let inValue = false;
  let value = '';
  let chars = 0;
  const parser = new SaxesParser();
  parser.on('opentag', (t: { name: string; attributes: Record<string, string> }) => {
    if (t.name === 'c')
      cells += t.attributes.r === undefined ? 1 : 1; // the reference read, as a reader would
    else if (t.name === 'v' || t.name === 't') [inValue, value] = [true, ''];
  });
  parser.on('text', (s: string) => {
    if (inValue) value += s;
  });
  parser.on('closetag', (t: { name: string }) => {
    if (t.name === 'v' || t.name === 't') [inValue, chars] = [false, chars + value.length];
  });
  parser.write(xml).close();
  return cells + chars * 0;
}

/** Our whole snapshot and saxes' tokenising, alternated run by run (the machine's load hits both). */
function xmlPaired(pkg: XlsxPackage): { snapshot: number; saxes: number } {
  const xmls = pkg
    .names()
    .filter((n) => /worksheets\/[^/]+\.xml$|sharedStrings\.xml$/i.test(n))
    .map((n) => pkg.text(n)!);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 25; i++) {
    let t = performance.now();
    packageToSnapshot(pkg, 'x.xlsx', DEFAULT_LIMITS);
    if (i >= 4) a.push(performance.now() - t);
    t = performance.now();
    xmls.forEach(saxesCells);
    if (i >= 4) b.push(performance.now() - t);
  }
  const med = (x: number[]) => +x.sort((p, q) => p - q)[10].toFixed(1);
  return { snapshot: med(a), saxes: med(b) };
}

async function nodeRow(bytes: Uint8Array): Promise<Record<string, number>> {
  const entries = preflightWorkbook(bytes, 'x.xlsx', DEFAULT_LIMITS);
  const ff = await fflateZipCodec();
  const pkg = (await readXlsxPackage(bytes, 'x.xlsx', {}, nodeZipCodec))!;
  const xml = xmlPaired(pkg);
  return {
    inflateZlib: await median(() => inflateWorkbookEntries(bytes, entries, 'x', DEFAULT_LIMITS, nodeZipCodec)),
    inflateStreams: await median(() => inflateWorkbookEntries(bytes, entries, 'x', DEFAULT_LIMITS)),
    inflateFflate: await median(() => inflateWorkbookEntries(bytes, entries, 'x', DEFAULT_LIMITS, ff)),
    fflateUnzipSync: await median(() => fflate.unzipSync(bytes)),
    zipDirectory: await median(() => preflightWorkbook(bytes, 'x.xlsx', DEFAULT_LIMITS)),
    snapshotOurs: xml.snapshot,
    saxesTokeniseOnly: xml.saxes,
  };
}

function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH ?? '',
    ...(process.env.PATH ?? '').split(path.delimiter).flatMap((d) => ['chromium', 'chromium-browser'].map((n) => path.join(d, n))),
  ];
  for (const c of candidates.filter(Boolean)) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not there
    }
  }
  return null;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'measure-libraries-'));
  try {
    const files: [string, Uint8Array][] = [];
    for (const name of caseNames) {
      const spec = CASES.find((c) => c.name === name);
      if (!spec) throw new Error(`unknown case ${name}`);
      const made = await generateCase(spec, path.join(dir, name));
      files.push([name, new Uint8Array(readFileSync(made.current!))]);
    }
    for (const [name, bytes] of files) console.log('node', name, JSON.stringify(await nodeRow(bytes)));
    const exe = args.includes('--no-browser') ? null : findChromium();
    if (!exe) return;
    const bundle = path.join(dir, 'browser.js');
    await build({
      entryPoints: [path.join(__dirname, 'browser-entry.ts')],
      bundle: true,
      format: 'iife',
      outfile: bundle,
      logLevel: 'warning',
    });
    const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.setContent('<html><body></body></html>');
      await page.addScriptTag({ content: readFileSync(bundle, 'utf8') });
      for (const [name, bytes] of files) {
        const b64 = Buffer.from(bytes).toString('base64');
        const row = await page.evaluate(
          (b) => (globalThis as unknown as { measure: (s: string) => Promise<Record<string, number>> }).measure(b),
          b64,
        );
        console.log(
          `chromium ${browser.version()}`,
          name,
          JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, +v.toFixed(1)]))),
        );
      }
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
