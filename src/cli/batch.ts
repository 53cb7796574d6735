/**
 * `par-scorecard validate <files or folders>…`: every workbook checked, one line per file, then
 * each file's findings. A file that cannot be read is reported in its entry and the batch goes on.
 *
 * JSON: `{ files: [<single-file validate document>…], counts }`; an unreadable file's entry is
 * `{ file, error: { reason, message }, tables: [], findings: [], counts: { error: 1, … } }` — the
 * read failure counts as one error, so `counts.error > 0` exactly when the exit code is 1, for the
 * batch and for each entry alike.
 */
import Decimal from 'decimal.js';
import { analyzeWorkbook, type Analysis } from '../core/engine';
import { countFindings, type Locale, type Severity } from '../core/finding';
import { formatNumber } from '../core/format';
import type { WorkbookSnapshot } from '../core/snapshot';
import { findingJson, tableJson } from './json';
import { findingLines, grid } from './report';
import type { ReadOutcome } from './inputs';

export interface BatchEntry {
  file: string;
  analysis: Analysis | null;
  error: { reason: string; message: Record<Locale, string> } | null;
  counts: Record<Severity, number>;
}

export interface FileSummary {
  unit: string | null;
  year: number | null;
  self: Decimal | null;
  appraised: Decimal | null;
  /** For a consolidation or results table: its layout and number of units. */
  layout: string | null;
  units: number;
}

export function validateBatch(outcomes: ReadOutcome[], reference?: WorkbookSnapshot): BatchEntry[] {
  return outcomes.map((o) => {
    if ('error' in o) return { file: o.file, analysis: null, error: o.error, counts: { error: 1, warning: 0, info: 0 } };
    const analysis = analyzeWorkbook(o.workbook, { reference });
    return { file: o.file, analysis, error: null, counts: countFindings(analysis.findings) };
  });
}

export function batchCounts(entries: BatchEntry[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const e of entries) for (const k of ['error', 'warning', 'info'] as const) counts[k] += e.counts[k];
  return counts;
}

/** The single-file document for each entry (the issue-2 contract), plus the batch counts. */
export function batchJson(entries: BatchEntry[], lang: Locale) {
  return {
    files: entries.map((e) =>
      e.error || !e.analysis
        ? {
            file: e.file,
            error: { reason: e.error?.reason ?? 'unreadable', message: e.error?.message[lang] ?? '' },
            tables: [],
            findings: [],
            counts: e.counts,
          }
        : {
            file: e.file,
            tables: e.analysis.tables.map(tableJson),
            findings: e.analysis.findings.map((f) => findingJson(f, lang)),
            counts: e.counts,
          },
    ),
    counts: batchCounts(entries),
  };
}

/** Unit, year and both totals of a self-assessment form; the layout for other tables. */
export function summarize(analysis: Analysis): FileSummary {
  const card =
    analysis.results.find((r) => r.table.layout === 'scorecard' && r.series.some((s) => s.filled)) ??
    analysis.results.find((r) => r.table.layout === 'scorecard');
  if (card) {
    const total = (role: 'self' | 'appraised') => {
      const s = card.series.find((x) => x.series.role === role);
      return s?.filled ? s.total : null;
    };
    return { unit: card.table.unitName, year: card.table.year, self: total('self'), appraised: total('appraised'), layout: null, units: 1 };
  }
  const first = analysis.results[0];
  return {
    unit: null,
    year: first?.table.year ?? null,
    self: null,
    appraised: null,
    layout: first?.table.layout ?? null,
    units: first?.table.series.length ?? 0,
  };
}

const L = {
  vi: {
    title: (n: number) => `Kiểm tra ${n} tệp`,
    head: ['Tệp', 'Đơn vị', 'Năm', 'Lỗi', 'Cảnh báo', 'Tự đánh giá', 'Thẩm định'],
    unreadable: 'KHÔNG ĐỌC ĐƯỢC',
    noTable: 'không có bảng chấm điểm',
    layouts: { scorecard: 'phiếu tự đánh giá', consolidated: 'bảng tổng hợp', summary: 'bảng kết quả' } as Record<string, string>,
    units: 'đơn vị',
    total: (c: Record<Severity, number>, bad: number) =>
      `Tổng cộng: ${c.error} lỗi, ${c.warning} cảnh báo, ${c.info} lưu ý${bad ? `; ${bad} tệp không đọc được` : ''}.`,
    findings: 'Kết quả kiểm tra',
    error: 'LỖI',
  },
  en: {
    title: (n: number) => `Checked ${n} file(s)`,
    head: ['File', 'Unit', 'Year', 'Errors', 'Warnings', 'Self-assessed', 'Appraised'],
    unreadable: 'CANNOT BE READ',
    noTable: 'no scoring table',
    layouts: { scorecard: 'scorecard', consolidated: 'consolidation', summary: 'results summary' } as Record<string, string>,
    units: 'units',
    total: (c: Record<Severity, number>, bad: number) =>
      `Total: ${c.error} error(s), ${c.warning} warning(s), ${c.info} info${bad ? `; ${bad} file(s) cannot be read` : ''}.`,
    findings: 'Findings',
    error: 'ERROR',
  },
} as const;

/** One line per file (file, unit, year, errors, warnings, self-assessed and appraised totals). */
export function fileLine(e: BatchEntry, lang: Locale): string[] {
  const l = L[lang];
  if (!e.analysis) return [e.file, l.unreadable, '—', String(e.counts.error), String(e.counts.warning), '—', '—'];
  const s = summarize(e.analysis);
  const unit =
    s.unit ??
    (s.layout ? `(${l.layouts[s.layout] ?? s.layout}${s.layout !== 'scorecard' ? `, ${s.units} ${l.units}` : ''})` : `(${l.noTable})`);
  const n = (d: Decimal | null) => (d ? formatNumber(d, lang) : '—');
  return [e.file, unit, s.year ? String(s.year) : '—', String(e.counts.error), String(e.counts.warning), n(s.self), n(s.appraised)];
}

export function formatBatch(entries: BatchEntry[], lang: Locale): string {
  const l = L[lang];
  const lines = [l.title(entries.length), ...grid([[...l.head], ...entries.map((e) => fileLine(e, lang))], [0, 1]).map((s) => `  ${s}`)];
  const bad = entries.filter((e) => e.error).length;
  lines.push('', l.total(batchCounts(entries), bad));
  for (const e of entries) {
    lines.push('', `${e.file}${e.analysis ? (summarize(e.analysis).unit ? ` — ${summarize(e.analysis).unit}` : '') : ''}`);
    if (e.error) lines.push(`  ${l.error.padEnd(9)} ${e.error.message[lang]}`);
    else lines.push(...findingLines(e.analysis!.findings, lang));
  }
  return lines.join('\n');
}
