/**
 * The unit a form's title names (issue #15): as typed when the title is typed in mixed case; the
 * official casing when it is in capitals ("Thành phố Gia Nghĩa", not "Thành Phố Gia Nghĩa").
 */
import { unitNameOf } from '../../../src/core/detect';

test.each([
  ['UBND THÀNH PHỐ GIA NGHĨA', 'Thành phố Gia Nghĩa'],
  ['UBND XÃ HÒA BÌNH', 'Xã Hòa Bình'],
  ['ỦY BAN NHÂN DÂN THỊ TRẤN ĐẮK MIL', 'Thị trấn Đắk Mil'],
  ['UỶ BAN NHÂN DÂN HUYỆN ĐẮK R’LẤP', 'Huyện Đắk R’lấp'],
  ['UBND THỊ XÃ BUÔN HỒ', 'Thị xã Buôn Hồ'],
  ['UBND Thành phố Gia Nghĩa', 'Thành phố Gia Nghĩa'],
  ['Ủy ban nhân dân  xã Ea  Pô', 'xã Ea Pô'],
  ['UBND Phường Nghĩa Đức', 'Phường Nghĩa Đức'],
  ['PHIẾU TỰ ĐÁNH GIÁ\nUBND XÃ QUẢNG TÍN\nNĂM 2025', 'Xã Quảng Tín'],
  ['UBND XÃ ...', null],
  ['BẢNG TỔNG HỢP', null],
])('%j → %j', (title, name) => {
  expect(unitNameOf(title)).toBe(name);
});
