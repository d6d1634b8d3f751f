import json

import pytest
from typer.testing import CliRunner

from disclosure_nlp.cli import app
from disclosure_nlp.themes import ThemeClassifier
from disclosure_nlp.themes.model import save_model

from .tiny import KINDS, TEXTS, THEMES, records

runner = CliRunner()


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    d = tmp_path_factory.mktemp("m")
    (d / "items.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records()), encoding="utf-8")
    clf = ThemeClassifier(tune_thresholds=False).fit(TEXTS, THEMES, kinds=KINDS)
    path = d / "m.skops"
    save_model(clf, path, [d / "items.jsonl"], {})
    return path


def test_classify_args_json_in_order(model):
    r = runner.invoke(app, ["classify", "--model", str(model), "--json", "政策解读形式单一。", "加强业务培训，配齐专职人员。"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["text"] for x in rows] == ["政策解读形式单一。", "加强业务培训，配齐专职人员。"]
    assert rows[0]["themes"] == ["interpretation"] and rows[1]["kind"] == "improvement"
    assert set(rows[0]["probabilities"]) == {"timeliness", "interpretation", "staffing", "generic"}


def test_classify_reads_stdin_lines(model):
    r = runner.invoke(app, ["classify", "--model", str(model)], input="网站栏目更新不及时。\n\n人员力量薄弱，培训不足。\n")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert len(lines) == 2 and lines[1].startswith("problem\tstaffing（队伍与培训）\t")


def test_classify_refuses_tampered_model(model, tmp_path):
    bad = tmp_path / "m.skops"
    bad.write_bytes(model.read_bytes() + b"x")
    (tmp_path / "m.meta.json").write_text(model.with_name("m.meta.json").read_text(encoding="utf-8"), encoding="utf-8")
    r = runner.invoke(app, ["classify", "--model", str(bad), "培训不足"])
    assert r.exit_code == 2
    assert "与元数据" in r.stderr and "不符" in r.stderr


def test_score_splits_and_classifies_a_report(model, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("五、存在的主要问题及改进情况\n存在的问题：一是政策解读形式单一。二是人员力量薄弱。\n"
                      "下一步，我局将采取以下措施：一是加强业务培训。\n六、其他需要报告的事项\n无。\n", encoding="utf-8")
    r = runner.invoke(app, ["score", "--model", str(model), str(report)])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["kind"], x["themes"]) for x in rows] == [
        ("problem", ["interpretation"]), ("problem", ["staffing"]), ("improvement", ["staffing"])]
    assert rows[0]["source"] == str(report) and rows[0]["text"] == "一是政策解读形式单一。"
    r = runner.invoke(app, ["score", "--model", str(model), "--csv", str(report)])
    assert r.stdout.splitlines()[0] == "source,kind,themes,theme_names,text"


def test_evaluate_on_a_corpus_and_needs_a_target(model):
    corpus = model.with_name("items.jsonl")
    r = runner.invoke(app, ["evaluate", "--model", str(model), "--corpus", str(corpus)])
    assert r.exit_code == 0, r.output
    assert "micro-F1" in r.stdout and "interpretation" in r.stdout
    assert runner.invoke(app, ["evaluate", "--model", str(model)]).exit_code == 2
