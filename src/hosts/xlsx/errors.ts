/**
 * Typed, bilingual errors of the .xlsx host. A file the tool cannot read or write never surfaces
 * as a library stack trace: callers get a reason they can branch on and a message for the user
 * (Vietnamese first).
 */

export interface BilingualMessage {
  vi: string;
  en: string;
}

export type WorkbookReadErrorReason =
  /** Not an .xlsx file at all (random bytes, a .docx, an .ods, a .csv …). */
  | 'not-a-workbook'
  /** Password-protected (encrypted) workbook. */
  | 'encrypted'
  /** Excel 97–2003 .xls. */
  | 'legacy-xls'
  /** Incomplete file: cut off during download or copy. */
  | 'truncated'
  /** Beyond the size guards (file, one sheet, or everything uncompressed). */
  | 'too-large'
  /** A zip that is damaged in some other way, or content ExcelJS cannot parse. */
  | 'unreadable';

export type WorkbookWriteErrorReason =
  /** A cell write or highlight targets a protected sheet. */
  | 'protected'
  /** The output path is the input file. */
  | 'same-file'
  /** A cell write or highlight targets a sheet that does not exist. */
  | 'missing-sheet'
  /** A cell write targets a cell inside a merged range (not its top-left cell). */
  | 'merged-cell'
  /** A malformed A1 address or range in the plan. */
  | 'invalid-address'
  /** The file system refused the write. */
  | 'write-failed'
  /** The workbook has a shape the writer cannot change safely (its parts are not what Excel writes). */
  | 'unsupported-package';

/** What a file that is not a workbook turned out to be (zip.ts), when its bytes say so. */
export type OtherFileKind = 'word' | 'powerpoint' | 'image' | 'pdf';

const OTHER_KIND: Record<OtherFileKind, BilingualMessage> = {
  word: { vi: 'văn bản Word', en: 'a Word document' },
  powerpoint: { vi: 'bài trình chiếu PowerPoint', en: 'a PowerPoint presentation' },
  image: { vi: 'một hình ảnh', en: 'an image' },
  pdf: { vi: 'tệp PDF', en: 'a PDF file' },
};

const fileLabel = (fileName: string | undefined, vi: boolean) =>
  fileName ? (vi ? `Tệp "${fileName}"` : `The file "${fileName}"`) : vi ? 'Tệp' : 'The file';

export function readErrorMessage(reason: WorkbookReadErrorReason, fileName?: string, detail?: string): BilingualMessage {
  const fv = fileLabel(fileName, true);
  const fe = fileLabel(fileName, false);
  switch (reason) {
    case 'not-a-workbook':
      // Re-saving from Excel helps a CSV or an HTML export, not a document or a picture: for those
      // the user picked the wrong file.
      if (detail && detail in OTHER_KIND) {
        const kind = OTHER_KIND[detail as OtherFileKind];
        return {
          vi: `${fv} là ${kind.vi}, không phải sổ làm việc Excel. Hãy chọn tệp Excel (.xlsx) có bảng chấm điểm.`,
          en: `${fe} is ${kind.en}, not an Excel workbook. Choose the Excel file (.xlsx) with the scoring table.`,
        };
      }
      return {
        vi: `${fv} không phải là sổ làm việc Excel (.xlsx). Hãy mở tệp bằng Excel rồi lưu lại dưới dạng "Sổ làm việc Excel (*.xlsx)".`,
        en: `${fe} is not an Excel workbook (.xlsx). Open it in Excel and save it as "Excel Workbook (*.xlsx)".`,
      };
    case 'encrypted':
      return {
        vi: `${fv} được đặt mật khẩu (mã hóa) nên không đọc được. Hãy mở tệp trong Excel, gỡ mật khẩu (Tệp › Thông tin › Bảo vệ Sổ làm việc › Mã hóa bằng Mật khẩu) rồi lưu lại.`,
        en: `${fe} is password-protected (encrypted) and cannot be read. Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password) and save it again.`,
      };
    case 'legacy-xls':
      return {
        vi: `${fv} ở định dạng Excel cũ (.xls, Excel 97–2003). Hãy mở tệp bằng Excel rồi lưu lại dưới dạng "Sổ làm việc Excel (*.xlsx)".`,
        en: `${fe} is in the old Excel format (.xls, Excel 97–2003). Open it in Excel and save it as "Excel Workbook (*.xlsx)".`,
      };
    case 'truncated':
      return {
        vi: `${fv} bị thiếu dữ liệu (có thể chưa tải xuống hoặc sao chép xong). Hãy tải hoặc sao chép lại tệp.`,
        en: `${fe} is incomplete (the download or copy may not have finished). Download or copy the file again.`,
      };
    case 'too-large':
      return {
        vi: `${fv} quá lớn để xử lý an toàn${detail ? ` (${detail})` : ''}. Giới hạn: tệp tối đa 50 MB; mỗi trang tính tối đa 200 MB và toàn bộ tối đa 500 MB khi giải nén.`,
        en: `${fe} is too large to process safely${detail ? ` (${detail})` : ''}. Limits: 50 MB per file; 200 MB per sheet and 500 MB in total uncompressed.`,
      };
    case 'unreadable':
    default:
      return {
        vi: `Không đọc được nội dung ${fileName ? `tệp "${fileName}"` : 'tệp'}; tệp có thể bị hỏng. Hãy mở tệp bằng Excel, lưu lại rồi thử lại.`,
        en: `${fe} could not be read and may be damaged. Open it in Excel, save it again and retry.`,
      };
  }
}

export function writeErrorMessage(reason: WorkbookWriteErrorReason, subject?: string): BilingualMessage {
  const s = subject ?? '';
  switch (reason) {
    case 'protected':
      return {
        vi: `Trang tính "${s}" đang được bảo vệ nên không thể ghi. Hãy bỏ bảo vệ trang tính (Xem lại › Bỏ bảo vệ Trang tính) rồi chạy lại. Tệp chưa bị thay đổi.`,
        en: `The sheet "${s}" is protected and cannot be written. Unprotect it (Review › Unprotect Sheet) and run again. Nothing was changed.`,
      };
    case 'same-file':
      return {
        vi: `Tệp kết quả trùng với tệp gốc "${s}". Hãy chọn tên tệp kết quả khác: tệp gốc không bao giờ bị ghi đè.`,
        en: `The output file is the input file "${s}". Choose another output name: the input is never overwritten.`,
      };
    case 'missing-sheet':
      return {
        vi: `Không tìm thấy trang tính "${s}" trong tệp. Tệp chưa bị thay đổi.`,
        en: `The sheet "${s}" was not found in the workbook. Nothing was changed.`,
      };
    case 'merged-cell':
      return {
        vi: `Ô ${s} nằm trong vùng ô đã gộp nên không thể ghi riêng. Tệp chưa bị thay đổi.`,
        en: `Cell ${s} is inside a merged range and cannot be written on its own. Nothing was changed.`,
      };
    case 'invalid-address':
      return {
        vi: `Địa chỉ ô không hợp lệ: "${s}". Tệp chưa bị thay đổi.`,
        en: `Invalid cell address: "${s}". Nothing was changed.`,
      };
    case 'unsupported-package':
      return {
        vi: `Không ghi được kết quả vào bản sao của ${s ? `tệp "${s}"` : 'tệp'}: tệp có cấu trúc mà công cụ chưa ghi được. Hãy mở tệp bằng Excel, lưu lại dưới dạng "Sổ làm việc Excel (*.xlsx)" rồi chạy lại. Tệp chưa bị thay đổi.`,
        en: `Could not write the results into a copy of ${s ? `"${s}"` : 'the file'}: the file has a structure this tool cannot write yet. Open it in Excel, save it as "Excel Workbook (*.xlsx)" and run again. Nothing was changed.`,
      };
    case 'write-failed':
    default:
      return {
        vi: `Không ghi được tệp kết quả "${s}". Hãy kiểm tra quyền ghi thư mục và đóng tệp nếu đang mở trong Excel.`,
        en: `Could not write the output file "${s}". Check that the folder is writable and close the file if it is open in Excel.`,
      };
  }
}

export class WorkbookReadError extends Error {
  readonly reason: WorkbookReadErrorReason;
  readonly messages: BilingualMessage;
  readonly fileName?: string;

  constructor(reason: WorkbookReadErrorReason, options: { fileName?: string; detail?: string; cause?: unknown } = {}) {
    const messages = readErrorMessage(reason, options.fileName, options.detail);
    super(messages.en);
    this.name = 'WorkbookReadError';
    this.reason = reason;
    this.messages = messages;
    if (options.fileName !== undefined) this.fileName = options.fileName;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

export class WorkbookWriteError extends Error {
  readonly reason: WorkbookWriteErrorReason;
  readonly messages: BilingualMessage;
  /** The sheet, cell or path concerned. */
  readonly subject?: string;

  constructor(reason: WorkbookWriteErrorReason, subject?: string, cause?: unknown) {
    const messages = writeErrorMessage(reason, subject);
    super(messages.en);
    this.name = 'WorkbookWriteError';
    this.reason = reason;
    this.messages = messages;
    if (subject !== undefined) this.subject = subject;
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

export function isWorkbookReadError(e: unknown): e is WorkbookReadError {
  return e instanceof WorkbookReadError;
}

export function isWorkbookWriteError(e: unknown): e is WorkbookWriteError {
  return e instanceof WorkbookWriteError;
}
