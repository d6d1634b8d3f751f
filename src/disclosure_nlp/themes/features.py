"""Text features of the theme classifier: cleaning, model tokens and the TF-IDF union.

Every callable a vectorizer holds is a module-level function, so fitted pipelines pickle.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from ..narrative.segment import tokenize
from ..numerals import ONE_TO_TEN
from .keywords import KEYWORDS

# enumerators and lead phrases say nothing about the theme: 一是 （二） 3、 (4) 第五， 其次，
_ENUM = re.compile(
    rf"^\s*(?:[{ONE_TO_TEN}]{{1,3}}\s*是|[（(]\s*[{ONE_TO_TEN}\d]{{1,3}}\s*[）)]|[{ONE_TO_TEN}]{{1,3}}\s*[、.．]"
    rf"|\d{{1,2}}\s*[、.．](?!\d)|第[{ONE_TO_TEN}]{{1,3}}\s*[，,、：:]|(?:首先|其次|再次|最后)\s*[，,、：:])\s*")
_PAGE = re.compile(r"-\s*\d{1,3}\s*-")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"^[\W_]+$")


def clean_text(text: str) -> str:
    """Drop the enumerator, page footers and whitespace; write every number as 0."""
    text = _PAGE.sub("", text)
    text = _ENUM.sub("", text, count=1)
    text = _SPACE.sub("", text)
    return _DIGITS.sub("0", text)


def model_tokens(text: str) -> list[str]:
    """Word tokens of a cleaned text, punctuation dropped."""
    return [t for t in tokenize(text) if not _PUNCT.match(t)]


def make_features(word_ngrams=(1, 2), char_ngrams=(1, 3), min_df=1, max_features=None,
                  keyword_weight=0.0) -> FeatureUnion:
    """TF-IDF of word n-grams (our tokenizer) and of character n-grams, side by side; with
    ``keyword_weight`` > 0 also the keyword indicators."""
    word = TfidfVectorizer(preprocessor=clean_text, tokenizer=model_tokens, token_pattern=None, lowercase=False,
                           ngram_range=tuple(word_ngrams), min_df=min_df, sublinear_tf=True,
                           max_features=max_features)
    char = TfidfVectorizer(preprocessor=clean_text, analyzer="char", lowercase=False,
                           ngram_range=tuple(char_ngrams), min_df=min_df, sublinear_tf=True,
                           max_features=max_features)
    parts = [("word", word), ("char", char)]
    if keyword_weight:
        parts.append(("keywords", KeywordFeatures(keyword_weight)))
    return FeatureUnion(parts)


@lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> "re.Pattern":
    return re.compile(pattern)


class KeywordFeatures(TransformerMixin, BaseEstimator):
    """One indicator column per hand-written keyword pattern (``keywords.KEYWORDS``), times ``weight``."""

    def __init__(self, weight=1.0):
        self.weight = weight

    def fit(self, X, y=None):
        # the pattern strings (a saved model holds no compiled regex: skops cannot restore one)
        self.patterns_ = [p for theme in sorted(KEYWORDS) for p in KEYWORDS[theme]]
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        rows, cols = [], []
        compiled = [compile_pattern(p) for p in self.patterns_]
        for r, text in enumerate(X):
            text = clean_text(text)
            for c, p in enumerate(compiled):
                if p.search(text):
                    rows.append(r)
                    cols.append(c)
        data = np.full(len(rows), float(self.weight))
        return sparse.csr_matrix((data, (rows, cols)), shape=(len(X), len(self.patterns_)))

    def get_feature_names_out(self, input_features=None):
        return np.array([f"kw{c}" for c in range(len(self.patterns_))], dtype=object)
