"""Fixtures of the robustness tests: the bad-input script as a module, the corpus it writes
(built once per session, without the 50 MB file) and the shared real corpus."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "make_bad_inputs.py"


def load_script():
    """scripts/make_bad_inputs.py imported as the module ``make_bad_inputs``."""
    if "make_bad_inputs" in sys.modules:
        return sys.modules["make_bad_inputs"]
    spec = importlib.util.spec_from_file_location("make_bad_inputs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_bad_inputs"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def bad_inputs():
    return load_script()


@pytest.fixture(scope="session")
def bad_corpus(bad_inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bad_inputs")
    bad_inputs.build(out, big=False)
    return out
