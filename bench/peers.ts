/**
 * The command line against peers doing the same job (issue #17): a straightforward script with
 * SheetJS (xlsx 0.18.5), one with ExcelJS (4.4), and one with openpyxl when a python3 on PATH
 * has it — each reads the workbook, totals and ranks the units (compute) or also builds the
 * units × criteria matrix of changes against the prior year (compare), adds one sheet and saves
 * (bench/peers/table.cjs says exactly what). Also the floor (a Node process reading the file with
 * SheetJS, nothing else: issue #17's "within ×3 of the floor") and the command as users start it: `npx par-scorecard` against the
 * direct command that `npm install -g .` (or `npm link`) puts on PATH.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CaseFiles } from './cases';
import { median, type TimingOptions } from './measure';

export type PeerName = 'sheetjs' | 'exceljs' | 'openpyxl';

export interface PeerTimes {
  computeMs: number | null;
  compareMs: number | null;
  peakRssMb: number | null;
}

export interface PeersMeasure {
  peers: Partial<Record<PeerName, PeerTimes>>;
  /** The floor: a Node process reading the current file with SheetJS, nothing else (the command line is held within ×3 of it). */
  floorMs: number | null;
  notes: string[];
}

/** A python3 on PATH that can import openpyxl (Debian's python3-openpyxl), or null. */
export function pythonWithOpenpyxl(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'python3');
    if (dir && existsSync(p) && spawnSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0) return p;
  }
  return null;
}

interface Timed {
  ms: number;
  rssKb: number | null;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(performance.now() - t)
        : reject(new Error(`${path.basename(command)} ${args.join(' ')}: exit ${code}: ${err.trim().split('\n').pop()}`)),
    );
  });
}

/** One warm-up (recording the peak RSS through PAR_BENCH_RSS_FILE), then the median of the timed runs. */
async function timeRuns(
  command: string,
  args: (out: string) => string[],
  work: string,
  label: string,
  opts: TimingOptions,
  nodeProbe?: string,
): Promise<Timed> {
  const rssFile = path.join(work, `${label}.rss`);
  const pre = nodeProbe ? ['-r', nodeProbe] : [];
  await run(command, [...pre, ...args(path.join(work, `${label}-0.xlsx`))], { PAR_BENCH_RSS_FILE: rssFile });
  const rssKb = Number(await fsp.readFile(rssFile, 'utf8').catch(() => 'NaN'));
  const samples: number[] = [];
  for (let i = 1; i <= Math.max(1, opts.runs); i++) {
    const out = path.join(work, `${label}-${i}.xlsx`);
    samples.push(await run(command, args(out)));
    await fsp.rm(out, { force: true });
  }
  return { ms: median(samples), rssKb: Number.isFinite(rssKb) ? rssKb : null };
}

async function measurePeer(
  root: string,
  files: CaseFiles,
  work: string,
  opts: TimingOptions,
  name: PeerName,
  python: string | null,
): Promise<PeerTimes> {
  const dir = path.join(root, 'bench', 'peers');
  const probe = path.join(root, 'bench', 'rss-probe.cjs');
  const [command, script, nodeProbe] =
    name === 'openpyxl'
      ? [python!, path.join(dir, 'peer_openpyxl.py'), undefined]
      : [process.execPath, path.join(dir, `${name}.cjs`), probe];
  const compute = await timeRuns(command, (o) => [script, 'compute', files.current!, o], work, `${name}-compute`, opts, nodeProbe);
  const compare = await timeRuns(
    command,
    (o) => [script, 'compare', files.current!, files.prior!, o],
    work,
    `${name}-compare`,
    opts,
    nodeProbe,
  );
  const rss = [compute.rssKb, compare.rssKb].filter((v): v is number => v !== null);
  return { computeMs: compute.ms, compareMs: compare.ms, peakRssMb: rss.length ? Math.max(...rss) / 1024 : null };
}

/** The peers on a consolidated case (current and prior year). */
export async function measurePeers(root: string, files: CaseFiles, work: string, opts: TimingOptions): Promise<PeersMeasure> {
  const out: PeersMeasure = { peers: {}, floorMs: null, notes: [] };
  if (!files.current || !files.prior) return out;
  const python = pythonWithOpenpyxl();
  if (!python) out.notes.push('openpyxl peer not run: no python3 with openpyxl on PATH (apt-get install -y python3-openpyxl)');
  for (const name of ['sheetjs', 'exceljs', 'openpyxl'] as const) {
    if (name === 'openpyxl' && !python) continue;
    try {
      out.peers[name] = await measurePeer(root, files, work, opts, name, python);
    } catch (e) {
      out.notes.push(`${name} peer failed: ${(e as Error).message}`);
    }
  }
  const sheetjs = path.join(root, 'bench', 'peers', 'sheetjs.cjs');
  const floor = await timeRuns(process.execPath, (o) => [sheetjs, 'read', files.current!, o], work, 'floor', opts);
  out.floorMs = floor.ms;
  return out;
}

export interface StartMeasure {
  /** `npx par-scorecard validate <150x150>` in the repository (npm's own start-up included). */
  npxMs: number | null;
  /** The same through `par-scorecard`, as installed by `npm install -g .` into a temporary prefix. */
  directMs: number | null;
  /** The same through `node bin/par-scorecard.js`. */
  nodeMs: number | null;
  notes: string[];
}

/** `validate` of one workbook, the three ways a user can start the command. */
export async function measureStart(root: string, work: string, file: string, opts: TimingOptions): Promise<StartMeasure> {
  const out: StartMeasure = { npxMs: null, directMs: null, nodeMs: null, notes: [] };
  const time = async (command: string, args: string[], cwd = root) => {
    const samples: number[] = [];
    for (let i = 0; i <= Math.max(1, opts.runs); i++) {
      const t = performance.now();
      const r = spawnSync(command, args, { cwd, stdio: 'ignore' });
      // 0: no error findings, 1: error findings; both are complete runs.
      if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')}: exit ${r.status}`);
      if (i > 0) samples.push(performance.now() - t);
    }
    return median(samples);
  };
  out.nodeMs = await time(process.execPath, [path.join(root, 'bin', 'par-scorecard.js'), 'validate', file]);
  try {
    out.npxMs = await time('npx', ['par-scorecard', 'validate', file]);
  } catch (e) {
    out.notes.push(`npx not measured: ${(e as Error).message}`);
  }
  const prefix = path.join(work, 'global');
  // npm ≥ 7 installs a folder globally as a link: nothing is copied or fetched.
  const installed = spawnSync('npm', ['install', '-g', root, '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund'], {
    stdio: 'ignore',
  });
  const bin = path.join(prefix, process.platform === 'win32' ? '' : 'bin', 'par-scorecard');
  if (installed.status === 0 && existsSync(bin)) out.directMs = await time(bin, ['validate', file]);
  else out.notes.push('direct command not measured: npm install -g . into a temporary prefix failed');
  return out;
}
