/**
 * Where the test data lives.
 *
 * The suite runs on the project's own workbooks: `samples/` is made by the project's generator
 * (`npm run samples`, src/samples) and is what every test reads. The team's shared folder
 * (`../shared` beside the clone, as in CI; or `PAR_SHARED`) holds an independent set of
 * workbooks and the reference schemas; a fresh clone has none of it, so the tests that use it are
 * reported as "not run" with the reason (see `sharedTest`), never failed and never silently passed.
 */
import { existsSync, readFileSync } from 'fs';
import path from 'path';

export const ROOT = path.resolve(__dirname, '../..');

/** The project's generated sample workbooks (same file names as the shared fixtures). */
export const SAMPLES = path.join(ROOT, 'samples');
export const samplePath = (...parts: string[]): string => path.join(SAMPLES, ...parts);

/** The shared folder (`PAR_SHARED`, else `<repo>/../shared`), or null when there is none. */
export function sharedDir(): string | null {
  const candidate = process.env.PAR_SHARED ? path.resolve(process.env.PAR_SHARED) : path.resolve(ROOT, '../shared');
  return existsSync(candidate) ? candidate : null;
}

/** A folder inside the shared folder, or null with the reason it is not there. */
export function sharedPart(part: 'fixtures' | 'schemas' | 'schemas/ooxml'): { dir: string | null; reason: string } {
  const shared = sharedDir();
  const dir = shared && existsSync(path.join(shared, part)) ? path.join(shared, part) : null;
  const reason = process.env.PAR_SHARED
    ? `PAR_SHARED=${process.env.PAR_SHARED} has no ${part}/`
    : `no ../shared/${part} beside the repository (a clone on its own); set PAR_SHARED=<shared folder> to run it`;
  return { dir, reason: dir ? '' : reason };
}

/**
 * `describe(name, () => body(dir))` when the shared part is present; otherwise one skipped test
 * whose title starts with "not run:" and gives the reason, which test/support/not-run-reporter.js
 * lists at the end of the run. Every test that needs ../shared goes through it.
 */
export function describeShared(part: Parameters<typeof sharedPart>[0], name: string, body: (dir: string) => void): void {
  const { dir, reason } = sharedPart(part);
  if (dir) describe(name, () => body(dir));
  else test.skip(`not run: ${name} — ${reason}`, () => undefined);
}

/** One defect sample's expected finding, in the shape of ../shared/fixtures/expected-findings.json. */
export interface ExpectedDefect {
  sheet?: string;
  cell?: string;
  severity?: string;
  what: string;
}

/**
 * What each generated defect sample (samples/loi-*.xlsx) must report, from samples/manifest.json:
 * the same shape as the shared expected-findings.json, so one check reads either. A defect with
 * severity "none" (a formula-looking unit name kept as text) names no cell, as in the shared file.
 */
export function expectedSampleDefects(): Record<string, ExpectedDefect[]> {
  const manifest = JSON.parse(readFileSync(samplePath('manifest.json'), 'utf8')) as {
    samples: { file: string; sheet: string; defect?: { cell: string; severity: string; what: string } }[];
  };
  const out: Record<string, ExpectedDefect[]> = {};
  for (const s of manifest.samples) {
    if (!s.defect) continue;
    const { cell, severity, what } = s.defect;
    out[s.file] = [severity === 'none' ? { what } : { sheet: s.sheet, cell, severity, what }];
  }
  return out;
}
