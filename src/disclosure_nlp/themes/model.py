"""Model and corpus I/O: the labelled corpus, training, saving, loading and evaluating a model.

This is the only module of ``themes`` that touches files. A saved model is a joblib file plus
``<stem>.meta.json`` beside it (sha256 of the joblib file, corpus hash, label set, versions,
metrics). ``load_model`` refuses a file whose sha256 differs from its metadata, or that has no
metadata: only load model files you wrote (a joblib file can run code when loaded).
"""
from __future__ import annotations

import hashlib
import json
import logging
import platform
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, Union

import joblib

from ..errors import DisclosureError, ModelError
from ..paths import default_model
from ..schema import KINDS
from . import THEMES
from .baseline import KeywordClassifier
from .classifier import ThemeClassifier
from .evaluate import confusion_summary, cross_validate, kind_accuracy, multilabel_scores
from .score import report_profiles

log = logging.getLogger(__name__)
PathLike = Union[str, Path]


# -- corpus ----------------------------------------------------------------------------------
def corpus_files(corpus: Union[PathLike, Iterable[PathLike]]) -> list[Path]:
    """The ``*.jsonl`` files of a folder (sorted), or the given files."""
    paths = [Path(corpus)] if isinstance(corpus, (str, Path)) else [Path(p) for p in corpus]
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(p.glob("*.jsonl"))
        elif p.is_file():
            files.append(p)
        else:
            raise DisclosureError(f"{p}: no such corpus file or folder (expected *.jsonl items)")
    if not files:
        raise DisclosureError(f"{', '.join(map(str, paths))}: no *.jsonl item files found")
    return files


def load_corpus(corpus: Union[PathLike, Iterable[PathLike]]) -> list[dict]:
    """Items ``{"text", "kind", "themes", "author"}`` of the corpus, checked against the taxonomy."""
    records, seen = [], set()
    for f in corpus_files(corpus):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DisclosureError(f"{f}:{n}: not JSON ({exc})") from None
            bad = [t for t in r.get("themes", ()) if t not in THEMES]
            if not r.get("text") or r.get("kind") not in KINDS or not r.get("themes") or bad:
                raise DisclosureError(f"{f}:{n}: expected text, kind in {KINDS} and themes from "
                                      f"{', '.join(THEMES)}; got kind={r.get('kind')!r} themes={r.get('themes')!r}")
            if r["text"] in seen:
                continue
            seen.add(r["text"])
            records.append({"text": r["text"], "kind": r["kind"], "themes": list(r["themes"]),
                            "author": r.get("author", f.stem)})
    return records


def corpus_hash(files: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for f in sorted(files, key=lambda p: p.name):
        h.update(f.name.encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def load_real_items(real_dir: PathLike) -> list[dict]:
    """The labelled items of ``*.items.json`` (evaluation only: never train on them)."""
    out = []
    for f in sorted(Path(real_dir).glob("*.items.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        name = f.name[: -len(".items.json")]
        sources = [p for p in sorted(f.parent.glob(name + ".*")) if not p.name.endswith(".json")]
        out.append({"report": name, "path": f, "source": sources[0] if sources else None,
                    "items": data.get("items", []), "profile": data.get("report_theme_profile", {})})
    return out


# -- save / load -----------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def meta_path(path: PathLike) -> Path:
    path = Path(path)
    return path.with_name(path.stem + ".meta.json")


def versions() -> dict:
    import jieba
    import sklearn

    out = {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
           "jieba": getattr(jieba, "__version__", "?"), "joblib": joblib.__version__}
    try:
        from importlib.metadata import version

        out["rjieba"] = version("rjieba")
    except Exception:  # rjieba is optional
        pass
    return out


def save_model(clf, path: PathLike, corpus_paths: Sequence[PathLike], metrics: dict) -> Path:
    """Write ``clf`` to ``path`` (joblib) and its metadata beside it; returns the metadata path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(clf, path, compress=3)
    files = corpus_files(corpus_paths)
    meta = {
        "model": path.name, "sha256": _sha256(path), "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "estimator": type(clf).__name__, "params": {k: _plain(v) for k, v in clf.get_params().items()},
        "labels": [str(c) for c in clf.classes_], "kinds": list(KINDS),
        "thresholds": {str(c): round(float(t), 4) for c, t in zip(clf.classes_, getattr(clf, "thresholds_", []))},
        "corpus": {"files": [f.name for f in files], "sha256": corpus_hash(files)},
        "versions": versions(), "metrics": metrics,
    }
    mp = meta_path(path)
    mp.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return mp


def _plain(v):
    return list(v) if isinstance(v, tuple) else v


def load_model(path: Optional[PathLike] = None) -> ThemeClassifier:
    """Load a model written by ``save_model``; the default model is loaded once and cached."""
    if path is None:
        return _load_default()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _load_default() -> ThemeClassifier:
    return _load(default_model())


def _load(path: Path) -> ThemeClassifier:
    if not path.is_file():
        raise ModelError(f"{path}: no model file; train one with `disclosure-nlp train --corpus corpora/items "
                         f"--out {path}`")
    mp = meta_path(path)
    if not mp.is_file():
        raise ModelError(f"{path}: no metadata {mp.name} beside it; only load model files you wrote")
    try:
        meta = json.loads(mp.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError(f"{mp}: unreadable metadata ({exc})") from None
    actual = _sha256(path)
    if meta.get("sha256") != actual:
        raise ModelError(f"{path}: sha256 {actual[:12]}… does not match its metadata "
                         f"({str(meta.get('sha256'))[:12]}…); only load model files you wrote")
    clf = joblib.load(path)
    if not hasattr(clf, "predict") or not hasattr(clf, "classes_"):
        raise ModelError(f"{path}: not a fitted theme classifier")
    return clf


def model_info(path: Optional[PathLike] = None) -> dict:
    mp = meta_path(Path(path) if path else default_model())
    return json.loads(mp.read_text(encoding="utf-8")) if mp.is_file() else {}


# -- train / evaluate ------------------------------------------------------------------------
def make_estimator(name: str = "logreg", **params):
    """``logreg`` / ``svm`` (ThemeClassifier) or ``keywords`` (the baseline)."""
    if name == "keywords":
        return KeywordClassifier()
    return ThemeClassifier(estimator=name, **params)


def train(corpus: PathLike, out: PathLike, estimator: str = "logreg", cv_folds: int = 5,
          progress: Optional[Callable[[str, int, int], None]] = None, **params) -> dict:
    """Cross-validate on the corpus, fit on all of it, save to ``out``; returns the metrics."""
    records = load_corpus(corpus)
    texts = [r["text"] for r in records]
    themes = [r["themes"] for r in records]
    kinds = [r["kind"] for r in records]
    clf = make_estimator(estimator, **params)
    metrics: dict = {"items": len(records)}
    if cv_folds >= 2:
        cv = cross_validate(clf, texts, themes, kinds, n_splits=cv_folds,
                            progress=(lambda k, n: progress("cross-validation", k, n)) if progress else None)
        metrics["cv"] = cv
    if progress:
        progress("fit", 0, 1)
    clf.fit(texts, themes, kinds=kinds)
    if progress:
        progress("fit", 1, 1)
    save_model(clf, out, [corpus], metrics)
    return metrics


def evaluate_items(clf, items: Sequence[dict]) -> dict:
    """Scores of ``clf`` on labelled items ``{"text", "kind", "themes"}``."""
    texts = [i["text"] for i in items]
    gold = [set(i["themes"]) for i in items]
    pred = [set(p) for p in clf.predict(texts)]
    out = multilabel_scores(gold, pred)
    out["confusions"] = confusion_summary(gold, pred)
    if hasattr(clf, "predict_kind") and getattr(clf, "kind_model_", True) is not None:
        out["kind_accuracy"] = kind_accuracy([i["kind"] for i in items], clf.predict_kind(texts))
    return out


def evaluate_model(model: Optional[PathLike] = None, corpus: Optional[PathLike] = None,
                   real: Optional[PathLike] = None, estimator=None,
                   read_section: Optional[Callable[[Path], str]] = None) -> dict:
    """Scores of a saved model (or ``estimator``) on a corpus and on the real labelled items.

    With ``read_section`` (a report file → text of its section 五) also end to end on the real
    reports: 五 split into items and classified, the set of (kind, theme) pairs per report
    against the labelled profile.
    """
    clf = estimator if estimator is not None else load_model(model)
    out: dict = {}
    if corpus is not None:
        out["corpus"] = evaluate_items(clf, load_corpus(corpus))
    if real is not None and Path(real).is_dir():
        reports = load_real_items(real)
        out["real"] = evaluate_items(clf, [i for r in reports for i in r["items"]])
        if read_section is not None:
            sections = {r["report"]: read_section(r["source"]) for r in reports if r["source"] is not None}
            out["real_profile"] = report_profiles(clf, reports, sections)
    return out
