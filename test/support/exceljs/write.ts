/**
 * Apply a WritePlan (src/core/plan.ts) to an ExcelJS workbook. Browser-safe (see node.ts for the
 * atomic file write). Guarantees:
 * - every check (sheets exist, none protected, no write into a merged range, valid addresses)
 *   runs before the first change: a refused plan leaves the workbook untouched;
 * - `text` is stored as a literal string (shared string), never as a formula or number;
 * - a generated sheet replaces only a sheet recorded as ours in the state sheet;
 * - highlights on the user's sheets are recorded in the state sheet (`owned-cf`), and a run's
 *   highlights on a sheet replace our earlier highlights on that sheet (never the user's);
 * - internal links are =HYPERLINK("#'Sheet'!A1", …) formulas (ExcelJS writes broken internal
 *   hyperlink objects), post-2007 functions get their `_xlfn.` file prefix.
 */
import ExcelJS from 'exceljs';
import type { CellContent, ConditionalFormatPlan, GeneratedSheet, WritePlan } from '../../../src/core/plan';
import { definedNameReference } from '../../../src/core/plan';
import { a1, parseA1, parseRange } from '../../../src/core/a1';
import { formatNumber } from '../../../src/core/format';
import { resolveSheetName } from '../../../src/core/sheet-names';
import {
  STATE_SHEET_NAME,
  emptyState,
  readState,
  stateRows,
  type OwnedConditionalFormat,
  type WorkbookState,
} from '../../../src/core/state';
import { WorkbookWriteError } from '../../../src/hosts/xlsx/errors';
import { fromFileFormula, internalLinkFormula, toFileFormula, withoutEquals } from '../../../src/hosts/xlsx/formula';
import { loadWorkbook, worksheetToSnapshot, type ReadOptions } from './read';
import { cellStyle, highlightStyle, linkStyle, withNumFmt } from './styles';
import { deflateStoredArchive, type ZipCodec } from '../../../src/hosts/xlsx/zip';

// The result types are the package writer's (the two writers report the same things).
import type { AppliedBuffer, AppliedPlan, AppliedSheet } from '../../../src/hosts/xlsx/types';
export type { AppliedBuffer, AppliedPlan, AppliedSheet };

// ---------------------------------------------------------------------------------------------
// ExcelJS internals that its typings do not declare.

interface CfRule {
  type: string;
  formulae?: string[];
  priority?: number;
  style?: Partial<ExcelJS.Style>;
}
interface CfEntry {
  ref: string;
  rules: CfRule[];
}
type SheetWithInternals = ExcelJS.Worksheet & {
  conditionalFormattings?: CfEntry[];
  orderNo?: number;
  sheetProtection?: { sheet?: boolean } | null;
};

const internals = (ws: ExcelJS.Worksheet) => ws as SheetWithInternals;
const MERGE_TYPE = 1;

// ---------------------------------------------------------------------------------------------

export function isProtected(ws: ExcelJS.Worksheet): boolean {
  const p = internals(ws).sheetProtection;
  return !!(p && p.sheet);
}

/** The state recorded in the workbook's very hidden state sheet (empty when there is none). */
export function readWorkbookState(wb: ExcelJS.Workbook): WorkbookState {
  const ws = wb.getWorksheet(STATE_SHEET_NAME);
  if (!ws) return emptyState();
  return readState({ sheets: [worksheetToSnapshot(ws)] });
}

/** Replace (or create) the very hidden state sheet, keeping its position. */
export function writeWorkbookState(wb: ExcelJS.Workbook, state: WorkbookState): void {
  const old = wb.getWorksheet(STATE_SHEET_NAME);
  const orderNo = old ? internals(old).orderNo : undefined;
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(STATE_SHEET_NAME);
  if (orderNo !== undefined) internals(ws).orderNo = orderNo;
  stateRows(state).forEach(([key, value], i) => {
    ws.getCell(i + 1, 1).value = key;
    ws.getCell(i + 1, 2).value = value;
  });
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 80;
  ws.state = 'veryHidden';
}

function requireSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new WorkbookWriteError('missing-sheet', name);
  return ws;
}

function checkAddress(address: string, sheet: string) {
  try {
    return parseA1(address);
  } catch {
    throw new WorkbookWriteError('invalid-address', `${sheet}!${address}`);
  }
}

function checkRange(range: string, sheet: string) {
  try {
    return parseRange(range);
  } catch {
    throw new WorkbookWriteError('invalid-address', `${sheet}!${range}`);
  }
}

/** Everything that could refuse the plan, checked before any change. */
function validatePlan(wb: ExcelJS.Workbook, plan: WritePlan): void {
  for (const w of plan.cellWrites) {
    const ws = requireSheet(wb, w.sheet);
    if (isProtected(ws)) throw new WorkbookWriteError('protected', ws.name);
    const { row, col } = checkAddress(w.address, w.sheet);
    const cell = ws.findCell(row, col);
    if (cell && (cell.type as number) === MERGE_TYPE) throw new WorkbookWriteError('merged-cell', `${ws.name}!${w.address}`);
  }
  for (const cf of plan.conditionalFormats) {
    const ws = requireSheet(wb, cf.sheet);
    if (isProtected(ws)) throw new WorkbookWriteError('protected', ws.name);
    checkRange(cf.range, cf.sheet);
  }
  for (const dv of plan.dataValidations ?? []) {
    const ws = requireSheet(wb, dv.sheet);
    if (isProtected(ws)) throw new WorkbookWriteError('protected', ws.name);
    checkRange(dv.range, dv.sheet);
  }
  for (const s of plan.sheets) {
    for (const st of s.styles) checkRange(st.range, s.name);
    for (const h of s.hyperlinks) {
      checkAddress(h.address, s.name);
      checkAddress(h.cell, h.sheet);
    }
    for (const cf of s.conditionalFormats) checkRange(cf.range, s.name);
  }
  for (const n of plan.definedNames ?? []) {
    // A plan's names refer to its own generated sheets (core/plan.ts DefinedNamePlan).
    if (!plan.sheets.some((s) => s.name === n.sheet))
      throw new Error(`Defined name ${n.name} refers to ${n.sheet}, not a sheet of the plan`);
    checkRange(n.range, n.sheet);
  }
}

/** ExcelJS's defined names (doc/defined-names.js): cell sets by name, read and written as `model`. */
interface DefinedNamesInternals {
  model: { name: string; ranges: string[] }[];
  add(location: string, name: string): void;
}

/**
 * The plan's defined names over the sheets just generated: an earlier name of the same text
 * (Excel compares names without regard to case) is replaced, the others kept.
 */
function writeDefinedNames(wb: ExcelJS.Workbook, plan: WritePlan, applied: AppliedSheet[]): void {
  const names = plan.definedNames ?? [];
  if (names.length === 0) return;
  const defined = wb.definedNames as unknown as DefinedNamesInternals;
  const ours = new Set(names.map((n) => n.name.toUpperCase()));
  defined.model = defined.model.filter((m) => !ours.has(m.name.toUpperCase()));
  for (const n of names) defined.add(definedNameReference(applied.find((a) => a.desired === n.sheet)!.name, n.range), n.name);
}

/** Write one CellContent into an ExcelJS cell, keeping the cell's formatting. */
export function writeCellContent(cell: ExcelJS.Cell, content: CellContent): { formulaWithoutValue: boolean } {
  switch (content.kind) {
    case 'empty':
      cell.value = null;
      return { formulaWithoutValue: false };
    case 'text':
      // A plain string is stored as a shared string: "=1+1" stays text.
      cell.value = String(content.value);
      return { formulaWithoutValue: false };
    case 'number':
      cell.value = Number.isFinite(content.value) ? content.value : { error: '#NUM!' };
      if (content.numberFormat) cell.style = withNumFmt(cell.style, content.numberFormat);
      return { formulaWithoutValue: false };
    case 'formula': {
      const value: ExcelJS.CellFormulaValue = { formula: toFileFormula(withoutEquals(content.formula)), date1904: false };
      if (content.cached !== undefined) value.result = content.cached;
      cell.value = value;
      if (content.numberFormat) cell.style = withNumFmt(cell.style, content.numberFormat);
      return { formulaWithoutValue: content.cached === undefined };
    }
  }
}

function nextPriority(ws: ExcelJS.Worksheet): number {
  let max = 0;
  for (const cf of internals(ws).conditionalFormattings ?? []) {
    for (const r of cf.rules) if (typeof r.priority === 'number' && r.priority > max) max = r.priority;
  }
  return max + 1;
}

function addHighlight(ws: ExcelJS.Worksheet, cf: ConditionalFormatPlan, priority: number): void {
  ws.addConditionalFormatting({
    ref: cf.range,
    rules: [
      {
        type: 'expression',
        formulae: [toFileFormula(withoutEquals(cf.formula))],
        style: highlightStyle(cf.style),
        priority,
      } as ExcelJS.ConditionalFormattingRule,
    ],
  });
}

const sameCf = (entry: CfEntry, owned: OwnedConditionalFormat) =>
  entry.ref === owned.range &&
  entry.rules.length > 0 &&
  entry.rules.every(
    (r) =>
      r.type === 'expression' && fromFileFormula(withoutEquals(r.formulae?.[0] ?? '')) === fromFileFormula(withoutEquals(owned.formula)),
  );

/** Remove the given highlights of ours from a sheet; returns how many were removed. */
function removeOwnedHighlights(ws: ExcelJS.Worksheet, owned: OwnedConditionalFormat[]): number {
  const list = internals(ws).conditionalFormattings;
  if (!list || owned.length === 0) return 0;
  const kept = list.filter((entry) => !owned.some((o) => sameCf(entry, o)));
  const removed = list.length - kept.length;
  internals(ws).conditionalFormattings = kept;
  return removed;
}

/**
 * Remove every highlight this tool recorded (the "clear highlights" command), except on protected
 * sheets. Updates the state sheet. Returns how many formats were removed. The hidden sheet of last
 * year's values and its defined name stay, harmless (see clearHighlights in hosts/office/write.ts).
 */
export function clearOwnedHighlights(wb: ExcelJS.Workbook): number {
  const state = readWorkbookState(wb);
  let removed = 0;
  const kept: OwnedConditionalFormat[] = [];
  for (const o of state.ownedConditionalFormats) {
    const ws = wb.getWorksheet(o.sheet);
    if (!ws) continue;
    if (isProtected(ws)) {
      kept.push(o);
      continue;
    }
    removed += removeOwnedHighlights(ws, [o]);
  }
  state.ownedConditionalFormats = kept;
  writeWorkbookState(wb, state);
  return removed;
}

function fillGeneratedSheet(ws: ExcelJS.Worksheet, sheet: GeneratedSheet): { formulaWithoutValue: boolean } {
  let formulaWithoutValue = false;
  sheet.rows.forEach((row, r) => {
    row.forEach((content, c) => {
      if (content.kind === 'empty') return;
      if (writeCellContent(ws.getCell(r + 1, c + 1), content).formulaWithoutValue) formulaWithoutValue = true;
    });
  });
  for (const { range, style } of sheet.styles) {
    const g = parseRange(range);
    for (let r = g.top; r <= g.bottom; r++) {
      for (let c = g.left; c <= g.right; c++) {
        const cell = ws.getCell(r, c);
        cell.style = cellStyle(cell.style, style);
      }
    }
  }
  sheet.columnWidths.forEach((w, i) => {
    if (w > 0) ws.getColumn(i + 1).width = w;
  });
  if (sheet.freezeRows > 0) {
    ws.views = [{ state: 'frozen', xSplit: 0, ySplit: sheet.freezeRows, topLeftCell: a1(sheet.freezeRows + 1, 1) }];
  }
  // Internal links as HYPERLINK formulas: ExcelJS writes internal hyperlink objects with a broken
  // location, while =HYPERLINK("#'Sheet'!A1", …) works in every Excel and in LibreOffice.
  for (const h of sheet.hyperlinks) {
    const { row, col } = parseA1(h.address);
    const display = sheet.rows[row - 1]?.[col - 1];
    // A label that looks like a formula (a unit named "=1+1") stays a plain text cell: the link is
    // dropped rather than turning user text into any formula.
    if (display?.kind === 'text' && /^[=+\-@]/.test(display.value)) continue;
    const link = internalLinkFormula(h, display);
    const cell = ws.getCell(row, col);
    cell.value = { formula: toFileFormula(link.formula), result: link.cached, date1904: false };
    cell.style = linkStyle(cell.style);
  }
  let priority = nextPriority(ws);
  for (const cf of sheet.conditionalFormats) addHighlight(ws, cf, priority++);
  return { formulaWithoutValue };
}

/**
 * Apply a plan to a loaded workbook. Throws WorkbookWriteError (before changing anything) when
 * the plan cannot be applied.
 */
export function applyPlanToWorkbook(wb: ExcelJS.Workbook, plan: WritePlan): AppliedPlan {
  validatePlan(wb, plan);
  const state = readWorkbookState(wb);
  let formulaWithoutValue = false;

  // 1. Cells on the user's sheets.
  let cellsWritten = 0;
  for (const w of plan.cellWrites) {
    const ws = wb.getWorksheet(w.sheet)!;
    const { row, col } = parseA1(w.address);
    if (writeCellContent(ws.getCell(row, col), w.content).formulaWithoutValue) formulaWithoutValue = true;
    cellsWritten++;
  }

  // 2. Highlights on the user's sheets: a run's highlights on a sheet replace ours on that sheet.
  let removed = 0;
  let added = 0;
  if (plan.conditionalFormats.length > 0) {
    const targeted = new Set(plan.conditionalFormats.map((cf) => wb.getWorksheet(cf.sheet)!.name));
    const keep: OwnedConditionalFormat[] = [];
    for (const o of state.ownedConditionalFormats) {
      const ws = wb.getWorksheet(o.sheet);
      if (!ws) continue;
      if (targeted.has(ws.name)) removed += removeOwnedHighlights(ws, [o]);
      else keep.push(o);
    }
    const priorities = new Map<string, number>();
    for (const cf of plan.conditionalFormats) {
      const ws = wb.getWorksheet(cf.sheet)!;
      const p = priorities.get(ws.name) ?? nextPriority(ws);
      addHighlight(ws, cf, p);
      priorities.set(ws.name, p + 1);
      keep.push({ sheet: ws.name, range: cf.range, formula: cf.formula.startsWith('=') ? cf.formula : `=${cf.formula}` });
      added++;
    }
    state.ownedConditionalFormats = keep;
  }

  // 3. Data validation on score cells (one entry per cell; ExcelJS merges them into ranges).
  let validatedCells = 0;
  for (const dv of plan.dataValidations ?? []) {
    const ws = wb.getWorksheet(dv.sheet)!;
    const g = parseRange(dv.range);
    const validation: ExcelJS.DataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      formulae: [dv.min, dv.max],
      showInputMessage: true,
      promptTitle: [...dv.inputTitle].slice(0, 32).join(''),
      prompt: [...dv.inputMessage].slice(0, 255).join(''),
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Điểm không hợp lệ',
      error: `Nhập số từ ${formatNumber(dv.min)} đến ${formatNumber(dv.max)}. / Enter a number from ${formatNumber(dv.min, 'en')} to ${formatNumber(dv.max, 'en')}.`,
    };
    for (let r = g.top; r <= g.bottom; r++) {
      for (let c = g.left; c <= g.right; c++) {
        ws.getCell(r, c).dataValidation = validation;
        validatedCells++;
      }
    }
  }

  // 4. Generated sheets.
  const applied: AppliedSheet[] = [];
  const createdNow = new Set<string>();
  for (const sheet of plan.sheets) {
    const existing = wb.worksheets.map((w) => w.name);
    const owned = state.ownedSheets.filter((n) => !createdNow.has(n.normalize('NFC').toLowerCase()));
    const decision = resolveSheetName(sheet.name, existing, owned);
    let orderNo: number | undefined;
    if (decision.replaces) {
      const old = wb.getWorksheet(decision.name);
      if (old) {
        orderNo = internals(old).orderNo;
        wb.removeWorksheet(old.id);
      }
    }
    const ws = wb.addWorksheet(decision.name);
    if (orderNo !== undefined) internals(ws).orderNo = orderNo;
    if (sheet.hidden) ws.state = 'hidden';
    if (fillGeneratedSheet(ws, sheet).formulaWithoutValue) formulaWithoutValue = true;
    createdNow.add(decision.name.normalize('NFC').toLowerCase());
    if (!state.ownedSheets.includes(decision.name)) state.ownedSheets.push(decision.name);
    applied.push({ desired: sheet.name, name: decision.name, purpose: sheet.purpose, replaced: decision.replaces });
  }

  writeDefinedNames(wb, plan, applied);

  // 5. State: forget sheets that no longer exist, then write it.
  const names = new Set(wb.worksheets.map((w) => w.name));
  state.ownedSheets = state.ownedSheets.filter((n) => names.has(n));
  state.ownedConditionalFormats = state.ownedConditionalFormats.filter((o) => names.has(o.sheet));
  const hasStateSheet = !!wb.getWorksheet(STATE_SHEET_NAME);
  if (hasStateSheet || stateRows(state).length > stateRows(emptyState()).length) writeWorkbookState(wb, state);

  if (formulaWithoutValue) {
    // Formulas written without a cached result: have Excel compute them when the file opens.
    wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
  }

  const sheetNames = new Map(applied.map((s) => [s.desired, s.name] as [string, string]));
  return {
    sheets: applied,
    sheetNames,
    cellsWritten,
    conditionalFormatsAdded: added,
    conditionalFormatsRemoved: removed,
    validatedCells,
    state,
  };
}

/**
 * Workbook → .xlsx bytes. With a codec (Node's zlib: node.ts; the browser's CompressionStream:
 * browserZipCodec), ExcelJS writes the parts stored and the codec deflates them (performance,
 * bench/: JSZip's JavaScript deflate was half of the write); without one, JSZip deflates, which
 * gives the same bytes on every machine (the samples).
 */
export async function workbookToBytes(wb: ExcelJS.Workbook, codec?: ZipCodec): Promise<Uint8Array> {
  const options = codec ? { zip: { compression: 'STORE' } } : undefined;
  const out: unknown = await wb.xlsx.writeBuffer(options as ExcelJS.XlsxWriteOptions | undefined);
  const bytes = out instanceof Uint8Array ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : new Uint8Array(out as ArrayBuffer);
  return codec ? await deflateStoredArchive(bytes, codec) : bytes;
}

/** Load .xlsx bytes, apply the plan, return the new bytes and what was done. The input is not modified. */
export async function applyPlanToBufferDetailed(
  input: ArrayBuffer | Uint8Array,
  plan: WritePlan,
  options: ReadOptions & { fileName?: string } = {},
): Promise<AppliedBuffer> {
  const wb = await loadWorkbook(input, options.fileName, options);
  const applied = applyPlanToWorkbook(wb, plan);
  return { data: await workbookToBytes(wb, options.codec), applied };
}

/** Load .xlsx bytes, apply the plan, return the new bytes (browser). */
export async function applyPlanToBuffer(input: ArrayBuffer | Uint8Array, plan: WritePlan): Promise<Uint8Array> {
  return (await applyPlanToBufferDetailed(input, plan)).data;
}
