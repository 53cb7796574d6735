/**
 * Matching criteria (or areas) of two years' tables, and units by name.
 */
import { foldText, unitKey } from '../text';

export interface MatchItem {
  key: string;
  title: string;
}

/**
 * Pairs current items with prior items; returns, per current index, the prior index or -1.
 * 1. same key and same folded title;
 * 2. same folded title, when that title is unique in both lists: a criterion renumbered because
 *    one was inserted or removed before it (matching by key alone would then pair every following
 *    criterion with its neighbour). Titles repeated under every area ("Đánh giá qua điều tra xã
 *    hội học") never match by title;
 * 3. same key (the criterion kept its code; its title was reworded).
 * Each prior item is used once.
 */
export function matchItems(current: readonly MatchItem[], prior: readonly MatchItem[]): number[] {
  const result = current.map(() => -1);
  const used = new Set<number>();
  const fold = (s: string) =>
    foldText(s)
      .replace(/[.;:]+$/, '')
      .trim();
  const curTitles = current.map((c) => fold(c.title));
  const priTitles = prior.map((p) => fold(p.title));

  const priByKey = new Map<string, number[]>();
  prior.forEach((p, i) => priByKey.set(p.key, [...(priByKey.get(p.key) ?? []), i]));

  // 1. key and title
  current.forEach((c, i) => {
    const j = (priByKey.get(c.key) ?? []).find((k) => !used.has(k) && priTitles[k] === curTitles[i]);
    if (j !== undefined) {
      result[i] = j;
      used.add(j);
    }
  });
  // 2. unique title
  const count = (titles: string[]) => {
    const m = new Map<string, number>();
    for (const t of titles) if (t) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  };
  const curCount = count(curTitles);
  const priCount = count(priTitles);
  const priByTitle = new Map<string, number>();
  priTitles.forEach((t, j) => {
    if (t && priCount.get(t) === 1) priByTitle.set(t, j);
  });
  current.forEach((_c, i) => {
    if (result[i] >= 0) return;
    const t = curTitles[i];
    if (!t || curCount.get(t) !== 1) return;
    const j = priByTitle.get(t);
    if (j !== undefined && !used.has(j)) {
      result[i] = j;
      used.add(j);
    }
  });
  // 3. key
  current.forEach((c, i) => {
    if (result[i] >= 0) return;
    const j = (priByKey.get(c.key) ?? []).find((k) => !used.has(k));
    if (j !== undefined) {
      result[i] = j;
      used.add(j);
    }
  });
  return result;
}

/** Name forms used to match units: the folded full name first, then the `unitKey`. */
export function unitNameForms(name: string): { full: string; key: string } {
  return { full: fullNameForm(name), key: unitKey(name) };
}

// (Remembered like unitKey: both years' tables name the same thousands of units: performance, bench/.)
const fullNameForm = (name: string) => foldText(name).replace(/[’']/g, '').replace(/\s+/g, ' ');
