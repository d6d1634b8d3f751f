from pathlib import Path

import pytest

from builders import REAL


@pytest.fixture(scope="session")
def real_dir() -> Path:
    """The real reports of ../shared/corpus/real (not ours: read at run time, never copied)."""
    if not REAL.is_dir():
        pytest.skip(f"{REAL} not found: real-corpus tests need the shared folder beside the checkout")
    return REAL


@pytest.fixture(scope="session")
def real_corpus(real_dir) -> Path:
    return real_dir


_WEIGHTS = ("bold", "black", "heavy", "light", "thin", "medium", "semibold", "extralight", "demilight")


@pytest.fixture(scope="session")
def cjk_font() -> str:
    """A regular-weight font file with Chinese glyphs, chosen deterministically: the generator's
    own choice (DISCLOSURE_NLP_CJK_FONT, then its list of regular fonts), else the first regular
    face fc-list names. Tests that build PDFs skip with a message where there is none; the
    generator is told the font found (DISCLOSURE_NLP_CJK_FONT)."""
    import os
    import subprocess

    from disclosure_nlp.generate.model import GeneratorError
    from disclosure_nlp.generate.office import cjk_font as generator_font

    try:
        return str(generator_font())
    except GeneratorError:
        pass
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    files = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})
    files = [f for f in files if f.lower().endswith((".ttf", ".ttc", ".otf")) and Path(f).is_file()]
    regular = [f for f in files if not any(w in Path(f).name.lower() for w in _WEIGHTS)]
    if not (regular or files):
        pytest.skip("no CJK font installed (none of the generator's fonts, fc-list :lang=zh finds no file): PDF tests need one; "
                    "Debian: apt-get install fonts-wqy-microhei")
    font = (regular or files)[0]
    os.environ["DISCLOSURE_NLP_CJK_FONT"] = font
    return font
