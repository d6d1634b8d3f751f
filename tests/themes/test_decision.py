"""The decision rule: passing words, calibrated probabilities, confidence and the words behind a theme."""
import numpy as np
import pytest

from disclosure_nlp.schema import Item
from disclosure_nlp.themes import ThemeClassifier
from disclosure_nlp.themes.score import classify_items, classify_texts

from .tiny import KINDS, TEXTS, THEMES

# a made-up corpus where 基层 and 全面 stand for grassroots and scope, and also occur in passing
EXTRA = [
    ("基层政务公开标准化有待提升。", "problem", ("grassroots",)),
    ("乡镇政务公开栏更新不规范。", "problem", ("grassroots",)),
    ("村务公开内容不够具体。", "problem", ("grassroots",)),
    ("推进基层政务公开向村（社区）延伸。", "improvement", ("grassroots",)),
    ("指导街道做好居务公开。", "improvement", ("grassroots",)),
    ("加强基层公开阵地建设。", "improvement", ("grassroots",)),
]


@pytest.fixture(scope="module")
def clf():
    texts = TEXTS + [t for t, _, _ in EXTRA]
    themes = THEMES + [list(th) for _, _, th in EXTRA]
    kinds = KINDS + [k for _, k, _ in EXTRA]
    return ThemeClassifier(n_folds=3, min_df=1).fit(texts * 2, themes * 2, kinds=kinds * 2)


def test_a_theme_resting_on_a_passing_word_is_dropped(clf):
    text = "加强业务培训，提升基层群众满意度。"
    P = clf.predict_proba([text])
    g = list(clf.classes_).index("grassroots")
    assert P[0, g] >= clf.thresholds_[g], "the passing word alone makes grassroots pass without the rule"
    assert "grassroots" not in clf.predict([text])[0]
    assert "grassroots" in clf.set_params(passing_words=False).predict([text])[0]
    clf.set_params(passing_words=True)
    assert clf.predict(["推进基层政务公开标准化。"]) == [("grassroots",)]  # 基层 as the subject stays


def test_probabilities_are_calibrated_and_decisions_unchanged(clf):
    assert clf.calibrators_.shape == (len(clf.classes_), 2)
    raw = ThemeClassifier(n_folds=3, min_df=1, calibrate=False)
    raw.fit(TEXTS * 2, THEMES * 2, kinds=KINDS * 2)
    cal = ThemeClassifier(n_folds=3, min_df=1).fit(TEXTS * 2, THEMES * 2, kinds=KINDS * 2)
    probe = ["信息发布滞后。", "人员力量薄弱。", "仍有差距。", "解读形式单一，更新不及时。"]
    assert [set(x) for x in raw.predict(probe)] == [set(x) for x in cal.predict(probe)]
    assert not np.allclose(raw.predict_proba(probe), cal.predict_proba(probe))


def test_confidence_and_why_reach_the_items(clf):
    rows = classify_texts(clf, ["人员力量薄弱，培训不足。", "工作仍存在一些不足。"])
    assert rows[0]["themes"] == ["staffing"] and 0 < rows[0]["confidence"] <= 1
    assert rows[0]["why"]["staffing"] and all(w in "人员力量薄弱，培训不足。" for w in rows[0]["why"]["staffing"])
    assert rows[1]["themes"] == ["generic"] and rows[1]["why"] == {}
    item = classify_items(clf, [Item(kind="problem", text="人员力量薄弱，培训不足。")])[0]
    d = item.to_dict()
    assert d["confidence"] == round(item.confidence, 4) and d["why"]["staffing"] == rows[0]["why"]["staffing"]


def test_confidence_is_the_weakest_decision(clf):
    assert len(clf.classes_) == 5
    P = np.array([[0.9, 0.2, 0.05, 0.1, 0.3]])
    c = clf.confidence(P, [(str(clf.classes_[0]),)])
    assert c[0] == pytest.approx(0.7)  # 1 − 0.3: the least sure decision is the last theme's
