/**
 * State-only saves and highlight removal as patches on an .xlsx package (the standalone page:
 * BrowserFileHost.saveState and clearHighlights). Only the parts that change are rewritten: the
 * state sheet, the worksheets whose highlights of ours are removed, and — when the workbook has
 * no state sheet yet — the three parts that list a new sheet (workbook.xml, its relationships,
 * [Content_Types].xml), each edited in place. Every other part (charts, pivot tables, drawings,
 * comments, the calculation chain) keeps its bytes, and so does its deflated form in the zip.
 *
 * The same rules as the patch writer (patch-plan.ts) and write.ts: a highlight is ours when the
 * state sheet records it (same range, same formula); protected sheets keep theirs. Functions
 * return null, before changing anything, for a package they do not handle (strict OOXML, a state
 * sheet that is not a plain worksheet, a worksheet of an unexpected shape).
 */
import { STATE_SHEET_NAME, emptyState, readState, stateRows, type OwnedConditionalFormat, type WorkbookState } from '../../../core/state';
import { DEFAULT_LIMITS } from '../zip';
import type { XlsxPackage } from './package';
import { NewParts, type SheetEntry } from './patch-plan';
import { REL_NS, WorksheetPatch, stateSheetXml } from './patch-sheet';
import { StylesPatch } from './patch-styles';
import { setAttribute } from './patch-xml';
import { packageToSnapshot } from './read-snapshot';
import { REL_TYPES, findPart, readRelationships, readWorkbookParts, type WorkbookParts, type WorkbookSheetEntry } from './workbook';
import { escapeXmlAttr, parseAttributes } from './xml';

const CONTENT_TYPES = '[Content_Types].xml';
const WORKSHEET_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/** Thrown inside this module for a package it does not handle; turned into `null`. */
class Unsupported extends Error {}

/** The workbook's sheets and its state sheet (undefined when it has none). */
interface Located {
  parts: WorkbookParts;
  workbookXml: string;
  stateSheet?: WorkbookSheetEntry & { part: string };
}

function locate(pkg: XlsxPackage): Located {
  let parts: WorkbookParts;
  try {
    parts = readWorkbookParts(pkg);
  } catch {
    throw new Unsupported();
  }
  const workbookXml = pkg.text(parts.workbookPart) ?? '';
  // Strict OOXML (ECMA-376 Part 1 §A.2): another namespace for every part this module writes.
  if (workbookXml.includes('purl.oclc.org/ooxml')) throw new Unsupported();
  const stateSheet = parts.sheets.find((s) => s.name === STATE_SHEET_NAME);
  if (!stateSheet) return { parts, workbookXml };
  if (stateSheet.type !== REL_TYPES.worksheet || !stateSheet.part) throw new Unsupported();
  return { parts, workbookXml, stateSheet: { ...stateSheet, part: stateSheet.part } };
}

/** The state the workbook records (write.ts readWorkbookState), read by the direct reader. */
function recordedState(pkg: XlsxPackage, at: Located): WorkbookState {
  if (!at.stateSheet) return emptyState();
  try {
    return readState(packageToSnapshot(pkg, undefined, DEFAULT_LIMITS, { sheets: [STATE_SHEET_NAME] }));
  } catch {
    throw new Unsupported();
  }
}

/**
 * The parts that record `state` (write.ts writeWorkbookState): the state sheet's part replaced
 * (and the sheet made very hidden again if someone showed it), or a new very hidden sheet listed
 * last. Returns the new content by part name; the package is not changed.
 */
function stateParts(pkg: XlsxPackage, at: Located, state: WorkbookState): Map<string, string> {
  const out = new Map<string, string>();
  const xml = stateSheetXml(stateRows(state));
  if (at.stateSheet) {
    // A state sheet that has gained related parts (a drawing on it) is not ours to rewrite.
    if (readRelationships(pkg, at.stateSheet.part).length > 0) throw new Unsupported();
    out.set(at.stateSheet.part, xml);
    if (at.stateSheet.state !== 'veryHidden')
      out.set(
        at.parts.workbookPart,
        withSheetTag(at.workbookXml, (tag) => setAttribute(tag, 'state', 'veryHidden')),
      );
    return out;
  }
  const entries: SheetEntry[] = at.parts.sheets.map((s) => ({ ...s, isWorksheet: s.type === REL_TYPES.worksheet }));
  const added = new NewParts(pkg, at.parts, entries);
  const entry = added.add(STATE_SHEET_NAME, xml, 'veryHidden');
  const relPrefix = new RegExp(`xmlns:(\\w+)="${REL_NS.replace(/[./]/g, '\\$&')}"`).exec(at.workbookXml)?.[1];
  const sheetsEnd = at.workbookXml.lastIndexOf('</sheets>');
  const rels = pkg.text(added.workbookRelsPart);
  const types = pkg.text(CONTENT_TYPES);
  if (!relPrefix || sheetsEnd < 0 || !rels?.includes('</Relationships>') || !types?.includes('</Types>')) throw new Unsupported();
  const tag = `<sheet name="${escapeXmlAttr(STATE_SHEET_NAME)}" sheetId="${entry.sheetId}" state="veryHidden" ${relPrefix}:id="${entry.relId}"/>`;
  out.set(at.parts.workbookPart, at.workbookXml.slice(0, sheetsEnd) + tag + at.workbookXml.slice(sheetsEnd));
  const rel = `<Relationship Id="${entry.relId}" Type="${REL_TYPES.worksheet}" Target="${escapeXmlAttr(added.target(entry))}"/>`;
  out.set(added.workbookRelsPart, rels.replace('</Relationships>', `${rel}</Relationships>`));
  out.set(
    CONTENT_TYPES,
    types.replace('</Types>', `<Override PartName="/${escapeXmlAttr(entry.part!)}" ContentType="${WORKSHEET_CONTENT_TYPE}"/></Types>`),
  );
  out.set(entry.part!, xml);
  return out;
}

/** workbook.xml with the state sheet's <sheet> tag changed by `edit`, every other byte kept. */
function withSheetTag(workbookXml: string, edit: (tag: string) => string): string {
  return workbookXml.replace(/<sheet\b[^>]*>/g, (tag) => (parseAttributes(tag).name === STATE_SHEET_NAME ? edit(tag) : tag));
}

function commit(pkg: XlsxPackage, parts: Map<string, string>): void {
  for (const [name, xml] of parts) pkg.set(findPart(pkg, name) ?? name, xml);
}

/**
 * Record a new state: `change` receives the state the workbook records and returns the one to
 * write (BrowserFileHost.saveState keeps what the tool owns and takes the user's decisions from
 * the pane). Returns the state written, or null (package unchanged) where this module declines.
 */
export function patchWorkbookState(pkg: XlsxPackage, change: (recorded: WorkbookState) => WorkbookState): WorkbookState | null {
  try {
    const at = locate(pkg);
    const state = change(recordedState(pkg, at));
    commit(pkg, stateParts(pkg, at, state));
    return state;
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/**
 * Remove every highlight this tool recorded (write.ts clearOwnedHighlights), except on protected
 * sheets, and record what is left. Returns how many conditional formats were removed, or null
 * (package unchanged) where this module declines. A workbook whose state records no highlight of
 * ours is left unchanged: 0.
 */
export function clearOwnedHighlightsInPackage(pkg: XlsxPackage): number | null {
  try {
    const at = locate(pkg);
    if (!at.stateSheet) return 0;
    const state = recordedState(pkg, at);
    if (state.ownedConditionalFormats.length === 0) return 0;
    const patches = new Map<string, WorksheetPatch>();
    const kept: OwnedConditionalFormat[] = [];
    let removed = 0;
    for (const o of state.ownedConditionalFormats) {
      const sheet = at.parts.sheets.find((s) => s.name === o.sheet);
      if (!sheet?.part || sheet.type !== REL_TYPES.worksheet) continue; // gone: forgotten, as write.ts does
      let patch = patches.get(sheet.part);
      if (!patch) {
        const parsed = WorksheetPatch.parse(pkg.text(sheet.part) ?? '');
        if (!parsed) throw new Unsupported();
        patches.set(sheet.part, (patch = parsed));
      }
      if (patch.isProtected) kept.push(o);
      else removed += patch.removeHighlights([o]);
    }
    const out = new Map<string, string>();
    const styles = stylesForPatches(pkg, at, patches);
    for (const [part, patch] of patches) if (patch.changed) out.set(part, patch.toXml(styles!) ?? fail());
    for (const [part, xml] of stateParts(pkg, at, { ...state, ownedConditionalFormats: kept })) out.set(part, xml);
    commit(pkg, out);
    return removed;
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/** The styles a worksheet patch serialises with (only cell writes use them; removal does not). */
function stylesForPatches(pkg: XlsxPackage, at: Located, patches: Map<string, WorksheetPatch>): StylesPatch | null {
  if (![...patches.values()].some((p) => p.changed)) return null;
  const xml = at.parts.stylesPart ? pkg.text(at.parts.stylesPart) : undefined;
  return (xml ? StylesPatch.parse(xml) : null) ?? fail();
}

function fail(): never {
  throw new Unsupported();
}
