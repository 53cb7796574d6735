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
import type { WritePlan } from '../plan';
import type { TieRule } from '../rank';
import { sameScore } from '../scores';
import { cellAt, cellText, type WorkbookSnapshot } from '../snapshot';
import { cleanText, foldText, lowerVi, unitKey } from '../text';
import { computeTable } from '../totals';
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
  if (parts.length === 0 && maxChanged.length) parts.push(counted(maxChanged, '{n} tiêu chí có điểm tối đa khác', '{n} criteria with another maximum'));
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
function recognised(analysis: Analysis, workbook: WorkbookSnapshot, units: number, layout: ReturnType<typeof consolidationLayout>): Analysis {
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
  return { ...analysis, tables: [table], results: [computeTable(table, sheet)] };
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
  const choiceWanted: ScoreChoice = options.score ?? 'appraised';
  const ties = options.ties ?? 'competition';
  const entries: Entry[] = [];

  const exclude = (e: Entry, reason: ExclusionReason, finding: Finding) => {
    e.extra.push(finding);
    e.excluded = { file: e.file, unit: e.unit, reason, message: finding.message };
    e.form = undefined;
  };

  // 1. Read every form.
  inputs.forEach((input, order) => {
    const e: Entry = { file: input.file, unit: null, own: [], extra: [] };
    entries.push(e);
    if ('error' in input) {
      const make = (l: Locale) => makeFinding('consolidate/unreadable', 'error', { sheet: '', cell: '' }, { file: input.file, detail: input.error.message[l] });
      const f = make('vi');
      // The host's reason in each language.
      f.message = bilingual((l) => make(l).message[l]);
      exclude(e, 'unreadable', f);
      return;
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
      return;
    }
    e.unit = read.unit;
    e.form = read;
    e.data = read;
    if (read.unitFromFile) e.extra.push(makeFinding('consolidate/unit-from-file', 'warning', { sheet: read.table.sheet, cell: 'A1', unit: read.unit }));
    if (read.scoredTables > 1)
      e.extra.push(makeFinding('consolidate/several-tables', 'warning', { sheet: read.table.sheet, cell: '' }, { count: read.scoredTables, sheet: read.table.sheet }));
  });

  // 2. The year: given, or the most common one (the latest on a tie).
  const years = entries.flatMap((e) => (e.form?.year ? [e.form.year] : []));
  const year = options.year ?? mostCommon(years, (a, b) => a > b) ?? null;
  for (const e of entries) {
    const f = e.form;
    if (!f || year === null || f.year === null || f.year === year) continue;
    const where = { sheet: f.table.sheet, cell: f.table.headerRows.length ? `A${f.table.headerRows[0]}` : '', unit: f.unit };
    if (options.force) {
      e.forcedYear = true;
      e.extra.push(makeFinding('consolidate/other-year', 'warning', where, { formYear: f.year, year, forced: 1 }));
    } else exclude(e, 'other-year', makeFinding('consolidate/other-year', 'error', where, { formYear: f.year, year }));
  }

  // 3. The criteria set: the official form's, or the one most forms of the year share.
  const referenceTable = options.reference ? detectWorkbook(options.reference).tables.find((t) => t.layout !== 'summary') : undefined;
  let template: ScoringTable | undefined = referenceTable;
  if (!template) {
    const pool = entries.filter((e) => e.form && !e.forcedYear).map((e) => e.form!);
    const candidates = pool.length > 0 ? pool : entries.filter((e) => e.form).map((e) => e.form!);
    const firstOf = new Map<string, number>();
    candidates.forEach((f) => firstOf.has(f.signatureKey) || firstOf.set(f.signatureKey, f.order));
    const key = mostCommon(
      candidates.map((f) => f.signatureKey),
      (a, b) => firstOf.get(a)! < firstOf.get(b)!,
    );
    template = candidates.find((f) => f.signatureKey === key)?.table;
  }
  const mainSignature = template ? signatureOf(template) : [];
  const mainKey = signatureKeyOf(mainSignature);
  for (const e of entries) {
    const f = e.form;
    if (!f || f.signatureKey === mainKey) continue;
    const detail = bilingual((l) => criteriaDifference(f.signature, mainSignature, l));
    const where = { sheet: f.table.sheet, cell: '', unit: f.unit };
    const build = (severity: Severity, forced: boolean) => {
      const finding = makeFinding('consolidate/other-criteria', severity, where, { detail: detail.vi, ...(forced ? { forced: 1 } : {}) });
      finding.message.en = makeFinding('consolidate/other-criteria', severity, where, { detail: detail.en, ...(forced ? { forced: 1 } : {}) }).message.en;
      return finding;
    };
    if (options.force) {
      e.forcedCriteria = true;
      e.extra.push(build('warning', true));
    } else exclude(e, 'other-criteria', build('error', false));
  }

  // 4. One form per unit: a second form of the same unit is left out.
  const seen = new Map<string, Entry>();
  for (const e of entries) {
    if (!e.form) continue;
    // Same name, any spelling (case, diacritics, composed or not); "Xã Tân Lập" ≠ "Phường Tân Lập".
    const k = foldText(e.form.unit).replace(/['.]/g, '').replace(/\s+/g, ' ');
    const kept = seen.get(k);
    if (kept) {
      exclude(e, 'duplicate-unit', makeFinding('consolidate/duplicate-unit', 'error', { sheet: e.form.table.sheet, cell: 'A1', unit: e.form.unit }, { kept: kept.file }));
    } else seen.set(k, e);
  }

  // 5. The units in the order of the official tables (see unitOrder).
  const referenceUnits = referenceTable?.layout === 'consolidated' ? referenceTable.series.map((x) => x.name) : undefined;
  const byOrder = unitOrder(options.order ?? referenceUnits);
  const included = entries
    .filter((e) => e.form)
    .sort((a, b) => byOrder(a.form!.unit, b.form!.unit) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const names = SHEET_NAMES[locale];
  const place = sheetPlacer(options.target, `${names.consolidation}${year ? ` ${year}` : ''}`);
  const consolidationName = place.consolidation;
  const sheetsPlanned = {
    consolidation: consolidationName,
    ranking: place.resultSheet(`${locale === 'vi' ? 'Xếp hạng' : 'Ranking'}${year ? ` ${year}` : ''}`),
    differences: place.resultSheet(names.differences),
    checks: place.resultSheet(names.checks),
  };

  const criteria: Criterion[] = [];
  if (template) {
    const keys = new Set<string>();
    for (const c of template.criteria) {
      if (keys.has(c.key)) continue;
      keys.add(c.key);
      criteria.push(c);
    }
  }
  const leaves = criteria.filter((c) => c.childKeys.length === 0);
  const hasBonus = !!template?.adjustments.some((a) => a.kind === 'bonus') || included.some((e) => e.form!.table.adjustments.some((a) => a.kind === 'bonus'));
  const hasPenalty = !!template?.adjustments.some((a) => a.kind === 'penalty') || included.some((e) => e.form!.table.adjustments.some((a) => a.kind === 'penalty'));
  const layout = consolidationLayout(criteria, included.length, hasBonus, hasPenalty);

  // 6. Per unit: the score series used and its values per leaf.
  const columns: UnitColumn[] = [];
  const differences: Difference[] = [];
  const diffUnits: DifferenceUnit[] = [];
  included.forEach((e, i) => {
    const f = e.form!;
    const col = layout.unitCol(i);
    const appraisedFilled = !!f.appraised?.filled;
    let choice: ScoreChoice;
    if (choiceWanted === 'self') choice = f.self?.filled ? 'self' : 'appraised';
    else choice = appraisedFilled ? 'appraised' : 'self';
    const series: SeriesScores = (choice === 'appraised' ? f.appraised : f.self)!;
    if (choiceWanted === 'appraised' && choice === 'self')
      e.extra.push(makeFinding('consolidate/self-used', 'info', { sheet: f.table.sheet, cell: f.appraised?.series.headerCell ?? '', unit: f.unit }));

    const values = new Map<string, Decimal | null>();
    const noAppraisal: string[] = [];
    for (const c of leaves) {
      const v = scoreOf(f, series, c.key);
      values.set(c.key, v);
      if (!f.table.criteria.some((x) => x.key === c.key)) {
        e.extra.push(
          makeFinding('consolidate/criterion-missing', 'warning', { sheet: consolidationName, cell: `${columnLetter(col)}${layout.rows.get(c.key)}`, criterion: c.key, unit: f.unit }),
        );
      } else if (choice === 'appraised' && v === null && f.self && scoreOf(f, f.self, c.key) !== null) noAppraisal.push(c.key);
    }
    if (noAppraisal.length > 0) {
      const first = f.table.criteria.find((x) => x.key === noAppraisal[0])!;
      e.extra.push(
        makeFinding(
          'consolidate/appraisal-incomplete',
          'warning',
          { sheet: f.table.sheet, cell: `${columnLetter(series.series.index)}${first.row}`, unit: f.unit },
          { count: noAppraisal.length, detail: shortList(noAppraisal) },
        ),
      );
    }
    columns.push({ unit: f.unit, choice, leaves: values, bonus: adjustmentOf(f, series, 'bonus'), penalty: adjustmentOf(f, series, 'penalty') });

    // Appraisal differences: every leaf where the two series disagree.
    if (!f.self || !f.appraised || !appraisedFilled) {
      diffUnits.push({ unit: f.unit, status: 'not-appraised' });
      return;
    }
    let n = 0;
    for (const c of leaves) {
      const own = f.table.criteria.find((x) => x.key === c.key);
      if (!own) continue;
      const s = scoreOf(f, f.self, c.key);
      const a = scoreOf(f, f.appraised, c.key);
      const same = s === null || a === null ? s === a : sameScore(s, a);
      if (same) continue;
      n++;
      differences.push({
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
    diffUnits.push({ unit: f.unit, status: n > 0 ? 'differences' : 'none' });
  });

  // 7. The consolidation grid, analysed and planned by the engine like any consolidation.
  const plan: WritePlan = { cellWrites: [], sheets: [], conditionalFormats: [] };
  const merges: ConsolidationResult['merges'] = [];
  const units: ConsolidatedUnit[] = [];
  let analysis: Analysis | null = null;
  if (included.length > 0 && template) {
    const unitNames = included.map((e) => e.form!.unit);
    const subtitle =
      choiceWanted === 'self'
        ? `Tổng hợp từ ${included.length} phiếu tự đánh giá; điểm tự đánh giá (dòng ${CONSOLIDATION.choiceRow}).`
        : `Tổng hợp từ ${included.length} phiếu tự đánh giá; điểm thẩm định nếu đã có, nếu không thì điểm tự đánh giá (dòng ${CONSOLIDATION.choiceRow}).`;
    const sheet = consolidationSheet(consolidationName, criteria, columns, layout, consolidationTitle(year, unitNames), subtitle);
    const sheetMerges = consolidationMerges(layout);
    const snapshot: WorkbookSnapshot = { sheets: [sheetToSnapshot(sheet, sheetMerges)] };
    analysis = recognised(analyzeWorkbook(snapshot), snapshot, included.length, layout);
    const result = analysis.results[0];
    const computed = planCompute(snapshot, analysis, { ties, locale });
    for (const w of computed.plan.cellWrites) setCell(sheet, w.address, w.content);
    const ranking = computed.plan.sheets.find((s) => s.purpose === 'ranking');
    plan.sheets.push(sheet);
    if (ranking) {
      ranking.name = sheetsPlanned.ranking;
      plan.sheets.push(ranking);
    }
    merges.push({ sheet: consolidationName, ranges: sheetMerges });

    const ranked = rankTable(result, ties);
    included.forEach((e, i) => {
      const f = e.form!;
      const col = layout.unitCol(i);
      const r = ranked.find((x) => x.result.series.index === col)!;
      units.push({
        unit: f.unit,
        file: f.file,
        column: columnLetter(col),
        score: columns[i].choice,
        total: r.result.total,
        rank: r.rank,
        of: r.of,
        selfTotal: f.self?.filled ? f.self.result.total : null,
        appraisedTotal: f.appraised?.filled ? f.appraised.result.total : null,
        differences: differences.filter((d) => d.file === f.file).length,
      });
    });
    plan.sheets.push(differencesSheet(sheetsPlanned.differences, year, diffUnits, differences, locale));
  }

  // 8. Findings, file by file: the consolidation's first, then the form's own — but a form left
  // out shows only why: its evidence warnings and the like concern a file that was not used.
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
  plan.sheets.push(checksSheet(sheetsPlanned.checks, year, checks, findings, locale));

  return {
    plan,
    year,
    units,
    excluded: entries.filter((e) => e.excluded).map((e) => e.excluded!),
    findings,
    differences,
    sheets: sheetsPlanned,
    merges,
    analysis,
  };
}
