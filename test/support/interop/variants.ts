/**
 * Package variants of one .xlsx, each a form ECMA-376 allows and real writers use, made from the
 * project's own samples for the interoperability corpus (issue #16). Each keeps the workbook's
 * content: a reader that follows the standard gives the same figures for all of them.
 */
import { nodeZipCodec } from '../../../src/hosts/xlsx/node';
import { readXlsxPackage, writeXlsxPackage, type XlsxPackage } from '../../../src/hosts/xlsx/ooxml/package';
import { translateSharedFormula } from '../../../src/hosts/xlsx/ooxml/read-snapshot';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export type Variant = 'x-prefix' | 'no-r' | 'renamed-parts' | 'strict' | 'date1904' | 'rich-text' | 'inline-strings' | 'shared-formulas';
export const VARIANTS: Variant[] = [
  'x-prefix',
  'no-r',
  'renamed-parts',
  'strict',
  'date1904',
  'rich-text',
  'inline-strings',
  'shared-formulas',
];

const isSheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(name);
const isSml = (name: string) => isSheet(name) || ['xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'].includes(name);

function edit(pkg: XlsxPackage, which: (name: string) => boolean, fn: (xml: string, name: string) => string): void {
  for (const name of pkg.names()) if (which(name)) pkg.set(name, fn(pkg.text(name)!, name));
}

/** The variant of an .xlsx's bytes. */
export async function makeVariant(bytes: Uint8Array, variant: Variant): Promise<Uint8Array> {
  const pkg = (await readXlsxPackage(bytes, 'variant.xlsx', {}, nodeZipCodec))!;
  VARIANT_EDITS[variant](pkg);
  return writeXlsxPackage(pkg, nodeZipCodec);
}

const VARIANT_EDITS: Record<Variant, (pkg: XlsxPackage) => void> = {
  // SpreadsheetML under a prefix, as the Open XML SDK writes it (`<x:c>`).
  'x-prefix': (pkg) =>
    edit(pkg, isSml, (xml) =>
      xml
        .replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`)
        .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, (m, slash: string, name: string) => `<${slash}x:${name}`),
    ),
  // Rows and cells without `r` wherever it is implied (the next row, the next column).
  'no-r': (pkg) => edit(pkg, isSheet, dropImpliedReferences),
  // Parts under other names, the workbook's relationships pointing to them with absolute targets.
  'renamed-parts': renameParts,
  // ISO/IEC 29500 Strict namespaces and relationship types.
  strict: (pkg) => {
    edit(
      pkg,
      (n) => n.endsWith('.xml') || n.endsWith('.rels'),
      (xml) =>
        xml
          .split(MAIN)
          .join('http://purl.oclc.org/ooxml/spreadsheetml/main')
          .split(RELATIONSHIPS)
          .join('http://purl.oclc.org/ooxml/officeDocument/relationships'),
    );
    edit(
      pkg,
      (n) => n === 'xl/workbook.xml',
      (xml) => xml.replace(/<workbook\b/, '<workbook conformance="strict"'),
    );
  },
  // The 1904 date system (scores are numbers, not dates: the figures do not move).
  date1904: (pkg) =>
    edit(
      pkg,
      (n) => n === 'xl/workbook.xml',
      (xml) =>
        /<workbookPr\b/.test(xml)
          ? xml.replace(/<workbookPr\b/, '<workbookPr date1904="1"')
          : xml.replace(/(<workbook\b[^>]*>)/, '$1<workbookPr date1904="1"/>'),
    ),
  // Every shared string as rich text: runs, the first one bold.
  'rich-text': (pkg) =>
    edit(
      pkg,
      (n) => n === 'xl/sharedStrings.xml',
      (xml) => xml.replace(/<si><t(?: [^>]*)?>([^<]*)<\/t><\/si>/g, (_m, t: string) => `<si>${runs(t)}</si>`),
    ),
  // Every shared string cell as an inline string.
  'inline-strings': inlineStrings,
  // A row's formulas that are one formula moved along the row, as one shared formula (as Excel saves them).
  'shared-formulas': (pkg) => edit(pkg, isSheet, shareFormulas),
};

function runs(text: string): string {
  const cut = text.indexOf(' ');
  if (cut <= 0) return `<r><rPr><b/></rPr><t>${text}</t></r>`;
  return `<r><rPr><b/></rPr><t>${text.slice(0, cut)}</t></r><r><t xml:space="preserve">${text.slice(cut)}</t></r>`;
}

function columnOf(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)![0]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function dropImpliedReferences(xml: string): string {
  let lastRow = 0;
  let lastCol = 0;
  return xml.replace(/<(row|c)\b([^>]*?)\s+r="([^"]+)"/g, (m, tag: string, before: string, ref: string) => {
    if (tag === 'row') {
      const n = Number(ref);
      const implied = n === lastRow + 1;
      lastRow = n;
      lastCol = 0;
      return implied ? `<row${before}` : m;
    }
    const col = columnOf(ref);
    const implied = col === lastCol + 1;
    lastCol = col;
    return implied ? `<c${before}` : m;
  });
}

function renameParts(pkg: XlsxPackage): void {
  const moves = new Map<string, string>();
  for (const name of pkg.names()) {
    const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
    if (sheet) moves.set(name, `xl/tabs/tab-${sheet[1]}.xml`);
  }
  if (pkg.has('xl/sharedStrings.xml')) moves.set('xl/sharedStrings.xml', 'xl/text/strings.xml');
  for (const [from, to] of moves) {
    pkg.set(to, pkg.bytes(from)!);
    pkg.delete(from);
    const rels = from.replace(/([^/]+)$/, '_rels/$1.rels');
    if (pkg.has(rels)) {
      // The sheet's own relationships move with it; its relative targets (../drawings/…) stay right at the same depth.
      pkg.set(to.replace(/([^/]+)$/, '_rels/$1.rels'), pkg.bytes(rels)!);
      pkg.delete(rels);
    }
  }
  edit(
    pkg,
    (n) => n === 'xl/_rels/workbook.xml.rels',
    (xml) =>
      xml.replace(/Target="([^"]+)"/g, (m, target: string) => {
        const part = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
        const to = moves.get(part);
        return to ? `Target="/${to}"` : m;
      }),
  );
  edit(
    pkg,
    (n) => n === '[Content_Types].xml',
    (xml) => xml.replace(/PartName="\/([^"]+)"/g, (m, part: string) => (moves.has(part) ? `PartName="/${moves.get(part)}"` : m)),
  );
}

function inlineStrings(pkg: XlsxPackage): void {
  const sst = pkg.text('xl/sharedStrings.xml');
  if (sst === undefined) return;
  const items = [...sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[1] ?? '');
  edit(pkg, isSheet, (xml) =>
    xml.replace(
      /<c\b([^>]*?) t="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
      (_m, a: string, b: string, i: string) => `<c${a} t="inlineStr"${b}><is>${items[Number(i)]}</is></c>`,
    ),
  );
}

function shareFormulas(xml: string): string {
  let si = 0;
  return xml.replace(/<row\b[\s\S]*?<\/row>/g, (row) => {
    const cells = [...row.matchAll(/<c r="([A-Z]+\d+)"([^>]*)><f>([^<]+)<\/f>/g)];
    if (cells.length < 2) return row;
    const [master, ...rest] = cells;
    const followers = rest.filter((c) => translateSharedFormula(master[3], master[1], c[1]) === c[3]);
    if (followers.length === 0) return row;
    const id = si++;
    const last = followers[followers.length - 1][1];
    let out = row.replace(
      master[0],
      `<c r="${master[1]}"${master[2]}><f t="shared" ref="${master[1]}:${last}" si="${id}">${master[3]}</f>`,
    );
    for (const c of followers) out = out.replace(c[0], `<c r="${c[1]}"${c[2]}><f t="shared" si="${id}"/>`);
    return out;
  });
}

/**
 * The package made an .xlsm holding an Excel 4.0 macro sheet (a sheet type an .xlsx cannot hold:
 * the writer must refuse it rather than drop it).
 */
export function addExcel4MacroSheet(pkg: XlsxPackage): void {
  pkg.set(
    '[Content_Types].xml',
    pkg.text('[Content_Types].xml')!.replace('spreadsheetml.sheet.main+xml', 'ms-excel.sheet.macroEnabled.main+xml'),
  );
  pkg.set(
    'xl/_rels/workbook.xml.rels',
    pkg
      .text('xl/_rels/workbook.xml.rels')!
      .replace(
        '</Relationships>',
        '<Relationship Id="rId90" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>',
      ),
  );
}
