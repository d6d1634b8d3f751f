"""``figures._normalize`` (one translate and one regex pass) gives exactly what the per-character
loop it replaced gave: the reference below is that loop, kept here as the definition."""
from __future__ import annotations

import random
import sys
import unicodedata

import pytest

from disclosure_nlp.narrative.figures import _line_breaks, _normalize, extract_figures


def _reference(text: str) -> tuple[str, list[int]]:
    """The loop ``_normalize`` replaced (issue 13), character by character."""
    keep = _line_breaks(text)
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if i in keep:
            out.append("\n")
            index.append(i)
            continue
        n = ch if ch in "，：；（）！？" else unicodedata.normalize("NFKC", ch)
        if n.isspace() or not n:
            prev = out[-1] if out else ""
            nxt = next((c for c in text[i + 1:i + 4] if not c.isspace()), "")
            if prev and nxt and ((prev.isdigit() and nxt.isdigit())
                                 or (prev.isascii() and prev.isalpha() and nxt.isascii() and nxt.isalpha())):
                if out[-1] != " ":
                    out.append(" ")
                    index.append(i)
            continue
        for c in n:
            out.append(c)
            index.append(i)
    return "".join(out), index


# whitespace of every kind, digits (ASCII, full-width, circled, superscript), Latin letters,
# characters whose NFKC form is longer (… ㈠ ㎡ ¨ ﬁ) and sentence ends that keep a line break
_ALPHABET = ("  \n\n\n\t\r\u3000\xa0\u2007\x1c" "0123456789１２③²" "abcXYZａｂ" "…㈠㎡¨ﬁ⒈"
             "。；：，（）！？、%％" "一二三收到申请件条公开")


def test_every_character_normalizes_as_the_fast_path_assumes():
    """No character's NFKC form is empty; a form longer than one character is never
    whitespace; a character of one-character form is whitespace exactly when its form is, and
    that form is its own form (so replacing characters one after the other cannot chain)."""
    from disclosure_nlp.narrative.figures import _OTHER, _nfkc

    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        n = _nfkc(ch)
        assert n, hex(cp)
        assert _OTHER.match(ch) or n == ch, hex(cp)  # a character not looked up is its own form
        if len(n) == 1:
            assert n.isspace() == ch.isspace() and _nfkc(n) == n, hex(cp)
        else:
            assert not ch.isspace() and not n.isspace(), hex(cp)


def test_random_texts_normalize_as_the_reference():
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 40)))
        assert _normalize(text) == _reference(text), repr(text)


@pytest.mark.parametrize("text", [
    "", " ", "\n", "1 2", "1    2", "1  \n  2", "a \nb", "共收到申请。\n 12件", "12\n34", "１ ２", "ab\u3000cd",
    "3 …… 4", "……", "a ¨ b", "①\n②", "（一）概述\n 本年", "第1\n2条", "x" * 5 + " " * 7 + "y",
])
def test_edge_cases_normalize_as_the_reference(text):
    assert _normalize(text) == _reference(text)


def test_the_sample_corpus_normalizes_as_the_reference():
    from disclosure_nlp.paths import sample_corpus
    from disclosure_nlp.read import read_file

    texts = [read_file(p).text for p in sorted(sample_corpus().iterdir())
             if p.suffix in (".txt", ".md", ".html", ".docx")]
    assert texts
    for text in texts:
        assert _normalize(text) == _reference(text)


def test_the_real_reports_normalize_as_the_reference(real_dir):
    from disclosure_nlp.read import read_file

    paths = [p for p in sorted(real_dir.iterdir()) if p.suffix in (".txt", ".md", ".html")]
    assert paths
    for p in paths:
        text = read_file(p).text
        assert _normalize(text) == _reference(text), p.name


def test_offsets_point_into_the_text_across_expanding_characters():
    text = "共收到申请……合计 1 2 件；\n㈠ 予以公开 ３件。"
    norm, index = _normalize(text)
    assert len(index) == len(norm)
    assert "......" in norm and "(一)" in norm and "1 2" in norm and "3件" in norm
    f = next(f for f in extract_figures(text) if f.value == 3)
    assert f.quote == "(一)予以公开3件" and text[f.start] == "㈠"
