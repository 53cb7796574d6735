/**
 * Request-size arithmetic. Excel on the web rejects a request or response larger than 5 MB; the
 * adapter keeps every batch under REQUEST_BUDGET_BYTES (4 MB), measured as the UTF-8 length of
 * the JSON that carries the data (which is what Office.js serialises).
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
 * Estimated request bytes of writing these 2-D arrays (values, formulas, number formats …) into
 * one range: the JSON of each array plus a fixed allowance for the operation itself.
 */
export function estimatePayloadBytes(...arrays: ReadonlyArray<ReadonlyArray<unknown>>[]): number {
  let total = OPERATION_OVERHEAD_BYTES;
  for (const a of arrays) total += jsonBytes(a);
  return total;
}

/** Allowance for one queued operation's envelope (object path, action, property name). */
export const OPERATION_OVERHEAD_BYTES = 96;
