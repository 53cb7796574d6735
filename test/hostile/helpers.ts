/** Shared helpers of the hostile-input suites (test/hostile). */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import type { CorpusExpectation } from '../../scripts/make-bad-corpus';

export const ROOT = path.resolve(__dirname, '../..');
export const BAD = path.join(ROOT, 'test', 'fixtures', 'bad');
export const SAMPLES = path.join(ROOT, 'samples');

export const expectedCorpus = (): CorpusExpectation[] =>
  (JSON.parse(readFileSync(path.join(BAD, 'expected.json'), 'utf8')) as { entries: CorpusExpectation[] }).entries;

export const bad = (file: string) => path.join(BAD, file);
export const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const made: string[] = [];
/** A fresh temporary folder, removed when the test file ends. */
export const tmpDir = (prefix = 'par-hostile-') => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
export const filesIn = (dir: string) => readdirSync(dir).sort();

export interface Run {
  code: number;
  out: string;
  err: string;
  /** Number of io.out / io.err calls. */
  outCalls: number;
  errCalls: number;
}

/** The command line in-process, with captured output. */
export async function run(...argv: string[]): Promise<Run> {
  const r: Run = { code: -1, out: '', err: '', outCalls: 0, errCalls: 0 };
  r.code = await main(argv, {
    out: (s) => {
      r.outCalls++;
      r.out += s.endsWith('\n') ? s : `${s}\n`;
    },
    err: (s) => {
      r.errCalls++;
      r.err += s.endsWith('\n') ? s : `${s}\n`;
    },
  });
  return r;
}

/** A line of a JavaScript stack trace ("    at fn (file:1:2)"). */
export const STACK_LINE = /^\s+at\s/m;

/**
 * The exit-2 contract: exactly one line on stderr, starting "par-scorecard:", no stack trace, no
 * stdout. Returns the message.
 */
export function expectOneErrorLine(r: Run): string {
  expect(r.code).toBe(2);
  const lines = r.err.replace(/\n$/, '').split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^par-scorecard: \S/);
  expect(r.err).not.toMatch(STACK_LINE);
  expect(r.out).toBe('');
  return lines[0];
}

/**
 * Every way a workbook could make the process reach out or run something: sockets, DNS, HTTP(S),
 * fetch, child processes. While installed, each call is recorded and refused.
 */
export function installOutboundTraps(): { calls: string[]; uninstall: () => void } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const targets: [object, string, string][] = [
    [require('node:net').Socket.prototype, 'connect', 'net.Socket#connect'],
    [require('node:dns'), 'lookup', 'dns.lookup'],
    [require('node:dns').promises, 'lookup', 'dns.promises.lookup'],
    [require('node:http'), 'request', 'http.request'],
    [require('node:http'), 'get', 'http.get'],
    [require('node:https'), 'request', 'https.request'],
    [require('node:https'), 'get', 'https.get'],
    [require('node:child_process'), 'spawn', 'child_process.spawn'],
    [require('node:child_process'), 'exec', 'child_process.exec'],
    [require('node:child_process'), 'execFile', 'child_process.execFile'],
    [require('node:child_process'), 'fork', 'child_process.fork'],
    [require('node:child_process'), 'spawnSync', 'child_process.spawnSync'],
    [require('node:child_process'), 'execSync', 'child_process.execSync'],
    [require('node:child_process'), 'execFileSync', 'child_process.execFileSync'],
    [globalThis, 'fetch', 'fetch'],
  ];
  /* eslint-enable @typescript-eslint/no-require-imports */
  const calls: string[] = [];
  const saved = targets.map(([obj, key]) => [obj, key, (obj as Record<string, unknown>)[key]] as const);
  for (const [obj, key, label] of targets) {
    (obj as Record<string, unknown>)[key] = (...args: unknown[]) => {
      calls.push(`${label}(${args.map((a) => String(a).slice(0, 80)).join(', ')})`);
      throw new Error(`outbound call refused by the test: ${label}`);
    };
  }
  return {
    calls,
    uninstall: () => {
      for (const [obj, key, value] of saved) (obj as Record<string, unknown>)[key] = value;
    },
  };
}
