/**
 * The unit-name matching README promises ("UBND Huyện Đắk Mil", "H. Đắk Mil", "Đăk Mil",
 * Đắk R'lấp / R’lấp; Thành phố / TP.; composed or decomposed Unicode), through text.ts's key
 * function and through the matching module's name forms (what compareTables pairs units by).
 * Expected keys are written out: a rule dropped from text.ts changes a key and fails here.
 */
import { cleanText, displayCode, foldText, lowerVi, unitKey } from '../../src/core/text';
import { unitNameForms } from '../../src/core/compare/match';

const nfd = (s: string) => s.normalize('NFD');

describe('unitKey: the spellings of one unit give one key', () => {
  it.each([
    // [as written in a file, key]
    ['Huyện Đắk Mil', 'dak mil'],
    ['UBND Huyện Đắk Mil', 'dak mil'],
    ['Ủy ban nhân dân huyện Đắk Mil', 'dak mil'],
    ['H. Đắk Mil', 'dak mil'],
    ['H.Đắk Mil', 'dak mil'],
    ['h. đắk mil', 'dak mil'],
    ['Đăk Mil', 'dak mil'],
    ['Đắk Mil', 'dak mil'],
    ['đắk  mil', 'dak mil'],
    ['Thành phố Gia Nghĩa', 'gia nghia'],
    ['TP. Gia Nghĩa', 'gia nghia'],
    ['TP.Gia Nghĩa', 'gia nghia'],
    ['TP Gia Nghĩa', 'gia nghia'],
    ['UBND TP. Gia Nghĩa', 'gia nghia'],
    ['Thị xã Buôn Hồ', 'buon ho'],
    ['TX. Buôn Hồ', 'buon ho'],
    ['TX Buôn Hồ', 'buon ho'],
    ['Thị trấn Đắk Mil', 'dak mil'],
    ['TT. Đắk Mil', 'dak mil'],
    ['Xã Hòa Bình', 'hoa binh'],
    ['UBND Xã Hòa Bình', 'hoa binh'],
    ['Phường Nghĩa Trung', 'nghia trung'],
    ['P. Nghĩa Trung', 'nghia trung'],
    ['Sở Tư pháp', 'tu phap'],
    ['Đặc khu Phú Quốc', 'phu quoc'],
    ["Huyện Đắk R'lấp", 'dak rlap'],
    ['Huyện Đắk R’lấp', 'dak rlap'],
    ['Đắk R‘lấp', 'dak rlap'],
    ['Đắk Rlấp', 'dak rlap'],
    ['Xã Ea H’leo', 'ea hleo'],
    ['Xã Đắk-Ha', 'dak ha'],
    ['UBND  huyện\u00a0Đắk\u200b Mil ', 'dak mil'],
    ['Huyện (Đắk Mil)', 'dak mil'],
    ['(Huyện Đắk Mil)', 'dak mil'],
    ['Huyện(Đắk Mil)', 'dak mil'],
    ['Xã Hòa Bình,Đắk Mil', 'hoa binh dak mil'],
    // A prefix typed twice, a spaced or trailing dash: stripped and folded all the same.
    ['UBND UBND huyện Đắk Mil', 'dak mil'],
    ['Xã Đắk - Ha', 'dak ha'],
    ['Huyện Đắk Mil -', 'dak mil'],
  ])('%j → %j', (name, key) => {
    expect(unitKey(name)).toBe(key);
  });

  it.each(['Huyện Đắk Mil', 'H. Đắk Mil', 'UBND Huyện Đắk Mil', "Huyện Đắk R'lấp", 'TP. Gia Nghĩa', 'Phường Nghĩa Trung'])(
    'gives the same key to the decomposed (NFD) form of %j',
    (name) => {
      expect(nfd(name)).not.toBe(name);
      expect(unitKey(nfd(name))).toBe(unitKey(name));
    },
  );

  it('keeps names that only start like a prefix ("Sơn", "Xuân", "Phước")', () => {
    expect(unitKey('Xã Sơn Hà')).toBe('son ha');
    expect(unitKey('Xuân Lộc')).toBe('xuan loc');
    expect(unitKey('Phước Long')).toBe('phuoc long');
    expect(unitKey('Huyện Tuy Phước')).toBe('tuy phuoc');
    expect(unitKey('Thành phố')).toBe('thanh pho');
  });

  it('tells different units apart', () => {
    expect(unitKey('Huyện Đắk Mil')).not.toBe(unitKey('Huyện Đắk Song'));
    expect(unitKey('Xã Đắk Sắk')).toBe('dak sak');
  });
});

describe('unitNameForms (compareTables pairs units by these forms)', () => {
  it.each([
    // [name, full form, key]
    ['Huyện Đắk Mil', 'huyen dak mil', 'dak mil'],
    ['H. Đắk Mil', 'h. dak mil', 'dak mil'],
    ['UBND Huyện Đắk Mil', 'ubnd huyen dak mil', 'dak mil'],
    ['Đăk Mil', 'dak mil', 'dak mil'],
    ["Huyện Đắk R'lấp", 'huyen dak rlap', 'dak rlap'],
    ['Huyện Đắk R’lấp', 'huyen dak rlap', 'dak rlap'],
    ['TP. Gia Nghĩa', 'tp. gia nghia', 'gia nghia'],
    ['Thành phố Gia Nghĩa', 'thanh pho gia nghia', 'gia nghia'],
    ['TX. Buôn Hồ', 'tx. buon ho', 'buon ho'],
    ['  Xã   Hòa\u00a0Bình ', 'xa hoa binh', 'hoa binh'],
    // A stray apostrophe between spaces leaves single spaces.
    ['Huyện Đắk R ’ lấp', 'huyen dak r lap', 'dak r lap'],
  ])('%j → full %j, key %j', (name, full, key) => {
    expect(unitNameForms(name)).toEqual({ full, key });
  });

  it("matches R'lấp and R’lấp already by the full name (the apostrophe is dropped)", () => {
    expect(unitNameForms("Huyện Đắk R'lấp").full).toBe(unitNameForms('Huyện Đắk R’lấp').full);
  });

  it('gives the decomposed (NFD) form of a name the same forms', () => {
    expect(unitNameForms(nfd('Huyện Đắk R’lấp'))).toEqual({ full: 'huyen dak rlap', key: 'dak rlap' });
    expect(unitNameForms(nfd('H. Đắk Mil'))).toEqual({ full: 'h. dak mil', key: 'dak mil' });
  });
});

describe('text folding', () => {
  it.each([
    ['Điểm  tối đa', 'diem toi da'],
    ['ĐIỂM TỐI ĐA', 'diem toi da'],
    [nfd('Điểm tối đa'), 'diem toi da'],
    ['\u200bTổng\u00a0điểm\u202f', 'tong diem'],
    ['R’lấp R‘lấp R`lấp R´lấp Rʼlấp', "r'lap r'lap r'lap r'lap r'lap"],
    ['Chỉ\u00adsố\ufeff', 'chiso'],
    // A stray combining accent after a space leaves no trailing space once accents are dropped.
    ['Tổng \u0301', 'tong'],
  ])('foldText(%j) → %j', (s, folded) => {
    expect(foldText(s)).toBe(folded);
  });

  it.each([
    ['  Tổng   điểm ', 'Tổng điểm'],
    [nfd('Đắk Mil'), 'Đắk Mil'],
    ['Tổng\u2060điểm\u200c\u200d', 'Tổngđiểm'],
    ['a\tb\nc\u2007d', 'a b c d'],
  ])('cleanText(%j) → %j', (s, cleaned) => {
    expect(cleanText(s)).toBe(cleaned);
  });

  it('lower-cases Vietnamese with its diacritics', () => {
    expect(lowerVi(' HUYỆN,  THÀNH PHỐ ')).toBe('huyện, thành phố');
  });

  it.each([
    [{ rawCode: '1.2.', code: '1.2' }, '1.2'],
    [{ rawCode: 'II)', code: '2' }, 'II'],
    [{ rawCode: '3. ', code: '3' }, '3'],
    [{ rawCode: '', code: '4' }, '4'],
    [{ rawCode: '.', code: '5' }, '5'],
    [{ rawCode: '1.a', code: '1.a' }, '1.a'],
  ])('displayCode(%j) → %j', (c, shown) => {
    expect(displayCode(c)).toBe(shown);
  });
});
