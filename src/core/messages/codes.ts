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

export type MessageCatalog = Record<FindingCode, (p: FindingParams) => string>;
