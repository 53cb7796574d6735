/**
 * Differential helpers for the patch writer's tests: apply one plan with ExcelJS (write.ts) and
 * with the patch writer, load both results with ExcelJS, and describe what a user would see.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { WritePlan } from '../../../../src/core/plan';
import { loadWorkbook, workbookToSnapshot } from '../../../support/exceljs/read';
import { applyPlanToBufferDetailed, type AppliedPlan } from '../../../support/exceljs/write';
import { nodeZipCodec } from '../../../../src/hosts/xlsx/node';
import { readXlsxPackage, writeXlsxPackage, type XlsxPackage } from '../../../../src/hosts/xlsx/ooxml/package';
import { applyPlanToPackage } from '../../../../src/hosts/xlsx/ooxml/patch-plan';
import { readWorkbookParts } from '../../../../src/hosts/xlsx/ooxml/workbook';
import { requireTool } from '../../../support/tools';

export async function patched(
  input: Uint8Array,
  plan: WritePlan,
): Promise<{ data: Uint8Array; applied: AppliedPlan | null; pkg: XlsxPackage }> {
  const pkg = (await readXlsxPackage(input, 'in.xlsx', {}, nodeZipCodec))!;
  const applied = applyPlanToPackage(pkg, plan);
  return { data: await writeXlsxPackage(pkg, nodeZipCodec), applied, pkg };
}

export async function both(input: Uint8Array, plan: WritePlan) {
  const exceljs = await applyPlanToBufferDetailed(input, plan);
  const ours = await patched(input, plan);
  return { exceljs, ours };
}

type Ws = ExcelJS.Worksheet & {
  conditionalFormattings?: {
    ref: string;
    rules: { type: string; formulae?: string[]; priority?: number; style?: Partial<ExcelJS.Style> }[];
  }[];
};

const argb = (c: unknown) => (c as { argb?: string } | undefined)?.argb;

export interface DescribeOptions {
  styles?: boolean;
  /**
   * New cells of the patch writer take the file's default font (Excel's Normal style); ExcelJS
   * gives them its own. For a file whose default font is black (LibreOffice), black = no colour.
   */
  blackIsDefault?: boolean;
}

function styleOf(cell: ExcelJS.Cell, options: DescribeOptions = {}) {
  const s = cell.style ?? {};
  const fill = s.fill as ExcelJS.FillPattern | undefined;
  const b = s.border;
  return {
    numFmt: s.numFmt && s.numFmt !== 'General' ? s.numFmt : undefined,
    bold: !!s.font?.bold,
    italic: !!s.font?.italic,
    underline: !!s.font?.underline,
    size: s.font?.size === 11 ? undefined : s.font?.size,
    color: options.blackIsDefault && argb(s.font?.color) === 'FF000000' ? undefined : argb(s.font?.color),
    fill: fill && fill.pattern === 'solid' ? argb(fill.fgColor) : undefined,
    border: b ? [b.top?.style, b.left?.style, b.bottom?.style, b.right?.style, argb(b.top?.color)].join('/') : undefined,
    wrap: !!s.alignment?.wrapText,
    // "general" is the default alignment: ExcelJS drops it when it writes.
    horizontal: (s.alignment?.horizontal as string | undefined) === 'general' ? undefined : s.alignment?.horizontal,
    vertical: s.alignment?.vertical,
  };
}

/** Everything the comparison looks at, as plain data (sheet by sheet). */
export async function describe(data: Uint8Array, options: DescribeOptions = {}) {
  const wb = await loadWorkbook(data, 'x.xlsx');
  const snapshot = workbookToSnapshot(wb);
  // ExcelJS writes merges in its own order; the order means nothing.
  for (const sheet of snapshot.sheets) sheet.merges.sort();
  const sheets = wb.worksheets.map((ws0) => {
    const ws = ws0 as Ws;
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const v = cell.value as unknown;
        const f = v && typeof v === 'object' && 'formula' in (v as object) ? (v as ExcelJS.CellFormulaValue) : undefined;
        const entry: Record<string, unknown> = f ? { f: f.formula, result: f.result ?? null } : { v: v ?? null };
        const style = styleOf(cell, options);
        if (options.styles !== false) entry.style = style;
        if (v === null && !Object.values(style).some((x) => x)) return;
        cells[cell.address] = entry;
      }),
    );
    const widths: (number | undefined)[] = [];
    for (let c = 1; c <= Math.min(ws.columnCount, 60); c++) {
      const w = ws.getColumn(c).width;
      // ExcelJS takes width 9 for its default and does not write it.
      widths.push(w === 9 ? undefined : w);
    }
    const view = ws.views?.[0] as { state?: string; ySplit?: number; xSplit?: number; topLeftCell?: string } | undefined;
    const cfs = (ws.conditionalFormattings ?? []).flatMap((cf) =>
      cf.rules.map((r) => ({
        ref: cf.ref,
        type: r.type,
        formula: r.formulae?.[0],
        priority: r.priority,
        fill:
          argb((r.style?.fill as ExcelJS.FillPattern | undefined)?.fgColor) ??
          argb((r.style?.fill as ExcelJS.FillPattern | undefined)?.bgColor),
        font: argb(r.style?.font?.color),
      })),
    );
    cfs.sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
    return {
      name: ws.name,
      state: ws.state,
      cells,
      merges: Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges ?? {}).sort(),
      widths,
      frozen: view?.state === 'frozen' ? { ySplit: view.ySplit ?? 0, xSplit: view.xSplit ?? 0, topLeftCell: view.topLeftCell } : undefined,
      cfs,
    };
  });
  // ExcelJS does not read calcPr back: the workbook part itself.
  const pkg = (await readXlsxPackage(data, 'x.xlsx', {}, nodeZipCodec))!;
  const fullCalcOnLoad = /<calcPr\b[^>]*fullCalcOnLoad="(?:1|true)"/.test(pkg.text(readWorkbookParts(pkg).workbookPart) ?? '');
  return { names: wb.worksheets.map((w) => w.name), snapshot, sheets, fullCalcOnLoad };
}

/** The AppliedPlan as plain data. */
export const appliedData = (a: AppliedPlan | null) => (a ? { ...a, sheetNames: [...a.sheetNames] } : null);

/**
 * The XML parts of the package xmllint finds malformed. A missing xmllint fails the caller
 * (test/support/tools.ts): there is no weaker stand-in check that could pass instead.
 */
export function malformedParts(pkg: XlsxPackage): string[] {
  const bad: string[] = [];
  const xmllint = requireTool('xmllint');
  const dir = mkdtempSync(path.join(tmpdir(), 'patch-xml-'));
  try {
    for (const name of pkg.names()) {
      if (!/\.(xml|rels)$/.test(name)) continue;
      const file = path.join(dir, 'part.xml');
      writeFileSync(file, pkg.text(name)!);
      try {
        execFileSync(xmllint, ['--noout', file], { stdio: 'pipe' });
      } catch {
        bad.push(name);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return bad;
}
