/**
 * Criteria sets for sample workbooks. All points are integers in thousandths ("milli"), so every
 * sum is exact; a cell gets milli / 1000, the double nearest to the 3-decimal value.
 */
import { Prng } from './prng';

export interface CriterionNode {
  /** Canonical dotted key: "1" (area), "1.1", "1.1.2". */
  key: string;
  /** 1 = area (lĩnh vực), 2 = criterion (tiêu chí), 3 = sub-criterion (tiêu chí thành phần). */
  depth: number;
  title: string;
  /** Maximum in thousandths of a point. */
  maxMilli: number;
  /** Survey-based (điều tra xã hội học, SIPAS): proportional scores with 3 decimals. */
  survey: boolean;
  parent: string | null;
  children: string[];
  /** Scoring rule text (Ghi chú), when the form states one. */
  rule?: string;
}

export interface CriteriaSet {
  name: string;
  /** In row order (depth-first). */
  nodes: CriterionNode[];
  byKey: Map<string, CriterionNode>;
  areas: CriterionNode[];
  leaves: CriterionNode[];
  totalMaxMilli: number;
}

export type CriteriaSetOptions =
  | { kind?: 'commune-2025' }
  | {
      kind: 'synthetic';
      /** Number of rows in the criteria tree (areas + criteria + sub-criteria), e.g. 150. */
      count: number;
      seed?: number;
      /** Number of areas (default 8). */
      areas?: number;
      /** Share of the 100 points given to survey criteria (default 0.3). */
      surveyShare?: number;
    };

const SURVEY_TITLE = /điều tra xã hội học|sipas|hài lòng|khảo sát|đtxhh/i;

/** [key, title, max (leaves only; parents are the sums), rule?] */
type Row = [string, string, number | null, string?];

/** The 8-area commune set of the shared fixtures (tong-hop-xa-2025.xlsx). */
const COMMUNE_2025: Row[] = [
  ['1', 'Công tác chỉ đạo, điều hành CCHC', null],
  ['1.1', 'Kế hoạch CCHC năm', null],
  ['1.1.1', 'Ban hành kế hoạch đúng thời hạn', 1],
  ['1.1.2', 'Mức độ thực hiện kế hoạch', 1.5, 'Hoàn thành 100%: 1,5 điểm; từ 80% đến dưới 100%: 0,75 điểm; dưới 80%: 0 điểm'],
  ['1.2', 'Thực hiện chế độ báo cáo', 1],
  ['1.3', 'Tuyên truyền CCHC', 1.5],
  ['1.4', 'Sáng kiến CCHC', 1],
  ['1.5', 'Đánh giá qua điều tra xã hội học', 4],
  ['2', 'Cải cách thể chế', null],
  ['2.1', 'Ban hành văn bản QPPL', 2],
  ['2.2', 'Rà soát văn bản', 1.5],
  ['2.3', 'Đánh giá qua điều tra xã hội học', 4.5],
  ['3', 'Cải cách thủ tục hành chính', null],
  ['3.1', 'Công khai TTHC', 2],
  ['3.2', 'Một cửa, một cửa liên thông', null],
  ['3.2.1', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 3],
  ['3.2.2', 'Thư xin lỗi khi trễ hạn', 1],
  ['3.2.3', 'Số hóa hồ sơ TTHC', 2],
  ['3.3', 'Phản ánh, kiến nghị', 2],
  ['3.4', 'Mức độ hài lòng (SIPAS)', 8],
  ['4', 'Cải cách tổ chức bộ máy', null],
  ['4.1', 'Kiện toàn tổ chức', 2],
  ['4.2', 'Quản lý biên chế', 2],
  ['4.3', 'Đánh giá qua điều tra xã hội học', 3],
  ['5', 'Cải cách chế độ công vụ', null],
  ['5.1', 'Vị trí việc làm', 2],
  ['5.2', 'Kỷ luật, kỷ cương', 3],
  ['5.3', 'Đánh giá qua điều tra xã hội học', 5],
  ['6', 'Cải cách tài chính công', null],
  ['6.1', 'Thu ngân sách', 2],
  ['6.2', 'Quản lý tài sản công', 2],
  ['6.3', 'Đánh giá qua điều tra xã hội học', 4],
  ['7', 'Chính quyền số', null],
  ['7.1', 'Dịch vụ công trực tuyến', null],
  ['7.1.1', 'Tỷ lệ hồ sơ trực tuyến toàn trình', 3],
  ['7.1.2', 'Thanh toán trực tuyến', 2],
  ['7.2', 'Chữ ký số, văn bản điện tử', 3],
  ['7.3', 'Đánh giá qua điều tra xã hội học', 7],
  ['8', 'Tác động của CCHC', null],
  ['8.1', 'Phát triển kinh tế - xã hội', 4],
  ['8.2', 'Đánh giá qua điều tra xã hội học', 20],
];

/** Area titles of provincial sets (8 areas), used by the synthetic generator. */
export const AREA_TITLES = [
  'Công tác chỉ đạo, điều hành CCHC',
  'Cải cách thể chế',
  'Cải cách thủ tục hành chính',
  'Cải cách tổ chức bộ máy',
  'Cải cách chế độ công vụ',
  'Cải cách tài chính công',
  'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số',
  'Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội',
];

const CRITERION_TITLES = [
  'Kế hoạch CCHC năm',
  'Thực hiện chế độ báo cáo định kỳ',
  'Công tác tuyên truyền CCHC',
  'Sáng kiến, giải pháp mới trong CCHC',
  'Kiểm tra công tác CCHC',
  'Ban hành văn bản quy phạm pháp luật',
  'Rà soát, hệ thống hóa văn bản',
  'Theo dõi thi hành pháp luật',
  'Công khai thủ tục hành chính',
  'Thực hiện cơ chế một cửa, một cửa liên thông',
  'Tiếp nhận, xử lý phản ánh, kiến nghị',
  'Số hóa hồ sơ, kết quả giải quyết TTHC',
  'Kiện toàn tổ chức bộ máy',
  'Quản lý biên chế',
  'Thực hiện vị trí việc làm',
  'Đánh giá, xếp loại cán bộ, công chức',
  'Kỷ luật, kỷ cương hành chính',
  'Quản lý, sử dụng tài sản công',
  'Thực hiện dự toán thu, chi ngân sách',
  'Cung cấp dịch vụ công trực tuyến',
  'Sử dụng chữ ký số, văn bản điện tử',
  'Kết nối, chia sẻ dữ liệu',
  'Phát triển kinh tế - xã hội của địa phương',
];

const SUB_TITLES = [
  'Ban hành đúng thời hạn',
  'Mức độ hoàn thành kế hoạch',
  'Tỷ lệ văn bản được ban hành đúng quy định',
  'Tỷ lệ hồ sơ giải quyết đúng hạn',
  'Tỷ lệ hồ sơ trực tuyến toàn trình',
  'Tỷ lệ thanh toán trực tuyến',
  'Thực hiện xin lỗi khi giải quyết trễ hạn',
  'Tổ chức kiểm tra theo kế hoạch',
  'Xử lý sau kiểm tra',
  'Cập nhật, công khai đúng quy định',
];

export const SURVEY_CRITERION_TITLE = 'Đánh giá qua điều tra xã hội học';

/** Build a criteria set from rows in depth-first order; parents' maxima are their children's sums. */
export function buildCriteriaSet(name: string, rows: readonly Row[]): CriteriaSet {
  const nodes: CriterionNode[] = [];
  const byKey = new Map<string, CriterionNode>();
  for (const [key, title, max, rule] of rows) {
    const depth = key.split('.').length;
    const parent = depth > 1 ? key.split('.').slice(0, -1).join('.') : null;
    const node: CriterionNode = {
      key,
      depth,
      title,
      maxMilli: max === null ? 0 : Math.round(max * 1000),
      survey: SURVEY_TITLE.test(title),
      parent,
      children: [],
    };
    if (rule) node.rule = rule;
    if (byKey.has(key)) throw new RangeError(`Duplicate criterion key ${key}`);
    if (parent !== null) {
      const p = byKey.get(parent);
      if (!p) throw new RangeError(`Criterion ${key} has no parent ${parent}`);
      p.children.push(key);
    }
    nodes.push(node);
    byKey.set(key, node);
  }
  // Parents' maxima: sums of the children (deepest first).
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (n.children.length > 0) n.maxMilli = n.children.reduce((s, k) => s + byKey.get(k)!.maxMilli, 0);
  }
  const areas = nodes.filter((n) => n.depth === 1);
  return {
    name,
    nodes,
    byKey,
    areas,
    leaves: nodes.filter((n) => n.children.length === 0),
    totalMaxMilli: areas.reduce((s, a) => s + a.maxMilli, 0),
  };
}

/** Split `total` units into `n` parts, each at least `min`, at random. */
function composition(rng: Prng, total: number, n: number, min = 1): number[] {
  if (n * min > total) throw new RangeError(`Cannot split ${total} into ${n} parts of at least ${min}`);
  const parts = new Array<number>(n).fill(min);
  // Weighted so that parts differ in size like real maxima (0,25 … 3 points, surveys larger).
  const weights = parts.map(() => 0.3 + rng.next() * 1.7);
  const sum = weights.reduce((s, w) => s + w, 0);
  let left = total - n * min;
  const extra = weights.map((w) => Math.floor(((total - n * min) * w) / sum));
  extra.forEach((e, i) => {
    parts[i] += e;
    left -= e;
  });
  for (let i = 0; left > 0; i = (i + 1) % n, left--) parts[i]++;
  return parts;
}

/** A row of a synthetic set while it is drawn (maxima come after). */
interface Draft {
  key: string;
  title: string;
  survey: boolean;
  children: Draft[];
}

/** The areas, each with `perArea[a]` rows of criteria (some with sub-criteria) and a survey criterion last. */
function draftTree(rng: Prng, areas: number, perArea: number[]): Draft[] {
  const tree: Draft[] = [];
  let ci = 0;
  let si = 0;
  for (let a = 0; a < areas; a++) {
    const area: Draft = {
      key: String(a + 1),
      title: AREA_TITLES[a] ?? `Lĩnh vực ${a + 1}`,
      survey: false,
      children: [],
    };
    let rows = perArea[a];
    let c = 0;
    while (rows > 0) {
      c++;
      const key = `${area.key}.${c}`;
      const round = Math.floor(ci / CRITERION_TITLES.length);
      const title = CRITERION_TITLES[ci % CRITERION_TITLES.length] + (round > 0 ? ` (nhóm ${round + 1})` : '');
      ci++;
      const crit: Draft = { key, title, survey: false, children: [] };
      if (rows >= 3 && rng.chance(0.4)) {
        const k = rng.int(2, Math.min(4, rows - 1));
        for (let s = 1; s <= k; s++) {
          const sub = SUB_TITLES[si++ % SUB_TITLES.length];
          crit.children.push({ key: `${key}.${s}`, title: sub, survey: false, children: [] });
        }
        rows -= 1 + k;
      } else {
        rows -= 1;
      }
      area.children.push(crit);
    }
    area.children.push({ key: `${area.key}.${c + 1}`, title: SURVEY_CRITERION_TITLE, survey: true, children: [] });
    tree.push(area);
  }
  return tree;
}

/** A synthetic set of `count` rows still summing to 100 with maxima in 0,25 steps. */
function syntheticSet(count: number, seed: number, areaCount: number, surveyShare: number): CriteriaSet {
  const rng = new Prng(seed);
  let areas = Math.max(1, areaCount);
  while (areas > 1 && count < areas * 3) areas--;
  if (count < 3) throw new RangeError('A criteria set needs at least 3 rows');
  // Rows per area besides the area row and its survey criterion.
  const perArea = composition(rng, count - 2 * areas, areas, count - 2 * areas >= areas ? 1 : 0);

  const tree = draftTree(rng, areas, perArea);

  const leaves: Draft[] = [];
  const walk = (d: Draft) => (d.children.length ? d.children.forEach(walk) : leaves.push(d));
  tree.forEach(walk);
  const surveyLeaves = leaves.filter((l) => l.survey);
  const plainLeaves = leaves.filter((l) => !l.survey);
  const QUARTERS = 400;
  const plainQuarters = Math.max(plainLeaves.length, Math.round(QUARTERS * (1 - surveyShare)));
  const surveyQuarters = QUARTERS - plainQuarters;
  if (surveyQuarters < surveyLeaves.length) {
    throw new RangeError(`${count} rows are too many for maxima in 0,25 steps summing to 100`);
  }
  const maxOf = new Map<Draft, number>();
  composition(rng, plainQuarters, plainLeaves.length).forEach((q, i) => maxOf.set(plainLeaves[i], q * 0.25));
  composition(rng, surveyQuarters, surveyLeaves.length).forEach((q, i) => maxOf.set(surveyLeaves[i], q * 0.25));

  const rows: Row[] = [];
  const emit = (d: Draft) => {
    rows.push([d.key, d.title, d.children.length ? null : maxOf.get(d)!]);
    d.children.forEach(emit);
  };
  tree.forEach(emit);
  const set = buildCriteriaSet(`synthetic-${count}`, rows);
  for (const l of surveyLeaves) set.byKey.get(l.key)!.survey = true;
  return set;
}

/** The fixtures' commune set, or a synthetic set of any size. */
export function criteriaSet(options: CriteriaSetOptions = {}): CriteriaSet {
  if (options.kind === 'synthetic') {
    return syntheticSet(options.count, options.seed ?? 2025, options.areas ?? 8, options.surveyShare ?? 0.3);
  }
  return buildCriteriaSet('commune-2025', COMMUNE_2025);
}
