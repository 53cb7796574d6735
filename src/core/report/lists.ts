/**
 * Strengths and shortfalls: the areas and criteria that gained, those that lost points against the
 * prior year (grouped by area, largest loss first) and those furthest below their maximum.
 */
import type Decimal from 'decimal.js';
import type { Locale } from '../finding';
import { twoDigits } from '../format';
import { addScores, compareExact, compareScores, milliDecimal, subScores } from '../scores';
import { areaName, change, cleanTitle, leafName, pts, priorRef } from './sentences';
import { roomsOf } from './target';
import type { AreaFacts, LeafFacts, UnitFacts } from './types';

const ZERO = milliDecimal(0);

interface Listed<T> {
  items: T[];
  rest: number;
}

/** The first `max` items, the rest counted. */
function firstOf<T>(items: T[], max: number): Listed<T> {
  return { items: items.slice(0, Math.max(1, max)), rest: Math.max(0, items.length - Math.max(1, max)) };
}

const restVi = (n: number, noun: string) => (n > 0 ? ` và ${twoDigits(n)} ${noun} khác` : '');
const restEn = (n: number, noun: string) => (n > 0 ? ` and ${n} other ${noun}` : '');

/** "Các lĩnh vực tăng điểm so với năm 2024: Cải cách thể chế (tăng 1,5 điểm); …." or null. */
export function gainedAreasLine(f: UnitFacts, priorYear: number | null, locale: Locale): string | null {
  const gained = f.areas.filter((a) => a.delta !== null && compareScores(a.delta, ZERO) > 0);
  if (gained.length === 0) return null;
  gained.sort((a, b) => compareExact(b.delta as Decimal, a.delta as Decimal));
  const list = gained.map((a) => `${cleanTitle(a.title) || a.rawCode} (${change(a.delta as Decimal, locale)})`).join('; ');
  const ref = priorRef(priorYear, locale);
  if (locale === 'vi') return `${gained.length === 1 ? 'Lĩnh vực' : 'Các lĩnh vực'} tăng điểm so với ${ref}: ${list}.`;
  return `${gained.length === 1 ? 'Area' : 'Areas'} up from ${ref}: ${list}.`;
}

/** "Các tiêu chí tăng điểm nhiều nhất: 2.1.1 … (tăng 0,5 điểm); … và 03 tiêu chí khác." or null. */
export function gainedCriteriaLine(f: UnitFacts, max: number, locale: Locale): string | null {
  const gained = f.leaves.filter((l) => l.delta !== null && compareScores(l.delta, ZERO) > 0);
  if (gained.length === 0) return null;
  const sorted = gained.map((l, at) => ({ l, at })).sort((a, b) => compareExact(b.l.delta as Decimal, a.l.delta as Decimal) || a.at - b.at);
  const { items, rest } = firstOf(sorted, max);
  const list = items.map(({ l }) => `${leafName(l)} (${change(l.delta as Decimal, locale)})`).join('; ');
  if (locale === 'vi')
    return `${gained.length === 1 ? 'Tiêu chí tăng điểm' : 'Các tiêu chí tăng điểm nhiều nhất'}: ${list}${restVi(rest, 'tiêu chí')}.`;
  return `${gained.length === 1 ? 'Criterion up' : 'Criteria up the most'}: ${list}${restEn(rest, rest === 1 ? 'criterion' : 'criteria')}.`;
}

interface AreaGroup {
  area: AreaFacts | null;
  leaves: LeafFacts[];
  sum: Decimal;
}

/** Leaves grouped by their area, each group and each leaf in the order of `weight` (largest first). */
function byArea(f: UnitFacts, leaves: LeafFacts[], weight: (l: LeafFacts) => Decimal): AreaGroup[] {
  const groups = new Map<string, AreaGroup>();
  for (const l of leaves) {
    let g = groups.get(l.areaKey);
    if (!g) groups.set(l.areaKey, (g = { area: f.areas.find((a) => a.key === l.areaKey) ?? null, leaves: [], sum: ZERO }));
    g.leaves.push(l);
    g.sum = addScores(g.sum, weight(l));
  }
  const order = (a: LeafFacts, b: LeafFacts) => compareExact(weight(b), weight(a)) || leaves.indexOf(a) - leaves.indexOf(b);
  for (const g of groups.values()) g.leaves.sort(order);
  return [...groups.values()].sort((a, b) => compareExact(b.sum, a.sum));
}

const groupLabel = (g: AreaGroup, locale: Locale) =>
  g.area ? areaName(g.area) : locale === 'vi' ? 'Ngoài các lĩnh vực' : 'Outside the areas';

/** One list item per area: "I. Cải cách thể chế (giảm 1,25 điểm): 1.1.2 … (giảm 0,5 điểm; đạt 0,5/1); …". */
export function declinedItems(f: UnitFacts, locale: Locale): string[] {
  const declined = f.leaves.filter((l) => l.delta !== null && compareScores(l.delta, ZERO) < 0);
  const loss = (l: LeafFacts) => subScores(ZERO, l.delta as Decimal);
  return byArea(f, declined, loss).map((g) => {
    const items = g.leaves.map((l) => `${leafName(l)} (${change(l.delta as Decimal, locale)}; ${scoreOfMax(l, locale)})`);
    const sum = pts(g.sum, locale);
    const all =
      locale === 'vi' ? `các tiêu chí giảm tổng cộng ${sum} điểm` : `criteria down ${sum} ${sum === '1' ? 'point' : 'points'} in all`;
    return `${groupLabel(g, locale)} (${all}): ${items.join('; ')}.`;
  });
}

/** "đạt 0,5/1" / "0.5 of 1". */
function scoreOfMax(l: LeafFacts, locale: Locale): string {
  const max = l.max ? pts(l.max, locale) : '?';
  return locale === 'vi' ? `đạt ${pts(l.score, locale)}/${max}` : `${pts(l.score, locale)} of ${max}`;
}

/** The `max` leaves furthest below their maximum, grouped by area: "III. … : 3.2.1 … (đạt 0,5/2, còn thiếu 1,5 điểm)". */
export function belowMaxItems(f: UnitFacts, max: number, locale: Locale): string[] {
  const rooms = firstOf(roomsOf(f.leaves), max).items;
  const room = new Map(rooms.map((r) => [r.leaf, r.room]));
  return byArea(
    f,
    rooms.map((r) => r.leaf),
    (l) => room.get(l) ?? ZERO,
  ).map((g) => {
    const items = g.leaves.map((l) => {
      const left = pts(room.get(l) ?? ZERO, locale);
      return locale === 'vi'
        ? `${leafName(l)} (${scoreOfMax(l, locale)}, còn thiếu ${left} điểm)`
        : `${leafName(l)} (${scoreOfMax(l, locale)}, ${left} short)`;
    });
    return `${groupLabel(g, locale)}: ${items.join('; ')}.`;
  });
}

/**
 * When the prior table has only area scores (a results summary): the areas that lost points,
 * largest loss first. "Các lĩnh vực giảm điểm so với năm 2024: Chính quyền số (giảm 1,14 điểm); …"
 */
export function declinedAreasLine(f: UnitFacts, priorYear: number | null, locale: Locale): string | null {
  const declined = f.areas.filter((a) => a.delta !== null && compareScores(a.delta, ZERO) < 0);
  if (declined.length === 0) return null;
  declined.sort((a, b) => compareExact(a.delta as Decimal, b.delta as Decimal));
  const list = declined.map((a) => `${areaName(a)} (${change(a.delta as Decimal, locale)})`).join('; ');
  const ref = priorRef(priorYear, locale);
  if (locale === 'vi')
    return `${declined.length === 1 ? 'Lĩnh vực' : 'Các lĩnh vực'} giảm điểm so với ${ref} (bảng ${ref} chỉ có điểm theo lĩnh vực): ${list}.`;
  return `${declined.length === 1 ? 'Area' : 'Areas'} down from ${ref} (the ${ref} table has area scores only): ${list}.`;
}
