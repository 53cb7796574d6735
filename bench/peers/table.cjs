/**
 * What every JavaScript peer of the benchmark does with the cells it read, so that SheetJS and
 * ExcelJS are timed on the same job as `par-scorecard` (bench/peers/README.md): find the table
 * (the "STT" header, unit names on the next row from the fourth column), sum each unit's leaf
 * criteria (a code with no longer code under it), rank the totals (competition ranking, as
 * RANK.EQ), and for a comparison the units × criteria matrix of changes.
 */
'use strict';

/** rows: a grid of plain values (row-major, 0-based). */
function findTable(rows) {
  const header = rows.findIndex((r) => r && String(r[0] ?? '').trim() === 'STT');
  if (header < 0) throw new Error('no table');
  const names = rows[header + 1] || [];
  const units = [];
  for (let c = 3; c < names.length; c++)
    if (names[c] !== undefined && names[c] !== null && names[c] !== '') units.push({ name: String(names[c]), col: c });
  const criteria = [];
  for (let r = header + 2; r < rows.length; r++) {
    const code = String(rows[r]?.[0] ?? '')
      .trim()
      .replace(/\.$/, '');
    if (/^\d+(\.\d+)*$/.test(code)) criteria.push({ code, row: r });
  }
  const leaves = criteria.filter((c) => !criteria.some((o) => o.code.startsWith(c.code + '.')));
  return { units, leaves };
}

function totals(rows, table) {
  return table.units.map((u) => {
    let sum = 0;
    for (const leaf of table.leaves) {
      const v = rows[leaf.row][u.col];
      if (typeof v === 'number') sum += v;
    }
    return Math.round(sum * 1000) / 1000;
  });
}

function ranks(values) {
  return values.map((v) => 1 + values.filter((o) => o > v).length);
}

/** The ranking sheet's rows: header, then unit, total, rank. */
function rankingRows(rows) {
  const table = findTable(rows);
  const t = totals(rows, table);
  const r = ranks(t);
  return [['Đơn vị', 'Tổng điểm', 'Xếp hạng'], ...table.units.map((u, i) => [u.name, t[i], r[i]])];
}

/** The comparison sheet's rows: a unit summary, then the criteria × units matrix of changes. */
function comparisonRows(rows, priorRows) {
  const cur = findTable(rows);
  const pri = findTable(priorRows);
  const tc = totals(rows, cur);
  const tp = totals(priorRows, pri);
  const rc = ranks(tc);
  const rp = ranks(tp);
  const priorCol = new Map(pri.units.map((u) => [u.name, u.col]));
  const priorRow = new Map(pri.leaves.map((l) => [l.code, l.row]));
  const priorIndex = new Map(pri.units.map((u, i) => [u.name, i]));
  const out = [['Đơn vị', 'Tổng điểm', 'Năm trước', 'Tăng/giảm', 'Xếp hạng', 'Năm trước', 'Tăng/giảm bậc']];
  cur.units.forEach((u, i) => {
    const j = priorIndex.get(u.name);
    out.push(
      j === undefined
        ? [u.name, tc[i], null, null, rc[i], null, null]
        : [u.name, tc[i], tp[j], Math.round((tc[i] - tp[j]) * 1000) / 1000, rc[i], rp[j], rp[j] - rc[i]],
    );
  });
  out.push([]);
  out.push(['Tiêu chí', ...cur.units.map((u) => u.name)]);
  for (const leaf of cur.leaves) {
    const pr = priorRow.get(leaf.code);
    out.push([
      leaf.code,
      ...cur.units.map((u) => {
        const pc = priorCol.get(u.name);
        const a = rows[leaf.row][u.col];
        const b = pr === undefined || pc === undefined ? undefined : priorRows[pr][pc];
        return typeof a === 'number' && typeof b === 'number' ? Math.round((a - b) * 1000) / 1000 : null;
      }),
    ]);
  }
  return out;
}

module.exports = { rankingRows, comparisonRows };
