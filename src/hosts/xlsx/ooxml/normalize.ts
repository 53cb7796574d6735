/**
 * Package forms the standard allows that the patch writer edits in one form only (issue #16):
 * SpreadsheetML under a namespace prefix (`<x:c>`, as the Open XML SDK writes it), ISO/IEC 29500
 * Strict namespaces, and macro-enabled or template workbooks (results are macro-free .xlsx files).
 * Each is turned into the transitional, unprefixed form before patching; a part the plan does not
 * touch keeps its bytes, except where the whole package must change (Strict, macros): a package
 * mixing Strict and Transitional parts, or an .xlsx holding a VBA project, is what Excel refuses.
 * Rows and cells without `r` are numbered where they are patched (patch-sheet.ts).
 */
import type { XlsxPackage } from './package';
import { findPart, readRelationships, relsPartOf, resolveTarget } from './workbook';
import { escapeXmlAttr, parseAttributes } from './xml';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const CONTENT_TYPES = '[Content_Types].xml';
export const WORKBOOK_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

/** Workbook content types turned into WORKBOOK_CONTENT_TYPE: macro-enabled workbooks, templates, add-ins. */
const CONVERTIBLE_WORKBOOK_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  'application/vnd.ms-excel.template.macroEnabled.main+xml',
  'application/vnd.ms-excel.addin.macroEnabled.main+xml',
]);

/** A package this writer cannot make into a transitional, macro-free .xlsx; `detail` says why (English, for the log). */
export class NotNormalizable extends Error {}

/**
 * The part with its SpreadsheetML elements unprefixed (`<x:c>` → `<c>`, the main namespace made
 * the default one on the root), or the part as it is when its root has no prefix. The prefix's
 * declaration stays, so anything else written with it keeps its meaning.
 */
export function unprefixed(xml: string): string {
  const root = /<(?![?!])(?:([A-Za-z_][\w.-]*):)?[A-Za-z_][\w.-]*[^>]*>/.exec(xml);
  const prefix = root?.[1];
  if (!root || !prefix) return xml;
  const a = parseAttributes(root[0]);
  if (a[`xmlns:${prefix}`] !== MAIN_NS) return xml;
  if (a.xmlns !== undefined && a.xmlns !== MAIN_NS) throw new NotNormalizable(`a default namespace beside the ${prefix}: prefix`);
  const tags = new RegExp(`<(/?)${prefix}:`, 'g');
  let out = xml.replace(tags, '<$1');
  if (a.xmlns === undefined) {
    const start = root.index;
    const nameEnd = out.slice(start).search(/[\s/>]/) + start;
    out = `${out.slice(0, nameEnd)} xmlns="${MAIN_NS}"${out.slice(nameEnd)}`;
  }
  return out;
}

// ISO/IEC 29500-1 Strict namespaces and relationship types → their Transitional names (ECMA-376
// Part 1 §A, Part 4 §A). Longer names first: a prefix replacement must not catch a longer name.
const STRICT: readonly [string, string][] = [
  [
    'http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties',
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties',
  ],
  [
    'http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties',
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties',
  ],
  ['http://purl.oclc.org/ooxml/officeDocument/relationships', 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'],
  [
    'http://purl.oclc.org/ooxml/officeDocument/extendedProperties',
    'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  ],
  ['http://purl.oclc.org/ooxml/officeDocument/customProperties', 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties'],
  ['http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes', 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes'],
  ['http://purl.oclc.org/ooxml/officeDocument/sharedTypes', 'http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes'],
  ['http://purl.oclc.org/ooxml/officeDocument/customXml', 'http://schemas.openxmlformats.org/officeDocument/2006/customXml'],
  ['http://purl.oclc.org/ooxml/officeDocument/bibliography', 'http://schemas.openxmlformats.org/officeDocument/2006/bibliography'],
  ['http://purl.oclc.org/ooxml/officeDocument/math', 'http://schemas.openxmlformats.org/officeDocument/2006/math'],
  ['http://purl.oclc.org/ooxml/spreadsheetml/main', MAIN_NS],
  ['http://purl.oclc.org/ooxml/drawingml/main', 'http://schemas.openxmlformats.org/drawingml/2006/main'],
  ['http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing', 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing'],
  ['http://purl.oclc.org/ooxml/drawingml/chartDrawing', 'http://schemas.openxmlformats.org/drawingml/2006/chartDrawing'],
  ['http://purl.oclc.org/ooxml/drawingml/chart', 'http://schemas.openxmlformats.org/drawingml/2006/chart'],
  ['http://purl.oclc.org/ooxml/drawingml/picture', 'http://schemas.openxmlformats.org/drawingml/2006/picture'],
  ['http://purl.oclc.org/ooxml/drawingml/diagram', 'http://schemas.openxmlformats.org/drawingml/2006/diagram'],
  ['http://purl.oclc.org/ooxml/schemaLibrary/main', 'http://schemas.openxmlformats.org/schemaLibrary/2006/main'],
];

export const isStrict = (workbookXml: string): boolean => workbookXml.includes('http://purl.oclc.org/ooxml/');

/**
 * Every XML part of a Strict package under the Transitional names (a package is one or the other),
 * `conformance="strict"` dropped from the workbook. A Strict name this table does not know: refused.
 */
export function strictToTransitional(pkg: XlsxPackage, workbookPart: string): void {
  for (const name of pkg.names()) {
    if (!/\.(xml|rels|vml)$/i.test(name) && name !== CONTENT_TYPES) continue;
    const xml = pkg.text(name);
    if (xml === undefined || !xml.includes('http://purl.oclc.org/ooxml/')) continue;
    let out = xml;
    for (const [strict, transitional] of STRICT) out = out.split(strict).join(transitional);
    if (out.includes('http://purl.oclc.org/ooxml/'))
      throw new NotNormalizable(`${name}: a Strict namespace without a Transitional equivalent`);
    if (name === workbookPart) out = out.replace(/(<(?:\w+:)?workbook\b[^>]*?)\s+conformance="strict"/, '$1');
    pkg.set(name, out);
  }
}

// ---------------------------------------------------------------------------------------------
// Macro-free: an .xlsm (or a template) written as an .xlsx.

const VBA_PROJECT_REL = 'http://schemas.microsoft.com/office/2006/relationships/vbaProject';
const MACRO_SHEET_RELS: readonly string[] = [
  'http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet',
  'http://schemas.microsoft.com/office/2006/relationships/xlIntlMacrosheet',
];
/** Ribbon customisations (customUI, customUI14): their buttons call the macros that are dropped. */
const CUSTOM_UI_RELS: readonly string[] = [
  'http://schemas.microsoft.com/office/2006/relationships/ui/extensibility',
  'http://schemas.microsoft.com/office/2007/relationships/ui/extensibility',
];
const PRINTER_SETTINGS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings';

/** The content type [Content_Types].xml gives a part (its Override, else its extension's Default). */
export function contentTypeOf(types: string, part: string): string | undefined {
  const lower = part.toLowerCase();
  for (const m of types.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)) {
    const a = parseAttributes(m[0]);
    if ((a.PartName ?? '').replace(/^\//, '').toLowerCase() === lower) return a.ContentType;
  }
  const ext = lower.slice(lower.lastIndexOf('.') + 1);
  for (const m of types.matchAll(/<(?:\w+:)?Default\b[^>]*>/g)) {
    const a = parseAttributes(m[0]);
    if ((a.Extension ?? '').toLowerCase() === ext) return a.ContentType;
  }
  return undefined;
}

/** True when the workbook is macro-enabled or a template: written as an .xlsx by makeMacroFree. */
export function needsMacroFree(pkg: XlsxPackage, workbookPart: string): boolean {
  const type = contentTypeOf(pkg.text(CONTENT_TYPES) ?? '', workbookPart);
  if (type === WORKBOOK_CONTENT_TYPE) return false;
  if (type !== undefined && CONVERTIBLE_WORKBOOK_TYPES.has(type)) return true;
  throw new NotNormalizable(`the workbook part's content type is ${type ?? 'missing'}`);
}

/**
 * The package as a macro-free workbook: the VBA project (with its signatures) and the ribbon
 * customisations that call it removed, with their relationships and content types; the workbook's
 * content type the .xlsx one. Excel 4.0 macro sheets are sheets of the workbook: refused.
 */
export function makeMacroFree(pkg: XlsxPackage, workbookPart: string): void {
  const workbookRels = readRelationships(pkg, workbookPart);
  if (workbookRels.some((r) => MACRO_SHEET_RELS.includes(r.type))) throw new NotNormalizable('Excel 4.0 macro sheets');
  const drop = new Set<string>();
  const dropWithRelated = (part: string | undefined) => {
    const name = part && findPart(pkg, part);
    if (!name || drop.has(name)) return;
    drop.add(name);
    for (const r of readRelationships(pkg, name)) if (r.part) dropWithRelated(r.part);
    const rels = findPart(pkg, relsPartOf(name));
    if (rels) drop.add(rels);
  };
  for (const r of workbookRels) if (r.type === VBA_PROJECT_REL) dropWithRelated(r.part);
  removeRelationships(pkg, workbookPart, (r) => r.type === VBA_PROJECT_REL);
  for (const r of readRelationships(pkg, '')) if (CUSTOM_UI_RELS.includes(r.type)) dropWithRelated(r.part);
  removeRelationships(pkg, '', (r) => CUSTOM_UI_RELS.includes(r.type));
  for (const name of drop) pkg.delete(name);

  let types = pkg.text(CONTENT_TYPES) ?? '';
  const dropped = new Set([...drop].map((n) => n.toLowerCase()));
  types = types.replace(/<(?:\w+:)?Override\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?Override>)/g, (m) => {
    const a = parseAttributes(m);
    const part = (a.PartName ?? '').replace(/^\//, '').toLowerCase();
    if (dropped.has(part)) return '';
    return part === workbookPart.toLowerCase()
      ? `<Override PartName="${escapeXmlAttr(a.PartName!)}" ContentType="${WORKBOOK_CONTENT_TYPE}"/>`
      : m;
  });
  // Excel gives .bin the VBA project's type by Default and printer settings an Override each.
  types = types.replace(/<(?:\w+:)?Default\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?Default>)/g, (m) => {
    const a = parseAttributes(m);
    if (!/vbaProject/i.test(a.ContentType ?? '')) return m;
    const ext = (a.Extension ?? '').toLowerCase();
    const left = pkg.names().filter((n) => n.toLowerCase().endsWith(`.${ext}`) && contentTypeOf(types, n) === a.ContentType);
    return left.length > 0 ? `<Default Extension="${escapeXmlAttr(a.Extension ?? '')}" ContentType="${PRINTER_SETTINGS_TYPE}"/>` : '';
  });
  if (contentTypeOf(types, workbookPart) !== WORKBOOK_CONTENT_TYPE)
    throw new NotNormalizable('no content type entry for the workbook part');
  pkg.set(CONTENT_TYPES, types);
}

/** The relationships part of `source` without the relationships `which` picks. */
function removeRelationships(pkg: XlsxPackage, source: string, which: (r: { type: string; part?: string }) => boolean): void {
  const relsName = findPart(pkg, relsPartOf(source));
  const xml = relsName ? pkg.text(relsName) : undefined;
  if (!relsName || xml === undefined) return;
  let changed = false;
  const out = xml.replace(/<(?:\w+:)?Relationship\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?Relationship>)/g, (m) => {
    const a = parseAttributes(m);
    const rel = { type: a.Type ?? '', part: a.TargetMode === 'External' || !a.Target ? undefined : resolveTarget(source, a.Target) };
    if (!which(rel)) return m;
    changed = true;
    return '';
  });
  if (changed) pkg.set(relsName, out);
}
