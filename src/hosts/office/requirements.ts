/// <reference types="office-js" />
/**
 * Requirement-set checks. The manifest asks for ExcelApi 1.7 (Excel 2019 and later, Excel on the
 * web, Microsoft 365); newer features are checked here at run time and either used or skipped.
 */
import type { Locale } from '../../core/finding';

export type Bilingual = Record<Locale, string>;

/** Newer API sets the adapter uses when present. */
export const FEATURE_SETS = {
  /**
   * Application.suspendApiCalculationUntilNextSync: "[Api set: ExcelApi 1.6]" (office-js d.ts,
   * Excel.Application). Guarded by 1.6, not 1.8, so an Excel below 1.8 (issue #14:
   * Excel 2019 volume licence) suspends calculation too.
   */
  suspendCalculation: '1.6',
  /** Range.getMergedAreasOrNullObject. */
  mergedAreas: '1.13',
  /**
   * Worksheet.onChanged with WorksheetChangedEventArgs.worksheetId and address: "[API set: ExcelApi
   * 1.7]" (https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs); the
   * pane reads only the sheets they name again (reuse.ts).
   */
  changeEvents: '1.7',
} as const;

/** The minimum the add-in declares in its manifest. */
export const MINIMUM_EXCEL_API = '1.7';

/**
 * Office.context.requirements.isSetSupported, safe to call where office.js is not loaded
 * (tests, a page opened outside Excel): false then.
 */
export function isSetSupported(name: string, version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  try {
    return Boolean(office?.context?.requirements?.isSetSupported(name, version));
  } catch {
    return false;
  }
}

export class OfficeRequirementError extends Error {
  override name = 'OfficeRequirementError';
  readonly set: string;
  readonly version: string;
  readonly messages: Bilingual;
  constructor(set: string, version: string, feature: Bilingual) {
    const messages: Bilingual = {
      vi:
        `Phiên bản Excel này chưa hỗ trợ ${feature.vi} (cần bộ API ${set} ${version}). ` +
        'Hãy dùng Excel 2021, Microsoft 365 hoặc Excel trên web, hoặc cập nhật Office.',
      en:
        `This version of Excel does not support ${feature.en} (requirement set ${set} ${version}). ` +
        'Use Excel 2021, Microsoft 365 or Excel on the web, or update Office.',
    };
    super(`${messages.vi} / ${messages.en}`);
    this.set = set;
    this.version = version;
    this.messages = messages;
  }
}

/** Throw a bilingual OfficeRequirementError when a requirement set is missing. */
export function requireSet(name: string, version: string, feature: Bilingual): void {
  if (!isSetSupported(name, version)) throw new OfficeRequirementError(name, version, feature);
}
