/** @jest-environment node */
import { TextDecoder, TextEncoder } from 'util';
Object.assign(globalThis, { TextDecoder, TextEncoder });
import Decimal from 'decimal.js';
import { analyzeWorkbook } from '../../src/core/engine';
import type { Criterion, ScoringTable } from '../../src/core/model';
import { INPUT_MESSAGE_MAX, INPUT_TITLE_MAX, locateScoreCell, planScoreEntry, priorScoreOf } from '../../src/core/score-entry';
import { fixture } from './helpers/fixtures';

function leaf(key: string, row: number, max: number | null, extra: Partial<Criterion> = {}): Criterion {
  return {
    key,
    rawCode: key,
    title: `Tiêu chí ${key}`,
    depth: key.split('.').length,
    level: 'sub',
    parentKey: key.split('.').slice(0, -1).join('.') || null,
    childKeys: [],
    row,
    col: 0,
    codeCell: `A${row}`,
    titleCell: `B${row}`,
    max: max === null ? null : new Decimal(max),
    maxCell: `C${row}`,
    survey: false,
    hidden: false,
    ...extra,
  };
}

function table(criteria: Criterion[], seriesCols: number[], layout: ScoringTable['layout'] = 'consolidated'): ScoringTable {
  return {
    id: 'S!A1:Z99',
    sheet: 'S',
    layout,
    range: 'A1:Z99',
    headerRows: [1],
    firstDataRow: 2,
    lastDataRow: 99,
    title: '',
    year: 2025,
    yearSource: 'title',
    groupNoun: null,
    unitName: null,
    codeCol: 1,
    titleCol: 2,
    maxCol: 3,
    maxRow: 0,
    evidenceCol: 0,
    noteCol: 0,
    criteria,
    adjustments: [],
    series: seriesCols.map((index) => ({ name: `U${index}`, role: 'unit', index, headerCell: `A${index}` })),
    totalIndex: 0,
    rankIndex: 0,
    unitNameCol: 0,
  };
}

describe('planScoreEntry', () => {
  test('one rule per contiguous run of leaf rows with the same maximum, across adjacent score columns', () => {
    const t = table([leaf('1.1', 5, 0.5), leaf('1.2', 6, 0.5), leaf('1.3', 7, 1), leaf('1.4', 9, 1), leaf('1.5', 10, null)], [4, 5, 6, 8]);
    const dv = planScoreEntry(t, 'vi').dataValidations!;
    expect(dv.map((d) => [d.range, d.max])).toEqual([
      ['D5:F6', 0.5],
      ['H5:H6', 0.5],
      ['D7:F7', 1],
      ['H7', 1],
      ['D9:F9', 1],
      ['H9', 1],
    ]);
    expect(dv[0].min).toBe(0);
    expect(dv[0].inputTitle).toBe('Điểm tối đa: 0,5');
    expect(dv[0].inputMessage).toBe('1.1 Tiêu chí 1.1\n1.2 Tiêu chí 1.2\nMỗi tiêu chí tối đa 0,5 điểm.');
    expect(dv[2].inputMessage).toBe('1.3 Tiêu chí 1.3\nTối đa 1 điểm.');
  });

  test('the message carries the scoring rule and respects Excel’s limits', () => {
    const rule = 'Hoàn thành 100%: 1 điểm; từ 80% đến dưới 100%: 0,5 điểm; dưới 80%: 0 điểm';
    const long = 'Rất dài '.repeat(60);
    const t = table([leaf('2.1', 3, 1, { ruleText: rule, title: long })], [4]);
    const [d] = planScoreEntry(t, 'en').dataValidations!;
    expect(d.inputTitle).toBe('Maximum: 1');
    expect([...d.inputMessage].length).toBeLessThanOrEqual(INPUT_MESSAGE_MAX);
    expect([...d.inputTitle].length).toBeLessThanOrEqual(INPUT_TITLE_MAX);
    expect(d.inputMessage.endsWith(rule)).toBe(true);
  });

  test('the fixtures: few rules, all within the table', async () => {
    const a = analyzeWorkbook(await fixture('tong-hop-xa-2025.xlsx'));
    const dv = planScoreEntry(a.tables[0], 'vi').dataValidations!;
    const leaves = a.tables[0].criteria.filter((c) => c.childKeys.length === 0).length;
    expect(dv.length).toBeLessThanOrEqual(leaves);
    expect(dv.every((d) => /^D\d+:O\d+$/.test(d.range))).toBe(true);
    const d23 = dv.find((d) => d.range === 'D23:O23')!;
    expect(d23.max).toBe(3);
    expect(d23.inputMessage).toContain('3.2.1');
  });
});

describe('locateScoreCell and priorScoreOf', () => {
  test('a scorecard row: criterion, series, evidence', async () => {
    const snapshot = await fixture('tu-danh-gia-xa-hoa-binh-2025.xlsx');
    const a = analyzeWorkbook(snapshot);
    // E11: 1.3 appraised 0,75 (self-assessed 1,5), evidence "Báo cáo số 273/BC-UBND" in F11.
    const info = locateScoreCell(a.tables, snapshot.sheets[0], 11, 5)!;
    expect(info.criterion?.key).toBe('1.3');
    expect(info.series?.role).toBe('appraised');
    expect(info.scoreCell?.v).toBe(0.75);
    expect(info.evidence).toBe('filled');
    // D12: 1.4 self-assessed 1 with F12 empty; D13: 1.5 is a survey criterion (no evidence needed).
    expect(locateScoreCell(a.tables, snapshot.sheets[0], 12, 4)!.evidence).toBe('missing');
    expect(locateScoreCell(a.tables, snapshot.sheets[0], 13, 4)!.evidence).toBe('survey');
    expect(locateScoreCell(a.tables, snapshot.sheets[0], 100, 4)).toBeNull();
  });

  test('prior score by unit name (and through a mapping)', async () => {
    const cur = analyzeWorkbook(await fixture('tong-hop-xa-2025.xlsx')).results[0];
    const prior = analyzeWorkbook(await fixture('tong-hop-xa-2024.xlsx')).results[0];
    // Hòa Bình's 1.1.1: 0,75 in 2024 (F10 of tong-hop-xa-2024.xlsx), 1 in 2025.
    const hoaBinh = cur.table.series.find((s) => s.name === 'Xã Hòa Bình')!;
    expect(priorScoreOf(cur.table, hoaBinh, '1.1.1', prior)?.toString()).toBe('0.75');
    const namDong = cur.table.series.find((s) => s.name === 'Xã Nam Dong')!;
    expect(priorScoreOf(cur.table, namDong, '1.1.1', prior)).toBeUndefined();
    expect(priorScoreOf(cur.table, namDong, '1.1.1', prior, new Map([['Xã Nam Dong', 'Xã Hòa Bình']]))?.toString()).toBe('0.75');
  });
});
