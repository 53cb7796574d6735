/**
 * Header vocabulary of the official forms (docs/domain.md, "The Excel forms"), matched on folded
 * text (no case, no diacritics, single spaces), so "ĐIỂM TỐI ĐA", "Điểm tối đa" and the NFD form
 * all match.
 */
import { foldText } from '../text';

export type ColumnRole =
  'code' | 'title' | 'max' | 'self' | 'appraised' | 'score' | 'evidence' | 'note' | 'unit' | 'total' | 'rank' | 'group';

const EXACT: readonly [RegExp, ColumnRole][] = [[/^(stt|tt|so tt|ma|ma so|ma tieu chi|so thu tu)$/, 'code']];

const CONTAINS: readonly [RegExp, ColumnRole][] = [
  [/(diem toi da|diem chuan|thang diem|so diem toi da|diem toi da duoc cham)/, 'max'],
  [/(tu danh gia|tu cham|diem tu cham|co quan tu danh gia)/, 'self'],
  [/(tham dinh|hoi dong danh gia|diem danh gia cua hoi dong)/, 'appraised'],
  [/(tai lieu kiem chung|kiem chung)/, 'evidence'],
  [/(ghi chu|giai trinh|thuyet minh)/, 'note'],
  [/(diem dat duoc cua cac don vi|ket qua cham diem cac don vi|diem cua cac don vi)/, 'group'],
  [/^(tong diem|tong cong|tong so diem|tong|diem tong|chi so cchc)/, 'total'],
  [/^(xep hang|thu hang|hang)$/, 'rank'],
  [/^(ten don vi|don vi|dia phuong|co quan|ten co quan|ten dia phuong|don vi hanh chinh|huyen, thanh pho|xa, phuong)/, 'unit'],
  [/(linh vuc|tieu chi|noi dung)/, 'title'],
  [/^(diem dat duoc|diem cham|diem danh gia|diem|ket qua)$/, 'score'],
];

/** The role a header text gives its column, or null. */
export const headerRole = headerRoleOf;

/**
 * Any of the patterns above, in one regular expression: a text that matches none of them (a unit
 * name, a title: most of a header's cells) is answered by one test instead of one per pattern
 * (performance, issue #7). A text that matches is then tested pattern by pattern, in order.
 */
const ANY_ROLE = new RegExp(
  EXACT.concat(CONTAINS)
    .map(([re]) => `(?:${re.source})`)
    .join('|'),
);

function headerRoleOf(text: string): ColumnRole | null {
  const f = foldText(text);
  if (f === '' || !ANY_ROLE.test(f)) return null;
  // (Indexed loops: a for…of allocates per step until optimised, i.e. in a fresh process.)
  for (let i = 0; i < EXACT.length; i++) if (EXACT[i][0].test(f)) return EXACT[i][1];
  for (let i = 0; i < CONTAINS.length; i++) if (CONTAINS[i][0].test(f)) return CONTAINS[i][1];
  return null;
}

/** Row titles with a special meaning in criteria-as-rows tables. */
export type RowRole = 'total' | 'rank' | 'bonus' | 'penalty' | 'max';

export const rowRole = rowRoleOf;

function rowRoleOf(title: string): RowRole | null {
  const f = foldText(title);
  if (/^(tong diem|tong cong|tong so diem|cong|tong)\b/.test(f)) return 'total';
  if (/^(xep hang|thu hang)/.test(f)) return 'rank';
  if (/(diem thuong|diem cong)/.test(f)) return 'bonus';
  if (/diem tru/.test(f)) return 'penalty';
  if (/^(diem toi da|diem chuan|thang diem)/.test(f)) return 'max';
  return null;
}

/** Survey-based criteria are recognisable by their titles (docs/domain.md, "Structure"). */
export const isSurveyTitle = isSurveyTitleOf;

function isSurveyTitleOf(title: string): boolean {
  return /(dieu tra xa hoi hoc|dtxhh|khao sat|sipas|muc do hai long|su hai long)/.test(foldText(title));
}
