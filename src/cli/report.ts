/** Readable reports for the terminal: a table per scoring table found, findings with their cells. */
import { quoteSheet } from '../core/a1';
import type { Comparison } from '../core/compare';
import { rankTable, type Analysis } from '../core/engine';
import { countFindings, type Finding, type Locale } from '../core/finding';
import { formatNumber } from '../core/format';
import type { ScoringTable } from '../core/model';
import type { TieRule } from '../core/rank';

const L = {
  vi: {
    file: 'Tệp',
    table: 'Bảng',
    layouts: { scorecard: 'phiếu tự đánh giá', consolidated: 'bảng tổng hợp', summary: 'bảng kết quả' },
    year: 'năm',
    noYear: 'chưa rõ năm',
    units: 'đơn vị',
    criteria: 'tiêu chí',
    findings: 'Kết quả kiểm tra',
    none: 'Không phát hiện lỗi.',
    counts: (c: Record<string, number>) => `${c.error} lỗi, ${c.warning} cảnh báo, ${c.info} lưu ý`,
    severity: { error: 'LỖI', warning: 'CẢNH BÁO', info: 'LƯU Ý' },
    head: ['Hạng', 'Đơn vị', 'Tổng điểm', 'Tối đa', 'Chỉ số %'],
    written: 'Đã ghi kết quả vào',
    notWrittenPrior:
      'Chưa ghi tệp kết quả: bảng chọn làm năm trước có lỗi ở trên. Hãy chọn đúng tệp năm trước, hoặc thêm --force để vẫn ghi.',
    sheetsAdded: 'Trang tính đã tạo',
    compareHead: ['Đơn vị', 'Năm trước', 'Năm nay', 'Tăng/giảm', 'Hạng trước', 'Hạng nay', 'Thay đổi'],
    unmatched: 'Không so sánh được',
    compareTitle: (y: number | null, p: number | null) => `So sánh năm ${y ?? '?'} với năm ${p ?? '?'}`,
    ties: { competition: 'đồng hạng kiểu RANK.EQ (1, 2, 2, 4)', dense: 'đồng hạng không bỏ hạng (1, 2, 2, 3)' },
  },
  en: {
    file: 'File',
    table: 'Table',
    layouts: { scorecard: 'scorecard', consolidated: 'consolidation', summary: 'results summary' },
    year: 'year',
    noYear: 'year unknown',
    units: 'units',
    criteria: 'criteria',
    findings: 'Findings',
    none: 'No problems found.',
    counts: (c: Record<string, number>) => `${c.error} error(s), ${c.warning} warning(s), ${c.info} info`,
    severity: { error: 'ERROR', warning: 'WARNING', info: 'INFO' },
    head: ['Rank', 'Unit', 'Total', 'Max', 'Index %'],
    written: 'Results written to',
    notWrittenPrior:
      'No result file written: the table chosen as the prior year has the errors above. Choose the right prior-year file, or add --force to write anyway.',
    sheetsAdded: 'Sheets created',
    compareHead: ['Unit', 'Prior', 'Current', 'Change', 'Prior rank', 'Rank', 'Places'],
    unmatched: 'Not comparable',
    compareTitle: (y: number | null, p: number | null) => `Comparison of ${y ?? '?'} with ${p ?? '?'}`,
    ties: { competition: 'ties share a rank, RANK.EQ style (1, 2, 2, 4)', dense: 'ties share a rank, no gaps (1, 2, 2, 3)' },
  },
} as const;

function tableLine(t: ScoringTable, lang: Locale): string {
  const l = L[lang];
  return `${l.table} ${quoteSheet(t.sheet)}!${t.range} — ${l.layouts[t.layout]}, ${t.year ? `${l.year} ${t.year}` : l.noYear}, ${t.series.length} ${l.units}, ${t.criteria.length} ${l.criteria}`;
}

export function findingLines(findings: Finding[], lang: Locale): string[] {
  const l = L[lang];
  if (findings.length === 0) return [l.none];
  return findings.map((f) => {
    // A finding about a whole file (unreadable, left out of a consolidation) has no sheet or cell.
    const where = f.sheet ? `${quoteSheet(f.sheet)}!${f.cell.padEnd(6)}` : '';
    return `  ${l.severity[f.severity].padEnd(9)} ${where ? `${where} ` : ''}${f.message[lang]}  [${f.code}]`;
  });
}

/** Pad columns of a small text table (widths from the content). */
export function grid(rows: string[][], textColumn: number | number[]): string[] {
  const left = new Set(Array.isArray(textColumn) ? textColumn : [textColumn]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  // Pad by characters (not UTF-16 units) so Vietnamese names line up.
  const pad = (c: string, w: number, end: boolean) => {
    const fill = ' '.repeat(Math.max(0, w - [...c].length));
    return end ? c + fill : fill + c;
  };
  return rows.map((r) =>
    r
      .map((c, i) => pad(c ?? '', widths[i], left.has(i)))
      .join('  ')
      .trimEnd(),
  );
}

export function formatValidate(file: string, analysis: Analysis, lang: Locale): string {
  const l = L[lang];
  const lines = [`${l.file}: ${file}`, ...analysis.tables.map((t) => tableLine(t, lang)), ''];
  lines.push(`${l.findings}: ${l.counts(countFindings(analysis.findings))}`, ...findingLines(analysis.findings, lang));
  return lines.join('\n');
}

export function formatCompute(
  file: string,
  analysis: Analysis,
  findings: Finding[],
  ties: TieRule,
  lang: Locale,
  out?: string,
  sheetNames?: Map<string, string>,
): string {
  const l = L[lang];
  const lines = [`${l.file}: ${file}`];
  for (const result of analysis.results) {
    lines.push('', tableLine(result.table, lang));
    if (result.table.layout !== 'scorecard') lines.push(`  (${l.ties[ties]})`);
    const ranked = rankTable(result, ties)
      .filter((r) => r.result.filled)
      .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
    const rows: string[][] = [[...l.head]];
    for (const r of ranked)
      rows.push([
        r.rank === null ? '—' : String(r.rank),
        r.result.series.name,
        formatNumber(r.result.total, lang),
        formatNumber(r.result.max, lang),
        r.result.index ? formatNumber(r.result.index, lang, 2) : '—',
      ]);
    lines.push(...grid(rows, 1).map((s) => `  ${s}`));
  }
  lines.push('', `${l.findings}: ${l.counts(countFindings(findings))}`, ...findingLines(findings, lang));
  if (out) lines.push('', `${l.written} ${out}${sheetNames?.size ? ` — ${l.sheetsAdded}: ${[...sheetNames.values()].join(', ')}` : ''}`);
  return lines.join('\n');
}

export function formatCompare(
  c: Comparison,
  findings: Finding[],
  lang: Locale,
  out?: string,
  sheetNames?: Map<string, string>,
  blocked = false,
): string {
  const l = L[lang];
  const lines = [l.compareTitle(c.year, c.priorYear), ''];
  for (const u of c.units) lines.push(`• ${u.summary[lang]}`);
  const rows: string[][] = [[...l.compareHead]];
  const n = (d: Parameters<typeof formatNumber>[0] | null) => (d === null ? '—' : formatNumber(d, lang));
  for (const u of c.units)
    rows.push([
      u.unit,
      n(u.priorTotal),
      n(u.total),
      u.delta === null ? '—' : (u.delta.gt(0) ? '+' : '') + n(u.delta),
      u.priorRank === null ? '—' : String(u.priorRank),
      u.rank === null ? '—' : String(u.rank),
      u.rankChange === null ? '—' : (u.rankChange > 0 ? '+' : '') + String(u.rankChange),
    ]);
  lines.push('', ...grid(rows, 0).map((s) => `  ${s}`));
  if (c.unmatched.current.length || c.unmatched.prior.length)
    lines.push(
      '',
      `${l.unmatched}: ${[...c.unmatched.current, ...c.unmatched.prior.map((p) => `${p} (${c.priorYear ?? ''})`)].join('; ')}`,
    );
  lines.push('', `${l.findings}: ${l.counts(countFindings(findings))}`, ...findingLines(findings, lang));
  if (out) lines.push('', `${l.written} ${out}${sheetNames?.size ? ` — ${l.sheetsAdded}: ${[...sheetNames.values()].join(', ')}` : ''}`);
  if (blocked) lines.push('', l.notWrittenPrior);
  return lines.join('\n');
}
