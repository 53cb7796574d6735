/**
 * The package path as the only writer (issue #16): what ExcelJS used to write, now patched —
 * a new workbook from the template package (`consolidate --out`), score-entry data validation, a
 * macro-free .xlsx written from an .xlsm — each read back the way a user meets it (cells, the
 * validation Excel shows, no macros and the .xlsx content type), and each passing check-xlsx.sh.
 */
import { addExcel4MacroSheet } from '../../support/interop/variants';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, pickTable } from '../../../src/cli/main';
import { computeJson } from '../../../src/cli/json';
import { analyzeWorkbook } from '../../../src/core/engine';
import { emptyPlan, num, text, type WritePlan } from '../../../src/core/plan';
import { planScoreEntry } from '../../../src/core/score-entry';
import { readState } from '../../../src/core/state';
import { createWorkbookFile } from '../../../src/hosts/xlsx/new-workbook';
import { nodeZipCodec, openWorkbookFile, readWorkbookFile, writeResultFile } from '../../../src/hosts/xlsx/node';
import { readXlsxPackage, writeXlsxPackage, type XlsxPackage } from '../../../src/hosts/xlsx/ooxml/package';
import { parseAttributes } from '../../../src/hosts/xlsx/ooxml/xml';
import { describeShared, samplePath } from '../../support/shared';
import { findTools } from '../../support/tools';

jest.setTimeout(60_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'par-one-writer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const partsOf = async (file: string) => (await readXlsxPackage(new Uint8Array(readFileSync(file)), path.basename(file), {}, nodeZipCodec))!;
const packageFile = async (pkg: XlsxPackage, name: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, await writeXlsxPackage(pkg, nodeZipCodec));
  return file;
};
const cell = (snap: Awaited<ReturnType<typeof readWorkbookFile>>, sheet: string, row: number, col: number) =>
  snap.sheets.find((s) => s.name === sheet)?.cells[row - 1]?.[col - 1];

/** What a user depends on: per table, each unit's total, maximum, index, rank and areas. */
const figures = async (file: string) => computeJson('', analyzeWorkbook(await readWorkbookFile(file)), [], 'competition', 'en').tables;

/** Every output of this file, checked by check-xlsx.sh at the end. */
const outputs: string[] = [];

describe('a new workbook from the template package (consolidate --out)', () => {
  test('cells, merged headers, properties, and the consolidation left to the user', async () => {
    const out = path.join(dir, 'moi.xlsx');
    const plan: WritePlan = {
      ...emptyPlan(),
      sheets: [
        {
          name: 'Tổng hợp 2025',
          purpose: 'consolidation',
          rows: [[text('Bảng tổng hợp')], [text('Đơn vị'), num(92.975)]],
          styles: [],
          hyperlinks: [],
          conditionalFormats: [],
          columnWidths: [20, 12],
          freezeRows: 1,
        },
        {
          name: 'Xếp hạng 2025',
          purpose: 'ranking',
          rows: [[text('Hạng'), num(1)]],
          styles: [{ range: 'A1:B1', style: 'header' }],
          hyperlinks: [],
          conditionalFormats: [],
          columnWidths: [10],
          freezeRows: 0,
        },
      ],
    };
    const created = new Date(Date.UTC(2025, 11, 31, 8, 30, 0));
    const applied = await createWorkbookFile(out, plan, {
      merges: [{ sheet: 'Tổng hợp 2025', ranges: ['A1:B1'] }],
      userSheets: ['Tổng hợp 2025'],
      created,
    });
    outputs.push(out);

    const snap = await readWorkbookFile(out);
    expect(snap.sheets.map((s) => s.name)).toEqual(['Tổng hợp 2025', 'Xếp hạng 2025', 'PAR_Scorecard_State']);
    expect(cell(snap, 'Tổng hợp 2025', 2, 2)).toMatchObject({ v: 92.975 });
    expect(cell(snap, 'Xếp hạng 2025', 1, 1)).toMatchObject({ v: 'Hạng' });
    // The consolidation is the user's data from now on: a later run does not replace it.
    expect(applied.state.ownedSheets).toEqual(['Xếp hạng 2025']);
    expect(readState(snap).ownedSheets).toEqual(['Xếp hạng 2025']);

    const pkg = await partsOf(out);
    expect(pkg.text('xl/worksheets/sheet1.xml')).toContain('<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>');
    expect(pkg.text('docProps/core.xml')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-12-31T08:30:00Z</dcterms:created>');
    expect(pkg.text('docProps/core.xml')).toContain('<dc:creator>PAR Scorecard</dc:creator>');
    expect(pkg.text('[Content_Types].xml')).toContain('spreadsheetml.sheet.main+xml');
  });

  test('consolidate --out on the sample forms: the output reads back with the figures the command printed', async () => {
    const out = path.join(dir, 'tong-hop.xlsx');
    let printed = '';
    expect(await main(['consolidate', samplePath('don-vi'), '--out', out, '--json'], { out: (s) => (printed += s), err: () => {} })).toBe(
      0,
    );
    outputs.push(out);
    const json = JSON.parse(printed) as { units: { unit: string; total: number | null }[] };
    const read = (await figures(out))[0].units.map((u) => [u.unit, u.total]);
    expect(read).toHaveLength(12);
    expect(read.sort()).toEqual(json.units.map((u) => [u.unit, u.total]).sort());
  });
});

/** The <dataValidation> elements of a worksheet part, attributes and formulas. */
function validations(xml: string): Record<string, string>[] {
  return [...xml.matchAll(/<dataValidation\b[^>]*>[\s\S]*?<\/dataValidation>/g)].map((m) => ({
    ...parseAttributes(m[0]),
    formula1: /<formula1>([^<]*)</.exec(m[0])?.[1] ?? '',
    formula2: /<formula2>([^<]*)</.exec(m[0])?.[1] ?? '',
  }));
}

describe('score-entry data validation (the pane’s "Nhập điểm"), patched', () => {
  test('each run of criteria gets a decimal rule 0…max with its input title and message, within Excel’s limits', async () => {
    const input = samplePath('tong-hop-xa-2025.xlsx');
    const { table } = pickTable(analyzeWorkbook(await readWorkbookFile(input)))!;
    const plan = planScoreEntry(table, 'vi');
    // One message past Excel's 255 characters, one title past 32: both cut.
    plan.dataValidations![0] = { ...plan.dataValidations![0], inputTitle: 'Đ'.repeat(40), inputMessage: 'ể'.repeat(300) };
    const out = path.join(dir, 'nhap-diem.xlsx');
    const result = await writeResultFile(await openWorkbookFile(input), out, plan);
    outputs.push(out);
    expect(result.applied.validatedCells).toBeGreaterThan(100);

    const pkg = await partsOf(out);
    const sheetXml = pkg.text('xl/worksheets/sheet1.xml')!;
    const rules = validations(sheetXml);
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      expect(r).toMatchObject({
        type: 'decimal',
        allowBlank: '1',
        showInputMessage: '1',
        showErrorMessage: '1',
        errorTitle: 'Điểm không hợp lệ',
        formula1: '0',
      });
      expect(Number(r.formula2)).toBeGreaterThan(0);
      expect(r.promptTitle.length).toBeLessThanOrEqual(32);
      expect(r.prompt.length).toBeLessThanOrEqual(255);
      expect(r.error).toMatch(/^Nhập số từ 0 đến .+\. \/ Enter a number from 0 to .+\.$/);
    }
    expect(rules[0].promptTitle).toBe('Đ'.repeat(32));
    expect(rules[0].prompt).toBe('ể'.repeat(255));
    // Each planned range is covered, under the rule of its own maximum.
    const first = plan.dataValidations![1];
    const covering = rules.find((r) => r.sqref.split(' ').includes(first.range))!;
    expect(Number(covering.formula2)).toBe(first.max);
    expect(covering.promptTitle).toBe(first.inputTitle);
    // Where CT_Worksheet puts it: after conditional formatting, before hyperlinks and page margins.
    expect(sheetXml.indexOf('<dataValidations')).toBeGreaterThan(sheetXml.lastIndexOf('</sheetData>'));
    expect(sheetXml.indexOf('<dataValidations')).toBeLessThan(sheetXml.indexOf('<pageMargins'));
  });

  test('a rule of the sheet keeps only the cells ours do not cover', async () => {
    const pkg = (await readXlsxPackage(new Uint8Array(readFileSync(samplePath('tong-hop-xa-2025.xlsx'))), 'x.xlsx', {}, nodeZipCodec))!;
    const part = 'xl/worksheets/sheet1.xml';
    pkg.set(
      part,
      pkg
        .text(part)!
        .replace(
          '<pageMargins',
          '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="C8:E10 H1"><formula1>"a,b"</formula1></dataValidation></dataValidations><pageMargins',
        ),
    );
    const input = await packageFile(pkg, 'co-quy-tac.xlsx');
    const out = path.join(dir, 'co-quy-tac-ra.xlsx');
    await writeResultFile(await openWorkbookFile(input), out, {
      ...emptyPlan(),
      dataValidations: [{ sheet: 'Tổng hợp', range: 'D9:D9', min: 0, max: 2, inputTitle: 'Điểm tối đa 2', inputMessage: '1.1 …' }],
    });
    outputs.push(out);
    const rules = validations((await partsOf(out)).text(part)!);
    expect(rules.map((r) => [r.type, r.sqref])).toEqual([
      ['list', 'C8:E8 C10:E10 C9 E9 H1'],
      ['decimal', 'D9'],
    ]);
  });
});

/** An .xlsm made from a sample as Excel saves one: a VBA project with its signature, a ribbon calling a macro. */
async function macroWorkbook(): Promise<string> {
  const pkg = (await readXlsxPackage(new Uint8Array(readFileSync(samplePath('tong-hop-xa-2025.xlsx'))), 'x.xlsx', {}, nodeZipCodec))!;
  const bin = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]);
  pkg.set('xl/vbaProject.bin', bin);
  pkg.set('xl/vbaProjectSignature.bin', bin);
  pkg.set(
    'xl/_rels/vbaProject.bin.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature" Target="vbaProjectSignature.bin"/></Relationships>',
  );
  pkg.set('xl/printerSettings/printerSettings1.bin', bin);
  pkg.set(
    'customUI/customUI14.xml',
    '<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs><tab id="t" label="Macro"><group id="g" label="g"><button id="b" label="Run" onAction="Auto_Open"/></group></tab></tabs></ribbon></customUI>',
  );
  const types = pkg
    .text('[Content_Types].xml')!
    .replace(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
      'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    )
    .replace(
      '<Default Extension="xml"',
      '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"',
    )
    .replace(
      '</Types>',
      '<Override PartName="/xl/vbaProjectSignature.bin" ContentType="application/vnd.ms-office.vbaProjectSignature"/>' +
        '<Override PartName="/xl/printerSettings/printerSettings1.bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/></Types>',
    );
  pkg.set('[Content_Types].xml', types);
  pkg.set(
    'xl/_rels/workbook.xml.rels',
    pkg
      .text('xl/_rels/workbook.xml.rels')!
      .replace(
        '</Relationships>',
        '<Relationship Id="rId90" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
      ),
  );
  pkg.set(
    '_rels/.rels',
    pkg
      .text('_rels/.rels')!
      .replace(
        '</Relationships>',
        '<Relationship Id="rId91" Type="http://schemas.microsoft.com/office/2007/relationships/ui/extensibility" Target="customUI/customUI14.xml"/></Relationships>',
      ),
  );
  return packageFile(pkg, 'co-macro.xlsm');
}

describe('an .xlsm input gives a macro-free .xlsx', () => {
  test('compute --out: no VBA project, signature or ribbon; the .xlsx content type; the same figures', async () => {
    const input = await macroWorkbook();
    const out = path.join(dir, 'co-macro-ket-qua.xlsx');
    expect(await main(['compute', input, '--out', out], { out: () => {}, err: () => {} })).toBe(0);
    outputs.push(out);
    const pkg = await partsOf(out);
    expect(pkg.names().filter((n) => /vba|customUI/i.test(n))).toEqual([]);
    const types = pkg.text('[Content_Types].xml')!;
    expect(types).not.toMatch(/vbaProject|macroEnabled/);
    expect(types).toContain(
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    );
    // The printer settings stay, with their own content type.
    expect(pkg.has('xl/printerSettings/printerSettings1.bin')).toBe(true);
    expect(types).toContain('PartName="/xl/printerSettings/printerSettings1.bin"');
    expect(pkg.text('xl/_rels/workbook.xml.rels')).not.toContain('vbaProject');
    expect(pkg.text('_rels/.rels')).not.toContain('extensibility');

    expect(await figures(out)).toEqual(await figures(samplePath('tong-hop-xa-2025.xlsx')));
  });
});

describe('openpyxl reads the validation as Excel shows it', () => {
  const python = findTools('python3').find((p) => spawnSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);
  // A missing tool fails the test with what to install (as every suite here): bash scripts/test.sh installs it.
  test('score-entry rules: type, bounds, prompt', async () => {
    if (!python)
      throw new Error('python3 with openpyxl is missing: apt-get install -y python3-openpyxl (bash scripts/test.sh installs it)');
    const out = path.join(dir, 'nhap-diem-openpyxl.xlsx');
    await writeResultFile(await openWorkbookFile(samplePath('tong-hop-xa-2025.xlsx')), out, {
      ...emptyPlan(),
      dataValidations: [
        {
          sheet: 'Tổng hợp',
          range: 'D9:O9',
          min: 0,
          max: 1.5,
          inputTitle: 'Điểm tối đa 1,5',
          inputMessage: '1.1 Ban hành kế hoạch CCHC',
        },
      ],
    });
    const script = [
      'import json, sys, openpyxl',
      'ws = openpyxl.load_workbook(sys.argv[1])["Tổng hợp"]',
      'print(json.dumps([[d.type, str(d.sqref), d.formula1, d.formula2, d.promptTitle, d.prompt, d.showInputMessage] for d in ws.data_validations.dataValidation], ensure_ascii=False))',
    ].join('\n');
    const rows = JSON.parse(execFileSync(python!, ['-c', script, out], { encoding: 'utf8' }));
    expect(rows).toEqual([['decimal', 'D9:O9', '0', '1.5', 'Điểm tối đa 1,5', '1.1 Ban hành kế hoạch CCHC', true]]);
  });
});

describe('a workbook saved with shared formulas (as Excel saves a row filled right)', () => {
  test('compute --out --overwrite-totals and a write over an anchor: every cell keeps its formula, the figures stay', async () => {
    const { makeVariant } = await import('../../support/interop/variants');
    const input = path.join(dir, 'chia-se-cong-thuc.xlsx');
    writeFileSync(input, await makeVariant(new Uint8Array(readFileSync(samplePath('tong-hop-xa-2025.xlsx'))), 'shared-formulas'));
    // The total row is one formula shared from the maximum column C across the units.
    expect((await partsOf(input)).text('xl/worksheets/sheet1.xml')).toContain('<c r="C49" s="1"><f t="shared" ref="C49:O49"');
    const out = path.join(dir, 'chia-se-cong-thuc-ra.xlsx');
    let err = '';
    expect(await main(['compute', input, '--out', out, '--overwrite-totals'], { out: () => {}, err: (s) => (err += s) })).toBe(0);
    expect(err).toBe('');
    expect(await figures(out)).toEqual(await figures(samplePath('tong-hop-xa-2025.xlsx')));

    // Overwriting the anchor itself (C49): the cells that shared it get the formula each.
    const anchorOut = path.join(dir, 'chia-se-cong-thuc-neo.xlsx');
    await writeResultFile(await openWorkbookFile(input), anchorOut, {
      ...emptyPlan(),
      cellWrites: [{ sheet: 'Tổng hợp', address: 'C49', content: num(100) }],
    });
    outputs.push(anchorOut);
    const snap = await readWorkbookFile(anchorOut);
    expect(cell(snap, 'Tổng hợp', 49, 3)).toMatchObject({ v: 100 });
    expect(cell(snap, 'Tổng hợp', 49, 4)?.f).toBe('SUM(D8+D16+D20+D28+D32+D36+D40+D46)');
    expect(cell(snap, 'Tổng hợp', 49, 15)?.f).toBe('SUM(O8+O16+O20+O28+O32+O36+O40+O46)');
    expect((await partsOf(anchorOut)).text('xl/worksheets/sheet1.xml')).not.toMatch(/si="11"/);
    expect((await figures(anchorOut))[0].units).toEqual((await figures(samplePath('tong-hop-xa-2025.xlsx')))[0].units);
  });
});

describe('a package the writer cannot edit', () => {
  test('compute --out on an .xlsm with an Excel 4.0 macro sheet: one bilingual line, exit 2, no output file', async () => {
    const pkg = (await readXlsxPackage(new Uint8Array(readFileSync(samplePath('tong-hop-xa-2025.xlsx'))), 'x.xlsx', {}, nodeZipCodec))!;
    addExcel4MacroSheet(pkg);
    const input = await packageFile(pkg, 'macro-4.xlsm');
    const out = path.join(dir, 'macro-4-ket-qua.xlsx');
    for (const lang of ['vi', 'en']) {
      let err = '';
      expect(await main(['compute', input, '--out', out, '--lang', lang], { out: () => {}, err: (s) => (err += s) })).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toContain(
        lang === 'vi'
          ? 'Không ghi được kết quả vào bản sao của tệp "macro-4.xlsm": tệp có cấu trúc mà công cụ chưa ghi được.'
          : 'Could not write the results into a copy of "macro-4.xlsm"',
      );
      expect(() => readFileSync(out)).toThrow();
    }
  });
});

describeShared('schemas/ooxml', 'check-xlsx.sh on the new writer outputs', (schemas) => {
  test('the new workbook, the validated copies, the macro-free copy and the rewritten anchor pass check-xlsx.sh', () => {
    expect(outputs.length).toBe(6);
    const r = spawnSync('bash', [path.join(schemas, 'check-xlsx.sh'), ...outputs], { encoding: 'utf8', timeout: 60_000 });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  });
});
