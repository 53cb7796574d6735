/**
 * The benchmark's workbooks, generated deterministically (fixed seeds, fixed dates, the sample
 * generator of src/samples) into a folder: the same case always gives the same bytes.
 *
 * - `<units>x<criteria>`: a consolidation (criteria as rows, one column per unit) for 2025 and a
 *   prior year (2024) of the same shape and units, with other scores;
 * - `<units>-summary`: published results (units as rows, one column per area, 8 areas), 2025 and 2024;
 * - `<units>-forms`: one self-assessment form per unit (self-assessed and appraised scores), the
 *   input of `par-scorecard consolidate <folder>`.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import {
  buildConsolidated,
  buildScorecard,
  buildSummary,
  criteriaSet,
  generateScores,
  selfAssessment,
  seedFrom,
  stableBytes,
  type CriteriaSet,
} from '../src/samples';

export type CaseKind = 'consolidated' | 'summary' | 'forms';

export interface CaseSpec {
  name: string;
  kind: CaseKind;
  units: number;
  /** Rows of the criteria tree (the summary has one column per area: `criteria` is 8 there). */
  criteriaRows: number;
}

export interface CaseFiles {
  spec: CaseSpec;
  /** Criteria as the JSON reports them: criteria-tree rows, or area columns for a summary. */
  criteria: number;
  /** Score cells of the current year's workbook (units × leaf criteria, or units × areas). */
  scoreCells: number;
  /** consolidated / summary */
  current?: string;
  prior?: string;
  /** forms: the folder of forms and the files in it. */
  formsDir?: string;
  forms?: string[];
}

export const CASES: readonly CaseSpec[] = [
  { name: '8x48', kind: 'consolidated', units: 8, criteriaRows: 48 },
  { name: '150x150', kind: 'consolidated', units: 150, criteriaRows: 150 },
  { name: '1000x150', kind: 'consolidated', units: 1000, criteriaRows: 150 },
  { name: '3321-summary', kind: 'summary', units: 3321, criteriaRows: 150 },
  { name: '150-forms', kind: 'forms', units: 150, criteriaRows: 150 },
];

/** The reduced case of `--smoke` (and of the shape test). */
export const SMOKE_CASE: CaseSpec = { name: '3x12', kind: 'consolidated', units: 3, criteriaRows: 12 };

/** Parse "NxM", "N-summary" or "N-forms" (for --cases with sizes of one's own). */
export function parseCase(name: string): CaseSpec | null {
  const known = [...CASES, SMOKE_CASE].find((c) => c.name === name);
  if (known) return known;
  let m = /^(\d+)x(\d+)$/.exec(name);
  if (m) return { name, kind: 'consolidated', units: Number(m[1]), criteriaRows: Number(m[2]) };
  m = /^(\d+)-summary$/.exec(name);
  if (m) return { name, kind: 'summary', units: Number(m[1]), criteriaRows: 150 };
  m = /^(\d+)-forms$/.exec(name);
  if (m) return { name, kind: 'forms', units: Number(m[1]), criteriaRows: 150 };
  return null;
}

const PLACES = [
  'An Lạc',
  'Tân Lập',
  'Hòa Bình',
  'An Phú',
  'Tân Thành',
  'Phước Hưng',
  'Trung Tâm',
  'Đông Hà',
  'Quảng Tín',
  'Ea Pô',
  'Nam Dong',
  'Nghĩa Trung',
  'Đắk Mil',
  "Đắk R'lấp",
  'Krông Nô',
  'Cư Jút',
  'Gia Nghĩa',
  'Đắk Song',
  'Tuy Đức',
  'Đắk Glong',
];

/** Distinct, realistic unit names (commune or ward, a place name, a number once the list repeats). */
export function unitNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 3 === 1 ? 'Phường' : 'Xã';
    const place = PLACES[i % PLACES.length];
    const round = Math.floor(i / PLACES.length);
    return round === 0 ? `${kind} ${place}` : `${kind} ${place} ${round + 1}`;
  });
}

function criteriaFor(spec: CaseSpec): CriteriaSet {
  return criteriaSet({ kind: 'synthetic', count: spec.criteriaRows, seed: seedFrom(`bench|criteria|${spec.criteriaRows}`) });
}

/** Write the case's workbooks into `dir` (created if needed). */
export async function generateCase(spec: CaseSpec, dir: string): Promise<CaseFiles> {
  await fsp.mkdir(dir, { recursive: true });
  const criteria = criteriaFor(spec);
  const units = unitNames(spec.units);
  const scoresOf = (year: number) => generateScores(criteria, units, { seed: seedFrom(`bench|${spec.name}|${year}`) });
  const write = async (file: string, bytes: Uint8Array) => {
    const full = path.join(dir, file);
    await fsp.writeFile(full, bytes);
    return full;
  };

  if (spec.kind === 'consolidated') {
    const leaves = criteria.leaves.length;
    const current = await write(
      'tong-hop-2025.xlsx',
      await stableBytes(buildConsolidated({ year: 2025, units, criteria, scores: scoresOf(2025) })),
    );
    const prior = await write(
      'tong-hop-2024.xlsx',
      await stableBytes(buildConsolidated({ year: 2024, units, criteria, scores: scoresOf(2024) })),
    );
    return { spec, criteria: criteria.nodes.length, scoreCells: units.length * leaves, current, prior };
  }

  if (spec.kind === 'summary') {
    const areas = criteria.areas.length;
    const current = await write(
      'ket-qua-2025.xlsx',
      await stableBytes(buildSummary({ year: 2025, units, criteria, scores: scoresOf(2025) })),
    );
    const prior = await write(
      'ket-qua-2024.xlsx',
      await stableBytes(buildSummary({ year: 2024, units, criteria, scores: scoresOf(2024) })),
    );
    return { spec, criteria: areas, scoreCells: units.length * areas, current, prior };
  }

  // One form per unit: appraised scores and a self-assessment close to them.
  const formsDir = path.join(dir, 'phieu');
  await fsp.mkdir(formsDir, { recursive: true });
  const appraised = scoresOf(2025);
  const forms: string[] = [];
  for (let i = 0; i < units.length; i++) {
    const self = selfAssessment(criteria, appraised[i], seedFrom(`bench|self|${units[i]}`));
    const wb = buildScorecard({
      year: 2025,
      unit: units[i],
      criteria,
      self,
      appraised: appraised[i],
      seed: seedFrom(`bench|form|${units[i]}`),
    });
    const file = path.join(formsDir, `phieu-${String(i + 1).padStart(4, '0')}.xlsx`);
    await fsp.writeFile(file, await stableBytes(wb));
    forms.push(file);
  }
  return { spec, criteria: criteria.nodes.length, scoreCells: units.length * criteria.leaves.length, formsDir, forms };
}
