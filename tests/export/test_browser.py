"""The review page in a real headless Chromium: it renders with no script errors and shows the
flagged agencies; report text stays text."""
import re

from disclosure_nlp.export import write_review_html
from disclosure_nlp.schema import Evidence, Flag, Item, Report

from .conftest import XSS


def _dom(chromium, page) -> str:
    proc = chromium("--virtual-time-budget=5000", "--dump-dom", page.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "</html>" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def _js_errors(dom: str) -> str:
    m = re.search(r'<div id="js-errors"[^>]*>(.*?)</div>\s*<noscript>', dom, re.S)
    assert m, "the js-errors box is missing"
    return m.group(1)


def test_review_page_renders_flagged_agencies_without_errors(chromium, reports, tmp_path):
    page = write_review_html(reports, tmp_path / "review.html")
    dom = _dom(chromium, page)
    assert _js_errors(dom) == ""
    flagged = dom[dom.index('id="agencies"'):dom.index('id="pager-flagged"')]
    # ranked: the agency with errors first, then the one with a warning
    assert flagged.index("甲市住房和城乡建设局") < flagged.index("乙县人民政府")
    assert "丙区教育局" not in flagged  # no flags: listed in the collapsed section
    assert "丙区教育局" in dom[dom.index('id="clean-list"'):]
    assert '<mark class="hit">60</mark>' in flagged  # the stated figure is marked in the quote
    assert "表三 一 本年新收 · 总计" in flagged  # evidence cells by the form's labels
    assert "PDF has no text layer: needs OCR" in dom[dom.index('id="status-list"'):]
    # the hostile agency name is shown as text, never run
    assert XSS not in dom and "乙县人民政府&lt;script&gt;alert(1)&lt;/script&gt;" in flagged
    assert "公开时效" in dom[dom.index('id="heatmap"'):]


def test_js_error_trap_reports_errors(chromium, reports, tmp_path):
    page = write_review_html(reports, tmp_path / "review.html")
    text = page.read_text(encoding="utf-8").replace("</body>", '<script>throw new Error("boom-42")</script></body>')
    page.write_text(text, encoding="utf-8")
    assert "boom-42" in _js_errors(_dom(chromium, page))


def test_ten_thousand_reports_render_one_page_at_a_time(chromium, browser, tmp_path):
    reports = []
    for i in range(10_000):
        flags = (Flag("NARR-NUMBER", "error" if i % 7 == 0 else "warning", f"the narrative states {i}, the table has 1",
                      Evidence(f"全年收到申请{i}件。", {"applications.new_received.total": 1})),) if i % 3 == 0 else ()
        reports.append(Report(source=f"gen/{i:05d}.txt", agency=f"第{i:05d}号机关", year=2020 + i % 4,
                              format_version="2021", items=(Item("problem", "更新不及时", ("timeliness",)),),
                              flags=flags))
    page = write_review_html(reports, tmp_path / "review.html")
    assert page.stat().st_size < 25_000_000
    dom = _dom(chromium, page)
    assert _js_errors(dom) == ""
    assert dom.count('<article class="agency') == 100
    assert "第 1 / 34 页" in dom  # 3,334 flagged agencies, 100 a page
    assert "第00000号机关" in dom  # an agency with an error ranks on page one
    browser.viewport(390, 844, mobile=True)
    browser.open(page.as_uri())
    browser.evaluate("(function () { var e = document.getElementById('f-sev'); e.value = 'error';"
                     " e.dispatchEvent(new Event('change')); })()")
    assert browser.evaluate("document.getElementById('f-shown').textContent") == "显示 477 / 10000 份报告"  # i % 21 == 0
    assert browser.evaluate("document.querySelectorAll('#agencies article').length") == 100
    assert browser.evaluate("[document.documentElement.scrollWidth <= window.innerWidth, window.innerWidth]") == [True, 390]


def test_screenshot(chromium, reports, tmp_path):
    page = write_review_html(reports, tmp_path / "review.html")
    shot = tmp_path / "review.png"
    proc = chromium("--virtual-time-budget=5000", f"--screenshot={shot}", "--window-size=1400,1000", page.as_uri())
    assert proc.returncode == 0 and shot.stat().st_size > 20_000, proc.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
