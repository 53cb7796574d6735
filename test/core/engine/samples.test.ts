/**
 * The engine end to end on the project's own samples (samples/manifest.json holds the exact totals
 * each workbook was generated with): every layout, both code styles, NFD names, bonus and penalty
 * rows, ties, and a prior year in the summary layout.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { compareYears } from '../../../src/core/compare';
import { analyzeWorkbook, rankTable } from '../../../src/core/engine';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';

const SAMPLES = path.resolve(__dirname, '../../../samples');
interface SampleEntry {
  file: string;
  kind: string;
  year: number;
  codeStyle?: string;
  units?: string[];
  totals?: Record<string, string>;
  ties?: string[][];
  bonusRow?: number;
  penaltyRow?: number;
}
const manifest = JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')) as { samples: SampleEntry[] };
const scored = manifest.samples.filter((s) => s.totals && s.kind !== 'defect');
const load = (file: string) => readWorkbookFile(path.join(SAMPLES, file));

describe.each(scored.map((s) => [s.file, s] as const))('%s', (_file, sample) => {
  it('is detected in its layout with no error findings and its exact totals', async () => {
    const analysis = analyzeWorkbook(await load(sample.file));
    expect(analysis.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const result = analysis.results[0];
    expect(result.table.layout).toBe(sample.kind);
    expect(result.table.year).toBe(sample.year);
    for (const [key, total] of Object.entries(sample.totals!)) {
      // A scorecard's totals are keyed by score column (self / appraised), a table's by unit name.
      const s =
        sample.kind === 'scorecard'
          ? result.series.find((x) => x.series.role === key)
          : result.series.find((x) => x.series.name === key.normalize('NFC'));
      expect(s).toBeDefined();
      expect(s!.total.toFixed(3)).toBe(new Decimal(total).toFixed(3));
    }
    if (sample.kind === 'scorecard') expect(result.table.unitName).toBe(sample.units![0]);
  });
});

describe('layout features', () => {
  it('reads Roman area codes and adds the bonus and subtracts the penalty', async () => {
    const sample = manifest.samples.find((s) => s.codeStyle === 'roman')!;
    const { results } = analyzeWorkbook(await load(sample.file));
    const table = results[0].table;
    expect(table.criteria.filter((c) => c.depth === 1).map((c) => c.rawCode)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']);
    expect(table.adjustments.map((a) => [a.kind, a.row])).toEqual([
      ['bonus', sample.bonusRow],
      ['penalty', sample.penaltyRow],
    ]);
    const s = results[0].series[0];
    const areas = s.areas.reduce((sum, a) => sum.plus(a.score), new Decimal(0));
    expect(s.total.eq(areas.plus(s.bonus).minus(s.penalty))).toBe(true);
  });

  it('matches decomposed (NFD) unit names with the prior year', async () => {
    const nfd = manifest.samples.find((s) => s.file.includes('nfd'))!;
    const workbook = await load(nfd.file);
    const current = analyzeWorkbook(workbook);
    const prior = analyzeWorkbook(await load('tong-hop-xa-2024.xlsx'));
    // The file really holds decomposed names; detection names the units in composed form.
    const header = current.results[0].series[2].series.headerCell;
    const raw = workbook.sheets[0].cells[Number(header.slice(1)) - 1][header.charCodeAt(0) - 65]!.v as string;
    expect(raw).not.toBe(raw.normalize('NFC'));
    expect(current.results[0].series[2].series.name).toBe(raw.normalize('NFC').replace(/\s+/g, ' ').trim());
    const c = compareYears(
      { table: current.results[0].table, result: current.results[0] },
      { table: prior.results[0].table, result: prior.results[0] },
    );
    expect(c.unmatched.prior).toEqual([]);
    expect(c.units.filter((u) => u.priorUnit !== null)).toHaveLength(10);
  });

  it('gives tied units one rank (RANK.EQ) and the next unit the rank after both', async () => {
    const sample = manifest.samples.find((s) => s.file === 'tong-hop-xa-2025.xlsx')!;
    const { results } = analyzeWorkbook(await load(sample.file));
    const ranked = rankTable(results[0]);
    const [a, b] = sample.ties![0];
    const rankOf = (n: string) => ranked.find((r) => r.result.series.name === n)!.rank!;
    expect(rankOf(a)).toBe(rankOf(b));
    expect(ranked.filter((r) => r.rank === rankOf(a) + 1)).toEqual([]);
  });

  it('compares with a summary-layout prior year at area level with the same totals', async () => {
    const current = analyzeWorkbook(await load('tong-hop-xa-2025.xlsx')).results[0];
    const detailed = analyzeWorkbook(await load('tong-hop-xa-2024.xlsx')).results[0];
    const summary = analyzeWorkbook(await load('ket-qua-xa-2024-tom-tat.xlsx')).results[0];
    const vsDetailed = compareYears({ table: current.table, result: current }, { table: detailed.table, result: detailed });
    const vsSummary = compareYears({ table: current.table, result: current }, { table: summary.table, result: summary });
    expect(vsDetailed.level).toBe('criteria');
    expect(vsSummary.level).toBe('areas');
    expect(vsSummary.units.map((u) => [u.unit, u.delta?.toFixed(3) ?? null])).toEqual(
      vsDetailed.units.map((u) => [u.unit, u.delta?.toFixed(3) ?? null]),
    );
  });
});
