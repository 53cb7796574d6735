/**
 * Apply a WritePlan (src/core/plan.ts) to an .xlsx package's XML parts directly: the same checks,
 * the same result and the same AppliedPlan as the ExcelJS writer (../write.ts applyPlanToWorkbook),
 * without loading the workbook into a model and serialising every part again (performance,
 * bench/: that was most of `compute --out`). Parts the plan does not touch are kept byte for
 * byte, so charts, pivot tables and external links survive.
 *
 * Returns null, before changing anything, for plans or packages it does not handle (data
 * validation, strict OOXML, a chartsheet target, parts of an unexpected shape): the caller then
 * uses the ExcelJS writer. Throws WorkbookWriteError, before changing anything, where write.ts does.
 */
import { definedNameReference, type GeneratedSheet, type WritePlan } from '../../../core/plan';
import { parseA1, parseRange } from '../../../core/a1';
import { resolveSheetName } from '../../../core/sheet-names';
import { STATE_SHEET_NAME, emptyState, readState, stateRows, type OwnedConditionalFormat, type WorkbookState } from '../../../core/state';
import { WorkbookWriteError } from '../errors';
import type { AppliedBuffer, AppliedPlan, AppliedSheet } from '../write';
import { DEFAULT_LIMITS, type SizeLimits, type ZipCodec } from '../zip';
import { readXlsxPackage, writeXlsxPackage, type XlsxPackage } from './package';
import { ownedChartParts, writeSheetCharts, type SheetCharts } from './patch-chart';
import { StylesPatch } from './patch-styles';
import { REL_NS, WorksheetPatch, generatedSheetXml, stateSheetXml } from './patch-sheet';
import { elementsOf, insertInOrder, joinRoot, setAttribute, splitRoot, startTag } from './patch-xml';
import { REL_TYPES, findPart, readRelationships, readWorkbookParts, relsPartOf, type WorkbookParts } from './workbook';
import { escapeXmlAttr, escapeXmlText, parseAttributes } from './xml';
import { packageToSnapshot } from './read-snapshot';

/** §18.2.27 CT_Workbook: the children of <workbook> in schema order. */
const WORKBOOK_ORDER = [
  'fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups',
  'externalReferences', 'definedNames', 'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr',
  'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst',
];
const WORKSHEET_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CONTENT_TYPES = '[Content_Types].xml';
const WORKBOOK_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

/** Thrown inside this module for a package or plan it does not handle; turned into `null`. */
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
  /** The part's whole new content (a generated sheet or the state sheet). */
  newXml?: string;
}

/**
 * .xlsx bytes → the plan applied → .xlsx bytes, or null where the ExcelJS writer must do it
 * (applyPlanToBufferDetailed in write.ts). Throws WorkbookReadError and WorkbookWriteError as it does.
 */
export async function applyPlanToXlsxBytes(
  input: Uint8Array | ArrayBuffer,
  plan: WritePlan,
  options: { fileName?: string; limits?: Partial<SizeLimits>; codec?: ZipCodec } = {},
): Promise<AppliedBuffer | null> {
  const pkg = await readXlsxPackage(input, options.fileName, options.limits, options.codec);
  const applied = pkg ? applyPlanToPackage(pkg, plan) : null;
  if (!pkg || !applied) return null;
  return { data: await writeXlsxPackage(pkg, options.codec), applied };
}

export function applyPlanToPackage(pkg: XlsxPackage, plan: WritePlan): AppliedPlan | null {
  try {
    return apply(pkg, plan);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

function apply(pkg: XlsxPackage, plan: WritePlan): AppliedPlan {
  // Data validation is written by the task pane only; the ExcelJS writer handles it.
  if (plan.dataValidations && plan.dataValidations.length > 0) throw new Unsupported();
  let parts: WorkbookParts;
  try {
    parts = readWorkbookParts(pkg);
  } catch {
    throw new Unsupported();
  }
  // Results are macro-free .xlsx files (cli/main.ts): a macro-enabled workbook or a template
  // keeps its content type and parts here, which Excel refuses under an .xlsx name; ExcelJS
  // writes them as a plain workbook.
  const types = pkg.text(CONTENT_TYPES) ?? '';
  const workbookType = [...types.matchAll(/<Override\b[^>]*>/g)]
    .map((m) => parseAttributes(m[0]))
    .find((a) => (a.PartName ?? '').replace(/^\//, '').toLowerCase() === parts.workbookPart.toLowerCase())?.ContentType;
  if (workbookType !== WORKBOOK_CONTENT_TYPE || /vbaProject|macroEnabled/i.test(types)) throw new Unsupported();
  const workbookXml = pkg.text(parts.workbookPart) ?? '';
  // Strict OOXML (ECMA-376 Part 1 §A.2 strict namespaces): names of every part differ.
  if (workbookXml.includes('purl.oclc.org/ooxml')) throw new Unsupported();
  const wbRoot = splitRoot(workbookXml, 'workbook');
  const sheetsChild = wbRoot?.children.find((c) => c.name === 'sheets');
  if (!wbRoot || !sheetsChild) throw new Unsupported();
  const tags = [...sheetsChild.xml.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]);
  if (tags.length !== parts.sheets.length) throw new Unsupported();
  const entries: SheetEntry[] = parts.sheets.map((s, i) => ({
    name: s.name,
    tag: tags[i],
    sheetId: s.sheetId,
    relId: s.relId,
    part: s.part,
    isWorksheet: s.type === REL_TYPES.worksheet && !!s.part,
    state: s.state,
  }));

  const patches = new Map<string, WorksheetPatch>();
  const findEntry = (name: string) => entries.find((e) => e.name === name);
  /** write.ts requireSheet: the sheet's patch; missing-sheet as ExcelJS reports it. */
  const requireSheet = (name: string): { entry: SheetEntry; patch: WorksheetPatch } => {
    const entry = findEntry(name);
    if (!entry) throw new WorkbookWriteError('missing-sheet', name);
    if (!entry.isWorksheet || !entry.part) throw new Unsupported(); // a chartsheet, a broken relationship
    let patch = patches.get(entry.part);
    if (!patch) {
      const parsed = WorksheetPatch.parse(pkg.text(entry.part) ?? '');
      if (!parsed) throw new Unsupported();
      patches.set(entry.part, (patch = parsed));
    }
    return { entry, patch };
  };

  validatePlan(plan, requireSheet);

  const stylesXml = parts.stylesPart ? pkg.text(parts.stylesPart) : undefined;
  const styles = stylesXml ? StylesPatch.parse(stylesXml) : null;
  if (!styles) throw new Unsupported();

  const stateEntry = findEntry(STATE_SHEET_NAME);
  if (stateEntry && (!stateEntry.isWorksheet || !stateEntry.part)) throw new Unsupported();
  const state = stateEntry ? readStateSheet(pkg) : emptyState();
  let formulaWithoutValue = false;

  // 1. Cells on the user's sheets.
  let cellsWritten = 0;
  for (const w of plan.cellWrites) {
    const { patch } = requireSheet(w.sheet);
    const { row, col } = parseA1(w.address);
    if (patch.writeCell(row, col, w.content)) formulaWithoutValue = true;
    cellsWritten++;
  }

  // 2. Highlights on the user's sheets: a run's highlights on a sheet replace ours on that sheet.
  let removed = 0;
  let added = 0;
  if (plan.conditionalFormats.length > 0) {
    const targeted = new Set(plan.conditionalFormats.map((cf) => requireSheet(cf.sheet).entry.name));
    const keep: OwnedConditionalFormat[] = [];
    for (const o of state.ownedConditionalFormats) {
      const entry = findEntry(o.sheet);
      if (!entry || !entry.isWorksheet) continue;
      if (targeted.has(entry.name)) removed += requireSheet(entry.name).patch.removeHighlights([o]);
      else keep.push(o);
    }
    const priorities = new Map<string, number>();
    for (const cf of plan.conditionalFormats) {
      const { entry, patch } = requireSheet(cf.sheet);
      const p = priorities.get(entry.name) ?? patch.nextPriority();
      patch.addHighlight(cf, p, styles);
      priorities.set(entry.name, p + 1);
      keep.push({ sheet: entry.name, range: cf.range, formula: cf.formula.startsWith('=') ? cf.formula : `=${cf.formula}` });
      added++;
    }
    state.ownedConditionalFormats = keep;
  }

  // 3. Generated sheets: an earlier sheet of ours is replaced at its tab position, others added last.
  const applied: AppliedSheet[] = [];
  const createdNow = new Set<string>();
  const newParts = new NewParts(pkg, parts, entries);
  const dropRels: string[] = [];
  const charts: SheetCharts[] = [];
  for (const sheet of plan.sheets) {
    const owned = state.ownedSheets.filter((n) => !createdNow.has(n.normalize('NFC').toLowerCase()));
    const decision = resolveSheetName(
      sheet.name,
      entries.map((e) => e.name),
      owned,
    );
    const made = generatedSheetXml(sheet, styles);
    if (made.formulaWithoutValue) formulaWithoutValue = true;
    const old = decision.replaces ? findEntry(decision.name) : undefined;
    const visibility = sheet.hidden ? 'hidden' : 'visible';
    if (old) replaceSheet(pkg, old, made.xml, visibility, patches, dropRels);
    else entries.push(newParts.add(decision.name, made.xml, visibility));
    if (sheet.charts?.length) charts.push({ part: (old ?? entries[entries.length - 1]).part!, sheet: decision.name, charts: sheet.charts });
    createdNow.add(decision.name.normalize('NFC').toLowerCase());
    if (!state.ownedSheets.includes(decision.name)) state.ownedSheets.push(decision.name);
    applied.push({ desired: sheet.name, name: decision.name, purpose: sheet.purpose, replaced: decision.replaces });
  }

  // 4. State: forget sheets that no longer exist, then write it (write.ts writeWorkbookState).
  const names = new Set(entries.map((e) => e.name));
  state.ownedSheets = state.ownedSheets.filter((n) => names.has(n));
  state.ownedConditionalFormats = state.ownedConditionalFormats.filter((o) => names.has(o.sheet));
  const writeState = !!stateEntry || stateRows(state).length > stateRows(emptyState()).length;
  if (writeState) {
    const xml = stateSheetXml(stateRows(state));
    if (stateEntry) replaceSheet(pkg, stateEntry, xml, 'veryHidden', patches, dropRels);
    else entries.push(newParts.add(STATE_SHEET_NAME, xml, 'veryHidden'));
  }

  // 5. Every new part's content, computed before the package changes (any of them may refuse).
  const out = new Map<string, string>();
  for (const [part, patch] of patches) {
    if (!patch.changed) continue;
    const xml = patch.toXml(styles);
    if (xml === null) throw new Unsupported();
    out.set(part, xml);
  }
  for (const e of entries) if (e.newXml !== undefined) out.set(e.part!, e.newXml);
  if (out.size > 0) {
    if (styles.changed) out.set(parts.stylesPart!, styles.toXml());
    const remove = new Set<string>(dropRels);
    const names = definedNamesXml(plan, applied);
    workbookParts(pkg, parts, wbRoot, entries, newParts, formulaWithoutValue, names, out, remove);
    for (const name of remove) pkg.delete(name);
    for (const [name, xml] of out) pkg.set(name, xml);
    writeSheetCharts(pkg, charts);
  }

  const sheetNames = new Map(applied.map((s) => [s.desired, s.name] as [string, string]));
  return { sheets: applied, sheetNames, cellsWritten, conditionalFormatsAdded: added, conditionalFormatsRemoved: removed, validatedCells: 0, state };
}

type RequireSheet = (name: string) => { entry: SheetEntry; patch: WorksheetPatch };

/** write.ts validatePlan, in the same order (the same error for the same plan). */
function validatePlan(plan: WritePlan, requireSheet: RequireSheet): void {
  // parseA1 takes "A0" and "XFE1"; ExcelJS decides what becomes of those, this writer would only
  // make a file outside the grid (§18.3.1.4: rows 1…1048576, columns A…XFD).
  const inGrid = (row: number, col: number) => {
    if (row < 1 || row > 1048576 || col < 1 || col > 16384) throw new Unsupported();
  };
  const checkAddress = (address: string, sheet: string) => {
    let p: { row: number; col: number };
    try {
      p = parseA1(address);
    } catch {
      throw new WorkbookWriteError('invalid-address', `${sheet}!${address}`);
    }
    inGrid(p.row, p.col);
    return p;
  };
  const checkRange = (range: string, sheet: string) => {
    let g: ReturnType<typeof parseRange>;
    try {
      g = parseRange(range);
    } catch {
      throw new WorkbookWriteError('invalid-address', `${sheet}!${range}`);
    }
    inGrid(g.top, g.left);
    inGrid(g.bottom, g.right);
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
 * removes it and adds one with the same orderNo). Its relationships part goes with its old content;
 * a sheet of ours that has gained related parts (a chart the user drew on it) is left to ExcelJS.
 */
function replaceSheet(
  pkg: XlsxPackage,
  entry: SheetEntry,
  xml: string,
  state: SheetEntry['state'],
  patches: Map<string, WorksheetPatch>,
  dropRels: string[],
): void {
  if (!entry.isWorksheet || !entry.part) throw new Unsupported();
  // (Our own chart of the sheet, patch-chart.ts, goes with it and is written again.)
  const ownCharts = ownedChartParts(pkg, entry.part);
  if (readRelationships(pkg, entry.part).length > 0 && !ownCharts) throw new Unsupported();
  const rels = findPart(pkg, relsPartOf(entry.part));
  if (rels) dropRels.push(rels);
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

  add(name: string, xml: string, state: SheetEntry['state']): SheetEntry {
    while (this.relIds.has(`rId${this.nextRel}`)) this.nextRel++;
    const relId = `rId${this.nextRel++}`;
    this.relIds.add(relId);
    let n = 1;
    // A leftover relationships part of a deleted sheet would give the new part its relationships.
    const taken = (p: string) =>
      !!findPart(this.pkg, p) || !!findPart(this.pkg, relsPartOf(p)) || this.added.some((e) => e.part?.toLowerCase() === p.toLowerCase());
    while (taken(`${this.dir}worksheets/sheet${n}.xml`)) n++;
    const entry: SheetEntry = { name, sheetId: this.nextSheetId++, relId, part: `${this.dir}worksheets/sheet${n}.xml`, isWorksheet: true, state, newXml: xml };
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
  out: Map<string, string>,
  remove: Set<string>,
): void {
  const relPrefix = new RegExp(`xmlns:(\\w+)="${REL_NS.replace(/[./]/g, '\\$&')}"`).exec(wbRoot.head)?.[1];
  if (!relPrefix && newParts.added.length > 0) throw new Unsupported();
  const sheetTag = (e: SheetEntry) =>
    e.tag ?? `<sheet name="${escapeXmlAttr(e.name)}" sheetId="${e.sheetId}"${e.state === 'visible' ? '' : ` state="${e.state}"`} ${relPrefix}:id="${e.relId}"/>`;
  const at = wbRoot.children.findIndex((c) => c.name === 'sheets');
  wbRoot.children[at] = { name: 'sheets', xml: `${startTag(wbRoot.children[at].xml)}${entries.map(sheetTag).join('')}</sheets>` };
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
    if (rels === undefined || !rels.includes('</Relationships>')) throw new Unsupported();
    if (calcChain) rels = rels.replace(/<Relationship\b[^>]*>(?:<\/Relationship>)?/g, (m) => (parseAttributes(m).Id === calcChain.id ? '' : m));
    const added = newParts.added
      .map((e) => `<Relationship Id="${e.relId}" Type="${REL_TYPES.worksheet}" Target="${escapeXmlAttr(newParts.target(e))}"/>`)
      .join('');
    out.set(relsPart, rels.replace('</Relationships>', `${added}</Relationships>`));
  }

  if (newParts.added.length > 0 || calcChainPart) {
    let types = pkg.text(CONTENT_TYPES);
    if (types === undefined || !types.includes('</Types>')) throw new Unsupported();
    if (calcChainPart) {
      types = types.replace(/<Override\b[^>]*>(?:<\/Override>)?/g, (m) =>
        (parseAttributes(m).PartName ?? '').replace(/^\//, '').toLowerCase() === calcChainPart.toLowerCase() ? '' : m,
      );
    }
    const overrides = newParts.added.map((e) => `<Override PartName="/${escapeXmlAttr(e.part!)}" ContentType="${WORKSHEET_CONTENT_TYPE}"/>`).join('');
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
    if (!sheet) throw new Unsupported(); // a name over a sheet this plan does not write
    out.set(n.name.toUpperCase(), `<definedName name="${escapeXmlAttr(n.name)}">${escapeXmlText(definedNameReference(sheet, n.range))}</definedName>`);
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
    // A state sheet the reader cannot read: the ExcelJS writer decides.
    throw new Unsupported();
  }
}
