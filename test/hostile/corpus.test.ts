/**
 * The bad-input corpus (test/fixtures/bad, scripts/make-bad-corpus.ts) through the engine, the
 * command line (in-process) and the Office.js adapter (fake Excel): every file gets the outcome
 * recorded in expected.json, nothing reaches out or runs, inputs are never modified.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { analyzeWorkbook, type Analysis } from '../../src/core/engine';
import { findingKey } from '../../src/core/state';
import { quoteSheet } from '../../src/core/a1';
import { jsonNumber } from '../../src/core/format';
import { readWorkbookFile, WorkbookReadError } from '../../src/hosts/xlsx/node';
import { OfficeReadError } from '../../src/hosts/office/errors';
import { readSnapshot } from '../../src/hosts/office/read';
import { createFakeExcel, installFakeOffice } from '../../src/testing/fake-excel';
import { buildBadCorpus, type CorpusExpectation } from '../../scripts/make-bad-corpus';
import { readCfb, readZip } from '../../scripts/bad-corpus/zip-kit';
import { bad, BAD, expectOneErrorLine, expectedCorpus, installOutboundTraps, run, sha, STACK_LINE, tmpDir } from './helpers';

jest.setTimeout(60_000);

const entries = expectedCorpus();
const readable = entries.filter((e) => e.engine);
const unreadable = entries.filter((e) => e.readError);

let traps: ReturnType<typeof installOutboundTraps>;
beforeAll(() => {
  traps = installOutboundTraps();
});
afterAll(() => traps.uninstall());

describe('the corpus itself', () => {
  it('has every entry on disk, each with one outcome, and stays under 3 MB', () => {
    let total = 0;
    for (const e of entries) {
      expect(existsSync(bad(e.file))).toBe(true);
      total += readFileSync(bad(e.file)).length;
      expect(!!e.readError !== !!e.engine).toBe(true);
      expect(e.stackTrace).toBe(false);
      expect(e.cli.validate).toBe(e.readError ? 2 : e.engine!.findings.some((f) => f.severity === 'error') ? 1 : 0);
    }
    total += readFileSync(path.join(BAD, 'expected.json')).length;
    expect(total).toBeLessThan(3 * 1024 * 1024);
    expect(entries.length).toBeGreaterThanOrEqual(25);
  });

  it('is what scripts/make-bad-corpus.ts generates, byte for byte (deterministic)', async () => {
    const { files, expected } = await buildBadCorpus();
    expect(expected.entries).toEqual(entries);
    for (const f of files)
      expect({ file: f.file, same: Buffer.compare(Buffer.from(f.data), readFileSync(bad(f.file))) === 0 }).toEqual({
        file: f.file,
        same: true,
      });
  });

  it('crafts valid compound files, not just a signature: .xls has a BIFF8 Workbook stream, the encrypted file both streams', () => {
    const xls = readCfb(new Uint8Array(readFileSync(bad('legacy.xls'))));
    expect([...xls.keys()]).toEqual(['Workbook']);
    const wbStream = Buffer.from(xls.get('Workbook')!);
    expect(wbStream.readUInt16LE(0)).toBe(0x0809); // BOF
    expect(wbStream.readUInt16LE(6)).toBe(0x0005); // workbook globals
    const enc = readCfb(new Uint8Array(readFileSync(bad('encrypted.xlsx'))));
    expect([...enc.keys()].sort()).toEqual(['EncryptedPackage', 'EncryptionInfo']);
    expect(Buffer.from(enc.get('EncryptedPackage')!).readUInt32LE(0)).toBe(4096);
    expect([...readCfb(new Uint8Array(readFileSync(bad('cfb-not-excel.xls')))).keys()].sort()).toEqual(['1Table', 'WordDocument']);
  });

  it('the .xlsm carries a vbaProject.bin part and the macro-enabled content type', () => {
    const parts = readZip(new Uint8Array(readFileSync(bad('macros.xlsm'))));
    expect(parts.map((p) => p.name)).toContain('xl/vbaProject.bin');
    const types = Buffer.from(parts.find((p) => p.name === '[Content_Types].xml')!.data).toString();
    expect(types).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    expect(types).toContain('application/vnd.ms-office.vbaProject');
  });
});

function expectAnalysis(e: CorpusExpectation, analysis: Analysis): void {
  const exp = e.engine!;
  expect(analysis.tables.map((t) => t.id)).toHaveLength(exp.tables.length);
  exp.tables.forEach((t, i) => {
    const got = analysis.tables[i];
    expect(got.sheet).toBe(t.sheet);
    expect(got.layout).toBe(t.layout);
    if (t.range) expect(got.range).toBe(t.range);
    if (t.criteria !== undefined) expect(got.criteria).toHaveLength(t.criteria);
    if (t.units) expect(got.series.map((s) => s.name)).toEqual(t.units);
    if (t.year !== undefined) expect(got.year).toBe(t.year);
  });
  const found = analysis.findings.map((f) => ({ code: f.code, sheet: f.sheet, cell: f.cell, severity: f.severity }));
  for (const f of exp.findings) expect(found).toContainEqual(expect.objectContaining(f));
  // Every error the engine reports is one the corpus expects: no spurious errors.
  const expectedErrors = new Set(exp.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}|${f.sheet}!${f.cell}`));
  expect(
    found
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.code}|${f.sheet}!${f.cell}`)
      .filter((k) => !expectedErrors.has(k)),
  ).toEqual([]);
  for (const code of exp.absentCodes ?? []) expect(found.filter((f) => f.code === code)).toEqual([]);
  // Every finding carries both messages.
  for (const f of analysis.findings) {
    expect(typeof f.message.vi).toBe('string');
    expect(typeof f.message.en).toBe('string');
  }
}

describe('engine: each readable file gives its tables and findings', () => {
  it.each(readable.map((e) => [e.file, e] as const))('%s', async (_file, e) => {
    const analysis = analyzeWorkbook(await readWorkbookFile(bad(e.file)));
    expectAnalysis(e, analysis);
    if (e.engine!.totals) {
      const totals = Object.fromEntries(analysis.results[0].series.map((s) => [s.series.name, s.total.toFixed(3)]));
      expect(totals).toEqual(e.engine!.totals);
    }
  });
});

describe('engine: each unreadable file gives its typed read error', () => {
  it.each(unreadable.map((e) => [e.file, e] as const))('%s', async (_file, e) => {
    let error: unknown;
    try {
      await readWorkbookFile(bad(e.file));
    } catch (x) {
      error = x;
    }
    expect(error).toBeInstanceOf(WorkbookReadError);
    const re = error as WorkbookReadError;
    expect(re.reason).toBe(e.readError);
    expect(re.messages.vi).toContain(e.file);
    expect(re.messages.en).toContain(e.file);
  });
});

describe('command line (in-process): validate --json', () => {
  it.each(entries.map((e) => [e.file, e] as const))('%s', async (_file, e) => {
    const before = sha(bad(e.file));
    const r = await run('validate', bad(e.file), '--json');
    expect(r.code).toBe(e.cli.validate);
    expect(r.err).not.toMatch(STACK_LINE);
    if (e.readError) {
      const line = expectOneErrorLine(r);
      expect(line).toContain(e.file);
    } else {
      expect(r.err).toBe('');
      expect(r.outCalls).toBe(1);
      const doc = JSON.parse(r.out);
      expect(doc.tables).toHaveLength(e.engine!.tables.length);
      for (const f of e.engine!.findings) expect(doc.findings).toContainEqual(expect.objectContaining(f));
      expect(doc.counts.error > 0 ? 1 : 0).toBe(e.cli.validate);
    }
    expect(sha(bad(e.file))).toBe(before);
  });

  it('reads English messages with --lang en too, still one line', async () => {
    for (const e of unreadable) {
      const r = await run('validate', bad(e.file), '--json', '--lang', 'en');
      expect(expectOneErrorLine(r)).toContain(e.file);
    }
  });
});

describe('command line (in-process): compute --out', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmpDir();
  });

  it.each(entries.filter((e) => e.cli.computeOut).map((e) => [e.file, e] as const))('%s', async (_file, e) => {
    const before = sha(bad(e.file));
    const out = path.join(dir, `${e.file}.out.xlsx`);
    const r = await run('compute', bad(e.file), '--out', out, '--json');
    expect(r.err).not.toMatch(STACK_LINE);
    expect(sha(bad(e.file))).toBe(before);
    if (e.cli.computeOut === 'refused') {
      expectOneErrorLine(r);
      expect(existsSync(out)).toBe(false);
    } else {
      expect([0, 1]).toContain(r.code);
      expect(existsSync(out)).toBe(true);
      JSON.parse(r.out);
      // The output reads back, and the user's data is still there as it was.
      const again = analyzeWorkbook(await readWorkbookFile(out));
      const first = analyzeWorkbook(await readWorkbookFile(bad(e.file)));
      expect(again.tables.map((t) => t.id)).toEqual(first.tables.map((t) => t.id));
      expect(again.results.map((t) => t.series.map((s) => jsonNumber(s.total)))).toEqual(
        first.results.map((t) => t.series.map((s) => jsonNumber(s.total))),
      );
    }
  });
});

/** Formulas the tool itself writes (compute-plan.ts, write.ts); anything else must come from the input. */
const OWN_FORMULA = [
  /^ROUND\(SUM\([A-Z]+\d+(?:[+,][A-Z]+\d+)*\),3\)$/,
  /^ROUND\(SUM\([A-Z]+\d+:[A-Z]+\d+\),3\)$/,
  /^_xlfn\.RANK\.EQ\([A-Z]+\d+,\$[A-Z]+\$\d+:\$[A-Z]+\$\d+\)$/,
  /^SUMPRODUCT\(/,
  /^HYPERLINK\("#'(?:[^']|'')+'![A-Z]+\d+","(?:[^"]|"")*"\)$/,
];

async function formulasOf(file: string): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, string>();
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => c.formula && out.set(`${ws.name}!${c.address}`, c.formula))));
  return out;
}

describe('compute --out writes no formula the user did not ask for, and macros are dropped', () => {
  let dir: string;
  beforeAll(() => {
    dir = tmpDir();
  });

  it.each(readable.map((e) => [e.file] as const))('%s: every new formula is one of the tool\u2019s own', async (file) => {
    const out = path.join(dir, `${file}.xlsx`);
    await run('compute', bad(file), '--out', out);
    const before = await formulasOf(bad(file));
    const after = await formulasOf(out);
    const foreign = [...after].filter(([cell, f]) => before.get(cell) !== f && !OWN_FORMULA.some((re) => re.test(f)));
    expect(foreign).toEqual([]);
  });

  it('formula-looking unit names stay text in the user sheet and in the ranking sheet', async () => {
    const e = entries.find((x) => x.file === 'formula-injection.xlsx')!;
    const out = path.join(dir, 'injection.xlsx');
    expect((await run('compute', bad(e.file), '--out', out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = e.engine!.tables[0].units!;
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (names.includes(String(c.value))) {
            expect(c.formula).toBeUndefined();
            expect(c.type).toBe(ExcelJS.ValueType.String);
          }
        }),
      );
    }
    const ranking = wb.worksheets.find((w) => w.name.startsWith('Xếp hạng'))!;
    const seen: string[] = [];
    ranking.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'string' && names.includes(c.value)) seen.push(c.value);
        if (c.formula?.startsWith('HYPERLINK(')) {
          // A linked name is a string literal whose quotes are doubled: it cannot end the literal.
          const m = /^HYPERLINK\("#'Bảng ""B"" \(2025\)'![D-H]7","((?:[^"]|"")*)"\)$/.exec(c.formula);
          expect(m).not.toBeNull();
          const label = m![1].replace(/""/g, '"');
          expect(names).toContain(label);
          expect((c.value as { result?: unknown }).result).toBe(label);
          seen.push(label);
        }
      }),
    );
    expect(seen.sort()).toEqual([...names].sort());
  });

  it('the .xlsm is analysed and compute --out writes a macro-free .xlsx package', async () => {
    const out = path.join(dir, 'from-macros.xlsx');
    expect((await run('compute', bad('macros.xlsm'), '--out', out)).code).toBe(0);
    const parts = readZip(new Uint8Array(readFileSync(out)));
    const names = parts.map((p) => p.name);
    expect(names.some((n) => /vba/i.test(n))).toBe(false);
    const text = parts.map((p) => Buffer.from(p.data).toString('latin1')).join('\n');
    expect(text).not.toMatch(/macroEnabled|vbaProject|Auto_Open|calc\.exe/);
    expect(Buffer.from(parts.find((p) => p.name === '[Content_Types].xml')!.data).toString()).toContain(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
    );
  });

  it("the text report quotes a sheet name with apostrophes as Excel does ('' inside)", async () => {
    const text = await run('validate', bad('quoted-sheet-name.xlsx'));
    expect(text.out).toContain("'Đơn vị ''A'' – 2025'!D23");
  });

  it('findings name the sheet exactly; JSON carries it verbatim', async () => {
    const name = "Đơn vị 'A' – 2025";
    const doc = JSON.parse((await run('validate', bad('quoted-sheet-name.xlsx'), '--json')).out);
    expect(doc.findings.map((f: { sheet: string }) => f.sheet)).toEqual(Array(4).fill(name));
    expect(quoteSheet(name)).toBe("'Đơn vị ''A'' – 2025'");
  });

  it('sheet names with quotes are quoted in written links', async () => {
    const out = path.join(dir, 'quoted.xlsx');
    await run('compute', bad('quoted-sheet-name.xlsx'), '--out', out);
    const links = [...(await formulasOf(out)).values()].filter((f) => f.startsWith('HYPERLINK('));
    expect(links.length).toBe(5);
    for (const f of links) expect(f).toMatch(/^HYPERLINK\("#'Đơn vị ''A'' – 2025'![D-H]7",/);
    const injected = [...(await formulasOf(path.join(dir, 'injection.xlsx'))).values()].filter((f) => f.startsWith('HYPERLINK('));
    // Names that look like formulas get no link; a double quote in the sheet name is doubled inside the literal.
    expect(injected).toHaveLength(1);
    for (const f of injected) expect(f).toMatch(/^HYPERLINK\("#'Bảng ""B"" \(2025\)'![D-H]7",/);
  });

  it('external links: the cached values are used, nothing is fetched (see the outbound traps)', async () => {
    const analysis = analyzeWorkbook(await readWorkbookFile(bad('external-links.xlsx')));
    const sheet = (await readWorkbookFile(bad('external-links.xlsx'))).sheets[0];
    const linked = sheet.cells.flat().filter((c) => c?.f?.startsWith("[1]'Tổng hợp'!"));
    expect(linked.length).toBeGreaterThan(20);
    expect(linked.every((c) => typeof c!.v === 'number')).toBe(true);
    expect(analysis.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  // ExcelJS dropped the external-link parts when it re-wrote the workbook but kept the [1]…
  // formulas, so Excel had to repair the output; the patch writer (ooxml/patch-plan.ts) keeps every
  // part the plan does not touch.
  it('compute --out keeps the external-link parts its [n] formulas need', async () => {
    const out = path.join(dir, 'external.xlsx');
    await run('compute', bad('external-links.xlsx'), '--out', out);
    const names = readZip(new Uint8Array(readFileSync(out))).map((p) => p.name);
    expect(names).toContain('xl/externalLinks/externalLink1.xml');
  });
});

describe('nothing in a workbook makes the tool reach out or run anything', () => {
  it('no socket, DNS, HTTP, fetch or child process was used by any of the runs above', () => {
    expect(traps.calls).toEqual([]);
  });

  it('XML entities are neither fetched nor expanded', async () => {
    const r = await run('validate', bad('xml-entities.xlsx'), '--json');
    expect(expectOneErrorLine(r)).not.toMatch(/root:|aaaaaaaaaa/);
    expect(traps.calls).toEqual([]);
  });
});

/** Files the Office.js adapter refuses with a clear message (as the .xlsx host does), by name. */
const OFFICE_REFUSED: Record<string, string> = {
  // One stray value at XFD1048576 makes the used range A1:XFD1048576 (17 billion positions).
  'stray-far-cell.xlsx': 'Trang tính',
};

describe('the Office.js adapter (fake Excel) reads each readable file to the same analysis', () => {
  it.each(Object.entries(OFFICE_REFUSED))('%s: refused before loading any cell, with a bilingual message', async (file, start) => {
    const source = await readWorkbookFile(bad(file));
    const fake = createFakeExcel(source);
    const office = installFakeOffice(fake);
    try {
      const error = await readSnapshot(fake.context).then(
        () => null,
        (e: unknown) => e as OfficeReadError,
      );
      expect(error).toBeInstanceOf(OfficeReadError);
      expect(error!.messages.vi.startsWith(start)).toBe(true);
      expect(error!.messages.en).toContain('XFD'); // Excel writes the whole-column range as A:XFD
      expect(fake.syncCount).toBeLessThanOrEqual(2);
    } finally {
      office.uninstall();
    }
  });

  // read/not-calculated is about the file (formulas saved without results): Excel calculates them
  // on open, so the Office.js path never has it. Everything else must be the same.
  const key = (a: Analysis) => ({
    tables: a.tables.map((t) => `${t.id}|${t.layout}|${t.series.map((s) => s.name).join(',')}`),
    findings: a.findings
      .filter((f) => f.code !== 'read/not-calculated')
      .map((f) => `${findingKey(f)}|${f.severity}`)
      .sort(),
    totals: a.results.map((r) => r.series.map((s) => s.total.toFixed(3))),
  });

  it.each(readable.filter((e) => !OFFICE_REFUSED[e.file]).map((e) => [e.file, e] as const))('%s', async (_file, e) => {
    const source = await readWorkbookFile(bad(e.file));
    const fake = createFakeExcel(source);
    const office = installFakeOffice(fake);
    try {
      const snapshot = await readSnapshot(fake.context);
      snapshot.fileName = source.fileName;
      const viaOffice = analyzeWorkbook(snapshot);
      expectAnalysis(e, viaOffice);
      expect(key(viaOffice)).toEqual(key(analyzeWorkbook(source)));
    } finally {
      office.uninstall();
    }
  });
});

// Their memory is measured where nothing else shares the process: test/hostile/corpus-bin.test.ts
// (peak RSS of the command's own child process). Here, the reason each one is refused.
describe('the zip bombs and the million-row sheet are refused as too large or damaged', () => {
  it.each([['zip-bomb.xlsx'], ['zip-bomb-lying.xlsx'], ['million-rows.xlsx']])('%s', async (file) => {
    const r = await run('validate', bad(file), '--json');
    expectOneErrorLine(r);
    const e = entries.find((x) => x.file === file)!;
    expect(r.err).toMatch(e.readError === 'too-large' ? /quá lớn/ : /Không đọc được/);
  });
});

describe('a file named like its content is not trusted', () => {
  it('a corpus workbook copied under any extension gives the same outcome', async () => {
    const dir = tmpDir();
    for (const [file, as] of [
      ['macros.xlsm', 'x.xlsx'],
      ['legacy.xls', 'x.xlsx'],
      ['nbsp-codes.xlsx', 'x.xls'],
    ]) {
      const target = path.join(dir, as);
      writeFileSync(target, readFileSync(bad(file)));
      const e = entries.find((x) => x.file === file)!;
      expect((await run('validate', target, '--json')).code).toBe(e.cli.validate);
    }
  });
});
