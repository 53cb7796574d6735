/**
 * The benchmark harness: generates each case's workbooks, measures them (in a child process per
 * case, see worker.ts; the command line in processes of its own, see cli-runs.ts), measures the
 * production bundle, and evaluates the budgets. `runBench` returns the JSON document that
 * `npm run bench -- --json` prints.
 */
import { execFileSync, spawn } from 'node:child_process';
import { promises as fsp, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluateBudgets } from './budgets';
import { distStale, measureBundle, newestMtime, npmRun, type BundleMeasure } from './bundle';
import { CASES, SMOKE_CASE, generateCase, type CaseFiles, type CaseSpec } from './cases';
import { cliAvailable, measureCli, type CliMeasure } from './cli-runs';
import { measureInProcess, round1, round2, type InProcessResult, type TimingOptions } from './measure';
import { measureBrowser, type BrowserCase, type BrowserMeasure } from './browser';
import { measurePeers, measureStart, type PeersMeasure, type StartMeasure } from './peers';

export interface BenchCase {
  name: string;
  units: number;
  criteria: number;
  engineMs: number | null;
  xlsxReadMs: number | null;
  xlsxWriteMs: number | null;
  cliComputeMs: number | null;
  cliCompareMs: number | null;
  syncs: { read: number; write: number } | null;
  /**
   * Largest body of any sync of the add-in's read and writes: requests as office.js serialises
   * them, responses as office.js's response message (see payloadSource).
   */
  maxPayloadBytes: number | null;
  /** "office.js": every request body built by office.js's own client (src/testing/officejs-host). */
  payloadSource?: 'office.js';
  peakRssMb: number | null;
  /** `150-forms` only: `par-scorecard consolidate <folder> --out …`. */
  cliConsolidateMs?: number | null;
  /** Consolidated cases: SheetJS, ExcelJS and openpyxl scripts doing the same jobs, and the floor. */
  peers?: PeersMeasure;
  /** Score cells of the current workbook (units × leaf criteria; summary: units × areas). */
  scoreCells?: number;
  /** Breakdowns behind the numbers (engine parts, sheet sizes, payload totals). */
  details?: { office?: { readBytes: number; writeBytes: number } } & Record<string, unknown>;
  /** Why something was not measured, or how it was. */
  notes?: string[];
}

export interface Budget {
  name: string;
  met: boolean;
  detail: string;
}

export interface BenchDocument {
  machine: {
    cpu: string;
    cores: number;
    memoryGb: number;
    os: string;
    node: string;
    commit: string | null;
    date: string;
    /** 1-minute load average before and after: other work on the machine skews timings. */
    loadAverage: { start: number; end: number };
  };
  method: {
    runs: number;
    warmup: number;
    cliRuns: number;
    statistic: 'median';
    gzip: string;
    command: string;
  };
  cases: BenchCase[];
  /** `validate` at 150x150 started through npx, the direct command and node. */
  start?: StartMeasure;
  /** What a user waits for in Chromium (bench/browser.ts). */
  browser?: BrowserMeasure;
  bundle: {
    taskpaneInitialGzipBytes: number | null;
    xlsxChunkGzipBytes: number | null;
    detail?: BundleMeasure['detail'];
    notes?: string[];
  };
  budgets: Budget[];
}

export interface BenchOptions {
  /** Case names (default: all of CASES). */
  cases?: CaseSpec[];
  runs?: number;
  warmup?: number;
  cliRuns?: number;
  cli?: boolean;
  /** The SheetJS/ExcelJS/openpyxl peers (default: with the CLI). */
  peers?: boolean;
  /** The Chromium timings (default true). */
  browser?: boolean;
  bundle?: boolean;
  /** Build lib/ and dist/ when missing or older than the sources (default true). */
  build?: boolean;
  /** One tiny case, in this process, nothing built: for the shape test. */
  smoke?: boolean;
  /** Progress lines (stderr). */
  log?: (line: string) => void;
}

/** The repository root: the folder with this project's package.json, above this file. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'par-scorecard') return dir;
      } catch {
        // keep looking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('par-scorecard repository root not found');
    dir = up;
  }
}

function machine(root: string, loadStart: number): BenchDocument['machine'] {
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    if (dirty) commit += '+local changes';
  } catch {
    commit = null;
  }
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit,
    date: new Date().toISOString(),
    loadAverage: { start: round2(loadStart), end: round2(os.loadavg()[0]) },
  };
}

/** Build the command line (lib/ and its bundle) when it is missing or older than its sources. */
async function ensureCli(root: string, log: (s: string) => void): Promise<void> {
  const main = await fsp.stat(path.join(root, 'lib', 'par-scorecard.js')).catch(() => null);
  const sources = Math.max(
    ...(await Promise.all(['core', 'hosts/xlsx', 'cli', 'samples'].map((d) => newestMtime(path.join(root, 'src', d))))),
  );
  if (main && main.mtimeMs >= sources) return;
  log('building the command line (npm run build:cli)…');
  await npmRun(root, 'build:cli');
}

/** The case whose `validate` measures how the command starts (npx, direct, node). */
const START_CASE = '150x150';
/** The cases timed in Chromium: the budgets name 8x48 and 150x150 (open), 150x150 (re-validation), 1000x150 (comparison write). */
const BROWSER_CASES = ['8x48', '150x150', '1000x150'];

/** Copy a case's workbooks aside for the browser timings (the case's folder is removed after it). */
async function keepForBrowser(files: CaseFiles, dir: string): Promise<BrowserCase> {
  const to = path.join(dir, files.spec.name);
  await fsp.mkdir(to, { recursive: true });
  const copy = async (f: string | undefined) => {
    if (!f) return undefined;
    const target = path.join(to, path.basename(f));
    await fsp.copyFile(f, target);
    return target;
  };
  return { name: files.spec.name, current: (await copy(files.current))!, prior: await copy(files.prior) };
}

/** Measure one case in a child process (its own heap and JIT state). */
function measureInChild(files: CaseFiles, opts: TimingOptions, work: string): Promise<InProcessResult> {
  const workerJs = path.join(__dirname, 'worker.js');
  if (!existsSync(workerJs)) return measureInProcess(files, opts); // running from TypeScript (tests)
  const input = path.join(work, 'case.json');
  return fsp.writeFile(input, JSON.stringify({ files, opts })).then(() => runWorker(workerJs, input, files.spec.name));
}

function runWorker(workerJs: string, input: string, name: string): Promise<InProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerJs, input], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`measuring ${name} failed (exit ${code})`));
      try {
        resolve(JSON.parse(out) as InProcessResult);
      } catch (e) {
        reject(e);
      }
    });
  });
}

export async function runBench(options: BenchOptions = {}): Promise<BenchDocument> {
  const log = options.log ?? (() => undefined);
  const root = repoRoot();
  const loadStart = os.loadavg()[0];
  const smoke = !!options.smoke;
  const specs = options.cases ?? (smoke ? [SMOKE_CASE] : [...CASES]);
  const timing: TimingOptions = { runs: options.runs ?? (smoke ? 1 : 7), warmup: options.warmup ?? (smoke ? 0 : 2) };
  const cliTiming: TimingOptions = { runs: options.cliRuns ?? (smoke ? 1 : 5), warmup: 1 };
  const build = options.build ?? !smoke;
  const wantCli = options.cli ?? true;
  const wantBundle = options.bundle ?? true;
  const wantPeers = wantCli && (options.peers ?? !smoke);
  const wantBrowser = options.browser ?? !smoke;
  let start: StartMeasure | undefined;
  const browserCases: BrowserCase[] = [];

  const globalNotes: string[] = [];
  let cliSkip: string | null = null;
  if (wantCli) {
    if (build) await ensureCli(root, log);
    cliSkip = await cliAvailable(root);
  } else cliSkip = 'CLI runs switched off (--no-cli)';

  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'par-bench-'));
  const browserDir = path.join(work, 'browser');
  const cases: BenchCase[] = [];
  let browser: BrowserMeasure | undefined;
  try {
    for (const spec of specs) {
      const dir = path.join(work, spec.name);
      log(`${spec.name}: generating workbooks…`);
      const files = await generateCase(spec, dir);
      log(`${spec.name}: engine, ExcelJS and fake-Excel measurements…`);
      const inproc = await measureInChild(files, timing, dir);
      const notes = [...inproc.notes];
      let cli: Omit<CliMeasure, 'notes'> = { computeMs: null, compareMs: null, consolidateMs: null, peakRssMb: null };
      let peers: PeersMeasure | undefined;
      if (cliSkip === null) {
        log(`${spec.name}: command line runs…`);
        const m = await measureCli(root, files, dir, cliTiming);
        notes.push(...m.notes);
        cli = m;
        if (wantPeers && spec.kind === 'consolidated') {
          log(`${spec.name}: peers (SheetJS, ExcelJS, openpyxl)…`);
          peers = await measurePeers(root, files, dir, { runs: Math.min(3, cliTiming.runs), warmup: 1 });
        }
        if (spec.name === START_CASE) start = await measureStart(root, dir, files.current!, cliTiming);
      } else notes.push(`CLI not measured: ${cliSkip}`);
      if (wantBrowser && BROWSER_CASES.includes(spec.name)) browserCases.push(await keepForBrowser(files, browserDir));
      const c: BenchCase = {
        name: spec.name,
        units: spec.units,
        criteria: files.criteria,
        engineMs: round2(inproc.engineMs),
        xlsxReadMs: round2(inproc.xlsxReadMs),
        xlsxWriteMs: round2(inproc.xlsxWriteMs),
        cliComputeMs: cli.computeMs === null ? null : round1(cli.computeMs),
        cliCompareMs: cli.compareMs === null ? null : round1(cli.compareMs),
        syncs: inproc.syncs,
        maxPayloadBytes: inproc.maxPayloadBytes,
        ...(inproc.payloadSource ? { payloadSource: inproc.payloadSource } : {}),
        peakRssMb: cli.peakRssMb === null ? null : round1(cli.peakRssMb),
      };
      if (spec.kind === 'forms') {
        c.cliConsolidateMs = cli.consolidateMs === null ? null : round1(cli.consolidateMs);
        notes.push('forms: cliComputeMs/cliCompareMs do not apply (see cliConsolidateMs); engineMs = consolidate() of the read forms');
      }
      if (peers) c.peers = peers;
      c.scoreCells = files.scoreCells;
      c.details = inproc.details as BenchCase['details'];
      if (notes.length > 0) c.notes = notes;
      cases.push(c);
      await fsp.rm(dir, { recursive: true, force: true });
    }
    if (browserCases.length > 0) {
      log('browser timings (Chromium)…');
      browser = await measureBrowser(root, work, browserCases, Math.min(3, timing.runs));
    }
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }

  let bundle: BenchDocument['bundle'] = { taskpaneInitialGzipBytes: null, xlsxChunkGzipBytes: null };
  if (wantBundle) {
    if (await distStale(root)) {
      if (build) {
        log('building the add-in (npm run build)…');
        await npmRun(root, 'build');
      } else globalNotes.push('dist/ is missing or older than src/: bundle measured as built (or not at all)');
    }
    log('measuring the bundle…');
    const b = await measureBundle(root);
    bundle = { taskpaneInitialGzipBytes: b.taskpaneInitialGzipBytes, xlsxChunkGzipBytes: b.xlsxChunkGzipBytes, detail: b.detail };
    const notes = [...b.notes, ...globalNotes];
    if (notes.length > 0) bundle.notes = notes;
  } else bundle.notes = ['bundle not measured (--no-bundle)'];

  const doc: BenchDocument = {
    machine: machine(root, loadStart),
    method: {
      runs: timing.runs,
      warmup: timing.warmup,
      cliRuns: cliTiming.runs,
      statistic: 'median',
      gzip: 'zlib default level (6)',
      command: 'npm run -s bench -- --json',
    },
    cases,
    ...(start ? { start } : {}),
    ...(browser ? { browser } : {}),
    bundle,
    budgets: [],
  };
  doc.budgets = evaluateBudgets(doc);
  return doc;
}
