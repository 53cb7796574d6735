import type { DetectionCorrection, WorkbookState } from '../../../core/state';

/** The state with the user's correction of one table changed (a correction that changes nothing is dropped). */
export function setCorrection(state: WorkbookState, tableId: string, change: Partial<DetectionCorrection>): WorkbookState {
  const existing = state.corrections.find((c) => c.tableId === tableId) ?? { tableId };
  const next: DetectionCorrection = { ...existing, ...change };
  if (!next.excluded) delete next.excluded;
  if (!next.scoreSeries) delete next.scoreSeries;
  const others = state.corrections.filter((c) => c.tableId !== tableId);
  return { ...state, corrections: next.excluded || next.scoreSeries ? [...others, next] : others };
}
