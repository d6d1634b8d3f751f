import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from disclosure_nlp.themes import KeywordClassifier, ThemeClassifier

from .tiny import KINDS, TEXTS, THEMES


@pytest.fixture(scope="module")
def fitted():
    return ThemeClassifier(n_folds=3).fit(TEXTS, THEMES, kinds=KINDS)


def test_params_are_stored_and_cloned():
    clf = ThemeClassifier(C=3.0, char_ngrams=(2, 4), pooling="none")
    params = clf.get_params()
    assert params["C"] == 3.0 and params["char_ngrams"] == (2, 4) and params["pooling"] == "none"
    other = clone(clf)
    assert other is not clf and other.get_params() == params
    assert not hasattr(other, "classes_")


def test_fit_returns_self_and_sets_learned_attributes():
    clf = ThemeClassifier(tune_thresholds=False)
    assert clf.fit(TEXTS, THEMES, kinds=KINDS) is clf
    assert list(clf.classes_) == ["timeliness", "interpretation", "staffing", "generic"]  # TAXONOMY order
    assert clf.thresholds_.shape == (4,) and np.allclose(clf.thresholds_, 0.5)


def test_unfitted_raises_not_fitted():
    with pytest.raises(NotFittedError):
        ThemeClassifier().predict(["政策解读形式单一。"])


def test_predicts_themes_kind_and_probabilities(fitted):
    texts = ["政策解读形式单一，解读质量不高。", "加强业务培训，配齐专职人员。"]
    assert fitted.predict(texts) == [("interpretation",), ("staffing",)]
    assert fitted.predict_kind(texts) == ["problem", "improvement"]
    P = fitted.predict_proba(texts)
    assert P.shape == (2, 4) and ((P >= 0) & (P <= 1)).all()


def test_batched_prediction_equals_one_text_at_a_time(fitted):
    """Texts and clauses are vectorised once each, repeats included: same numbers as text by text."""
    texts = ["政策解读形式单一，解读质量不高，培训不够。", "加强业务培训，配齐专职人员。",
             "政策解读形式单一，解读质量不高，培训不够。", "", "及时更新。"]
    P, kinds = fitted.predict_with_kind(texts)
    one = np.vstack([fitted.predict_proba([t]) for t in texts])
    assert np.array_equal(P, one)
    assert kinds == [fitted.predict_kind([t])[0] for t in texts]
    assert np.array_equal(fitted.predict_proba(texts), one)
    assert fitted.predict_with_kind([])[0].shape == (0, len(fitted.classes_))


def test_thresholds_are_tuned_per_theme(fitted):
    assert fitted.thresholds_.shape == (4,)
    assert ((fitted.thresholds_ > 0) & (fitted.thresholds_ < 1)).all()


def test_generic_only_when_no_other_theme_passes():
    clf = ThemeClassifier(tune_thresholds=False).fit(TEXTS, THEMES)
    g = list(clf.classes_).index("generic")
    row = np.array([[0.6, 0.1, 0.1, 0.9]])  # timeliness passes: generic is not given beside it
    assert clf.themes_from_proba(row) == [("timeliness",)]
    row = np.array([[0.1, 0.2, 0.1, 0.7]])
    assert clf.themes_from_proba(row) == [("generic",)]
    row = np.array([[0.1, 0.45, 0.2, 0.3]])  # nothing passes, generic neither: no theme, not the closest one
    assert clf.themes_from_proba(row) == [()]
    assert clf.set_params(fallback="none").themes_from_proba(np.array([[0.1, 0.2, 0.1, 0.7]])) == [()]
    assert clf.set_params(fallback="nearest").themes_from_proba(row) == [("interpretation",)]
    assert g == 3


def test_kind_needs_kinds_at_fit():
    clf = ThemeClassifier(tune_thresholds=False).fit(TEXTS, THEMES)
    with pytest.raises(ValueError, match="without kinds"):
        clf.predict_kind(["加强培训。"])


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="texts but"):
        ThemeClassifier().fit(TEXTS, THEMES[:-1])
    with pytest.raises(ValueError, match="single string"):
        ThemeClassifier(tune_thresholds=False).fit(TEXTS, THEMES).predict("政策解读")
    with pytest.raises(ValueError, match="valid: logreg, svm"):
        ThemeClassifier(estimator="tree", tune_thresholds=False).fit(TEXTS, THEMES)


def test_pickles_with_the_module_level_tokenizer(fitted):
    again = pickle.loads(pickle.dumps(fitted))
    texts = ["网站栏目更新不及时。"]
    assert np.allclose(again.predict_proba(texts), fitted.predict_proba(texts))


def test_svm_option_fits_and_predicts():
    clf = ThemeClassifier(estimator="svm", tune_thresholds=False).fit(TEXTS * 2, THEMES * 2, kinds=KINDS * 2)
    assert clf.predict(["每年组织两次专题培训，提升人员能力。"]) == [("staffing",)]


def test_keyword_baseline_interface():
    kw = KeywordClassifier().fit([], [])
    assert kw.predict(["政务新媒体更新慢。", "持续提升工作水平。"]) == [("timeliness", "new_media"), ("generic",)]
    assert kw.predict_kind(["下一步，我局将加强培训。", "培训不足。"]) == ["improvement", "problem"]
    assert kw.predict_proba(["培训不足。"]).shape == (1, 15)
