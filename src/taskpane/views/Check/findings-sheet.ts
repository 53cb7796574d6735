/**
 * The "Kiểm tra" sheet: the findings as a table the official can filter, print or send, with a
 * hyperlink from each row to the cell concerned. Every value is written as text. A reader sees a
 * short label per finding ("Số lưu dạng chữ"); the stable code stays in the last column for tools.
 */
import type { Finding, Locale, Severity } from '../../../core/finding';
import { FINDING_LABELS } from '../../../core/messages/labels';
import { text, type GeneratedSheet } from '../../../core/plan';
import { translate } from '../../i18n';

export function findingsSheet(findings: readonly Finding[], locale: Locale): GeneratedSheet {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const severity = (s: Severity) => t(`severity.${s}`);
  const header = [
    t('check.col.severity'),
    t('check.col.sheet'),
    t('check.col.cell'),
    t('check.col.kind'),
    t('check.col.message'),
    t('check.col.code'),
  ].map(text);
  const labels = FINDING_LABELS[locale];
  const rows = [
    header,
    ...findings.map((f) => [
      text(severity(f.severity)),
      text(f.sheet),
      text(f.cell),
      text(labels[f.code] ?? f.code),
      text(f.message[locale]),
      text(f.code),
    ]),
  ];
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
      { range: 'A1:F1', style: 'header' },
      { range: `E2:E${last}`, style: 'wrap' },
    ],
    columnWidths: [12, 18, 8, 26, 80, 24],
    freezeRows: 1,
    hyperlinks,
    conditionalFormats: [],
  };
}
