/// <reference types="office-js" />
/**
 * Charts in the fake Excel, as far as the adapter draws them (src/hosts/office/charts.ts), after
 * the Excel JavaScript API reference:
 * - Worksheet.charts, ChartCollection.add(type, sourceData, seriesBy), getItem, getItemAt,
 *   getCount, count: "[Api set: ExcelApi 1.1]"
 *   (https://learn.microsoft.com/javascript/api/excel/excel.chartcollection). add "Creates a new
 *   chart"; sourceData is a Range; seriesBy "Columns" or "Rows" (Auto: the longer side runs along
 *   the series, as Excel's chart wizard does — an assumption, the adapter always says Columns).
 * - Chart: name, chartType (1.7), title.text, setPosition(startCell, endCell) ("Positions the chart
 *   relative to cells on the worksheet"), series, axes.valueAxis (minimum, title.text), legend
 *   (position), delete(): ExcelApi 1.1 (https://learn.microsoft.com/javascript/api/excel/excel.chart).
 * - ChartSeries: name (1.1), format.fill.setSolidColor (1.1), setValues and setXAxisValues
 *   (ExcelApi 1.7, https://learn.microsoft.com/javascript/api/excel/excel.chartseries).
 * A chart lives on its sheet: deleting the sheet deletes its charts (nothing else to model).
 * What Excel draws (colours, fonts, layout) is not modelled; only what the calls set.
 */
import { parseRange, type CellRange } from '../../core/a1';
import type { FakeChart, FakeSheet } from './model';
import { qualified } from './model';
import {
  ClientResult,
  FCollection,
  FObj,
  invalidArgument,
  itemNotFound,
  props,
  requireSet,
  resultOp,
  sheetById,
  worksheetKids,
  writable,
  type Exec,
  type FakeContext,
  type FWorksheet,
  type RangeBinding,
} from './objects';

interface ChartBinding {
  sheetId: string;
  chartId: string;
}

const CHART_TYPES = new Set([
  'ColumnClustered',
  'ColumnStacked',
  'BarClustered',
  'BarStacked',
  'Line',
  'LineMarkers',
  'Pie',
  'Area',
  'XYScatter',
]);
const LEGEND_POSITIONS = new Set(['Top', 'Bottom', 'Left', 'Right', 'Corner', 'Custom', 'Invalid']);

function chartOf(exec: Exec, b: ChartBinding, where: string): { sheet: FakeSheet; chart: FakeChart } {
  const sheet = sheetById(exec, b.sheetId, where);
  const chart = sheet.charts?.find((c) => c.id === b.chartId);
  if (!chart) throw itemNotFound(where);
  return { sheet, chart };
}

/** A Range argument (proxy or address on the chart's sheet) as its sheet-qualified address. */
function rangeAddress(exec: Exec, range: unknown, sheet: FakeSheet, where: string): string {
  if (typeof range === 'string') return qualified(sheet.name, parseOn(range, where));
  const b = (range as FObj)._bind(exec) as RangeBinding | null;
  if (!b) throw invalidArgument('The range does not exist.', where);
  return qualified(sheetById(exec, b.sheetId, where).name, b.rect);
}

function parseOn(address: string, where: string): CellRange {
  try {
    return parseRange(address);
  } catch {
    throw invalidArgument(`Bad address ${address}`, where);
  }
}

export class FChartCollection extends FCollection<FChart> {
  readonly _props = ['count'] as const;
  readonly _itemProps = ['name'] as const;
  constructor(private readonly sheet: FWorksheet) {
    super(sheet._ctx, `${sheet._where}.charts`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.sheet._bind(exec);
  }
  protected _list(b: unknown, exec: Exec): FChart[] {
    return (sheetById(exec, b as string, this._where).charts ?? []).map((c) =>
      FChart.bound(this._ctx, { sheetId: b as string, chartId: c.id }),
    );
  }
  override _read(prop: string, b: unknown, exec: Exec): unknown {
    if (prop === 'count') return (sheetById(exec, b as string, this._where).charts ?? []).length;
    return super._read(prop, b, exec);
  }
  add(type: string, sourceData: unknown, seriesBy: string = 'Auto'): FChart {
    const chart = new FChart(this._ctx, `${this._where}.add(${type})`, () => {
      throw invalidArgument('The chart of a failed add', `${this._where}.add`);
    });
    this._call('add', [type, 'range', seriesBy], true, (b, exec) => {
      requireSet(exec, 'ChartCollection.add', '1.1');
      if (!CHART_TYPES.has(type)) throw invalidArgument(`Chart type ${type} is not modelled`, `${this._where}.add`);
      const sheet = writable(exec, b as string, `${this._where}.add`);
      const source = (sourceData as FObj)._bind(exec) as RangeBinding | null;
      if (!source || source.sheetId !== sheet.id)
        throw invalidArgument('The source data must be a range of this sheet.', `${this._where}.add`);
      const r = source.rect;
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      const byColumns = seriesBy === 'Columns' || (seriesBy === 'Auto' && rows >= cols);
      const series = Array.from({ length: byColumns ? cols : rows }, (_x, i) => ({
        name: `Series${i + 1}`,
        values: qualified(
          sheet.name,
          byColumns
            ? { top: r.top, bottom: r.bottom, left: r.left + i, right: r.left + i }
            : { top: r.top + i, bottom: r.top + i, left: r.left, right: r.right },
        ),
      }));
      const id = exec.host.newId('chart');
      const made: FakeChart = {
        id,
        name: `Chart ${(sheet.charts ?? []).length + 1}`,
        chartType: type,
        source: qualified(sheet.name, r),
        title: '',
        series,
        valueAxis: { title: '' },
        legendPosition: 'Right',
      };
      sheet.charts = [...(sheet.charts ?? []), made];
      chart._binding = { sheetId: sheet.id, chartId: id };
      exec.touched.push(chart);
    });
    return chart;
  }
  getItem(name: string): FChart {
    return new FChart(this._ctx, `${this._where}.getItem(${name})`, (exec) => {
      const id = this._bind(exec) as string;
      const c = (sheetById(exec, id, this._where).charts ?? []).find((x) => x.name === name);
      if (!c) throw itemNotFound(`${this._where}.getItem(${name})`);
      return { sheetId: id, chartId: c.id };
    });
  }
  getItemAt(index: number): FChart {
    return new FChart(this._ctx, `${this._where}.getItemAt(${index})`, (exec) => {
      const id = this._bind(exec) as string;
      const c = (sheetById(exec, id, this._where).charts ?? [])[index];
      if (!c) throw itemNotFound(`${this._where}.getItemAt(${index})`);
      return { sheetId: id, chartId: c.id };
    });
  }
  getCount(): ClientResult<number> {
    return resultOp(this, 'getCount', (b, exec) => (sheetById(exec, b as string, this._where).charts ?? []).length);
  }
}
props(FChartCollection, ['count']);

export class FChart extends FObj {
  readonly _props = ['name', 'chartType'] as const;
  constructor(
    ctx: FakeContext,
    where: string,
    private readonly resolver: (exec: Exec) => ChartBinding | null,
  ) {
    super(ctx, where);
  }
  static bound(ctx: FakeContext, b: ChartBinding): FChart {
    const c = new FChart(ctx, `Chart(${b.chartId})`, () => b);
    c._binding = b;
    return c;
  }
  protected _resolve(exec: Exec): unknown {
    return this.resolver(exec);
  }
  get title(): FChartPart {
    return this._kid(
      'title',
      () => new FChartPart(this, 'title', ['text'], (c) => ({ get: () => c.title, set: (v) => (c.title = String(v)) })),
    );
  }
  get legend(): FChartPart {
    return this._kid(
      'legend',
      () =>
        new FChartPart(this, 'legend', ['position'], (c, where) => ({
          get: () => c.legendPosition,
          set: (v) => {
            if (!LEGEND_POSITIONS.has(String(v))) throw invalidArgument(`Bad legend position ${v}`, where);
            c.legendPosition = String(v);
          },
        })),
    );
  }
  get axes(): FChartAxes {
    return this._kid('axes', () => new FChartAxes(this));
  }
  get series(): FChartSeriesCollection {
    return this._kid('series', () => new FChartSeriesCollection(this));
  }
  override _nav(name: string): FObj | undefined {
    if (name === 'title' || name === 'legend' || name === 'axes' || name === 'series') return this[name];
    return undefined;
  }
  override _read(prop: string, b: unknown, exec: Exec): unknown {
    const { chart } = chartOf(exec, b as ChartBinding, this._where);
    if (prop === 'name') return chart.name;
    if (prop === 'chartType') {
      requireSet(exec, 'Chart.chartType', '1.7');
      return chart.chartType;
    }
    return super._read(prop, b, exec);
  }
  override _write(prop: string, value: unknown, b: unknown, exec: Exec): void {
    const { sheet, chart } = chartOf(exec, b as ChartBinding, this._where);
    writable(exec, sheet.id, `${this._where}.${prop}`);
    if (prop === 'name') chart.name = String(value);
    else super._write(prop, value, b, exec);
  }
  setPosition(startCell: unknown, endCell?: unknown): void {
    this._call('setPosition', ['range', endCell === undefined ? null : 'range'], true, (b, exec) => {
      const { sheet, chart } = chartOf(exec, b as ChartBinding, this._where);
      writable(exec, sheet.id, `${this._where}.setPosition`);
      const start = rangeAddress(exec, startCell, sheet, `${this._where}.setPosition`);
      chart.position = { start, end: endCell === undefined ? start : rangeAddress(exec, endCell, sheet, `${this._where}.setPosition`) };
    });
  }
  delete(): void {
    this._call('delete', [], true, (b, exec) => {
      const { sheet, chart } = chartOf(exec, b as ChartBinding, this._where);
      writable(exec, sheet.id, `${this._where}.delete`);
      sheet.charts = (sheet.charts ?? []).filter((c) => c !== chart);
    });
  }
}
props(FChart, ['name', 'chartType'], ['name']);

/** A part of a chart with plain properties (title, legend, an axis title), read and set on the model. */
class FChartPart extends FObj {
  readonly _props: readonly string[];
  constructor(
    owner: FObj,
    name: string,
    names: readonly string[],
    private readonly access: (c: FakeChart, where: string, exec: Exec) => { get(): unknown; set(v: unknown): void },
    private readonly chartBinding: (exec: Exec) => ChartBinding | null = (exec) => owner._bind(exec) as ChartBinding | null,
  ) {
    super(owner._ctx, `${owner._where}.${name}`);
    this._props = names;
    for (const n of names)
      Object.defineProperty(this, n, {
        get: () => this._get(n),
        set: (v: unknown) => this._set(n, v),
      });
  }
  protected _resolve(exec: Exec): unknown {
    return this.chartBinding(exec);
  }
  override _read(prop: string, b: unknown, exec: Exec): unknown {
    if (!this._props.includes(prop)) return super._read(prop, b, exec);
    return this.access(chartOf(exec, b as ChartBinding, this._where).chart, this._where, exec).get();
  }
  override _write(prop: string, value: unknown, b: unknown, exec: Exec): void {
    if (!this._props.includes(prop)) return super._write(prop, value, b, exec);
    const { sheet, chart } = chartOf(exec, b as ChartBinding, this._where);
    writable(exec, sheet.id, `${this._where}.${prop}`);
    this.access(chart, this._where, exec).set(value);
  }
}

class FChartAxes extends FObj {
  readonly _props = [] as const;
  constructor(private readonly chart: FChart) {
    super(chart._ctx, `${chart._where}.axes`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.chart._bind(exec);
  }
  get valueAxis(): FChartAxis {
    return this._kid('valueAxis', () => new FChartAxis(this));
  }
  override _nav(name: string): FObj | undefined {
    return name === 'valueAxis' ? this.valueAxis : undefined;
  }
}

/** ChartAxis (ExcelApi 1.1): minimum, and title (ChartAxisTitle.text). Only the value axis is modelled. */
class FChartAxis extends FChartPart {
  constructor(axes: FChartAxes) {
    super(axes, 'valueAxis', ['minimum'], (c, where) => ({
      get: () => c.valueAxis.minimum ?? 0,
      set: (v) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidArgument('The minimum must be a number.', where);
        c.valueAxis.minimum = v;
      },
    }));
  }
  get title(): FChartPart {
    return this._kid(
      'title',
      () => new FChartPart(this, 'title', ['text'], (c) => ({ get: () => c.valueAxis.title, set: (v) => (c.valueAxis.title = String(v)) })),
    );
  }
  override _nav(name: string): FObj | undefined {
    return name === 'title' ? this.title : undefined;
  }
}

interface SeriesBinding extends ChartBinding {
  index: number;
}

class FChartSeriesCollection extends FCollection<FChartSeries> {
  readonly _props = ['count'] as const;
  readonly _itemProps = ['name'] as const;
  constructor(private readonly chart: FChart) {
    super(chart._ctx, `${chart._where}.series`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.chart._bind(exec);
  }
  protected _list(b: unknown, exec: Exec): FChartSeries[] {
    const cb = b as ChartBinding;
    return chartOf(exec, cb, this._where).chart.series.map(
      (_s, index) => new FChartSeries(this._ctx, `${this._where}.getItemAt(${index})`, () => ({ ...cb, index })),
    );
  }
  override _read(prop: string, b: unknown, exec: Exec): unknown {
    if (prop === 'count') return chartOf(exec, b as ChartBinding, this._where).chart.series.length;
    return super._read(prop, b, exec);
  }
  /**
   * ChartSeriesCollection.add(name, index) [ExcelApi 1.7]: "Add a new series to the collection.
   * The new added series is not visible until values, x-axis values, or bubble sizes for it are
   * set" (no values until setValues).
   */
  add(name: string, index?: number): FChartSeries {
    const series = new FChartSeries(this._ctx, `${this._where}.add(${name})`, () => {
      throw invalidArgument('The series of a failed add', `${this._where}.add`);
    });
    this._call('add', [name, index ?? null], true, (b, exec) => {
      requireSet(exec, 'ChartSeriesCollection.add', '1.7');
      const cb = b as ChartBinding;
      const { sheet, chart } = chartOf(exec, cb, this._where);
      writable(exec, sheet.id, `${this._where}.add`);
      const at = index === undefined ? chart.series.length : Math.max(0, Math.min(index, chart.series.length));
      chart.series.splice(at, 0, { name, values: '' });
      series._binding = { ...cb, index: at };
      exec.touched.push(series);
    });
    return series;
  }
  getItemAt(index: number): FChartSeries {
    return new FChartSeries(this._ctx, `${this._where}.getItemAt(${index})`, (exec) => {
      const cb = this._bind(exec) as ChartBinding;
      if (!chartOf(exec, cb, this._where).chart.series[index]) throw itemNotFound(`${this._where}.getItemAt(${index})`);
      return { ...cb, index };
    });
  }
}
props(FChartSeriesCollection, ['count']);

class FChartSeries extends FObj {
  readonly _props = ['name'] as const;
  constructor(
    ctx: FakeContext,
    where: string,
    private readonly resolver: (exec: Exec) => SeriesBinding | null,
  ) {
    super(ctx, where);
  }
  protected _resolve(exec: Exec): unknown {
    return this.resolver(exec);
  }
  private seriesOf(exec: Exec, b: unknown, where: string) {
    const sb = b as SeriesBinding;
    const { sheet, chart } = chartOf(exec, sb, where);
    return { sheet, series: chart.series[sb.index] };
  }
  get format(): FObj {
    return this._kid('format', () => new FChartSeriesFormat(this));
  }
  override _nav(name: string): FObj | undefined {
    return name === 'format' ? this.format : undefined;
  }
  override _read(prop: string, b: unknown, exec: Exec): unknown {
    if (prop === 'name') return this.seriesOf(exec, b, this._where).series.name;
    return super._read(prop, b, exec);
  }
  override _write(prop: string, value: unknown, b: unknown, exec: Exec): void {
    const { sheet, series } = this.seriesOf(exec, b, this._where);
    writable(exec, sheet.id, `${this._where}.${prop}`);
    if (prop === 'name') series.name = String(value);
    else super._write(prop, value, b, exec);
  }
  setValues(sourceData: unknown): void {
    this._call('setValues', ['range'], true, (b, exec) => {
      requireSet(exec, 'ChartSeries.setValues', '1.7');
      const { sheet, series } = this.seriesOf(exec, b, this._where);
      series.values = rangeAddress(exec, sourceData, sheet, `${this._where}.setValues`);
    });
  }
  setXAxisValues(sourceData: unknown): void {
    this._call('setXAxisValues', ['range'], true, (b, exec) => {
      requireSet(exec, 'ChartSeries.setXAxisValues', '1.7');
      const { sheet, series } = this.seriesOf(exec, b, this._where);
      series.xValues = rangeAddress(exec, sourceData, sheet, `${this._where}.setXAxisValues`);
    });
  }
}
props(FChartSeries, ['name'], ['name']);

class FChartSeriesFormat extends FObj {
  readonly _props = [] as const;
  constructor(private readonly series: FChartSeries) {
    super(series._ctx, `${series._where}.format`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.series._bind(exec);
  }
  get fill(): FObj {
    return this._kid('fill', () => new FChartFill(this.series, this));
  }
}

class FChartFill extends FObj {
  readonly _props = [] as const;
  constructor(
    private readonly series: FChartSeries,
    format: FObj,
  ) {
    super(format._ctx, `${format._where}.fill`);
  }
  protected _resolve(exec: Exec): unknown {
    return this.series._bind(exec);
  }
  setSolidColor(color: string): void {
    this._call('setSolidColor', [color], true, (b, exec) => {
      const sb = b as SeriesBinding;
      const { sheet, chart } = chartOf(exec, sb, this._where);
      writable(exec, sheet.id, `${this._where}.setSolidColor`);
      chart.series[sb.index].fill = color;
    });
  }
}

worksheetKids.charts = (sheet) => new FChartCollection(sheet);
