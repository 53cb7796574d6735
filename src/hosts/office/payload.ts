/**
 * Request-size arithmetic. Excel on the web rejects a request or response larger than 5 MB
 * ("Resource limits and performance optimization for Office Add-ins"); the adapter keeps every
 * batch under REQUEST_BUDGET_BYTES (4 MB) as office.js serialises it: the data's JSON plus the
 * object paths and actions that carry it (modelled below, checked against office.js in tests).
 */

/** Excel on the web's limit for one request or one response payload. */
export const EXCEL_PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** What the adapter allows itself per request: the 5 MB limit less room for the protocol. */
export const REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;

/** UTF-8 byte length of a string (Vietnamese letters take 2–3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes of a value once serialised as JSON (undefined counts as null). */
export function jsonBytes(value: unknown): number {
  const s = JSON.stringify(value);
  return s === undefined ? 4 : utf8Length(s);
}

/**
 * What office.js sends for one batch (ClientRequest.buildRequestMessageBodyAndRequestFlags in
 * @microsoft/office-js): `{"Actions":[…],"ObjectPaths":{…}}`. Every proxy object the batch uses is
 * an object path (the method or property that reaches it from its parent, with its arguments) and
 * an Instantiate action; every property write or method call is an action carrying its arguments
 * and the ids of the paths it used last ("L", for early disposal). Ids count up per context, so
 * the model assumes ids of ID_DIGITS digits (ten million: hundreds of 4 MB syncs).
 *
 * The model below is office.js's serialisation with the ids at their widest; the request-size
 * test (test/hosts/office/request-size.test.ts) holds it at or above what office.js actually
 * sends, sync by sync, and close enough to it that batches stay full.
 */
const ID_DIGITS = 7;
const ID = '9'.repeat(ID_DIGITS);
const fixed = (s: string) => utf8Length(s);

/** An object path reached by property (`range.format`), with its Instantiate action and "L" entry. */
const PROPERTY_PATH =
  fixed(`"${ID}":{"Id":${ID},"ObjectPathType":4,"Name":"","ParentObjectPathId":${ID}},`) +
  fixed(`{"Id":${ID},"ActionType":1,"Name":"","ObjectPathId":${ID}},`) +
  ID_DIGITS +
  1;
/** An object path reached by a method or indexer (`getRange(a)`): the same plus its arguments. */
const METHOD_PATH = PROPERTY_PATH + fixed(`,"ArgumentInfo":{"Arguments":}`);
/** A property write or method call, with an "L" list. */
const ACTION = fixed(`{"Id":${ID},"ActionType":4,"Name":"","ObjectPathId":${ID},"ArgumentInfo":{"Arguments":},"L":[]},`);

/** Bytes of an object path reached by `name` from its parent (args: a method's or indexer's). */
export function pathBytes(name: string, args?: readonly unknown[]): number {
  return args === undefined ? PROPERTY_PATH + utf8Length(name) : METHOD_PATH + utf8Length(name) + jsonBytes(args);
}

/** Bytes of setting a property (`value` already measured: pass its JSON byte length). */
export function setBytes(name: string, valueBytes: number): number {
  return ACTION + utf8Length(name) + 2 + valueBytes;
}

/**
 * office.js's own splitting of a large 2-D write (setRangePropertiesInBulk in the Excel build): an
 * array of more than 1,500 cells is validated once (`_ValidateArraySize`) and sent as row chunks
 * of about 1,500 cells, each reached through two GetRow paths and a GetBoundingRect path.
 */
const BULK_CELLS = 1500;
const CHUNK_PATHS =
  2 * (METHOD_PATH + utf8Length('GetRow') + jsonBytes([1_048_576]) + utf8Length(',"D":true')) +
  METHOD_PATH +
  utf8Length('GetBoundingRect') +
  jsonBytes([Number(ID)]) +
  utf8Length(`,"D":true,"ReferencedObjectPathIds":[${ID}]`);

/** What one office.js chunk costs besides its data (for a per-row share while rows are gathered). */
export const CHUNK_SHARE = CHUNK_PATHS + ACTION + utf8Length('NumberFormat');

/** Bytes of setting a 2-D array property (`dataBytes`: the array's JSON length) on one range. */
export function arrayWriteBytes(name: string, rows: number, width: number, dataBytes: number): number {
  if (rows * width <= BULK_CELLS) return setBytes(name, dataBytes);
  const chunks = Math.ceil(rows / Math.max(1, Math.round(BULK_CELLS / width)));
  return callBytes('_ValidateArraySize', [rows, width]) + chunks * (CHUNK_PATHS + setBytes(name, 0)) + dataBytes;
}

/** Bytes of calling a method with these arguments. */
export function callBytes(name: string, args: readonly unknown[]): number {
  return ACTION + utf8Length(name) + jsonBytes(args);
}

/**
 * The paths a batch re-sends to reach a sheet before any operation on it (workbook, worksheets,
 * the sheet itself): counted once per unit of writing, so a unit may land in any sync.
 */
export const SHEET_PATHS_BYTES = 3 * METHOD_PATH + 64;

/** The envelope of a request and of the calculation suspension each write sync starts with. */
export const REQUEST_BASE_BYTES =
  fixed('{"AutoKeepReference":false,"Actions":[],"ObjectPaths":{}}') +
  pathBytes('Application') +
  callBytes('SuspendApiCalculationUntilNextSync', []);
