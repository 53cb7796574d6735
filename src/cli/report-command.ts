/**
 * `par-scorecard report <current.xlsx> [--prior <prior.xlsx>] [--unit <name>] --out <file.docx>
 * [--target-rank N] [--lang vi|en] [--json]` (issue #18): a Word draft of the yearly report, one
 * section per unit (or the one unit asked for). The draft is made by the core (src/core/report)
 * and rendered by src/hosts/docx; `--json` prints the draft's data instead of a summary.
 * Exit codes as the other commands: 0 written, no error findings; 1 error findings (the draft is
 * still written, except for a wrong prior year without --force, as `compare` does); 2 bad
 * arguments, unreadable input, unknown unit, failed write.
 */
import path from 'node:path';
import type { Comparison, TableWithResult } from '../core/compare';
import { analyzeWorkbook, type Analysis } from '../core/engine';
import { countFindings, sortFindings, type Finding, type Locale } from '../core/finding';
import { jsonNumber } from '../core/format';
import type { TieRule } from '../core/rank';
import type { ReportDraft, ReportSection, TargetFacts } from '../core/report';
import { isSameFile, readWorkbookFile, writeFileAtomic } from '../hosts/xlsx/node';
import { findingJson } from './json';

export interface ReportArgs {
  input: string;
  prior?: string;
  unit?: string;
  out?: string;
  targetRank?: string;
  ties: TieRule;
  lang: Locale;
  json: boolean;
  force: boolean;
}

export class ReportUsageError extends Error {}

/** Checks the arguments before any file is read. */
function checkArgs(a: ReportArgs): number | null {
  const vi = a.lang === 'vi';
  if (!a.out) throw new ReportUsageError(vi ? 'report cần --out <tệp.docx>.' : 'report needs --out <file.docx>.');
  if (path.extname(a.out).toLowerCase() !== '.docx')
    throw new ReportUsageError(vi ? '--out phải là tệp .docx.' : '--out must be a .docx file.');
  if (a.targetRank === undefined) return null;
  if (!/^[1-9]\d{0,4}$/.test(a.targetRank))
    throw new ReportUsageError(vi ? '--target-rank phải là một thứ hạng (1, 2, 3, …).' : '--target-rank must be a rank (1, 2, 3, …).');
  return Number(a.targetRank);
}

export async function runReport(
  a: ReportArgs,
  out: (s: string) => void,
  pickTable: (an: Analysis) => TableWithResult | undefined,
): Promise<number> {
  const targetRank = checkArgs(a);
  const file = a.out as string;
  for (const input of [a.input, a.prior].filter((p): p is string => !!p))
    if (await isSameFile(input, file))
      throw new ReportUsageError(
        a.lang === 'vi'
          ? '--out không được trùng tệp đầu vào; tệp gốc không bao giờ bị ghi đè.'
          : '--out must not be an input file; inputs are never overwritten.',
      );
  const [currentBook, priorBook] = await Promise.all([
    readWorkbookFile(a.input),
    a.prior ? readWorkbookFile(a.prior) : Promise.resolve(null),
  ]);
  const current = analyzeWorkbook(currentBook);
  const currentPick = pickTable(current);
  if (!currentPick) throw new ReportUsageError(noTable(a.input, a.lang));
  let comparison: Comparison | null = null;
  const findings: Finding[] = [...current.findings];
  if (priorBook) {
    const priorPick = pickTable(analyzeWorkbook(priorBook));
    if (!priorPick) throw new ReportUsageError(noTable(a.prior as string, a.lang));
    const { compareYears, hasPriorProblem } = await import('../core/compare');
    comparison = compareYears(currentPick, priorPick, { ties: a.ties });
    findings.push(...comparison.findings);
    if (!a.force && hasPriorProblem(comparison.findings)) return blocked(sortFindings(findings), a, out);
  }
  const { draftReport } = await import('../core/report');
  const draft = draftReport({ current: currentPick, comparison }, { locale: a.lang, unit: a.unit ?? null, targetRank, ties: a.ties });
  if (draft.sections.length === 0)
    throw new ReportUsageError(
      unknownUnit(
        a,
        currentPick.result.series.map((s) => s.series.name),
      ),
    );
  // The document library is loaded only by this command (performance, bench/: every run starts cold).
  const { renderReportDocx } = await import('../hosts/docx/render');
  await writeFileAtomic(file, await renderReportDocx(draft));
  const sorted = sortFindings(findings);
  if (a.json)
    out(
      JSON.stringify({
        file: a.input,
        prior: a.prior ?? null,
        out: file,
        draft: draftJson(draft),
        findings: sorted.map((f) => findingJson(f, a.lang)),
        counts: countFindings(sorted),
      }),
    );
  else out(summary(draft, sorted, file, a.lang));
  return countFindings(sorted).error > 0 ? 1 : 0;
}

function noTable(file: string, lang: Locale): string {
  return lang === 'vi' ? `Không tìm thấy bảng chấm điểm trong ${file}.` : `No scoring table found in ${file}.`;
}

function unknownUnit(a: ReportArgs, names: string[]): string {
  const list = names.join('; ');
  return a.lang === 'vi'
    ? `Không có đơn vị "${a.unit}" trong ${a.input}. Các đơn vị: ${list}`
    : `No unit "${a.unit}" in ${a.input}. Units: ${list}`;
}

/** A prior year that cannot be this table's: nothing is written without --force (as `compare`). */
function blocked(findings: Finding[], a: ReportArgs, out: (s: string) => void): number {
  const errors = findings.filter((f) => f.severity === 'error');
  if (a.json)
    out(
      JSON.stringify({
        file: a.input,
        prior: a.prior ?? null,
        out: null,
        draft: null,
        findings: findings.map((f) => findingJson(f, a.lang)),
        counts: countFindings(findings),
      }),
    );
  else {
    const head =
      a.lang === 'vi'
        ? 'Chưa lập báo cáo: tệp năm trước không phù hợp (dùng --force để vẫn lập).'
        : 'No report written: the prior-year file does not fit (use --force to write it anyway).';
    out([head, ...errors.map((f) => `  ${f.sheet}!${f.cell}  ${f.message[a.lang]}  [${f.code}]`)].join('\n'));
  }
  return 1;
}

function summary(draft: ReportDraft, findings: Finding[], file: string, lang: Locale): string {
  const vi = lang === 'vi';
  const lines = [
    vi
      ? `Đã lập dự thảo báo cáo: ${file} (${draft.sections.length} đơn vị)`
      : `Report draft written: ${file} (${draft.sections.length} units)`,
    '',
  ];
  for (const s of draft.sections) {
    const result = s.blocks.find((b) => b.kind === 'paragraph' && b.role === 'result');
    const target = s.blocks.find((b) => b.kind === 'paragraph' && b.role === 'target');
    if (result && result.kind === 'paragraph') lines.push(`• ${result.text}`);
    if (target && target.kind === 'paragraph') lines.push(`  ${target.text}`);
  }
  const c = countFindings(findings);
  lines.push(
    '',
    vi
      ? `Kết quả kiểm tra: ${c.error} lỗi, ${c.warning} cảnh báo, ${c.info} lưu ý`
      : `Checks: ${c.error} errors, ${c.warning} warnings, ${c.info} notes`,
  );
  return lines.join('\n');
}

const num = jsonNumber;

function targetJson(t: TargetFacts | null) {
  if (!t) return null;
  return {
    rank: t.rank,
    reached: t.reached,
    points: num(t.points),
    against: t.against ? { unit: t.against.unit, total: num(t.against.total) } : null,
    rooms: t.rooms.map((r) => ({ code: r.leaf.key, title: r.leaf.title, room: num(r.room) })),
    coverable: t.coverable,
  };
}

function sectionJson(s: ReportSection) {
  const f = s.facts;
  return {
    unit: s.unit,
    total: num(f.total),
    max: num(f.max),
    rank: f.rank,
    of: f.of,
    priorTotal: num(f.priorTotal),
    priorRank: f.priorRank,
    delta: num(f.delta),
    rankChange: f.rankChange,
    fullMarks: f.fullMarks,
    areas: f.areas.map((x) => ({
      code: x.key,
      title: x.title,
      max: num(x.max),
      score: num(x.score),
      prior: num(x.prior),
      delta: num(x.delta),
      index: num(x.index),
      rank: x.rank,
    })),
    target: targetJson(s.target),
    blocks: s.blocks.map((b) =>
      b.kind === 'chart'
        ? { kind: 'chart', chart: { ...b.chart, series: b.chart.series.map((x) => ({ name: x.name, values: x.values.map(num) })) } }
        : b,
    ),
  };
}

/** The draft's data as JSON: texts as written, numbers at 3 decimals. */
export function draftJson(draft: ReportDraft) {
  return {
    locale: draft.locale,
    title: draft.title,
    year: draft.year,
    priorYear: draft.priorYear,
    sections: draft.sections.map(sectionJson),
  };
}
