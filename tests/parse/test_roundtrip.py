"""Generate → render → read → parse → equal to what was drawn, for every input format.

A few hundred reports (PDF and DOCX on a subset, for time). The one thing a parser cannot
recover is a glued row whose splits all satisfy the arithmetic (a 表二 row has none; 表四 33|6
and 3|36 have the same sum): there every cell must either equal the truth or be listed in
``uncertain_cells`` with a warning naming the alternatives.
"""
import random

import pytest

from disclosure_nlp.generate import FORMATS, draw_report, render, truth_dict
from disclosure_nlp.parse import parse_doc
from disclosure_nlp.read import read_bytes

N = 300
TABLES = ("active_disclosure", "applications", "review_litigation")
EVERY = {"txt": 1, "glued": 1, "html": 1, "md": 1, "docx": 5, "pdf": 20}


def _reports():
    for seed in range(N):
        rng = random.Random(seed)
        layout = "2019" if seed % 4 == 0 else "2021"
        yield seed, draw_report(rng, f"测试市第{seed % 37}区教育局", 2019 + seed % 6, layout)


@pytest.mark.parametrize("fmt", FORMATS)
def test_roundtrip(fmt, request):
    if fmt == "pdf":
        request.getfixturevalue("cjk_font")  # skips, with a message, where no CJK font is installed
    step = EVERY.get(fmt, 1)
    n_cells = n_exact = n_reports = 0
    misses = []
    for seed, rep in _reports():
        if seed % step:
            continue
        truth = truth_dict(rep)
        ext = "txt" if fmt == "glued" else fmt
        parsed = parse_doc(read_bytes(render(rep, fmt), f"gen{seed}.{ext}"))
        n_reports += 1
        assert parsed.status != "failed", (seed, parsed.reason)
        assert parsed.year == truth["year"] and parsed.format_version == truth["format_version"], seed
        assert parsed.agency, seed
        for tbl in TABLES:
            for row, cols in (truth.get(tbl) or {}).items():
                for col, want in cols.items():
                    n_cells += 1
                    have = ((getattr(parsed, tbl) or {}).get(row) or {}).get(col, "MISSING")
                    if have == want:
                        n_exact += 1
                    elif not (fmt == "glued" and f"{tbl}.{row}.{col}" in parsed.uncertain_cells):
                        misses.append(f"seed {seed} {tbl}.{row}.{col}: read {have!r}, drew {want!r}")
    assert n_reports >= N // step
    assert not misses, f"{fmt}: {len(misses)} cells wrong of {n_cells}:\n" + "\n".join(misses[:20])
    if fmt != "glued":
        assert n_exact == n_cells
