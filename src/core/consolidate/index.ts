/**
 * Consolidation of a folder of self-assessment forms (one per unit) into the home-affairs office's
 * bảng tổng hợp, in one step and without I/O: the CLI passes files it read, the task pane can pass
 * files the user picked.
 *
 * - Each form is analysed by the engine (its findings go to the `Kiểm tra` sheet).
 * - The criteria set is the one most forms share (sequence of key, folded title and maximum), or
 *   the official blank form's when one is given; the year is `options.year` or the most common one.
 *   A form of another set or year is left out with its reason, or included with `force` (gaps left
 *   empty, each one reported).
 * - Per unit, the appraised scores are used when the appraised column is filled, else the
 *   self-assessed ones (`score: 'self'` forces them); the choice is shown under the unit's name.
 * - The consolidation grid is itself analysed by the engine and planned by `planCompute`, so the
 *   totals (=ROUND(SUM(areas),3)), the RANK.EQ row and the `Xếp hạng` sheet come from the same
 *   path as `par-scorecard compute`.
 */
import Decimal from 'decimal.js';
import { columnLetter } from '../a1';
import { planCompute } from '../compute-plan';
import { resolveSheetName } from '../sheet-names';
import { detectWorkbook } from '../detect';
import { analyzeWorkbook, rankTable, type Analysis } from '../engine';
import { countFindings, makeFinding, sortFindings, type Finding, type Locale, type Severity } from '../finding';
import type { Criterion, ScoringTable } from '../model';
import type { GeneratedSheet, WritePlan } from '../plan';
import type { TieRule } from '../rank';
import { sameScore } from '../scores';
import { cellAt, cellText, type WorkbookSnapshot } from '../snapshot';
import { cleanText, foldText, lowerVi, unitKey } from '../text';
import { computeTable, tableView } from '../totals';
import {
  adjustmentOf,
  isProblem,
  rowText,
  scoreOf,
  signatureKeyOf,
  signatureOf,
  type FormData,
  type SeriesScores,
  type SignatureEntry,
} from './forms';
import { readForm } from './forms';
import {
  CONSOLIDATION,
  SHEET_NAMES,
  checksSheet,
  consolidationLayout,
  consolidationMerges,
  consolidationSheet,
  consolidationTitle,
  differencesSheet,
  setCell,
  sheetToSnapshot,
  shortList,
  type Difference,
  type DifferenceUnit,
  type FileCheck,
  type FileFinding,
  type ScoreChoice,
  type UnitColumn,
} from './sheets';

export type { Difference, FileFinding, ScoreChoice } from './sheets';
export { CONSOLIDATION, DIFFERENCES_HEADER_ROW, CHECKS_HEADER_ROW } from './sheets';
export { unitNameFromFile } from './forms';

/** A workbook read from a file. */
export interface FormInput {
  file: string;
  workbook: WorkbookSnapshot;
}

/** A file the host could not read: it is reported and left out, the batch goes on. */
export interface UnreadableInput {
  file: string;
  error: { reason: string; message: Record<Locale, string> };
}

export type ConsolidateInput = FormInput | UnreadableInput;

export interface ConsolidateOptions {
  /** 'appraised' (default): appraised scores where the unit's appraised column is filled, else self. */
  score?: ScoreChoice;
  /** The year to consolidate; default: the most common year of the forms. */
  year?: number;
  /** Include forms of another criteria set or year, their gaps left empty and reported. */
  force?: boolean;
  /** The official blank form: its criteria set is the one consolidated. */
  reference?: WorkbookSnapshot;
  ties?: TieRule;
  locale?: Locale;
  /**
   * The workbook the plan will be written into (the pane writes into the open workbook): its sheet
   * names and the ones this tool generated. The sheets are then planned under the names they will
   * get, so the ranking cites and links the consolidation it was made from whatever name that
   * took; a consolidation that had to become "… (2)" gets "Xếp hạng 2025 (2)" and so on, never
   * replacing the result sheets of another consolidation.
   */
  target?: { sheetNames: readonly string[]; owned: readonly string[] };
  /**
   * Unit names in the order the official tables list them (last year's consolidation, say); by
   * default the units of `reference` when it is a consolidation. Units not in it follow.
   */
  order?: readonly string[];
}

export type ExclusionReason = 'unreadable' | 'no-scorecard' | 'no-scores' | 'other-year' | 'other-criteria' | 'duplicate-unit';

export interface ExcludedForm {
  file: string;
  unit: string | null;
  reason: ExclusionReason;
  message: Record<Locale, string>;
}

export interface ConsolidatedUnit {
  unit: string;
  file: string;
  /** Column letter in the consolidation sheet. */
  column: string;
  score: ScoreChoice;
  total: Decimal;
  rank: number | null;
  of: number | null;
  selfTotal: Decimal | null;
  appraisedTotal: Decimal | null;
  /** Leaves where the appraised score differs from the self-assessed one. */
  differences: number;
}

export interface ConsolidationResult {
  plan: WritePlan;
  year: number | null;
  units: ConsolidatedUnit[];
  excluded: ExcludedForm[];
  /** Every file's findings (its own validation and the consolidation's), file by file. */
  findings: FileFinding[];
  differences: Difference[];
  /** Names the sheets were planned under (the host may adjust them). */
  sheets: { consolidation: string; ranking: string; differences: string; checks: string };
  /** Merged header cells per sheet: the plan type has no merges; hosts that can merge apply these. */
  merges: { sheet: string; ranges: string[] }[];
  /** The engine's analysis of the consolidation grid (null when no form was consolidated). */
  analysis: Analysis | null;
}

interface Entry {
  file: string;
  unit: string | null;
  own: Finding[];
  extra: Finding[];
  /** The form as read (kept when it is left out, for its totals). */
  data?: FormData;
  /** The form while it is still included. */
  form?: FormData;
  excluded?: ExcludedForm;
  forcedYear?: boolean;
  forcedCriteria?: boolean;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

// Officials' tables list the city (or town, urban district) before the rural districts, and wards
// and townships before communes; within a kind, alphabetically.
const KIND_ORDER: readonly string[] = ['thành phố', 'thị xã', 'quận', 'huyện', 'phường', 'thị trấn', 'xã', 'đặc khu'];
const kindRank = (name: string): number => {
  const lower = lowerVi(name);
  const i = KIND_ORDER.findIndex((k) => lower === k || lower.startsWith(k + ' '));
  return i < 0 ? KIND_ORDER.length : i;
};

/**
 * How the consolidation orders its units: as in `order` (names matched as the comparison matches
 * them: "H. Đắk Mil" is "Huyện Đắk Mil"), units not in it after; otherwise by kind, then name.
 */
function unitOrder(order: readonly string[] | undefined): (a: string, b: string) => number {
  const position = new Map<string, number>();
  order?.forEach((name, i) => position.has(unitKey(name)) || position.set(unitKey(name), i));
  const pos = (name: string) => position.get(unitKey(name)) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => pos(a) - pos(b) || kindRank(a) - kindRank(b) || collator.compare(a, b);
}

function mostCommon<T>(values: T[], better: (a: T, b: T) => boolean = () => false): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount || (n === bestCount && best !== undefined && better(v, best))) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/**
 * What differs between a form's criteria and the shared set, in words an official reads: counts,
 * with the codes named only when there are a few (a list of twenty codes helps nobody decide).
 */
function criteriaDifference(form: SignatureEntry[], main: SignatureEntry[], locale: Locale): string {
  const f = new Map(form.map((e) => [e.key, e]));
  const m = new Map(main.map((e) => [e.key, e]));
  const vi = locale === 'vi';
  const counted = (keys: string[], viWhat: string, enWhat: string) => {
    const named = keys.length <= 3 ? ` (${keys.join(', ')})` : '';
    return vi ? `${viWhat.replace('{n}', String(keys.length))}${named}` : `${enWhat.replace('{n}', String(keys.length))}${named}`;
  };
  const parts: string[] = [];
  const missing = main.filter((e) => !f.has(e.key)).map((e) => e.key);
  const added = form.filter((e) => !m.has(e.key)).map((e) => e.key);
  const retitled = main.filter((e) => f.has(e.key) && f.get(e.key)!.folded !== e.folded).map((e) => e.key);
  const maxChanged = main.filter((e) => f.has(e.key) && f.get(e.key)!.max !== e.max).map((e) => e.key);
  if (missing.length) parts.push(counted(missing, 'thiếu {n} tiêu chí', '{n} criteria missing'));
  if (added.length) parts.push(counted(added, 'thừa {n} tiêu chí', '{n} extra criteria'));
  // Titles and maxima of another set differ too; they are worth saying only when the codes agree.
  if (parts.length === 0 && retitled.length) parts.push(counted(retitled, '{n} tiêu chí có tên khác', '{n} criteria titled differently'));
  if (parts.length === 0 && maxChanged.length)
    parts.push(counted(maxChanged, '{n} tiêu chí có điểm tối đa khác', '{n} criteria with another maximum'));
  if (parts.length === 0) parts.push(vi ? 'thứ tự tiêu chí khác' : 'criteria in another order');
  return parts.join(', ');
}

function bilingual(build: (locale: Locale) => string): Record<Locale, string> {
  return { vi: build('vi'), en: build('en') };
}

/**
 * The engine's reading of the grid we built. Detection goes by the forms' header vocabulary, so a
 * unit whose name happens to read like a header ("… Thẩm Định", a file name "Tự đánh giá …")
 * could be taken for a score column of a scorecard: the unit columns are then set as we laid them
 * out, and totals are computed by the same engine functions.
 */
function recognised(
  analysis: Analysis,
  workbook: WorkbookSnapshot,
  units: number,
  layout: ReturnType<typeof consolidationLayout>,
): Analysis {
  const sheet = workbook.sheets[0];
  const found = analysis.tables.find((t) => t.sheet === sheet.name && t.criteria.length > 0);
  if (!found) throw new Error('Internal error: the consolidation grid was not recognised.');
  const expected = Array.from({ length: units }, (_, i) => layout.unitCol(i));
  const ok =
    found.layout === 'consolidated' &&
    found.series.length === units &&
    found.series.every((s, i) => s.index === expected[i]) &&
    found.totalIndex === layout.totalRow &&
    found.rankIndex === layout.rankRow;
  if (ok && analysis.tables.length === 1) return analysis;
  const table: ScoringTable = {
    ...found,
    layout: 'consolidated',
    evidenceCol: 0,
    noteCol: 0,
    totalIndex: layout.totalRow,
    rankIndex: layout.rankRow,
    series: expected.map((col) => ({
      name: cleanText(cellText(cellAt(sheet, CONSOLIDATION.unitRow, col))),
      role: 'unit',
      index: col,
      headerCell: `${columnLetter(col)}${CONSOLIDATION.unitRow}`,
    })),
  };
  return { ...analysis, tables: [table], results: [computeTable(tableView(workbook, sheet, table))] };
}

/** Build the consolidation. Pure: no file system, no ExcelJS. */
/**
 * The names one consolidation's sheets will get in the target workbook: the consolidation's as
 * the host would decide it (resolveSheetName), and each result sheet with the same " (n)" suffix,
 * so the set made from one table stays together. Without a target (a new workbook) the names are
 * the desired ones.
 */
function sheetPlacer(target: ConsolidateOptions['target'], consolidation: string) {
  const decide = (desired: string) => (target ? resolveSheetName(desired, target.sheetNames, target.owned).name : desired);
  const placed = decide(consolidation);
  const suffix = placed !== consolidation ? (/ \(\d+\)$/.exec(placed)?.[0] ?? '') : '';
  return { consolidation: placed, resultSheet: (desired: string) => decide(desired + suffix) };
}

export function consolidate(inputs: ConsolidateInput[], options: ConsolidateOptions = {}): ConsolidationResult {
  const locale = options.locale ?? 'vi';
  const ties = options.ties ?? 'competition';
  // 1. Read every form.
  const entries = inputs.map((input, order) => readEntry(input, order));
  // 2. The year: given, or the most common one (the latest on a tie).
  const year =
    options.year ??
    mostCommon(
      entries.flatMap((e) => (e.form?.year ? [e.form.year] : [])),
      (a, b) => a > b,
    ) ??
    null;
  checkYears(entries, year, !!options.force);
  // 3. The criteria set: the official form's, or the one most forms of the year share.
  const referenceTable = options.reference ? detectWorkbook(options.reference).tables.find((t) => t.layout !== 'summary') : undefined;
  const template = referenceTable ?? commonTemplate(entries);
  checkCriteria(entries, template, !!options.force);
  // 4. One form per unit: a second form of the same unit is left out.
  leaveOutDuplicates(entries);
  // 5. The units in the order of the official tables (see unitOrder).
  const referenceUnits = referenceTable?.layout === 'consolidated' ? referenceTable.series.map((x) => x.name) : undefined;
  const byOrder = unitOrder(options.order ?? referenceUnits);
  const included = entries
    .filter((e) => e.form)
    .sort((a, b) => byOrder(a.form!.unit, b.form!.unit) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const names = SHEET_NAMES[locale];
  const place = sheetPlacer(options.target, `${names.consolidation}${year ? ` ${year}` : ''}`);
  const sheetsPlanned = {
    consolidation: place.consolidation,
    ranking: place.resultSheet(`${locale === 'vi' ? 'Xếp hạng' : 'Ranking'}${year ? ` ${year}` : ''}`),
    differences: place.resultSheet(names.differences),
    checks: place.resultSheet(names.checks),
  };
  const criteria = template ? uniqueCriteria(template) : [];
  const adjusted = (kind: 'bonus' | 'penalty') =>
    !!template?.adjustments.some((a) => a.kind === kind) || included.some((e) => e.form!.table.adjustments.some((a) => a.kind === kind));
  const layout = consolidationLayout(criteria, included.length, adjusted('bonus'), adjusted('penalty'));
  // 6. Per unit: the score series used and its values per leaf.
  const perUnit = unitColumns(included, criteria, layout, sheetsPlanned.consolidation, options.score ?? 'appraised');
  // 7. The consolidation grid, analysed and planned by the engine like any consolidation.
  const built =
    included.length > 0 && template
      ? buildConsolidation(included, criteria, layout, perUnit, {
          year,
          ties,
          locale,
          sheets: sheetsPlanned,
          choiceWanted: options.score ?? 'appraised',
        })
      : null;
  const plan: WritePlan = { cellWrites: [], sheets: built?.sheets ?? [], conditionalFormats: [] };
  const units = built?.units ?? [];
  // 8. Findings, file by file, and the check sheet.
  const { findings, checks } = fileFindings(entries, units, locale);
  plan.sheets.push(checksSheet(sheetsPlanned.checks, year, checks, findings, locale));
  return {
    plan,
    year,
    units,
    excluded: entries.filter((e) => e.excluded).map((e) => e.excluded!),
    findings,
    differences: perUnit.differences,
    sheets: sheetsPlanned,
    merges: built?.merges ?? [],
    analysis: built?.analysis ?? null,
  };
}

function exclude(e: Entry, reason: ExclusionReason, finding: Finding): void {
  e.extra.push(finding);
  e.excluded = { file: e.file, unit: e.unit, reason, message: finding.message };
  e.form = undefined;
}

/** One input read as a form, or left out with the reason (unreadable, no scorecard, no scores). */
function readEntry(input: ConsolidateInput, order: number): Entry {
  const e: Entry = { file: input.file, unit: null, own: [], extra: [] };
  if ('error' in input) {
    const make = (l: Locale) =>
      makeFinding('consolidate/unreadable', 'error', { sheet: '', cell: '' }, { file: input.file, detail: input.error.message[l] });
    const f = make('vi');
    // The host's reason in each language.
    f.message = bilingual((l) => make(l).message[l]);
    exclude(e, 'unreadable', f);
    return e;
  }
  const read = readForm(input.file, order, input.workbook);
  e.own = read.analysis.findings;
  if (isProblem(read)) {
    if (read.kind === 'no-scorecard') {
      const first = input.workbook.sheets[0]?.name ?? '';
      exclude(e, 'no-scorecard', makeFinding('consolidate/no-scorecard', 'error', { sheet: first, cell: '' }, { file: input.file }));
    } else {
      e.unit = read.table.unitName;
      exclude(e, 'no-scores', makeFinding('consolidate/no-scores', 'error', { sheet: read.table.sheet, cell: '' }, { file: input.file }));
    }
    return e;
  }
  e.unit = read.unit;
  e.form = read;
  e.data = read;
  if (read.unitFromFile)
    e.extra.push(makeFinding('consolidate/unit-from-file', 'warning', { sheet: read.table.sheet, cell: 'A1', unit: read.unit }));
  if (read.scoredTables > 1)
    e.extra.push(
      makeFinding(
        'consolidate/several-tables',
        'warning',
        { sheet: read.table.sheet, cell: '' },
        { count: read.scoredTables, sheet: read.table.sheet },
      ),
    );
  return e;
}

/** A form of another year is left out, or kept with a warning when forced. */
function checkYears(entries: Entry[], year: number | null, force: boolean): void {
  for (const e of entries) {
    const f = e.form;
    if (!f || year === null || f.year === null || f.year === year) continue;
    const where = { sheet: f.table.sheet, cell: f.table.headerRows.length ? `A${f.table.headerRows[0]}` : '', unit: f.unit };
    if (force) {
      e.forcedYear = true;
      e.extra.push(makeFinding('consolidate/other-year', 'warning', where, { formYear: f.year, year, forced: 1 }));
    } else exclude(e, 'other-year', makeFinding('consolidate/other-year', 'error', where, { formYear: f.year, year }));
  }
}

/** The criteria set most forms of the year share (the first met on a tie). */
function commonTemplate(entries: Entry[]): ScoringTable | undefined {
  const pool = entries.filter((e) => e.form && !e.forcedYear).map((e) => e.form!);
  const candidates = pool.length > 0 ? pool : entries.filter((e) => e.form).map((e) => e.form!);
  const firstOf = new Map<string, number>();
  candidates.forEach((f) => firstOf.has(f.signatureKey) || firstOf.set(f.signatureKey, f.order));
  const key = mostCommon(
    candidates.map((f) => f.signatureKey),
    (a, b) => firstOf.get(a)! < firstOf.get(b)!,
  );
  return candidates.find((f) => f.signatureKey === key)?.table;
}

/** A form with other criteria is left out, or kept with a warning when forced. */
function checkCriteria(entries: Entry[], template: ScoringTable | undefined, force: boolean): void {
  const mainSignature = template ? signatureOf(template) : [];
  const mainKey = signatureKeyOf(mainSignature);
  for (const e of entries) {
    const f = e.form;
    if (!f || f.signatureKey === mainKey) continue;
    const detail = bilingual((l) => criteriaDifference(f.signature, mainSignature, l));
    const where = { sheet: f.table.sheet, cell: '', unit: f.unit };
    const build = (severity: Severity, forced: boolean) => {
      const finding = makeFinding('consolidate/other-criteria', severity, where, {
        detail: detail.vi,
        ...(forced ? { forced: 1 as const } : {}),
      });
      finding.message.en = makeFinding('consolidate/other-criteria', severity, where, {
        detail: detail.en,
        ...(forced ? { forced: 1 as const } : {}),
      }).message.en;
      return finding;
    };
    if (force) {
      e.forcedCriteria = true;
      e.extra.push(build('warning', true));
    } else exclude(e, 'other-criteria', build('error', false));
  }
}

function leaveOutDuplicates(entries: Entry[]): void {
  const seen = new Map<string, Entry>();
  for (const e of entries) {
    if (!e.form) continue;
    // Same name, any spelling (case, diacritics, composed or not); "Xã Tân Lập" ≠ "Phường Tân Lập".
    const k = foldText(e.form.unit).replace(/['.]/g, '').replace(/\s+/g, ' ');
    const kept = seen.get(k);
    if (kept) {
      exclude(
        e,
        'duplicate-unit',
        makeFinding(
          'consolidate/duplicate-unit',
          'error',
          { sheet: e.form.table.sheet, cell: 'A1', unit: e.form.unit },
          { kept: kept.file },
        ),
      );
    } else seen.set(k, e);
  }
}

function uniqueCriteria(template: ScoringTable): Criterion[] {
  const keys = new Set<string>();
  return template.criteria.filter((c) => (keys.has(c.key) ? false : (keys.add(c.key), true)));
}

type Layout = ReturnType<typeof consolidationLayout>;

interface UnitColumns {
  columns: UnitColumn[];
  differences: Difference[];
  diffUnits: DifferenceUnit[];
}

/** Each included unit's column (the series used, its leaf values) and its appraisal differences. */
function unitColumns(
  included: Entry[],
  criteria: Criterion[],
  layout: Layout,
  consolidationName: string,
  choiceWanted: ScoreChoice,
): UnitColumns {
  const leaves = criteria.filter((c) => c.childKeys.length === 0);
  const out: UnitColumns = { columns: [], differences: [], diffUnits: [] };
  included.forEach((e, i) => {
    const f = e.form!;
    const col = layout.unitCol(i);
    let choice: ScoreChoice;
    if (choiceWanted === 'self') choice = f.self?.filled ? 'self' : 'appraised';
    else choice = f.appraised?.filled ? 'appraised' : 'self';
    const series: SeriesScores = (choice === 'appraised' ? f.appraised : f.self)!;
    if (choiceWanted === 'appraised' && choice === 'self')
      e.extra.push(
        makeFinding('consolidate/self-used', 'info', { sheet: f.table.sheet, cell: f.appraised?.series.headerCell ?? '', unit: f.unit }),
      );
    const values = leafValues(e, leaves, series, choice, { sheet: consolidationName, col, rows: layout.rows });
    out.columns.push({
      unit: f.unit,
      choice,
      leaves: values,
      bonus: adjustmentOf(f, series, 'bonus'),
      penalty: adjustmentOf(f, series, 'penalty'),
    });
    // Appraisal differences: every leaf where the two series disagree.
    if (!f.self || !f.appraised || !f.appraised.filled) {
      out.diffUnits.push({ unit: f.unit, status: 'not-appraised' });
      return;
    }
    const found = appraisalDifferences(f, leaves);
    out.differences.push(...found);
    out.diffUnits.push({ unit: f.unit, status: found.length > 0 ? 'differences' : 'none' });
  });
  return out;
}

/** The unit's value per leaf; a leaf its form lacks and an appraisal left incomplete are reported on the entry. */
function leafValues(
  e: Entry,
  leaves: Criterion[],
  series: SeriesScores,
  choice: ScoreChoice,
  at: { sheet: string; col: number; rows: Layout['rows'] },
): Map<string, Decimal | null> {
  const f = e.form!;
  const values = new Map<string, Decimal | null>();
  const noAppraisal: string[] = [];
  for (const c of leaves) {
    const v = scoreOf(f, series, c.key);
    values.set(c.key, v);
    if (!f.table.criteria.some((x) => x.key === c.key)) {
      e.extra.push(
        makeFinding('consolidate/criterion-missing', 'warning', {
          sheet: at.sheet,
          cell: `${columnLetter(at.col)}${at.rows.get(c.key)}`,
          criterion: c.key,
          unit: f.unit,
        }),
      );
    } else if (choice === 'appraised' && v === null && f.self && scoreOf(f, f.self, c.key) !== null) noAppraisal.push(c.key);
  }
  if (noAppraisal.length > 0) {
    const first = f.table.criteria.find((x) => x.key === noAppraisal[0])!;
    const where = { sheet: f.table.sheet, cell: `${columnLetter(series.series.index)}${first.row}`, unit: f.unit };
    e.extra.push(
      makeFinding('consolidate/appraisal-incomplete', 'warning', where, { count: noAppraisal.length, detail: shortList(noAppraisal) }),
    );
  }
  return values;
}

function appraisalDifferences(f: FormData, leaves: Criterion[]): Difference[] {
  const out: Difference[] = [];
  for (const c of leaves) {
    const own = f.table.criteria.find((x) => x.key === c.key);
    if (!own) continue;
    const s = scoreOf(f, f.self!, c.key);
    const a = scoreOf(f, f.appraised!, c.key);
    const same = s === null || a === null ? s === a : sameScore(s, a);
    if (same) continue;
    out.push({
      unit: f.unit,
      file: f.file,
      key: c.key,
      code: own.rawCode || c.key,
      title: own.title,
      max: own.max,
      self: s,
      appraised: a,
      evidence: rowText(f, c.key, 'evidence'),
      note: rowText(f, c.key, 'note'),
    });
  }
  return out;
}

interface BuildOptions {
  year: number | null;
  ties: TieRule;
  locale: Locale;
  sheets: ConsolidationResult['sheets'];
  choiceWanted: ScoreChoice;
}

/** The consolidation sheet, analysed and planned like any consolidation, its ranking and differences sheets, and the units' results. */
function buildConsolidation(included: Entry[], criteria: Criterion[], layout: Layout, perUnit: UnitColumns, o: BuildOptions) {
  const unitNames = included.map((e) => e.form!.unit);
  const subtitle =
    o.choiceWanted === 'self'
      ? `Tổng hợp từ ${included.length} phiếu tự đánh giá; điểm tự đánh giá (dòng ${CONSOLIDATION.choiceRow}).`
      : `Tổng hợp từ ${included.length} phiếu tự đánh giá; điểm thẩm định nếu đã có, nếu không thì điểm tự đánh giá (dòng ${CONSOLIDATION.choiceRow}).`;
  const sheet = consolidationSheet(
    o.sheets.consolidation,
    criteria,
    perUnit.columns,
    layout,
    consolidationTitle(o.year, unitNames),
    subtitle,
  );
  const sheetMerges = consolidationMerges(layout);
  const snapshot: WorkbookSnapshot = { sheets: [sheetToSnapshot(sheet, sheetMerges)] };
  const analysis = recognised(analyzeWorkbook(snapshot), snapshot, included.length, layout);
  const computed = planCompute(snapshot, analysis, { ties: o.ties, locale: o.locale });
  for (const w of computed.plan.cellWrites) setCell(sheet, w.address, w.content);
  const sheets: GeneratedSheet[] = [sheet];
  const ranking = computed.plan.sheets.find((s) => s.purpose === 'ranking');
  if (ranking) {
    ranking.name = o.sheets.ranking;
    sheets.push(ranking);
  }
  const ranked = rankTable(analysis.results[0], o.ties);
  const units: ConsolidatedUnit[] = included.map((e, i) => {
    const f = e.form!;
    const col = layout.unitCol(i);
    const r = ranked.find((x) => x.result.series.index === col)!;
    return {
      unit: f.unit,
      file: f.file,
      column: columnLetter(col),
      score: perUnit.columns[i].choice,
      total: r.result.total,
      rank: r.rank,
      of: r.of,
      selfTotal: f.self?.filled ? f.self.result.total : null,
      appraisedTotal: f.appraised?.filled ? f.appraised.result.total : null,
      differences: perUnit.differences.filter((d) => d.file === f.file).length,
    };
  });
  sheets.push(differencesSheet(o.sheets.differences, o.year, perUnit.diffUnits, perUnit.differences, o.locale));
  return { sheets, units, analysis, merges: [{ sheet: o.sheets.consolidation, ranges: sheetMerges }] as ConsolidationResult['merges'] };
}

/**
 * Findings, file by file: the consolidation's first, then the form's own — but a form left out
 * shows only why: its evidence warnings and the like concern a file that was not used.
 */
function fileFindings(entries: Entry[], units: ConsolidatedUnit[], locale: Locale): { findings: FileFinding[]; checks: FileCheck[] } {
  const findings: FileFinding[] = [];
  const checks: FileCheck[] = [];
  for (const e of entries) {
    const all = e.excluded ? sortFindings(e.extra) : [...sortFindings(e.extra), ...e.own];
    for (const finding of all) findings.push({ file: e.file, unit: e.unit, finding });
    const u = units.find((x) => x.file === e.file && !e.excluded);
    checks.push({
      file: e.file,
      unit: e.unit,
      column: u?.column ?? null,
      choice: u?.score ?? null,
      selfTotal: e.data?.self?.filled ? e.data.self.result.total : null,
      appraisedTotal: e.data?.appraised?.filled ? e.data.appraised.result.total : null,
      excluded: e.excluded ? e.excluded.message[locale] : null,
      counts: countFindings(all),
    });
  }
  return { findings, checks };
}
