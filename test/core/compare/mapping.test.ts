import { mappingIndex, parseUnitMapping } from '../../../src/core/compare';

describe('parseUnitMapping', () => {
  it('reads ";"-separated rows with a Vietnamese header, a BOM and CRLF', () => {
    const m = parseUnitMapping('\ufeffĐơn vị 2025;Đơn vị 2024\r\nPhường Trung Tâm;Thị trấn Trung Tâm\r\n\r\nXã Hòa Bình;Xã Tân Thành\r\n');
    expect(m.entries).toEqual([
      { current: 'Phường Trung Tâm', prior: 'Thị trấn Trung Tâm', line: 2 },
      { current: 'Xã Hòa Bình', prior: 'Xã Tân Thành', line: 4 },
    ]);
    expect(m.problems).toEqual([]);
  });

  it.each([
    ['current,prior', 'Xã A,Xã B'],
    ['Tên mới,Tên cũ', 'Xã A,Xã B'],
    ['Đơn vị mới;Đơn vị cũ', 'Xã A;Xã B'],
    ['"Năm 2025","Năm 2024"', 'Xã A,Xã B'],
    ['New unit\tOld unit', 'Xã A\tXã B'],
  ])('recognises the header %j', (header, row) => {
    expect(parseUnitMapping(`${header}\n${row}`).entries).toEqual([{ current: 'Xã A', prior: 'Xã B', line: 2 }]);
  });

  it('needs no header, and keeps a first row of unit names', () => {
    expect(parseUnitMapping('Xã Cù Lao,Xã Mới\nXã C,Xã D').entries.map((e) => [e.current, e.prior])).toEqual([
      ['Xã Cù Lao', 'Xã Mới'],
      ['Xã C', 'Xã D'],
    ]);
  });

  it('honours quotes (commas and quotes inside names) and ignores comments and extra columns', () => {
    const m = parseUnitMapping('# đổi tên 2025\n"Xã A, huyện X","Xã ""B""",ghi chú\n');
    expect(m.entries).toEqual([{ current: 'Xã A, huyện X', prior: 'Xã "B"', line: 2 }]);
  });

  it('reports lines without two names instead of throwing', () => {
    const m = parseUnitMapping('Xã A;Xã B\nXã C\n;Xã D\n');
    expect(m.entries).toHaveLength(1);
    expect(m.problems).toEqual([
      { line: 2, text: 'Xã C' },
      { line: 3, text: ';Xã D' },
    ]);
  });

  it('indexes by unit key, in CSV order, without repeats', () => {
    const m = parseUnitMapping("UBND Xã Đắk R’lấp;Xã A\nXã Đắk R'lấp;Xã B\nđắk r'lấp;xã a");
    expect([...mappingIndex(m)]).toEqual([['dak rlap', ['a', 'b']]]);
  });
});
