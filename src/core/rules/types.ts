/**
 * Validation rules, one per file (the typescript-eslint model): each rule names the finding codes
 * it may emit and checks one detected scoring table. Rules are pure: they read the snapshot and
 * the table, never the file system or a host, and never throw on a malformed workbook.
 */
import type { Finding, FindingCode } from '../finding';
import type { RuleContext } from './view';

export type { RuleContext } from './view';

export interface Rule {
  /** Stable rule name (the file name): "score-above-max". */
  id: string;
  /** The finding codes the rule may emit. */
  codes: readonly FindingCode[];
  description: string;
  check(ctx: RuleContext): Finding[];
}
