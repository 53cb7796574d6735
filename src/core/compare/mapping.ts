/**
 * Unit mapping between two years, for units renamed or merged (docs/domain.md, "The 2025
 * restructuring"). The user supplies a two-column CSV: the current unit, then the prior unit.
 *
 *   Đơn vị 2025;Đơn vị 2024
 *   Phường Trung Tâm;Thị trấn Trung Tâm
 *   Xã Hòa Bình;Xã Hòa Bình
 *   Xã Hòa Bình;Xã Tân Thành
 *
 * - The header row is optional (recognised by its words: current/prior, đơn vị, tên, mới/cũ, năm…).
 * - Separator: ';' (what a Vietnamese-locale Excel writes), ',' or a tab, decided from the first
 *   line; cells may be quoted ("Xã A, huyện B"), with "" for a quote inside quotes.
 * - Several rows with the same current unit describe a merger: the first prior unit listed that
 *   exists in the prior table is the comparison base; the others are recorded as merged into it.
 * - Names are compared by `unitKey` (case, Unicode form, apostrophes, spacing, prefixes ignored).
 * Lines that cannot be read (fewer than two names) are kept in `problems`, never thrown.
 */
import { foldText, unitKey } from '../text';

export interface UnitMappingEntry {
  current: string;
  prior: string;
  /** 1-based line in the CSV text. */
  line: number;
}

export interface UnitMapping {
  entries: UnitMappingEntry[];
  /** Lines that were not empty and not a header, but did not hold two names. */
  problems: { line: number; text: string }[];
}

export const emptyUnitMapping = (): UnitMapping => ({ entries: [], problems: [] });

const HEADER_CELL = new RegExp(
  '^(?:' +
    [
      '(current|prior|previous|new|old)( (unit|name))?( \\d{4})?',
      '(unit|name)( \\d{4}| (current|prior|previous|new|old))?',
      '(ten )?(don vi|dv|co quan|dia phuong)( (hien tai|hien nay|moi|cu|truoc|sau|truoc sap nhap|sau sap nhap|(nam )?\\d{4}))?',
      'ten (moi|cu|hien tai|truoc|sau)( \\d{4})?',
      '(nam )?(\\d{4}|nay|truoc)',
      'moi|cu|hien tai|truoc|sau|truoc sap nhap|sau sap nhap',
    ].join('|') +
    ')$',
);

function isHeaderCell(text: string): boolean {
  const f = foldText(text).replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  return f !== '' && HEADER_CELL.test(f);
}

/** Split one CSV line, honouring double quotes. */
function splitLine(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      cur = '';
      quoted = true;
    } else if (ch === sep) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells.map((c) => c.normalize('NFC').trim());
}

function separatorOf(line: string): string {
  let quoted = false;
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  if (counts[';'] > 0) return ';';
  if (counts['\t'] > 0) return '\t';
  return ',';
}

export function parseUnitMapping(csvText: string): UnitMapping {
  const mapping = emptyUnitMapping();
  const lines = csvText.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  let sep: string | null = null;
  let first = true;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    sep ??= separatorOf(line);
    const cells = splitLine(line, sep);
    const wasFirst = first;
    first = false;
    if (wasFirst && cells.length >= 2 && isHeaderCell(cells[0]) && isHeaderCell(cells[1])) return;
    const [current = '', prior = ''] = cells;
    // Further columns (a note) are ignored.
    if (unitKey(current) === '' || unitKey(prior) === '') {
      mapping.problems.push({ line: i + 1, text: raw });
      return;
    }
    mapping.entries.push({ current, prior, line: i + 1 });
  });
  return mapping;
}

/** Prior unit keys listed for each current unit key, in CSV order, without repeats. */
export function mappingIndex(mapping: UnitMapping | undefined): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const e of mapping?.entries ?? []) {
    const k = unitKey(e.current);
    const list = index.get(k) ?? [];
    const p = unitKey(e.prior);
    if (!list.includes(p)) list.push(p);
    index.set(k, list);
  }
  return index;
}
