/**
 * The order of the consolidation's units (issue #15): the official tables' order — last year's or
 * the reference table's when given, else wards and townships before communes (the city before the
 * districts), alphabetically within a kind.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { consolidate, type ConsolidateInput } from '../../../src/core/consolidate';
import { readWorkbookBuffer } from '../../support/exceljs/read';
import { samplePath } from '../../support/shared';

async function donVi(): Promise<ConsolidateInput[]> {
  const dir = samplePath('don-vi');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort();
  return Promise.all(
    files.map(async (file) => ({ file, workbook: await readWorkbookBuffer(new Uint8Array(readFileSync(path.join(dir, file))), file) })),
  );
}

test('by default: wards before communes, alphabetically within each', async () => {
  const r = consolidate(await donVi());
  expect(r.units.map((u) => u.unit)).toEqual([
    'Phường An Lạc',
    'Phường Nghĩa Trung',
    'Phường Tân Lập',
    'Phường Trung Tâm',
    'Xã An Phú',
    'Xã Đông Hà',
    'Xã Ea Pô',
    'Xã Hòa Bình',
    'Xã Nam Dong',
    'Xã Phước Hưng',
    'Xã Quảng Tín',
    'Xã Tân Thành',
  ]);
  expect(r.units.map((u) => u.column)).toEqual(['D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O']);
});

test('in the order of last year’s table, matched across spellings; units not in it follow', async () => {
  const order = ['UBND xã Tân Thành', 'P. Trung Tâm', 'Xã Hòa Bình', 'Xã Đã Sáp Nhập'];
  const r = consolidate(await donVi(), { order });
  expect(r.units.slice(0, 4).map((u) => u.unit)).toEqual(['Xã Tân Thành', 'Phường Trung Tâm', 'Xã Hòa Bình', 'Phường An Lạc']);
});

test('in the order of a reference consolidation (the 2025 sample’s own column order)', async () => {
  const reference = await readWorkbookBuffer(new Uint8Array(readFileSync(samplePath('tong-hop-xa-2025.xlsx'))), 'tong-hop-xa-2025.xlsx');
  const r = consolidate(await donVi(), { reference });
  expect(r.units.map((u) => u.unit)).toEqual([
    'Phường An Lạc',
    'Phường Tân Lập',
    'Xã Hòa Bình',
    'Xã An Phú',
    'Xã Tân Thành',
    'Xã Phước Hưng',
    'Phường Trung Tâm',
    'Xã Đông Hà',
    'Xã Quảng Tín',
    'Xã Ea Pô',
    'Xã Nam Dong',
    'Phường Nghĩa Trung',
  ]);
});
