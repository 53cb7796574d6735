/**
 * One row per chosen file for the list: its unit, year, finding counts and findings (the
 * consolidation's own first, then the form's), and what became of it (its column and rank in the
 * consolidation, or why it was left out).
 */
import type { ConsolidatedUnit, ConsolidationResult, ExcludedForm } from '../../../core/consolidate';
import { countFindings, type Finding, type Severity } from '../../../core/finding';
import type { ChosenFile } from './files-store';

export interface FileRow {
  id: string;
  name: string;
  unit: string | null;
  year: number | null;
  counts: Record<Severity, number>;
  findings: Finding[];
  included: ConsolidatedUnit | null;
  excluded: ExcludedForm | null;
}

export function fileRows(files: readonly ChosenFile[], result: ConsolidationResult): FileRow[] {
  const findings = new Map<string, { unit: string | null; list: Finding[] }>();
  for (const f of result.findings) {
    const entry = findings.get(f.file) ?? { unit: f.unit, list: [] };
    entry.list.push(f.finding);
    findings.set(f.file, entry);
  }
  const included = new Map(result.units.map((u) => [u.file, u]));
  const excluded = new Map(result.excluded.map((e) => [e.file, e]));
  return files.map((file) => {
    const own = findings.get(file.id);
    const unit = included.get(file.id) ?? null;
    const out = excluded.get(file.id) ?? null;
    const list = own?.list ?? [];
    return {
      id: file.id,
      name: file.name,
      unit: unit?.unit ?? out?.unit ?? own?.unit ?? null,
      year: file.year,
      counts: countFindings(list),
      findings: list,
      included: unit,
      excluded: out,
    };
  });
}

/** A file worth a look: left out, or with errors or warnings. */
export function hasProblems(row: FileRow): boolean {
  return row.excluded !== null || row.counts.error > 0 || row.counts.warning > 0;
}

/** The years the files carry, latest first (the choices of the "year" option). */
export function yearsOf(files: readonly ChosenFile[]): number[] {
  return [...new Set(files.flatMap((f) => (f.year === null ? [] : [f.year])))].sort((a, b) => b - a);
}
