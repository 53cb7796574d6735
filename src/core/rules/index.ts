/**
 * The rule registry. `validateTable` runs every rule on one detected table and returns its
 * findings de-duplicated and in reading order. Rules are pure and never throw on a bad workbook.
 */
import { sortFindings, type Finding } from '../finding';
import { appraisalAboveSelf } from './appraisal-above-self';
import { codeDuplicate } from './code-duplicate';
import { codeMisplaced } from './code-misplaced';
import { codeOrphan } from './code-orphan';
import { evidenceMissing } from './evidence-missing';
import { maxParentMismatch } from './max-parent-mismatch';
import { maxTotal } from './max-total';
import { maxValue } from './max-value';
import { referenceAdded } from './reference-added';
import { referenceMaxChanged } from './reference-max-changed';
import { referenceMissing } from './reference-missing';
import { referenceRetitled } from './reference-retitled';
import { scoreAboveMax } from './score-above-max';
import { scoreEmpty } from './score-empty';
import { scoreInvalid } from './score-invalid';
import { scoreNegative } from './score-negative';
import { scoreStep } from './score-step';
import { sumFormulaOmitsChild } from './sum-formula-omits-child';
import { sumParentMismatch } from './sum-parent-mismatch';
import type { Rule, RuleContext } from './types';
import { buildView } from './view';

export type { Rule, RuleContext } from './types';
export { parseSumFormula, rowsSummedInColumn } from './formula';

export const RULES: readonly Rule[] = [
  codeDuplicate,
  codeOrphan,
  codeMisplaced,
  maxValue,
  maxParentMismatch,
  maxTotal,
  scoreEmpty,
  scoreNegative,
  scoreAboveMax,
  scoreInvalid,
  scoreStep,
  sumParentMismatch,
  sumFormulaOmitsChild,
  evidenceMissing,
  appraisalAboveSelf,
  referenceMissing,
  referenceAdded,
  referenceRetitled,
  referenceMaxChanged,
];

/** Run every rule (or the given ones) on one table; findings de-duplicated and sorted. */
export function validateTable(context: RuleContext, rules: readonly Rule[] = RULES): Finding[] {
  // One view of the table for every rule.
  const ctx = context.view ? context : { ...context, view: buildView(context) };
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const rule of rules) {
    for (const f of rule.check(ctx)) {
      const key = `${f.code}\u0000${f.sheet}\u0000${f.cell}\u0000${f.criterion ?? ''}\u0000${f.unit ?? ''}\u0000${f.message.en}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return sortFindings(out);
}
