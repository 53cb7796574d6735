/** Report drafts (issue #18): a comparison or one year's table → plain-data drafts per unit. */
export * from './types';
export { chartAxis, chartWindow, draftReport, findUnit, reportTitle, type ReportInput, type ReportOptions } from './draft';
export { targetFacts, roomsOf, type RankedTotal } from './target';
export { unitFacts, tableRanks, areaRanks } from './facts';
export { targetLine } from './sentences';
