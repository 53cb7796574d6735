/**
 * Report sentences in the officials' own form (seed report, Đắk Mil 2021), Vietnamese first:
 *
 *   Huyện Đắk Mil đạt 83,55 điểm, xếp thứ 6 trong tổng số 08 huyện, thành phố; giảm 4,042 điểm và
 *   giảm 02 bậc so với năm 2020.
 *   Huyện Đắk Mil scored 83.55 points, ranked 6th of 08 districts and cities; down 4.042 points and
 *   down 2 places from 2020.
 *
 * Style: points via formatNumber (decimal comma in Vietnamese, trailing zeros trimmed, at most 3
 * decimals); counts of units and of places in two digits in Vietnamese ("08", "02"), the count of
 * units also in English ("of 08"), places and ranks plain in English with ordinal suffixes.
 * The unit name is written exactly as in the current table. Pure functions; no I/O.
 */
import Decimal from 'decimal.js';
import type { AreaComparison, ComparisonLevel, UnitComparison } from '../compare/types';
import type { Locale } from '../locale';
import { formatNumber, twoDigits } from '../format';
import { absScore, compareExact, isPositiveScore, sameScore } from '../scores';
import { displayCode } from '../text';

export interface NarrativeContext {
  year: number | null;
  priorYear: number | null;
  /** "xã, phường", "huyện, thành phố"; null → "đơn vị" / "units". */
  groupNoun: string | null;
  /** Which entries `UnitComparison.criteria` holds; default 'criteria'. */
  level?: ComparisonLevel;
  /** Most declined criteria listed by name; the rest are counted ("và 03 tiêu chí khác"). Default 10. */
  maxListed?: number;
  /**
   * When the prior "table" is one unit's form while this year's has many units: that unit's name.
   * A unit not compared is then said to be missing because of the file chosen, not because it is new.
   */
  priorFormOf?: string | null;
}

export const DEFAULT_MAX_LISTED = 10;

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 111th. */
export function ordinalEn(n: number): string {
  const mod100 = n % 100;
  const mod10 = n % 10;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : mod10 === 1 ? 'st' : mod10 === 2 ? 'nd' : mod10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

const GROUP_EN: Record<string, string> = {
  xã: 'communes',
  phường: 'wards',
  huyện: 'districts',
  quận: 'urban districts',
  'thành phố': 'cities',
  'thị xã': 'towns',
  'thị trấn': 'townships',
  'đặc khu': 'special zones',
  sở: 'departments',
  ban: 'boards',
  ngành: 'sectors',
  'cơ quan': 'agencies',
  'đơn vị': 'units',
};

/** English for a Vietnamese group noun: "xã, phường" → "communes and wards"; unknown → "units". */
export function groupNounEn(noun: string | null): string {
  return noun ? groupNounEnOf(noun) : 'units';
}

function groupNounEnOf(noun: string): string {
  const parts = noun
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    // (Not \bvà\b: \b is ASCII-only, so "à" never ends a word and "và" never split the noun.)
    .split(/\s*,\s*|\s+và\s+/u)
    .map((p) => p.trim())
    .filter(Boolean);
  const words = parts.map((p) => GROUP_EN[p]);
  if (words.length === 0 || words.some((w) => w === undefined)) return 'units';
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function groupNounVi(noun: string | null): string {
  return noun && noun.trim() ? noun.trim() : 'đơn vị';
}

const points = (d: Decimal, locale: Locale) => formatNumber(d, locale);
const plural = (formatted: string, one: string, many: string) => (formatted === '1' ? one : many);
// Titles, codes and labels as the sentences show them.
const cleanTitle = (t: string) => t.replace(/[\s.;:,]+$/u, '').trim();
/** "Tiêu chí giảm điểm" from "tiêu chí" (Vietnamese upper case of the first letter). */
const declinedLabelVi = (noun: string) => `${noun[0].toLocaleUpperCase('vi')}${noun.slice(1)} giảm điểm`;

function yearRef(year: number | null, locale: Locale): string {
  if (locale === 'vi') return year !== null ? `năm ${year}` : 'năm trước';
  return year !== null ? String(year) : 'the prior year';
}

/** " trong tổng số 08 huyện, thành phố" / " of 08 districts and cities". */
function ofGroup(ctx: NarrativeContext, of: number, vi: boolean): string {
  return vi ? ` trong tổng số ${twoDigits(of)} ${groupNounVi(ctx.groupNoun)}` : ` of ${twoDigits(of)} ${groupNounEn(ctx.groupNoun)}`;
}

/** " so với năm 2020." / " from 2020." */
function since(ctx: NarrativeContext, locale: Locale): string {
  const ref = yearRef(ctx.priorYear, locale);
  return locale === 'vi' ? ` so với ${ref}.` : ` from ${ref}.`;
}

/** " chưa có điểm năm 2021." / " has no scores for 2021 yet." */
function noScores(ctx: NarrativeContext, vi: boolean): string {
  return vi
    ? ` chưa có điểm${ctx.year !== null ? ` năm ${ctx.year}` : ''}.`
    : ` has no scores${ctx.year !== null ? ` for ${ctx.year}` : ''} yet.`;
}

/**
 * Why a unit is not compared, saying only what is known: "; không có trong bảng năm 2020 nên không
 * so sánh được." or, when the prior file is one unit's form, "; không so sánh được: tệp năm 2020 đã
 * chọn chỉ là phiếu của Xã Hòa Bình."
 */
function notComparablePhrase(priorYear: number | null, priorFormOf: string | null, vi: boolean): string {
  const ref = vi ? yearRef(priorYear, 'vi') : priorYear !== null ? String(priorYear) : "prior year's";
  if (priorFormOf !== null)
    return vi
      ? `; không so sánh được: tệp ${ref} đã chọn chỉ là phiếu của ${priorFormOf}.`
      : `; not compared: the ${ref} file chosen is only the form of ${priorFormOf}.`;
  return vi ? `; không có trong bảng ${ref} nên không so sánh được.` : `; not in the ${ref} table, so not compared.`;
}

/** The headline: points, rank among the group, change since the prior year. */
export function headlineSentence(u: UnitComparison, ctx: NarrativeContext, locale: Locale): string {
  const vi = locale === 'vi';
  if (!u.filled) return u.unit + noScores(ctx, vi);
  const total = points(u.total, locale);
  let s = vi ? `${u.unit} đạt ${total} điểm` : `${u.unit} scored ${total} ${plural(total, 'point', 'points')}`;
  if (u.rank !== null && u.of > 0) s += (vi ? `, xếp thứ ${u.rank}` : `, ranked ${ordinalEn(u.rank)}`) + ofGroup(ctx, u.of, vi);
  if (u.priorTotal === null || u.delta === null) return s + notComparablePhrase(ctx.priorYear, ctx.priorFormOf ?? null, vi);
  return `${s}; ${changeClause(u, locale)}${since(ctx, locale)}`;
}

/** "giảm 4,042 điểm và giảm 02 bậc" / "down 4.042 points and down 2 places". */
function changeClause(u: UnitComparison, locale: Locale): string {
  const vi = locale === 'vi';
  const delta = u.delta as Decimal;
  const samePoints = sameScore(u.total, u.priorTotal as Decimal);
  const sameRank = u.rankChange === 0;
  if (samePoints && sameRank) return vi ? 'giữ nguyên số điểm và thứ hạng' : 'no change in points or rank';
  let p: string;
  if (samePoints) p = vi ? 'giữ nguyên số điểm' : 'no change in points';
  else {
    const abs = points(absScore(delta), locale);
    const up = isPositiveScore(delta);
    p = vi ? `${up ? 'tăng' : 'giảm'} ${abs} điểm` : `${up ? 'up' : 'down'} ${abs} ${plural(abs, 'point', 'points')}`;
  }
  if (u.rankChange === null) return p;
  return p + (sameRank ? (vi ? ' và giữ nguyên thứ hạng' : ' and no change in rank') : rankChangeClause(u.rankChange, vi));
}

/** " và giảm 02 bậc" / " and down 2 places". */
function rankChangeClause(change: number, vi: boolean): string {
  return (vi ? RANK_CHANGE_VI : RANK_CHANGE_EN)(change);
}

const RANK_CHANGE_VI = (change: number) => ` và ${change > 0 ? 'tăng' : 'giảm'} ${twoDigits(Math.abs(change))} bậc`;
const RANK_CHANGE_EN = (change: number) => {
  const n = Math.abs(change);
  return ` and ${change > 0 ? 'up' : 'down'} ${n} ${n === 1 ? 'place' : 'places'}`;
};

/** What the full-marks sentence reads of a unit (a comparison's unit, or a report's one year). */
export type FullMarksSource = Pick<UnitComparison, 'filled' | 'fullMarks'> & {
  areas: readonly Pick<AreaComparison, 'code' | 'rawCode' | 'title'>[];
};

/** "Đạt điểm tuyệt đối ở các lĩnh vực: Cải cách thể chế; Cải cách tài chính công." or null. */
export function fullMarksSentence(u: FullMarksSource, _ctx: NarrativeContext, locale: Locale): string | null {
  if (!u.filled || u.fullMarks.length === 0) return null;
  // (A plain loop over the few areas, no Set or intermediate arrays: performance, bench/.)
  let list = '';
  let count = 0;
  for (const a of u.areas) {
    if (!u.fullMarks.includes(a.code)) continue;
    const title = cleanTitle(a.title) || displayCode(a);
    list = count === 0 ? title : `${list}; ${title}`;
    count++;
  }
  if (count === 0) return null;
  if (locale === 'vi') return `Đạt điểm tuyệt đối ở ${count === 1 ? 'lĩnh vực' : 'các lĩnh vực'}: ${list}.`;
  return `Full marks in ${count === 1 ? 'the area' : 'the areas'}: ${list}.`;
}

/**
 * "Các tiêu chí giảm điểm: 1.1.2 Mức độ thực hiện kế hoạch (giảm 0,5 điểm); … và 03 tiêu chí
 * khác." The largest declines are named (at most `maxListed`), in the order of the form.
 */
export function declinedSentence(u: UnitComparison, ctx: NarrativeContext, locale: Locale): string | null {
  const vi = locale === 'vi';
  const areas = ctx.level === 'areas';
  const criteria = u.criteria;
  // (Positions of the declined entries, no object per entry: performance, bench/.)
  const declined: number[] = [];
  for (let i = 0; i < criteria.length; i++) {
    const c = criteria[i];
    if (c.status === 'declined' && c.delta !== null) declined.push(i);
  }
  if (declined.length === 0) return null;
  const max = Math.max(1, ctx.maxListed ?? DEFAULT_MAX_LISTED);
  // (All of them are named when they are few enough: already in the form's order.)
  const named =
    declined.length <= max
      ? declined
      : [...declined]
          .sort((a, b) => compareExact(criteria[a].delta as Decimal, criteria[b].delta as Decimal) || a - b)
          .slice(0, max)
          .sort((a, b) => a - b);
  const rest = declined.length - named.length;
  let list = '';
  for (let k = 0; k < named.length; k++) {
    const c = criteria[named[k]];
    const name = areas ? cleanTitle(c.title) || displayCode(c) : `${displayCode(c)} ${cleanTitle(c.title)}`.trim();
    const abs = points(absScore(c.delta as Decimal), locale);
    const item = vi ? `${name} (giảm ${abs} điểm)` : `${name} (down ${abs} ${plural(abs, 'point', 'points')})`;
    list = k === 0 ? item : `${list}; ${item}`;
  }
  if (vi) {
    const noun = areas ? 'lĩnh vực' : 'tiêu chí';
    const label = declined.length === 1 ? declinedLabelVi(noun) : `Các ${noun} giảm điểm`;
    return `${label}: ${list}${rest > 0 ? ` và ${twoDigits(rest)} ${noun} khác` : ''}.`;
  }
  const label = areas
    ? declined.length === 1
      ? 'Declined area'
      : 'Declined areas'
    : declined.length === 1
      ? 'Declined criterion'
      : 'Declined criteria';
  const other = areas ? (rest === 1 ? 'other area' : 'other areas') : rest === 1 ? 'other criterion' : 'other criteria';
  return `${label}: ${list}${rest > 0 ? ` and ${rest} ${other}` : ''}.`;
}

/** The unit's sentences: headline, then full marks and declines when there are any. */
export function unitSentences(u: UnitComparison, ctx: NarrativeContext, locale: Locale): string[] {
  const out = [headlineSentence(u, ctx, locale)];
  const full = fullMarksSentence(u, ctx, locale);
  if (full) out.push(full);
  const declined = declinedSentence(u, ctx, locale);
  if (declined) out.push(declined);
  return out;
}

/** The unit's sentences as one paragraph (unitSentences joined by spaces, without the array). */
export function reportParagraph(u: UnitComparison, ctx: NarrativeContext, locale: Locale): string {
  let paragraph = headlineSentence(u, ctx, locale);
  const full = fullMarksSentence(u, ctx, locale);
  if (full) paragraph += ` ${full}`;
  const declined = declinedSentence(u, ctx, locale);
  if (declined) paragraph += ` ${declined}`;
  return paragraph;
}
