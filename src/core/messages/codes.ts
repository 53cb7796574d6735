/**
 * Every finding code the engine can emit. Codes are stable: other tools match on them.
 * Adding a code means adding its message to every locale (test/core/messages.test.ts checks parity).
 */
export const FINDING_CODES = [
  // detection
  'detect/no-table',
  'detect/no-table-in-workbook',
  'detect/year-missing',
  'detect/hidden-rows',
  'detect/hidden-columns',
  'detect/merges-unread',
  // reading
  'read/not-calculated',
  // codes and structure
  'code/duplicate',
  'code/orphan',
  'code/misplaced',
  // maxima
  'max/missing',
  'max/not-number',
  'max/parent-mismatch',
  'max/total-mismatch',
  'max/total-not-100',
  // scores
  'score/empty',
  'score/negative',
  'score/above-max',
  'score/error-value',
  'score/not-number',
  'score/number-as-text',
  'score/date',
  'score/step',
  'sum/parent-mismatch',
  'sum/formula-omits-child',
  'evidence/missing',
  'appraisal/above-self',
  // comparison with the official blank form (--reference)
  'reference/missing',
  'reference/added',
  'reference/retitled',
  'reference/max-changed',
  // writing results
  'write/typed-total',
  'write/typed-rank',
  'write/total-differs',
  'write/dense-rank-sheet',
  // comparison with the prior year
  'compare/unmatched-unit',
  'compare/no-prior-table',
  'compare/prior-not-earlier',
  'compare/prior-mismatch',
  // consolidating a folder of self-assessment forms
  'consolidate/unreadable',
  'consolidate/no-scorecard',
  'consolidate/no-scores',
  'consolidate/other-year',
  'consolidate/other-criteria',
  'consolidate/duplicate-unit',
  'consolidate/several-tables',
  'consolidate/criterion-missing',
  'consolidate/appraisal-incomplete',
  'consolidate/self-used',
  'consolidate/unit-from-file',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** Parameters a message template may use. Numbers are formatted per locale by the template. */
export type FindingParams = Record<string, string | number | undefined>;

/** A number the template formats per locale (a text when the cell held one). */
type Num = number | string;

/**
 * Each code's parameters (as zod types its issues): `makeFinding` with a missing, misspelt or extra
 * parameter does not compile, and each catalogue's template reads exactly these. The criterion and
 * the unit come from the finding's location (`Located`), not from here.
 */
export interface FindingParamsByCode {
  'detect/no-table': { sheet: string };
  'detect/no-table-in-workbook': Empty;
  'detect/year-missing': Empty;
  'detect/hidden-rows': { count: number; rows: string };
  'detect/hidden-columns': { columns: string };
  'detect/merges-unread': { sheet: string };
  'read/not-calculated': { sheet: string; count: number; cell: string };
  'code/duplicate': { code: string; first: string };
  'code/orphan': { code: string; parent: string };
  'code/misplaced': { code: string; parent: string };
  'max/missing': Empty;
  'max/not-number': { value: string; meant?: Num };
  'max/parent-mismatch': { max: Num; sum: Num };
  'max/total-mismatch': { max: Num; sum: Num };
  'max/total-not-100': { sum: Num };
  'score/empty': Empty;
  'score/negative': { value: Num };
  'score/above-max': { value: Num; max: Num };
  'score/error-value': { value: string };
  'score/not-number': { value: string };
  'score/number-as-text': { value: string; meant: Num };
  'score/date': { value: string; meant: string };
  'score/step': { value: Num };
  'sum/parent-mismatch': { value: Num; sum: Num; total?: 1 };
  'sum/formula-omits-child': { formula: string; child: string; row: number };
  'evidence/missing': { value: Num };
  'appraisal/above-self': { appraised: Num; self: Num };
  'reference/missing': { code: string; title: string };
  'reference/added': { code: string; title: string };
  'reference/retitled': { code: string; title: string; expected: string };
  'reference/max-changed': { max: Num; expectedMax: Num };
  'write/typed-total': { cell: string };
  'write/typed-rank': { cell: string };
  'write/total-differs': { cell: string; shown: Num; total: Num };
  'write/dense-rank-sheet': { count: number; max: number };
  'compare/unmatched-unit': { year?: number | '' };
  'compare/no-prior-table': Empty;
  'compare/prior-not-earlier': { year: number; priorYear: number };
  'compare/prior-mismatch': { units: number; priorForm?: string; matched?: number };
  'consolidate/unreadable': { file: string; detail?: string };
  'consolidate/no-scorecard': { file: string };
  'consolidate/no-scores': { file: string };
  'consolidate/other-year': { formYear: number; year: number; forced?: 1 };
  'consolidate/other-criteria': { detail: string; forced?: 1 };
  'consolidate/duplicate-unit': { kept: string };
  'consolidate/several-tables': { count: number; sheet: string };
  'consolidate/criterion-missing': Empty;
  'consolidate/appraisal-incomplete': { count: number; detail: string };
  'consolidate/self-used': Empty;
  'consolidate/unit-from-file': Empty;
}

/** No parameters. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` here: the code takes no parameters
type Empty = {};

/** The criterion and unit a template may name, from the finding's location. */
export interface Located {
  criterion?: string;
  unit?: string;
}

export type ParamsOf<C extends FindingCode> = FindingParamsByCode[C];

/** One template per code, reading that code's parameters; a catalogue missing a code does not compile. */
export type MessageCatalog = { [C in FindingCode]: (p: ParamsOf<C> & Located) => string };
