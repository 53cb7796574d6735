/**
 * Child process of the harness: measures one case in a fresh process (node worker.js <case.json>)
 * and prints the result as JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import type { CaseFiles } from './cases';
import { measureInProcess, type TimingOptions } from './measure';

async function main(): Promise<void> {
  const { files, opts } = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { files: CaseFiles; opts: TimingOptions };
  const result = await measureInProcess(files, opts);
  process.stdout.write(JSON.stringify(result));
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
