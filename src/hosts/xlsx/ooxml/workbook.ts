/**
 * The workbook part and its relationships: which sheets there are, in which order, under which
 * names, and which part holds each (ECMA-376 Part 1, §18.2 workbook, Part 2 §9 relationships).
 */
import { WorkbookReadError } from '../errors';
import type { XlsxPackage } from './package';
import { parseAttributes } from './xml';

export const REL_TYPES = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
} as const;

export interface Relationship {
  id: string;
  type: string;
  /** The target as written. */
  target: string;
  external: boolean;
  /** The target as a part name (no leading '/'), for internal targets. */
  part?: string;
}

export interface WorkbookSheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  /** The worksheet part; undefined for a chart sheet, a dialog sheet or a broken relationship. */
  part: string | undefined;
  /** The relationship type (a worksheet, a chartsheet…). */
  type: string | undefined;
  state: 'visible' | 'hidden' | 'veryHidden';
}

export interface WorkbookParts {
  /** Usually `xl/workbook.xml`. */
  workbookPart: string;
  /** The workbook's relationships part (`xl/_rels/workbook.xml.rels`). */
  relsPart: string;
  relationships: Relationship[];
  /** Sheets in workbook order (the order of the tabs). */
  sheets: WorkbookSheetEntry[];
  stylesPart?: string;
}

/** The relationships part of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`). */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A relationship target resolved against the part that holds it, as a part name. */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return normalizePath(target.slice(1));
  const dir = sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1);
  return normalizePath(dir + target);
}

function normalizePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** The package's part of that name, matched without regard to case (zip tools differ). */
export function findPart(pkg: XlsxPackage, name: string): string | undefined {
  let percent: string | undefined;
  try {
    percent = decodeURI(name);
  } catch {
    percent = undefined;
  }
  if (pkg.has(name)) return name;
  if (percent && pkg.has(percent)) return percent;
  const lower = name.toLowerCase();
  const lowerDecoded = percent?.toLowerCase();
  return pkg.names().find((n) => n.toLowerCase() === lower || n.toLowerCase() === lowerDecoded);
}

export function readRelationships(pkg: XlsxPackage, sourcePart: string): Relationship[] {
  const relsName = findPart(pkg, relsPartOf(sourcePart));
  const xml = relsName ? pkg.text(relsName) : undefined;
  if (!xml) return [];
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = parseAttributes(m[0]);
    if (!a.Id || !a.Target) continue;
    const external = a.TargetMode === 'External';
    const rel: Relationship = { id: a.Id, type: a.Type ?? '', target: a.Target, external };
    if (!external) rel.part = resolveTarget(sourcePart, a.Target);
    out.push(rel);
  }
  return out;
}

/** The workbook part, its sheets and the parts they point to. Throws WorkbookReadError('unreadable'). */
export function readWorkbookParts(pkg: XlsxPackage, fileName?: string): WorkbookParts {
  const officeDoc = readRelationships(pkg, '').find((r) => r.type === REL_TYPES.officeDocument && r.part);
  const workbookPart = (officeDoc?.part && findPart(pkg, officeDoc.part)) || findPart(pkg, 'xl/workbook.xml');
  const xml = workbookPart ? pkg.text(workbookPart) : undefined;
  if (!workbookPart || !xml) throw new WorkbookReadError('not-a-workbook', { fileName });
  const relationships = readRelationships(pkg, workbookPart);
  const byId = new Map(relationships.map((r) => [r.id, r]));
  const sheets: WorkbookSheetEntry[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = parseAttributes(m[0]);
    const relId = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
    const rel = byId.get(relId);
    const part = rel?.part ? findPart(pkg, rel.part) : undefined;
    const state = a.state === 'hidden' ? 'hidden' : a.state === 'veryHidden' ? 'veryHidden' : 'visible';
    sheets.push({ name: a.name ?? '', sheetId: Number(a.sheetId), relId, part, type: rel?.type, state });
  }
  const partOf = (type: string) => {
    const r = relationships.find((x) => x.type === type && x.part);
    return r?.part ? findPart(pkg, r.part) : undefined;
  };
  return {
    workbookPart,
    relsPart: relsPartOf(workbookPart),
    relationships,
    sheets,
    stylesPart: partOf(REL_TYPES.styles),
  };
}
