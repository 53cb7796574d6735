/** Report sentences for comparisons with the prior year (Vietnamese first, English second). */
import type { Comparison } from '../compare/compare';
import type { Locale } from '../finding';
import { reportParagraph, type NarrativeContext } from './sentences';

export * from './sentences';

/** The sentence context of a comparison (years, group noun, level). */
export function narrativeContext(c: Comparison, maxListed?: number): NarrativeContext {
  const ctx: NarrativeContext = {
    year: c.year,
    priorYear: c.priorYear,
    groupNoun: c.groupNoun,
    level: c.level,
    priorFormOf: c.priorFormOf,
  };
  if (maxListed !== undefined) ctx.maxListed = maxListed;
  return ctx;
}

/** One paragraph per unit, in the current table's order. */
export function comparisonParagraphs(c: Comparison, locale: Locale, maxListed?: number): string[] {
  const ctx = narrativeContext(c, maxListed);
  return c.units.map((u) => reportParagraph(u, ctx, locale));
}
