/**
 * Peer: SheetJS (xlsx 0.18.5) reading, computing and writing as a straightforward script would.
 * `read <file> <unused>`: only the read — the floor the command line is held to (issue #17: within
 * ×3 of SheetJS reading the same file).
 */
'use strict';
const XLSX = require('xlsx');
const { rankingRows, comparisonRows } = require('./table.cjs');

const grid = (wb) => XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true, defval: null });
const [job, input, ...rest] = process.argv.slice(2);
const wb = XLSX.readFile(input);
if (job === 'read') process.exit(0);
let rows;
if (job === 'compare') rows = comparisonRows(grid(wb), grid(XLSX.readFile(rest[0])));
else rows = rankingRows(grid(wb));
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), job === 'compare' ? 'So sánh' : 'Xếp hạng');
XLSX.writeFile(wb, rest[rest.length - 1], { compression: true });
