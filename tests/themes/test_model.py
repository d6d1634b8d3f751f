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
    path = tmp_path / "m.joblib"
    save_model(clf, path, [corpus], {"note": "test"})
    return path


def test_load_corpus_reads_every_file(corpus):
    recs = load_corpus(corpus)
    assert len(recs) == 25 and recs[0]["author"] == "test"


def test_load_corpus_names_file_and_line_of_a_bad_item(corpus):
    (corpus / "c.jsonl").write_text('{"text": "x", "kind": "problem", "themes": ["nope"]}\n', encoding="utf-8")
    with pytest.raises(DisclosureError, match=r"c\.jsonl:1: .*themes from scope"):
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
    with pytest.raises(ModelError, match="does not match its metadata"):
        load_model(saved)


def test_refuses_a_model_without_metadata(saved):
    meta_path(saved).unlink()
    with pytest.raises(ModelError, match="only load model files you wrote"):
        load_model(saved)


def test_missing_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="no model file"):
        load_model(tmp_path / "none.joblib")


def test_train_writes_model_and_cv_metrics(tmp_path, corpus):
    out = tmp_path / "t.joblib"
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
