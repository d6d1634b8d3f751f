"""Model and corpus I/O: the labelled corpus, training, saving, loading and evaluating a model.

This is the only module of ``themes`` that touches files. A saved model is a skops file
(``skops.io``: no pickle, so loading it runs no code of the file's choosing) plus
``<stem>.meta.json`` beside it (sha256 of the model file, corpus hash, label set, versions,
metrics). ``load_model`` refuses a file whose sha256 differs from its metadata, that has no
metadata, or that holds a type outside ``TRUSTED_TYPES`` (the package's own classes and
functions; scikit-learn's and numpy's are trusted by skops itself).
"""
from __future__ import annotations

import csv
import hashlib
import json
import logging
import platform
import re
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, Union

import skops.io as sio

from ..errors import DisclosureError, ModelError
from ..i18n import t
from ..paths import default_model
from ..schema import KINDS, THEME_NAMES, THEMES
from .baseline import KeywordClassifier
from .classifier import ThemeClassifier
from .evaluate import (
    confusion_summary,
    cross_validate,
    kind_accuracy,
    multilabel_scores,
)
from .score import report_profiles

# the types of a saved model that skops does not trust by itself: ours, named one by one
TRUSTED_TYPES = (
    "disclosure_nlp.themes.classifier.ThemeClassifier",
    "disclosure_nlp.themes.baseline.KeywordClassifier",
    "disclosure_nlp.themes.features.KeywordFeatures",
    "disclosure_nlp.themes.features.clean_text",
    "disclosure_nlp.themes.features.model_tokens",
)
_NAME_TO_ID = {v: k for k, v in THEME_NAMES.items()}
_SPLIT = re.compile(r"[\s,，;；、/|]+")

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
            raise DisclosureError(t(f"{p}：标注语料文件或文件夹不存在（应为 *.jsonl 条目）",
                                    f"{p}: no such corpus file or folder (expected *.jsonl items)"))
    if not files:
        raise DisclosureError(t(f"{'、'.join(map(str, paths))}：没有找到 *.jsonl 条目文件",
                                f"{', '.join(map(str, paths))}: no *.jsonl item files found"))
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
                raise DisclosureError(t(f"{f}:{n}：不是 JSON（{exc}）", f"{f}:{n}: not JSON ({exc})")) from None
            bad = [t for t in r.get("themes", ()) if t not in THEMES]
            if not r.get("text") or r.get("kind") not in KINDS or not r.get("themes") or bad:
                raise DisclosureError(t(
                    f"{f}:{n}：需要 text、kind（{' 或 '.join(KINDS)}）和 themes（取自 {'、'.join(THEMES)}）；"
                    f"实为 kind={r.get('kind')!r} themes={r.get('themes')!r}",
                    f"{f}:{n}: expected text, kind in {KINDS} and themes from "
                    f"{', '.join(THEMES)}; got kind={r.get('kind')!r} themes={r.get('themes')!r}"))
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


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def versions() -> dict:
    import jieba
    import sklearn

    out = {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
           "jieba": getattr(jieba, "__version__", "?"), "skops": _version("skops")}
    try:
        from importlib.metadata import version

        out["rjieba"] = version("rjieba")
    except Exception:  # rjieba is optional
        pass
    return out


def save_model(clf, path: PathLike, corpus_paths: Sequence[PathLike], metrics: dict) -> Path:
    """Write ``clf`` to ``path`` (skops) and its metadata beside it; returns the metadata path.

    ``corpus_paths``: the item files it was trained on (folders, files or ``(name, sha256)``
    pairs already hashed, e.g. an office's added labels)."""
    path = Path(path)
    if path.suffix != ".skops":
        raise ModelError(t(f"{path}：模型文件须以 .skops 结尾", f"{path}: a model file must end in .skops"))
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(clf, path, compression=8)
    files = corpus_files(corpus_paths)
    meta = {
        "model": path.name, "sha256": _sha256(path), "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "estimator": type(clf).__name__, "params": {k: _plain(v) for k, v in clf.get_params().items()},
        "labels": [str(c) for c in clf.classes_], "kinds": list(KINDS),
        "thresholds": {str(c): round(float(t), 4) for c, t in zip(clf.classes_, getattr(clf, "thresholds_", []))},
        "format": "skops", "trusted_types": list(TRUSTED_TYPES),
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
        raise ModelError(t(f"{path}：模型文件不存在；可用 `disclosure-nlp train --corpus corpora/items --out {path}` 训练",
                           f"{path}: no model file; train one with `disclosure-nlp train --corpus corpora/items "
                           f"--out {path}`"))
    if path.suffix != ".skops":
        raise ModelError(t(f"{path}：只读取 .skops 模型（joblib/pickle 文件读取时可执行任意代码）；请用 "
                           f"`disclosure-nlp train --out 模型.skops` 重新训练",
                           f"{path}: only .skops models are loaded (a joblib/pickle file can run code when "
                           f"loaded); retrain with `disclosure-nlp train --out MODEL.skops`"))
    mp = meta_path(path)
    if not mp.is_file():
        raise ModelError(t(f"{path}：旁边没有元数据文件 {mp.name}；只读取本工具写出的模型",
                           f"{path}: no metadata {mp.name} beside it; only load model files you wrote"))
    try:
        meta = json.loads(mp.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelError(t(f"{mp}：元数据无法读取（{exc}）", f"{mp}: unreadable metadata ({exc})")) from None
    actual = _sha256(path)
    if meta.get("sha256") != actual:
        raise ModelError(t(f"{path}：sha256 {actual[:12]}… 与元数据（{str(meta.get('sha256'))[:12]}…）不符；"
                           f"只读取本工具写出的模型",
                           f"{path}: sha256 {actual[:12]}… does not match its metadata "
                           f"({str(meta.get('sha256'))[:12]}…); only load model files you wrote"))
    try:
        untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
        if untrusted:
            raise ModelError(t(f"{path}：含有不受信任的类型 {', '.join(sorted(untrusted))}，拒绝读取",
                               f"{path}: holds untrusted types {', '.join(sorted(untrusted))}; not loaded"))
        clf = sio.load(path, trusted=list(TRUSTED_TYPES))
    except ModelError:
        raise
    except Exception as exc:  # a damaged or foreign file
        raise ModelError(t(f"{path}：无法读取模型（{exc}）", f"{path}: cannot read the model ({exc})")) from None
    if not hasattr(clf, "predict") or not hasattr(clf, "classes_"):
        raise ModelError(t(f"{path}：不是训练好的主题分类模型", f"{path}: not a fitted theme classifier"))
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


def parse_themes(value) -> list[str]:
    """Theme ids from a list or a string of ids and/or Chinese names (separated by , ; 、 / or
    spaces; ``timeliness（公开时效）`` as ``suggest`` writes them is fine); raises
    DisclosureError naming the valid ids for anything else."""
    parts = value if isinstance(value, (list, tuple)) else _SPLIT.split(str(value or ""))
    out = []
    for p in (re.sub(r"[（(][^）)]*[）)]", "", str(x)).strip() for x in parts):
        if not p:
            continue
        theme = p if p in THEMES else _NAME_TO_ID.get(p)
        if theme is None:
            raise DisclosureError(t(f"未知主题 {p!r}；可用：" + "、".join(f"{k}（{v}）" for k, v in THEME_NAMES.items()),
                                    f"unknown theme {p!r}; valid: {', '.join(THEMES)}"))
        if theme not in out:
            out.append(theme)
    return out


def load_labels(path: PathLike, author: str = "office") -> list[dict]:
    """An office's labelled items: the JSONL or CSV that ``suggest`` wrote, with the ``themes``
    column filled in (ids or Chinese names). Rows whose ``themes`` is still blank are skipped;
    ``kind`` must be problem or improvement."""
    path = Path(path)
    if not path.is_file():
        raise DisclosureError(t(f"{path}：标注文件不存在", f"{path}: no such labels file"))
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    else:
        rows = []
        for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise DisclosureError(t(f"{path}:{n}：不是 JSON（{exc}）", f"{path}:{n}: not JSON ({exc})")) from None
    out = []
    for n, r in enumerate(rows, 1):
        try:
            themes = parse_themes(r.get("themes"))
        except DisclosureError as exc:
            raise DisclosureError(f"{path}:{n}: {exc}") from None
        if not themes:
            continue
        if r.get("kind") not in KINDS or not str(r.get("text") or "").strip():
            raise DisclosureError(t(f"{path}:{n}：需要 text 和 kind（problem 或 improvement），实为 kind={r.get('kind')!r}",
                                    f"{path}:{n}: expected text and kind in {KINDS}; got kind={r.get('kind')!r}"))
        if "generic" in themes and len(themes) > 1:
            themes.remove("generic")  # generic stands alone (TAXONOMY.md)
        text = re.sub(r"^'(?=[=+\-@])", "", str(r["text"]).strip())  # suggest's guard against Excel formulas
        out.append({"text": text, "kind": r["kind"], "themes": themes,
                    "author": r.get("author") or author})
    return out


def train(corpus: PathLike, out: PathLike, estimator: str = "logreg", cv_folds: int = 5,
          progress: Optional[Callable[[str, int, int], None]] = None, add: Sequence[PathLike] = (),
          grouped: bool = True, **params) -> dict:
    """Cross-validate on the corpus (and the ``add``ed labels, which replace corpus items of the
    same text), fit on all of it, save to ``out``.

    The metrics: ``cv`` (random split, shuffled K-fold) and, with ``grouped``, ``cv_grouped``
    (``GroupKFold`` over the items' authors: a whole writer held out at a time)."""
    added = [r for a in add for r in load_labels(a)]
    replaced = {r["text"] for r in added}
    records = [r for r in load_corpus(corpus) if r["text"] not in replaced] + added
    texts = [r["text"] for r in records]
    themes = [r["themes"] for r in records]
    kinds = [r["kind"] for r in records]
    clf = make_estimator(estimator, **params)
    metrics: dict = {"items": len(records), "added": len(added)}
    if cv_folds >= 2:
        metrics["cv"] = cross_validate(clf, texts, themes, kinds, n_splits=cv_folds,
                                       progress=(lambda k, n: progress("cross-validation", k, n)) if progress else None)
        authors = [r["author"] for r in records]
        if grouped and len(set(authors)) >= 2:
            metrics["cv_grouped"] = cross_validate(
                clf, texts, themes, kinds, n_splits=cv_folds, groups=authors,
                progress=(lambda k, n: progress("grouped cross-validation", k, n)) if progress else None)
    if progress:
        progress("fit", 0, 1)
    clf.fit(texts, themes, kinds=kinds)
    if progress:
        progress("fit", 1, 1)
    save_model(clf, out, [corpus, *add], metrics)
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


SUGGEST_COLUMNS = ("text", "kind", "predicted", "confidence", "why", "source", "themes")


def _theme_label(theme: str) -> str:
    return f"{theme}（{THEME_NAMES.get(theme, theme)}）"


def suggest(scan_dir: PathLike, dest: PathLike, n: int = 200, model: Optional[PathLike] = None) -> dict:
    """Write the ``n`` items of a scan the model is least sure of, for an officer to label.

    Reads ``scan_dir/reports.jsonl`` one line at a time (each distinct item text once; an item
    written without a ``confidence`` is classified again with ``model``, default: the packaged
    one) and writes ``dest.csv`` (UTF-8 with BOM, for Excel) and ``dest.jsonl`` with the columns
    ``SUGGEST_COLUMNS``: the text, its kind, the predicted themes with their Chinese names, the
    confidence, the words that drove each theme, the report, and a blank ``themes`` to fill
    in (ids or Chinese names). ``train --add dest.csv`` (or ``.jsonl``) learns from them."""
    import heapq

    from .score import classify_texts

    reports = Path(scan_dir) / "reports.jsonl"
    if not reports.is_file():
        raise DisclosureError(t(f"{reports}：没有扫描结果（先运行 disclosure-nlp scan 目录 --out {scan_dir}）",
                                f"{reports}: no scan output (run disclosure-nlp scan DIR --out {scan_dir} first)"))
    heap: list[tuple[float, int, dict]] = []  # the n least sure, as a max-heap on -confidence
    seen: set[str] = set()
    pending: list[dict] = []
    clf = None
    counter = 0

    def offer(row: dict) -> None:
        nonlocal counter
        counter += 1
        entry = (-row["confidence"], counter, row)
        if len(heap) < n:
            heapq.heappush(heap, entry)
        elif entry[0] > heap[0][0]:
            heapq.heapreplace(heap, entry)

    def flush() -> None:
        nonlocal clf
        if not pending:
            return
        clf = clf or load_model(model)
        for row, r in zip(pending, classify_texts(clf, [p["text"] for p in pending])):
            row.update(themes_predicted=r["themes"], confidence=r["confidence"], why=r["why"])
            if row["confidence"] is not None:
                offer(row)
        pending.clear()

    with open(reports, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                rep = json.loads(line)
            except json.JSONDecodeError:
                continue  # a half-written last line of an interrupted scan
            for item in rep.get("items") or ():
                text = str(item.get("text") or "").strip()
                if not text or text in seen:
                    continue
                seen.add(text)
                row = {"text": text, "kind": item.get("kind", ""), "source": rep.get("source", ""),
                       "themes_predicted": list(item.get("themes") or ()), "confidence": item.get("confidence"),
                       "why": item.get("why") or {}}
                if row["confidence"] is None or model is not None:
                    pending.append(row)
                    if len(pending) >= 1000:
                        flush()
                else:
                    offer(row)
    flush()
    rows = [r for _, _, r in sorted(heap, key=lambda e: (-e[0], e[1]))]
    dest = Path(dest)
    dest = dest.with_suffix("") if dest.suffix in (".csv", ".jsonl") else dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    out_rows = [{"text": r["text"], "kind": r["kind"],
                 "predicted": "；".join(_theme_label(x) for x in r["themes_predicted"]),
                 "confidence": round(float(r["confidence"]), 4),
                 "why": "；".join(f"{THEME_NAMES.get(k, k)}：{'、'.join(v)}" for k, v in r["why"].items()),
                 "source": r["source"], "themes": ""} for r in rows]
    csv_path, jsonl_path = dest.with_name(dest.name + ".csv"), dest.with_name(dest.name + ".jsonl")
    with open(csv_path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=SUGGEST_COLUMNS, lineterminator="\r\n")
        w.writeheader()
        for r in out_rows:
            w.writerow({k: (("'" + v) if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v)
                        for k, v in r.items()})
    with open(jsonl_path, "w", encoding="utf-8") as fh:
        for r in out_rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return {"items": len(seen), "written": len(out_rows), "csv": csv_path, "jsonl": jsonl_path}


def compare_models(models: Sequence[PathLike], labels: PathLike) -> dict:
    """Scores of each model on the same held-out labels (``load_labels``), by model path."""
    items = load_labels(labels)
    if not items:
        raise DisclosureError(t(f"{labels}：没有已标注的条目（themes 列为空）", f"{labels}: no labelled items (themes blank)"))
    return {str(m): evaluate_items(load_model(m), items) for m in models}


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
