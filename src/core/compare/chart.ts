/**
 * The comparison sheet's chart (issue #18): a clustered column chart of every unit's total, the
 * prior year and this year side by side, over the cells of the "Tổng điểm và xếp hạng" table, so
 * the picture the official prints is the table's own and follows its edits.
 */
import type { Locale } from '../finding';
import type { CellContent, ChartPlan } from '../plan';

/**
 * Above this many units a bar per unit is unreadable (a national comparison has thousands): the
 * sheet then has no chart, the table says it all.
 */
export const CHART_MAX_UNITS = 60;

const LABELS: Record<Locale, { title: (y: string, p: string) => string; axis: string }> = {
  vi: { title: (y, p) => `Tổng điểm ${y ? `năm ${y}` : 'năm nay'} và ${p ? `năm ${p}` : 'năm trước'}`, axis: 'Điểm' },
  en: { title: (y, p) => `Totals ${y || 'this year'} and ${p || 'prior year'}`, axis: 'Points' },
};

const cachedNumber = (c: CellContent | undefined): number | null =>
  c?.kind === 'number' ? c.value : c?.kind === 'formula' && typeof c.cached === 'number' ? c.cached : null;
const cachedText = (c: CellContent | undefined): string => (c?.kind === 'text' ? c.value : '');

/**
 * The chart over the units table: unit names in column A, last year's totals in B and this year's
 * in C, from `first` to `last` (1-based rows; the header row just above). Placed right of the
 * sheet's eight columns, level with the table; null for no unit or more than CHART_MAX_UNITS.
 */
export function totalsChart(rows: CellContent[][], first: number, last: number, y: string, p: string, locale: Locale): ChartPlan | null {
  const n = last - first + 1;
  if (n < 1 || n > CHART_MAX_UNITS) return null;
  const header = first - 1;
  const column = (col: number) => rows.slice(first - 1, last).map((r) => cachedNumber(r[col]));
  const L = LABELS[locale];
  const low = Math.min(...[...column(1), ...column(2)].filter((v): v is number => v !== null));
  return {
    type: 'columnClustered',
    title: L.title(y, p),
    categories: `A${first}:A${last}`,
    categoryLabels: rows.slice(first - 1, last).map((r) => cachedText(r[0])),
    series: [
      { name: cachedText(rows[header - 1]?.[1]), nameCell: `B${header}`, values: `B${first}:B${last}`, cached: column(1) },
      { name: cachedText(rows[header - 1]?.[2]), nameCell: `C${header}`, values: `C${first}:C${last}`, cached: column(2) },
    ],
    // Nine default-width columns (≈ 600 px) and at least 18 rows, wider bars as units grow.
    from: `J${Math.max(1, header - 1)}`,
    to: `R${Math.max(1, header - 1) + Math.max(18, Math.ceil(n * 0.8) + 8)}`,
    valueAxis: L.axis,
    axisMin: Number.isFinite(low) ? Math.max(0, Math.floor((low - 5) / 10) * 10) : 0,
  };
}
