"""The multi-label theme classifier and its problem/improvement kind classifier.

``ThemeClassifier`` follows the scikit-learn estimator contract: ``__init__`` stores its
parameters, ``fit`` returns ``self``, learned state ends in ``_``. Themes are predicted one
versus rest over TF-IDF word and character n-grams; each theme has its own threshold, tuned on
out-of-fold probabilities (``KFold`` with shuffling and a fixed ``random_state``). ``generic``
is given only when no other theme passes its threshold; when nothing passes at all, the theme
that comes closest to its threshold is given.
"""
from __future__ import annotations

import re

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from . import GENERIC, THEMES
from .features import make_features

ESTIMATORS = ("logreg", "svm")
DEFAULT_C = {"logreg": 10.0, "svm": 1.0}
_GRID = np.round(np.arange(0.05, 0.96, 0.025), 3)


class ThemeClassifier(ClassifierMixin, BaseEstimator):
    """Themes (TAXONOMY ids) and kind (problem/improvement) of problem and measure statements.

    ``estimator``: ``"logreg"`` (one-vs-rest logistic regression) or ``"svm"`` (one-vs-rest
    linear SVM, calibrated by 3-fold sigmoid). ``C``: their inverse regularisation (None: 10 for
    logreg, 1 for svm). ``keyword_weight``: weight of the hand-written keyword indicators beside
    the TF-IDF n-grams (0: none). ``pooling="max"``: a theme scores as high as in the clause of
    the text where it is strongest (compound statements name a second theme in one clause).

    ``fit(texts, themes, kinds=None)``: ``themes`` is a list of theme-id sequences, ``kinds`` a
    list of ``"problem"``/``"improvement"`` (the kind model is trained only when given).
    """

    def __init__(self, estimator="logreg", C=None, word_ngrams=(1, 2), char_ngrams=(1, 3), min_df=2,
                 keyword_weight=1.0, pooling="max", tune_thresholds=True, n_folds=5, default_threshold=0.5,
                 random_state=0):
        self.estimator = estimator
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.keyword_weight = keyword_weight
        self.pooling = pooling
        self.tune_thresholds = tune_thresholds
        self.n_folds = n_folds
        self.default_threshold = default_threshold
        self.random_state = random_state

    # -- fitting -----------------------------------------------------------------------------
    def fit(self, X, y, kinds=None):
        texts = _texts(X)
        labels = [tuple(t) for t in y]
        if len(texts) != len(labels):
            raise ValueError(f"{len(texts)} texts but {len(labels)} label sets")
        if not texts:
            raise ValueError("ThemeClassifier.fit needs at least one text")
        present = {t for ts in labels for t in ts}
        self.classes_ = np.array([t for t in THEMES if t in present] + sorted(present - set(THEMES)))
        Y = self._binarize(labels)
        if Y.shape[1] < 2:
            raise ValueError(f"need at least two themes to learn, got {list(self.classes_)}")
        self.features_, self.model_ = self._fit_themes(texts, Y)
        self.thresholds_ = np.full(len(self.classes_), float(self.default_threshold))
        if self.tune_thresholds and len(texts) >= 2 * self.n_folds:
            self.thresholds_ = self._tune(texts, Y)
        self.kind_model_ = None
        if kinds is not None:
            kinds = list(kinds)
            if len(kinds) != len(texts):
                raise ValueError(f"{len(texts)} texts but {len(kinds)} kinds")
            if len(set(kinds)) >= 2:
                self.kind_model_ = _logreg(DEFAULT_C["logreg"], self.random_state)
                self.kind_model_.fit(self.features_.transform(texts), kinds)
        return self

    def _binarize(self, labels) -> np.ndarray:
        index = {t: i for i, t in enumerate(self.classes_)}
        Y = np.zeros((len(labels), len(self.classes_)), dtype=int)
        for r, ts in enumerate(labels):
            for t in ts:
                if t in index:
                    Y[r, index[t]] = 1
        return Y

    def _base(self):
        C = self.C if self.C is not None else DEFAULT_C.get(self.estimator)
        if self.estimator == "logreg":
            return _logreg(C, self.random_state)
        if self.estimator == "svm":
            # one SVM on all data, sigmoid calibrated on 3-fold predictions: a third of the size
            return CalibratedClassifierCV(LinearSVC(C=C, class_weight="balanced", random_state=self.random_state),
                                          cv=3, ensemble=False)
        raise ValueError(f"unknown estimator {self.estimator!r}; valid: {', '.join(ESTIMATORS)}")

    def _fit_themes(self, texts, Y):
        features = make_features(self.word_ngrams, self.char_ngrams, self.min_df,
                                 keyword_weight=self.keyword_weight)
        Xm = features.fit_transform(texts)
        model = OneVsRestClassifier(self._base()).fit(Xm, Y)
        return features, model

    def _tune(self, texts, Y) -> np.ndarray:
        """Per-theme thresholds that maximise F1 on out-of-fold probabilities."""
        oof = np.zeros(Y.shape, dtype=float)
        folds = KFold(n_splits=self.n_folds, shuffle=True, random_state=self.random_state)
        arr = np.array(texts, dtype=object)
        for train, test in folds.split(arr):
            if Y[train].sum(axis=0).min() == 0:
                continue  # a theme missing from this fold's training part
            features, model = self._fit_themes(list(arr[train]), Y[train])
            oof[test] = self._pooled(features, model, list(arr[test]))
        thresholds = np.empty(Y.shape[1])
        for j in range(Y.shape[1]):
            f1 = [_f1(Y[:, j], oof[:, j] >= t) for t in _GRID]
            best = max(f1)
            # the middle of the best plateau is steadier than its first point
            ties = [t for t, f in zip(_GRID, f1) if f >= best - 1e-9]
            thresholds[j] = float(ties[len(ties) // 2])
        return thresholds

    # -- prediction --------------------------------------------------------------------------
    def predict_proba(self, X) -> np.ndarray:
        """One-vs-rest probability of each theme in ``classes_`` order, shape (n, n_themes)."""
        check_is_fitted(self, "model_")
        return self._pooled(self.features_, self.model_, _texts(X))

    def _pooled(self, features, model, texts: list[str], kind_model=None):
        """Theme probabilities of each text; with ``pooling="max"`` a theme also counts as
        strong as in the clause of the text where it is strongest (``generic`` excepted).

        The texts and their clauses are vectorised once, in one call, each distinct string once
        (items and clauses repeat across reports: stock phrases); each row of a TF-IDF transform
        and of a linear model's probabilities depends on that row alone, so the result is the
        same as one call per text. With ``kind_model``, returns ``(P, kinds)``: the kind model
        reuses the texts' rows."""
        if self.pooling not in ("max", "none"):
            raise ValueError(f"unknown pooling {self.pooling!r}; valid: max, none")
        row: dict[str, int] = {}
        for t in texts:
            row.setdefault(t, len(row))
        text_rows = [row[t] for t in texts]
        owners: list[tuple[int, list[int]]] = []
        if self.pooling == "max":
            for i, t in enumerate(texts):
                parts = _clauses(t)
                if len(parts) > 1:
                    owners.append((i, [row.setdefault(c, len(row)) for c in parts]))
        Xu = features.transform(list(row)) if row else None
        if Xu is None:
            P = np.zeros((0, len(self.classes_)))
            return (P, []) if kind_model is not None else P
        Pu = model.predict_proba(Xu)
        P = Pu[text_rows]
        if owners:
            keep = np.array([c != GENERIC for c in self.classes_])
            for i, rows in owners:
                P[i, keep] = np.maximum(P[i, keep], Pu[rows][:, keep].max(axis=0))
        if kind_model is None:
            return P
        distinct = sorted(set(text_rows))
        kind_of = dict(zip(distinct, kind_model.predict(Xu[distinct])))
        return P, [kind_of[r] for r in text_rows]

    def predict_with_kind(self, X) -> tuple[np.ndarray, list[str]]:
        """``(predict_proba(X), predict_kind(X))`` from one vectorisation of the texts."""
        check_is_fitted(self, "model_")
        if self.kind_model_ is None:
            raise ValueError("this ThemeClassifier was fitted without kinds: it cannot predict kind")
        return self._pooled(self.features_, self.model_, _texts(X), kind_model=self.kind_model_)

    def predict(self, X) -> list[tuple[str, ...]]:
        return self.themes_from_proba(self.predict_proba(X))

    def themes_from_proba(self, P: np.ndarray) -> list[tuple[str, ...]]:
        check_is_fitted(self, "thresholds_")
        classes = list(self.classes_)
        g = classes.index(GENERIC) if GENERIC in classes else -1
        out = []
        for row in np.atleast_2d(P):
            passed = [j for j in range(len(classes)) if j != g and row[j] >= self.thresholds_[j]]
            if passed:
                passed.sort(key=lambda j: -row[j])
                out.append(tuple(str(classes[j]) for j in passed))
            else:
                best = int(np.argmax(row / np.maximum(self.thresholds_, 1e-9)))
                out.append((str(classes[best]),))
        return out

    def predict_kind(self, X) -> list[str]:
        """``"problem"`` or ``"improvement"`` for each text."""
        check_is_fitted(self, "model_")
        if self.kind_model_ is None:
            raise ValueError("this ThemeClassifier was fitted without kinds: it cannot predict kind")
        return list(self.kind_model_.predict(self.features_.transform(_texts(X))))

    def predict_kind_proba(self, X) -> np.ndarray:
        """Probability of ``"improvement"`` for each text."""
        check_is_fitted(self, "kind_model_")
        if self.kind_model_ is None:
            raise ValueError("this ThemeClassifier was fitted without kinds: it cannot predict kind")
        col = list(self.kind_model_.classes_).index("improvement")
        return self.kind_model_.predict_proba(self.features_.transform(_texts(X)))[:, col]

    def score(self, X, y, sample_weight=None) -> float:
        """Micro-F1 of the predicted theme sets against ``y``."""
        from .evaluate import multilabel_scores

        return multilabel_scores([set(t) for t in y], [set(p) for p in self.predict(X)])["micro"]["f1"]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.target_tags.multi_output = True
        return tags


def _texts(X) -> list[str]:
    if isinstance(X, str):
        raise ValueError("expected a list of texts, got a single string")
    return ["" if x is None else str(x) for x in X]


def _logreg(C: float, random_state) -> LogisticRegression:
    # the dual liblinear solver is by far the fastest here (many more features than texts)
    return LogisticRegression(C=C, solver="liblinear", dual=True, max_iter=5000, class_weight="balanced",
                              random_state=random_state)


_CLAUSE = re.compile(r"[，,。；;：:！？!?]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if len(_CJK.findall(c)) >= 4]


def _f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = int(np.sum(y & pred))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(y & ~pred))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)

