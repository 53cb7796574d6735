/**
 * The performance budgets of the issue, evaluated on a finished benchmark document. Each budget is
 * reported as met or not with the numbers behind it; a value that could not be measured counts as
 * not met ("not measured: …"), so a broken measurement never passes silently.
 */
import type { BenchCase, BenchDocument, Budget } from './harness';

export const ENGINE_SHARE = 0.05;
export const LINEAR_FACTOR = 1.5;
export const CLI_FACTOR = 1.3;
export const READ_SYNCS = 3;
export const WRITE_SYNCS = 2;
/** Largest single request payload: the adapter's 4 MB budget (Excel on the web allows 5 MB). */
export const PAYLOAD_LIMIT_BYTES = 4 * 1024 * 1024;
/** 200 KB, counted as 200,000 bytes (the stricter reading). */
export const TASKPANE_INITIAL_LIMIT_BYTES = 200_000;

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

export function evaluateBudgets(doc: Pick<BenchDocument, 'cases' | 'bundle'>): Budget[] {
  const out: Budget[] = [];
  const byName = new Map(doc.cases.map((c) => [c.name, c] as [string, BenchCase]));

  for (const c of doc.cases) {
    const name = `engine ≤ 5% of ExcelJS read [${c.name}]`;
    if (c.engineMs === null || c.xlsxReadMs === null) out.push(notMeasured(name, 'engine or read time missing'));
    else {
      const share = c.engineMs / c.xlsxReadMs;
      out.push({
        name,
        met: share <= ENGINE_SHARE,
        detail: `engine ${ms(c.engineMs)} = ${(share * 100).toFixed(1)}% of read ${ms(c.xlsxReadMs)} (limit ${ENGINE_SHARE * 100}%)`,
      });
    }
  }

  const small = byName.get('150x150');
  const large = byName.get('1000x150');
  {
    const name = 'engine linear: per score cell at 1000x150 ≤ 1.5 × at 150x150';
    if (!small || !large) out.push(notMeasured(name, 'needs the 150x150 and 1000x150 cases'));
    else if (small.engineMs === null || large.engineMs === null || !small.scoreCells || !large.scoreCells)
      out.push(notMeasured(name, 'engine time missing'));
    else {
      const a = (small.engineMs * 1e6) / small.scoreCells;
      const b = (large.engineMs * 1e6) / large.scoreCells;
      out.push({
        name,
        met: b <= LINEAR_FACTOR * a,
        detail: `${b.toFixed(0)} ns/cell at 1000x150 vs ${a.toFixed(0)} ns/cell at 150x150 (×${(b / a).toFixed(2)}, limit ×${LINEAR_FACTOR})`,
      });
    }
  }

  for (const key of ['150x150', '1000x150']) {
    const c = byName.get(key);
    const name = `cli compute ≤ 1.3 × (read + write) [${key}]`;
    if (!c) continue;
    if (c.cliComputeMs === null || c.xlsxReadMs === null || c.xlsxWriteMs === null) out.push(notMeasured(name, 'CLI or xlsx time missing'));
    else {
      const limit = CLI_FACTOR * (c.xlsxReadMs + c.xlsxWriteMs);
      out.push({
        name,
        met: c.cliComputeMs <= limit,
        detail: `compute --out ${ms(c.cliComputeMs)} vs limit ${ms(limit)} = 1.3 × (${ms(c.xlsxReadMs)} + ${ms(c.xlsxWriteMs)})`,
      });
    }
  }

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
    const name = 'task pane initial load ≤ 200 KB gzip';
    const v = doc.bundle.taskpaneInitialGzipBytes;
    if (v === null) out.push(notMeasured(name, 'no production build'));
    else out.push({ name, met: v <= TASKPANE_INITIAL_LIMIT_BYTES, detail: `${kb(v)} gzip (limit ${kb(TASKPANE_INITIAL_LIMIT_BYTES)})` });
  }
  return out;
}
