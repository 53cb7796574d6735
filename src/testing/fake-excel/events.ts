/**
 * Worksheet change events as Excel raises them: for a user's edit and for the add-in's own writes.
 *
 * "Work with Events using the Excel JavaScript API"
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events): onChanged "Occurs
 * when the data of individual cells or comments has changed"; "Event triggers: Events within an
 * Excel workbook can be triggered by: User interaction via the Excel user interface (UI) that
 * changes the workbook; Office Add-in (JavaScript) code that changes the workbook; …  Any change
 * that complies with default behavior of Excel will trigger the corresponding event(s)". So a
 * batch that writes values or formulas, or clears contents, raises onChanged on that worksheet and
 * on the worksheet collection — one event per write, after the batch ran (the handlers are called
 * asynchronously, not inside `context.sync()`).
 *
 * office-js d.ts, Excel.WorksheetChangedEventArgs:
 *  - `source`: "Gets the source of the event" — Excel.EventSource, "Local means the event comes from
 *    a local user session" [ExcelApi 1.7]: an add-in's write and the user's typing are both Local;
 *  - `triggerSource`: "Represents the trigger source of the event. For example, identifies whether
 *    this local add-in triggers the event." [ExcelApi 1.14] — EventTriggerSource.thisLocalAddin:
 *    "The event is triggered by the Office JS API of the current add-in", unknown otherwise. Below
 *    ExcelApi 1.14 the property is absent, and the add-in's own writes cannot be told apart by it.
 * Formats (number formats, fills, conditional formats, data validation) raise onFormatChanged,
 * not onChanged; that event is not modelled.
 */
import { rectA1, type Rect } from './model';

export interface WorksheetChangedArgs {
  type: 'WorksheetChanged';
  changeType: 'RangeEdited';
  source: 'Local';
  address: string;
  worksheetId: string;
  /** ExcelApi 1.14 and later only. */
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
}

/** A write of cell data in a batch, raised as onChanged once the batch has run. */
export interface DataChange {
  sheetId: string;
  rect: Rect;
}

export const TRIGGER_SOURCE_SET = '1.14';

export function changedEventArgs(
  change: DataChange,
  by: 'addin' | 'user',
  supports: (name: string, version: string) => boolean,
): WorksheetChangedArgs {
  const args: WorksheetChangedArgs = {
    type: 'WorksheetChanged',
    changeType: 'RangeEdited',
    source: 'Local',
    address: rectA1(change.rect),
    worksheetId: change.sheetId,
  };
  if (supports('ExcelApi', TRIGGER_SOURCE_SET)) args.triggerSource = by === 'addin' ? 'ThisLocalAddin' : 'Unknown';
  return args;
}

/** The handler keys an onChanged event reaches: the worksheet's, then the collection's. */
export function changedKeys(sheetId: string): string[] {
  return [`sheet:${sheetId}:changed`, 'worksheets:changed'];
}
