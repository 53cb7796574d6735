/**
 * The styles part (ECMA-376 Part 1, §18.8) for the patch writer: new cell formats (xf) for the
 * cells a plan writes or styles, new differential formats (dxf) for highlights. Existing entries
 * are never changed (other cells share them), only appended to; every collection keeps its
 * schema order (§18.8.39 CT_Stylesheet) and a correct `count`.
 */
import type { CellStyle, HighlightStyle } from '../../../core/plan';
import { CELL_STYLES, HIGHLIGHT_COLORS, PALETTE, type StyleSpec } from '../../palette';
import { escapeXmlAttr, parseAttributes } from './xml';
import { elementsOf, insertInOrder, joinRoot, setAttribute, splitRoot, startTag, type SplitElement } from './patch-xml';

/** §18.8.39: the children of styleSheet in schema order. */
const STYLESHEET_ORDER: readonly string[] = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
];

/** CT_Font's children in the order Excel writes them (§18.8.22; the schema allows any order). */
const FONT_ORDER: readonly string[] = [
  'b',
  'i',
  'strike',
  'condense',
  'extend',
  'outline',
  'shadow',
  'u',
  'vertAlign',
  'sz',
  'color',
  'name',
  'family',
  'charset',
  'scheme',
];

/** Built-in number formats (§18.8.30) as ExcelJS maps format codes to ids. */
const BUILTIN_NUMFMTS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '# ?/?': 12,
  '# ??/??': 13,
  'mm-dd-yy': 14,
  'd-mmm-yy': 15,
  'd-mmm': 16,
  'mmm-yy': 17,
  'h:mm AM/PM': 18,
  'h:mm:ss AM/PM': 19,
  'h:mm': 20,
  'h:mm:ss': 21,
  'm/d/yy "h":mm': 22,
  '#,##0 ;(#,##0)': 37,
  '#,##0 ;[Red](#,##0)': 38,
  '#,##0.00 ;(#,##0.00)': 39,
  '#,##0.00 ;[Red](#,##0.00)': 40,
  'mm:ss': 45,
  '[h]:mm:ss': 46,
  'mmss.0': 47,
  '##0.0E+0': 48,
  '@': 49,
};

/** The formatting of a new cell of a generated sheet, built the way write.ts builds ExcelJS styles. */
export interface CellFormat {
  numFmt?: string;
  font?: { bold?: boolean; italic?: boolean; size?: number; color?: string; underline?: boolean };
  /** Solid fill colour (ARGB). */
  fill?: string;
  /** Thin borders on four sides in the palette's colour. */
  border?: boolean;
  alignment?: { wrapText?: boolean; horizontal?: string; vertical?: string };
}

/** styles.ts `withSpec` on a CellFormat: a new object, the base left as it was. */
export function withSpec(base: CellFormat, spec: StyleSpec): CellFormat {
  const out: CellFormat = { ...base };
  if (spec.bold !== undefined || spec.italic !== undefined || spec.size !== undefined || spec.fontColor) {
    const font = { ...(out.font ?? {}) };
    if (spec.bold !== undefined) font.bold = spec.bold;
    if (spec.italic !== undefined) font.italic = spec.italic;
    if (spec.size !== undefined) font.size = spec.size;
    if (spec.fontColor) font.color = spec.fontColor;
    out.font = font;
  }
  if (spec.fill) out.fill = spec.fill;
  if (spec.border) out.border = true;
  if (spec.wrap !== undefined || spec.horizontal || spec.vertical) {
    const alignment = { ...(out.alignment ?? {}) };
    if (spec.wrap !== undefined) alignment.wrapText = spec.wrap;
    if (spec.horizontal) alignment.horizontal = spec.horizontal;
    if (spec.vertical) alignment.vertical = spec.vertical;
    out.alignment = alignment;
  }
  return out;
}

export const withCellStyle = (base: CellFormat, name: CellStyle): CellFormat => withSpec(base, CELL_STYLES[name]);
export const withLink = (base: CellFormat): CellFormat => ({
  ...base,
  font: { ...(base.font ?? {}), underline: true, color: PALETTE.link },
});

interface Collection {
  name: string;
  item: string;
  items: string[];
  /** Index of an item's XML, for appended items (existing ones are not merged). */
  added: Map<string, number>;
  changed: boolean;
}

export class StylesPatch {
  private readonly root: SplitElement;
  private readonly collections = new Map<string, Collection>();
  private readonly customFormats = new Map<string, number>();
  private nextNumFmtId = 164;
  private readonly xfWithNumFmtCache = new Map<string, number>();
  private readonly xfCache = new Map<string, number>();
  /** Formats already placed, by identity (generated sheets share one object per format: FormatInterner). */
  private readonly xfByObject = new WeakMap<CellFormat, number>();
  private readonly fontChildren: Map<string, string>;

  private constructor(root: SplitElement) {
    this.root = root;
    for (const [name, item] of [
      ['numFmts', 'numFmt'],
      ['fonts', 'font'],
      ['fills', 'fill'],
      ['borders', 'border'],
      ['cellXfs', 'xf'],
      ['dxfs', 'dxf'],
    ] as const) {
      const child = root.children.find((c) => c.name === name);
      this.collections.set(name, { name, item, items: child ? elementsOf(child.xml, item) : [], added: new Map(), changed: false });
    }
    for (const f of this.col('numFmts').items) {
      const a = parseAttributes(startTag(f));
      const id = Number(a.numFmtId);
      if (!Number.isInteger(id)) continue;
      if (a.formatCode !== undefined && !this.customFormats.has(a.formatCode)) this.customFormats.set(a.formatCode, id);
      if (id >= this.nextNumFmtId) this.nextNumFmtId = id + 1;
    }
    // New fonts start from the workbook's default font (name, family, scheme), as Excel's own do.
    this.fontChildren = new Map();
    const font0 = this.col('fonts').items[0] ?? '<font/>';
    const inner = font0.endsWith('/>') ? '' : font0.slice(startTag(font0).length, font0.lastIndexOf('</'));
    for (const m of inner.matchAll(/<(\w+)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g)) this.fontChildren.set(m[1], m[0]);
  }

  /** Null when the part is not a styleSheet this writer understands (the caller falls back). */
  static parse(xml: string): StylesPatch | null {
    const root = splitRoot(xml, 'styleSheet');
    if (!root) return null;
    const names = root.children.map((c) => c.name);
    if (!names.includes('fonts') || !names.includes('fills') || !names.includes('borders') || !names.includes('cellXfs')) return null;
    const p = new StylesPatch(root);
    if (p.col('fonts').items.length === 0 || p.col('cellXfs').items.length === 0) return null;
    return p;
  }

  private col(name: string): Collection {
    return this.collections.get(name)!;
  }

  private add(name: string, xml: string): number {
    const c = this.col(name);
    const known = c.added.get(xml);
    if (known !== undefined) return known;
    c.items.push(xml);
    c.changed = true;
    c.added.set(xml, c.items.length - 1);
    return c.items.length - 1;
  }

  get cellXfCount(): number {
    return this.col('cellXfs').items.length;
  }

  numFmtId(code: string): number {
    const builtin = BUILTIN_NUMFMTS[code];
    if (builtin !== undefined) return builtin;
    let id = this.customFormats.get(code);
    if (id === undefined) {
      id = this.nextNumFmtId++;
      this.customFormats.set(code, id);
      this.add('numFmts', `<numFmt numFmtId="${id}" formatCode="${escapeXmlAttr(code)}"/>`);
    }
    return id;
  }

  /** The cell format `s` with the number format `code`: a new xf (or one made earlier). */
  xfWithNumFmt(s: number, code: string): number {
    const key = `${s}\u0000${code}`;
    let i = this.xfWithNumFmtCache.get(key);
    if (i === undefined) {
      const xfs = this.col('cellXfs').items;
      const base = xfs[s] ?? xfs[0];
      const id = this.numFmtId(code);
      let tag = startTag(base);
      tag = setAttribute(tag, 'numFmtId', String(id));
      tag = setAttribute(tag, 'applyNumberFormat', '1');
      i = this.add('cellXfs', tag + base.slice(startTag(base).length));
      this.xfWithNumFmtCache.set(key, i);
    }
    return i;
  }

  /** The xf index of a new cell's format (0 for no format). */
  xfFor(format: CellFormat): number {
    const known = this.xfByObject.get(format);
    if (known !== undefined) return known;
    const key = JSON.stringify(format);
    let i = this.xfCache.get(key);
    if (i !== undefined) {
      this.xfByObject.set(format, i);
      return i;
    }
    if (!format.numFmt && !format.font && !format.fill && !format.border && !format.alignment) i = 0;
    else {
      const numFmtId = format.numFmt ? this.numFmtId(format.numFmt) : 0;
      const fontId = format.font ? this.add('fonts', this.fontXml(format.font)) : 0;
      const fillId = format.fill ? this.add('fills', solidFill(format.fill)) : 0;
      const borderId = format.border ? this.add('borders', thinBorder()) : 0;
      let xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`;
      if (format.numFmt) xf += ' applyNumberFormat="1"';
      if (format.font) xf += ' applyFont="1"';
      if (format.fill) xf += ' applyFill="1"';
      if (format.border) xf += ' applyBorder="1"';
      const al = format.alignment;
      if (al) {
        let a = '<alignment';
        if (al.horizontal) a += ` horizontal="${al.horizontal}"`;
        // §18.18.88 ST_VerticalAlignment has "center", not "middle".
        if (al.vertical) a += ` vertical="${al.vertical === 'middle' ? 'center' : al.vertical}"`;
        if (al.wrapText !== undefined) a += ` wrapText="${al.wrapText ? 1 : 0}"`;
        xf += ` applyAlignment="1">${a}/></xf>`;
      } else xf += '/>';
      i = this.add('cellXfs', xf);
    }
    this.xfCache.set(key, i);
    this.xfByObject.set(format, i);
    return i;
  }

  private fontXml(font: NonNullable<CellFormat['font']>): string {
    const children = new Map(this.fontChildren);
    const flag = (name: string, on: boolean | undefined) => {
      if (on === undefined) return;
      if (on) children.set(name, `<${name}/>`);
      else children.delete(name);
    };
    flag('b', font.bold);
    flag('i', font.italic);
    if (font.underline) children.set('u', '<u/>');
    if (font.size !== undefined) children.set('sz', `<sz val="${font.size}"/>`);
    if (font.color) children.set('color', `<color rgb="${font.color}"/>`);
    return `<font>${FONT_ORDER.map((n) => children.get(n) ?? '').join('')}</font>`;
  }

  /** The dxf index of a highlight style (§18.8.14: font, numFmt, fill, … in that order). */
  dxfFor(style: HighlightStyle): number {
    const c = HIGHLIGHT_COLORS[style];
    return this.add('dxfs', `<dxf><font><color rgb="${c.font}"/></font>${solidFill(c.fill)}</dxf>`);
  }

  get changed(): boolean {
    return [...this.collections.values()].some((c) => c.changed);
  }

  toXml(): string {
    for (const c of this.collections.values()) {
      if (!c.changed) continue;
      const at = this.root.children.findIndex((x) => x.name === c.name);
      const open = at >= 0 ? startTag(this.root.children[at].xml).replace(/\/>$/, '>') : `<${c.name}>`;
      const xml = `${setAttribute(open, 'count', String(c.items.length))}${c.items.join('')}</${c.name}>`;
      if (at >= 0) this.root.children[at] = { name: c.name, xml };
      else insertInOrder(this.root, { name: c.name, xml }, STYLESHEET_ORDER);
    }
    return joinRoot(this.root);
  }
}

const solidFill = (argb: string) =>
  `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor rgb="${argb}"/></patternFill></fill>`;

function thinBorder(): string {
  const side = (n: string) => `<${n} style="thin"><color rgb="${PALETTE.border}"/></${n}>`;
  return `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`;
}
