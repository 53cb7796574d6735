/**
 * Element-level editing of machine-written SpreadsheetML parts for the patch writer: split a root
 * element into its direct children, put a new child where the schema's sequence wants it, and
 * rebuild the part. Everything outside the children that are edited is kept byte for byte.
 */

export interface XmlChild {
  /** Qualified name as written (`sheetData`, `mc:AlternateContent`). */
  name: string;
  /** The child's whole source, start tag to end tag. */
  xml: string;
}

export interface SplitElement {
  /** Everything up to and including the root's start tag (declaration, namespaces). */
  head: string;
  /** The root's direct children in document order (whitespace between them dropped). */
  children: XmlChild[];
  /** The root's end tag and anything after it. */
  tail: string;
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>/g;

/**
 * The direct children of the root element named `root` (no prefix: transitional parts written by
 * Excel, ExcelJS and LibreOffice use the default namespace). Null when the part does not have that
 * shape (a prefixed root, unbalanced tags): the caller falls back to the ExcelJS writer.
 * `skipInside` names children whose content is skipped by searching their end tag directly
 * (sheetData holds nearly all of a worksheet; scanning its tags would cost more than the rest).
 */
export function splitRoot(xml: string, root: string, skipInside: readonly string[] = []): SplitElement | null {
  const start = new RegExp(`<${root}[\\s>]`).exec(xml);
  if (!start) return null;
  const headEnd = xml.indexOf('>', start.index);
  if (headEnd < 0 || xml[headEnd - 1] === '/') return null;
  const head = xml.slice(0, headEnd + 1);
  const children: XmlChild[] = [];
  TAG.lastIndex = headEnd + 1;
  let depth = 0;
  let childStart = -1;
  let childName = '';
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    if (m[2] === undefined) continue; // comment, processing instruction, CDATA
    const closing = m[1] === '/';
    const selfClosing = m[3] === '/';
    const name = m[2];
    if (depth === 0) {
      if (closing) {
        if (name !== root) return null;
        return { head, children, tail: xml.slice(m.index) };
      }
      if (selfClosing) {
        children.push({ name, xml: m[0] });
        continue;
      }
      childStart = m.index;
      childName = name;
      if (skipInside.includes(name)) {
        const endTag = `</${name}>`;
        const end = xml.indexOf(endTag, TAG.lastIndex);
        if (end < 0) return null;
        TAG.lastIndex = end + endTag.length;
        children.push({ name, xml: xml.slice(childStart, TAG.lastIndex) });
        continue;
      }
      depth = 1;
      continue;
    }
    if (closing) {
      depth--;
      if (depth === 0) {
        if (name !== childName) return null;
        children.push({ name: childName, xml: xml.slice(childStart, m.index + m[0].length) });
      }
    } else if (!selfClosing) depth++;
  }
  return null;
}

export const joinRoot = (e: SplitElement): string => e.head + e.children.map((c) => c.xml).join('') + e.tail;

/**
 * Insert `child` where the schema's sequence `order` puts it: after every existing child that
 * comes before it or has the same name, before the first that comes after it. Children the list
 * does not know (mc:AlternateContent…) stay where they are.
 */
export function insertInOrder(e: SplitElement, child: XmlChild, order: readonly string[]): void {
  const rank = order.indexOf(child.name);
  let at = e.children.length;
  for (let i = 0; i < e.children.length; i++) {
    const r = order.indexOf(e.children[i].name);
    if (r > rank) {
      at = i;
      break;
    }
  }
  e.children.splice(at, 0, child);
}

/** Set (or with `undefined` remove) one attribute of a start tag's source. */
export function setAttribute(tag: string, name: string, value: string | undefined): string {
  const re = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, value === undefined ? '' : ` ${name}="${value}"`);
  if (value === undefined) return tag;
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}="${value}"${tag.slice(end)}`;
}

/** The start tag of an element's source (`<cols>` of `<cols>…</cols>`). */
export const startTag = (xml: string): string => xml.slice(0, xml.indexOf('>') + 1);

/**
 * The elements named `name` inside a collection's source (`<font>` in `<fonts>`), each whole.
 * Only for elements that do not nest themselves (font, fill, border, xf, dxf, numFmt, cfRule).
 */
export function elementsOf(xml: string, name: string): string[] {
  const re = new RegExp(`<${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, 'g');
  return xml.match(re) ?? [];
}
