/**
 * Generated sheet names: valid for Excel (≤ 31 characters, none of : \ / ? * [ ], not starting or
 * ending with an apostrophe, not "History"), and never taking the place of a sheet the user made.
 */

export const MAX_SHEET_NAME_LENGTH = 31;

export function sanitizeSheetName(desired: string): string {
  let name = desired
    .normalize('NFC')
    .replace(/[:\\/?*[\]]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  name = name.replace(/^'+|'+$/g, '');
  if (name === '' || name.toLowerCase() === 'history') name = `${name || 'Sheet'} (1)`;
  return [...name].slice(0, MAX_SHEET_NAME_LENGTH).join('');
}

export interface SheetNameDecision {
  /** The name to write the generated sheet under. */
  name: string;
  /** True when a sheet of that name exists and was made by this tool: replace it. */
  replaces: boolean;
}

/**
 * Decide where a generated sheet goes. If a sheet with the desired name exists and this tool made
 * it, it is replaced; if the user made it, the generated sheet takes a new name ("… (2)").
 * Names compare case-insensitively, as Excel does.
 */
export function resolveSheetName(desired: string, existing: readonly string[], owned: readonly string[]): SheetNameDecision {
  const base = sanitizeSheetName(desired);
  const lower = (s: string) => s.normalize('NFC').toLowerCase();
  const existingSet = new Set(existing.map(lower));
  const ownedSet = new Set(owned.map(lower));
  for (let i = 1; i < 1000; i++) {
    const suffix = i === 1 ? '' : ` (${i})`;
    const candidate = [...base].slice(0, MAX_SHEET_NAME_LENGTH - suffix.length).join('') + suffix;
    const key = lower(candidate);
    if (!existingSet.has(key)) return { name: candidate, replaces: false };
    if (ownedSet.has(key)) return { name: existing.find((e) => lower(e) === key) ?? candidate, replaces: true };
  }
  throw new Error('No free sheet name');
}
