/**
 * Text normalisation for matching headers, codes and unit names the way officials write them:
 * composed or decomposed Unicode (NFC/NFD), any case, stray spaces (incl. non-breaking and
 * zero-width), curly or straight apostrophes (Đắk R'lấp / Đắk R’lấp).
 */

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const SPACES = /[\s\u00a0\u2007\u202f]+/g;

/** Strip zero-width characters and fold all spacing to single spaces; NFC. */
export const cleanText = cleanTextOf;

function cleanTextOf(s: string): string {
  return s.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/** Lower-case, diacritic-free, single-spaced: "Điểm  tối đa" → "diem toi da". */
export const foldText = foldTextOf;

function foldTextOf(s: string): string {
  return cleanText(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[’‘`´ʼ]/g, "'")
    .trim();
}

/** Vietnamese lower-case with diacritics kept (for group nouns in sentences). */
export function lowerVi(s: string): string {
  return cleanText(s).toLocaleLowerCase('vi');
}

// Administrative prefixes that vary across files for the same unit (docs/domain.md, "Unit names").
const UNIT_PREFIXES: readonly string[] = [
  'ubnd',
  'uy ban nhan dan',
  'so',
  'huyen',
  'h.',
  'thanh pho',
  'tp.',
  'tp',
  'thi xa',
  'tx.',
  'tx',
  'thi tran',
  'tt.',
  'xa',
  'phuong',
  'p.',
  'dac khu',
];

/**
 * A unit name reduced to what identifies it: "UBND Huyện Đắk Mil", "H. Đắk Mil", "Đăk Mil" and
 * "đắk  mil" all give "dak mil". Prefixes are stripped repeatedly ("UBND Xã …").
 */
export const unitKey = unitKeyOf;

function unitKeyOf(name: string): string {
  let s = foldText(name)
    .replace(/[.,;:()]/g, (m) => (m === '.' ? '. ' : ' '))
    .replace(/\s+/g, ' ')
    .trim();
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of UNIT_PREFIXES) {
      if (s.startsWith(p + ' ')) {
        s = s.slice(p.length + 1).trim();
        changed = true;
      }
    }
  }
  return s.replace(/[.']/g, '').replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
}

const trimmedCode = (raw: string) => raw.replace(/[.)\s]+$/, '');

/** A criterion's code as the report shows it: as typed, without a trailing dot or bracket ("1.2." → "1.2"). */
export function displayCode(c: { rawCode: string; code: string }): string {
  return trimmedCode(c.rawCode) || c.code;
}
