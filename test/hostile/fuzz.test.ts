/**
 * Bounded mutation fuzz of a valid workbook through the command line, in-process:
 * `main(['validate', file, '--json'])` on seeded mutations of samples/tong-hop-xa-2025.xlsx
 * (bit flips, truncations, zeroed ranges, duplicated chunks, damaged zip headers, damaged deflate
 * data, and damaged XML re-zipped into a well-formed package).
 *
 * Every run must end with exit 0, 1 or 2; exit 2 with exactly one stderr line "par-scorecard: …"
 * and no stack trace; exit 0/1 with one parseable JSON document on stdout; the input unchanged.
 *
 * Each run fuzzes new mutations: the run's seed (test/support/seed.ts; PAR_SEED, or PAR_FUZZ_SEED
 * as an older alias) picks them. A failure prints the case number, the mutation and the command
 * that replays it (PAR_SEED=… npx jest test/hostile/fuzz.test.ts); PAR_FUZZ_COUNT (default 2000)
 * extends a run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Prng } from '../../src/samples/prng';
import { readCentralDirectory } from '../../src/hosts/xlsx/zip';
import { readWorkbookFile, WorkbookReadError } from '../../src/hosts/xlsx/node';
import { readZip, writeZip } from '../../scripts/bad-corpus/zip-kit';
import { run, SAMPLES, STACK_LINE, tmpDir } from './helpers';
import { rerunCommand, runSeed } from '../support/seed';

const COUNT = Number(process.env.PAR_FUZZ_COUNT ?? 2000);
const SEED = runSeed();
const REPLAY = rerunCommand(SEED, __filename);
const PER_CASE_MS = 20_000;

jest.setTimeout(Math.max(180_000, COUNT * 200));

const source = path.join(SAMPLES, 'tong-hop-xa-2025.xlsx');
const base = new Uint8Array(readFileSync(source));
const sourceSum = createHash('sha256').update(base).digest('hex');
const entries = readCentralDirectory(base);
const dataRange = (name: string) => {
  const e = entries.find((x) => x.name === name)!;
  const h = e.localHeaderOffset;
  const start = h + 30 + (base[h + 26] | (base[h + 27] << 8)) + (base[h + 28] | (base[h + 29] << 8));
  return [start, start + e.compressedSize] as const;
};
const SHEET = dataRange('xl/worksheets/sheet1.xml');
const STRINGS = dataRange('xl/sharedStrings.xml');
const HEADERS = [
  ...entries.map((e) => [e.localHeaderOffset, e.localHeaderOffset + 30] as const),
  [entries[0].centralOffset, base.length] as const,
];
const PARTS = readZip(base);

/** One reused buffer, large enough for a workbook with an inserted chunk. */
const buf = new Uint8Array(base.length * 2 + 65536);

type Mutation = { kind: string; detail: string; length: number };

function mutate(rng: Prng, only?: number): Mutation {
  buf.set(base);
  let length = base.length;
  const pick = (lo: number, hi: number) => rng.int(lo, Math.max(lo, hi - 1));
  const flips = (from: number, to: number, n: number) => {
    const at: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = pick(from, to);
      buf[p] ^= rng.int(1, 255);
      at.push(p);
    }
    return at.join(',');
  };
  const kind = only ?? rng.int(0, 11);
  switch (kind) {
    case 0:
      return { kind: 'flip', detail: flips(0, length, rng.int(1, 8)), length };
    case 1: {
      length = rng.chance(0.3) ? rng.int(0, 64) : pick(1, base.length);
      return { kind: 'truncate', detail: String(length), length };
    }
    case 2: {
      const at = pick(0, length);
      const n = Math.min(rng.int(1, 2048), length - at);
      buf.fill(0, at, at + n);
      return { kind: 'zero', detail: `${at}+${n}`, length };
    }
    case 3: {
      const from = pick(0, length);
      const n = Math.min(rng.int(1, 4096), length - from);
      const to = pick(0, length - n);
      buf.copyWithin(to, from, from + n);
      return { kind: 'overwrite-with-copy', detail: `${from}+${n}→${to}`, length };
    }
    case 4: {
      const from = pick(0, length);
      const n = Math.min(rng.int(1, 8192), length - from);
      const at = pick(0, length);
      const chunk = base.slice(from, from + n);
      buf.copyWithin(at + n, at, length);
      buf.set(chunk, at);
      length += n;
      return { kind: 'insert-copy', detail: `${from}+${n}@${at}`, length };
    }
    case 5: {
      const [lo, hi] = HEADERS[rng.int(0, HEADERS.length - 1)];
      return { kind: 'zip-header', detail: flips(lo, hi, rng.int(1, 3)), length };
    }
    case 6:
      return { kind: 'sheet-deflate', detail: flips(SHEET[0], SHEET[1], rng.int(1, 4)), length };
    case 7:
      return { kind: 'strings-deflate', detail: flips(STRINGS[0], STRINGS[1], rng.int(1, 3)), length };
    case 10:
    case 11: {
      // Well-formed but wrong cell content (values, types, references, formulas, string indexes):
      // reaches the engine with what a careless generator or a hand edit leaves behind.
      const parts = PARTS.map((p) => ({ name: p.name, data: p.data }));
      const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
      let xml = Buffer.from(sheet.data).toString('utf8');
      const edits: string[] = [];
      const VALUES = [
        '-1',
        '1e308',
        '-0',
        '0.1',
        '3.5',
        '99999',
        'abc',
        '',
        'NaN',
        '1,5',
        '45778',
        '0.30000000000000004',
        '#DIV/0!',
        '1',
        '7',
      ];
      const FORMULAS = ['SUM(D9:D11)', 'SUM(', '1/0', "'X'!A1", '[1]S!A1', 'D10', 'SUM(A1:XFD1048576)', 'RANK.EQ(D49,$D$49:$O$49)'];
      for (let i = rng.int(1, 8); i > 0; i--) {
        const op = rng.int(0, 6);
        const all = (re: RegExp) => [...xml.matchAll(re)];
        const one = (re: RegExp) => {
          const ms = all(re);
          return ms.length ? ms[rng.int(0, ms.length - 1)] : null;
        };
        const splice = (m: RegExpMatchArray | null, replacement: string) => {
          if (!m || m.index === undefined) return;
          xml = xml.slice(0, m.index) + replacement + xml.slice(m.index + m[0].length);
          edits.push(`${op}:${m[0].slice(0, 30)}→${replacement.slice(0, 30)}`);
        };
        if (op === 0) splice(one(/<v>[^<]*<\/v>/g), `<v>${rng.pick(VALUES)}</v>`);
        else if (op === 1)
          splice(one(/ t="[a-z]+"/g), rng.pick(['', ' t="str"', ' t="e"', ' t="b"', ' t="n"', ' t="s"', ' t="inlineStr"', ' t="d"']));
        else if (op === 2)
          splice(
            one(/ r="[A-Z]+\d+"/g),
            ` r="${rng.pick(['A', 'D', 'O', 'P', 'XFD', 'ZZ'])}${rng.pick([1, 7, 8, 10, 49, 50, 51, 1048576, 0])}"`,
          );
        else if (op === 3) splice(one(/<c [^>]*\/>|<c [^>]*>.*?<\/c>/g), '');
        else if (op === 4) splice(one(/<f>[^<]*<\/f>/g), `<f>${rng.pick(FORMULAS).replace(/&/g, '&amp;').replace(/'/g, '&apos;')}</f>`);
        else if (op === 5) splice(one(/<row r="\d+"/g), `<row r="${rng.pick([1, 6, 7, 8, 49, 50, 200000, 0])}"`);
        else splice(one(/ s="\d+"/g), ` s="${rng.pick([0, 3, 99, 100000])}"`);
      }
      sheet.data = new Uint8Array(Buffer.from(xml, 'utf8'));
      const zipped = writeZip(parts.map((p) => ({ name: p.name, data: p.data, store: p.name.endsWith('/') })));
      buf.set(zipped);
      return { kind: 'cells', detail: edits.join(' | '), length: zipped.length };
    }
    default: {
      // Damaged XML in a well-formed package (re-deflated, correct sizes and CRC): reaches the
      // XML parser and the engine instead of stopping at the zip layer.
      const target = rng.chance(0.7)
        ? 'xl/worksheets/sheet1.xml'
        : rng.pick(['xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/styles.xml', '[Content_Types].xml', 'xl/_rels/workbook.xml.rels']);
      const parts = PARTS.map((p) => ({ name: p.name, data: p.data }));
      const part = parts.find((p) => p.name === target)!;
      const xml = Buffer.from(part.data);
      const edits: string[] = [];
      for (let i = rng.int(1, 6); i > 0; i--) {
        const at = pick(0, xml.length);
        const op = rng.int(0, 3);
        if (op === 0) xml[at] = rng.pick([0x3c, 0x3e, 0x22, 0x26, 0x2f, 0x30, 0x39, 0x2e, 0x2d, 0x20, 0x41]);
        else if (op === 1) xml[at] = rng.int(0, 255);
        else if (op === 2) xml.copyWithin(at, pick(0, xml.length), Math.min(xml.length, at + rng.int(1, 64)));
        else xml.fill(0x20, at, Math.min(xml.length, at + rng.int(1, 32)));
        edits.push(`${op}@${at}`);
      }
      part.data = new Uint8Array(xml);
      const zipped = writeZip(parts.map((p) => ({ name: p.name, data: p.data, store: p.name.endsWith('/') })));
      buf.set(zipped);
      return { kind: 'xml', detail: `${target}: ${edits.join(' ')}`, length: zipped.length };
    }
  }
}

const COMPUTE_COUNT = Number(process.env.PAR_FUZZ_COMPUTE_COUNT ?? 300);

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

describe(`mutation fuzz: ${COUNT} mutations of tong-hop-xa-2025.xlsx through validate --json`, () => {
  it('always a clear outcome, never a stack trace, the input never changed', async () => {
    const dir = tmpDir('par-fuzz-');
    const file = path.join(dir, 'dot-bien.xlsx');
    const rng = new Prng(SEED);
    const outcomes: Record<string, number> = {};
    const stray: unknown[] = [];
    const onStray = (e: unknown) => stray.push(e);
    process.on('unhandledRejection', onStray);
    process.on('uncaughtException', onStray);
    const t0 = Date.now();
    try {
      for (let i = 0; i < COUNT; i++) {
        const m = mutate(rng);
        const bytes = buf.subarray(0, m.length);
        writeFileSync(file, bytes);
        const before = createHash('sha256').update(bytes).digest('hex');
        const where = `case ${i}, ${m.kind} ${m.detail} (replay: ${REPLAY})`;
        // PAR_FUZZ_TRACE=<file>: the case about to run, for a run that hangs in synchronous code.
        if (process.env.PAR_FUZZ_TRACE) writeFileSync(process.env.PAR_FUZZ_TRACE, `${where}\n`);
        const r = await withTimeout(run('validate', file, '--json'), PER_CASE_MS, where);
        try {
          expect([0, 1, 2]).toContain(r.code);
          expect(r.err).not.toMatch(STACK_LINE);
          if (r.code === 2) {
            const lines = r.err.replace(/\n$/, '').split('\n');
            expect(lines).toHaveLength(1);
            expect(lines[0]).toMatch(/^par-scorecard: \S/);
            expect(r.out).toBe('');
            const reason =
              /không phải là sổ|quá lớn|thiếu dữ liệu|mật khẩu|Excel cũ|Không đọc được/.exec(lines[0])?.[0] ?? lines[0].slice(0, 60);
            outcomes[`2 ${reason}`] = (outcomes[`2 ${reason}`] ?? 0) + 1;
          } else {
            expect(r.err).toBe('');
            expect(r.outCalls).toBe(1);
            const doc = JSON.parse(r.out);
            expect(Array.isArray(doc.tables)).toBe(true);
            expect(Array.isArray(doc.findings)).toBe(true);
            expect(doc.counts.error > 0 ? 1 : 0).toBe(r.code);
            outcomes[String(r.code)] = (outcomes[String(r.code)] ?? 0) + 1;
          }
          expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
        } catch (e) {
          throw new Error(
            `${where}\nexit ${r.code}\nstderr: ${r.err.slice(0, 500)}\nstdout: ${r.out.slice(0, 200)}\n${(e as Error).message}`,
          );
        }
      }
    } finally {
      process.off('unhandledRejection', onStray);
      process.off('uncaughtException', onStray);
    }
    expect(stray).toEqual([]);
    expect(createHash('sha256').update(readFileSync(source)).digest('hex')).toBe(sourceSum);
    // The fuzz reached every outcome: refusals, clean reads and reads with findings.
    const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
    expect(total).toBe(COUNT);
    if (COUNT >= 500) {
      expect(outcomes['0'] ?? 0).toBeGreaterThan(0);
      expect(outcomes['1'] ?? 0).toBeGreaterThan(0);
    }
    console.log(`fuzz: ${COUNT} mutations in ${((Date.now() - t0) / 1000).toFixed(1)} s`, outcomes);
  });
});

describe(`mutation fuzz of the write path: ${COMPUTE_COUNT} well-formed packages with wrong cells through compute --out`, () => {
  it('either a readable output or no output at all, never a temp file, the input never changed', async () => {
    const dir = tmpDir('par-fuzz-out-');
    const file = path.join(dir, 'dot-bien.xlsx');
    const rng = new Prng(SEED + 1);
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < COMPUTE_COUNT; i++) {
      const m = mutate(rng, 10);
      const bytes = buf.subarray(0, m.length);
      writeFileSync(file, bytes);
      const before = createHash('sha256').update(bytes).digest('hex');
      const out = path.join(dir, `ket-qua-${i}.xlsx`);
      const where = `compute case ${i}, ${m.kind} ${m.detail} (replay: ${REPLAY})`;
      if (process.env.PAR_FUZZ_TRACE) writeFileSync(process.env.PAR_FUZZ_TRACE, `${where}\n`);
      const r = await withTimeout(run('compute', file, '--out', out, '--json'), PER_CASE_MS, where);
      try {
        expect([0, 1, 2]).toContain(r.code);
        expect(r.err).not.toMatch(STACK_LINE);
        if (r.code === 2) {
          expect(r.err.replace(/\n$/, '').split('\n')).toHaveLength(1);
          expect(existsSync(out)).toBe(false);
        } else {
          JSON.parse(r.out);
          // What was written reads back as a workbook: a snapshot, or at worst a size refusal
          // (ExcelJS re-writes a cell whose reference lies outside its row at that reference, so a
          // 200-row input can come back with a million rows) — never a damaged file.
          const back = await readWorkbookFile(out).then(
            () => 'read',
            (e: unknown) => (e instanceof WorkbookReadError ? e.reason : `untyped: ${String(e)}`),
          );
          expect(['read', 'too-large']).toContain(back);
          if (back !== 'read') outcomes[`output ${back}`] = (outcomes[`output ${back}`] ?? 0) + 1;
        }
        expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
        expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
        outcomes[String(r.code)] = (outcomes[String(r.code)] ?? 0) + 1;
      } catch (e) {
        throw new Error(`${where}\nexit ${r.code}\nstderr: ${r.err.slice(0, 500)}\n${(e as Error).message}`);
      }
    }
    console.log(`compute fuzz: ${COMPUTE_COUNT} cases`, outcomes);
  });
});
