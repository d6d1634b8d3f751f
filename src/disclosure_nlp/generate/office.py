"""DOCX (python-docx, real tables with merged cells) and PDF (fpdf2, tables drawn as cell grids
that break across pages, a "- n -" page number at the foot of each page)."""
from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path

from .layout import Grid
from .model import GeneratorError, SyntheticReport
from .document import cell_text, document, style_of

# where a CJK font is looked for; DISCLOSURE_NLP_CJK_FONT overrides. Debian: fonts-wqy-microhei.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


def render_docx(report: SyntheticReport) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    style = style_of(report, "docx")
    for kind, payload in document(report, style):
        if isinstance(payload, Grid):  # kind == "table"
            _docx_table(d, report, payload)
            continue
        p = d.add_paragraph()
        run = p.add_run(payload)
        if kind in ("title", "heading"):
            run.bold = True
        if kind == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "sign":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    props = d.core_properties
    props.author, props.title = report.agency, style.title
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _docx_table(d, report: SyntheticReport, grid: Grid) -> None:
    table = d.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = "Table Grid"
    # the cells are looked up once: merges are disjoint rectangles, so the corners of every
    # later merge are still untouched when it is made (table.cell() would rescan the table)
    cells = table._cells
    for c in grid.cells:
        cell = cells[c.row * grid.n_cols + c.col]
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(cells[(c.row + c.rowspan - 1) * grid.n_cols + c.col + c.colspan - 1])
        cell.text = cell_text(report, c)


# ---------------------------------------------------------------------------------- PDF

@lru_cache(maxsize=1)
def cjk_font() -> Path:
    """A CJK TrueType font for PDF output, or GeneratorError naming the package to install."""
    for p in (os.environ.get("DISCLOSURE_NLP_CJK_FONT"),) + FONT_CANDIDATES:
        if p and Path(p).is_file():
            return Path(p)
    raise GeneratorError("PDF output needs a CJK font: none of " + ", ".join(FONT_CANDIDATES)
                         + " exists (apt-get install fonts-wqy-microhei, or set DISCLOSURE_NLP_CJK_FONT)")


_WIDTHS = {"t2": (50, 40, 40, 40), "t3": (20, 30, 50) + (10,) * 7, "t4": (170 / 15,) * 15}
_LINE = 4.2  # mm per line of table text


def render_pdf(report: SyntheticReport) -> bytes:
    from fpdf import FPDF

    class _Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("cjk", size=10)
            self.cell(0, 8, f"- {self.page_no()} -", align="C")

    pdf = _Pdf(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font("cjk", fname=str(cjk_font()))
    pdf.set_creator("disclosure-nlp generate")
    pdf.set_creation_date(_fixed_date(report.year))
    pdf.add_page()
    style = style_of(report, "pdf")
    for kind, payload in document(report, style):
        if isinstance(payload, Grid):  # kind == "table"
            _pdf_table(pdf, report, payload)
            pdf.ln(4)
            continue
        size = {"title": 16, "heading": 12}.get(kind, 11)
        pdf.set_font("cjk", size=size)
        align = {"title": "C", "sign": "R"}.get(kind, "L")
        pdf.multi_cell(0, size * 0.6, payload, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2 if kind != "title" else 5)
    return bytes(pdf.output())


def _fixed_date(year: int):
    import datetime as dt
    return dt.datetime(year + 1, 1, 15, tzinfo=dt.timezone.utc)


def _pdf_table(pdf, report: SyntheticReport, grid: Grid) -> None:
    widths = _WIDTHS[grid.name]
    x0 = pdf.l_margin
    xs = [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]
    pdf.set_font("cjk", size=8)
    pdf.set_auto_page_break(False)
    bottom = pdf.h - 22
    rows = grid.rows
    for r in range(grid.n_rows):
        heights = [1]
        for c in rows[r]:
            w = xs[c.col + c.colspan] - xs[c.col]
            lines = pdf.multi_cell(w - 1, _LINE, cell_text(report, c) or " ", dry_run=True, output="LINES")
            heights.append(len(lines))
        h = max(heights) * _LINE + 2
        y = pdf.get_y()
        top_of_page = False
        if y + h > bottom:
            pdf.add_page()
            pdf.set_font("cjk", size=8)
            y, top_of_page = pdf.get_y(), True
        for c in rows[r]:
            x, w = xs[c.col], xs[c.col + c.colspan] - xs[c.col]
            _box(pdf, x, y, w, h, top=True, bottom=c.rowspan == 1)
            pdf.set_xy(x + 0.5, y + 1)
            pdf.multi_cell(w - 1, _LINE, cell_text(report, c), align="C" if (c.field or c.header) else "L")
        for c in grid.cells:  # cells spanning down through this row
            if c.row < r < c.row + c.rowspan:
                x, w = xs[c.col], xs[c.col + c.colspan] - xs[c.col]
                _box(pdf, x, y, w, h, top=top_of_page, bottom=r == c.row + c.rowspan - 1)
        pdf.set_xy(x0, y + h)
    pdf.set_auto_page_break(True, margin=22)


def _box(pdf, x: float, y: float, w: float, h: float, *, top: bool, bottom: bool) -> None:
    pdf.line(x, y, x, y + h)
    pdf.line(x + w, y, x + w, y + h)
    if top:
        pdf.line(x, y, x + w, y)
    if bottom:
        pdf.line(x, y + h, x + w, y + h)
