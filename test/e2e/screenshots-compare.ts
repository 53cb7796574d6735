/**
 * Screenshot comparison for the end-to-end suite: a new screenshot against the committed one in
 * docs/screenshots/, with a tolerance for font anti-aliasing but not for a moved or missing element.
 *
 * A test run writes only to a temporary folder (E2E_SCREENSHOTS_DIR, default
 * <tmp>/par-scorecard-e2e/screenshots): the new image, and on a mismatch a diff image beside it.
 * `npm run screenshots` (E2E_UPDATE_SCREENSHOTS=1) refreshes docs/screenshots/ instead; even then
 * an image within the tolerance is left as committed, so a refresh that changes nothing visible
 * leaves git clean.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/** The committed screenshots (the README shows them). */
export const COMMITTED_DIR = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

/** Where a test run writes its screenshots and diffs (never the work tree). */
export const RUN_DIR = path.resolve(process.env.E2E_SCREENSHOTS_DIR ?? path.join(os.tmpdir(), 'par-scorecard-e2e', 'screenshots'));

/** `npm run screenshots`: write changed screenshots into docs/screenshots/ instead of failing. */
export const UPDATING = process.env.E2E_UPDATE_SCREENSHOTS === '1';

/**
 * Per-pixel colour distance under which two pixels count as equal (pixelmatch's OKLab HyAB
 * threshold, 0–1; 0.1 is its default). Pixels that pixelmatch recognises as anti-aliased edges are
 * not counted at all (includeAA: false).
 */
const PIXEL_THRESHOLD = 0.1;

/** Side of the square areas in which differing pixels are counted (pixelmatch's windowSize). */
export const AREA = 10;

/**
 * Differing pixels allowed in any AREA×AREA square. Re-rendering a page on this machine differs by
 * 0 pixels; rendering noise (shading of glyph edges) is thin and spread out, while a real change is
 * dense in one place: one digit changed ("12" → "13") is 14 differing pixels in one square, a hidden
 * heading 50, the content moved down by 3 px 65 (measured; the "screenshot comparison" tests below
 * check each of them, and that per-pixel shading noise passes).
 */
export const MAX_IN_AREA = 8;

export interface Comparison {
  /** Why the images do not match; null when they do (within the tolerance). */
  mismatch: string | null;
  /** Differing pixels in the whole image (Infinity when the sizes differ or there is no committed image). */
  differing: number;
  /** The most differing pixels in one AREA×AREA square (what the tolerance applies to). */
  densest: number;
  /** Where the new image was written. */
  actual: string;
  /** The diff image (red: differing pixels), when pixels differed. */
  diff?: string;
}

/** Compare two PNGs; writes `<name>.png` and, when pixels differ, `<name>.diff.png` into `dir`. */
export function comparePngs(expected: Buffer | null, actual: Buffer, name: string, dir: string = RUN_DIR): Comparison {
  mkdirSync(dir, { recursive: true });
  const actualFile = path.join(dir, `${name}.png`);
  const diffFile = path.join(dir, `${name}.diff.png`);
  writeFileSync(actualFile, actual);
  rmSync(diffFile, { force: true }); // an earlier run's diff would mislead
  if (!expected) return { mismatch: 'no committed image', differing: Infinity, densest: Infinity, actual: actualFile };
  const a = PNG.sync.read(expected);
  const b = PNG.sync.read(actual);
  if (a.width !== b.width || a.height !== b.height) {
    // A taller or shorter page: the diff of both drawn on the larger canvas shows where it starts.
    const [width, height] = [Math.max(a.width, b.width), Math.max(a.height, b.height)];
    const diff = new PNG({ width, height });
    pixelmatch(padded(a, width, height).data, padded(b, width, height).data, diff.data, width, height, { threshold: PIXEL_THRESHOLD });
    writeFileSync(diffFile, PNG.sync.write(diff));
    const mismatch = `size ${b.width}×${b.height} instead of ${a.width}×${a.height}`;
    return { mismatch, differing: Infinity, densest: Infinity, actual: actualFile, diff: diffFile };
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const differing = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: PIXEL_THRESHOLD });
  if (differing === 0) return { mismatch: null, differing, densest: 0, actual: actualFile };
  const densest = pixelmatch(a.data, b.data, null, a.width, a.height, { threshold: PIXEL_THRESHOLD, windowSize: AREA });
  writeFileSync(diffFile, PNG.sync.write(diff));
  const mismatch =
    densest > MAX_IN_AREA
      ? `${differing} pixels differ, ${densest} of them in one ${AREA}×${AREA} area (at most ${MAX_IN_AREA} allowed)`
      : null;
  return { mismatch, differing, densest, actual: actualFile, diff: diffFile };
}

/** `png` in the top-left corner of a transparent width×height canvas. */
function padded(png: PNG, width: number, height: number): PNG {
  const out = new PNG({ width, height });
  PNG.bitblt(png, out, 0, 0, png.width, png.height, 0, 0);
  return out;
}

/** The committed screenshot `name`, or null. */
export function committed(name: string): Buffer | null {
  const file = path.join(COMMITTED_DIR, `${name}.png`);
  return existsSync(file) ? readFileSync(file) : null;
}

/**
 * Check a new screenshot against the committed one. In a test run a mismatch throws with the
 * paths of the new image and the diff; with `npm run screenshots` it replaces the committed image.
 */
export function matchCommitted(name: string, png: Buffer): void {
  const result = comparePngs(committed(name), png, name);
  if (!result.mismatch) return;
  const target = path.join(COMMITTED_DIR, `${name}.png`);
  if (UPDATING) {
    writeFileSync(target, png);
    console.log(`screenshot ${name}: ${result.mismatch} → wrote ${path.relative(process.cwd(), target)}`);
    return;
  }
  throw new Error(
    `Screenshot "${name}" differs from docs/screenshots/${name}.png: ${result.mismatch}.\n` +
      `  new image: ${result.actual}\n` +
      (result.diff ? `  diff (red = differing pixels): ${result.diff}\n` : '') +
      'If the change is intended, refresh the committed screenshots with: npm run screenshots',
  );
}
