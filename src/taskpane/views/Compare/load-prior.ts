/**
 * Reading a prior-year workbook the user picked. The bytes stay in the pane; the .xlsx reader
 * (ExcelJS) is loaded only now, as a separate chunk, so the pane opens without it.
 */
import type { WorkbookSnapshot } from '../../../core/snapshot';
import type { PickedFile } from '../../host/types';

export async function readPickedWorkbook(file: PickedFile): Promise<WorkbookSnapshot> {
  const { readWorkbookBuffer } = await import(/* webpackChunkName: "xlsx-reader" */ '../../../hosts/xlsx');
  return readWorkbookBuffer(file.data, file.name);
}
