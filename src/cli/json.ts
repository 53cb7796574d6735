/** The JSON documents of the command-line contract (README "Command line"). Numbers: 3 decimals. */
import type { Comparison } from '../core/compare';
import { rankTable, type Analysis } from '../core/engine';
import type { Finding, Locale } from '../core/finding';
import { jsonNumber } from '../core/format';
import type { ScoringTable } from '../core/model';
import type { TieRule } from '../core/rank';
import { indexOf } from '../core/totals';

export function findingJson(f: Finding, lang: Locale) {
  return { code: f.code, severity: f.severity, sheet: f.sheet, cell: f.cell, message: f.message[lang] };
}

export function tableJson(t: ScoringTable) {
  return {
    sheet: t.sheet,
    layout: t.layout,
    range: t.range,
    year: t.year,
    units: t.series.map((s) => s.name),
    criteria: t.criteria.length,
  };
}

export function computeJson(file: string, analysis: Analysis, findings: Finding[], ties: TieRule, lang: Locale) {
  return {
    file,
    tables: analysis.results.map((result) => {
      const ranked = rankTable(result, ties);
      return {
        sheet: result.table.sheet,
        layout: result.table.layout,
        year: result.table.year,
        // A scorecard lists one entry per filled score column; a consolidation or summary every unit.
        units: ranked
          .filter((r) => result.table.layout !== 'scorecard' || r.result.filled)
          .map((r) => ({
            unit: r.result.series.name,
            total: jsonNumber(r.result.total),
            max: jsonNumber(r.result.max),
            index: jsonNumber(r.result.index),
            rank: r.rank,
            of: r.of,
            areas: r.result.areas.map((a) => ({
              code: a.criterion.key,
              title: a.criterion.title,
              score: jsonNumber(a.score),
              max: jsonNumber(a.max),
              index: jsonNumber(indexOf(a.score, a.max)),
              rank: r.areaRanks.get(a.criterion.key) ?? null,
            })),
          })),
      };
    }),
    findings: findings.map((f) => findingJson(f, lang)),
  };
}

export function compareJson(c: Comparison, findings: Finding[], lang: Locale) {
  return {
    year: c.year,
    priorYear: c.priorYear,
    units: c.units.map((u) => ({
      unit: u.unit,
      priorUnit: u.priorUnit,
      total: jsonNumber(u.total),
      priorTotal: jsonNumber(u.priorTotal),
      delta: jsonNumber(u.delta),
      rank: u.rank,
      priorRank: u.priorRank,
      rankChange: u.rankChange,
      of: u.of,
      priorOf: u.priorOf,
      summary: u.summary[lang],
      fullMarks: u.fullMarks,
      areas: u.areas.map((a) => ({ code: a.code, score: jsonNumber(a.score), prior: jsonNumber(a.prior), delta: jsonNumber(a.delta) })),
      criteria: u.criteria.map((k) => ({
        code: k.code,
        title: k.title,
        score: jsonNumber(k.score),
        prior: jsonNumber(k.prior),
        max: jsonNumber(k.max),
        delta: jsonNumber(k.delta),
        status: k.status,
      })),
    })),
    unmatched: c.unmatched,
    findings: findings.map((f) => findingJson(f, lang)),
  };
}
