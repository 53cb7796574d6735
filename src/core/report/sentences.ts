/**
 * The report's prose, Vietnamese first (administrative style of the seed report, Đắk Mil 2021),
 * English second. Names come from the workbook's own titles; numbers are formatted here only
 * (formatNumber: 83,55; 4,042), never rounded in the arithmetic. Pure functions.
 */
import type Decimal from 'decimal.js';
import type { Locale } from '../finding';
import { formatNumber, twoDigits } from '../format';
import { fullMarksSentence, groupNounEn, ordinalEn } from '../narrative/sentences';
import { absScore, isPositiveScore } from '../scores';
import { displayCode } from '../text';
import type { AreaFacts, LeafFacts, TargetFacts, UnitFacts } from './types';

export const pts = (d: Decimal, locale: Locale): string => formatNumber(d, locale);

/** "+3,36", "-1,5", "0": a change as the area table shows it. */
export function signed(d: Decimal, locale: Locale): string {
  const s = formatNumber(d, locale);
  return s === '0' || s.startsWith('-') ? s : `+${s}`;
}

export const cleanTitle = (t: string): string =>
  t
    .replace(/\s+/gu, ' ')
    .replace(/[\s.;:,]+$/u, '')
    .trim();

/** "1.1.2 Mức độ thực hiện kế hoạch CCHC". */
export function leafName(leaf: LeafFacts): string {
  return `${displayCode({ rawCode: leaf.rawCode, code: leaf.key })} ${cleanTitle(leaf.title)}`.trim();
}

/** "I. Cải cách thể chế" (the code as typed, then the title). */
export function areaName(area: Pick<AreaFacts, 'rawCode' | 'key' | 'title'>): string {
  const code = displayCode({ rawCode: area.rawCode, code: area.key });
  const title = cleanTitle(area.title);
  return title ? `${code}. ${title}` : code;
}

export const groupVi = (noun: string | null): string => (noun && noun.trim() ? noun.trim() : 'đơn vị');

const pointsWord = (s: string, locale: Locale): string => (locale === 'vi' ? 'điểm' : s === '1' ? 'point' : 'points');

/** "tăng 0,5 điểm" / "up 0.5 points". */
export function change(d: Decimal, locale: Locale): string {
  const s = pts(absScore(d), locale);
  const up = isPositiveScore(d);
  return locale === 'vi' ? `${up ? 'tăng' : 'giảm'} ${s} điểm` : `${up ? 'up' : 'down'} ${s} ${pointsWord(s, locale)}`;
}

/** "12 xã, phường" / "12 communes and wards". */
export function ofGroup(of: number, noun: string | null, locale: Locale): string {
  return locale === 'vi' ? `${twoDigits(of)} ${groupVi(noun)}` : `${twoDigits(of)} ${groupNounEn(noun)}`;
}

/** The headline of a year without a prior year: "Xã Hòa Bình đạt 86,75 điểm, xếp thứ 3 trong tổng số 12 xã, phường." */
export function yearHeadline(f: UnitFacts, noun: string | null, year: number | null, locale: Locale): string {
  const vi = locale === 'vi';
  if (!f.filled)
    return vi
      ? `${f.unit} chưa có điểm${year !== null ? ` năm ${year}` : ''}.`
      : `${f.unit} has no scores${year !== null ? ` for ${year}` : ''} yet.`;
  const total = pts(f.total, locale);
  let s = vi ? `${f.unit} đạt ${total} điểm` : `${f.unit} scored ${total} ${pointsWord(total, locale)}`;
  if (f.rank !== null && f.of > 0)
    s += vi
      ? `, xếp thứ ${f.rank} trong tổng số ${ofGroup(f.of, noun, locale)}`
      : `, ranked ${ordinalEn(f.rank)} of ${ofGroup(f.of, noun, locale)}`;
  return `${s}.`;
}

/** The opening line: year, unit and the group it is ranked in. */
export function openingLine(f: UnitFacts, noun: string | null, year: number | null, locale: Locale): string {
  const y = year !== null ? (locale === 'vi' ? ` năm ${year}` : ` ${year}`) : '';
  if (locale === 'vi') {
    const group = f.of > 0 ? ` của ${ofGroup(f.of, noun, locale)}` : '';
    return `Căn cứ kết quả chấm điểm, xác định Chỉ số cải cách hành chính${y}${group}, kết quả của ${f.unit} như sau:`;
  }
  const group = f.of > 0 ? ` of ${ofGroup(f.of, noun, locale)}` : '';
  return `Based on the scoring of the Administrative Reform Index${y}${group}, the results of ${f.unit} are as follows:`;
}

/** "Đạt điểm tuyệt đối ở các lĩnh vực: …": narrative's sentence, from the unit's facts. */
export function fullMarksLine(f: UnitFacts, locale: Locale): string | null {
  const areas = f.areas.map((a) => ({ code: a.key, rawCode: a.rawCode, title: a.title }));
  return fullMarksSentence({ filled: f.filled, fullMarks: f.fullMarks, areas }, { year: null, priorYear: null, groupNoun: null }, locale);
}

/** "năm 2024" / "2024"; "năm trước" / "the prior year" when unknown. */
export function priorRef(priorYear: number | null, locale: Locale): string {
  if (locale === 'vi') return priorYear !== null ? `năm ${priorYear}` : 'năm trước';
  return priorYear !== null ? String(priorYear) : 'the prior year';
}

/** "3.2.1 Tên tiêu chí (còn 1,5 điểm)": a leaf with the room left below its maximum. */
export function roomItem(leaf: LeafFacts, room: Decimal, locale: Locale): string {
  const s = pts(room, locale);
  return locale === 'vi' ? `${leafName(leaf)} (còn ${s} điểm)` : `${leafName(leaf)} (${s} ${pointsWord(s, locale)} left)`;
}

/** The target paragraph: the gap to a rank and the criteria with the most room, or the margin held. */
export function targetLine(f: UnitFacts, t: TargetFacts, noun: string | null, locale: Locale): string {
  const vi = locale === 'vi';
  const rankText = vi ? `thứ ${t.rank}` : ordinalEn(t.rank);
  const group = ofGroup(f.of, noun, locale);
  if (t.reached) {
    if (t.against === null)
      return vi
        ? `${f.unit} đã đạt ${rankText} trong tổng số ${group}: số đơn vị khác được xếp hạng ít hơn ${t.rank} nên không đơn vị nào có thể vượt qua thứ hạng này.`
        : `${f.unit} already holds the ${rankText} place of ${group}: fewer than ${t.rank} other units are ranked, so no unit can pass it.`;
    const m = pts(t.points, locale);
    const who = `${t.against.unit} (${pts(t.against.total, locale)} ${vi ? 'điểm' : pointsWord(pts(t.against.total, locale), locale)})`;
    return vi
      ? `${f.unit} đã đạt ${rankText} trong tổng số ${group}; khoảng cách đang giữ là ${m} điểm so với ${who}, đơn vị gần nhất có thể vượt lên.`
      : `${f.unit} already holds the ${rankText} place of ${group}; it leads ${who}, the closest unit that could pass it, by ${m} ${pointsWord(m, locale)}.`;
  }
  const gap = pts(t.points, locale);
  const bar = t.against ? ` (${t.against.unit}: ${pts(t.against.total, locale)} ${vi ? 'điểm' : 'points'})` : '';
  const list = t.rooms.map((r) => roomItem(r.leaf, r.room, locale)).join('; ');
  const head = vi
    ? `Để đạt ${rankText} trong tổng số ${group}, ${f.unit} cần thêm ${gap} điểm${bar}`
    : `To reach the ${rankText} place of ${group}, ${f.unit} needs ${gap} more ${pointsWord(gap, locale)}${bar}`;
  const rooms = list ? (vi ? `; dư địa lớn nhất: ${list}` : `; the most room is in: ${list}`) : '';
  const short = t.coverable
    ? ''
    : vi
      ? ' Toàn bộ dư địa còn lại chưa đủ để bù khoảng cách này.'
      : ' All the room left does not cover this gap.';
  return `${head}${rooms}.${short}`;
}
