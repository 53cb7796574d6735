/**
 * The shared sample workbooks, loaded into the fake Excel through the .xlsx host's reader, read
 * back through the Office.js adapter: both hosts must see the same cells.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { readSnapshot } from '../../../src/hosts/office/read';
import { createFakeExcel, installFakeOffice } from '../../../src/testing/fake-excel';
import { cellAt } from '../../../src/core/snapshot';
import { diffWorkbooks } from './grid';
import { SAMPLES } from '../../support/shared';

const FIXTURES = SAMPLES;

async function roundTrip(file: string) {
  const source = await readWorkbookFile(path.join(FIXTURES, file));
  const fake = createFakeExcel(source);
  const office = installFakeOffice(fake);
  try {
    const snapshot = await readSnapshot(fake.context);
    return { source, snapshot, syncs: fake.syncCount };
  } finally {
    office.uninstall();
  }
}

describe('shared fixtures through the fake Excel', () => {
  test('tong-hop-xa-2025.xlsx: the snapshot equals the source grid cell by cell', async () => {
    const { source, snapshot, syncs } = await roundTrip('tong-hop-xa-2025.xlsx');
    expect(syncs).toBeLessThanOrEqual(3);
    expect(diffWorkbooks(snapshot, source)).toEqual([]);
    const sheet = snapshot.sheets.find((s) => cellAt(s, 7, 4)?.v === 'Phường An Lạc');
    expect(sheet).toBeDefined();
    expect(cellAt(sheet!, 7, 4)).toMatchObject({ v: 'Phường An Lạc', t: 's' });
    expect(cellAt(sheet!, 8, 4)?.f).toBeTruthy();
  });

  test('loi-div0.xlsx: the error value in K37 is t "e"', async () => {
    const { source, snapshot } = await roundTrip('loi-div0.xlsx');
    expect(diffWorkbooks(snapshot, source)).toEqual([]);
    const withError = snapshot.sheets.find((s) => cellAt(s, 37, 11)?.t === 'e');
    expect(withError).toBeDefined();
    expect(String(cellAt(withError!, 37, 11)?.v)).toMatch(/^#/);
  });

  test('every fixture reads back identically', async () => {
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const { source, snapshot } = await roundTrip(file);
      expect({ file, diff: diffWorkbooks(snapshot, source) }).toEqual({ file, diff: [] });
    }
  });
});
