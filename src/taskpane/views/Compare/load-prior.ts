/**
 * Reading a prior-year workbook the user picked. The bytes stay in the pane; the .xlsx reader
 * (the package path, without ExcelJS: hosts/xlsx/bytes.ts) is loaded only now, as a separate
 * chunk, so the pane opens without it.
 */
import type { WorkbookSnapshot } from '../../../core/snapshot';
import type { PickedFile } from '../../host/types';

export async function readPickedWorkbook(file: PickedFile): Promise<WorkbookSnapshot> {
  const { readWorkbookBytes } = await import(/* webpackChunkName: "xlsx-direct" */ '../../../hosts/xlsx/bytes');
  return readWorkbookBytes(file.data, file.name);
}
