/**
 * Every kind of file the command line writes passes ../shared/schemas/ooxml/check-xlsx.sh: the
 * ECMA-376 Transitional schemas plus the checks Excel applies beyond them (what makes Excel offer
 * to repair a file: see that folder's README), among them conditional-format formulas without
 * array constants, unions or other-sheet references ([MS-OI29500] §3.2.3.1.2), unique rule
 * priorities, and valid defined names. One writer since issue #16: the package path (new
 * workbooks included, from its template).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main';
import { describeShared } from '../../support/shared';

jest.setTimeout(120_000);

const SAMPLES = path.resolve(__dirname, '../../../samples');
const sample = (name: string) => path.join(SAMPLES, name);

/** Each output: its file name and the command line that writes it (`OUT` = the output path). */
const OUTPUTS: [string, string[]][] = [
  ['compute.xlsx', ['compute', sample('tong-hop-xa-2025.xlsx'), '--out', 'OUT']],
  ['compute-summary.xlsx', ['compute', sample('ket-qua-xa-2024-tom-tat.xlsx'), '--out', 'OUT']],
  ['compare-detailed.xlsx', ['compare', sample('tong-hop-xa-2025.xlsx'), '--prior', sample('tong-hop-xa-2024.xlsx'), '--out', 'OUT']],
  ['compare-summary.xlsx', ['compare', sample('tong-hop-xa-2025.xlsx'), '--prior', sample('ket-qua-xa-2024-tom-tat.xlsx'), '--out', 'OUT']],
  ['consolidate.xlsx', ['consolidate', path.join(SAMPLES, 'don-vi'), '--out', 'OUT']],
];

let dir: string;

async function write(name: string, argv: string[]): Promise<string> {
  const out = path.join(dir, name);
  let err = '';
  const code = await main(
    argv.map((a) => (a === 'OUT' ? out : a)),
    { out: () => {}, err: (s) => (err += s) },
  );
  if (code !== 0) throw new Error(`par-scorecard ${argv[0]} exited ${code}: ${err}`);
  return out;
}

/** check-xlsx.sh's report: its exit code and its lines (one per problem). */
function check(script: string, file: string): { code: number; report: string } {
  try {
    return { code: 0, report: execFileSync('bash', [script, file], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, report: `${x.stdout}${x.stderr}` };
  }
}

describeShared('schemas/ooxml', 'check-xlsx.sh on every kind of output of the command line', (schemas) => {
  const CHECK = path.join(schemas, 'check-xlsx.sh');
  beforeAll(() => {
    if (!existsSync(CHECK)) throw new Error(`${CHECK} is missing`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'par-check-xlsx-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(OUTPUTS)('%s passes check-xlsx.sh (no repair prompt in Excel)', async (name, argv) => {
    const file = await write(name, argv);
    expect(check(CHECK, file)).toEqual({ code: 0, report: '' });
  });

  test('compare --out on a file compared before (our sheet, name and rules replaced) passes check-xlsx.sh', async () => {
    const first = await write('compare-first.xlsx', OUTPUTS[2][1]);
    const again = await write('compare-again.xlsx', ['compare', first, '--prior', sample('tong-hop-xa-2024.xlsx'), '--out', 'OUT']);
    expect(check(CHECK, again)).toEqual({ code: 0, report: '' });
  });

  test('the check rejects what it should: an array constant in a conditional format (the comparison before issue #14)', async () => {
    const { default: JSZip } = await import('jszip');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const file = await write('compare-canary.xlsx', OUTPUTS[2][1]);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const part = 'xl/worksheets/sheet1.xml';
    const xml = await zip.file(part)!.async('string');
    zip.file(part, xml.replace(/INDEX\(PAR_TRUOC_\w+,/, 'INDEX({1;2},'));
    const bad = path.join(dir, 'canary-bad.xlsx');
    writeFileSync(bad, await zip.generateAsync({ type: 'nodebuffer' }));
    const { code, report } = check(CHECK, bad);
    expect(code).toBe(1);
    expect(report).toContain('array constant');
  });
});
