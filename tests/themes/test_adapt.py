"""An office adapts the model: suggest → label → train --add → evaluate, end to end on a tiny corpus."""
import csv
import json

from typer.testing import CliRunner

from disclosure_nlp.cli import app
from disclosure_nlp.schema import Item, Report
from disclosure_nlp.themes.model import load_model

from .tiny import records

runner = CliRunner()

# the office's own wording the tiny corpus never saw: 公示栏 (notice boards) for staffing-free items
OFFICE = [
    ("便民公示栏内容长期未换。", "problem", ["timeliness"]),
    ("公示栏信息陈旧，未按期更换。", "problem", ["timeliness"]),
    ("公示栏换新不及时。", "problem", ["timeliness"]),
    ("按月更换公示栏内容。", "improvement", ["timeliness"]),
]
HELD_OUT = [
    ("社区公示栏内容半年未换。", "problem", ["timeliness"]),
    ("每月按期更换公示栏信息。", "improvement", ["timeliness"]),
]


def _write_corpus(folder):
    folder.mkdir()
    (folder / "tiny.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()),
                                       encoding="utf-8")


def _write_scan(out, model):
    """A scan's reports.jsonl whose items carry the model's themes and confidence."""
    from disclosure_nlp.themes.score import classify_items

    out.mkdir()
    items = [Item(kind=k, text=t) for t, k, _ in OFFICE] + [Item(kind="problem", text="人员力量薄弱，培训不足。")]
    report = Report(source="甲县某局2024.txt", agency="甲县某局", year=2024,
                    items=tuple(classify_items(load_model(model), items)))
    (out / "reports.jsonl").write_text(json.dumps(report.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")


def test_suggest_label_train_add_evaluate(tmp_path, monkeypatch):
    corpus = tmp_path / "corpora" / "items"
    corpus.parent.mkdir()
    _write_corpus(corpus)
    monkeypatch.chdir(tmp_path)  # train's --corpus default: corpora/items under the current folder
    base = tmp_path / "base.skops"
    r = runner.invoke(app, ["train", "--out", str(base), "--folds", "0"])
    assert r.exit_code == 0, r.output
    assert base.is_file() and base.with_name("base.meta.json").is_file()

    scan = tmp_path / "scan"
    _write_scan(scan, base)
    r = runner.invoke(app, ["suggest", str(scan), "-n", "3"])
    assert r.exit_code == 0, r.output
    with open(scan / "suggest.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["text", "kind", "predicted", "confidence", "why", "source", "themes"]
    assert len(rows) == 3 and all(r["themes"] == "" for r in rows)
    conf = [float(r["confidence"]) for r in rows]
    assert conf == sorted(conf), "least sure first"
    assert "人员力量薄弱，培训不足。" not in {r["text"] for r in rows}, "the surest item is left out"
    assert "（" in rows[0]["predicted"], "predicted themes carry their Chinese names"
    jsonl = [json.loads(line) for line in (scan / "suggest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [j["text"] for j in jsonl] == [r["text"] for r in rows]

    # the officer fills in the themes column (a Chinese name) and adds the rest of the office's items
    gold = {t: th for t, _, th in OFFICE}
    for row in rows:
        row["themes"] = "公开时效" if gold[row["text"]] == ["timeliness"] else ""
    labelled = tmp_path / "labels.csv"
    with open(labelled, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
        done = {r["text"] for r in rows}
        w.writerows({"text": t, "kind": k, "themes": ",".join(th), "predicted": "", "confidence": "", "why": "",
                     "source": ""} for t, k, th in OFFICE if t not in done)
    adapted = tmp_path / "mine.skops"
    r = runner.invoke(app, ["train", "--corpus", str(corpus), "--add", str(labelled), "--out", str(adapted),
                            "--folds", "0"])
    assert r.exit_code == 0, r.output
    meta = json.loads(adapted.with_name("mine.meta.json").read_text(encoding="utf-8"))
    assert meta["metrics"]["added"] == 4 and "labels.csv" in meta["corpus"]["files"]

    held = tmp_path / "held.jsonl"
    held.write_text("".join(json.dumps({"text": t, "kind": k, "themes": th}, ensure_ascii=False) + "\n"
                            for t, k, th in HELD_OUT), encoding="utf-8")
    r = runner.invoke(app, ["evaluate", "--model", str(base), "--model", str(adapted), "--labels", str(held), "--json"])
    assert r.exit_code == 0, r.output
    scores = json.loads(r.stdout)
    assert set(scores) == {str(base), str(adapted)}
    assert scores[str(adapted)]["micro"]["f1"] > scores[str(base)]["micro"]["f1"]
    assert scores[str(adapted)]["n"] == 2


def test_train_needs_out_and_asks_for_a_corpus_in_chinese(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["train"])
    assert r.exit_code == 2  # --out is required: no default overwrites the packaged model
    r = runner.invoke(app, ["train", "--out", str(tmp_path / "m.skops")])
    assert r.exit_code == 2 and "--corpus" in r.stderr and "corpora/items" in r.stderr and "请用" in r.stderr
    assert not (tmp_path / "m.skops").exists()


def test_suggest_without_a_scan_is_a_clear_error(tmp_path):
    r = runner.invoke(app, ["suggest", str(tmp_path)])
    assert r.exit_code == 2 and "reports.jsonl" in r.stderr
