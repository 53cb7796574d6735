/**
 * The performance budgets of the issue, evaluated on a finished benchmark document. Each budget is
 * reported as met or not with the numbers behind it; a value that could not be measured counts as
 * not met ("not measured: …"), so a broken measurement never passes silently.
 */
import type { BenchCase, BenchDocument, Budget } from './harness';

export const READ_SYNCS = 3;
export const WRITE_SYNCS = 2;
/** Standalone page, outside requests hanging: navigation → first button (issue #15, point 5). */
export const FIRST_BUTTON_LIMIT_MS = 1000;
/** Standalone page, file chosen → findings shown (issue #17). */
export const OPEN_LIMIT_MS: Record<string, number> = { '8x48': 250, '150x150': 400 };
/** Inside Excel, an edit → its finding listed, at 150x150. */
export const REVALIDATE_LIMIT_MS = 100;
/** Standalone page, the comparison written at 1000x150. */
export const WRITE_COMPARISON_LIMIT_MS = 1500;
/** The command line within this many times the floor (a Node process reading the file with SheetJS). */
export const FLOOR_FACTOR = 3;
/** `compare` at 1000x150: peak resident memory. */
export const COMPARE_RSS_LIMIT_MB = 200;
/** The direct command (`npm install -g .`) against `node bin/par-scorecard.js`. */
export const DIRECT_FACTOR = 1.2;
/** Largest single request payload: the adapter's 4 MB budget (Excel on the web allows 5 MB). */
export const PAYLOAD_LIMIT_BYTES = 4 * 1024 * 1024;
/** 180 KB, counted as 180,000 bytes (the stricter reading). */
export const TASKPANE_INITIAL_LIMIT_BYTES = 180_000;

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

function notMeasured(name: string, what: string): Budget {
  return { name, met: false, detail: `not measured: ${what}` };
}

/** Extra syncs allowed for chunking: one per 4 MB of data beyond the first request. */
export function extraSyncs(bytes: number | undefined): number {
  return bytes ? Math.max(0, Math.ceil(bytes / PAYLOAD_LIMIT_BYTES) - 1) : 0;
}

export function evaluateBudgets(doc: Pick<BenchDocument, 'cases' | 'bundle' | 'browser' | 'start'>): Budget[] {
  const out: Budget[] = [];

  out.push(...browserBudgets(doc.browser), ...cliBudgets(doc.cases), ...startBudgets(doc.start));

  for (const c of doc.cases) {
    const name = `office syncs: read ≤ 3, write ≤ 2 (+1 per 4 MB) [${c.name}]`;
    if (!c.syncs) out.push(notMeasured(name, 'no fake-Excel measurement'));
    else {
      const readAllowed = READ_SYNCS + extraSyncs(c.details?.office?.readBytes);
      const writeAllowed = WRITE_SYNCS + extraSyncs(c.details?.office?.writeBytes);
      out.push({
        name,
        met: c.syncs.read <= readAllowed && c.syncs.write <= writeAllowed,
        detail: `read ${c.syncs.read} (allowed ${readAllowed}), write ${c.syncs.write} (allowed ${writeAllowed})`,
      });
    }
    const shortfall = (c.details?.office as { modelShortfallBytes?: number } | undefined)?.modelShortfallBytes;
    if (shortfall !== undefined) {
      out.push({
        name: `office: the adapter counts each write sync at or above office.js [${c.name}]`,
        met: shortfall === 0,
        detail: shortfall === 0 ? 'never below' : `office.js sent up to ${shortfall} B more than counted`,
      });
    }
    const pname = `office payload < 4 MB, as office.js serialises it [${c.name}]`;
    if (c.maxPayloadBytes === null) out.push(notMeasured(pname, 'no fake-Excel measurement'));
    else {
      out.push({
        name: pname,
        met: c.maxPayloadBytes < PAYLOAD_LIMIT_BYTES && c.payloadSource === 'office.js',
        detail: `largest request/response ${mb(c.maxPayloadBytes)} (${c.payloadSource ?? 'not measured by office.js'})`,
      });
    }
  }

  {
    const name = 'task pane initial load ≤ 180 KB gzip';
    const v = doc.bundle.taskpaneInitialGzipBytes;
    if (v === null) out.push(notMeasured(name, 'no production build'));
    else out.push({ name, met: v <= TASKPANE_INITIAL_LIMIT_BYTES, detail: `${kb(v)} gzip (limit ${kb(TASKPANE_INITIAL_LIMIT_BYTES)})` });
  }
  return out;
}

const ratio = (a: number, b: number) => `×${(a / b).toFixed(2)}`;

function limitBudget(name: string, value: number | undefined, limit: number, unit: (n: number) => string = ms): Budget {
  if (value === undefined) return notMeasured(name, 'no browser measurement');
  return { name, met: value <= limit, detail: `${unit(value)} (limit ${unit(limit)}, ${ratio(value, limit)})` };
}

/** What a user waits for in Chromium: opening a file, re-validation, writing the comparison. */
function browserBudgets(b: BenchDocument['browser']): Budget[] {
  if (!b) return [notMeasured('browser timings', 'switched off or no Chromium')];
  const out: Budget[] = [
    limitBudget(
      `standalone: first button ≤ ${FIRST_BUTTON_LIMIT_MS} ms, outside requests hanging`,
      b.firstButtonMs ?? undefined,
      FIRST_BUTTON_LIMIT_MS,
    ),
  ];
  for (const [key, limit] of Object.entries(OPEN_LIMIT_MS))
    out.push(limitBudget(`standalone: file chosen → findings ≤ ${limit} ms [${key}]`, b.openMs[key], limit));
  for (const [key, open] of Object.entries(b.openMs)) {
    const sheetJs = b.sheetJsReadMs[key];
    const name = `standalone: open never slower than SheetJS reading the same file [${key}]`;
    if (sheetJs === undefined) out.push(notMeasured(name, 'no SheetJS timing'));
    else out.push({ name, met: open <= sheetJs, detail: `open ${ms(open)} vs SheetJS read ${ms(sheetJs)} (${ratio(open, sheetJs)})` });
  }
  const extra = b.openScripts.filter((f) => f.unneeded);
  out.push({
    name: 'standalone: opening a file fetches no library it does not need',
    met: extra.length === 0,
    detail: `${b.openScripts.map((f) => `${f.file} ${kb(f.gzipBytes)}${f.unneeded ? ` (${f.unneeded})` : ''}`).join(', ') || 'no script fetched'}`,
  });
  out.push(
    limitBudget(`inside Excel: edit → finding ≤ ${REVALIDATE_LIMIT_MS} ms [150x150]`, b.revalidateMs['150x150'], REVALIDATE_LIMIT_MS),
  );
  out.push(
    limitBudget(
      `standalone: comparison written ≤ ${WRITE_COMPARISON_LIMIT_MS} ms [1000x150]`,
      b.writeComparisonMs['1000x150'],
      WRITE_COMPARISON_LIMIT_MS,
    ),
  );
  return out;
}

/** The command line against each peer doing the same job, the floor, and compare's memory. */
function cliBudgets(cases: BenchCase[]): Budget[] {
  const out: Budget[] = [];
  for (const c of cases) {
    if (!c.peers) continue;
    for (const job of ['compute', 'compare'] as const) {
      const mine = job === 'compute' ? c.cliComputeMs : c.cliCompareMs;
      for (const [peer, t] of Object.entries(c.peers.peers)) {
        const theirs = job === 'compute' ? t?.computeMs : t?.compareMs;
        const name = `cli ${job} faster than ${peer} [${c.name}]`;
        if (mine === null || theirs === null || theirs === undefined) out.push(notMeasured(name, 'a time is missing'));
        else out.push({ name, met: mine < theirs, detail: `${ms(mine)} vs ${peer} ${ms(theirs)} (${ratio(mine, theirs)})` });
      }
      const floor = c.peers.floorMs;
      const fname = `cli ${job} ≤ ${FLOOR_FACTOR} × floor [${c.name}]`;
      if (mine === null || floor === null) out.push(notMeasured(fname, 'a time is missing'));
      else
        out.push({ name: fname, met: mine <= FLOOR_FACTOR * floor, detail: `${ms(mine)} vs floor ${ms(floor)} (${ratio(mine, floor)})` });
    }
  }
  const large = cases.find((c) => c.name === '1000x150');
  if (large) {
    const name = `cli compare peak memory ≤ ${COMPARE_RSS_LIMIT_MB} MiB [1000x150]`;
    if (large.peakRssMb === null) out.push(notMeasured(name, 'no RSS measurement'));
    else
      out.push({
        name,
        met: large.peakRssMb <= COMPARE_RSS_LIMIT_MB,
        detail: `${large.peakRssMb.toFixed(0)} MiB (peak of compute and compare; limit ${COMPARE_RSS_LIMIT_MB})`,
      });
  }
  return out;
}

/** The command as users start it: the direct command against node, npx for reference. */
function startBudgets(s: BenchDocument['start']): Budget[] {
  const name = `direct command (npm install -g .) ≤ ${DIRECT_FACTOR} × node bin/par-scorecard.js [150x150 validate]`;
  if (!s || s.directMs === null || s.nodeMs === null) return [notMeasured(name, s?.notes.join('; ') || 'no start measurement')];
  const npx = s.npxMs === null ? 'npx not measured' : `npx ${ms(s.npxMs)} (${ratio(s.npxMs, s.nodeMs)})`;
  return [
    {
      name,
      met: s.directMs <= DIRECT_FACTOR * s.nodeMs,
      detail: `direct ${ms(s.directMs)} vs node ${ms(s.nodeMs)} (${ratio(s.directMs, s.nodeMs)}); ${npx}`,
    },
  ];
}
