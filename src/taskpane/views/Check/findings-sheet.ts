/**
 * The "Kiểm tra" sheet: the findings as a table the official can filter, print or send, with a
 * hyperlink from each row to the cell concerned. Every value is written as text.
 */
import type { Finding, Locale, Severity } from '../../../core/finding';
import { text, type GeneratedSheet } from '../../../core/plan';
import { translate } from '../../i18n';

export function findingsSheet(findings: readonly Finding[], locale: Locale): GeneratedSheet {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const severity = (s: Severity) => t(`severity.${s}`);
  const header = [t('check.col.severity'), t('check.col.sheet'), t('check.col.cell'), t('check.col.code'), t('check.col.message')].map(text);
  const rows = [header, ...findings.map((f) => [text(severity(f.severity)), text(f.sheet), text(f.cell), text(f.code), text(f.message[locale])])];
  const hyperlinks: GeneratedSheet['hyperlinks'] = [];
  findings.forEach((f, i) => {
    if (f.cell && f.sheet) hyperlinks.push({ address: `C${i + 2}`, sheet: f.sheet, cell: f.cell });
  });
  const last = Math.max(2, findings.length + 1);
  return {
    name: t('check.sheetName'),
    purpose: 'findings',
    rows,
    styles: [
      { range: 'A1:E1', style: 'header' },
      { range: `E2:E${last}`, style: 'wrap' },
    ],
    columnWidths: [12, 18, 8, 24, 80],
    freezeRows: 1,
    hyperlinks,
    conditionalFormats: [],
  };
}
