/**
 * The little XML the direct reader and the patch writer need: SpreadsheetML parts are machine
 * written (one element per tag, attributes quoted, no DTD), so tags are found with regular
 * expressions, which run as native code from the first call (the command line always starts cold).
 */

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text or an attribute value with its entity and character references resolved. */
export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? m;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
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

/** The attributes of one start tag's source (`<c r="A1" t="s">`), values decoded; names as written. */
export function parseAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  // Skip the element name itself.
  const start = tag.search(/[\s/>]/);
  re.lastIndex = start < 0 ? tag.length : start;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out[m[1]] = decodeXml(m[2] ?? m[3] ?? '');
  return out;
}
