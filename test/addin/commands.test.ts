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

function noticeOf(url: string): { title: string; text: string; kind: string; close?: string } {
  const u = new URL(url);
  expect(u.searchParams.get('notify')).toBe('1');
  expect(u.pathname.endsWith('/commands.html')).toBe(true);
  return JSON.parse(decodeURIComponent(u.hash.slice(1)));
}

/** Wait until the command has opened its dialog (reading the workbook takes a few syncs). */
async function dialogOpened(o: InstalledOffice, count = 1): Promise<void> {
  for (let i = 0; i < 200 && o.dialogs.length < count; i++) await new Promise((r) => setTimeout(r, 0));
  expect(o.dialogs).toHaveLength(count);
}

describe('ribbon command validateWorkbook', () => {
  test('is registered on Office.onReady, reads the workbook, shows the counts; event.completed() only once the user closes the dialog', async () => {
    const source = await readWorkbookFile(path.join(FIXTURES, 'loi-div0.xlsx'));
    const { fake, office } = await loadCommands(source);
    const handler = office.actions.get('validateWorkbook');
    expect(handler).toBeDefined();
    const event = office.commandEvent();
    const done = handler!(event);
    await dialogOpened(office);
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    const notice = noticeOf(office.dialogs[0].url);
    expect(notice.title).toMatch(/Kiểm tra nhanh/);
    expect(notice.kind).toBe('error');
    expect(notice.text).toMatch(/^[1-9]\d* lỗi, \d+ cảnh báo, \d+ thông tin/);
    // The function command's runtime (and the dialog with it) stays while the user reads.
    await new Promise((r) => setTimeout(r, 20));
    expect(event.completedCalls).toBe(0);
    expect(office.dialogs[0].closed).toBe(false);
    office.dialogs[0].closeByUser();
    await done;
    expect(event.completedCalls).toBe(1);
    expect(office.dialogs[0].closedBy).toBe('user');
  });

  test('the dialog\'s own close button (messageParent "close") closes it and completes the command', async () => {
    const { office, mod } = await loadCommands({ sheets: [{ name: 'S' }] });
    const event = office.commandEvent();
    const done = mod.validateWorkbook(event as unknown as Office.AddinCommands.Event);
    await dialogOpened(office);
    office.dialogs[0].messageFromDialog('something else');
    await new Promise((r) => setTimeout(r, 0));
    expect(event.completedCalls).toBe(0);
    office.dialogs[0].messageFromDialog(mod.CLOSE_MESSAGE);
    await done;
    expect(office.dialogs[0].closedBy).toBe('addin');
    expect(event.completedCalls).toBe(1);
  });

  test('reports in English when Office runs in English, and completes even when reading fails', async () => {
    const { office, mod } = await loadCommands(
      { sheets: [{ name: 'S', cells: Array.from({ length: 50 }, () => [{ v: 'x'.repeat(200), t: 's' as const }]) }] },
      { displayLanguage: 'en-US', payloadLimitBytes: 2000 },
    );
    const event = office.commandEvent();
    const done = mod.validateWorkbook(event as unknown as Office.AddinCommands.Event);
    await dialogOpened(office);
    const notice = noticeOf(office.dialogs[0].url);
    expect(notice.kind).toBe('error');
    expect(notice.text).toMatch(/could not be read/);
    expect(notice.close).toBe('Close');
    expect(event.completedCalls).toBe(0);
    office.dialogs[0].closeByUser();
    await done;
    expect(event.completedCalls).toBe(1);
  });

  test('a dialog that cannot be opened (12007: another dialog is open) completes the command at once', async () => {
    const { office, mod } = await loadCommands({ sheets: [{ name: 'S' }] });
    office.failNextDialog(12007);
    const event = office.commandEvent();
    await mod.validateWorkbook(event as unknown as Office.AddinCommands.Event);
    expect(office.dialogs).toHaveLength(0);
    expect(event.completedCalls).toBe(1);
  });

  test('no findings → a plain "no problems" message', async () => {
    const { mod } = await loadCommands({ sheets: [{ name: 'S' }] });
    expect(mod.resultNotice({ errors: 0, warnings: 0, info: 0 }, 'vi')).toMatchObject({
      kind: 'success',
      text: 'Không phát hiện vấn đề nào.',
    });
    expect(mod.resultNotice({ errors: 0, warnings: 2, info: 1 }, 'en').kind).toBe('warning');
  });
});
