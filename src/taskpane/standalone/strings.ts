/**
 * Strings of the standalone page (the pane opened in a plain browser on a workbook file).
 * Same rules as src/taskpane/i18n: Vietnamese is the reference, English has the same keys
 * (test/e2e checks both render), placeholders are {name}.
 */
import type { Locale } from '../../core/finding';
import { useI18n } from '../i18n';

export const standaloneVi = {
  'sa.title': 'PAR Scorecard',
  'sa.subtitle': 'Kiểm tra, tổng hợp, xếp hạng và so sánh Chỉ số CCHC trên tệp Excel, ngay trong trình duyệt.',
  'sa.noExcel': 'Không cần Excel: dùng được cả khi máy có Excel cũ không chạy được phần bổ trợ, hoặc dùng LibreOffice.',
  'sa.open': 'Mở tệp Excel…',
  'sa.openOther': 'Mở tệp khác…',
  'sa.sample': 'Dùng tệp mẫu',
  'sa.sampleNote': 'Tệp mẫu: bảng tổng hợp 12 xã, phường năm 2025, so sánh với năm 2024.',
  'sa.privacy': 'Tệp chỉ được xử lý trong trình duyệt trên máy này: không tải lên, không gửi đi đâu cả.',
  'sa.reading': 'Đang đọc tệp…',
  'sa.file': 'Tệp đang mở',
  'sa.modified': 'đã ghi kết quả',
  'sa.download': 'Tải xuống',
  'sa.downloadLabel': 'Tải xuống sổ làm việc kết quả "{name}"',
  'sa.downloaded': 'Đã tải xuống "{name}". Mở tệp bằng Excel hoặc LibreOffice để xem các trang tính kết quả.',
  'sa.openFailed': 'Không mở được tệp.',
  'sa.discardTitle': 'Kết quả chưa được tải xuống',
  'sa.discardBody':
    'Kết quả đã ghi vào "{name}" chỉ có trong trang này. Mở tệp khác hoặc tệp mẫu sẽ bỏ các kết quả đó. Hãy tải xuống trước nếu cần giữ lại.',
  'sa.discard': 'Bỏ kết quả và mở tệp',
  'sa.cancel': 'Hủy',
  'sa.sampleFailed': 'Không tải được tệp mẫu ({detail}).',
  'sa.priorSample': 'Số liệu năm trước: tệp mẫu "{name}" (xem "So sánh năm trước").',
  'sa.preview': 'Xem trước trang tính',
  'sa.sheet': 'Trang tính',
  'sa.window': 'Hàng {top}–{bottom} trên {rows}, cột {left}–{right} trên {cols}',
  'sa.emptySheet': 'Trang tính trống.',
  'sa.legend': 'Ô có phát hiện được tô màu theo mức độ; ô đang chọn có viền đậm. Bấm vào một ô để chọn.',
  'sa.legendHighlights':
    'Các ô được tô màu khi ghi kết quả (điểm giảm, điểm tăng, chưa đạt điểm tối đa…) có màu như khi mở tệp bằng Excel.',
  'sa.cellLabel': 'Ô {cell}',
  'sa.selected': 'Ô đang chọn: {sheet}!{cell}',
} as const;

export type StandaloneKey = keyof typeof standaloneVi;

export const standaloneEn: Record<StandaloneKey, string> = {
  'sa.title': 'PAR Scorecard',
  'sa.subtitle': 'Check, consolidate, rank and compare the PAR Index on an Excel file, right in the browser.',
  'sa.noExcel': 'No Excel needed: works where Excel is too old to run add-ins, or with LibreOffice.',
  'sa.open': 'Open an Excel file…',
  'sa.openOther': 'Open another file…',
  'sa.sample': 'Use the sample file',
  'sa.sampleNote': 'Sample: the 2025 consolidation of 12 communes and wards, compared with 2024.',
  'sa.privacy': 'The file is processed only in this browser, on this computer: nothing is uploaded or sent anywhere.',
  'sa.reading': 'Reading the file…',
  'sa.file': 'Open file',
  'sa.modified': 'results written',
  'sa.download': 'Download',
  'sa.downloadLabel': 'Download the result workbook "{name}"',
  'sa.downloaded': 'Downloaded "{name}". Open it in Excel or LibreOffice to see the result sheets.',
  'sa.openFailed': 'Could not open the file.',
  'sa.discardTitle': 'The results have not been downloaded',
  'sa.discardBody':
    'The results written into "{name}" exist only in this page. Opening another file or the sample discards them. Download them first to keep them.',
  'sa.discard': 'Discard the results and open',
  'sa.cancel': 'Cancel',
  'sa.sampleFailed': 'Could not load the sample file ({detail}).',
  'sa.priorSample': 'Prior year: the sample file "{name}" (see "Compare with prior year").',
  'sa.preview': 'Sheet preview',
  'sa.sheet': 'Sheet',
  'sa.window': 'Rows {top}–{bottom} of {rows}, columns {left}–{right} of {cols}',
  'sa.emptySheet': 'The sheet is empty.',
  'sa.legend': 'Cells with findings are coloured by severity; the selected cell has a thick outline. Click a cell to select it.',
  'sa.legendHighlights': 'Cells highlighted when results were written (lower, higher, below the maximum…) have the colours Excel shows.',
  'sa.cellLabel': 'Cell {cell}',
  'sa.selected': 'Selected cell: {sheet}!{cell}',
};

const catalogs: Record<Locale, Record<StandaloneKey, string>> = { vi: standaloneVi, en: standaloneEn };

export function standaloneText(locale: Locale, key: StandaloneKey, params?: Record<string, string | number>): string {
  const template = catalogs[locale][key] ?? standaloneVi[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** `st('sa.open')` in the pane's current language. */
export function useStandaloneText(): (key: StandaloneKey, params?: Record<string, string | number>) => string {
  const { locale } = useI18n();
  return (key, params) => standaloneText(locale, key, params);
}
