/**
 * formatNumber takes two paths in production (src/core/format.ts): a Decimal holding a whole
 * number of thousandths at ≤ 3 decimals is formatted from the integer (every total, change and
 * area score the engine computes); anything else (numbers, text, more decimals) through Decimal
 * rounding. Both are checked with the texts a reader sees written out.
 */
import Decimal from 'decimal.js';
import { formatNumber, jsonNumber, twoDigits } from '../../src/core/format';

const D = (v: string | number) => new Decimal(v);

describe('formatNumber, thousandths path (a Decimal, ≤ 3 decimals)', () => {
  it.each([
    // [value, decimals, vi, en]
    ['83.55', 3, '83,55', '83.55'],
    ['83.550', 3, '83,55', '83.55'],
    ['4.042', 3, '4,042', '4.042'],
    ['-4.042', 3, '-4,042', '-4.042'],
    ['100', 3, '100', '100'],
    ['0', 3, '0', '0'],
    ['0.5', 3, '0,5', '0.5'],
    ['0.05', 3, '0,05', '0.05'],
    ['0.005', 3, '0,005', '0.005'],
    ['-0.5', 3, '-0,5', '-0.5'],
    ['10.1', 3, '10,1', '10.1'],
    ['1234.567', 3, '1234,567', '1234.567'],
    // Rounded half up (away from zero) at fewer decimals: the published index has 2.
    ['92.175', 2, '92,18', '92.18'],
    ['92.174', 2, '92,17', '92.17'],
    ['-92.175', 2, '-92,18', '-92.18'],
    ['83.55', 2, '83,55', '83.55'],
    ['83.5', 2, '83,5', '83.5'],
    ['0.995', 2, '1', '1'],
    ['9.996', 2, '10', '10'],
    ['0.004', 2, '0', '0'],
    ['-0.004', 2, '0', '0'],
    ['-0.005', 2, '-0,01', '-0.01'],
    ['0.01', 2, '0,01', '0.01'],
    ['0.25', 1, '0,3', '0.3'],
    ['0.24', 1, '0,2', '0.2'],
    ['0.04', 1, '0', '0'],
    ['-0.05', 1, '-0,1', '-0.1'],
    ['2.5', 0, '3', '3'],
    ['2.499', 0, '2', '2'],
    ['-2.5', 0, '-3', '-3'],
    ['0.499', 0, '0', '0'],
    ['80', 0, '80', '80'],
  ] as const)('%s at %i decimals → %s / %s', (value, decimals, vi, en) => {
    expect(formatNumber(D(value), 'vi', decimals)).toBe(vi);
    expect(formatNumber(D(value), 'en', decimals)).toBe(en);
  });

  it('writes 3 decimals in Vietnamese by default', () => {
    expect(formatNumber(D('4.042'))).toBe('4,042');
    expect(formatNumber(D('-83.5'))).toBe('-83,5');
  });

  it('gives the same text in either language twice over (texts are built once and kept)', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatNumber(D('7.125'), 'vi')).toBe('7,125');
      expect(formatNumber(D('7.125'), 'en')).toBe('7.125');
      expect(formatNumber(D('7.12'), 'en', 2)).toBe('7.12');
      expect(formatNumber(D('7.12'), 'vi', 2)).toBe('7,12');
    }
  });
});

describe('formatNumber, decimal path (numbers, text, more decimals)', () => {
  it.each([
    // [value, decimals, vi, en]
    [83.55, 3, '83,55', '83.55'],
    [-4.042, 3, '-4,042', '-4.042'],
    [4.0420001, 3, '4,042', '4.042'],
    ['80.2100', 3, '80,21', '80.21'],
    [-0.0001, 3, '0', '0'],
    ['-0.004', 2, '0', '0'],
    [-0.4, 0, '0', '0'],
    [100, 3, '100', '100'],
    [92.175, 2, '92,18', '92.18'],
    // A Decimal with more than 3 decimals: rounded half up here, never before.
    [D('4.0425'), 3, '4,043', '4.043'],
    [D('4.0424'), 3, '4,042', '4.042'],
    [D('-4.0425'), 3, '-4,043', '-4.043'],
    [D('83.55'), 4, '83,55', '83.55'],
    [D('1.23456'), 4, '1,2346', '1.2346'],
    [D('-0.00004'), 4, '0', '0'],
    ['7', 0, '7', '7'],
    ['70', 0, '70', '70'],
    [0, 3, '0', '0'],
    ['0.10', 3, '0,1', '0.1'],
  ] as const)('%s at %s decimals → %s / %s', (value, decimals, vi, en) => {
    expect(formatNumber(value, 'vi', decimals)).toBe(vi);
    expect(formatNumber(value, 'en', decimals)).toBe(en);
  });

  it('writes the value as it is for a precision that is not 0 or more whole places (nothing is guessed)', () => {
    expect(formatNumber(D('2.5'), 'vi', 1.5)).toBe('2.5');
    expect(formatNumber(D('2.5'), 'vi', -1)).toBe('2.5');
  });

  it('writes text that is not a number as it is', () => {
    expect(formatNumber('không chấm', 'vi')).toBe('không chấm');
    expect(formatNumber('#REF!', 'en')).toBe('#REF!');
  });
});

describe('twoDigits', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [8, '08'],
    [9, '09'],
    [10, '10'],
    [12, '12'],
    [101, '101'],
    [-1, '-1'],
  ])('%i → %s', (n, s) => expect(twoDigits(n)).toBe(s));
});

describe('jsonNumber', () => {
  it.each([
    [null, null],
    [undefined, null],
    [D('83.55'), 83.55],
    [D('4.0425'), 4.043],
    [D('-4.0425'), -4.043],
    [0.1 + 0.2, 0.3],
    [-4.0424, -4.042],
    ['80.2105', 80.211],
    ['7', 7],
  ])('%s → %s', (value, n) => expect(jsonNumber(value)).toBe(n));
});

/**
 * Performance contract (bench/: every headline formats a total and a change, thousands of units):
 * a Decimal holding whole thousandths is formatted from the integer, without Decimal rounding or
 * toFixed, at 0 to 3 decimals; jsonNumber likewise.
 */
describe('formatNumber takes the thousandths path', () => {
  afterEach(() => jest.restoreAllMocks());

  it('formats whole thousandths at 0 to 3 decimals without Decimal rounding', () => {
    const spies = (['toDecimalPlaces', 'toFixed'] as const).map((m) => jest.spyOn(Decimal.prototype, m));
    expect(formatNumber(D('83.55'), 'vi', 3)).toBe('83,55');
    expect(formatNumber(D('92.175'), 'vi', 2)).toBe('92,18');
    expect(formatNumber(D('0.25'), 'en', 1)).toBe('0.3');
    expect(formatNumber(D('2.5'), 'vi', 0)).toBe('3');
    expect(jsonNumber(D('-4.042'))).toBe(-4.042);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(formatNumber(D('4.0425'), 'vi')).toBe('4,043');
    expect(spies[0]).toHaveBeenCalled();
  });
});
