import json

import pytest

from disclosure_nlp.errors import DisclosureError, ModelError
from disclosure_nlp.themes import ThemeClassifier
from disclosure_nlp.themes.model import (corpus_hash, evaluate_model, load_corpus, load_model, meta_path,
                                         save_model, train)

from .tiny import KINDS, TEXTS, THEMES, records


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "items"
    d.mkdir()
    lines = [json.dumps(r, ensure_ascii=False) for r in records()]
    (d / "a.jsonl").write_text("\n".join(lines[:12]) + "\n", encoding="utf-8")
    (d / "b.jsonl").write_text("\n".join(lines[12:]) + "\n\n", encoding="utf-8")
    return d


@pytest.fixture()
def saved(tmp_path, corpus):
    clf = ThemeClassifier(tune_thresholds=False).fit(TEXTS, THEMES, kinds=KINDS)
    path = tmp_path / "m.skops"
    save_model(clf, path, [corpus], {"note": "test"})
    return path


def test_load_corpus_reads_every_file(corpus):
    recs = load_corpus(corpus)
    assert len(recs) == 25 and recs[0]["author"] == "test"


def test_load_corpus_names_file_and_line_of_a_bad_item(corpus):
    (corpus / "c.jsonl").write_text('{"text": "x", "kind": "problem", "themes": ["nope"]}\n', encoding="utf-8")
    with pytest.raises(DisclosureError, match=r"c\.jsonl:1：.*取自 scope"):
        load_corpus(corpus)


def test_metadata_records_hashes_labels_versions_metrics(saved, corpus):
    meta = json.loads(meta_path(saved).read_text(encoding="utf-8"))
    assert meta_path(saved).name == "m.meta.json"
    assert len(meta["sha256"]) == 64
    assert meta["corpus"]["sha256"] == corpus_hash(sorted(corpus.glob("*.jsonl")))
    assert meta["labels"] == ["timeliness", "interpretation", "staffing", "generic"]
    assert {"python", "scikit-learn", "jieba"} <= set(meta["versions"])
    assert meta["metrics"] == {"note": "test"}


def test_load_roundtrip(saved):
    clf = load_model(saved)
    assert clf.predict(["加强业务培训，配齐专职人员。"]) == [("staffing",)]


def test_refuses_a_tampered_model(saved):
    saved.write_bytes(saved.read_bytes() + b"\0")
    with pytest.raises(ModelError, match="与元数据.*不符"):
        load_model(saved)


def test_refuses_a_model_without_metadata(saved):
    meta_path(saved).unlink()
    with pytest.raises(ModelError, match="只读取本工具写出的模型"):
        load_model(saved)


def test_missing_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="模型文件不存在"):
        load_model(tmp_path / "none.skops")


def test_train_writes_model_and_cv_metrics(tmp_path, corpus):
    out = tmp_path / "t.skops"
    seen = []
    metrics = train(corpus, out, estimator="logreg", cv_folds=2, progress=lambda stage, k, n: seen.append(stage),
                    n_folds=2, min_df=1)
    assert metrics["items"] == 25 and 0 <= metrics["cv"]["micro"]["f1"] <= 1
    assert "cross-validation" in seen and "fit" in seen
    assert load_model(out).predict_kind(["加强业务培训。"]) == ["improvement"]
    assert evaluate_model(out, corpus)["corpus"]["micro"]["f1"] > 0.8


def test_default_model_is_cached_and_matches_its_metadata():
    from disclosure_nlp.paths import default_model
    from disclosure_nlp.themes import THEMES
    from disclosure_nlp.themes.model import model_info

    if not default_model().exists():
        pytest.skip("no default model trained yet")
    first = load_model()
    assert load_model() is first
    assert list(first.classes_) == list(THEMES) == model_info()["labels"]


def test_default_model_beats_the_keyword_baseline_on_real_items(real_corpus):
    from disclosure_nlp.paths import default_model
    from disclosure_nlp.themes import KeywordClassifier
    from disclosure_nlp.themes.model import evaluate_items, load_real_items

    if not default_model().exists():
        pytest.skip("no default model trained yet")
    items = [i for r in load_real_items(real_corpus) for i in r["items"]]
    model = evaluate_items(load_model(), items)
    base = evaluate_items(KeywordClassifier().fit([], []), items)
    assert model["micro"]["f1"] >= 0.82 and model["macro"]["f1"] >= 0.75
    assert model["micro"]["f1"] > base["micro"]["f1"]
    assert model["kind_accuracy"] >= 0.9


def test_refuses_a_joblib_file(tmp_path):
    path = tmp_path / "old.joblib"
    path.write_bytes(b"not read")
    with pytest.raises(ModelError, match=r"\.skops"):
        load_model(path)


def test_refuses_untrusted_types_even_with_matching_metadata(tmp_path, corpus):
    import hashlib
    import os

    import skops.io as sio

    path = tmp_path / "evil.skops"
    sio.dump({"classes_": [1], "predict": os.getcwd}, path)
    meta_path(path).write_text(json.dumps({"sha256": hashlib.sha256(path.read_bytes()).hexdigest()}), encoding="utf-8")
    with pytest.raises(ModelError, match="getcwd"):
        load_model(path)


def test_save_refuses_another_suffix(tmp_path, corpus):
    clf = ThemeClassifier(tune_thresholds=False).fit(TEXTS, THEMES)
    with pytest.raises(ModelError, match=r"\.skops"):
        save_model(clf, tmp_path / "m.joblib", [corpus], {})


def test_train_reports_random_and_grouped_cv(tmp_path, corpus):
    # two authors: each held out in turn by the grouped split
    lines = (corpus / "b.jsonl").read_text(encoding="utf-8").replace('"author": "test"', '"author": "other"')
    (corpus / "b.jsonl").write_text(lines, encoding="utf-8")
    metrics = train(corpus, tmp_path / "g.skops", cv_folds=2, n_folds=2, min_df=1)
    assert metrics["cv"]["split"] == "random" and metrics["cv_grouped"]["split"] == "grouped"
    assert metrics["cv_grouped"]["groups"] == ["other", "test"] and metrics["cv_grouped"]["folds"] == 2
    assert metrics["cv"]["n"] == metrics["cv_grouped"]["n"] == 25


def test_load_labels_reads_ids_and_chinese_names_and_skips_blanks(tmp_path):
    from disclosure_nlp.themes.model import load_labels

    f = tmp_path / "l.csv"
    f.write_text("text,kind,predicted,themes\n"
                 "网站栏目更新慢。,problem,timeliness（公开时效）,timeliness（公开时效）；平台与网站\n"
                 "培训不足。,problem,staffing（队伍与培训）,\n"
                 "仍有不足。,problem,generic（泛泛表述）,泛泛表述\n", encoding="utf-8-sig")
    rows = load_labels(f)
    assert [(r["text"], r["themes"]) for r in rows] == [("网站栏目更新慢。", ["timeliness", "platform"]),
                                                        ("仍有不足。", ["generic"])]
    f.write_text("text,kind,themes\n培训不足。,problem,人手\n", encoding="utf-8-sig")
    with pytest.raises(DisclosureError, match="人手"):
        load_labels(f)
