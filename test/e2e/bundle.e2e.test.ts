/**
 * The production bundle runs no string as code: no eval, no `new Function`, no string timers,
 * in any script the task pane, the ribbon commands or the lazily loaded chunks can load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
