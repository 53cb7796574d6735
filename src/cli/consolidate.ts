/**
 * `par-scorecard consolidate <files or folders>… --out <new.xlsx>`: a folder of self-assessment
 * forms into a checked consolidation workbook (Tổng hợp, Xếp hạng, Chênh lệch thẩm định, Kiểm tra).
 * The work is done by the pure core (src/core/consolidate); this file reports and writes.
 */
import { countFindings, type Finding, type Locale, type Severity } from '../core/finding';
import { formatNumber, jsonNumber } from '../core/format';
import type { ConsolidationResult } from '../core/consolidate';
import { findingJson } from './json';
import { findingLines, grid } from './report';

export function consolidateCounts(result: ConsolidationResult): Record<Severity, number> {
  return countFindings(result.findings.map((f) => f.finding));
}

export function consolidateJson(result: ConsolidationResult, out: string | null, sheetNames: string[], lang: Locale) {
  return {
    out,
    year: result.year,
    units: result.units.map((u) => ({
      unit: u.unit,
      file: u.file,
      total: jsonNumber(u.total),
      rank: u.rank,
      of: u.of,
      score: u.score,
      column: u.column,
      selfTotal: jsonNumber(u.selfTotal),
      appraisedTotal: jsonNumber(u.appraisedTotal),
      differences: u.differences,
    })),
    excluded: result.excluded.map((e) => ({ file: e.file, unit: e.unit, reason: e.reason, message: e.message[lang] })),
    sheets: sheetNames,
    findings: result.findings.map((f) => ({ file: f.file, unit: f.unit, ...findingJson(f.finding, lang) })),
    counts: consolidateCounts(result),
  };
}

const L = {
  vi: {
    title: (year: number | null, units: number, files: number, out: number) =>
      `Tổng hợp${year ? ` năm ${year}` : ''}: ${units} đơn vị từ ${files} tệp${out ? ` (${out} tệp không được tổng hợp)` : ''}`,
    head: ['Hạng', 'Đơn vị', 'Tổng điểm', 'Điểm tổng hợp', 'Tự đánh giá', 'Thẩm định', 'Tiêu chí chênh lệch', 'Tệp'],
    choice: { appraised: 'thẩm định', self: 'tự đánh giá' },
    excluded: 'Không được tổng hợp',
    findings: 'Kết quả kiểm tra',
    counts: (c: Record<Severity, number>) => `${c.error} lỗi, ${c.warning} cảnh báo, ${c.info} lưu ý`,
    written: 'Đã ghi bảng tổng hợp vào',
    sheets: 'Trang tính',
    nothing: 'Không có phiếu nào được tổng hợp; không ghi tệp kết quả.',
  },
  en: {
    title: (year: number | null, units: number, files: number, out: number) =>
      `Consolidation${year ? ` ${year}` : ''}: ${units} unit(s) from ${files} file(s)${out ? ` (${out} file(s) left out)` : ''}`,
    head: ['Rank', 'Unit', 'Total', 'Scores used', 'Self-assessed', 'Appraised', 'Differing criteria', 'File'],
    choice: { appraised: 'appraised', self: 'self-assessed' },
    excluded: 'Left out',
    findings: 'Findings',
    counts: (c: Record<Severity, number>) => `${c.error} error(s), ${c.warning} warning(s), ${c.info} info`,
    written: 'Consolidation written to',
    sheets: 'Sheets',
    nothing: 'No form could be consolidated; no output file written.',
  },
} as const;

export function formatConsolidate(
  result: ConsolidationResult,
  files: number,
  lang: Locale,
  out: string | null,
  sheetNames: string[],
): string {
  const l = L[lang];
  const n = (d: Parameters<typeof formatNumber>[0] | null) => (d === null ? '—' : formatNumber(d, lang));
  const lines = [l.title(result.year, result.units.length, files, result.excluded.length)];
  if (result.units.length > 0) {
    const rows: string[][] = [[...l.head]];
    const sorted = [...result.units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
    for (const u of sorted)
      rows.push([
        u.rank === null ? '—' : String(u.rank),
        u.unit,
        n(u.total),
        l.choice[u.score],
        n(u.selfTotal),
        n(u.appraisedTotal),
        String(u.differences),
        u.file,
      ]);
    lines.push(...grid(rows, [1, 3, 7]).map((s) => `  ${s}`));
  }
  if (result.excluded.length > 0) {
    lines.push('', `${l.excluded}:`);
    for (const e of result.excluded) lines.push(`  ${e.file} — ${e.message[lang]}`);
  }
  lines.push('', `${l.findings}: ${l.counts(consolidateCounts(result))}`);
  const byFile = new Map<string, { unit: string | null; findings: Finding[] }>();
  for (const f of result.findings) {
    const entry = byFile.get(f.file) ?? { unit: f.unit, findings: [] };
    entry.findings.push(f.finding);
    byFile.set(f.file, entry);
  }
  for (const [file, { unit, findings }] of byFile) {
    lines.push(`${file}${unit ? ` — ${unit}` : ''}`, ...findingLines(findings, lang));
  }
  if (out) lines.push('', `${l.written} ${out} — ${l.sheets}: ${sheetNames.join(', ')}`);
  else lines.push('', l.nothing);
  return lines.join('\n');
}
