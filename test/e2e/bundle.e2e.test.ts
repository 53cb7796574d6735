/**
 * The production bundle runs no string as code: no eval, no `new Function`, no string timers,
 * in any script the task pane, the ribbon commands or the lazily loaded chunks can load; and the
 * pane's first render loads only what it shows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pageAssets } from '../../bench/bundle';
import { distDir } from './harness';

const EVAL_LIKE = /\beval\s*\(|new\s+Function\s*\(|set(?:Timeout|Interval)\s*\(\s*["'`]/;

test('no eval-like call in any built script', () => {
  const dist = distDir();
  const scripts: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.js')) scripts.push(full);
    }
  };
  walk(dist);
  expect(scripts.length).toBeGreaterThan(5);
  const offenders = scripts
    .map((file) => {
      const m = EVAL_LIKE.exec(readFileSync(file, 'utf8'));
      return m ? `${path.relative(dist, file)}: …${m[0]}…` : null;
    })
    .filter(Boolean);
  expect(offenders).toEqual([]);
});

/**
 * Issue #17: what Excel loads before the pane's first render (taskpane.html's scripts; office.js,
 * here its stand-in, excluded) stays within 180 KB gzip, and holds nothing the first render does
 * not show: the Office.js writer loads once the workbook has been read, Fluent's MessageBar with
 * the first notice or view (bench/bundle.ts reports the same sum for the production build).
 */
test('the task pane before its first render: ≤ 180 KB gzip, no writer, no MessageBar', () => {
  const dist = distDir();
  const { assets } = pageAssets(readFileSync(path.join(dist, 'taskpane.html'), 'utf8'));
  const initial = assets.filter((file) => !file.startsWith('office-js/'));
  expect(initial).toContain('office-loader.js');
  expect(initial.filter((file) => file.startsWith('taskpane.'))).toHaveLength(1);
  const gzipBytes = initial.reduce((n, file) => n + gzipSync(readFileSync(path.join(dist, file))).length, 0);
  expect(gzipBytes).toBeLessThanOrEqual(180_000);
  // Which sources each script was built from: its source map (devtool 'source-map').
  const sources = initial
    .filter((file) => file.endsWith('.js') && file !== 'office-loader.js')
    .flatMap((file) => (JSON.parse(readFileSync(path.join(dist, `${file}.map`), 'utf8')) as { sources: string[] }).sources);
  expect(sources.some((s) => s.includes('src/taskpane/App.tsx'))).toBe(true);
  expect(sources.some((s) => s.includes('src/hosts/office/read.ts'))).toBe(true);
  expect(sources.filter((s) => s.includes('src/hosts/office/write.ts') || s.includes('@fluentui/react-message-bar'))).toEqual([]);
});
