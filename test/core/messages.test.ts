import { FINDING_CODES, type FindingParams } from '../../src/core/messages/codes';
import { messages } from '../../src/core/messages';
import { makeFinding } from '../../src/core/finding';

describe('finding messages', () => {
  it.each(FINDING_CODES)('%s has a non-empty message in every locale', (code) => {
    const params = {
      criterion: '1.1',
      unit: 'Xã A',
      value: 1.5,
      max: 1,
      sum: 2,
      code: '1.1',
      parent: '1',
      first: 'A9',
      sheet: 'S',
      count: 2,
      rows: '9, 10',
      columns: 'D',
      meant: 0.5,
      formula: 'SUM(D9,D10)',
      child: '1.1.2',
      row: 11,
      self: 1,
      appraised: 2,
      title: 'T',
      expected: 'E',
      expectedMax: 2,
      cell: 'D50',
      year: 2024,
    };
    for (const locale of ['vi', 'en'] as const) {
      // (Every parameter any template reads, given to each: the catalogue's per-code types set aside.)
      const text = (messages[locale][code] as (p: FindingParams) => string)(params);
      expect(text.trim().length).toBeGreaterThan(10);
      expect(text).not.toContain('undefined');
    }
  });

  it('has the same codes in every locale (parity)', () => {
    expect(Object.keys(messages.vi).sort()).toEqual([...FINDING_CODES].sort());
    expect(Object.keys(messages.en).sort()).toEqual([...FINDING_CODES].sort());
  });

  it('formats numbers per locale', () => {
    const f = makeFinding('score/above-max', 'error', { sheet: 'Tổng hợp', cell: 'D23', criterion: '3.2.1' }, { value: 3.5, max: 3 });
    expect(f.message.vi).toBe('Tiêu chí 3.2.1: điểm 3,5 vượt điểm tối đa 3.');
    expect(f.message.en).toBe('Criterion 3.2.1: the score 3.5 is above the maximum 3.');
  });
});

describe('finding parameters are typed per code', () => {
  it('refuses a missing, misspelt or extra parameter at compile time (tsc over test/)', () => {
    const at = { sheet: 'S', cell: 'D9' };
    // @ts-expect-error sum/parent-mismatch needs its children's sum
    makeFinding('sum/parent-mismatch', 'error', at, { value: 1 });
    // @ts-expect-error score/above-max has no parameter `maximum` (it is `max`)
    makeFinding('score/above-max', 'error', at, { value: 2, maximum: 1 });
    // @ts-expect-error code/duplicate takes parameters
    makeFinding('code/duplicate', 'error', at);
    expect(makeFinding('score/empty', 'warning', at).params).toEqual({});
  });
});

describe('the total row is named as such', () => {
  it('says "Tổng điểm" rather than a criterion for the total row', () => {
    const f = makeFinding(
      'sum/parent-mismatch',
      'error',
      { sheet: 'Tổng hợp', cell: 'D49', unit: 'Phường An Lạc' },
      { value: 91.25, sum: 91.75, total: 1 },
    );
    expect(f.message.vi).toBe('Tổng điểm (Phường An Lạc): ghi 91,25 nhưng tổng các lĩnh vực (cộng điểm thưởng, trừ điểm trừ) là 91,75.');
    expect(f.message.en).toBe('Total (Phường An Lạc): reads 91.25 but the areas (plus bonus, minus penalty) add up to 91.75.');
  });
});
