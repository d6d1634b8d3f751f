"""The keyword baseline: hand-written rules per theme, the same interface as ThemeClassifier.

A theme is given when one of its patterns occurs in the text; ``generic`` when none does.
The kind is ``improvement`` when the text reads as a measure (下一步/将/加强…), else ``problem``.
The model has to beat this to earn its place.
"""
from __future__ import annotations

import re

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from ..schema import GENERIC, THEMES
from .features import clean_text
from .keywords import KEYWORDS

IMPROVEMENT_CUE = re.compile(
    r"^(?:下一步|今后|明年|\d{4}年)|将|^(?:不断|进一步|持续|继续|切实|全面|着力|大力|积极)?"
    r"(?:加强|提升|提高|丰富|完善|推动|推进|健全|建立|强化|优化|拓宽|拓展|深化|做好|加大|规范|落实|坚持|扩大|创新|开展|组织)")
PROBLEM_CUE = re.compile(r"有待|不够|不足|不强|不高|不到位|不及时|不规范|不完善|缺乏|滞后|薄弱|单一|差距|短板|难以|尚未|仍需|问题")


class KeywordClassifier(ClassifierMixin, BaseEstimator):
    """Keyword rules by hand; ``fit`` learns nothing but the label set."""

    def __init__(self, keywords=None):
        self.keywords = keywords

    def fit(self, X, y=None, kinds=None):
        self.classes_ = np.array(THEMES)
        rules = self.keywords or KEYWORDS
        self.patterns_ = {t: re.compile("|".join(rules[t])) for t in THEMES if t in rules}
        return self

    def predict(self, X) -> list[tuple[str, ...]]:
        out = []
        for text in X:
            text = clean_text(text)
            hits = tuple(t for t, p in self.patterns_.items() if p.search(text))
            out.append(hits or (GENERIC,))
        return out

    def predict_proba(self, X) -> np.ndarray:
        P = np.zeros((len(X), len(self.classes_)))
        index = {t: i for i, t in enumerate(self.classes_)}
        for r, themes in enumerate(self.predict(X)):
            for t in themes:
                P[r, index[t]] = 1.0
        return P

    def predict_kind(self, X) -> list[str]:
        out = []
        for text in X:
            text = clean_text(text)
            improvement = bool(IMPROVEMENT_CUE.search(text)) and not PROBLEM_CUE.search(text[:12])
            out.append("improvement" if improvement else "problem")
        return out
