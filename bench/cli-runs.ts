/**
 * The command line as a user runs it: `node bin/par-scorecard.js …` in a new process, on files,
 * process start included. One warm-up run per command (file cache; it also records the peak RSS
 * through rss-probe.cjs), then the timed runs.
 */
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CaseFiles } from './cases';
import { median, type TimingOptions } from './measure';

export interface CliRun {
  ms: number;
  code: number;
}

export interface CliMeasure {
  computeMs: number | null;
  compareMs: number | null;
  consolidateMs: number | null;
  peakRssMb: number | null;
  notes: string[];
}

function run(root: string, args: string[], rssFile?: string): Promise<CliRun> {
  const nodeArgs = rssFile ? ['-r', path.join(root, 'bench', 'rss-probe.cjs')] : [];
  const env = { ...process.env };
  if (rssFile) env.PAR_BENCH_RSS_FILE = rssFile;
  else delete env.PAR_BENCH_RSS_FILE;
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'bin', 'par-scorecard.js'), ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t;
      // 0: no error findings, 1: error findings (both complete runs); 2: the command failed.
      if (code !== 0 && code !== 1) reject(new Error(`par-scorecard ${args[0]} exited with ${code}: ${err.trim().split('\n')[0]}`));
      else resolve({ ms, code: code ?? 0 });
    });
  });
}

/** Time one command: warm-up (with the RSS probe), then `runs` timed runs on fresh output paths. */
async function timeCommand(
  root: string,
  work: string,
  label: string,
  args: (out: string) => string[],
  opts: TimingOptions,
): Promise<{ ms: number; rssKb: number | null }> {
  const rssFile = path.join(work, `${label}.rss`);
  const outFor = (i: number) => path.join(work, `${label}-${i}.xlsx`);
  await run(root, args(outFor(0)), rssFile);
  const rssKb = Number(await fsp.readFile(rssFile, 'utf8').catch(() => 'NaN'));
  const samples: number[] = [];
  for (let i = 1; i <= Math.max(1, opts.runs); i++) {
    samples.push((await run(root, args(outFor(i)))).ms);
    await fsp.rm(outFor(i), { force: true });
  }
  await fsp.rm(outFor(0), { force: true });
  return { ms: median(samples), rssKb: Number.isFinite(rssKb) ? rssKb : null };
}

export async function cliAvailable(root: string): Promise<string | null> {
  try {
    await fsp.access(path.join(root, 'lib', 'par-scorecard.js'));
    return null;
  } catch {
    return 'lib/par-scorecard.js is missing (run `npm run build:cli`)';
  }
}

export async function measureCli(root: string, files: CaseFiles, work: string, opts: TimingOptions): Promise<CliMeasure> {
  const notes: string[] = [];
  const rss: number[] = [];
  const out: CliMeasure = { computeMs: null, compareMs: null, consolidateMs: null, peakRssMb: null, notes };
  if (files.spec.kind === 'forms') {
    const r = await timeCommand(root, work, 'consolidate', (o) => ['consolidate', files.formsDir!, '--out', o], opts);
    out.consolidateMs = r.ms;
    if (r.rssKb !== null) rss.push(r.rssKb);
  } else {
    const c = await timeCommand(root, work, 'compute', (o) => ['compute', files.current!, '--out', o], opts);
    out.computeMs = c.ms;
    if (c.rssKb !== null) rss.push(c.rssKb);
    const p = await timeCommand(root, work, 'compare', (o) => ['compare', files.current!, '--prior', files.prior!, '--out', o], opts);
    out.compareMs = p.ms;
    if (p.rssKb !== null) rss.push(p.rssKb);
  }
  if (rss.length > 0) out.peakRssMb = Math.max(...rss) / 1024;
  return out;
}
