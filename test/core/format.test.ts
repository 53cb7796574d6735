import { formatNumber, jsonNumber, twoDigits } from '../../src/core/format';

describe('formatNumber', () => {
  it.each([
    [83.55, 'vi', '83,55'],
    [-4.042, 'vi', '-4,042'],
    [4.0420001, 'vi', '4,042'],
    [100, 'vi', '100'],
    [0.5, 'en', '0.5'],
    ['80.2100', 'vi', '80,21'],
    [-0.0001, 'vi', '0'],
  ] as const)('%s (%s) → %s', (value, locale, expected) => {
    expect(formatNumber(value, locale)).toBe(expected);
  });
  it('rounds half up at the requested precision', () => {
    expect(formatNumber(92.175, 'vi', 2)).toBe('92,18');
  });
  it('writes two-digit counts', () => {
    expect(twoDigits(8)).toBe('08');
    expect(twoDigits(12)).toBe('12');
  });
  it('rounds JSON numbers to 3 decimals', () => {
    expect(jsonNumber(0.1 + 0.2)).toBe(0.3);
    expect(jsonNumber(-4.0424)).toBe(-4.042);
  });
});
