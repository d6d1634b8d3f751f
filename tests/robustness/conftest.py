"""Fixtures of the robustness tests: the bad-input script as a module, the corpus it writes
(built once per session, without the 50 MB file) and the shared real corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from builders import load_script  # noqa: F401  (also imported by the tests of this folder)




@pytest.fixture(scope="session")
def bad_inputs():
    return load_script()


@pytest.fixture(scope="session")
def bad_corpus(bad_inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bad_inputs")
    bad_inputs.build(out, big=False)
    return out
