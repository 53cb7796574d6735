/**
 * A file that is not a workbook gets advice that fits what it is (issue #15): re-saving from Excel
 * helps a CSV or an HTML export, not a Word document, a presentation, a picture or a PDF — there
 * the user picked the wrong file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWorkbookBuffer } from '../../support/exceljs/read';
import { WorkbookReadError } from '../../../src/hosts/xlsx/errors';
import { ROOT } from '../../support/shared';

/** A zip package holding these parts, written by Python's standard zipfile (an independent writer). */
function zipWith(parts: string[]): Uint8Array {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'par-other-')), 'x.zip');
  const script = 'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n  for p in sys.argv[2:]: z.writestr(p, "<x/>")';
  execFileSync('python3', ['-c', script, file, '[Content_Types].xml', ...parts]);
  return new Uint8Array(readFileSync(file));
}

async function messageFor(bytes: Uint8Array, name: string) {
  const e = await readWorkbookBuffer(bytes, name).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WorkbookReadError);
  expect((e as WorkbookReadError).reason).toBe('not-a-workbook');
  return (e as WorkbookReadError).messages;
}

test.each([
  ['bao-cao.docx', () => zipWith(['word/document.xml']), 'văn bản Word', 'a Word document'],
  ['trinh-chieu.pptx', () => zipWith(['ppt/presentation.xml']), 'bài trình chiếu PowerPoint', 'a PowerPoint presentation'],
  ['anh.png', () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'một hình ảnh', 'an image'],
  ['anh.jpg', () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'một hình ảnh', 'an image'],
  ['bao-cao.pdf', () => new Uint8Array(Buffer.from('%PDF-1.7\n%âãÏÓ\n')), 'tệp PDF', 'a PDF file'],
  [
    'cfb-not-excel.xls',
    () => new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures/bad/cfb-not-excel.xls'))),
    'văn bản Word',
    'a Word document',
  ],
])('%s: "choose the Excel file", not "save it as .xlsx"', async (name, bytes, vi, en) => {
  const m = await messageFor(bytes(), name);
  expect(m.vi).toBe(`Tệp "${name}" là ${vi}, không phải sổ làm việc Excel. Hãy chọn tệp Excel (.xlsx) có bảng chấm điểm.`);
  expect(m.en).toBe(`The file "${name}" is ${en}, not an Excel workbook. Choose the Excel file (.xlsx) with the scoring table.`);
});

test('a CSV renamed .xlsx keeps the advice that helps it: open it in Excel and save as .xlsx', async () => {
  const m = await messageFor(new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures/bad/not-a-zip.xlsx'))), 'not-a-zip.xlsx');
  expect(m.vi).toBe(
    'Tệp "not-a-zip.xlsx" không phải là sổ làm việc Excel (.xlsx). Hãy mở tệp bằng Excel rồi lưu lại dưới dạng "Sổ làm việc Excel (*.xlsx)".',
  );
});
