/// <reference types="office-js" />
import { createFakeExcel, installFakeOffice, type InstalledOffice } from '../../src/testing/fake-excel';
import { readWorkbookFile } from '../../src/hosts/xlsx/node';
import * as path from 'path';
import { SAMPLES } from '../support/shared';

const FIXTURES = SAMPLES;

let office: InstalledOffice | undefined;
afterEach(() => {
  office?.uninstall();
  office = undefined;
  jest.resetModules();
});

async function loadCommands(fakeInput: Parameters<typeof createFakeExcel>[0], options?: Parameters<typeof createFakeExcel>[1]) {
  const fake = createFakeExcel(fakeInput, options);
  office = installFakeOffice(fake);
  const mod = await import('../../src/commands/commands');
  await Promise.resolve();
  return { fake, mod, office };
}

function noticeOf(url: string): { title: string; text: string; kind: string } {
  const u = new URL(url);
  expect(u.searchParams.get('notify')).toBe('1');
  expect(u.pathname.endsWith('/commands.html')).toBe(true);
  return JSON.parse(decodeURIComponent(u.hash.slice(1)));
}

describe('ribbon command validateWorkbook', () => {
  test('is registered on Office.onReady, reads the workbook, shows the counts and calls event.completed()', async () => {
    const source = await readWorkbookFile(path.join(FIXTURES, 'loi-div0.xlsx'));
    const { fake, office } = await loadCommands(source);
    const handler = office.actions.get('validateWorkbook');
    expect(handler).toBeDefined();
    const event = { completed: jest.fn() };
    await handler!(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    expect(office.dialogs).toHaveLength(1);
    const notice = noticeOf(office.dialogs[0].url);
    expect(notice.title).toMatch(/Kiểm tra nhanh/);
    expect(notice.kind).toBe('error');
    expect(notice.text).toMatch(/^[1-9]\d* lỗi, \d+ cảnh báo, \d+ thông tin/);
  });

  test('reports in English when Office runs in English, and completes even when reading fails', async () => {
    const { office, mod } = await loadCommands(
      { sheets: [{ name: 'S', cells: Array.from({ length: 50 }, () => [{ v: 'x'.repeat(200), t: 's' as const }]) }] },
      { displayLanguage: 'en-US', payloadLimitBytes: 2000 },
    );
    const event = { completed: jest.fn() };
    await mod.validateWorkbook(event as unknown as Office.AddinCommands.Event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    const notice = noticeOf(office.dialogs[0].url);
    expect(notice.kind).toBe('error');
    expect(notice.text).toMatch(/could not be read/);
  });

  test('no findings → a plain "no problems" message', async () => {
    const { mod } = await loadCommands({ sheets: [{ name: 'S' }] });
    expect(mod.resultNotice({ errors: 0, warnings: 0, info: 0 }, 'vi')).toMatchObject({ kind: 'success', text: 'Không phát hiện vấn đề nào.' });
    expect(mod.resultNotice({ errors: 0, warnings: 2, info: 1 }, 'en').kind).toBe('warning');
  });
});
