/** Peer: ExcelJS (4.4) reading, computing and writing as a straightforward script would. */
'use strict';
const ExcelJS = require('exceljs');
const { rankingRows, comparisonRows } = require('./table.cjs');

/** Plain values, a formula's cached result in place of the formula. */
function grid(wb) {
  const rows = [];
  wb.worksheets[0].eachRow({ includeEmpty: false }, (row, r) => {
    const out = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cell.value;
      out[c - 1] = v && typeof v === 'object' ? (v.result ?? (v.richText ? v.richText.map((t) => t.text).join('') : null)) : v;
    });
    rows[r - 1] = out;
  });
  return rows;
}

async function load(file) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

(async () => {
  const [job, input, ...rest] = process.argv.slice(2);
  const wb = await load(input);
  const rows = job === 'compare' ? comparisonRows(grid(wb), grid(await load(rest[0]))) : rankingRows(grid(wb));
  wb.addWorksheet(job === 'compare' ? 'So sánh' : 'Xếp hạng').addRows(rows);
  await wb.xlsx.writeFile(rest[rest.length - 1]);
})().catch((e) => {
  console.error(e.message);
  process.exit(2);
});
