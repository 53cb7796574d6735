/**
 * Where the project's shared folder is (`../shared` beside the repository: schemas, fixtures,
 * domain notes), or null when this checkout has none (a git worktree elsewhere, a CI without it).
 * `PAR_SHARED` names it first; then `<repo>/../shared`. Tests that need it are marked not run
 * when it is absent ("not run: ../shared/schemas is absent — …"), never passed silently.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export function sharedDir(): string | null {
  const fromEnv = process.env.PAR_SHARED;
  if (fromEnv) return existsSync(fromEnv) ? path.resolve(fromEnv) : null;
  const beside = path.resolve(__dirname, '../../../shared');
  return existsSync(beside) ? beside : null;
}
