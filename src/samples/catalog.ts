/**
 * The committed sample set (samples/) and its manifest: every file, what it shows, where its
 * tables are and the exact totals per unit, so tests can assert them.
 */
import { columnLetter } from '../core/a1';
import {
  buildBlankForm,
  buildConsolidated,
  buildScorecard,
  buildSummary,
  consolidatedLayout,
  scorecardLayout,
  stableBytes,
  summaryLayout,
  type CodeStyle,
  type ConsolidatedOptions,
} from './builders';
import { criteriaSet, type CriteriaSet } from './criteria';
import { DEFECTS, applyDefect, defectCell } from './defects';
import { seedFrom } from './prng';
import { areasTotal, generateScores, milliToString, selfAssessment, unitTotal, type UnitScores } from './scores';

/** The 12 communes/wards of the shared 2025 consolidation. */
export const UNITS_2025 = [
  'Phường An Lạc',
  'Phường Tân Lập',
  'Xã Hòa Bình',
  'Xã An Phú',
  'Xã Tân Thành',
  'Xã Phước Hưng',
  'Phường Trung Tâm',
  'Xã Đông Hà',
  'Xã Quảng Tín',
  'Xã Ea Pô',
  'Xã Nam Dong',
  'Phường Nghĩa Trung',
];

/** 2024: the two newest 2025 units did not exist yet. */
export const UNITS_2024 = UNITS_2025.slice(0, 10);

export interface ManifestSample {
  file: string;
  kind: 'consolidated' | 'scorecard' | 'summary' | 'blank' | 'defect';
  description: { vi: string; en: string };
  sheet: string;
  year: number;
  codeStyle?: CodeStyle;
  parents?: 'formula' | 'typed';
  /** Canonical unit names (NFC, trimmed), in column or row order. */
  units?: string[];
  /** Consolidations: unit → column letter. */
  unitColumns?: Record<string, string>;
  /** Summaries: unit → row. */
  unitRows?: Record<string, number>;
  /** Scorecards: score series → column letter. */
  seriesColumns?: Record<string, string>;
  /** First and last criterion rows (criteria-as-rows layouts). */
  firstRow?: number;
  lastRow?: number;
  /** Summaries: area code → column letter. */
  areaColumns?: Record<string, string>;
  bonusRow?: number;
  penaltyRow?: number;
  totalRow?: number;
  totalColumn?: string;
  rankRow?: number;
  /** Exact totals ("91.250"), per unit or per score series ("self", "appraised"). */
  totals?: Record<string, string>;
  maxTotal?: string;
  /** Groups of units with equal totals. */
  ties?: string[][];
  defect?: { cell: string; severity: string; what: string; basedOn: string };
}

export interface Manifest {
  generator: string;
  note: { vi: string; en: string };
  samples: ManifestSample[];
}

export interface SampleFile {
  /** Path relative to samples/, with '/' separators. */
  path: string;
  data: Uint8Array;
}

export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function totalsOf(criteria: CriteriaSet, scores: UnitScores[], withAdjustments: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of scores) out[s.unit] = milliToString(withAdjustments ? unitTotal(criteria, s) : areasTotal(criteria, s));
  return out;
}

function tiesOf(totals: Record<string, string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [unit, t] of Object.entries(totals)) groups.set(t, [...(groups.get(t) ?? []), unit]);
  return [...groups.values()].filter((g) => g.length > 1);
}

function consolidatedEntry(
  file: string,
  description: ManifestSample['description'],
  options: ConsolidatedOptions,
): ManifestSample {
  const L = consolidatedLayout(options.criteria, options.units.length, options);
  const totals = totalsOf(options.criteria, options.scores, !!options.bonusPenalty);
  const entry: ManifestSample = {
    file,
    kind: 'consolidated',
    description,
    sheet: L.sheet,
    year: options.year,
    codeStyle: options.codeStyle ?? 'dotted',
    parents: options.parentsAs ?? 'formula',
    units: options.units,
    unitColumns: Object.fromEntries(options.units.map((u, i) => [u, columnLetter(L.firstUnitCol + i)])),
    firstRow: L.firstRow,
    lastRow: L.firstRow + options.criteria.nodes.length - 1,
    totalRow: L.totalRow,
    totals,
    maxTotal: milliToString(options.criteria.totalMaxMilli),
    ties: tiesOf(totals),
  };
  if (L.bonusRow) entry.bonusRow = L.bonusRow;
  if (L.penaltyRow) entry.penaltyRow = L.penaltyRow;
  if (L.rankRow) entry.rankRow = L.rankRow;
  return entry;
}

/** The files and their manifest entries, in the order added. */
interface Collector {
  files: SampleFile[];
  samples: ManifestSample[];
  add(path: string, wb: Parameters<typeof stableBytes>[0], entry: ManifestSample): Promise<void>;
}

function collector(): Collector {
  const out: Collector = {
    files: [],
    samples: [],
    add: async (path, wb, entry) => {
      out.files.push({ path, data: await stableBytes(wb) });
      out.samples.push(entry);
    },
  };
  return out;
}

/** Build every sample file and the manifest, in memory. Deterministic. */
export async function generateSamples(): Promise<{ files: SampleFile[]; manifest: Manifest }> {
  const criteria = criteriaSet();
  const out = collector();
  const { scores2025, opt2025 } = await addYearTables(out, criteria);
  await addScorecards(out, criteria, scores2025);
  await addBlankForm(out, criteria);
  await addVariants(out, criteria);
  await addDefects(out, criteria, opt2025);
  return {
    files: out.files,
    manifest: {
      generator: 'npm run samples (bin/generate-samples.js → src/samples/cli.ts)',
      note: {
        vi: 'Dữ liệu tổng hợp giả lập theo mẫu biểu thật; tên đơn vị và điểm số là hư cấu. Tổng điểm chính xác đến 3 chữ số thập phân.',
        en: 'Synthetic data in the shape of real forms; units and scores are invented. Totals are exact at 3 decimals.',
      },
      samples: out.samples,
    },
  };
}

type Criteria = ReturnType<typeof criteriaSet>;

/** The 2025 and 2024 consolidations and the 2024 published summary. */
async function addYearTables(out: Collector, criteria: Criteria): Promise<{ scores2025: UnitScores[]; opt2025: ConsolidatedOptions }> {
  const add = out.add;
  // 2025 consolidation: 12 units, two tied at 86,75, SUM formulas, empty rank row.
  const scores2025 = generateScores(criteria, UNITS_2025, {
    seed: seedFrom('tong-hop-xa-2025'),
    forceTotals: { 2: 86750, 3: 86750 },
  });
  const opt2025: ConsolidatedOptions = {
    year: 2025,
    units: UNITS_2025,
    criteria,
    scores: scores2025,
    codeStyle: 'dotted',
    parentsAs: 'formula',
    rankRow: true,
  };
  await add(
    'tong-hop-xa-2025.xlsx',
    buildConsolidated(opt2025),
    consolidatedEntry(
      'tong-hop-xa-2025.xlsx',
      {
        vi: 'Bảng tổng hợp 2025, 12 xã/phường, dòng cha là công thức SUM, hai đơn vị bằng điểm 86,75, dòng XẾP HẠNG trống.',
        en: '2025 consolidation, 12 communes/wards, parent rows as SUM formulas, two units tied at 86.75, empty rank row.',
      },
      opt2025,
    ),
  );

  // 2024 consolidation: 10 units, typed values.
  const scores2024 = generateScores(criteria, UNITS_2024, { seed: seedFrom('tong-hop-xa-2024') });
  const opt2024: ConsolidatedOptions = {
    year: 2024,
    units: UNITS_2024,
    criteria,
    scores: scores2024,
    codeStyle: 'dotted',
    parentsAs: 'typed',
    rankRow: false,
  };
  await add(
    'tong-hop-xa-2024.xlsx',
    buildConsolidated(opt2024),
    consolidatedEntry(
      'tong-hop-xa-2024.xlsx',
      {
        vi: 'Bảng tổng hợp 2024, 10 đơn vị (chưa có Xã Nam Dong và Phường Nghĩa Trung), giá trị nhập tay.',
        en: '2024 consolidation, 10 units (the two newest 2025 units are absent), typed values.',
      },
      opt2024,
    ),
  );

  await addSummary2024(out, criteria, scores2024);
  return { scores2025, opt2025 };
}

/** The 2024 published summary, from the same 2024 scores. */
async function addSummary2024(out: Collector, criteria: Criteria, scores2024: UnitScores[]): Promise<void> {
  const L = summaryLayout(criteria, 2024);
  const totals = totalsOf(criteria, scores2024, false);
  await out.add('ket-qua-xa-2024-tom-tat.xlsx', buildSummary({ year: 2024, units: UNITS_2024, criteria, scores: scores2024 }), {
    file: 'ket-qua-xa-2024-tom-tat.xlsx',
    kind: 'summary',
    description: {
      vi: 'Kết quả công bố 2024: đơn vị theo dòng, lĩnh vực theo cột, có dòng "Điểm tối đa".',
      en: '2024 published results: units as rows, areas as columns, a "Điểm tối đa" row.',
    },
    sheet: L.sheet,
    year: 2024,
    units: UNITS_2024,
    unitRows: Object.fromEntries(UNITS_2024.map((u, i) => [u, L.firstRow + i])),
    areaColumns: Object.fromEntries(criteria.areas.map((a) => [a.key, columnLetter(L.areaCols.get(a.key)!)])),
    totalColumn: columnLetter(L.totalCol),
    totals,
    maxTotal: milliToString(criteria.totalMaxMilli),
    ties: tiesOf(totals),
  });
}

/** Scorecards: one per 2025 unit (appraised = the consolidation), Hòa Bình also at the top level. */
async function addScorecards(out: Collector, criteria: Criteria, scores2025: UnitScores[]): Promise<void> {
  const add = out.add;
  const scorecardEntry = (file: string, unit: string, self: UnitScores, appraised: UnitScores): ManifestSample => {
    const L = scorecardLayout(criteria);
    return {
      file,
      kind: 'scorecard',
      description: {
        vi: `Bảng tự đánh giá 2025 của ${unit}: điểm tự đánh giá, điểm thẩm định (bằng bảng tổng hợp), tài liệu kiểm chứng, ghi chú.`,
        en: `2025 self-assessment of ${unit}: self and appraised scores (appraised = the consolidation), evidence, notes.`,
      },
      sheet: L.sheet,
      year: 2025,
      codeStyle: 'integer',
      parents: 'formula',
      units: [unit],
      seriesColumns: { self: columnLetter(L.selfCol), appraised: columnLetter(L.appraisedCol) },
      firstRow: L.firstRow,
      lastRow: L.totalRow - 1,
      totalRow: L.totalRow,
      totals: { self: milliToString(areasTotal(criteria, self)), appraised: milliToString(areasTotal(criteria, appraised)) },
      maxTotal: milliToString(criteria.totalMaxMilli),
    };
  };
  for (let i = 0; i < UNITS_2025.length; i++) {
    const unit = UNITS_2025[i];
    const appraised = scores2025[i];
    const self = selfAssessment(criteria, appraised, seedFrom(`tu-danh-gia|${unit}`));
    const wbFor = () => buildScorecard({ year: 2025, unit, criteria, self, appraised, seed: seedFrom(`minh-chung|${unit}`) });
    const file = `don-vi/tu-danh-gia-${slug(unit)}-2025.xlsx`;
    await add(file, wbFor(), scorecardEntry(file, unit, self, appraised));
    if (unit === 'Xã Hòa Bình') {
      const top = 'tu-danh-gia-xa-hoa-binh-2025.xlsx';
      await add(top, wbFor(), scorecardEntry(top, unit, self, appraised));
    }
  }

}

async function addBlankForm(out: Collector, criteria: Criteria): Promise<void> {
  const add = out.add;
  // Blank form.
  {
    const L = scorecardLayout(criteria, 'Mẫu');
    await add('mau-trong-2025.xlsx', buildBlankForm({ year: 2025, criteria }), {
      file: 'mau-trong-2025.xlsx',
      kind: 'blank',
      description: {
        vi: 'Mẫu trống chính thức 2025 (chưa có điểm): dùng làm mẫu đối chiếu.',
        en: 'The blank official 2025 form (no scores): the reference a filled form is checked against.',
      },
      sheet: L.sheet,
      year: 2025,
      codeStyle: 'integer',
      parents: 'formula',
      firstRow: L.firstRow,
      lastRow: L.totalRow - 1,
      totalRow: L.totalRow,
      maxTotal: milliToString(criteria.totalMaxMilli),
    });
  }

}

/** Roman area codes with bonus and penalty rows; decomposed Unicode and stray spaces. */
async function addVariants(out: Collector, criteria: Criteria): Promise<void> {
  const add = out.add;
  // Roman area codes, bonus and penalty rows.
  {
    const scores = generateScores(criteria, UNITS_2025, { seed: seedFrom('tong-hop-la-ma-2025'), bonusPenalty: true });
    const opt: ConsolidatedOptions = {
      year: 2025,
      units: UNITS_2025,
      criteria,
      scores,
      codeStyle: 'roman',
      parentsAs: 'formula',
      rankRow: true,
      bonusPenalty: true,
    };
    await add(
      'tong-hop-la-ma-2025.xlsx',
      buildConsolidated(opt),
      consolidatedEntry(
        'tong-hop-la-ma-2025.xlsx',
        {
          vi: 'Bảng tổng hợp 2025, mã lĩnh vực La Mã (I, II, …), có dòng "Điểm thưởng" và "Điểm trừ": tổng = lĩnh vực + thưởng − trừ.',
          en: '2025 consolidation with Roman area codes and bonus/penalty rows: total = areas + bonus − penalty.',
        },
        opt,
      ),
    );
  }

  // Decomposed Unicode and stray spaces in unit names and headers.
  {
    const scores = generateScores(criteria, UNITS_2025, { seed: seedFrom('tong-hop-nfd-2025') });
    const opt: ConsolidatedOptions = {
      year: 2025,
      units: UNITS_2025,
      criteria,
      scores,
      codeStyle: 'dotted',
      parentsAs: 'formula',
      rankRow: true,
      nfdNames: true,
    };
    await add(
      'tong-hop-nfd-2025.xlsx',
      buildConsolidated(opt),
      consolidatedEntry(
        'tong-hop-nfd-2025.xlsx',
        {
          vi: 'Bảng tổng hợp 2025, tên đơn vị và tiêu đề cột ở dạng Unicode tổ hợp (NFD), có khoảng trắng thừa.',
          en: '2025 consolidation with unit names and headers in decomposed Unicode (NFD) and stray spaces.',
        },
        opt,
      ),
    );
  }

}

/** One defect per file, in the cells of the shared loi-*.xlsx. */
async function addDefects(out: Collector, criteria: Criteria, opt2025: ConsolidatedOptions): Promise<void> {
  const add = out.add;
  const base: ConsolidatedOptions = { ...opt2025, parentsAs: 'typed', rankRow: false };
  const L = consolidatedLayout(criteria, UNITS_2025.length, base);
  for (const spec of DEFECTS) {
    const wb = buildConsolidated(base);
    applyDefect(wb.getWorksheet(L.sheet)!, spec, L, criteria);
    await add(spec.file, wb, {
      file: spec.file,
      kind: 'defect',
      description: {
        vi: `Bảng tổng hợp 2025 có đúng một lỗi ở ô ${defectCell(spec, L)}.`,
        en: `2025 consolidation with exactly one defect, in ${defectCell(spec, L)}: ${spec.what}.`,
      },
      sheet: L.sheet,
      year: 2025,
      codeStyle: 'dotted',
      parents: 'typed',
      units: UNITS_2025,
      unitColumns: Object.fromEntries(UNITS_2025.map((u, i) => [u, columnLetter(L.firstUnitCol + i)])),
      firstRow: L.firstRow,
      lastRow: L.firstRow + criteria.nodes.length - 1,
      totalRow: L.totalRow,
      defect: { cell: defectCell(spec, L), severity: spec.severity, what: spec.what, basedOn: 'tong-hop-xa-2025.xlsx' },
    });
  }

}
