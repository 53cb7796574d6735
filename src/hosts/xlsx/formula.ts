/**
 * Formula text between the engine and the file format. In .xlsx files, functions added after
 * Excel 2007 carry a prefix (`_xlfn.RANK.EQ`, `_xlfn._xlws.FILTER`); without it Excel shows #NAME?.
 * The engine and the snapshot use the names users see (`RANK.EQ`).
 */
import { quoteSheet } from '../../core/a1';
import type { CellContent } from '../../core/plan';

const XLWS: readonly string[] = ['FILTER', 'SORT'];

const XLFN: readonly string[] = [
  'ACOT',
  'ACOTH',
  'AGGREGATE',
  'ARABIC',
  'ARRAYTOTEXT',
  'BASE',
  'BETA.DIST',
  'BETA.INV',
  'BINOM.DIST',
  'BINOM.DIST.RANGE',
  'BINOM.INV',
  'BITAND',
  'BITLSHIFT',
  'BITOR',
  'BITRSHIFT',
  'BITXOR',
  'BYCOL',
  'BYROW',
  'CEILING.MATH',
  'CEILING.PRECISE',
  'CHISQ.DIST',
  'CHISQ.DIST.RT',
  'CHISQ.INV',
  'CHISQ.INV.RT',
  'CHISQ.TEST',
  'CHOOSECOLS',
  'CHOOSEROWS',
  'COMBINA',
  'CONCAT',
  'CONFIDENCE.NORM',
  'CONFIDENCE.T',
  'COT',
  'COTH',
  'COVARIANCE.P',
  'COVARIANCE.S',
  'CSC',
  'CSCH',
  'DAYS',
  'DECIMAL',
  'DROP',
  'ERF.PRECISE',
  'ERFC.PRECISE',
  'EXPAND',
  'EXPON.DIST',
  'F.DIST',
  'F.DIST.RT',
  'F.INV',
  'F.INV.RT',
  'F.TEST',
  'FILTERXML',
  'FLOOR.MATH',
  'FLOOR.PRECISE',
  'FORECAST.ETS',
  'FORECAST.ETS.CONFINT',
  'FORECAST.ETS.SEASONALITY',
  'FORECAST.ETS.STAT',
  'FORECAST.LINEAR',
  'FORMULATEXT',
  'GAMMA',
  'GAMMA.DIST',
  'GAMMA.INV',
  'GAMMALN.PRECISE',
  'GAUSS',
  'HSTACK',
  'HYPGEOM.DIST',
  'IFNA',
  'IFS',
  'IMCOSH',
  'IMCOT',
  'IMCSC',
  'IMCSCH',
  'IMSEC',
  'IMSECH',
  'IMSINH',
  'IMTAN',
  'ISFORMULA',
  'ISOMITTED',
  'ISOWEEKNUM',
  'LAMBDA',
  'LET',
  'LOGNORM.DIST',
  'LOGNORM.INV',
  'MAKEARRAY',
  'MAP',
  'MAXIFS',
  'MINIFS',
  'MODE.MULT',
  'MODE.SNGL',
  'MUNIT',
  'NEGBINOM.DIST',
  'NETWORKDAYS.INTL',
  'NORM.DIST',
  'NORM.INV',
  'NORM.S.DIST',
  'NORM.S.INV',
  'NUMBERVALUE',
  'PDURATION',
  'PERCENTILE.EXC',
  'PERCENTILE.INC',
  'PERCENTRANK.EXC',
  'PERCENTRANK.INC',
  'PERMUTATIONA',
  'PHI',
  'POISSON.DIST',
  'QUARTILE.EXC',
  'QUARTILE.INC',
  'RANDARRAY',
  'RANK.AVG',
  'RANK.EQ',
  'REDUCE',
  'RRI',
  'SCAN',
  'SEC',
  'SECH',
  'SEQUENCE',
  'SHEET',
  'SHEETS',
  'SKEW.P',
  'SORTBY',
  'STDEV.P',
  'STDEV.S',
  'SWITCH',
  'T.DIST',
  'T.DIST.2T',
  'T.DIST.RT',
  'T.INV',
  'T.INV.2T',
  'T.TEST',
  'TAKE',
  'TEXTAFTER',
  'TEXTBEFORE',
  'TEXTJOIN',
  'TEXTSPLIT',
  'TOCOL',
  'TOROW',
  'UNICHAR',
  'UNICODE',
  'UNIQUE',
  'VALUETOTEXT',
  'VAR.P',
  'VAR.S',
  'VSTACK',
  'WEIBULL.DIST',
  'WORKDAY.INTL',
  'WRAPCOLS',
  'WRAPROWS',
  'XLOOKUP',
  'XMATCH',
  'XOR',
  'Z.TEST',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const names = [...XLWS, ...XLFN]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
const FUTURE = new RegExp(`(^|[^A-Za-z0-9_.])(${names})(?=\\s*\\()`, 'gi');
const PREFIX = /_xlfn\.(?:_xlws\.)?|_xlws\./gi;

/** Apply `fn` to the parts of a formula outside string literals. */
function outsideStrings(formula: string, fn: (part: string) => string): string {
  if (!formula.includes('"')) return fn(formula);
  return formula
    .split('"')
    .map((part, i) => (i % 2 === 0 ? fn(part) : part))
    .join('"');
}

/** Engine formula (no '=') → file formula: add the prefixes of post-2007 functions. */
export function toFileFormula(formula: string): string {
  return outsideStrings(formula, (part) =>
    part.replace(FUTURE, (_m, before: string, name: string) => {
      const upper = name.toUpperCase();
      return `${before}${XLWS.includes(upper) ? '_xlfn._xlws.' : '_xlfn.'}${name}`;
    }),
  );
}

/** File formula → the formula as Excel displays it (prefixes removed). */
export function fromFileFormula(formula: string): string {
  if (!formula.includes('_xl')) return formula;
  return outsideStrings(formula, (part) => part.replace(PREFIX, ''));
}

/** A plan's formula ("=SUM(…)") as the file stores it: without the leading '='. */
export const withoutEquals = (f: string): string => (f.startsWith('=') ? f.slice(1) : f);

/**
 * The internal link of a generated sheet's cell, as a formula (no '=') and its cached value:
 * =HYPERLINK("#'Sheet'!A1", label) works in every Excel and in LibreOffice, where ExcelJS writes
 * internal hyperlink objects with a broken location. Both .xlsx writers use it.
 */
export function internalLinkFormula(
  target: { sheet: string; cell: string },
  display: CellContent | undefined,
): {
  formula: string;
  cached: string | number;
} {
  const literal = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const location = literal(`#${quoteSheet(target.sheet)}!${target.cell}`);
  if (!display || display.kind === 'empty') {
    const label = `${target.sheet}!${target.cell}`;
    return { formula: `HYPERLINK(${location},${literal(label)})`, cached: label };
  }
  if (display.kind === 'text') return { formula: `HYPERLINK(${location},${literal(display.value)})`, cached: display.value };
  if (display.kind === 'number') return { formula: `HYPERLINK(${location},${display.value})`, cached: display.value };
  return { formula: `HYPERLINK(${location},${withoutEquals(display.formula)})`, cached: display.cached ?? '' };
}
