import { formatNumber } from '../format';
import type { Located, MessageCatalog } from './codes';

const n = (v: string | number | undefined) => (v === undefined ? '?' : formatNumber(v, 'en'));
const crit = (p: Located) => (p.criterion ? `Criterion ${p.criterion}` : 'This cell');
const who = (p: Located) => (p.unit ? ` (${p.unit})` : '');

export const en: MessageCatalog = {
  'detect/no-table': (p) => `Sheet "${p.sheet}" has no recognisable scoring table; skipped.`,
  'detect/no-table-in-workbook': () =>
    'No scoring table found in the file (it needs a code column, a criterion column and a maximum column).',
  'read/not-calculated': (p) =>
    `Table on "${p.sheet}": ${p.count} formula cell(s) not calculated (saved without results, or flagged for Excel to recalculate on open, e.g. ${p.cell}); maxima, area scores and totals are derived from their parts.`,
  'detect/year-missing': () =>
    'The assessment year could not be found in the title, sheet name or file name; write "NĂM 20xx" in the title.',
  'detect/hidden-rows': (p) => `${p.count} row(s) of the scoring table are hidden (${p.rows}); hidden criteria are easily left unscored.`,
  'detect/hidden-columns': (p) => `Columns of the scoring table are hidden (${p.columns}).`,
  'detect/merges-unread': (p) =>
    `Sheet "${p.sheet}" has too many merged areas (more than 512) for Excel to return them, so its merged cells ` +
    'were not read and merged headers may be misread. Check the detected table, or unmerge some cells.',
  'code/duplicate': (p) => `Criterion code "${p.code}" is duplicated (already at ${p.first}).`,
  'code/orphan': (p) => `Criterion code "${p.code}" has no parent "${p.parent}" in the table.`,
  'code/misplaced': (p) => `Criterion code "${p.code}" is not placed under its parent "${p.parent}" (out of order or mistyped).`,
  'max/missing': (p) => `${crit(p)} has no maximum score.`,
  'max/not-number': (p) => `The maximum of ${crit(p).toLowerCase()} is not a number: "${p.value}".`,
  'max/parent-mismatch': (p) => `The maximum of ${crit(p).toLowerCase()} is ${n(p.max)} but its children's maxima add up to ${n(p.sum)}.`,
  'max/total-mismatch': (p) => `The total maximum reads ${n(p.max)} but the areas' maxima add up to ${n(p.sum)}.`,
  'max/total-not-100': (p) => `The areas' maxima add up to ${n(p.sum)}, not 100.`,
  'score/empty': (p) => `${crit(p)}${who(p)} has no score.`,
  'score/negative': (p) => `${crit(p)}${who(p)}: the score ${n(p.value)} is negative.`,
  'score/above-max': (p) => `${crit(p)}${who(p)}: the score ${n(p.value)} is above the maximum ${n(p.max)}.`,
  'score/error-value': (p) => `${crit(p)}${who(p)}: the score cell holds the error value ${p.value}.`,
  'score/not-number': (p) => `${crit(p)}${who(p)}: the score cell holds text "${p.value}", not a number.`,
  'score/number-as-text': (p) => `${crit(p)}${who(p)}: "${p.value}" is stored as text, so SUM ignores it; enter the number ${n(p.meant)}.`,
  'score/date': (p) => `${crit(p)}${who(p)}: the score cell is the date ${p.value}; ${p.meant} was probably meant (decimal comma).`,
  'score/step': (p) => `${crit(p)}${who(p)}: the score ${n(p.value)} is not a multiple of 0.25.`,
  'sum/parent-mismatch': (p) =>
    p.total
      ? `Total${who(p)}: reads ${n(p.value)} but the areas (plus bonus, minus penalty) add up to ${n(p.sum)}.`
      : `${crit(p)}${who(p)}: the score reads ${n(p.value)} but its children add up to ${n(p.sum)}.`,
  'sum/formula-omits-child': (p) => `${crit(p)}${who(p)}: the formula =${p.formula} leaves out child ${p.child} (row ${p.row}).`,
  'evidence/missing': (p) => `${crit(p)} scores ${n(p.value)} but cites no evidence document.`,
  'appraisal/above-self': (p) => `${crit(p)}: the appraised score ${n(p.appraised)} is above the self-assessed ${n(p.self)}.`,
  'reference/missing': (p) => `Criterion ${p.code} "${p.title}" of the official form is missing.`,
  'reference/added': (p) => `Criterion ${p.code} "${p.title}" is not in the official form.`,
  'reference/retitled': (p) => `Criterion ${p.code} is titled "${p.title}" instead of the official "${p.expected}".`,
  'reference/max-changed': (p) => `${crit(p)}: the maximum ${n(p.max)} differs from the official form (${n(p.expectedMax)}).`,
  'write/typed-total': (p) =>
    `Total cell ${p.cell} holds a typed number; it is replaced by a formula only when overwriting totals is chosen.`,
  'write/total-differs': (p) =>
    `Total cell ${p.cell}${who(p)} will show ${n(p.shown)} from the figures now in the table, not ${n(p.total)} from the criteria; fix this unit's errors, then compute again.`,
  'write/typed-rank': (p) =>
    `Rank cell ${p.cell} holds a typed number; it is replaced by a formula only when overwriting totals is chosen.`,
  'write/dense-rank-sheet': (p) =>
    `The table has ${p.count} units: dense ranks (1, 2, 2, 3) are written in the ranking sheet, not as formulas in the table's rank cells (above ${p.max} units that formula makes Excel recalculate for a very long time).`,
  'compare/unmatched-unit': (p) =>
    `Unit "${p.unit}" is not comparable (not found in ${p.year !== undefined && p.year !== '' ? p.year : "the other year's table"}).`,
  'compare/no-prior-table': () => 'No prior-year results table was found to compare with.',
  'compare/prior-not-earlier': (p) =>
    `The table chosen as the prior year is for ${p.priorYear ?? '?'}, not earlier than ${p.year ?? '?'} (perhaps the wrong file, or this file itself); choose the prior year's results and compare again.`,
  'compare/prior-mismatch': (p) =>
    p.priorForm !== undefined
      ? `The file chosen as the prior year is one unit's form (${p.priorForm}), while this year's table has ${p.units ?? '?'} units; choose the prior year's consolidation or results table.`
      : `Only ${p.matched ?? 0} of ${p.units ?? '?'} units are in the table chosen as the prior year (under half): perhaps the wrong file; if units were renamed or merged, use a unit mapping file.`,
  'consolidate/unreadable': (p) =>
    `The file ${p.file ?? ''} cannot be read: ${p.detail ?? 'damaged or not an .xlsx file'}; it is not consolidated.`,
  'consolidate/no-scorecard': (p) =>
    `The file ${p.file ?? ''} holds no single-unit self-assessment table (a self-assessed or appraised score column is needed); it is not consolidated.`,
  'consolidate/no-scores': (p) => `The self-assessment table in ${p.file ?? 'the file'} has no scores yet; it is not consolidated.`,
  'consolidate/other-year': (p) =>
    `The form is for ${p.formYear ?? '?'}, not the consolidated year ${p.year ?? '?'}${p.forced ? '; consolidated anyway (--force)' : '; it is not consolidated'}.`,
  'consolidate/other-criteria': (p) =>
    `The form follows another criteria set than the other forms (${p.detail ?? 'different order or number of criteria'}), perhaps another year's form${p.forced ? '; consolidated by criterion code anyway (--force), gaps left empty' : '; it is not consolidated'}.`,
  'consolidate/duplicate-unit': (p) => `Unit ${p.unit ?? ''} already has a form in ${p.kept ?? '?'}; this form is not consolidated.`,
  'consolidate/several-tables': (p) =>
    `The file has ${p.count ?? 'several'} scored self-assessment tables; only the one in sheet "${p.sheet ?? ''}" is consolidated.`,
  'consolidate/criterion-missing': (p) => `${crit(p)}${who(p)} is not in the form; its cell in the consolidation is left empty.`,
  'consolidate/appraisal-incomplete': (p) =>
    `${p.unit ?? 'Unit'}: ${p.count ?? '?'} criteria have no appraised score (${p.detail ?? ''}); their cells in the consolidation are left empty.`,
  'consolidate/self-used': (p) => `The form${who(p)} has no appraised scores; the consolidation uses the self-assessed scores.`,
  'consolidate/unit-from-file': (p) =>
    `The form's title names no unit ("UBND XÃ …"); the file name "${p.unit ?? ''}" is used as the unit name.`,
};
