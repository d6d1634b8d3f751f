"""Property: a grid written as an HTML table, a DOCX table or a pipe table reads back as the
same tab-separated rows (the parser contract), blanks included."""
import io

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_nlp.read import read_bytes

cell = st.text(alphabet="一二三四申请公开数量总计0123456789.（）、", max_size=6)
grids = st.integers(1, 5).flatmap(
    lambda width: st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=5)
).filter(lambda g: all(any(c for c in row) for row in g))


def _expected(grid) -> str:
    return "\n".join("\t".join(row) for row in grid)


@settings(max_examples=25, deadline=None)
@given(grids)
def test_html_grid_roundtrip(grid):
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in grid)
    doc = read_bytes(f"<html><body><table>{rows}</table></body></html>".encode(), "t.html")
    assert doc.text == _expected(grid)


@settings(max_examples=25, deadline=None)
@given(grids)
def test_markdown_grid_roundtrip(grid):
    lines = ["| " + " | ".join(row) + " |" for row in grid]
    lines.insert(1, "|" + "---|" * len(grid[0]))
    assert read_bytes("\n".join(lines).encode(), "t.md").text == _expected(grid)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids)
def test_docx_grid_roundtrip(grid):
    d = Document()
    table = d.add_table(rows=len(grid), cols=len(grid[0]))
    for i, row in enumerate(grid):
        for j, c in enumerate(row):
            table.cell(i, j).text = c
    buf = io.BytesIO()
    d.save(buf)
    assert read_bytes(buf.getvalue(), "t.docx").text == _expected(grid)
