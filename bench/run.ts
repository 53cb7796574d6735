/**
 * `npm run bench` — performance benchmark of PAR Scorecard (see docs/benchmarks.md).
 *
 *   npm run bench                      tables on stdout, progress on stderr
 *   npm run -s bench -- --json         exactly one JSON document on stdout (-s: no npm banner)
 *   options: --cases 150x150,3321-summary   --runs N   --warmup N   --cli-runs N
 *            --no-cli   --no-peers   --no-browser   --no-bundle   --no-build   --smoke (one tiny case, nothing built)
 */
import { parseCase } from './cases';
import { runBench, type BenchDocument, type BenchOptions } from './harness';

function parseArgs(argv: string[]): { json: boolean; options: BenchOptions } {
  const options: BenchOptions = {};
  let json = false;
  const int = (v: string | undefined, flag: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--json':
        json = true;
        break;
      case '--smoke':
        options.smoke = true;
        break;
      case '--no-cli':
        options.cli = false;
        break;
      case '--no-peers':
        options.peers = false;
        break;
      case '--no-browser':
        options.browser = false;
        break;
      case '--no-bundle':
        options.bundle = false;
        break;
      case '--no-build':
        options.build = false;
        break;
      case '--runs':
        options.runs = Math.max(1, int(argv[++i], a));
        break;
      case '--warmup':
        options.warmup = int(argv[++i], a);
        break;
      case '--cli-runs':
        options.cliRuns = Math.max(1, int(argv[++i], a));
        break;
      case '--cases':
        options.cases = (argv[++i] ?? '').split(',').map((name) => {
          const spec = parseCase(name.trim());
          if (!spec) throw new Error(`unknown case ${name} (e.g. 8x48, 150x150, 1000x150, 3321-summary, 150-forms)`);
          return spec;
        });
        break;
      default:
        throw new Error(`unknown option ${a}`);
    }
  }
  return { json, options };
}

const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : v.toFixed(digits));

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

export function report(doc: BenchDocument): string {
  const m = doc.machine;
  const lines = [
    `PAR Scorecard benchmark — ${m.date}`,
    `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.os}, Node ${m.node}, commit ${m.commit ?? '?'}, load ${m.loadAverage.start} → ${m.loadAverage.end}`,
    `median of ${doc.method.runs} runs after ${doc.method.warmup} warm-up (CLI: ${doc.method.cliRuns} runs after 1)`,
    '',
  ];
  const rows = [
    [
      'case',
      'engine ms',
      'ExcelJS read ms',
      'ExcelJS write ms',
      'cli compute ms',
      'cli compare ms',
      'syncs r/w',
      'max payload KB',
      'peak RSS MB',
    ],
  ];
  for (const c of doc.cases) {
    rows.push([
      c.name,
      fmt(c.engineMs, 2),
      fmt(c.xlsxReadMs),
      fmt(c.xlsxWriteMs),
      c.cliConsolidateMs !== undefined ? `${fmt(c.cliConsolidateMs)} (consolidate)` : fmt(c.cliComputeMs),
      fmt(c.cliCompareMs),
      c.syncs ? `${c.syncs.read}/${c.syncs.write}` : '—',
      c.maxPayloadBytes === null ? '—' : (c.maxPayloadBytes / 1024).toFixed(0),
      fmt(c.peakRssMb),
    ]);
  }
  lines.push(table(rows), '');
  lines.push(
    `bundle: task pane initial ${doc.bundle.taskpaneInitialGzipBytes === null ? '—' : `${(doc.bundle.taskpaneInitialGzipBytes / 1000).toFixed(1)} KB`} gzip, ` +
      `.xlsx chunk ${doc.bundle.xlsxChunkGzipBytes === null ? '—' : `${(doc.bundle.xlsxChunkGzipBytes / 1000).toFixed(1)} KB`} gzip`,
    '',
  );
  for (const b of doc.budgets) lines.push(`${b.met ? 'MET   ' : 'MISSED'}  ${b.name}: ${b.detail}`);
  const notes = [...doc.cases.flatMap((c) => (c.notes ?? []).map((n) => `${c.name}: ${n}`)), ...(doc.bundle.notes ?? [])];
  if (notes.length > 0) lines.push('', 'notes:', ...notes.map((n) => `  ${n}`));
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { json, options } = parseArgs(process.argv.slice(2));
  const doc = await runBench({ ...options, log: (s) => process.stderr.write(`[bench] ${s}\n`) });
  process.stdout.write(json ? `${JSON.stringify(doc, null, 2)}\n` : `${report(doc)}\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
