"""Every format renders, opens with the project's readers' libraries, and shows the truth."""
import io
from random import Random

import pytest

from disclosure_nlp.generate import GeneratorError, draw_corpus, draw_report
from disclosure_nlp.generate.layout import HEADINGS, grids
from disclosure_nlp.generate.render import EXTENSIONS, FORMATS, cell_text, render, style_of


@pytest.fixture(scope="module")
def reports():
    """A 2021 and a 2019 layout report with a fee, blanks and large numbers somewhere."""
    out = draw_corpus(6, [2020, 2022], seed=3)
    return [out[0], out[-1]]


def _expected_rows(report, grid):
    return [[cell_text(report, c) for c in row] for row in grid.rows]


def test_formats_and_extensions_agree():
    assert set(FORMATS) == set(EXTENSIONS)
    with pytest.raises(GeneratorError):
        render(draw_report(Random(1), "临河市教育局", 2022), "rtf")


@pytest.mark.parametrize("fmt", ["txt", "glued", "html", "md"])
def test_same_seed_same_bytes(fmt):
    a = draw_report(Random(7), "临河市教育局", 2022, defects=("T3-BALANCE",))
    b = draw_report(Random(7), "临河市教育局", 2022, defects=("T3-BALANCE",))
    assert render(a, fmt) == render(b, fmt)
    assert render(a, fmt) != render(draw_report(Random(8), "临河市教育局", 2022), fmt)


def _txt_tables(text: str):
    """Rows of tab-led cells (a line without a tab continues the cell above)."""
    tables, rows, row = [], [], []
    for line in text.split("\n"):
        if line.startswith("\t"):
            row.append(line[1:].strip())
        elif line == "":
            if row:
                rows.append(row)
                row = []
            elif rows and not row:
                pass
        elif row:
            row[-1] += line
        else:
            if rows:
                tables.append(rows)
                rows = []
    return tables


def test_txt_one_cell_per_line(reports):
    for r in reports:
        text = render(r, "txt").decode("utf-8")
        tables = _txt_tables(text)
        assert len(tables) == 3
        for rows, grid in zip(tables, grids(r.format_version)):
            want = [[cell_text(r, c) if c else "" for c in slots] for slots in grid.slots]
            assert rows == want
        assert "\n\t\n" in text  # blank cells are a lone tab
        if style_of(r, "txt").wrap_headers:
            assert "\t商业\n企业\n" in text


def test_txt_gbk(reports):
    data = render(reports[0], "txt", encoding="gbk")
    assert data.decode("gbk") == render(reports[0], "txt").decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_glued_sections_on_one_line_with_cells_run_together(reports):
    for r in reports:
        text = render(r, "glued").decode("utf-8")
        style = style_of(r, "glued")
        lines = text.split("\n")
        t2, t3, t4 = grids(r.format_version)
        for head, grid in zip(style.headings[1:4], (t2, t3, t4)):
            (line,) = [x for x in lines if x.strip().startswith(head)]
            assert line.strip().replace(" ", "") == head + "".join(cell_text(r, c) for c in grid.cells)
        apps = r.applications
        row = "".join(str(apps["new_received"][c]) for c in apps["new_received"])
        assert "一、本年新收政府信息公开申请数量" + row in text.replace(" ", "")
        assert any(x.strip().startswith(style.headings[4]) and r.sections["problems"].replace("\n", "") in x
                   for x in lines)


def test_html_has_chrome_and_real_tables(reports):
    from bs4 import BeautifulSoup
    for r in reports:
        soup = BeautifulSoup(render(r, "html"), "lxml")
        assert soup.find("script") and soup.find(class_="nav") and soup.find(class_="footer")
        tables = soup.find_all("table")
        assert len(tables) == 3
        for table, grid in zip(tables, grids(r.format_version)):
            got = [[td.get_text() for td in tr.find_all("td")] for tr in table.find_all("tr")]
            assert got == _expected_rows(r, grid)
            spans = [(int(td.get("rowspan", 1)), int(td.get("colspan", 1))) for td in table.find_all("td")]
            assert spans == [(c.rowspan, c.colspan) for c in grid.cells]
        assert soup.find("h1").get_text().startswith(r.agency)


def test_md_pipe_tables_and_headings(reports):
    for r in reports:
        text = render(r, "md").decode("utf-8")
        assert text.startswith("# ") and "\n## " + style_of(r, "md").headings[0] in text
        blocks = [b for b in text.split("\n\n") if b.startswith("|")]
        assert len(blocks) == 3
        for block, grid in zip(blocks, grids(r.format_version)):
            rows = [[c.strip() for c in line.strip("|").split("|")] for line in block.split("\n")]
            assert rows[1] == ["---"] * grid.n_cols
            dense = []
            for origin in grid.rows:
                row = [""] * grid.n_cols
                for c in origin:
                    row[c.col] = cell_text(r, c)
                dense.append(row)
            assert [rows[0]] + rows[2:] == dense


def test_docx_opens_with_merged_cells(reports):
    import docx
    for r in reports:
        d = docx.Document(io.BytesIO(render(r, "docx")))
        assert len(d.tables) == 3
        for table, grid in zip(d.tables, grids(r.format_version)):
            got = [[cell.text for cell in row.cells] for row in table.rows]
            want = [[""] * grid.n_cols for _ in range(grid.n_rows)]
            for c in grid.cells:  # a merged cell shows its text in every grid position it covers
                for dr in range(c.rowspan):
                    for dc in range(c.colspan):
                        want[c.row + dr][c.col + dc] = cell_text(r, c)
            assert got == want
        body = "\n".join(p.text for p in d.paragraphs)
        assert HEADINGS[4] in body and r.sections["problems"].split("\n")[0] in body


def test_pdf_opens_and_shows_tables_and_page_numbers(reports):
    pdfplumber = pytest.importorskip("pdfplumber")
    from disclosure_nlp.generate.office import cjk_font
    try:
        cjk_font()
    except GeneratorError as exc:
        pytest.skip(str(exc))
    r = reports[1]
    with pdfplumber.open(io.BytesIO(render(r, "pdf"))) as pdf:
        pages = [p.extract_text() for p in pdf.pages]
    assert len(pages) >= 2
    for i, text in enumerate(pages, 1):
        assert text.rstrip().endswith(f"- {i} -")
    text = "\n".join(pages)
    apps = r.applications
    assert "一、本年新收政府信息公开申请数量 " + " ".join(str(v) for v in apps["new_received"].values()) in text
    assert "四、结转下年度继续办理 " + " ".join(str(v) for v in apps["carried_forward"].values()) in text
    assert r.agency in pages[0]


def test_rendering_varies_but_keeps_form_wording():
    styles = [style_of(draw_report(Random(s), "临河市教育局", 2022), "txt") for s in range(200)]
    assert any(s.headings[5] == "其他需要报告的事项" for s in styles)
    assert any("行政法复议" in s.headings[3] for s in styles)
    assert sum(s.headings == HEADINGS for s in styles) > 50
