/**
 * Apply a WritePlan (src/core/plan.ts) to an .xlsx package's XML parts directly — the only .xlsx
 * writer (issue #16): results written into a copy of a user's file, new workbooks
 * (new-workbook.ts, from template.ts), score-entry validation. The workbook is not loaded into a
 * model and every part serialised again (performance, bench/); parts the plan does not touch are
 * kept byte for byte, so charts, pivot tables and external links survive. Forms the standard
 * allows are first brought to the one this writer edits (normalize.ts): Strict, prefixed
 * SpreadsheetML, rows and cells without `r`, macro-enabled workbooks and templates (results are
 * macro-free .xlsx files).
 *
 * Throws WorkbookWriteError, before changing anything: the plan's own problems (a protected or
 * missing sheet, a merged cell…) as write.ts did, and 'unsupported-package' for a package whose
 * parts it cannot edit safely.
 */
import { definedNameReference, type GeneratedSheet, type WritePlan } from '../../../core/plan';
import { parseA1, parseRange } from '../../../core/a1';
import { resolveSheetName } from '../../../core/sheet-names';
import { STATE_SHEET_NAME, emptyState, readState, stateRows, type OwnedConditionalFormat, type WorkbookState } from '../../../core/state';
import { WorkbookReadError, WorkbookWriteError } from '../errors';
import type { AppliedBuffer, AppliedPlan, AppliedSheet } from '../types';
import { DEFAULT_LIMITS, type SizeLimits, type ZipCodec } from '../zip';
import { readXlsxPackage, writeXlsxPackage, type StreamedXml, type XlsxPackage } from './package';
import { CONTENT_TYPES, NotNormalizable, isStrict, makeMacroFree, needsMacroFree, strictToTransitional, unprefixed } from './normalize';
import { ownedChartParts, writeSheetCharts, type SheetCharts } from './patch-chart';
import { StylesPatch } from './patch-styles';
import { REL_NS, WorksheetPatch, generatedSheetXml, stateSheetXml } from './patch-sheet';
import { elementsOf, insertInOrder, joinRoot, setAttribute, splitRoot, startTag, type SplitElement } from './patch-xml';
import { REL_TYPES, findPart, readRelationships, readWorkbookParts, relsPartOf, type WorkbookParts } from './workbook';
import { escapeXmlAttr, escapeXmlText, parseAttributes } from './xml';
import { packageToSnapshot } from './read-snapshot';

/** §18.2.27 CT_Workbook: the children of <workbook> in schema order. */
const WORKBOOK_ORDER: readonly string[] = [
  'fileVersion',
  'fileSharing',
  'workbookPr',
  'workbookProtection',
  'bookViews',
  'sheets',
  'functionGroups',
  'externalReferences',
  'definedNames',
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
];
const WORKSHEET_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/** Thrown inside this module for a package or plan it does not handle (the message says why, for the log). */
class Unsupported extends Error {}

export interface SheetEntry {
  name: string;
  /** The original <sheet> tag; undefined for a sheet added now. */
  tag?: string;
  sheetId: number;
  relId: string;
  part?: string;
  isWorksheet: boolean;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** The part's whole new content (a generated sheet, made in pieces, or the state sheet). */
  newXml?: string | StreamedXml;
}

/**
 * .xlsx bytes → the plan applied → .xlsx bytes; null only where the bytes cannot be inflated here
 * (readXlsxPackage: no inflate available). Throws WorkbookReadError and WorkbookWriteError.
 */
export async function applyPlanToXlsxBytes(
  input: Uint8Array | ArrayBuffer,
  plan: WritePlan,
  options: { fileName?: string; limits?: Partial<SizeLimits>; codec?: ZipCodec } = {},
): Promise<AppliedBuffer | null> {
  const pkg = await readXlsxPackage(input, options.fileName, options.limits, options.codec);
  if (!pkg) return null;
  const applied = applyPlanToPackage(pkg, plan, options.fileName);
  return { data: await writeXlsxPackage(pkg, options.codec), applied };
}

/**
 * The plan applied to the package, all or nothing: the changes are made on a copy the package
 * takes over at the end. A package this writer cannot edit gives WorkbookWriteError
 * 'unsupported-package' (one bilingual line for the user, the reason in its cause), never an
 * internal error.
 */
export function applyPlanToPackage(pkg: XlsxPackage, plan: WritePlan, fileName?: string): AppliedPlan {
  const work = pkg.clone();
  let applied: AppliedPlan;
  try {
    applied = apply(work, plan);
  } catch (e) {
    if (e instanceof WorkbookWriteError || e instanceof WorkbookReadError) throw e;
    throw new WorkbookWriteError('unsupported-package', fileName, e);
  }
  pkg.adopt(work);
  return applied;
}

function apply(pkg: XlsxPackage, plan: WritePlan): AppliedPlan {
  const { parts, wbRoot } = normalizedWorkbook(pkg);
  const sheets = new Sheets(pkg, parts, wbRoot);
  const requireSheet: RequireSheet = (name) => sheets.toEdit(name);
  validatePlan(plan, requireSheet);
  const styles = readStyles(pkg, parts);
  const stateEntry = sheets.find(STATE_SHEET_NAME);
  if (stateEntry && (!stateEntry.isWorksheet || !stateEntry.part)) throw new Unsupported('the state sheet is not a worksheet');
  const state = stateEntry ? readStateSheet(pkg) : emptyState();

  // 1. Cells on the user's sheets.
  let formulaWithoutValue = false;
  for (const w of plan.cellWrites) {
    const { row, col } = parseA1(w.address);
    if (requireSheet(w.sheet).patch.writeCell(row, col, w.content)) formulaWithoutValue = true;
  }
  // 2. Highlights on the user's sheets: a run's highlights on a sheet replace ours on that sheet.
  const { removed, added } = writeHighlights(plan, sheets, state, styles);
  // 3. Score-entry validation on the user's sheets (core/score-entry.ts).
  let validatedCells = 0;
  for (const dv of plan.dataValidations ?? []) validatedCells += requireSheet(dv.sheet).patch.addDataValidation(dv);
  // 4. Generated sheets: an earlier sheet of ours is replaced at its tab position, others added last.
  const newParts = new NewParts(pkg, parts, sheets.entries);
  const dropRels: string[] = [];
  const generated = writeGeneratedSheets(plan, sheets, state, styles, newParts, dropRels);
  // 5. State: forget sheets that no longer exist, then write it (write.ts writeWorkbookState).
  writeStateSheet(sheets, stateEntry, state, newParts, dropRels);
  // 6. Every new part's content, computed before the package changes (any of them may refuse).
  const changed = { parts, wbRoot, styles, newParts, dropRels, charts: generated.charts };
  const fullCalcOnLoad = formulaWithoutValue || generated.formulaWithoutValue;
  commitParts(pkg, plan, sheets, changed, generated.applied, fullCalcOnLoad);

  return {
    sheets: generated.applied,
    sheetNames: new Map(generated.applied.map((s) => [s.desired, s.name] as [string, string])),
    cellsWritten: plan.cellWrites.length,
    conditionalFormatsAdded: added,
    conditionalFormatsRemoved: removed,
    validatedCells,
    state,
  };
}

/** The styles part, parsed for editing; a package without one is not one this writer edits. */
function readStyles(pkg: XlsxPackage, parts: WorkbookParts): StylesPatch {
  const stylesXml = parts.stylesPart ? pkg.text(parts.stylesPart) : undefined;
  const styles = stylesXml ? StylesPatch.parse(unprefixed(stylesXml)) : null;
  if (!styles) throw new Unsupported('no styles part this writer edits');
  return styles;
}

/** The state without sheets that no longer exist, written to the state sheet when there is one or it records something. */
function writeStateSheet(
  sheets: Sheets,
  stateEntry: SheetEntry | undefined,
  state: WorkbookState,
  newParts: NewParts,
  dropRels: string[],
): void {
  const names = new Set(sheets.entries.map((e) => e.name));
  state.ownedSheets = state.ownedSheets.filter((n) => names.has(n));
  state.ownedConditionalFormats = state.ownedConditionalFormats.filter((o) => names.has(o.sheet));
  if (!stateEntry && stateRows(state).length <= stateRows(emptyState()).length) return;
  const xml = stateSheetXml(stateRows(state));
  if (stateEntry) replaceSheet(sheets.pkg, stateEntry, xml, 'veryHidden', sheets.patches, dropRels);
  else sheets.entries.push(newParts.add(STATE_SHEET_NAME, xml, 'veryHidden'));
}

/** What apply changed besides the sheets, for commitParts. */
interface ChangedParts {
  parts: WorkbookParts;
  wbRoot: SplitElement;
  styles: StylesPatch;
  newParts: NewParts;
  dropRels: string[];
  charts: SheetCharts[];
}

/**
 * Every changed part's content (the edited sheets', the new sheets', styles, workbook,
 * relationships, content types), all computed before the first goes into the package: an edited
 * sheet of a shape this writer does not edit refuses the whole plan.
 */
function commitParts(
  pkg: XlsxPackage,
  plan: WritePlan,
  sheets: Sheets,
  c: ChangedParts,
  applied: AppliedSheet[],
  fullCalcOnLoad: boolean,
): void {
  const out = new Map<string, string | StreamedXml>();
  for (const [part, patch] of sheets.patches) {
    if (!patch.changed) continue;
    const xml = patch.toStreamed(c.styles);
    if (xml === null) throw new Unsupported(`${part}: sheet data of a shape this writer does not edit`);
    out.set(part, xml);
  }
  for (const e of sheets.entries) if (e.newXml !== undefined) out.set(e.part!, e.newXml);
  if (out.size === 0) return;
  if (c.styles.changed) out.set(c.parts.stylesPart!, c.styles.toXml());
  const remove = new Set<string>(c.dropRels);
  const names = definedNamesXml(plan, applied);
  workbookParts(pkg, c.parts, c.wbRoot, sheets.entries, c.newParts, fullCalcOnLoad, names, out, remove);
  for (const name of remove) pkg.delete(name);
  for (const [name, xml] of out) pkg.set(name, xml);
  writeSheetCharts(pkg, c.charts);
}

/** The workbook's sheets in tab order, and the patches of those a plan edits. */
class Sheets {
  readonly entries: SheetEntry[];
  readonly patches = new Map<string, WorksheetPatch>();

  constructor(
    readonly pkg: XlsxPackage,
    parts: WorkbookParts,
    wbRoot: SplitElement,
  ) {
    const sheetsChild = wbRoot.children.find((c) => c.name === 'sheets')!;
    const tags = [...sheetsChild.xml.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]);
    if (tags.length !== parts.sheets.length) throw new Unsupported('<sheets> and the sheets read differ');
    this.entries = parts.sheets.map((s, i) => ({
      name: s.name,
      tag: tags[i],
      sheetId: s.sheetId,
      relId: s.relId,
      part: s.part,
      isWorksheet: s.type === REL_TYPES.worksheet && !!s.part,
      state: s.state,
    }));
  }

  find(name: string): SheetEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** write.ts requireSheet: the sheet's patch; missing-sheet as ExcelJS reported it. */
  toEdit(name: string): { entry: SheetEntry; patch: WorksheetPatch } {
    const entry = this.find(name);
    if (!entry) throw new WorkbookWriteError('missing-sheet', name);
    if (!entry.isWorksheet || !entry.part) throw new Unsupported(`${name}: not a worksheet`); // a chartsheet, a broken relationship
    let patch = this.patches.get(entry.part);
    if (!patch) {
      const parsed = WorksheetPatch.parse(unprefixed(this.pkg.text(entry.part) ?? ''));
      if (!parsed) throw new Unsupported(`${entry.part}: not a worksheet this writer edits`);
      this.patches.set(entry.part, (patch = parsed));
    }
    return { entry, patch };
  }
}

/** The plan's highlights on the user's sheets, replacing ours on each sheet they target; the state's list updated. */
function writeHighlights(plan: WritePlan, sheets: Sheets, state: WorkbookState, styles: StylesPatch): { removed: number; added: number } {
  let removed = 0;
  let added = 0;
  if (plan.conditionalFormats.length === 0) return { removed, added };
  const targeted = new Set(plan.conditionalFormats.map((cf) => sheets.toEdit(cf.sheet).entry.name));
  const keep: OwnedConditionalFormat[] = [];
  for (const o of state.ownedConditionalFormats) {
    const entry = sheets.find(o.sheet);
    if (!entry || !entry.isWorksheet) continue;
    if (targeted.has(entry.name)) removed += sheets.toEdit(entry.name).patch.removeHighlights([o]);
    else keep.push(o);
  }
  const priorities = new Map<string, number>();
  for (const cf of plan.conditionalFormats) {
    const { entry, patch } = sheets.toEdit(cf.sheet);
    const p = priorities.get(entry.name) ?? patch.nextPriority();
    patch.addHighlight(cf, p, styles);
    priorities.set(entry.name, p + 1);
    keep.push({ sheet: entry.name, range: cf.range, formula: cf.formula.startsWith('=') ? cf.formula : `=${cf.formula}` });
    added++;
  }
  state.ownedConditionalFormats = keep;
  return { removed, added };
}

/** The plan's generated sheets: an earlier sheet of ours replaced at its tab position, others added last. */
function writeGeneratedSheets(
  plan: WritePlan,
  sheets: Sheets,
  state: WorkbookState,
  styles: StylesPatch,
  newParts: NewParts,
  dropRels: string[],
): { applied: AppliedSheet[]; charts: SheetCharts[]; formulaWithoutValue: boolean } {
  const applied: AppliedSheet[] = [];
  const charts: SheetCharts[] = [];
  const createdNow = new Set<string>();
  let formulaWithoutValue = false;
  for (const sheet of plan.sheets) {
    const owned = state.ownedSheets.filter((n) => !createdNow.has(n.normalize('NFC').toLowerCase()));
    const decision = resolveSheetName(
      sheet.name,
      sheets.entries.map((e) => e.name),
      owned,
    );
    const made = generatedSheetXml(sheet, styles);
    if (made.formulaWithoutValue) formulaWithoutValue = true;
    const old = decision.replaces ? sheets.find(decision.name) : undefined;
    const visibility = sheet.hidden ? 'hidden' : 'visible';
    if (old) replaceSheet(sheets.pkg, old, made.xml, visibility, sheets.patches, dropRels);
    else sheets.entries.push(newParts.add(decision.name, made.xml, visibility));
    if (sheet.charts?.length)
      charts.push({ part: (old ?? sheets.entries[sheets.entries.length - 1]).part!, sheet: decision.name, charts: sheet.charts });
    createdNow.add(decision.name.normalize('NFC').toLowerCase());
    if (!state.ownedSheets.includes(decision.name)) state.ownedSheets.push(decision.name);
    applied.push({ desired: sheet.name, name: decision.name, purpose: sheet.purpose, replaced: decision.replaces });
  }
  return { applied, charts, formulaWithoutValue };
}

/**
 * The workbook part, brought to the form this writer edits (normalize.ts): a Strict package made
 * Transitional, a macro-enabled workbook or template made a macro-free workbook (both change the
 * package: it is the patch writer's copy), the workbook part's SpreadsheetML unprefixed.
 */
function normalizedWorkbook(pkg: XlsxPackage): { parts: WorkbookParts; wbRoot: SplitElement } {
  let parts = readWorkbookParts(pkg);
  try {
    if (isStrict(pkg.text(parts.workbookPart) ?? '')) {
      strictToTransitional(pkg, parts.workbookPart);
      parts = readWorkbookParts(pkg);
    }
    if (needsMacroFree(pkg, parts.workbookPart)) {
      makeMacroFree(pkg, parts.workbookPart);
      parts = readWorkbookParts(pkg);
    }
  } catch (e) {
    throw e instanceof NotNormalizable ? new Unsupported(e.message) : e;
  }
  const wbRoot = splitRoot(unprefixed(pkg.text(parts.workbookPart) ?? ''), 'workbook');
  if (!wbRoot || !wbRoot.children.some((c) => c.name === 'sheets')) throw new Unsupported('no <workbook> with <sheets>');
  return { parts, wbRoot };
}

type RequireSheet = (name: string) => { entry: SheetEntry; patch: WorksheetPatch };

/** write.ts validatePlan, in the same order (the same error for the same plan). */
function validatePlan(plan: WritePlan, requireSheet: RequireSheet): void {
  // parseA1 takes "A0" and "XFE1": outside the grid (§18.3.1.4: rows 1…1048576, columns A…XFD).
  const inGrid = (row: number, col: number, where: string) => {
    if (row < 1 || row > 1048576 || col < 1 || col > 16384) throw new WorkbookWriteError('invalid-address', where);
  };
  const checkAddress = (address: string, sheet: string) => {
    let p: { row: number; col: number };
    try {
      p = parseA1(address);
    } catch {
      throw new WorkbookWriteError('invalid-address', `${sheet}!${address}`);
    }
    inGrid(p.row, p.col, `${sheet}!${address}`);
    return p;
  };
  const checkRange = (range: string, sheet: string) => {
    let g: ReturnType<typeof parseRange>;
    try {
      g = parseRange(range);
    } catch {
      throw new WorkbookWriteError('invalid-address', `${sheet}!${range}`);
    }
    inGrid(g.top, g.left, `${sheet}!${range}`);
    inGrid(g.bottom, g.right, `${sheet}!${range}`);
    return g;
  };
  for (const w of plan.cellWrites) {
    const { entry, patch } = requireSheet(w.sheet);
    if (patch.isProtected) throw new WorkbookWriteError('protected', entry.name);
    const { row, col } = checkAddress(w.address, w.sheet);
    if (patch.isMergedCell(row, col)) throw new WorkbookWriteError('merged-cell', `${entry.name}!${w.address}`);
  }
  for (const cf of plan.conditionalFormats) {
    const { entry, patch } = requireSheet(cf.sheet);
    if (patch.isProtected) throw new WorkbookWriteError('protected', entry.name);
    checkRange(cf.range, cf.sheet);
  }
  for (const dv of plan.dataValidations ?? []) {
    const { entry, patch } = requireSheet(dv.sheet);
    if (patch.isProtected) throw new WorkbookWriteError('protected', entry.name);
    checkRange(dv.range, dv.sheet);
  }
  for (const s of plan.sheets as GeneratedSheet[]) {
    for (const st of s.styles) checkRange(st.range, s.name);
    for (const h of s.hyperlinks) {
      checkAddress(h.address, s.name);
      checkAddress(h.cell, h.sheet);
    }
    for (const cf of s.conditionalFormats) checkRange(cf.range, s.name);
  }
}

/**
 * A sheet's part given new content at the same tab position, sheetId and relationship (write.ts
 * removes it and adds one with the same orderNo). Its relationships part goes with its old content,
 * unless the sheet of ours has gained related parts (a chart the user drew on it): those stay in
 * the package, no longer shown on the regenerated sheet (OPC allows a relationship nothing uses).
 */
function replaceSheet(
  pkg: XlsxPackage,
  entry: SheetEntry,
  xml: string | StreamedXml,
  state: SheetEntry['state'],
  patches: Map<string, WorksheetPatch>,
  dropRels: string[],
): void {
  if (!entry.isWorksheet || !entry.part) throw new Unsupported(`${entry.name}: not a worksheet`);
  // (Our own chart of the sheet, patch-chart.ts, goes with it and is written again.)
  const ownCharts = ownedChartParts(pkg, entry.part);
  const rels = findPart(pkg, relsPartOf(entry.part));
  if (rels && (ownCharts || readRelationships(pkg, entry.part).length === 0)) dropRels.push(rels);
  dropRels.push(...(ownCharts ?? []));
  patches.delete(entry.part);
  entry.newXml = xml;
  entry.state = state;
  if (entry.tag) entry.tag = setAttribute(entry.tag, 'state', state === 'visible' ? undefined : state);
}

/** Names, ids and relationships for new worksheet parts (also patch-state.ts: a new state sheet). */
export class NewParts {
  readonly added: SheetEntry[] = [];
  private readonly relIds: Set<string>;
  private nextRel: number;
  private nextSheetId: number;
  private readonly dir: string;

  constructor(
    private readonly pkg: XlsxPackage,
    private readonly parts: WorkbookParts,
    entries: SheetEntry[],
  ) {
    this.relIds = new Set(parts.relationships.map((r) => r.id));
    this.nextRel = Math.max(0, ...parts.relationships.map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0))) + 1;
    this.nextSheetId = Math.max(0, ...entries.map((e) => (Number.isFinite(e.sheetId) ? e.sheetId : 0))) + 1;
    this.dir = parts.workbookPart.slice(0, parts.workbookPart.lastIndexOf('/') + 1);
  }

  add(name: string, xml: string | StreamedXml, state: SheetEntry['state']): SheetEntry {
    while (this.relIds.has(`rId${this.nextRel}`)) this.nextRel++;
    const relId = `rId${this.nextRel++}`;
    this.relIds.add(relId);
    let n = 1;
    // A leftover relationships part of a deleted sheet would give the new part its relationships.
    const taken = (p: string) =>
      !!findPart(this.pkg, p) || !!findPart(this.pkg, relsPartOf(p)) || this.added.some((e) => e.part?.toLowerCase() === p.toLowerCase());
    while (taken(`${this.dir}worksheets/sheet${n}.xml`)) n++;
    const entry: SheetEntry = {
      name,
      sheetId: this.nextSheetId++,
      relId,
      part: `${this.dir}worksheets/sheet${n}.xml`,
      isWorksheet: true,
      state,
      newXml: xml,
    };
    this.added.push(entry);
    return entry;
  }

  /** The relationship's target, relative to the workbook part (OPC, ECMA-376 Part 2 §9.3). */
  target(entry: SheetEntry): string {
    return entry.part!.slice(this.dir.length);
  }

  get workbookRelsPart(): string {
    return findPart(this.pkg, this.parts.relsPart) ?? this.parts.relsPart;
  }
}

/**
 * workbook.xml (sheets, calcPr), its relationships and [Content_Types].xml for the new sheets; the
 * calculation chain dropped (§18.6: it must not list cells that no longer hold formulas; Excel
 * rebuilds it when it is missing).
 */
function workbookParts(
  pkg: XlsxPackage,
  parts: WorkbookParts,
  wbRoot: NonNullable<ReturnType<typeof splitRoot>>,
  entries: SheetEntry[],
  newParts: NewParts,
  fullCalcOnLoad: boolean,
  names: Map<string, string>,
  out: Map<string, string | StreamedXml>,
  remove: Set<string>,
): void {
  let relPrefix = new RegExp(`xmlns:(\\w+)="${REL_NS.replace(/[./]/g, '\\$&')}"`).exec(wbRoot.head)?.[1];
  if (!relPrefix && newParts.added.length > 0) {
    // The new <sheet> elements need the relationships namespace: declared on the root.
    relPrefix = /\sxmlns:r=/.test(wbRoot.head) ? 'rel' : 'r';
    const end = wbRoot.head.lastIndexOf('>');
    wbRoot.head = `${wbRoot.head.slice(0, end)} xmlns:${relPrefix}="${REL_NS}"${wbRoot.head.slice(end)}`;
  }
  const sheetTag = (e: SheetEntry) =>
    e.tag ??
    `<sheet name="${escapeXmlAttr(e.name)}" sheetId="${e.sheetId}"${e.state === 'visible' ? '' : ` state="${e.state}"`} ${relPrefix}:id="${e.relId}"/>`;
  const at = wbRoot.children.findIndex((c) => c.name === 'sheets');
  wbRoot.children[at] = {
    name: 'sheets',
    xml: `${startTag(wbRoot.children[at].xml).replace(/\s*\/>$/, '>')}${entries.map(sheetTag).join('')}</sheets>`,
  };
  if (fullCalcOnLoad) {
    const calc = wbRoot.children.findIndex((c) => c.name === 'calcPr');
    if (calc >= 0) wbRoot.children[calc] = { name: 'calcPr', xml: setAttribute(wbRoot.children[calc].xml, 'fullCalcOnLoad', '1') };
    else insertInOrder(wbRoot, { name: 'calcPr', xml: '<calcPr fullCalcOnLoad="1"/>' }, WORKBOOK_ORDER);
  }
  if (names.size > 0) setDefinedNames(wbRoot, names);
  out.set(parts.workbookPart, joinRoot(wbRoot));

  const calcChain = parts.relationships.find((r) => r.type === REL_TYPES.calcChain);
  const calcChainPart = calcChain?.part ? findPart(pkg, calcChain.part) : undefined;
  if (calcChainPart) remove.add(calcChainPart);

  if (newParts.added.length > 0 || calcChain) {
    const relsPart = newParts.workbookRelsPart;
    let rels = pkg.text(relsPart);
    if (rels === undefined || !rels.includes('</Relationships>')) throw new Unsupported(`${relsPart}: no </Relationships>`);
    if (calcChain)
      rels = rels.replace(/<Relationship\b[^>]*>(?:<\/Relationship>)?/g, (m) => (parseAttributes(m).Id === calcChain.id ? '' : m));
    const added = newParts.added
      .map((e) => `<Relationship Id="${e.relId}" Type="${REL_TYPES.worksheet}" Target="${escapeXmlAttr(newParts.target(e))}"/>`)
      .join('');
    out.set(relsPart, rels.replace('</Relationships>', `${added}</Relationships>`));
  }

  if (newParts.added.length > 0 || calcChainPart) {
    let types = pkg.text(CONTENT_TYPES);
    if (types === undefined || !types.includes('</Types>')) throw new Unsupported(`${CONTENT_TYPES}: no </Types>`);
    if (calcChainPart) {
      types = types.replace(/<Override\b[^>]*>(?:<\/Override>)?/g, (m) =>
        (parseAttributes(m).PartName ?? '').replace(/^\//, '').toLowerCase() === calcChainPart.toLowerCase() ? '' : m,
      );
    }
    const overrides = newParts.added
      .map((e) => `<Override PartName="/${escapeXmlAttr(e.part!)}" ContentType="${WORKSHEET_CONTENT_TYPE}"/>`)
      .join('');
    out.set(CONTENT_TYPES, types.replace('</Types>', `${overrides}</Types>`));
  }
}

/**
 * The plan's defined names (core/plan.ts DefinedNamePlan), each as its <definedName> element
 * (§18.2.5: the reference absolute, the sheet quoted, under the name the sheet was given), by name
 * in upper case (Excel's names compare without regard to case).
 */
function definedNamesXml(plan: WritePlan, applied: AppliedSheet[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of plan.definedNames ?? []) {
    const sheet = applied.find((a) => a.desired === n.sheet)?.name;
    if (!sheet) throw new Unsupported(`defined name ${n.name}: over a sheet this plan does not write`);
    out.set(
      n.name.toUpperCase(),
      `<definedName name="${escapeXmlAttr(n.name)}">${escapeXmlText(definedNameReference(sheet, n.range))}</definedName>`,
    );
  }
  return out;
}

/**
 * <definedNames> with ours: a workbook-scoped name of the same text (no localSheetId) is replaced,
 * every other name kept as it is; the element where §18.2.27 puts it.
 */
function setDefinedNames(wbRoot: NonNullable<ReturnType<typeof splitRoot>>, names: Map<string, string>): void {
  const at = wbRoot.children.findIndex((c) => c.name === 'definedNames');
  const kept =
    at < 0
      ? []
      : elementsOf(wbRoot.children[at].xml, 'definedName').filter((x) => {
          const a = parseAttributes(startTag(x));
          return a.localSheetId !== undefined || !names.has((a.name ?? '').toUpperCase());
        });
  const xml = `<definedNames>${kept.join('')}${[...names.values()].join('')}</definedNames>`;
  if (at >= 0) wbRoot.children[at] = { name: 'definedNames', xml };
  else insertInOrder(wbRoot, { name: 'definedNames', xml }, WORKBOOK_ORDER);
}

/** The state recorded in the very hidden state sheet, read by the direct reader. */
function readStateSheet(pkg: XlsxPackage): WorkbookState {
  try {
    return readState(packageToSnapshot(pkg, undefined, DEFAULT_LIMITS, { sheets: [STATE_SHEET_NAME] }));
  } catch {
    throw new Unsupported('a state sheet the reader cannot read');
  }
}
