import { readFileSync } from 'fs';
import path from 'path';
import type { WorkbookSnapshot } from '../../../src/core/snapshot';
import { readWorkbookFile } from '../../../src/hosts/xlsx/node';
import { SAMPLES } from '../../support/shared';

/** The project's generated samples (the files the user would pick). */
export const FIXTURES = SAMPLES;

const cache = new Map<string, WorkbookSnapshot>();

/** A fixture workbook as a snapshot (read once per test file). */
export async function fixture(name: string): Promise<WorkbookSnapshot> {
  if (!cache.has(name)) cache.set(name, await readWorkbookFile(path.join(FIXTURES, name)));
  return JSON.parse(JSON.stringify(cache.get(name)!)) as WorkbookSnapshot;
}

/** A fixture's bytes, as a file the user picked. */
export function fixtureBytes(name: string): ArrayBuffer {
  const buf = readFileSync(path.join(FIXTURES, name));
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}
