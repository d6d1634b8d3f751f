"""Word segmentation with jieba (reference) or rjieba (default when installed).

Both backends load the package's domain dictionary (``data/domain_dict.txt``). They agree on
Chinese text but not on ASCII runs: rjieba keeps ``2025-03-10``, URLs and file names such as
``t20250310_97791.htm`` whole where jieba splits them. So that both give the same tokens, every
maximal run of ``[A-Za-z0-9._:/%-]`` is cut out before segmentation and kept as one token, and
only the text between such runs goes to the segmenter. Whitespace is dropped.

``tokenize`` is a module-level function, so a scikit-learn vectorizer that uses it pickles.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Callable, Optional

from ..errors import DisclosureError
from ..paths import domain_dictionary

log = logging.getLogger(__name__)

BACKENDS = ("rjieba", "jieba")
DOMAIN_DICT = domain_dictionary()
ASCII_RUN = re.compile(r"[A-Za-z0-9._:/%-]+")
_SPACE = re.compile(r"\s+")


def domain_words() -> tuple[tuple[str, int, str], ...]:
    """The domain dictionary as ``(word, freq, tag)`` triples (comment lines skipped)."""
    return _domain_words()


@lru_cache(maxsize=1)
def _domain_words() -> tuple[tuple[str, int, str], ...]:
    words = []
    for n, line in enumerate(DOMAIN_DICT.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 3 or not parts[1].isdigit():
            raise DisclosureError(f"{DOMAIN_DICT}:{n}: expected 'word freq tag', got {line!r}")
        words.append((parts[0], int(parts[1]), parts[2]))
    return tuple(words)


def available_backends() -> tuple[str, ...]:
    out = []
    for name in BACKENDS:
        try:
            __import__(name)
        except ImportError:
            continue
        out.append(name)
    return tuple(out)


@lru_cache(maxsize=1)
def default_backend() -> str:
    """rjieba when it imports, else jieba; decided once per process (jieba, 0.3 s to import,
    is not imported when rjieba is there)."""
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return "jieba"
    return "rjieba"


@lru_cache(maxsize=None)
def _cutter(backend: str) -> Callable[[str], list]:
    """A segmenter instance of its own (the global jieba dictionary is left alone)."""
    if backend == "jieba":
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        for word, freq, tag in domain_words():
            tk.add_word(word, freq, tag)
        return lambda s: list(tk.cut(s, HMM=True))
    if backend == "rjieba":
        import rjieba

        tk = rjieba.Jieba()
        for word, freq, tag in domain_words():
            tk.add_word(word, freq, tag)
        return lambda s: tk.cut(s, True)
    raise DisclosureError(f"unknown segmentation backend {backend!r}; valid: {', '.join(BACKENDS)}")


def tokenize(text: str, backend: Optional[str] = None) -> list[str]:
    """Segment ``text`` into words; ASCII runs are single tokens, whitespace is dropped."""
    cut = _cutter(backend or default_backend())
    tokens: list[str] = []
    pos = 0
    for m in ASCII_RUN.finditer(text):
        _cut_into(tokens, cut, text[pos:m.start()])
        tokens.append(m.group())
        pos = m.end()
    _cut_into(tokens, cut, text[pos:])
    return tokens


def _cut_into(tokens: list[str], cut, piece: str) -> None:
    for chunk in _SPACE.split(piece):
        if chunk:
            tokens.extend(t for t in cut(chunk) if not t.isspace())
