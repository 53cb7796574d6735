/**
 * In-process measurements of one case (run in a child process per case by the harness, see
 * worker.ts): engine time, ExcelJS read and write time, and the add-in's round trips and payloads
 * on the fake Excel of the tests. Times are medians after warm-up runs.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { compareYears, planComparison } from '../src/core/compare';
import { planCompute } from '../src/core/compute-plan';
import { consolidate, type ConsolidateInput } from '../src/core/consolidate';
import { analyzeWorkbook, isRanked, type Analysis } from '../src/core/engine';
import type { WritePlan } from '../src/core/plan';
import { readState } from '../src/core/state';
import type { WorkbookSnapshot } from '../src/core/snapshot';
import { applyPlan, readSnapshotWithStats } from '../src/hosts/office';
import { applyPlanToWorkbook, workbookToBytes } from '../test/support/exceljs/write';
import { loadWorkbook, readWorkbookBuffer, workbookToSnapshot } from '../test/support/exceljs/read';
import { DEFAULT_LIMITS, nodeZipCodec } from '../src/hosts/xlsx/node';
import { readXlsxPackage, writeXlsxPackage } from '../src/hosts/xlsx/ooxml/package';
import { applyPlanToPackage } from '../src/hosts/xlsx/ooxml/patch-plan';
import { packageToSnapshot } from '../src/hosts/xlsx/ooxml/read-snapshot';
import { createFakeExcel, installFakeOffice, setContextDecorator, type FakeExcel } from '../src/testing/fake-excel';
import { mirrorContext } from '../src/testing/officejs-host';
import type { CaseFiles } from './cases';

/** Warm-up time at least (quick operations get more warm-up runs, up to MAX_WARMUP_RUNS). */
const MIN_WARMUP_MS = 500;
const MAX_WARMUP_RUNS = 50;

export interface TimingOptions {
  /** Timed runs (the median is reported). */
  runs: number;
  /** Untimed runs first (JIT, caches, file system). */
  warmup: number;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
export const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Median wall time (ms) of `fn` over `runs` runs after `warmup` runs. No forced gc() between runs:
 * tried, it made every following run slower (read and engine alike, up to 2×), as no user run is.
 */
export async function timeIt(fn: () => unknown, opts: TimingOptions): Promise<{ median: number; samples: number[] }> {
  // At least `warmup` runs and, for quick operations, at least MIN_WARMUP_MS of them: two runs of a
  // 10 ms read leave it half-optimised by the JIT, and whichever step ran first looked slowest.
  const start = performance.now();
  for (let i = 0; i < opts.warmup || (opts.warmup > 0 && i < MAX_WARMUP_RUNS && performance.now() - start < MIN_WARMUP_MS); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < Math.max(1, opts.runs); i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return { median: median(samples), samples };
}

export interface OfficeMeasure {
  syncs: { read: number; write: number };
  /**
   * Largest single request or response of any sync: requests as office.js serialises them (the
   * office.js mirror, src/testing/officejs-host), responses as the fake counts the loaded data.
   */
  maxPayloadBytes: number;
  /** Largest request alone, as office.js serialises it, and largest response message. */
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Most bytes by which office.js's request exceeded the adapter's count of it (0: never). */
  modelShortfallBytes: number;
  /** Where the request sizes come from: always office.js (every record is checked). */
  payloadSource: 'office.js';
  /**
   * For the sync allowance (one extra sync per 4 MB): bytes of the read's response messages, and
   * the request bytes of the largest write as the adapter counts them (payload.ts's model of
   * office.js); `writeBytesCounted` is the same write as office.js serialised it.
   */
  readBytes: number;
  writeBytes: number;
  writeBytesCounted: number;
}

export interface InProcessResult {
  engineMs: number;
  xlsxReadMs: number;
  xlsxWriteMs: number;
  syncs: { read: number; write: number } | null;
  maxPayloadBytes: number | null;
  payloadSource: 'office.js' | null;
  details: Record<string, unknown>;
  notes: string[];
}

/** The table a comparison uses: the first ranked table, else the first (as the CLI does). */
function pick(analysis: Analysis) {
  const result = analysis.results.find((r) => isRanked(r.table)) ?? analysis.results[0];
  if (!result) throw new Error('no scoring table found');
  return { table: result.table, result };
}

interface EngineOutput {
  computePlan: WritePlan;
  comparePlan: WritePlan;
}

/** validate + compute + compare: what `compute` and `compare` do between reading and writing. */
function runEngine(current: WorkbookSnapshot, prior: WorkbookSnapshot, parts?: Record<string, number[]>): EngineOutput {
  const lap = (name: string, t0: number) => {
    if (parts) (parts[name] ??= []).push(performance.now() - t0);
    return performance.now();
  };
  let t = performance.now();
  const analysis = analyzeWorkbook(current);
  t = lap('analyze', t);
  const { plan: computePlan } = planCompute(current, analysis);
  t = lap('planCompute', t);
  const priorAnalysis = analyzeWorkbook(prior);
  t = lap('analyzePrior', t);
  const comparison = compareYears(pick(analysis), pick(priorAnalysis), {});
  t = lap('compareYears', t);
  const { write } = planComparison(comparison, 'vi');
  lap('planComparison', t);
  return { computePlan, comparePlan: write };
}

const payloadOf = (fake: FakeExcel) => Math.max(0, ...fake.requests.map((r) => Math.max(r.bytes, r.responseBytes)));

/** Read the workbook, then apply each plan (each on a fresh copy), on the fake Excel. */
export async function measureOffice(snapshot: WorkbookSnapshot, plans: WritePlan[], readFirst = true): Promise<OfficeMeasure> {
  // Every context the adapter gets drives office.js's own classes; each request is its body.
  const previous = setContextDecorator(mirrorContext);
  try {
    return await measureMirrored(snapshot, plans, readFirst);
  } finally {
    setContextDecorator(previous);
  }
}

async function measureMirrored(snapshot: WorkbookSnapshot, plans: WritePlan[], readFirst: boolean): Promise<OfficeMeasure> {
  const state = readState(snapshot);
  let maxRequestBytes = 0;
  let maxResponseBytes = 0;
  let modelShortfall = 0;
  const requestOf = (fake: FakeExcel) => {
    for (const r of fake.requests) {
      if (r.source !== 'office.js') throw new Error('a request was not measured by office.js');
      if (r.responseBytes > 0 && r.responseSource !== 'office.js') throw new Error('a response was not built as office.js reads it');
      maxRequestBytes = Math.max(maxRequestBytes, r.bytes);
      maxResponseBytes = Math.max(maxResponseBytes, r.responseBytes);
    }
  };
  const fresh = () => createFakeExcel({ fileName: snapshot.fileName, sheets: snapshot.sheets });
  let readSyncs = 0;
  let readBytes = 0;
  let maxPayloadBytes = 0;
  const readOn = async (fake: FakeExcel) => {
    fake.resetCounters();
    await readSnapshotWithStats(fake.context);
    readSyncs = fake.syncCount;
    readBytes = fake.requests.reduce((n, r) => n + r.responseBytes, 0);
    maxPayloadBytes = Math.max(maxPayloadBytes, payloadOf(fake));
    requestOf(fake);
  };
  let writeSyncs = 0;
  let writeBytes = 0;
  let writeBytesCounted = 0;
  let last: FakeExcel | null = null;
  for (const [i, plan] of plans.entries()) {
    const fake = fresh();
    const office = installFakeOffice(fake);
    try {
      if (readFirst && i === 0) await readOn(fake);
      fake.resetCounters();
      const applied = await applyPlan(fake.context, plan, state);
      writeSyncs = Math.max(writeSyncs, fake.syncCount);
      writeBytes = Math.max(
        writeBytes,
        applied.requestBytes.reduce((n, b) => n + b, 0),
      );
      writeBytesCounted = Math.max(
        writeBytesCounted,
        fake.requests.reduce((n, r) => n + r.bytes, 0),
      );
      // The write syncs are the last ones; the adapter's count of each must not be below office.js's.
      const writes = fake.requests.slice(fake.requests.length - applied.requestBytes.length);
      applied.requestBytes.forEach((counted, k) => {
        modelShortfall = Math.max(modelShortfall, writes[k].bytes - counted);
      });
      maxPayloadBytes = Math.max(maxPayloadBytes, payloadOf(fake));
      requestOf(fake);
      last = fake;
    } finally {
      office.uninstall();
    }
  }
  if (!readFirst && last) {
    // Consolidation: the pane reads the workbook it has just written.
    const office = installFakeOffice(last);
    try {
      await readOn(last);
    } finally {
      office.uninstall();
    }
  }
  return {
    syncs: { read: readSyncs, write: writeSyncs },
    maxPayloadBytes,
    maxRequestBytes,
    maxResponseBytes,
    modelShortfallBytes: modelShortfall,
    payloadSource: 'office.js',
    readBytes,
    writeBytes,
    writeBytesCounted,
  };
}

export async function measureInProcess(files: CaseFiles, opts: TimingOptions): Promise<InProcessResult> {
  return files.spec.kind === 'forms' ? measureForms(files, opts) : measureTables(files, opts);
}

/** ExcelJS as shipped: `xlsx.load` of the bytes (JSZip inflates with its JavaScript inflater). */
async function excelJsLoad(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  return wb;
}

/** ExcelJS as shipped: `xlsx.writeBuffer()` (JSZip deflates with its JavaScript deflater). */
const excelJsWrite = (wb: ExcelJS.Workbook) => wb.xlsx.writeBuffer();

/**
 * The .xlsx host's own read and write of the same workbook (details.host): the command line's
 * path (size guards, one inflation pass by Node's zlib, the sheet XML straight into a snapshot;
 * the compute plan patched into the parts it touches, zlib for the changed parts), and the
 * browser page's ExcelJS path (DecompressionStream, ExcelJS, snapshot) with, for reference, the
 * same through Node's zlib and ExcelJS's write of the loaded model.
 */
async function measureHost(bytes: Uint8Array, name: string, wb: ExcelJS.Workbook, computePlan: WritePlan, opts: TimingOptions) {
  const readDirect = await timeIt(
    async () => packageToSnapshot((await readXlsxPackage(bytes, name, {}, nodeZipCodec))!, name, DEFAULT_LIMITS),
    opts,
  );
  const patchWrite = await timeIt(async () => {
    const pkg = (await readXlsxPackage(bytes, name, {}, nodeZipCodec))!;
    if (!applyPlanToPackage(pkg, computePlan)) throw new Error('the patch writer declined the compute plan');
    return writeXlsxPackage(pkg, nodeZipCodec);
  }, opts);
  const readBrowser = await timeIt(() => readWorkbookBuffer(bytes, name), opts);
  const readNode = await timeIt(async () => workbookToSnapshot(await loadWorkbook(bytes, name, { codec: nodeZipCodec })), opts);
  const writeNode = await timeIt(() => workbookToBytes(wb, nodeZipCodec), opts);
  return {
    readDirectMs: round1(readDirect.median),
    patchComputeMs: round1(patchWrite.median),
    readMs: round1(readBrowser.median),
    readNodeMs: round1(readNode.median),
    writeNodeMs: round1(writeNode.median),
  };
}

async function measureTables(files: CaseFiles, opts: TimingOptions): Promise<InProcessResult> {
  const bytes = new Uint8Array(await fsp.readFile(files.current!));
  const priorBytes = new Uint8Array(await fsp.readFile(files.prior!));
  const name = path.basename(files.current!);

  const read = await timeIt(() => excelJsLoad(bytes), opts);
  const wb = await loadWorkbook(bytes, name);
  const write = await timeIt(() => excelJsWrite(wb), opts);
  const current = await readWorkbookBuffer(bytes, name);
  const prior = await readWorkbookBuffer(priorBytes, path.basename(files.prior!));
  const parts: Record<string, number[]> = {};
  let output: EngineOutput | undefined;
  const engine = await timeIt(() => {
    output = runEngine(current, prior, parts);
  }, opts);
  const timed = opts.runs; // the last `runs` laps of each part are the timed runs
  const partMedians = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round2(median(v.slice(-timed)))]));

  const host = await measureHost(bytes, name, wb, output!.computePlan, opts);
  const office = await measureOffice(current, [output!.computePlan, output!.comparePlan]);
  const sheet = output!.comparePlan.sheets[0];
  return {
    engineMs: engine.median,
    xlsxReadMs: read.median,
    xlsxWriteMs: write.median,
    syncs: office.syncs,
    maxPayloadBytes: office.maxPayloadBytes,
    payloadSource: office.payloadSource,
    details: {
      engineParts: partMedians,
      computeCellWrites: output!.computePlan.cellWrites.length,
      comparisonSheet: { rows: sheet.rows.length, cells: sheet.rows.reduce((n, r) => n + r.length, 0) },
      office: officeDetails(office),
      host,
      fileBytes: bytes.length,
    },
    notes: [],
  };
}

async function measureForms(files: CaseFiles, opts: TimingOptions): Promise<InProcessResult> {
  const forms = await Promise.all(files.forms!.map(async (f) => ({ file: f, bytes: new Uint8Array(await fsp.readFile(f)) })));
  const label = (f: string) => path.relative(files.formsDir!, f);

  // Reading the folder: every form, one after the other (ExcelJS as shipped; in details the
  // command line's direct read, as `consolidate` reads, and ExcelJS with Node's zlib).
  const read = await timeIt(async () => {
    for (const f of forms) await excelJsLoad(f.bytes);
  }, opts);
  const readNode = await timeIt(async () => {
    for (const f of forms) workbookToSnapshot(await loadWorkbook(f.bytes, path.basename(f.file), { codec: nodeZipCodec }));
  }, opts);
  const readDirect = await timeIt(async () => {
    for (const f of forms) {
      const name = path.basename(f.file);
      packageToSnapshot((await readXlsxPackage(f.bytes, name, {}, nodeZipCodec))!, name, DEFAULT_LIMITS);
    }
  }, opts);
  const inputs: ConsolidateInput[] = [];
  for (const f of forms) inputs.push({ file: label(f.file), workbook: await readWorkbookBuffer(f.bytes, path.basename(f.file)) });

  let result: ReturnType<typeof consolidate> | undefined;
  const engine = await timeIt(() => {
    result = consolidate(inputs, { score: 'appraised' });
  }, opts);

  // The consolidation workbook, as `consolidate --out` builds it, then ExcelJS's writeBuffer of it.
  const wb = new ExcelJS.Workbook();
  const applied = applyPlanToWorkbook(wb, result!.plan);
  for (const m of result!.merges ?? []) {
    const ws = wb.getWorksheet(applied.sheetNames.get(m.sheet) ?? m.sheet);
    for (const range of m.ranges) ws?.mergeCells(range);
  }
  const write = await timeIt(() => excelJsWrite(wb), opts);
  const writeNode = await timeIt(() => workbookToBytes(wb, nodeZipCodec), opts);

  // The task pane writes the same plan into the open workbook, then reads it.
  const office = await measureOffice({ fileName: 'Book1.xlsx', sheets: [emptySheet('Sheet1')] }, [result!.plan], false);
  return {
    engineMs: engine.median,
    xlsxReadMs: read.median,
    xlsxWriteMs: write.median,
    syncs: office.syncs,
    maxPayloadBytes: office.maxPayloadBytes,
    payloadSource: office.payloadSource,
    details: {
      consolidatedUnits: result!.units.length,
      excluded: result!.excluded.length,
      office: officeDetails(office),
      host: { readDirectMs: round1(readDirect.median), readNodeMs: round1(readNode.median), writeNodeMs: round1(writeNode.median) },
      readNote: 'xlsxReadMs: all forms read one after the other',
    },
    notes: [],
  };
}

function officeDetails(office: OfficeMeasure) {
  return {
    readBytes: office.readBytes,
    writeBytes: office.writeBytes,
    writeBytesCounted: office.writeBytesCounted,
    maxRequestBytes: office.maxRequestBytes,
    maxResponseBytes: office.maxResponseBytes,
    modelShortfallBytes: office.modelShortfallBytes,
  };
}

function emptySheet(name: string) {
  return { name, cells: [], merges: [], hiddenRows: [], hiddenColumns: [], protected: false, visibility: 'visible' as const };
}
