"""Peer: openpyxl reading, computing and writing as a straightforward script would (same job as table.cjs; not named openpyxl.py, which would shadow the module)."""
import os
import re
import resource
import sys

import openpyxl


def grid(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def find_table(rows):
    header = next(i for i, r in enumerate(rows) if r and str(r[0] or '').strip() == 'STT')
    names = rows[header + 1]
    units = [(str(v), c) for c, v in enumerate(names) if c >= 3 and v not in (None, '')]
    criteria = []
    for r in range(header + 2, len(rows)):
        code = str(rows[r][0] or '').strip().rstrip('.')
        if re.fullmatch(r'\d+(\.\d+)*', code):
            criteria.append((code, r))
    leaves = [(c, r) for c, r in criteria if not any(o.startswith(c + '.') for o, _ in criteria)]
    return units, leaves


def totals(rows, table):
    units, leaves = table
    return [round(sum(rows[r][c] for _, r in leaves if isinstance(rows[r][c], (int, float))), 3) for _, c in units]


def ranks(values):
    return [1 + sum(1 for o in values if o > v) for v in values]


def ranking_rows(rows):
    table = find_table(rows)
    t = totals(rows, table)
    r = ranks(t)
    return [['Đơn vị', 'Tổng điểm', 'Xếp hạng']] + [[u, t[i], r[i]] for i, (u, _) in enumerate(table[0])]


def comparison_rows(rows, prior):
    cur, pri = find_table(rows), find_table(prior)
    tc, tp = totals(rows, cur), totals(prior, pri)
    rc, rp = ranks(tc), ranks(tp)
    pcol = {u: c for u, c in pri[0]}
    prow = {code: r for code, r in pri[1]}
    pidx = {u: i for i, (u, _) in enumerate(pri[0])}
    out = [['Đơn vị', 'Tổng điểm', 'Năm trước', 'Tăng/giảm', 'Xếp hạng', 'Năm trước', 'Tăng/giảm bậc']]
    for i, (u, _) in enumerate(cur[0]):
        j = pidx.get(u)
        out.append([u, tc[i], None, None, rc[i], None, None] if j is None else [u, tc[i], tp[j], round(tc[i] - tp[j], 3), rc[i], rp[j], rp[j] - rc[i]])
    out.append([])
    out.append(['Tiêu chí'] + [u for u, _ in cur[0]])
    for code, r in cur[1]:
        line = [code]
        for u, c in cur[0]:
            a, pr, pc = rows[r][c], prow.get(code), pcol.get(u)
            b = prior[pr][pc] if pr is not None and pc is not None and pc < len(prior[pr]) else None
            line.append(round(a - b, 3) if isinstance(a, (int, float)) and isinstance(b, (int, float)) else None)
        out.append(line)
    return out


def main():
    job, inp, *rest = sys.argv[1:]
    wb = openpyxl.load_workbook(inp)
    rows = grid(wb.worksheets[0])
    if job == 'compare':
        out = comparison_rows(rows, grid(openpyxl.load_workbook(rest[0], read_only=True).worksheets[0]))
    else:
        out = ranking_rows(rows)
    ws = wb.create_sheet('So sánh' if job == 'compare' else 'Xếp hạng')
    for line in out:
        ws.append(line)
    wb.save(rest[-1])


main()
if os.environ.get('PAR_BENCH_RSS_FILE'):
    # Peak resident set in KB (Linux), as bench/rss-probe.cjs records it for Node.
    with open(os.environ['PAR_BENCH_RSS_FILE'], 'w') as f:
        f.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
