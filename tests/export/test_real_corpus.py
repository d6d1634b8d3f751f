"""The real reports through the pipeline into every output; the page shows each flagged agency.

The themes stage is left out: this test is about the outputs and must not need a trained model."""
import json

import pandas as pd

from disclosure_nlp.export import ScanOutputs, read_reports
from disclosure_nlp.pipeline import Pipeline, Settings

from .test_browser import _dom, _js_errors


def test_real_reports_export_and_render(real_corpus, tmp_path, chromium, browser):
    inputs = sorted(p for p in real_corpus.iterdir()
                    if p.is_file() and p.suffix in (".txt", ".md", ".pdf", ".html", ".docx")
                    and not p.name.startswith(("README", "MANIFEST")))
    assert len(inputs) >= 5
    pipeline = Pipeline(Settings(stages=("items", "figures", "checks")))
    reports = [pipeline.process_file(p) for p in inputs]
    with ScanOutputs(tmp_path / "out") as o:
        o.add(reports)
        paths = o.finish()
    # to_dict, not the dataclasses: StatedFigure.to_dict drops ``start`` (a schema.py matter)
    assert [r.to_dict() for r in read_reports(paths["reports"])] == [r.to_dict() for r in reports]
    status = pd.read_csv(paths["status"], encoding="utf-8-sig", keep_default_na=False)
    assert status["source"].tolist() == [str(p) for p in inputs]
    flags = pd.read_csv(paths["flags"], encoding="utf-8-sig", keep_default_na=False)
    assert len(flags) == sum(len(r.flags) for r in reports)
    for cells in flags["evidence_cells"]:
        assert isinstance(json.loads(cells), dict)
    dom = _dom(chromium, paths["review"])
    assert _js_errors(dom) == ""
    listed = dom[dom.index('id="agencies"'):dom.index('id="pager-flagged"')]
    # flagged: a report with a flag or a parse warning
    for agency in {r.agency for r in reports if (r.flags or r.warnings) and r.agency}:
        assert agency in listed
    assert dom.count('<article class="agency') == len({r.agency for r in reports if r.flags or r.warnings})
    for width in (1400, 390):  # no sideways scrolling, every collapsed part open
        browser.viewport(width, 900, mobile=width < 500)
        browser.open(paths["review"].as_uri())
        browser.evaluate("document.querySelectorAll('details').forEach(function (x) { x.open = true; })")
        scroll, inner = browser.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert inner == width and scroll <= inner, (width, scroll)
