"""``parse.cells.normalize`` (a few ``str.replace``) gives what the ``str.translate`` it replaced gave."""
from __future__ import annotations

import random

from disclosure_nlp.parse.cells import _FULLWIDTH, normalize


def _reference(text: str) -> str:
    return text.translate(_FULLWIDTH).replace("\u00a0", " ").replace("\u3000", " ").replace("−", "-")


def test_random_texts_normalize_as_the_reference():
    alphabet = "０１２３４５６７８９．－，0123456789.-, \u00a0\u3000−—收到申请件（）：\n\t"
    rng = random.Random(12)
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        out = normalize(text)
        assert out == _reference(text) and len(out) == len(text), repr(text)


def test_every_form_character_is_mapped():
    assert normalize("１２．５－３，０\u00a0\u3000−") == "12.5-3,0  -"


def test_real_and_sample_texts_normalize_as_the_reference(real_dir):
    from disclosure_nlp.paths import sample_corpus
    from disclosure_nlp.read import read_file

    paths = [p for d in (real_dir, sample_corpus()) for p in sorted(d.iterdir())
             if p.suffix in (".txt", ".md", ".html")]
    assert paths
    for p in paths:
        text = read_file(p).text
        assert normalize(text) == _reference(text), p.name
