/** The report's file name: "bao-cao-xa-hoa-binh-2025.docx", "bao-cao-tat-ca-don-vi-2025.docx". */
import type { Locale } from '../../core/finding';
import { foldText } from '../../core/text';

/** Lower case, no diacritics (đ → d), words joined by '-': safe on every file system. */
export function slug(s: string): string {
  return foldText(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export function reportFileName(unit: string | null, year: number | null, locale: Locale): string {
  const head = locale === 'vi' ? 'bao-cao' : 'report';
  const who = unit === null ? (locale === 'vi' ? 'tat-ca-don-vi' : 'all-units') : slug(unit) || (locale === 'vi' ? 'don-vi' : 'unit');
  return `${head}-${who}${year !== null ? `-${year}` : ''}.docx`;
}
