"""The generate command, the bundled sample it made, and the form's wording against real reports."""
import json
import re

from typer.testing import CliRunner

from disclosure_nlp.cli import app
from disclosure_nlp.generate.layout import CHECK_NOTE, T3_LABELS, grids

SAMPLE_ARGS = ["--n", "12", "--seed", "76", "--formats", "txt,glued,html,docx,pdf,md", "--defect-rate", "0.25",
               "--years", "2020-2022", "--mix", "--gbk", "1"]


def _truth(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_generate_writes_files_and_truth(tmp_path):
    res = CliRunner().invoke(app, ["generate", str(tmp_path), "--n", "5", "--seed", "3", "--formats", "txt,md",
                                   "--years", "2021,2022", "--defect-rate", "0.5", "--gbk", "1"])
    assert res.exit_code == 0, res.output
    truth = _truth(tmp_path / "truth.jsonl")
    assert len(truth) == 10 and len({(t["agency_id"], t["year"]) for t in truth}) == 5
    for t in truth:
        data = (tmp_path / t["path"]).read_bytes()
        assert data.decode(t["encoding"]).count(str(t["year"])) >= 1
        assert set(t) >= {"path", "format", "encoding", "applications", "defects"}
    assert [t["encoding"] for t in truth].count("gbk") == 1


def test_generate_rejects_bad_input(tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["generate", str(tmp_path), "--formats", "txt,rtf"])
    assert res.exit_code == 2 and "rtf" in res.output
    res = runner.invoke(app, ["generate", str(tmp_path), "--years", "2015-2016"])
    assert res.exit_code == 2


def test_bundled_sample_is_what_its_command_makes(repo, tmp_path):
    from disclosure_nlp.paths import sample_corpus

    sample = sample_corpus()  # shipped inside the package
    bundled = _truth(sample / "truth.jsonl")
    assert len(bundled) == 12 and {t["format"] for t in bundled} == {"txt", "glued", "html", "docx", "pdf", "md"}
    assert sum(bool(t["defects"]) for t in bundled) >= 3
    assert [t["encoding"] for t in bundled].count("gbk") == 1
    assert sorted(p.name for p in sample.iterdir()) == sorted([t["path"] for t in bundled] + ["truth.jsonl"])
    assert f"generate src/disclosure_nlp/data/sample {' '.join(SAMPLE_ARGS)}" in (repo / "corpora" / "README.md").read_text()
    # the same draw in the text formats only (each report in all four, in UTF-8): same truth, same text
    args = ["generate", str(tmp_path), "--formats", "txt,glued,html,md"] + SAMPLE_ARGS[:4] + SAMPLE_ARGS[6:10]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    fresh = {t["path"]: t for t in _truth(tmp_path / "truth.jsonl")}
    keys = ("agency", "year", "applications", "active_disclosure", "review_litigation", "sections", "items",
            "stated_in_narrative", "defects")
    for t in bundled:
        again = fresh[t["path"].rsplit(".", 1)[0].replace(".glued", "") + ".md"]
        assert {k: again[k] for k in keys} == {k: t[k] for k in keys}, t["path"]
        if t["path"] in fresh:  # txt, glued, html, md
            assert (sample / t["path"]).read_bytes().decode(t["encoding"]) == \
                   (tmp_path / t["path"]).read_text(encoding="utf-8")


def test_form_wording_matches_real_reports(real_corpus):
    """The labels the generator prints are the ones real 2021 and 2019 reports print."""
    def squash(s):
        return re.sub(r"\s+", "", s)

    text21 = squash((real_corpus / "006_pingtan_2023.txt").read_text(encoding="utf-8"))
    text19 = squash((real_corpus / "008_pingtan_2020.txt").read_text(encoding="utf-8"))
    for label in list(T3_LABELS.values()) + [CHECK_NOTE]:
        assert squash(label) in text21, label
    for layout, text in (("2021", text21), ("2019", text19)):
        for grid in grids(layout):
            for cell in grid.cells:
                if cell.text and cell.text not in T3_LABELS.values():
                    assert squash(cell.text) in text, (layout, cell.text)
