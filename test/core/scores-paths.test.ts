/**
 * Reading and adding scores exactly (src/core/scores.ts). Most helpers take two paths: whole
 * numbers of thousandths as integers (every score in practice), anything else in Decimal
 * arithmetic. Both paths are checked with the values a reader sees, written out.
 */
import Decimal from 'decimal.js';
import {
  absScore,
  addScores,
  compareExact,
  compareScores,
  countedValue,
  decimalOf,
  isPositiveScore,
  milliDecimal,
  milliOf,
  numberMilli,
  parseNumericText,
  readScore,
  roundScore,
  SCORE_DECIMALS,
  sameScore,
  scoreNumber,
  subScores,
  sumDecimals,
} from '../../src/core/scores';

const D = (v: string | number) => new Decimal(v);
const str = (d: Decimal) => d.toString();

describe('reading a cell number at Excel’s 15 significant digits', () => {
  it.each([
    // [cached double, decimal read]
    [9.605000000000002, '9.605'],
    [0.1 + 0.2, '0.3'],
    [80.21, '80.21'],
    [-4.042, '-4.042'],
    [0, '0'],
    [-0, '0'],
    [1e12, '1000000000000'],
    [0.0005, '0.0005'],
    [1 / 3, '0.333333333333333'],
    [2.00000000000001, '2.00000000000001'],
    [123456.7891, '123456.7891'],
  ])('decimalOf(%s) → %s', (n, s) => {
    expect(str(decimalOf(n))).toBe(s);
  });

  it.each([
    [9.605000000000002, 9605],
    [0.1 + 0.2, 300],
    [-4.042, -4042],
    [0, 0],
    [1e12, 1e15],
    [-1e12, -1e15],
    [1e12 + 1, NaN],
    // 10^12 points read at 15 digits: the largest whole number of thousandths taken as an integer.
    [1000000000000.0002, 1e15],
    [1.0005, NaN],
    [0.0005, NaN],
    [1 / 3, NaN],
  ])('numberMilli(%s) → %s', (n, m) => {
    expect(numberMilli(n)).toBe(m);
  });

  it('never gives a negative zero', () => {
    expect(Object.is(numberMilli(-0), 0)).toBe(true);
    expect(numberMilli(-0.0000000000000001)).toBeNaN();
  });
});

describe('thousandths', () => {
  it.each([
    ['83.55', 83550],
    ['-4.042', -4042],
    ['0', 0],
    ['1000000000000', 1e15],
    ['-1000000000000', -1e15],
    ['1000000000000.001', undefined],
    ['4.0425', undefined],
    ['Infinity', undefined],
    ['NaN', undefined],
  ])('milliOf(%s) → %s', (v, m) => {
    const d = D(v);
    expect(milliOf(d)).toBe(m);
    expect(milliOf(d)).toBe(m); // remembered on the instance: same answer twice
  });

  it('reads -0 as zero thousandths', () => {
    expect(milliOf(D('-0')) === 0).toBe(true);
  });

  it('reads a frozen Decimal (it cannot remember) the same way', () => {
    expect(milliOf(Object.freeze(D('1.25')))).toBe(1250);
    expect(milliOf(Object.freeze(D('1.2505')))).toBeUndefined();
  });

  it.each([0, 1, -1, 83550, -4042, 2 ** 21 - 1, 2 ** 21, -(2 ** 21), -(2 ** 21) - 1, 5e9, 1e15, -1e15])(
    'milliDecimal(%i) is the decimal of that many thousandths, shared',
    (m) => {
      const d = milliDecimal(m);
      expect(d.eq(D(m).div(1000))).toBe(true);
      expect(milliOf(d)).toBe(m);
      expect(milliDecimal(m)).toBe(d);
    },
  );

  it('tags a value invisibly: equal to the same Decimal made elsewhere', () => {
    expect(milliDecimal(1250)).toEqual(new Decimal('1.25'));
    expect({ ...milliDecimal(1250) }).toEqual({ ...new Decimal('1.25') });
  });

  it('hands out one shared instance per value (no new Decimal per cell or per sum)', () => {
    expect(decimalOf(80.21)).toBe(milliDecimal(80210));
    expect(decimalOf(9.605000000000002)).toBe(milliDecimal(9605));
    expect(addScores(D('80.21'), D('0.25'))).toBe(milliDecimal(80460));
    expect(subScores(D('80.21'), D('0.25'))).toBe(milliDecimal(79960));
    expect(absScore(D('-4.042'))).toBe(milliDecimal(4042));
    expect(sumDecimals([D('0.1'), D('0.2')])).toBe(milliDecimal(300));
    const exact = D('80.21');
    expect(roundScore(exact)).toBe(exact);
  });

  it('gives 0 (not -0) for zero', () => {
    expect(str(milliDecimal(-0))).toBe('0');
    expect(Object.is(milliOf(milliDecimal(-0)), 0)).toBe(true);
    expect(milliDecimal(-0)).toBe(milliDecimal(0));
  });

  it('scores are compared at 3 decimals', () => {
    expect(SCORE_DECIMALS).toBe(3);
  });
});

describe('arithmetic, both paths', () => {
  it.each([
    // [a, b, a + b, a − b]
    ['80.21', '0.25', '80.46', '79.96'],
    ['0.1', '0.2', '0.3', '-0.1'],
    ['-4.042', '4.042', '0', '-8.084'],
    ['1.0005', '0.0005', '1.001', '1'],
    ['1.0005', '2', '3.0005', '-0.9995'],
    ['2', '1.0005', '3.0005', '0.9995'],
    ['999999999999.999', '0.002', '1000000000000.001', '999999999999.997'],
    ['-999999999999.999', '-0.002', '-1000000000000.001', '-999999999999.997'],
  ])('%s and %s', (a, b, sum, diff) => {
    expect(str(addScores(D(a), D(b)))).toBe(sum);
    expect(str(subScores(D(a), D(b)))).toBe(diff);
  });

  it.each([
    ['4.042', '4.042'],
    ['-4.042', '4.042'],
    ['-4.0425', '4.0425'],
    ['0', '0'],
  ])('absScore(%s) → %s', (a, abs) => expect(str(absScore(D(a)))).toBe(abs));

  it.each([
    ['80.21', '80.21'],
    ['80.2105', '80.211'],
    ['80.2104', '80.21'],
    ['-80.2105', '-80.211'],
    ['0.0004', '0'],
  ])('roundScore(%s) → %s', (a, r) => expect(str(roundScore(D(a)))).toBe(r));

  it.each([
    ['0.001', true],
    ['0', false],
    ['-0.001', false],
    ['0.0001', true],
    ['-0.0001', false],
  ])('isPositiveScore(%s) → %s', (a, positive) => expect(isPositiveScore(D(a))).toBe(positive));

  it.each([
    // [a, b, at the scoring precision, exactly]
    ['80.21', '80.21', 0, 0],
    ['80.21', '80.22', -1, -1],
    ['80.22', '80.21', 1, 1],
    ['-1', '1', -1, -1],
    ['80.2104', '80.21', 0, 1],
    ['80.21', '80.2104', 0, -1],
    ['80.2096', '80.21', 0, -1],
    ['80.2105', '80.21', 1, 1],
    ['80.2094', '80.21', -1, -1],
  ])('compare %s with %s', (a, b, rounded, exact) => {
    expect(compareScores(D(a), D(b))).toBe(rounded);
    expect(compareExact(D(a), D(b))).toBe(exact);
  });

  it.each([
    ['80.21', '80.21', true],
    ['80.21', '80.22', false],
    ['80.2104', '80.21', true],
    ['80.21', '80.2096', true],
    ['80.2105', '80.21', false],
    ['80.21', '80.2094', false],
  ])('sameScore(%s, %s) → %s', (a, b, same) => expect(sameScore(D(a), D(b))).toBe(same));

  it('ties 80.21 with itself however it was summed', () => {
    expect(sameScore(D(0.1 + 0.2).plus(79.91), D('80.21'))).toBe(true);
  });

  it.each([
    ['83.55', 83.55],
    ['-4.042', -4.042],
    ['4.0425', 4.043],
    ['-4.0425', -4.043],
  ])('scoreNumber(%s) → %s', (a, n) => expect(scoreNumber(D(a))).toBe(n));

  it.each([
    [[], '0'],
    [['80.21'], '80.21'],
    [['0.1', '0.2', '79.91'], '80.21'],
    [['1.0005', '2', '0.0005'], '3.001'],
    [['-1', '0.25'], '-0.75'],
  ])('sumDecimals(%j) → %s', (xs, sum) => expect(str(sumDecimals(xs.map(D)))).toBe(sum));
});

describe('numbers typed as text', () => {
  it.each([
    ['0,5', '0.5'],
    ['1.25', '1.25'],
    [' 2 ', '2'],
    ['+3', '3'],
    ['-0,75', '-0.75'],
    [',5', '0.5'],
    ['.25', '0.25'],
    ['1 000', '1000'],
    ['1\u00a0000', '1000'],
    ['1,2,3', null],
    ['1.', null],
    ['abc', null],
    ['1e3', null],
    ['', null],
    ['x1', null],
    ['1x', null],
  ])('parseNumericText(%j) → %s', (text, meant) => {
    const d = parseNumericText(text);
    expect(d === null ? null : str(d)).toBe(meant);
  });
});

describe('readScore: what a cell holds', () => {
  it.each([
    // [cell, reading]
    [null, { kind: 'empty' }],
    [undefined, { kind: 'empty' }],
    [{ v: null, t: 'n' }, { kind: 'empty' }],
    [{ t: 'n' }, { kind: 'empty' }],
    [{ v: '', t: 's' }, { kind: 'empty' }],
    [{ v: ' \u200b ', t: 's' }, { kind: 'empty' }],
    [
      { v: '0,5', t: 's' },
      { kind: 'text-number', text: '0,5', meant: '0.5' },
    ],
    [
      { v: ' 1.25 ', t: 's' },
      { kind: 'text-number', text: '1.25', meant: '1.25' },
    ],
    [
      { v: 'Đạt', t: 's' },
      { kind: 'text', text: 'Đạt' },
    ],
    [
      { v: '0,5', t: 'n' },
      { kind: 'text-number', text: '0,5', meant: '0.5' },
    ],
    [
      { v: 'x', t: 'n' },
      { kind: 'text', text: 'x' },
    ],
    [
      { v: 'x', t: 'z' },
      { kind: 'text', text: 'x' },
    ],
    [
      { v: '#DIV/0!', t: 'e' },
      { kind: 'error', text: '#DIV/0!' },
    ],
    [
      { v: true, t: 'b' },
      { kind: 'boolean', value: true },
    ],
    [
      { v: false, t: 'b' },
      { kind: 'boolean', value: false },
    ],
    // "1.5" typed in a Vietnamese-locale Excel becomes 1 May.
    [
      { v: 45778, t: 'd' },
      { kind: 'date', text: '01/05/2025', meant: '1,5' },
    ],
    [
      { v: 45651.5, t: 'd' },
      { kind: 'date', text: '25/12/2024', meant: '25,12' },
    ],
  ])('%j → %j', (cell, reading) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const r: any = readScore(cell as any);
    const shown = 'meant' in r && r.meant instanceof Decimal ? { ...r, meant: str(r.meant) } : r;
    expect(shown).toEqual(reading);
  });

  it('reads a number cell exactly', () => {
    const r = readScore({ v: 9.605000000000002, t: 'n' });
    expect(r.kind).toBe('number');
    expect(r.kind === 'number' && str(r.value)).toBe('9.605');
    expect(str(countedValue(r) as Decimal)).toBe('9.605');
  });

  it.each([[{ kind: 'text-number', text: '0,5', meant: D('0.5') }], [{ kind: 'text', text: 'x' }], [{ kind: 'empty' }]] as const)(
    'Excel’s SUM counts no %j',
    (r) => {
      expect(countedValue(r)).toBeNull();
    },
  );
});

/**
 * Performance contract (bench/, docs/benchmarks.md): a whole number of thousandths is read, added,
 * compared and rounded as an integer — no 15-digit string round trip, no Decimal arithmetic, and
 * small values are found without hashing. Checked by watching the slow operations not being called.
 */
describe('whole thousandths take the integer path', () => {
  afterEach(() => jest.restoreAllMocks());

  it('reads a cell number without a 15-digit string round trip', () => {
    const toPrecision = jest.spyOn(Number.prototype, 'toPrecision');
    expect(numberMilli(80.21)).toBe(80210);
    expect(numberMilli(-4.042)).toBe(-4042);
    expect(numberMilli(1e12)).toBe(1e15);
    expect(str(decimalOf(0.5))).toBe('0.5');
    expect(toPrecision).not.toHaveBeenCalled();
    expect(numberMilli(9.605000000000002)).toBe(9605);
    expect(toPrecision).toHaveBeenCalledTimes(1);
  });

  it('works out a Decimal’s thousandths once and remembers them on the instance', () => {
    const times = jest.spyOn(Decimal.prototype, 'times');
    const shared = milliDecimal(1234);
    expect(milliOf(shared)).toBe(1234);
    expect(times).not.toHaveBeenCalled();
    const made = D('7.125');
    expect(milliOf(made)).toBe(7125);
    expect(milliOf(made)).toBe(7125);
    expect(times).toHaveBeenCalledTimes(1);
    const odd = D('7.1255');
    expect(milliOf(odd)).toBeUndefined();
    expect(milliOf(odd)).toBeUndefined();
    expect(times).toHaveBeenCalledTimes(1);
  });

  it('adds, subtracts and compares without Decimal arithmetic, up to 10^12 points', () => {
    const spies = (['plus', 'minus', 'comparedTo', 'gt', 'toDecimalPlaces', 'eq'] as const).map((m) => jest.spyOn(Decimal.prototype, m));
    expect(str(addScores(D('999999999999.999'), D('0.001')))).toBe('1000000000000');
    expect(str(subScores(D('-999999999999.999'), D('0.001')))).toBe('-1000000000000');
    expect(compareScores(D('80.21'), D('80.22'))).toBe(-1);
    expect(compareExact(D('80.22'), D('80.21'))).toBe(1);
    expect(sameScore(D('80.21'), D('80.210'))).toBe(true);
    expect(isPositiveScore(D('0.25'))).toBe(true);
    expect(scoreNumber(D('83.55'))).toBe(83.55);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('finds small values without hashing', () => {
    const get = jest.spyOn(Map.prototype, 'get');
    for (const m of [0, 1, -1, 83550, -4042, 2 ** 21 - 1, -(2 ** 21)]) expect(milliOf(milliDecimal(m))).toBe(m);
    expect(get).not.toHaveBeenCalled();
  });
});
