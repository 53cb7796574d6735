/**
 * The project's sample workbooks (samples/, from the generator): each loi-*.xlsx defect is
 * reported at the cell samples/manifest.json names, and the clean files give no errors. The same
 * checks on the shared fixtures: test/shared/shared-fixtures.test.ts.
 */
import { detectWorkbook } from '../../../src/core/detect';
import type { Finding } from '../../../src/core/finding';
import type { ScoringTable } from '../../../src/core/model';
import { validateTable } from '../../../src/core/rules';
import type { WorkbookSnapshot } from '../../../src/core/snapshot';
import { expectedSampleDefects } from '../../support/shared';
import { brief, readFixture } from './helpers';

interface Loaded {
  workbook: WorkbookSnapshot;
  tables: ScoringTable[];
}

const cache = new Map<string, Promise<Loaded>>();
function load(name: string): Promise<Loaded> {
  let p = cache.get(name);
  if (!p) {
    p = readFixture(name).then((workbook) => ({ workbook, tables: detectWorkbook(workbook).tables }));
    cache.set(name, p);
  }
  return p;
}

async function findingsOf(name: string, reference?: ScoringTable): Promise<Finding[]> {
  const { workbook, tables } = await load(name);
  expect(tables.length).toBeGreaterThan(0);
  const out: Finding[] = [];
  for (const table of tables) {
    const sheet = workbook.sheets.find((s) => s.name === table.sheet)!;
    out.push(...validateTable({ workbook, sheet, table, reference }));
  }
  return out;
}

async function officialForm(): Promise<ScoringTable> {
  return (await load('mau-trong-2025.xlsx')).tables[0];
}

const expected = expectedSampleDefects();
const located = Object.entries(expected).flatMap(([file, list]) =>
  list.filter((e) => e.cell).map((e) => [file, e.sheet!, e.cell!, e.severity!, e.what] as const),
);

describe('fixtures: the defects samples/manifest.json names', () => {
  it('names the cells this suite checks', () => {
    expect(located.length).toBeGreaterThanOrEqual(5);
  });

  it.each(located)('%s: %s!%s (%s) — %s', async (file, sheet, cell, severity) => {
    const findings = await findingsOf(file);
    const allowed = severity === 'warning or error' ? ['warning', 'error'] : [severity];
    const hit = findings.filter((f) => f.sheet === sheet && f.cell === cell && allowed.includes(f.severity));
    expect(hit.map(brief)).not.toEqual([]);
  });
});

describe('fixtures: exactly what each defect file reports', () => {
  // Each loi-*.xlsx is tong-hop-xa-2025.xlsx with typed parents and one defect; nothing else is reported.
  it.each([
    [
      'loi-vuot-diem-toi-da.xlsx',
      [
        // D23 = 3,5 > 3; the typed parents above it (3.2, area 3, the total) no longer match the leaves.
        'error sum/parent-mismatch D20',
        'error sum/parent-mismatch D22',
        'error score/above-max D23',
        'error sum/parent-mismatch D49',
      ],
    ],
    ['loi-so-dang-chu.xlsx', ['error score/number-as-text H13']],
    ['loi-div0.xlsx', ['error score/error-value K37']],
    ['loi-tong-diem-toi-da.xlsx', ['error max/parent-mismatch C40']],
    ['loi-trung-ma.xlsx', ['error code/duplicate A34']],
    ['loi-ten-don-vi-cong-thuc.xlsx', []],
  ] as const)('%s', async (file, list) => {
    expect((await findingsOf(file)).map(brief)).toEqual(list);
  });

  it('H13 "1,25": value is the text, meant is 1.25', async () => {
    const f = (await findingsOf('loi-so-dang-chu.xlsx')).find((x) => x.cell === 'H13')!;
    expect(f).toMatchObject({ criterion: '1.3', unit: 'Xã Tân Thành', params: { value: '1,25', meant: 1.25 } });
    expect(f.message.vi).toContain('1,25');
  });

  it('A34 duplicate names the first occurrence A33', async () => {
    const f = (await findingsOf('loi-trung-ma.xlsx')).find((x) => x.cell === 'A34')!;
    expect(f.params).toEqual({ code: '5.1', first: 'A33' });
  });

  it('C40: area 7 maximum 14 against 5 + 3 + 7 = 15', async () => {
    const f = (await findingsOf('loi-tong-diem-toi-da.xlsx')).find((x) => x.cell === 'C40')!;
    expect(f.params).toEqual({ max: 14, sum: 15 });
  });
});

describe('fixtures: clean files', () => {
  it.each(['tong-hop-xa-2025.xlsx', 'tong-hop-xa-2024.xlsx', 'ket-qua-xa-2024-tom-tat.xlsx', 'tu-danh-gia-xa-hoa-binh-2025.xlsx'])(
    '%s has no error findings',
    async (file) => {
      expect((await findingsOf(file)).filter((f) => f.severity === 'error').map(brief)).toEqual([]);
    },
  );

  it('consolidations and the summary have no findings at all', async () => {
    for (const file of ['tong-hop-xa-2025.xlsx', 'tong-hop-xa-2024.xlsx', 'ket-qua-xa-2024-tom-tat.xlsx']) {
      expect((await findingsOf(file)).map(brief)).toEqual([]);
    }
  });

  it('tu-danh-gia-xa-hoa-binh-2025.xlsx: only the seven scored criteria without evidence (1.1.1, 1.4, 2.1, 2.2, 6.1, 7.1.2, 8.1)', async () => {
    // Rows 8, 12, 15, 16, 35, 41 and 45 self-score 1, 1, 2, 1.5, 2, 2 and 4 points with an empty
    // Tài liệu kiểm chứng (F) and an empty Ghi chú (G). The other empty evidence cells are not
    // reported: row 9 (1.1.2) self-scores 0 (its note is only the scoring rule); rows 13, 17, 25,
    // 29, 33, 37, 43 and 46 are survey criteria (điều tra xã hội học, SIPAS: no evidence needed);
    // rows 6, 7, 14, 18, 20, 26, 30, 34, 38, 39 and 44 are parents.
    const findings = await findingsOf('tu-danh-gia-xa-hoa-binh-2025.xlsx');
    expect(findings.map((f) => `${brief(f)} ${f.criterion}`)).toEqual([
      'warning evidence/missing F8 1.1.1',
      'warning evidence/missing F12 1.4',
      'warning evidence/missing F15 2.1',
      'warning evidence/missing F16 2.2',
      'warning evidence/missing F35 6.1',
      'warning evidence/missing F41 7.1.2',
      'warning evidence/missing F45 8.1',
    ]);
  });

  it('mau-trong-2025.xlsx (blank official form): no findings', async () => {
    expect((await findingsOf('mau-trong-2025.xlsx')).filter((f) => f.severity !== 'info').map(brief)).toEqual([]);
    expect(await findingsOf('mau-trong-2025.xlsx')).toEqual([]);
  });
});

describe('fixtures: against the official blank form', () => {
  it.each([
    'tong-hop-xa-2025.xlsx',
    'tong-hop-xa-2024.xlsx',
    'tu-danh-gia-xa-hoa-binh-2025.xlsx',
    'ket-qua-xa-2024-tom-tat.xlsx',
    'mau-trong-2025.xlsx',
  ])('%s matches the form', async (file) => {
    const findings = await findingsOf(file, await officialForm());
    expect(findings.filter((f) => f.code.startsWith('reference/')).map(brief)).toEqual([]);
  });

  it('loi-trung-ma.xlsx: 5.2 is missing where it would be; loi-tong-diem-toi-da.xlsx: area 7 maximum changed', async () => {
    const form = await officialForm();
    const dup = (await findingsOf('loi-trung-ma.xlsx', form)).filter((f) => f.code.startsWith('reference/'));
    expect(dup.map((f) => `${brief(f)} ${f.criterion}`)).toEqual(['warning reference/missing A35 5.2']);
    const max = (await findingsOf('loi-tong-diem-toi-da.xlsx', form)).filter((f) => f.code.startsWith('reference/'));
    expect(max.map(brief)).toEqual(['error reference/max-changed C40']);
    expect(max[0].params).toEqual({ max: 14, expectedMax: 15 });
  });
});
