/**
 * Typed, bilingual write errors of the Office.js host (same reasons as the .xlsx host where
 * they overlap, so the task pane can branch on `reason` whichever host it runs on).
 */
import type { Bilingual } from './requirements';

export type OfficeWriteErrorReason =
  /** A sheet the plan writes into (or an earlier generated sheet to replace) is protected. */
  | 'protected'
  /** The workbook structure is protected: no sheet can be added or deleted. */
  | 'workbook-protected'
  /** A cell write or highlight targets a sheet that no longer exists. */
  | 'missing-sheet'
  /** Excel refused the batch (another reason; `cause` holds Excel's error). */
  | 'excel-error';

export function writeErrorMessage(reason: OfficeWriteErrorReason, subject?: string): Bilingual {
  const s = subject ?? '';
  switch (reason) {
    case 'protected':
      return {
        vi: `Trang tính "${s}" đang được bảo vệ nên PAR Scorecard không ghi được. Hãy bỏ bảo vệ (Xem lại › Bỏ bảo vệ Trang tính) rồi chạy lại. Chưa có gì bị thay đổi.`,
        en: `The sheet "${s}" is protected, so PAR Scorecard cannot write to it. Unprotect it (Review › Unprotect Sheet) and run again. Nothing was changed.`,
      };
    case 'workbook-protected':
      return {
        vi: 'Cấu trúc sổ làm việc đang được bảo vệ nên không thêm hoặc xóa được trang tính. Hãy bỏ bảo vệ (Xem lại › Bảo vệ Sổ làm việc) rồi chạy lại. Chưa có gì bị thay đổi.',
        en: 'The workbook structure is protected, so sheets cannot be added or deleted. Unprotect it (Review › Protect Workbook) and run again. Nothing was changed.',
      };
    case 'missing-sheet':
      return {
        vi: `Không tìm thấy trang tính "${s}" (có thể vừa bị xóa hoặc đổi tên). Hãy chạy kiểm tra lại. Chưa có gì bị thay đổi.`,
        en: `The sheet "${s}" was not found (it may have just been deleted or renamed). Run the check again. Nothing was changed.`,
      };
    case 'excel-error':
      return {
        vi: `Excel từ chối thao tác ghi${s ? ` (${s})` : ''}. Hãy thử lại; nếu lỗi lặp lại, hãy lưu sổ làm việc và mở lại.`,
        en: `Excel refused the write${s ? ` (${s})` : ''}. Try again; if it happens again, save the workbook and reopen it.`,
      };
  }
}

export class OfficeWriteError extends Error {
  override name = 'OfficeWriteError';
  readonly reason: OfficeWriteErrorReason;
  readonly sheet?: string;
  readonly messages: Bilingual;
  override readonly cause?: unknown;
  constructor(reason: OfficeWriteErrorReason, options: { sheet?: string; cause?: unknown; detail?: string } = {}) {
    const messages = writeErrorMessage(reason, options.sheet ?? options.detail);
    super(`${messages.vi} / ${messages.en}`);
    this.reason = reason;
    this.messages = messages;
    if (options.sheet !== undefined) this.sheet = options.sheet;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

export function isOfficeWriteError(e: unknown): e is OfficeWriteError {
  return e instanceof OfficeWriteError;
}

/** The Office.js error code of an error from context.sync(), if any. */
export function officeErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export const PAYLOAD_ERROR_CODES = ['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded'];

/**
 * The workbook open in Excel cannot be read safely: a sheet's used range is so large (often one
 * stray value far below or right of the table) that loading it would exhaust Excel's request
 * limits and the pane's memory. Same limit as the .xlsx host (10 million grid positions).
 */
export class OfficeReadError extends Error {
  override name = 'OfficeReadError';
  readonly reason = 'too-large' as const;
  readonly sheet: string;
  readonly messages: Bilingual;
  constructor(sheet: string, address: string) {
    const messages = {
      vi: `Trang tính "${sheet}" có vùng dữ liệu quá lớn (${address}), thường do một ô lạc ở xa bảng. Hãy xóa các hàng và cột thừa bên dưới, bên phải bảng điểm, lưu lại rồi thử lại.`,
      en: `The sheet "${sheet}" has a used range too large to read (${address}), usually because of a stray cell far from the table. Delete the extra rows and columns below and to the right of the scoring table, save, and try again.`,
    };
    super(`${messages.vi} / ${messages.en}`);
    this.sheet = sheet;
    this.messages = messages;
  }
}
