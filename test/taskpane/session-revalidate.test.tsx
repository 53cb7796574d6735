/** @jest-environment jsdom */
/**
 * After the user's edit the pane reads again only the sheets the change events named (issue #17:
 * re-validation within 100 ms at 150 × 150). Whatever the user did, what the pane then shows must
 * be what reading the whole workbook gives: the same snapshot, the same findings.
 */
import './helpers/setup';
import { act, render, waitFor } from '@testing-library/react';
import { analyzeWorkbook } from '../../src/core/engine';
import { planCompute } from '../../src/core/compute-plan';
import { a1 } from '../../src/core/a1';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { readSnapshot } from '../../src/hosts/office/read';
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from '../../src/testing/fake-excel';
import { OfficeHost } from '../../src/taskpane/host/office-host';
import type { ReadAfterEdits } from '../../src/taskpane/host/types';
import { SessionProvider, useSession, type WorkbookSession } from '../../src/taskpane/session/WorkbookSession';
import { fixture } from './helpers/fixtures';

const MAIN = 'Tổng hợp';

let installed: InstalledOffice | undefined;
afterEach(() => {
  installed?.uninstall();
  installed = undefined;
});

interface Pane {
  fake: FakeExcel;
  session: () => WorkbookSession;
  /** What each finished read was asked: undefined for a full read. */
  reads: (ReadAfterEdits | undefined)[];
}

async function openPane(excelApi: string): Promise<Pane> {
  const sample = await fixture('tong-hop-xa-2025.xlsx');
  const notes = { name: 'Ghi chú', cells: [[{ v: 'Ghi chú', t: 's' as const }]] };
  const fake = createFakeExcel(
    { fileName: 'tong-hop-xa-2025.xlsx', sheets: [...sample.sheets, notes] },
    { supportedSets: { ExcelApi: excelApi } },
  );
  installed = installFakeOffice(fake);
  const host = new OfficeHost();
  const reads: (ReadAfterEdits | undefined)[] = [];
  const read = host.readSnapshot.bind(host);
  host.readSnapshot = async (after) => {
    const snapshot = await read(after);
    reads.push(after);
    return snapshot;
  };
  let current: WorkbookSession | null = null;
  function Probe() {
    current = useSession();
    return null;
  }
  render(
    <SessionProvider host={host}>
      <Probe />
    </SessionProvider>,
  );
  const session = () => current!;
  await waitFor(() => expect(session().analysis).not.toBeNull());
  return { fake, session, reads };
}

/** Wait for the pane to settle after `edit`, then compare it with a full read of the workbook. */
async function expectAsFullRead(pane: Pane, edit: () => Promise<void>): Promise<WorkbookSnapshot> {
  const before = pane.reads.length;
  await act(edit);
  await waitFor(() => {
    expect(pane.reads.length).toBeGreaterThan(before);
    expect(pane.session().revalidating).toBe(false);
  });
  const full = await readSnapshot(pane.fake.context);
  await waitFor(() => expect(pane.session().snapshot).toEqual(full));
  expect(pane.session().analysis!.findings).toEqual(analyzeWorkbook(full).findings);
  return full;
}

function scoreCell(snapshot: WorkbookSnapshot, nth = 0): string {
  const table = analyzeWorkbook(snapshot).tables.find((t) => t.sheet === MAIN)!;
  const leaves = table.criteria.filter((c) => c.childKeys.length === 0 && c.max !== null && !c.survey);
  return a1(leaves[nth].row, table.series[0].index);
}

describe.each(['1.17', '1.7'])('the pane at ExcelApi %s after edits', (excelApi) => {
  test('edits on the scored sheet and another, a rename, a new sheet: each as a full read, only edited sheets read', async () => {
    const pane = await openPane(excelApi);
    const cell = scoreCell(pane.session().snapshot!);
    await expectAsFullRead(pane, () => pane.fake.simulateEdit(MAIN, cell, 99));
    expect(pane.reads.at(-1)?.changed).toEqual(new Set([MAIN]));
    expect(pane.session().analysis!.findings.some((f) => f.sheet === MAIN && f.cell === cell && f.severity === 'error')).toBe(true);

    await expectAsFullRead(pane, () => pane.fake.simulateEdit('Ghi chú', 'A2', 'Đợt 2'));
    expect(pane.reads.at(-1)?.changed).toEqual(new Set(['Ghi chú']));

    await act(() => pane.fake.run(async (context) => void (context.workbook.worksheets.getItem('Ghi chú').name = 'Ghi chú 2025')));
    await expectAsFullRead(pane, () => pane.fake.simulateEdit(MAIN, cell, 0.25));
    await act(() => pane.fake.run(async (context) => void context.workbook.worksheets.add('Phụ lục')));
    await expectAsFullRead(pane, () => pane.fake.simulateEdit('Ghi chú 2025', 'B1', 'x'));
    expect(pane.reads.at(-1)).not.toBeUndefined();
  });

  test('edits arriving while a read is in flight: the read after them is full', async () => {
    const pane = await openPane(excelApi);
    const snapshot = pane.session().snapshot!;
    await expectAsFullRead(pane, async () => {
      await pane.fake.simulateEdit(MAIN, scoreCell(snapshot, 0), 99);
      await pane.fake.simulateEdit('Ghi chú', 'A3', 'giữa lúc đọc');
      await pane.fake.simulateEdit(MAIN, scoreCell(snapshot, 1), 'không');
    });
    await waitFor(() => expect(pane.reads.length).toBeGreaterThanOrEqual(3));
    expect(pane.reads.slice(1)).toContain(undefined);
  });

  test("after the pane's own write into the user's sheet, an edit elsewhere still shows what was written", async () => {
    const pane = await openPane(excelApi);
    const snapshot = pane.session().snapshot!;
    const { plan } = planCompute(snapshot, analyzeWorkbook(snapshot), { locale: 'vi' });
    expect(plan.cellWrites.some((w) => w.sheet === MAIN)).toBe(true);
    await act(async () => void (await pane.session().apply(plan, 'Ghi')));
    await expectAsFullRead(pane, () => pane.fake.simulateEdit('Ghi chú', 'A1', 'sau khi ghi'));
  });
});
