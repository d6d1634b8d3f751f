"""Imports are paid where they are used (issue 13): the package, the command line and a scan's
client process import none of the heavy modules; a worker imports them once, not per chunk."""
from __future__ import annotations

import subprocess
import sys

HEAVY = ("sklearn", "scipy", "pandas", "numpy", "joblib", "cn2an", "jieba", "rjieba", "importlib.metadata")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_import_of_the_package_and_its_command_line_is_light():
    loaded = _modules_after("import disclosure_nlp\nfrom disclosure_nlp.cli import main")
    assert not loaded.intersection(HEAVY), sorted(loaded.intersection(HEAVY))


def test_version_is_read_on_first_use():
    out = subprocess.run([sys.executable, "-c", "import disclosure_nlp as d\nprint(d.__version__)"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out and out[0].isdigit()


def test_a_scan_client_with_workers_imports_no_model(tmp_path):
    from disclosure_nlp.paths import sample_corpus

    sample = next(p for p in sorted(sample_corpus().iterdir()) if p.suffix == ".txt")
    code = (f"from disclosure_nlp.batch import BatchOptions\n"
            f"from disclosure_nlp.scanner import scan\n"
            f"from disclosure_nlp.pipeline import Settings\n"
            f"r = scan({str(sample)!r}, {str(tmp_path / 'out')!r}, Settings(), BatchOptions(workers=2))\n"
            f"assert r.by_status.get('ok', 0) + r.by_status.get('partial', 0) == 1, r.by_status")
    loaded = _modules_after(code)
    assert not loaded.intersection(("sklearn", "scipy.stats", "cn2an", "jieba", "rjieba")), loaded


def test_a_worker_builds_its_pipeline_once(tmp_path):
    from disclosure_nlp import batch
    from disclosure_nlp.paths import sample_corpus
    from disclosure_nlp.pipeline import Settings

    files = [str(p) for p in sorted(sample_corpus().iterdir()) if p.suffix in (".txt", ".md")][:4]
    assert len(files) >= 2
    settings = Settings()
    batch.process_chunk(files[:1], settings)
    first = batch._PIPELINE
    batch.process_chunk(files[1:], settings)
    assert batch._PIPELINE is first
