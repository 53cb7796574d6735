/** Comparison with the prior year: matching, deltas, ranks, and the comparison write plan. */
export * from './compare';
export * from './mapping';
export { matchItems, unitNameForms, type MatchItem } from './match';
export * from './plan';
