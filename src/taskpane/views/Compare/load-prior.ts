/**
 * Reading a prior-year workbook the user picked. The bytes stay in the pane; the .xlsx reader
 * (the direct reader, without ExcelJS: hosts/xlsx/direct.ts) is loaded only now, as a separate
 * chunk, so the pane opens without it.
 */
import type { WorkbookSnapshot } from '../../../core/snapshot';
import type { PickedFile } from '../../host/types';

export async function readPickedWorkbook(file: PickedFile): Promise<WorkbookSnapshot> {
  const { readWorkbookBytes } = await import(/* webpackChunkName: "xlsx-direct" */ '../../../hosts/xlsx/direct');
  return readWorkbookBytes(file.data, file.name);
}
