/**
 * No import cycles in src/ (issue #17): each module can be read, changed and tested from its own
 * imports down. Type-only imports count too — a cycle through types is still two modules that
 * must be understood together. madge (dependency graph through the TypeScript resolver) finds them.
 */
import path from 'path';
import madge from 'madge';
import { ROOT } from './shared';

test('src/ has no import cycle', async () => {
  const graph = await madge(path.join(ROOT, 'src'), {
    fileExtensions: ['ts', 'tsx'],
    tsConfig: path.join(ROOT, 'tsconfig.json'),
  });
  expect(graph.circular()).toEqual([]);
}, 60_000);
