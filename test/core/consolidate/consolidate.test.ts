/**
 * The pure consolidation (src/core/consolidate): the sample generator's one form per unit
 * (samples/don-vi, appraised = the consolidation's scores) must give back the consolidated sample
 * (samples/tong-hop-xa-2025.xlsx) cell by cell; forms of another set or year are left out with
 * their reason; the differences are exactly the criteria where self ≠ appraised.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import Decimal from 'decimal.js';
import { parseCode } from '../../../src/core/codes';
import { CONSOLIDATION, consolidate, type ConsolidateInput, type ConsolidationResult } from '../../../src/core/consolidate';
import { analyzeWorkbook, rankTable } from '../../../src/core/engine';
import type { CellContent, GeneratedSheet } from '../../../src/core/plan';
import { cellAt, cellText, type WorkbookSnapshot } from '../../../src/core/snapshot';
import { readWorkbookBuffer } from '../../support/exceljs/read';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { buildScorecard, criteriaSet, generateScores, selfAssessment, stableBytes, type Manifest } from '../../../src/samples';
import { SAMPLES } from '../../support/shared';

const FIXTURES = SAMPLES;
const DON_VI = path.join(SAMPLES, 'don-vi');
const manifest = JSON.parse(readFileSync(path.join(SAMPLES, 'manifest.json'), 'utf8')) as Manifest;
const sampleEntry = manifest.samples.find((s) => s.file === 'tong-hop-xa-2025.xlsx')!;

async function donVi(): Promise<ConsolidateInput[]> {
  const files = readdirSync(DON_VI)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  return Promise.all(files.map(async (f) => ({ file: `don-vi/${f}`, workbook: await readWorkbookFile(path.join(DON_VI, f)) })));
}

async function formBytes(options: Parameters<typeof buildScorecard>[0]): Promise<WorkbookSnapshot> {
  return readWorkbookBuffer(await stableBytes(buildScorecard(options)), 'generated.xlsx');
}

/** Key → row of a generated consolidation sheet, from its code column. */
function rowsByKey(sheet: GeneratedSheet): Map<string, number> {
  const out = new Map<string, number>();
  sheet.rows.forEach((row, i) => {
    if (i + 1 < CONSOLIDATION.firstRow) return;
    const c = row[CONSOLIDATION.codeCol - 1];
    const code = c?.kind === 'text' ? parseCode(c.value) : null;
    if (code) out.set(code.key, i + 1);
  });
  return out;
}

const cell = (sheet: GeneratedSheet, row: number, col: number): CellContent => sheet.rows[row - 1]?.[col - 1] ?? { kind: 'empty' };
const valueOf = (c: CellContent): number | null =>
  c.kind === 'number' ? c.value : c.kind === 'formula' && typeof c.cached === 'number' ? c.cached : null;
const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Competition ranks (RANK.EQ) from exact 3-decimal totals, independently of the engine. */
function competitionRanks(totals: Record<string, string>): Record<string, number> {
  const values = Object.values(totals).map(Number);
  return Object.fromEntries(Object.entries(totals).map(([u, t]) => [u, 1 + values.filter((v) => v > Number(t)).length]));
}

describe('consolidate samples/don-vi', () => {
  let result: ConsolidationResult;
  let sheet: GeneratedSheet;
  let sample: WorkbookSnapshot;

  beforeAll(async () => {
    result = consolidate(await donVi());
    sheet = result.plan.sheets.find((s) => s.purpose === 'consolidation')!;
    sample = await readWorkbookFile(path.join(SAMPLES, 'tong-hop-xa-2025.xlsx'));
  });

  it('takes every unit, with the appraised scores, and no form is left out', () => {
    expect(result.year).toBe(2025);
    expect(result.excluded).toEqual([]);
    expect(result.units.map((u) => u.unit).sort()).toEqual([...sampleEntry.units!].sort());
    expect(result.units.every((u) => u.score === 'appraised')).toBe(true);
    expect(result.plan.sheets.map((s) => s.name)).toEqual(['Tổng hợp 2025', 'Xếp hạng 2025', 'Chênh lệch thẩm định', 'Kiểm tra']);
    expect(result.plan.cellWrites).toEqual([]);
  });

  it('orders units alphabetically (Vietnamese collation): wards before communes, Đ after D', () => {
    const names = result.units.map((u) => u.unit);
    expect(names.slice(0, 4).every((n) => n.startsWith('Phường'))).toBe(true);
    expect(names.indexOf('Xã Đông Hà')).toBe(names.indexOf('Xã Ea Pô') - 1);
    expect(names.indexOf('Xã An Phú')).toBeLessThan(names.indexOf('Xã Đông Hà'));
  });

  it('matches the consolidated sample cell by cell: every leaf, every parent, every total, every rank', () => {
    const ours = rowsByKey(sheet);
    const theirs = sample.sheets.find((s) => s.name === sampleEntry.sheet)!;
    const theirRows = new Map<string, number>();
    for (let r = sampleEntry.firstRow!; r <= sampleEntry.lastRow!; r++) {
      const code = parseCode(cellAt(theirs, r, 1)?.v ?? null);
      if (code) theirRows.set(code.key, r);
    }
    expect([...ours.keys()]).toEqual([...theirRows.keys()]);
    expect(ours.size).toBe(41);

    const layout = result.analysis!.tables[0];
    const ranks = competitionRanks(sampleEntry.totals!);
    // The same totals and ranks `compute` gives for the sample consolidation.
    const sampleRanked = rankTable(analyzeWorkbook(sample).results[0]);
    let compared = 0;
    for (const u of result.units) {
      const ourCol = colNumber(u.column);
      const theirCol = colNumber(sampleEntry.unitColumns![u.unit]);
      expect(cellText(cellAt(theirs, 7, theirCol) as never)).toBe(u.unit);
      expect(cell(sheet, CONSOLIDATION.unitRow, ourCol)).toEqual({ kind: 'text', value: u.unit });
      expect(cell(sheet, CONSOLIDATION.choiceRow, ourCol)).toEqual({ kind: 'text', value: 'Thẩm định' });
      for (const [key, row] of ours) {
        const mine = cell(sheet, row, ourCol);
        const expected = cellAt(theirs, theirRows.get(key)!, theirCol);
        const isParent = layout.criteria.find((c) => c.key === key)!.childKeys.length > 0;
        if (isParent) {
          expect(mine.kind).toBe('formula');
          expect((mine as { formula: string }).formula).toMatch(/^=SUM\([A-Z]+\d+(,[A-Z]+\d+)*\)$/);
        } else expect(mine.kind).toBe('number');
        expect(valueOf(mine)).toBe(expected?.v);
        compared++;
      }
      // Total: a live ROUND(SUM(areas),3) whose value is the sample's exact total.
      const total = cell(sheet, layout.totalIndex, ourCol);
      expect(total.kind).toBe('formula');
      expect((total as { formula: string }).formula).toMatch(/^=ROUND\(SUM\([A-Z]+\d+(,[A-Z]+\d+){7}\),3\)$/);
      expect(new Decimal(valueOf(total)!).toFixed(3)).toBe(sampleEntry.totals![u.unit]);
      expect(u.total.toFixed(3)).toBe(sampleEntry.totals![u.unit]);
      // Rank: RANK.EQ over the total row, the same as competition ranking of the sample's totals.
      const rank = cell(sheet, layout.rankIndex, ourCol);
      expect((rank as { formula: string }).formula).toBe(
        `=RANK.EQ(${u.column}${layout.totalIndex},$D$${layout.totalIndex}:$O$${layout.totalIndex})`,
      );
      expect(valueOf(rank)).toBe(ranks[u.unit]);
      expect(u.rank).toBe(ranks[u.unit]);
      expect(u.of).toBe(12);
      const theirRank = sampleRanked.find((r) => r.result.series.name === u.unit)!;
      expect(u.rank).toBe(theirRank.rank);
      expect(u.total.eq(theirRank.result.total)).toBe(true);
    }
    expect(compared).toBe(12 * 41);
    // The two units tied at 86,75 share a rank.
    const tied = result.units.filter((u) => u.total.eq(86.75));
    expect(tied.map((u) => u.unit).sort()).toEqual(['Xã An Phú', 'Xã Hòa Bình']);
    expect(new Set(tied.map((u) => u.rank)).size).toBe(1);
  });

  it('is a consolidation the engine itself reads without errors', () => {
    const a = result.analysis!;
    expect(a.tables).toHaveLength(1);
    expect(a.tables[0]).toMatchObject({ layout: 'consolidated', year: 2025, groupNoun: 'xã, phường' });
    expect(a.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('ranks in the Xếp hạng sheet, linked to the consolidation', () => {
    const ranking = result.plan.sheets.find((s) => s.purpose === 'ranking')!;
    expect(ranking.rows[5][1]).toEqual({ kind: 'text', value: 'Phường Trung Tâm' });
    expect(ranking.hyperlinks[0]).toMatchObject({ sheet: 'Tổng hợp 2025' });
  });

  it('lists exactly the criteria where the self-assessed score differs from the appraised one', async () => {
    // Expected: read straight from the forms (self in D, appraised in E, leaves only).
    const expected: string[] = [];
    for (const e of manifest.samples.filter((s) => s.file.startsWith('don-vi/'))) {
      const wb = await readWorkbookFile(path.join(SAMPLES, e.file));
      const s = wb.sheets.find((x) => x.name === e.sheet)!;
      const codes: { key: string; row: number }[] = [];
      for (let r = e.firstRow!; r <= e.lastRow!; r++) {
        const code = parseCode(cellAt(s, r, 1)?.v ?? null);
        if (code) codes.push({ key: code.key, row: r });
      }
      for (const c of codes) {
        if (codes.some((o) => o.key.startsWith(`${c.key}.`))) continue;
        const self = cellAt(s, c.row, colNumber(e.seriesColumns!.self))?.v ?? null;
        const appraised = cellAt(s, c.row, colNumber(e.seriesColumns!.appraised))?.v ?? null;
        if (self !== appraised) expected.push(`${e.units![0]}|${c.key}`);
      }
    }
    expect(expected.length).toBeGreaterThan(12);
    expect(result.differences.map((d) => `${d.unit}|${d.key}`).sort()).toEqual(expected.sort());
    for (const d of result.differences) expect(d.self!.eq(d.appraised!)).toBe(false);

    const sheet = result.plan.sheets.find((s) => s.purpose === 'differences')!;
    expect(sheet.rows[3].map((c) => (c.kind === 'text' ? c.value : ''))).toEqual([
      'Đơn vị',
      'Mã',
      'Tiêu chí',
      'Điểm tối đa',
      'Tự đánh giá',
      'Thẩm định',
      'Chênh lệch',
      'Tài liệu kiểm chứng',
      'Ghi chú',
    ]);
    const listed = sheet.rows
      .slice(4)
      .filter((r) => r[1]?.kind === 'text')
      .map((r) => `${(r[0] as { value: string }).value}|${parseCode((r[1] as { value: string }).value)?.key}`);
    expect(listed.filter((x) => !x.endsWith('|undefined')).sort()).toEqual(expected.sort());
    const texts = sheet.rows
      .flat()
      .filter((c) => c.kind === 'text')
      .map((c) => (c as { value: string }).value);
    expect(texts).toContain('NGƯỜI LẬP BIỂU');
    expect(texts).toContain('CHỦ TỊCH HỘI ĐỒNG THẨM ĐỊNH');
    // The sum of the differences is the gap between the two totals, unit by unit.
    for (const u of result.units) {
      const sum = result.differences.filter((d) => d.unit === u.unit).reduce((s, d) => s.plus(d.appraised!.minus(d.self!)), new Decimal(0));
      expect(sum.toFixed(3)).toBe(u.appraisedTotal!.minus(u.selfTotal!).toFixed(3));
    }
  });

  it('uses the self-assessed scores with score: self', async () => {
    const self = consolidate(await donVi(), { score: 'self' });
    for (const u of self.units) {
      expect(u.score).toBe('self');
      expect(u.total.toFixed(3)).toBe(u.selfTotal!.toFixed(3));
    }
    const s = self.plan.sheets[0];
    expect(cell(s, CONSOLIDATION.choiceRow, CONSOLIDATION.firstUnitCol)).toEqual({ kind: 'text', value: 'Tự đánh giá' });
  });
});

describe('forms left out, and --force', () => {
  const criteria = criteriaSet();
  const other = criteriaSet({ kind: 'synthetic', count: 30, seed: 99 });
  let inputs: ConsolidateInput[];

  beforeAll(async () => {
    const appraised = generateScores(criteria, ['Xã Năm Trước'], { seed: 5 })[0];
    const otherScores = generateScores(other, ['Xã Bộ Khác'], { seed: 6 })[0];
    const selfOnly = generateScores(criteria, ['Xã Chưa Thẩm Định'], { seed: 7 })[0];
    inputs = [
      ...(await donVi()),
      {
        file: 'nam-truoc.xlsx',
        workbook: await formBytes({ year: 2024, unit: 'Xã Năm Trước', criteria, self: selfAssessment(criteria, appraised, 1), appraised }),
      },
      {
        file: 'bo-khac.xlsx',
        workbook: await formBytes({ year: 2025, unit: 'Xã Bộ Khác', criteria: other, self: otherScores, appraised: otherScores }),
      },
      { file: 'chua-tham-dinh.xlsx', workbook: await formBytes({ year: 2025, unit: 'Xã Chưa Thẩm Định', criteria, self: selfOnly }) },
      { file: 'trung.xlsx', workbook: await readWorkbookFile(path.join(SAMPLES, 'tu-danh-gia-xa-hoa-binh-2025.xlsx')) },
      { file: 'tong-hop.xlsx', workbook: await readWorkbookFile(path.join(SAMPLES, 'tong-hop-xa-2025.xlsx')) },
      { file: 'mau-trong.xlsx', workbook: await readWorkbookFile(path.join(SAMPLES, 'mau-trong-2025.xlsx')) },
      { file: 'hong.xlsx', error: { reason: 'not-a-workbook', message: { vi: 'Tệp hỏng.', en: 'Damaged file.' } } },
    ];
  });

  it('leaves out each form with its reason and consolidates the rest', () => {
    const r = consolidate(inputs);
    const reasons = Object.fromEntries(r.excluded.map((e) => [e.file, e.reason]));
    expect(reasons).toEqual({
      'nam-truoc.xlsx': 'other-year',
      'bo-khac.xlsx': 'other-criteria',
      'trung.xlsx': 'duplicate-unit',
      'tong-hop.xlsx': 'no-scorecard',
      'mau-trong.xlsx': 'no-scores',
      'hong.xlsx': 'unreadable',
    });
    expect(r.excluded.find((e) => e.file === 'nam-truoc.xlsx')!.message.vi).toContain('năm 2024');
    // In words an official reads (issue #15): counts, codes only when few.
    expect(r.excluded.find((e) => e.file === 'bo-khac.xlsx')!.message.vi).toBe(
      'Phiếu theo bộ tiêu chí khác với các phiếu còn lại (thiếu 13 tiêu chí, thừa 2 tiêu chí (2.1.1, 2.1.2)), có thể là mẫu phiếu của năm khác; phiếu không được tổng hợp.',
    );
    expect(r.excluded.find((e) => e.file === 'trung.xlsx')!.message.vi).toContain('don-vi/tu-danh-gia-xa-hoa-binh-2025.xlsx');
    expect(r.excluded.find((e) => e.file === 'hong.xlsx')!.message).toEqual({
      vi: expect.stringContaining('Tệp hỏng.'),
      en: expect.stringContaining('Damaged file.'),
    });
    expect(r.units).toHaveLength(13);
    // Every exclusion is an error of its file, listed in the Kiểm tra sheet — and the only finding
    // of that file: a form not used raises no evidence warnings and the like (issue #15).
    for (const e of r.excluded) {
      expect(r.findings.filter((f) => f.file === e.file).map((f) => f.finding.severity)).toEqual(['error']);
    }
    const checks = r.plan.sheets.find((s) => s.purpose === 'findings')!;
    const checkTexts = checks.rows
      .flat()
      .filter((c) => c.kind === 'text')
      .map((c) => (c as { value: string }).value);
    expect(checkTexts).toContain('hong.xlsx');
    expect(checkTexts).toContain('consolidate/other-year');
  });

  it('uses the self-assessed scores of a form not appraised yet, and says so', () => {
    const r = consolidate(inputs);
    const u = r.units.find((x) => x.unit === 'Xã Chưa Thẩm Định')!;
    expect(u.score).toBe('self');
    expect(u.total.toFixed(3)).toBe(u.selfTotal!.toFixed(3));
    // Its name reads like a header ("… Thẩm Định"): the unit column is still a unit, ranked.
    expect(u.rank).not.toBeNull();
    expect(u.of).toBe(13);
    expect(r.findings).toContainEqual(
      expect.objectContaining({ file: 'chua-tham-dinh.xlsx', finding: expect.objectContaining({ code: 'consolidate/self-used' }) }),
    );
    const s = r.plan.sheets[0];
    expect(cell(s, CONSOLIDATION.choiceRow, colNumber(u.column))).toEqual({ kind: 'text', value: 'Tự đánh giá' });
  });

  it('includes them with force, gaps left empty and each one reported', () => {
    const r = consolidate(inputs, { force: true });
    expect(r.excluded.map((e) => e.reason).sort()).toEqual(['duplicate-unit', 'no-scorecard', 'no-scores', 'unreadable']);
    expect(r.year).toBe(2025);
    const lastYear = r.units.find((u) => u.unit === 'Xã Năm Trước')!;
    expect(lastYear).toBeDefined();
    expect(r.findings).toContainEqual(
      expect.objectContaining({
        file: 'nam-truoc.xlsx',
        finding: expect.objectContaining({ code: 'consolidate/other-year', severity: 'warning' }),
      }),
    );
    const otherSet = r.units.find((u) => u.unit === 'Xã Bộ Khác')!;
    const sheet = r.plan.sheets[0];
    const rows = rowsByKey(sheet);
    const col = colNumber(otherSet.column);
    const gaps = r.findings.filter((f) => f.file === 'bo-khac.xlsx' && f.finding.code === 'consolidate/criterion-missing');
    const otherKeys = new Set(other.nodes.map((n) => n.key));
    const mainLeaves = criteria.leaves.map((l) => l.key);
    expect(gaps.map((g) => g.finding.criterion).sort()).toEqual(mainLeaves.filter((k) => !otherKeys.has(k)).sort());
    for (const g of gaps) {
      expect(g.finding.sheet).toBe('Tổng hợp 2025');
      expect(g.finding.cell).toBe(`${otherSet.column}${rows.get(g.finding.criterion!)}`);
      expect(cell(sheet, rows.get(g.finding.criterion!)!, col)).toEqual({ kind: 'empty' });
    }
  });

  it('consolidates the year asked for', () => {
    const r = consolidate(inputs, { year: 2024 });
    expect(r.year).toBe(2024);
    expect(r.units.map((u) => u.unit)).toEqual(['Xã Năm Trước']);
    expect(r.plan.sheets[0].name).toBe('Tổng hợp 2024');
  });

  it('names a unit from its file when the title does not, and plans English sheets with locale en', async () => {
    const wb = await readWorkbookFile(path.join(DON_VI, 'tu-danh-gia-xa-ea-po-2025.xlsx'));
    const sheet = wb.sheets[0];
    sheet.cells[0][0] = { v: 'UBND XÃ ...', t: 's' };
    const r = consolidate([{ file: 'thu-muc/phieu-ea-po.xlsx', workbook: wb }], { locale: 'en' });
    expect(r.units[0].unit).toBe('phieu-ea-po');
    expect(r.findings.map((f) => f.finding.code)).toContain('consolidate/unit-from-file');
    expect(r.plan.sheets.map((s) => s.name)).toEqual(['Tổng hợp 2025', 'Ranking 2025', 'Appraisal differences', 'Checks']);
  });

  it('returns only the checks when nothing can be consolidated', () => {
    const r = consolidate([{ file: 'hong.xlsx', error: { reason: 'truncated', message: { vi: 'Thiếu dữ liệu.', en: 'Incomplete.' } } }]);
    expect(r.units).toEqual([]);
    expect(r.plan.sheets.map((s) => s.purpose)).toEqual(['findings']);
    expect(r.analysis).toBeNull();
  });
});

describe('criteria set from the official blank form; bonus and penalty rows', () => {
  it('takes the criteria set of --reference, leaving out forms of another set', async () => {
    const forms = await donVi();
    const blank = await readWorkbookFile(path.join(SAMPLES, 'mau-trong-2025.xlsx'));
    expect(consolidate(forms, { reference: blank }).units).toHaveLength(12);
    const other = criteriaSet({ kind: 'synthetic', count: 30, seed: 4 });
    const otherBlank = await readWorkbookBuffer(await stableBytes(buildScorecard({ year: 2025, criteria: other })), 'mau-khac.xlsx');
    const r = consolidate(forms, { reference: otherBlank });
    expect(r.units).toEqual([]);
    expect(new Set(r.excluded.map((e) => e.reason))).toEqual(new Set(['other-criteria']));
  });

  it('adds bonus and subtracts penalty rows in the total formula', async () => {
    const wb = await readWorkbookFile(path.join(DON_VI, 'tu-danh-gia-xa-hoa-binh-2025.xlsx'));
    const sheet = wb.sheets[0];
    const n = (v: number) => ({ v, t: 'n' as const });
    sheet.cells[47] = [null, { v: 'Điểm thưởng', t: 's' }, n(2), n(1), n(0.5)];
    sheet.cells[48] = [null, { v: 'Điểm trừ', t: 's' }, n(1), n(0.25), n(0.25)];
    const r = consolidate([{ file: 'hb.xlsx', workbook: wb }]);
    expect(r.units[0].total.toFixed(3)).toBe('87.000'); // 86,75 + 0,5 − 0,25
    const s = r.plan.sheets[0];
    const totalRow = r.analysis!.tables[0].totalIndex;
    const total = s.rows[totalRow - 1][3] as { formula: string; cached: number };
    expect(total.formula).toMatch(/^=ROUND\(SUM\(D7(,D\d+){7}\)\+N\(D\d+\)-ABS\(N\(D\d+\)\),3\)$/);
    expect(total.cached).toBe(87);
  });
});

describe('the sample Hòa Bình form alone', () => {
  it('gives unit "Xã Hòa Bình", appraised 86,75 and self-assessed 87,5', async () => {
    const workbook = await readWorkbookFile(path.join(FIXTURES, 'tu-danh-gia-xa-hoa-binh-2025.xlsx'));
    const r = consolidate([{ file: 'tu-danh-gia-xa-hoa-binh-2025.xlsx', workbook }]);
    expect(r.units).toHaveLength(1);
    expect(r.units[0]).toMatchObject({ unit: 'Xã Hòa Bình', score: 'appraised', rank: 1, of: 1, column: 'D' });
    expect(r.units[0].total.toFixed(3)).toBe('86.750');
    const self = consolidate([{ file: 'tu-danh-gia-xa-hoa-binh-2025.xlsx', workbook }], { score: 'self' });
    expect(self.units[0].total.toFixed(3)).toBe('87.500'); // samples/manifest.json: self 87.500, appraised 86.750
    expect(self.units[0].score).toBe('self');
  });
});
