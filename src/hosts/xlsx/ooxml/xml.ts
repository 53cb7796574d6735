/**
 * The little XML the direct reader and the patch writer need: SpreadsheetML parts are machine
 * written (one element per tag, attributes quoted, no DTD), so tags are found with regular
 * expressions, which run as native code from the first call (the command line always starts cold).
 */

/** The five entities XML predefines (XML 1.0 §4.6); SpreadsheetML has no DTD to declare more. */
const NAMED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** An entity or character reference, or a bare `&` (no `;`). Used with `replace` only: no state kept between calls. */
const REFERENCE = /&([^;&\s]*);?/g;
const CHARACTER_REFERENCE = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/;

/** Thrown by the strict decoders for text that is not well-formed XML; the reader refuses the part. */
export class NotWellFormedXml extends Error {}

/** XML 1.0 §2.2 Char: what a character reference may name (§4.1 WFC: Legal Character). */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** What `&…;` stands for (§4.1, §4.6: `amp`, `#38`, `#x26`), undefined for a reference XML does not define. */
function referenced(ref: string): string | undefined {
  if (ref[0] !== '#') return NAMED.get(ref);
  const m = CHARACTER_REFERENCE.exec(ref);
  const code = m ? parseInt(m[1] ?? m[2], m[1] === undefined ? 10 : 16) : NaN;
  return isXmlChar(code) ? String.fromCodePoint(code) : undefined;
}

/**
 * The one XML text decoder: references resolved; one that XML does not define, or a bare `&`, is
 * refused (`strict`: NotWellFormedXml, §4.1 WFC: Entity Declared, §2.4) or kept as written.
 */
function resolveReferences(s: string, strict: boolean): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(REFERENCE, (m: string, ref: string) => {
    const c = m.endsWith(';') ? referenced(ref) : undefined;
    if (c !== undefined) return c;
    if (strict) throw new NotWellFormedXml(m.endsWith(';') ? `undefined reference ${m}` : 'bare & in text');
    return m;
  });
}

/**
 * Text or an attribute value with its references resolved, leniently: what it does not define is
 * kept as written (the patch writer keeps what it does not understand; the reader has refused
 * such a part already).
 */
export function decodeXml(s: string): string {
  return resolveReferences(s, false);
}

/**
 * Character data as an XML parser reports it (the reader): line ends normalised (§2.11: CR LF and
 * a lone CR become LF), references resolved; NotWellFormedXml for an undefined one or a bare `&`.
 */
export function xmlText(raw: string): string {
  return resolveReferences(raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n'), true);
}

/** An attribute value as an XML parser reports it: line ends, then each whitespace character, a space (§3.3.3); strict as xmlText. */
export function xmlAttrText(raw: string): string {
  return resolveReferences(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n?|[\t\n]/g, ' ') : raw, true);
}

// Characters XML 1.0 does not allow at all (C0 controls but tab, CR, LF; lone surrogates; U+FFFE/F).
/* eslint-disable no-control-regex -- these control characters are exactly what the pattern must find */
const INVALID_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */

/** Text content escaped for an element; characters XML cannot carry are written as Excel does (_xHHHH_). */
export function escapeXmlText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INVALID_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** A value escaped for a double-quoted attribute. */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/**
 * The attributes of one start tag's source (`<c r="A1" t="s">`), values decoded (leniently by
 * default; the reader passes xmlAttrText); names as written.
 */
export function parseAttributes(tag: string, decode: (raw: string) => string = decodeXml): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  // Skip the element name itself.
  const start = tag.search(/[\s/>]/);
  re.lastIndex = start < 0 ? tag.length : start;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out[m[1]] = decode(m[2] ?? m[3] ?? '');
  return out;
}
