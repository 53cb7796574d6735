/// <reference types="office-js" />
/**
 * Native charts of a generated sheet (core/plan.ts ChartPlan; issue #18: the comparison sheet's
 * column chart of totals) through the Excel JavaScript API:
 * - Worksheet.charts.add(type, sourceData, seriesBy) [ExcelApi 1.1]
 *   (https://learn.microsoft.com/javascript/api/excel/excel.chartcollection): the chart over the
 *   first series' values; Chart.name, title.text, setPosition(startCell, endCell), legend.position,
 *   axes.valueAxis.minimum and .title.text [ExcelApi 1.1]
 *   (https://learn.microsoft.com/javascript/api/excel/excel.chart);
 * - further series by ChartSeriesCollection.add(name) and ChartSeries.setValues, categories by
 *   ChartSeries.setXAxisValues [ExcelApi 1.7], names and fills [ExcelApi 1.1]
 *   (https://learn.microsoft.com/javascript/api/excel/excel.chartseries).
 * The series read the sheet's cells, so the chart follows the official's edits. A chart belongs to
 * its generated sheet: write.ts deletes the earlier sheet before adding the new one, and its
 * charts go with it (never a second chart). Where ExcelApi 1.7 is missing (below the manifest's
 * minimum, so only a misdeclared host) the sheet is written without its chart.
 */
import type { ChartPlan, GeneratedSheet } from '../../core/plan';
import { PALETTE, cssColor } from '../palette';
import { SHEET_PATHS_BYTES, callBytes, pathBytes, setBytes, jsonBytes } from './payload';
import { isSetSupported } from './requirements';

/** A unit of writing as write.ts queues it (its request bytes, and the calls). */
export interface ChartUnit {
  bytes: number;
  queue(): void;
}

/** The requirement set of setValues and setXAxisValues, the newest calls drawn here. */
export const CHART_SET = '1.7';
/** The name of every chart of ours (as the file host's drawings: patch-chart.ts). */
export const CHART_NAME = 'PAR Scorecard';

/** The plan's chart types as Excel.ChartType names them. */
const EXCEL_TYPES = { columnClustered: 'ColumnClustered' } as const satisfies Record<ChartPlan['type'], string>;

/** Request bytes of one chart as office.js sends it (payload.ts's model, each path and action counted). */
function chartBytes(c: ChartPlan): number {
  const range = (a: string) => pathBytes('GetRange', [a]);
  let n = SHEET_PATHS_BYTES + pathBytes('Charts') + range(c.series[0].values) + pathBytes('Add', [EXCEL_TYPES[c.type], null, 'Columns']);
  n += setBytes('Name', jsonBytes(`${CHART_NAME} 1`)) + pathBytes('Title') + setBytes('Text', jsonBytes(c.title));
  n += range(c.from) + range(c.to) + callBytes('SetPosition', [null, null]);
  n += pathBytes('Legend') + setBytes('Position', jsonBytes('Bottom'));
  n +=
    pathBytes('Axes') +
    pathBytes('ValueAxis') +
    setBytes('Minimum', jsonBytes(c.axisMin)) +
    pathBytes('Title') +
    setBytes('Text', jsonBytes(c.valueAxis));
  for (const s of c.series) {
    n += pathBytes('Series') + pathBytes('GetItemAt', [99]) + pathBytes('Add', [s.name]) + setBytes('Name', jsonBytes(s.name));
    n += range(s.values) + callBytes('SetValues', [null]) + range(c.categories) + callBytes('SetXAxisValues', [null]);
    n += pathBytes('Format') + pathBytes('Fill') + callBytes('SetSolidColor', ['#000000']);
  }
  return n;
}

function queueChart(ws: Excel.Worksheet, c: ChartPlan, i: number): void {
  const chart = ws.charts.add(EXCEL_TYPES[c.type], ws.getRange(c.series[0].values), 'Columns');
  chart.name = `${CHART_NAME} ${i + 1}`;
  chart.title.text = c.title;
  chart.setPosition(ws.getRange(c.from), ws.getRange(c.to));
  chart.legend.position = 'Bottom';
  chart.axes.valueAxis.minimum = c.axisMin;
  chart.axes.valueAxis.title.text = c.valueAxis;
  const categories = ws.getRange(c.categories);
  c.series.forEach((s, k) => {
    const series = k === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    if (k > 0) series.setValues(ws.getRange(s.values));
    series.name = s.name;
    series.setXAxisValues(categories);
    // The prior year grey, this year blue: the Word report's colours (palette.ts).
    series.format.fill.setSolidColor(cssColor(k === c.series.length - 1 ? PALETTE.chartCurrent : PALETTE.chartPrior));
  });
}

/** The units that draw a generated sheet's charts (none without charts or without ExcelApi 1.7). */
export function chartUnits(gs: GeneratedSheet, sheet: () => Excel.Worksheet): ChartUnit[] {
  const charts = gs.charts ?? [];
  if (charts.length === 0 || !isSetSupported('ExcelApi', CHART_SET)) return [];
  return charts.map((c, i) => ({ bytes: chartBytes(c), queue: () => queueChart(sheet(), c, i) }));
}
