/**
 * `par-scorecard` command line: validate, compute, compare, consolidate. A thin host: it reads
 * workbooks with the .xlsx adapter, runs the engine and applies write plans to new files.
 *
 * Exit codes (a contract other tools depend on): 0 done with no error findings; 1 done with error
 * findings; 2 bad arguments or an unreadable file (one clear line on stderr, no stack trace).
 * Batches (`validate` of several files or a folder, `consolidate`): a file that cannot be read is
 * reported in the output and counts as an error (exit 1), it does not stop the batch; exit 2 is
 * kept for bad arguments, a missing path, no workbook found, and a failed write.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { planCompute } from '../core/compute-plan';
import { analyzeWorkbook, isRanked, type Analysis } from '../core/engine';
import { countFindings, sortFindings, type Locale } from '../core/finding';
import { TIE_RULES, type TieRule } from '../core/rank';
import type { ScoringTable } from '../core/model';
import type { TableResult } from '../core/totals';
import type { ScoreChoice } from '../core/consolidate';
import { isSameFile, openWorkbookFile, readWorkbookFile, writeResultFile, type WriteSource } from '../hosts/xlsx/node';
import { batchCounts, batchJson, formatBatch, validateBatch } from './batch';
import { consolidateCounts, consolidateJson, formatConsolidate } from './consolidate';
import { collectInputs, progressCounter, readAll, type Progress } from './inputs';
import { formatCompare, formatCompute, formatValidate } from './report';
import { compareJson, computeJson, findingJson, tableJson } from './json';

/** Bad arguments: exit 2 with one line in the user's language (the message is already localized). */
export class UsageError extends Error {}

/** "<command> does not take <flags>", in the user's language. */
const notTaken = (lang: Locale, command: string, flags: string) =>
  new UsageError(lang === 'vi' ? `${command} không nhận ${flags}.` : `${command} does not take ${flags}.`);

const USAGE = `Cách dùng / Usage:
  par-scorecard validate <workbook.xlsx|folder>… [--reference <blank.xlsx>] [--json] [--progress] [--lang vi|en]
  par-scorecard consolidate <workbook.xlsx|folder>… --out <new.xlsx> [--score appraised|self] [--year N] [--force] [--reference <blank.xlsx>] [--ties competition|dense] [--json] [--progress] [--lang vi|en]
  par-scorecard compute  <workbook.xlsx> [--out <new.xlsx>] [--ties competition|dense] [--overwrite-totals] [--json] [--lang vi|en]
  par-scorecard compare  <current.xlsx> --prior <prior.xlsx> [--out <new.xlsx>] [--map <units.csv>] [--year N] [--prior-year N] [--force] [--json] [--lang vi|en]
  par-scorecard report   <current.xlsx> [--prior <prior.xlsx>] [--unit <name>] --out <file.docx> [--target-rank N] [--ties competition|dense] [--force] [--json] [--lang vi|en]`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** stderr is a terminal: the progress counter is shown (rewritten in place) without --progress. */
  errIsTTY?: boolean;
  /** Raw stderr writes (no newline added), for the in-place progress counter. */
  errRaw?: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
  errIsTTY: !!process.stderr.isTTY,
  errRaw: (s) => process.stderr.write(s),
};

/** Files read at the same time in a batch. */
const READ_CONCURRENCY = 4;

const OPTIONS = {
  json: { type: 'boolean' },
  lang: { type: 'string' },
  reference: { type: 'string' },
  out: { type: 'string' },
  ties: { type: 'string' },
  'overwrite-totals': { type: 'boolean' },
  prior: { type: 'string' },
  map: { type: 'string' },
  year: { type: 'string' },
  'prior-year': { type: 'string' },
  score: { type: 'string' },
  force: { type: 'boolean' },
  progress: { type: 'boolean' },
  unit: { type: 'string' },
  'target-rank': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: typeof OPTIONS }>>['values'];

/** One run of a command: its arguments checked, the language chosen. */
interface Run {
  io: Io;
  command: string;
  values: Values;
  positionals: string[];
  input: string;
  out: string | undefined;
  ties: TieRule;
  lang: Locale;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  // The language of an error message: --lang as soon as it can be read.
  const said = { lang: (argv.includes('--lang') && argv[argv.indexOf('--lang') + 1] === 'en' ? 'en' : 'vi') as Locale };
  try {
    const [command, ...rest] = argv;
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (!command || command.startsWith('-')) {
      throw new UsageError(
        said.lang === 'vi'
          ? 'thiếu lệnh: validate, compute, compare hoặc consolidate.'
          : 'no command: validate, compute, compare or consolidate.',
      );
    }
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: OPTIONS });
    if (values.lang !== undefined && values.lang !== 'vi' && values.lang !== 'en')
      throw new UsageError('--lang phải là vi hoặc en (--lang vi|en).');
    said.lang = (values.lang as Locale | undefined) ?? 'vi';
    const run = checkedRun(io, command, values, positionals, said.lang);
    switch (command) {
      case 'report':
        return await runReportCommand(run);
      case 'validate':
        return await runValidate(run);
      case 'compute':
        return await runCompute(run);
      case 'compare':
        return await runCompare(run);
      case 'consolidate':
        return await runConsolidate(run);
      default:
        throw new UsageError(`${said.lang === 'vi' ? 'Lệnh không hợp lệ' : 'Unknown command'}: ${command}`);
    }
  } catch (e) {
    io.err(edgeMessage(e, said.lang));
    return 2;
  }
}

const OUT_IS_INPUT: Record<Locale, string> = {
  vi: '--out không được trùng tệp đầu vào; tệp gốc không bao giờ bị ghi đè.',
  en: '--out must not be an input file; inputs are never overwritten.',
};
// Results are written as a macro-free .xlsx (macros are never carried over or run), so an .xlsm or
// .xls name would give a file Excel refuses to open.
const OUT_NOT_XLSX: Record<Locale, string> = {
  vi: '--out phải là tệp .xlsx (kết quả không chứa macro).',
  en: '--out must be an .xlsx file (results carry no macros).',
};

/** The checks every command shares: how many inputs, options it does not take, --ties, --out. */
function checkedRun(io: Io, command: string, values: Values, positionals: string[], lang: Locale): Run {
  const batchCommand = command === 'validate' || command === 'consolidate';
  if (batchCommand ? positionals.length === 0 : positionals.length !== 1)
    throw new UsageError(
      batchCommand
        ? lang === 'vi'
          ? 'Cần ít nhất một tệp Excel hoặc thư mục.'
          : 'At least one workbook file or folder is required.'
        : lang === 'vi'
          ? 'Cần đúng một tệp Excel.'
          : 'Exactly one workbook file is required.',
    );
  if ((values.unit !== undefined || values['target-rank'] !== undefined) && command !== 'report')
    throw notTaken(lang, command, '--unit/--target-rank');
  if (!batchCommand && (values.score || (values.force && command !== 'compare' && command !== 'report') || values.progress))
    throw notTaken(lang, command, '--score/--force/--progress');
  const ties = (values.ties ?? 'competition') as TieRule;
  if (!TIE_RULES.includes(ties))
    throw new UsageError(lang === 'vi' ? '--ties phải là competition hoặc dense.' : '--ties must be competition or dense.');
  const out = values.out;
  const inputs = [...positionals, values.prior, values.reference].filter((p): p is string => !!p);
  if (out && inputs.some((p) => path.resolve(p) === path.resolve(out))) throw new UsageError(OUT_IS_INPUT[lang]);
  if (out && command !== 'report' && path.extname(out).toLowerCase() !== '.xlsx') throw new UsageError(OUT_NOT_XLSX[lang]);
  return { io, command, values, positionals, input: positionals[0], out, ties, lang };
}

async function runReportCommand({ io, values, input, out, ties, lang }: Run): Promise<number> {
  if (values.reference || values.map || values.year || values['prior-year'] || values['overwrite-totals'])
    throw notTaken(lang, 'report', '--reference/--map/--year/--prior-year/--overwrite-totals');
  const { runReport, ReportUsageError } = await import('./report-command');
  const args = {
    input,
    prior: values.prior,
    unit: values.unit,
    out,
    targetRank: values['target-rank'],
    ties,
    lang,
    json: !!values.json,
    force: !!values.force,
  };
  try {
    return await runReport(args, io.out, pickTable);
  } catch (e) {
    throw e instanceof ReportUsageError ? new UsageError(e.message) : e;
  }
}

async function runValidate({ io, values, positionals, input, out, lang }: Run): Promise<number> {
  if (out || values.prior) throw notTaken(lang, 'validate', '--out/--prior');
  if (values.score || values.force || values.year) throw notTaken(lang, 'validate', '--score/--force/--year');
  const collected = await collectInputs(positionals);
  if (!collected.single) {
    if (collected.files.length === 0) throw new UsageError(noWorkbooks(lang, positionals));
    const reference = values.reference ? await readWorkbookFile(values.reference) : undefined;
    const outcomes = await readAll(collected.files, READ_CONCURRENCY, progressOf(io, values.progress, collected.files.length));
    const entries = validateBatch(outcomes, reference);
    if (values.json) io.out(JSON.stringify(batchJson(entries, lang)));
    else io.out(formatBatch(entries, lang));
    return batchCounts(entries).error > 0 ? 1 : 0;
  }
  const workbook = await readWorkbookFile(input);
  const reference = values.reference ? await readWorkbookFile(values.reference) : undefined;
  const analysis = analyzeWorkbook(workbook, { reference });
  const counts = countFindings(analysis.findings);
  if (values.json) {
    io.out(
      JSON.stringify({
        file: input,
        tables: analysis.tables.map(tableJson),
        findings: analysis.findings.map((f) => findingJson(f, lang)),
        counts,
      }),
    );
  } else io.out(formatValidate(input, analysis, lang));
  return counts.error > 0 ? 1 : 0;
}

async function runCompute({ io, values, input, out, ties, lang }: Run): Promise<number> {
  if (values.prior || values.reference) throw notTaken(lang, 'compute', '--prior/--reference');
  // Opened, not only read: the result is written from the package the snapshot came from.
  const opened = await openWorkbookFile(input);
  const workbook = opened.snapshot;
  const analysis = analyzeWorkbook(workbook);
  const { plan, findings: writeFindings } = planCompute(workbook, analysis, {
    ties,
    overwriteTotals: !!values['overwrite-totals'],
    locale: lang,
  });
  const findings = sortFindings([...analysis.findings, ...writeFindings]);
  const sheetNames = out ? await writeResultFile(opened, out, plan) : undefined;
  if (values.json) io.out(JSON.stringify(computeJson(input, analysis, findings, ties, lang)));
  else io.out(formatCompute(input, analysis, findings, ties, lang, out, sheetNames));
  return countFindings(findings).error > 0 ? 1 : 0;
}

async function runCompare({ io, values, input, out, ties, lang }: Run): Promise<number> {
  if (!values.prior) throw new UsageError(lang === 'vi' ? 'compare cần --prior <tệp năm trước>.' : 'compare needs --prior <prior.xlsx>.');
  if (values.reference) throw notTaken(lang, 'compare', '--reference');
  const year = optionalYear(values.year, '--year', lang);
  const priorYear = optionalYear(values['prior-year'], '--prior-year', lang);
  // Each command loads the engine parts only it uses (performance, bench/: every run starts cold).
  const { compareYears, hasPriorProblem, parseUnitMapping, planComparison } = await import('../core/compare');
  const mapping = values.map ? parseUnitMapping(await readText(values.map, lang)) : undefined;
  const [{ source, analysis: current }, prior] = await Promise.all([openAndAnalyze(input), readAndAnalyze(values.prior)]);
  const currentPick = pickTable(current);
  const priorPick = pickTable(prior);
  if (!currentPick || !priorPick) {
    const which = !currentPick ? input : values.prior;
    // The command was right, the file was not: one line (README), not the usage block.
    throw new InputError({ vi: `Không tìm thấy bảng chấm điểm trong ${which}.`, en: `No scoring table found in ${which}.` });
  }
  const comparison = compareYears(currentPick, priorPick, { mapping, ties, year, priorYear });
  const findings = sortFindings([...current.findings, ...comparison.findings]);
  // A wrong prior year is written only on request (--force): the sheet and its sentences would go
  // into a report as they stand.
  const blocked = !values.force && hasPriorProblem(comparison.findings);
  const sheetNames = out && !blocked ? await writeResultFile(source, out, planComparison(comparison, lang).write) : undefined;
  if (values.json) io.out(JSON.stringify(compareJson(comparison, findings, lang)));
  else io.out(formatCompare(comparison, findings, lang, out && !blocked ? out : undefined, sheetNames, out !== undefined && blocked));
  return countFindings(findings).error > 0 ? 1 : 0;
}

/**
 * A workbook read and analysed; only the analysis is kept. The snapshot's cells become garbage
 * here, before the comparison and its write allocate (`compare` at 1000x150, 6 runs alternating:
 * peak RSS 241–244 → 194–253 MiB, median 208).
 */
async function readAndAnalyze(file: string): Promise<Analysis> {
  return analyzeWorkbook(await readWorkbookFile(file));
}

/** The same for the file written to: its package is kept for the write. */
async function openAndAnalyze(file: string): Promise<{ source: WriteSource; analysis: Analysis }> {
  const { path: from, pkg, snapshot } = await openWorkbookFile(file);
  return { source: { path: from, pkg }, analysis: analyzeWorkbook(snapshot) };
}

async function runConsolidate({ io, values, positionals, out, ties, lang }: Run): Promise<number> {
  if (values.prior || values.map || values['prior-year'] || values['overwrite-totals'])
    throw notTaken(lang, 'consolidate', '--prior/--map/--prior-year/--overwrite-totals');
  if (!out) throw new UsageError(lang === 'vi' ? 'consolidate cần --out <tệp mới.xlsx>.' : 'consolidate needs --out <new.xlsx>.');
  const score = (values.score ?? 'appraised') as ScoreChoice;
  if (score !== 'appraised' && score !== 'self')
    throw new UsageError(lang === 'vi' ? '--score phải là appraised hoặc self.' : '--score must be appraised or self.');
  const year = optionalYear(values.year, '--year', lang);
  const collected = await collectInputs(positionals);
  if (collected.files.length === 0) throw new UsageError(noWorkbooks(lang, positionals));
  for (const f of collected.files) if (await isSameFile(f, out)) throw new UsageError(OUT_IS_INPUT[lang]);
  if (path.extname(out).toLowerCase() !== '.xlsx') throw new UsageError(OUT_NOT_XLSX[lang]);
  const reference = values.reference ? await readWorkbookFile(values.reference) : undefined;
  const outcomes = await readAll(collected.files, READ_CONCURRENCY, progressOf(io, values.progress, collected.files.length));
  const { consolidate } = await import('../core/consolidate');
  const result = consolidate(outcomes, { score, year, force: !!values.force, reference, ties, locale: lang });
  let written: string | null = null;
  let sheetNames: string[] = [];
  if (result.units.length > 0) {
    // The new-workbook writer is loaded only by this command (performance, bench/).
    const { createWorkbookFile } = await import('../hosts/xlsx/new-workbook');
    const applied = await createWorkbookFile(out, result.plan, { merges: result.merges, userSheets: [result.sheets.consolidation] });
    written = out;
    sheetNames = applied.sheets.map((s) => s.name);
  }
  if (values.json) io.out(JSON.stringify(consolidateJson(result, written, sheetNames, lang)));
  else io.out(formatConsolidate(result, collected.files.length, lang, written, sheetNames));
  return consolidateCounts(result).error > 0 || result.units.length === 0 ? 1 : 0;
}

function noWorkbooks(lang: Locale, args: string[]): string {
  return lang === 'vi' ? `Không tìm thấy tệp .xlsx nào trong ${args.join(', ')}.` : `No .xlsx workbook found in ${args.join(', ')}.`;
}

/** The progress counter: on a terminal, or with --progress; never on stdout. */
function progressOf(io: Io, flag: boolean | undefined, total: number): Progress | undefined {
  if (!flag && !io.errIsTTY) return undefined;
  const tty = !!io.errIsTTY && !!io.errRaw;
  return progressCounter(
    total,
    tty,
    (s) => io.errRaw?.(s),
    (s) => io.err(s),
  );
}

function optionalYear(value: string | undefined, flag: string, lang: Locale): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(19|20)\d{2}$/.test(value))
    throw new UsageError(lang === 'vi' ? `${flag} phải là một năm (1900–2099).` : `${flag} must be a year (1900–2099).`);
  return Number(value);
}

async function readText(file: string, lang: Locale): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new UsageError(lang === 'vi' ? `không đọc được tệp ${file}.` : `cannot read ${file}.`);
  }
}

/** The table a comparison uses: the first ranked table (consolidation or summary), else the first. */
export function pickTable(analysis: Analysis): { table: ScoringTable; result: TableResult } | undefined {
  const result = analysis.results.find((r) => isRanked(r.table)) ?? analysis.results[0];
  return result ? { table: result.table, result } : undefined;
}

/** A file the command cannot work with: reported in one line (edgeMessage), exit code 2, no pointer to --help. */
class InputError extends Error {
  constructor(readonly messages: Record<Locale, string>) {
    super(messages.en);
  }
}

/**
 * One clear line for the user in their language, never a stack trace (README, "Exit codes"): a
 * script reading stderr gets exactly one line; bad arguments point to --help instead of printing
 * the usage.
 */
function edgeMessage(e: unknown, lang: Locale): string {
  const err = e as { message?: string; messages?: Record<Locale, string>; localized?: Record<Locale, string> };
  const help = lang === 'vi' ? 'xem par-scorecard --help' : 'see par-scorecard --help';
  if (e instanceof UsageError) return `par-scorecard: ${e.message} (${help})`;
  const localized = err?.messages ?? err?.localized;
  if (localized && typeof localized[lang] === 'string') return `par-scorecard: ${localized[lang]}`;
  if (e && typeof e === 'object' && 'code' in e && (e as { code?: string }).code === 'ENOENT')
    return `par-scorecard: ${lang === 'vi' ? 'không tìm thấy tệp' : 'file not found'}: ${(e as { path?: string }).path ?? ''}`;
  if (e && typeof e === 'object' && String((e as { code?: string }).code).startsWith('ERR_PARSE_ARGS'))
    return `par-scorecard: ${parseArgsMessage(e as Error & { code: string }, lang)} (${help})`;
  return `par-scorecard: ${err?.message ?? String(e)}`.split('\n')[0];
}

/** Node's parseArgs errors (English only) said in the user's language: the option, and what is wrong. */
function parseArgsMessage(e: Error & { code: string }, lang: Locale): string {
  const option = /'(-{1,2}[^' ]+)/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return lang === 'vi' ? `tùy chọn không hợp lệ: ${option}.` : `unknown option: ${option}.`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return lang === 'vi' ? `giá trị của ${option} không hợp lệ hoặc bị thiếu.` : `${option}: missing or invalid value.`;
  return lang === 'vi' ? `đối số không hợp lệ: ${option || e.code}.` : `invalid arguments: ${option || e.code}.`;
}
