"""Real writers' .xlsx files of one workbook, for the interoperability corpus (issue #16).

    python3 writers.py <writer> <in.xlsx> <out.xlsx>

writer: openpyxl (load + save), openpyxl-write-only, xlsxwriter (formulas cached as 0 with
fullCalcOnLoad, the library's default), xlsxwriter-values (each formula with the cached value the
input had), zip-descriptors (the same parts, each entry with a data descriptor: sizes after the
data, as a streaming zip writer makes them), zip64 (the same, with zip64 local headers).
Only the writers' ordinary public APIs are used: the files are what their users get.
"""
import io
import sys
import zipfile


def openpyxl_resave(src, dst):
    import openpyxl
    openpyxl.load_workbook(src).save(dst)


def openpyxl_write_only(src, dst):
    import openpyxl
    book = openpyxl.load_workbook(src)
    out = openpyxl.Workbook(write_only=True)
    for ws in book.worksheets:
        o = out.create_sheet(ws.title)
        o.sheet_state = ws.sheet_state
        for row in ws.iter_rows(values_only=True):
            o.append(list(row))
    out.save(dst)


def xlsxwriter_copy(src, dst, with_values):
    import openpyxl
    import xlsxwriter
    book = openpyxl.load_workbook(src)
    values = openpyxl.load_workbook(src, data_only=True)
    out = xlsxwriter.Workbook(dst)
    for ws in book.worksheets:
        o = out.add_worksheet(ws.title)
        if ws.sheet_state == 'hidden':
            o.hide()
        elif ws.sheet_state == 'veryHidden':
            o.very_hidden()
        for m in ws.merged_cells.ranges:
            o.merge_range(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1, '')
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if v is None:
                    continue
                r, k = c.row - 1, c.column - 1
                if isinstance(v, str) and v.startswith('='):
                    cached = values[ws.title][c.coordinate].value if with_values else 0
                    o.write_formula(r, k, v, None, cached)
                elif isinstance(v, str):
                    o.write_string(r, k, v)
                else:
                    o.write(r, k, v)
    out.close()


class Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek back in: it then writes a data descriptor after each entry."""

    def __init__(self, sink):
        self.sink = sink

    def writable(self):
        return True

    def seekable(self):
        return False

    def write(self, b):
        self.sink.write(b)
        return len(b)


def zip_rewrite(src, dst, zip64):
    with zipfile.ZipFile(src) as zin, open(dst, 'wb') as sink:
        with zipfile.ZipFile(Unseekable(sink), 'w', zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                with zout.open(zipfile.ZipInfo(info.filename, info.date_time), 'w', force_zip64=zip64) as f:
                    f.write(zin.read(info.filename))


WRITERS = {
    'openpyxl': openpyxl_resave,
    'openpyxl-write-only': openpyxl_write_only,
    'xlsxwriter': lambda s, d: xlsxwriter_copy(s, d, False),
    'xlsxwriter-values': lambda s, d: xlsxwriter_copy(s, d, True),
    'zip-descriptors': lambda s, d: zip_rewrite(s, d, False),
    'zip64': lambda s, d: zip_rewrite(s, d, True),
}

if __name__ == '__main__':
    WRITERS[sys.argv[1]](sys.argv[2], sys.argv[3])
