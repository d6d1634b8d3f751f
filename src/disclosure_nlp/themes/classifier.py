"""The multi-label theme classifier and its problem/improvement kind classifier.

``ThemeClassifier`` follows the scikit-learn estimator contract: ``__init__`` stores its
parameters, ``fit`` returns ``self``, learned state ends in ``_``. Themes are predicted one
versus rest over TF-IDF word and character n-grams. Out-of-fold probabilities (``KFold`` with
shuffling and a fixed ``random_state``) serve twice: each theme's probability is calibrated on
them (Platt: a logistic curve on the log-odds) and each theme gets the threshold that maximises
its F1 on them (carried through the same curve: calibration changes the probabilities, not the
decisions).

The decision rule: a theme is given when its probability passes its threshold in the item or
in one of its clauses (split at ，；。…), and still passes once the words used in passing for
that theme (``PASSING``: 全面推进, 基层群众, 参与解读, 互动回应, 思想认识和业务…) are taken out: a
clause must be *about* the theme. When no other theme passes, ``generic`` is given if it passes
its own threshold, else no theme at all; never the nearest theme below its threshold
(``fallback="nearest"`` restores that old rule).
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

from ..schema import GENERIC, THEMES
from .features import clean_text, compile_pattern, make_features

ESTIMATORS = ("logreg", "svm")
DEFAULT_C = {"logreg": 10.0, "svm": 1.0}
_GRID = np.round(np.arange(0.05, 0.96, 0.025), 3)
FALLBACKS = ("generic", "none", "nearest")

# words used in passing: they name a theme's word without being about the theme. A theme whose
# support rests on them alone is not given (``passing_words=True``).
PASSING = {
    "scope": r"全面(?=推进|加强|提升|提高|落实|梳理|排查|开展|推行|深化|贯彻|完成|实现|做好|规范|建立|强化|优化|复核|检查"
             r"|了解|获取|掌握|执行|整改|准确|系统)",
    "grassroots": r"基层(?=群众|负担|一线|干部|单位|反映)|深入基层|服务基层|基层(?:治理)?(?:能力|水平)",
    "participation": r"(?<!公众)(?<!群众)(?<!村民)(?<!居民)参与(?=解读|审核|起草|会商|评查|培训|编制|撰写|办理)|全员参与"
                     r"|共同参与|积极参与",
    "interpretation": r"互动回应",
    "awareness": r"思想认识(?=[和与、].{0,3}(?:业务|能力|工作水平))",
    "staffing": r"学习(?=贯彻|领会|宣传)|深入学习",
    "timeliness": r"及时(?=整改|发现|研究|解决|纠正|报告|传达|跟进|总结|优化|调整|梳理|处置|掌握|督促|提醒)",
}
_PASSING = {t: re.compile(p) for t, p in PASSING.items()}


class ThemeClassifier(ClassifierMixin, BaseEstimator):
    """Themes (TAXONOMY ids) and kind (problem/improvement) of problem and measure statements.

    ``estimator``: ``"logreg"`` (one-vs-rest logistic regression) or ``"svm"`` (one-vs-rest
    linear SVM, calibrated by 3-fold sigmoid). ``C``: their inverse regularisation (None: 10 for
    logreg, 1 for svm). ``keyword_weight``: weight of the hand-written keyword indicators beside
    the TF-IDF n-grams (0: none). ``pooling="max"``: a theme scores as high as in the clause of
    the text where it is strongest (compound statements name a second theme in one clause).
    ``calibrate``: Platt-scale each theme's probability on out-of-fold predictions (needs
    ``tune_thresholds``). ``fallback``: what an item gets when no other theme passes its
    threshold: ``"generic"`` (``generic`` where its own probability passes its threshold, else
    no theme: never a weak guess), ``"none"`` (no theme) or ``"nearest"`` (the theme closest to
    its threshold, the old rule).
    ``passing_words``: drop a theme that passes only through a word used in passing (``PASSING``).

    ``fit(texts, themes, kinds=None)``: ``themes`` is a list of theme-id sequences, ``kinds`` a
    list of ``"problem"``/``"improvement"`` (the kind model is trained only when given).
    """

    def __init__(self, estimator="logreg", C=None, word_ngrams=(1, 2), char_ngrams=(1, 3), min_df=2,
                 keyword_weight=1.0, pooling="max", tune_thresholds=True, n_folds=5, default_threshold=0.5,
                 calibrate=True, fallback="generic", passing_words=True, random_state=0):
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
        self.calibrate = calibrate
        self.fallback = fallback
        self.passing_words = passing_words
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
        if self.fallback not in FALLBACKS:
            raise ValueError(f"unknown fallback {self.fallback!r}; valid: {', '.join(FALLBACKS)}")
        self.thresholds_ = np.full(len(self.classes_), float(self.default_threshold))
        self.calibrators_ = None
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
            assert C is not None  # DEFAULT_C has "logreg"
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
        """Per-theme thresholds that maximise F1 on out-of-fold probabilities (shuffled K-fold:
        tuning on whole writers held out was tried and did worse on held-out writers)."""
        oof = np.zeros(Y.shape, dtype=float)
        arr = np.array(texts, dtype=object)
        for train, test in KFold(n_splits=self.n_folds, shuffle=True, random_state=self.random_state).split(arr):
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
        if self.calibrate:
            # the thresholds are chosen on the raw values and carried through the same curve, so
            # calibration changes the probabilities reported, not the themes given
            self.calibrators_ = _platt(oof, Y)
            thresholds = _apply_platt(thresholds[None, :], self.calibrators_)[0]
        return thresholds

    # -- prediction --------------------------------------------------------------------------
    def predict_proba(self, X) -> np.ndarray:
        """One-vs-rest probability of each theme in ``classes_`` order, shape (n, n_themes)."""
        check_is_fitted(self, "model_")
        return self._calibrated(self._pooled(self.features_, self.model_, _texts(X)))

    def _calibrated(self, P: np.ndarray) -> np.ndarray:
        cal = getattr(self, "calibrators_", None)
        return _apply_platt(P, cal) if cal is not None and len(P) else P

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
        P, kinds = self._pooled(self.features_, self.model_, _texts(X), kind_model=self.kind_model_)
        return self._calibrated(P), kinds

    def predict(self, X) -> list[tuple[str, ...]]:
        texts = _texts(X)
        return self.themes_from_proba(self.predict_proba(texts), texts)

    def themes_from_proba(self, P: np.ndarray, texts=None) -> list[tuple[str, ...]]:
        """Themes of each row of ``P`` (``predict_proba``'s). With ``texts`` (and
        ``passing_words``), a theme that passes only through a word used in passing is dropped."""
        check_is_fitted(self, "thresholds_")
        classes = list(self.classes_)
        g = classes.index(GENERIC) if GENERIC in classes else -1
        P = np.atleast_2d(P)
        passed_all = [[j for j in range(len(classes)) if j != g and row[j] >= self.thresholds_[j]] for row in P]
        if texts is not None and getattr(self, "passing_words", False):
            passed_all = self._drop_passing(list(texts), P, passed_all)
        fallback = getattr(self, "fallback", "nearest")
        out = []
        for row, passed in zip(P, passed_all):
            if passed:
                passed.sort(key=lambda j: -row[j])
                out.append(tuple(str(classes[j]) for j in passed))
            elif fallback == "nearest":
                best = int(np.argmax(row / np.maximum(self.thresholds_, 1e-9)))
                out.append((str(classes[best]),))
            elif fallback == "generic" and g >= 0 and row[g] >= self.thresholds_[g]:
                out.append((GENERIC,))
            else:
                out.append(())
        return out

    def _drop_passing(self, texts: list[str], P: np.ndarray, passed_all: list[list[int]]) -> list[list[int]]:
        """Re-score each passed theme whose words used in passing occur in the text, with those
        words taken out; keep it only if it still passes its threshold."""
        jobs: list[tuple[int, int, str]] = []  # (row, theme column, text without the passing words)
        for i, passed in enumerate(passed_all):
            for j in passed:
                pattern = _PASSING.get(str(self.classes_[j]))
                if pattern is not None and pattern.search(texts[i]):
                    jobs.append((i, j, pattern.sub("", texts[i])))
        if not jobs:
            return passed_all
        Q = self._calibrated(self._pooled(self.features_, self.model_, [t for _, _, t in jobs]))
        out = [list(p) for p in passed_all]
        for k, (i, j, _) in enumerate(jobs):
            if Q[k, j] < self.thresholds_[j]:
                out[i].remove(j)
        return out

    def confidence(self, P: np.ndarray, themes: list[tuple[str, ...]]) -> np.ndarray:
        """How sure the model is of each item's themes: the weakest of its decisions, i.e. the
        smallest of P(theme) over the themes given and 1 − P(theme) over those not given
        (calibrated probabilities; 1 = sure of every decision)."""
        classes = [str(c) for c in self.classes_]
        P = np.atleast_2d(P)
        out = np.empty(len(P))
        for r, (row, ts) in enumerate(zip(P, themes)):
            given = np.array([c in ts for c in classes])
            out[r] = float(np.min(np.where(given, row, 1.0 - row))) if len(classes) else 0.0
        return out

    def explain(self, X, themes: list[tuple[str, ...]], top: int = 5) -> list[dict[str, list[str]]]:
        """For each text, the words that drove each of its themes: the word n-grams and keyword
        matches present in the text with the largest positive weight × value in that theme's
        linear model (two characters or more, at least a fifth of the strongest one's share;
        character n-grams only where no word qualifies). Empty for a model without linear
        coefficients, and for ``generic``."""
        check_is_fitted(self, "model_")
        texts = _texts(X)
        coefs = _coefficients(self.model_)
        if coefs is None or not texts:
            return [{} for _ in texts]
        names = _feature_names(self.features_)
        # each distinct text with a theme to explain is vectorised once (stock phrases repeat)
        rows: dict[str, int] = {}
        for text, ts in zip(texts, themes):
            if any(t != GENERIC for t in ts):
                rows.setdefault(text, len(rows))
        Xm = self.features_.transform(list(rows)).tocsr() if rows else None
        index = {str(c): j for j, c in enumerate(self.classes_)}
        out: list[dict[str, list[str]]] = []
        for r, ts in enumerate(themes):
            if texts[r] not in rows:
                out.append({})
                continue
            assert Xm is not None  # rows holds texts[r], so rows was not empty
            row = Xm.getrow(rows[texts[r]])
            why: dict[str, list[str]] = {}
            for t in ts:
                j = index.get(t)
                if j is None or t == GENERIC:
                    continue
                contrib = row.data * coefs[j, row.indices]
                order = [k for k in np.argsort(-contrib, kind="stable") if contrib[k] > 0]
                words = self._words(order, contrib, row.indices, names, texts[r], ("word", "kw"), top) \
                    or self._words(order, contrib, row.indices, names, texts[r], ("char",), top)
                if words:
                    why[t] = words
            out.append(why)
        return out

    @staticmethod
    def _words(order, contrib, cols, names, text: str, kinds: tuple, top: int) -> list[str]:
        picked = [(k, names[cols[k]]) for k in order if names[cols[k]][0] in kinds]
        if not picked:
            return []
        floor = 0.2 * contrib[picked[0][0]]
        words: list[str] = []
        for k, (kind, w) in picked:
            if contrib[k] < floor or len(words) >= top:
                break
            if kind == "kw":  # a keyword pattern: the words it matched
                m = compile_pattern(w).search(clean_text(text))
                w = m.group(0) if m else ""
            if len(w) >= 2 and _WORD.fullmatch(w) and not any(w in seen or seen in w for seen in words):
                words.append(w)
        return words

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
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]+")


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if len(_CJK.findall(c)) >= 4]


def _platt(P: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Per column, ``(a, b)`` of P(y=1) = sigmoid(a · logit(p) + b), fitted on held-out ``P``."""
    out = np.tile([1.0, 0.0], (P.shape[1], 1))
    Z = _logit(P)
    for j in range(P.shape[1]):
        if 0 < Y[:, j].sum() < len(Y):
            lr = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000).fit(Z[:, [j]], Y[:, j])
            out[j] = (float(lr.coef_[0, 0]), float(lr.intercept_[0]))
    return out


def _apply_platt(P: np.ndarray, ab: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(_logit(P) * ab[:, 0] + ab[:, 1])))


def _logit(P: np.ndarray) -> np.ndarray:
    P = np.clip(np.asarray(P, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(P / (1 - P))


def _coefficients(model) -> "np.ndarray | None":
    """The (themes × features) weights of a one-vs-rest linear model, or None."""
    rows = []
    for est in getattr(model, "estimators_", ()):
        coef = getattr(est, "coef_", None)
        if coef is None:
            return None
        rows.append(np.asarray(coef).ravel())
    return np.vstack(rows) if rows else None


def _feature_names(features) -> list[tuple[str, str]]:
    """``(kind, name)`` of the feature union's columns: ``word`` n-grams (joined), ``kw``
    keyword patterns, ``char`` n-grams."""
    names: list[tuple[str, str]] = []
    for name, part in features.transformer_list:
        if name == "keywords":
            names += [("kw", p) for p in part.patterns_]
        else:
            kind = "word" if name == "word" else "char"
            names += [(kind, v.replace(" ", "") if kind == "word" else v) for v in part.get_feature_names_out()]
    return names


def _f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = int(np.sum(y & pred))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(y & ~pred))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)

