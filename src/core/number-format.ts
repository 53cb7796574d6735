/**
 * Number-format helpers shared by the Office.js adapter, the fake Excel and the .xlsx reader: one
 * definition of a date format for every host, so it lives in the core.
 */

/**
 * True when a number format shows a date or time (so the cell's number is a date serial: ECMA-376
 * Part 1 §18.8.31, the date and time codes).
 * Quoted text, escaped characters, colours/conditions/locale tags ([Red], [>100], [$-42A]) and
 * padding (_x, *x) are ignored; elapsed-time brackets ([h], [mm], [ss]) count as time.
 */
export function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt || fmt === 'General' || fmt === '@') return false;
  const stripped = fmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/[_*]./g, '');
  return /[dmyhs]/i.test(stripped);
}
