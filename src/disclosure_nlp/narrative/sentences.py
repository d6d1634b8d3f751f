"""Sentence spans of Chinese report text.

A sentence ends after 。！？；(and their ASCII forms) or at a line ending in a colon. Line breaks
inside a sentence (PDF line wrapping) do not end it. Spans are ``(start, end)`` offsets into
the text with surrounding whitespace excluded.
"""
from __future__ import annotations

import re

_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|[:：]\s*\n|\n\s*\n")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text[start:end]``, offsets into ``text``."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _END.finditer(text, start, end):
        _add(spans, text, pos, m.end())
        pos = m.end()
    _add(spans, text, pos, end)
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped of surrounding whitespace."""
    return [text[s:e] for s, e in sentence_spans(text)]


def strip_span(text: str, start: int, end: int, chars: str = "") -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace (and trailing ``chars``)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return start, end


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    s, e = strip_span(text, start, end)
    if e > s:
        spans.append((s, e))
