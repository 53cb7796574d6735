import { formatNumber } from '../format';
import type { Located, MessageCatalog } from './codes';

const n = (v: string | number | undefined) => (v === undefined ? '?' : formatNumber(v, 'vi'));
const crit = (p: Located) => (p.criterion ? `Tiêu chí ${p.criterion}` : 'Ô này');
const who = (p: Located) => (p.unit ? ` (${p.unit})` : '');

export const vi: MessageCatalog = {
  'detect/no-table': (p) => `Trang tính "${p.sheet}" không có bảng chấm điểm nhận dạng được; bỏ qua.`,
  'detect/no-table-in-workbook': () => 'Không tìm thấy bảng chấm điểm nào trong tệp (cần cột STT, nội dung tiêu chí và Điểm tối đa).',
  'read/not-calculated': (p) =>
    `Bảng "${p.sheet}": ${p.count} ô công thức chưa được tính (tệp lưu không kèm kết quả, hoặc yêu cầu Excel tính lại khi mở, ví dụ ${p.cell}); điểm tối đa, điểm lĩnh vực và tổng điểm được tính lại từ các ô thành phần.`,
  'detect/year-missing': () => 'Không xác định được năm đánh giá từ tiêu đề, tên trang tính hay tên tệp; hãy ghi "NĂM 20xx" trong tiêu đề.',
  'detect/hidden-rows': (p) => `Có ${p.count} dòng bị ẩn trong bảng chấm điểm (${p.rows}); tiêu chí bị ẩn dễ bị bỏ sót điểm.`,
  'detect/hidden-columns': (p) => `Có cột bị ẩn trong bảng chấm điểm (${p.columns}).`,
  'detect/merges-unread': (p) =>
    `Trang tính "${p.sheet}" có quá nhiều vùng ô gộp (hơn 512) nên Excel không trả về các vùng gộp; ` +
    'các ô gộp chưa được đọc, tiêu đề gộp có thể bị nhận dạng sai. Hãy kiểm tra bảng được nhận dạng hoặc bỏ gộp bớt ô.',
  'code/duplicate': (p) => `Mã tiêu chí "${p.code}" bị trùng (đã có ở ô ${p.first}).`,
  'code/orphan': (p) => `Mã tiêu chí "${p.code}" không có mục cha "${p.parent}" trong bảng.`,
  'code/misplaced': (p) => `Mã tiêu chí "${p.code}" không nằm dưới mục cha "${p.parent}" (sai vị trí hoặc gõ nhầm mã).`,
  'max/missing': (p) => `${crit(p)} chưa có điểm tối đa.`,
  'max/not-number': (p) => `Điểm tối đa của ${crit(p).toLowerCase()} không phải là số: "${p.value}".`,
  'max/parent-mismatch': (p) =>
    `Điểm tối đa của ${crit(p).toLowerCase()} là ${n(p.max)} nhưng tổng điểm tối đa các mục con là ${n(p.sum)}.`,
  'max/total-mismatch': (p) => `Tổng điểm tối đa ghi ${n(p.max)} nhưng tổng điểm tối đa các lĩnh vực là ${n(p.sum)}.`,
  'max/total-not-100': (p) => `Tổng điểm tối đa các lĩnh vực là ${n(p.sum)}, không phải 100.`,
  'score/empty': (p) => `${crit(p)}${who(p)} chưa được chấm điểm.`,
  'score/negative': (p) => `${crit(p)}${who(p)}: điểm ${n(p.value)} là số âm.`,
  'score/above-max': (p) => `${crit(p)}${who(p)}: điểm ${n(p.value)} vượt điểm tối đa ${n(p.max)}.`,
  'score/error-value': (p) => `${crit(p)}${who(p)}: ô điểm có giá trị lỗi ${p.value}.`,
  'score/not-number': (p) => `${crit(p)}${who(p)}: ô điểm chứa chữ "${p.value}", không phải số.`,
  'score/number-as-text': (p) => `${crit(p)}${who(p)}: "${p.value}" được lưu dạng chữ nên hàm SUM bỏ qua; cần nhập số ${n(p.meant)}.`,
  'score/date': (p) => `${crit(p)}${who(p)}: ô điểm là ngày ${p.value}; có lẽ định nhập ${p.meant} (dấu thập phân là dấu phẩy).`,
  'score/step': (p) => `${crit(p)}${who(p)}: điểm ${n(p.value)} không theo bước 0,25 điểm.`,
  'sum/parent-mismatch': (p) =>
    p.total
      ? `Tổng điểm${who(p)}: ghi ${n(p.value)} nhưng tổng các lĩnh vực (cộng điểm thưởng, trừ điểm trừ) là ${n(p.sum)}.`
      : `${crit(p)}${who(p)}: điểm ghi ${n(p.value)} nhưng tổng các mục con là ${n(p.sum)}.`,
  'sum/formula-omits-child': (p) => `${crit(p)}${who(p)}: công thức =${p.formula} bỏ sót mục con ${p.child} (dòng ${p.row}).`,
  'evidence/missing': (p) => `${crit(p)} được chấm ${n(p.value)} điểm nhưng chưa có tài liệu kiểm chứng.`,
  'appraisal/above-self': (p) => `${crit(p)}: điểm thẩm định ${n(p.appraised)} cao hơn điểm tự đánh giá ${n(p.self)}.`,
  'reference/missing': (p) => `Thiếu tiêu chí ${p.code} "${p.title}" so với mẫu chính thức.`,
  'reference/added': (p) => `Tiêu chí ${p.code} "${p.title}" không có trong mẫu chính thức.`,
  'reference/retitled': (p) => `Tiêu chí ${p.code} có tên khác mẫu chính thức: "${p.title}" thay vì "${p.expected}".`,
  'reference/max-changed': (p) => `${crit(p)}: điểm tối đa ${n(p.max)} khác mẫu chính thức (${n(p.expectedMax)}).`,
  'write/typed-total': (p) => `Ô tổng điểm ${p.cell} đang chứa số nhập tay; chỉ thay bằng công thức khi chọn ghi đè tổng điểm.`,
  'write/total-differs': (p) =>
    `Ô tổng điểm ${p.cell}${who(p)} sẽ hiện ${n(p.shown)} theo số liệu đang có trên bảng, khác tổng tính từ các tiêu chí là ${n(p.total)}; hãy sửa các lỗi của đơn vị này rồi tính lại.`,
  'write/typed-rank': (p) => `Ô xếp hạng ${p.cell} đang chứa số nhập tay; chỉ thay bằng công thức khi chọn ghi đè tổng điểm.`,
  'write/dense-rank-sheet': (p) =>
    `Bảng có ${p.count} đơn vị: hạng không bỏ hạng (1, 2, 2, 3) được ghi ở trang tính xếp hạng, không ghi công thức vào các ô xếp hạng của bảng (trên ${p.max} đơn vị, công thức này làm Excel tính rất lâu).`,
  'compare/unmatched-unit': (p) =>
    `Đơn vị "${p.unit}" không so sánh được (không có trong ${p.year !== undefined && p.year !== '' ? `năm ${p.year}` : 'bảng năm so sánh'}).`,
  'compare/no-prior-table': () => 'Không tìm thấy bảng kết quả năm trước để so sánh.',
  'compare/prior-not-earlier': (p) =>
    `Bảng chọn làm năm trước ghi năm ${p.priorYear ?? '?'}, không trước năm đánh giá ${p.year ?? '?'} (có thể đã chọn nhầm tệp, hoặc chọn chính tệp này); hãy chọn kết quả năm trước rồi so sánh lại.`,
  'compare/prior-mismatch': (p) =>
    p.priorForm !== undefined
      ? `Tệp chọn làm năm trước chỉ là phiếu của một đơn vị (${p.priorForm}), còn bảng năm nay có ${p.units ?? '?'} đơn vị; hãy chọn bảng tổng hợp hoặc bảng kết quả năm trước.`
      : `Chỉ ${p.matched ?? 0}/${p.units ?? '?'} đơn vị có trong bảng chọn làm năm trước (dưới một nửa): có thể đã chọn nhầm tệp; nếu các đơn vị đã đổi tên hoặc sáp nhập, hãy dùng tệp đối chiếu tên đơn vị.`,
  'consolidate/unreadable': (p) =>
    `Không đọc được tệp ${p.file ?? ''}: ${p.detail ?? 'tệp hỏng hoặc không phải .xlsx'}; tệp không được tổng hợp.`,
  'consolidate/no-scorecard': (p) =>
    `Tệp ${p.file ?? ''} không có bảng tự đánh giá của một đơn vị (cần cột Điểm tự đánh giá hoặc Điểm thẩm định); tệp không được tổng hợp.`,
  'consolidate/no-scores': (p) => `Bảng tự đánh giá trong tệp ${p.file ?? ''} chưa có điểm nào; tệp không được tổng hợp.`,
  'consolidate/other-year': (p) =>
    `Phiếu của năm ${p.formYear ?? '?'}, không phải năm tổng hợp ${p.year ?? '?'}${p.forced ? '; vẫn được tổng hợp theo yêu cầu (--force)' : '; phiếu không được tổng hợp'}.`,
  'consolidate/other-criteria': (p) =>
    `Phiếu theo bộ tiêu chí khác với các phiếu còn lại (${p.detail ?? 'thứ tự hoặc số tiêu chí khác'}), có thể là mẫu phiếu của năm khác${p.forced ? '; vẫn được tổng hợp theo mã tiêu chí (--force), ô thiếu để trống' : '; phiếu không được tổng hợp'}.`,
  'consolidate/duplicate-unit': (p) => `Đơn vị ${p.unit ?? ''} đã có phiếu trong tệp ${p.kept ?? '?'}; phiếu này không được tổng hợp.`,
  'consolidate/several-tables': (p) =>
    `Tệp có ${p.count ?? 'nhiều'} bảng tự đánh giá đã chấm điểm; chỉ tổng hợp bảng ở trang tính "${p.sheet ?? ''}".`,
  'consolidate/criterion-missing': (p) => `${crit(p)}${who(p)} không có trong phiếu; ô tương ứng trong bảng tổng hợp để trống.`,
  'consolidate/appraisal-incomplete': (p) =>
    `${p.unit ?? 'Đơn vị'}: ${p.count ?? '?'} tiêu chí chưa có điểm thẩm định (${p.detail ?? ''}); ô tương ứng trong bảng tổng hợp để trống.`,
  'consolidate/self-used': (p) => `Phiếu${who(p)} chưa có điểm thẩm định; bảng tổng hợp dùng điểm tự đánh giá.`,
  'consolidate/unit-from-file': (p) => `Tiêu đề phiếu không ghi tên đơn vị ("UBND XÃ …"); dùng tên tệp "${p.unit ?? ''}" làm tên đơn vị.`,
};
