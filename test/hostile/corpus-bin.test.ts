/**
 * The installed command (node bin/par-scorecard.js, compiled and bundled into lib/ by `npm run build:cli`) on
 * every corpus file: the documented exit code, no stack trace on stderr, and for the zip bombs
 * and the million-row sheet a peak RSS measured by the child itself. lib/ is built from the current
 * sources by the jest globalSetup (test/support/global-setup.js).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bad, expectedCorpus, ROOT, SAMPLES, STACK_LINE, tmpDir } from './helpers';

jest.setTimeout(120_000);

const BIN = path.join(ROOT, 'bin', 'par-scorecard.js');
const entries = expectedCorpus();

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the child, in MB (process.resourceUsage().maxRSS). */
  maxRssMb: number;
}

let probe: string;
beforeAll(() => {
  // Preloaded into the child: on exit, write its peak RSS to the file named by PAR_RSS_OUT.
  probe = path.join(tmpDir(), 'rss-probe.js');
  writeFileSync(
    probe,
    "process.on('exit', () => require('fs').writeFileSync(process.env.PAR_RSS_OUT, String(process.resourceUsage().maxRSS)));\n",
  );
});

function runBin(args: string[]): Promise<ChildRun> {
  const rssFile = path.join(tmpDir(), 'rss.txt');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', probe, BIN, ...args], {
      env: { ...process.env, PAR_RSS_OUT: rssFile, NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const kb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
      resolve({ code, stdout, stderr, maxRssMb: kb / 1024 });
    });
  });
}

describe('node bin/par-scorecard.js validate <file> --json', () => {
  let baselineMb = 0;
  beforeAll(async () => {
    const r = await runBin(['validate', path.join(SAMPLES, 'tong-hop-xa-2025.xlsx'), '--json']);
    expect(r.code).toBe(0);
    baselineMb = r.maxRssMb;
    expect(baselineMb).toBeGreaterThan(0);
  });

  it.each(entries.map((e) => [e.file, e] as const))('%s', async (_file, e) => {
    const r = await runBin(['validate', bad(e.file), '--json']);
    expect(r.code).toBe(e.cli.validate);
    expect(r.stderr).not.toMatch(STACK_LINE);
    if (e.cli.validate === 2) {
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^par-scorecard: /);
    } else {
      expect(r.stderr).toBe('');
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
    // Memory: the bombs and the million rows cost no more than reading a normal workbook + 300 MB.
    expect(r.maxRssMb - baselineMb).toBeLessThan(300);
  });
});
