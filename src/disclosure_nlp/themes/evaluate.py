"""Metrics of theme predictions: per-theme P/R/F1, micro/macro, confusions, report profiles.

Pure functions over label sets; reading corpora and models is ``model.py``'s job.
"""
from __future__ import annotations

from collections import Counter
from statistics import median
from typing import Callable, Iterable, Sequence

import numpy as np
from sklearn.base import clone
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold, KFold
from sklearn.preprocessing import MultiLabelBinarizer

from ..schema import THEMES


def _r(x) -> float:
    return round(float(x), 4)


def multilabel_scores(gold: Sequence[set], pred: Sequence[set], labels: Iterable[str] = THEMES) -> dict:
    """Per-label precision/recall/F1/support, micro over all pairs, macro over labels with support
    (``sklearn.metrics`` on the binarised label sets)."""
    labels = list(labels)
    mlb = MultiLabelBinarizer(classes=labels)
    known = set(labels)
    G = mlb.fit_transform([[t for t in g if t in known] for g in gold]) if gold else np.zeros((0, len(labels)), int)
    P = mlb.transform([[t for t in p if t in known] for p in pred]) if pred else np.zeros((0, len(labels)), int)
    per = {}
    if len(G):
        prec, rec, f1, support = precision_recall_fscore_support(G, P, average=None, zero_division=0)
    else:
        prec = rec = f1 = support = np.zeros(len(labels))
    for j, lab in enumerate(labels):
        per[lab] = {"precision": _r(prec[j]), "recall": _r(rec[j]), "f1": _r(f1[j]), "support": int(support[j]),
                    "predicted": int(P[:, j].sum()) if len(P) else 0}
    with_support = [j for j in range(len(labels)) if len(G) and G[:, j].any()]
    if with_support:
        mp, mr, mf, _ = precision_recall_fscore_support(G, P, average="micro", zero_division=0)
        macro = f1_score(G, P, average="macro", labels=with_support, zero_division=0)
        exact = accuracy_score(G, P)
    else:
        mp = mr = mf = macro = exact = 0.0
    return {"per_label": per, "micro": {"precision": _r(mp), "recall": _r(mr), "f1": _r(mf)},
            "macro": {"f1": _r(macro)}, "exact_match": _r(exact), "n": len(gold)}


def confusion_summary(gold: Sequence[set], pred: Sequence[set], top: int = 3) -> dict[str, list]:
    """For each gold theme, the themes most often predicted wrongly beside or instead of it."""
    out: dict[str, Counter] = {}
    for g, p in zip(gold, pred):
        wrong = set(p) - set(g)
        for t in g:
            out.setdefault(t, Counter()).update(wrong)
    return {t: c.most_common(top) for t, c in sorted(out.items()) if c}


def kind_accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return round(sum(a == b for a, b in zip(gold, pred)) / max(len(gold), 1), 4)


def profile(items: Iterable[tuple[str, Iterable[str]]]) -> set[tuple[str, str]]:
    """The (kind, theme) pairs of a report's items."""
    return {(kind, t) for kind, themes in items for t in themes}


def profile_scores(gold: Sequence[set], pred: Sequence[set]) -> dict:
    """Micro P/R/F1 over the (kind, theme) pairs of each report's profile (``sklearn.metrics``)."""
    pairs = sorted({x for s in (*gold, *pred) for x in s})
    if not pairs:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "reports": len(gold)}
    mlb = MultiLabelBinarizer(classes=pairs)
    G, P = mlb.fit_transform([sorted(g) for g in gold]), mlb.transform([sorted(p) for p in pred])
    p, r, f, _ = precision_recall_fscore_support(G, P, average="micro", zero_division=0)
    return {"precision": _r(p), "recall": _r(r), "f1": _r(f), "reports": len(gold)}


def cross_validate(estimator, texts: Sequence[str], themes: Sequence[Sequence[str]],
                   kinds: Sequence[str] | None = None, n_splits: int = 5, random_state: int = 0,
                   progress: Callable[[int, int], None] | None = None,
                   groups: Sequence[str] | None = None) -> dict:
    """Cross-validated scores of a clone of ``estimator`` on a labelled corpus.

    Without ``groups``: K-fold, shuffled with a fixed seed (the random split: items of one writer
    and style fall on both sides). With ``groups`` (e.g. each item's author or file):
    ``GroupKFold``, a whole group held out at a time (at most as many folds as groups), which
    measures how the model does on a writer and style it has not seen."""
    texts = list(texts)
    gold = [set(t) for t in themes]
    pred: list[set] = [set() for _ in texts]
    kind_pred: list[str] = [""] * len(texts)
    if groups is not None:
        groups = list(groups)
        n_splits = min(n_splits, len(set(groups)))
        if n_splits < 2:
            raise ValueError(f"grouped cross-validation needs at least two groups, got {sorted(set(groups))}")
        splits = list(GroupKFold(n_splits=n_splits).split(texts, groups=groups))
    else:
        splits = list(KFold(n_splits=n_splits, shuffle=True, random_state=random_state).split(texts))
    for k, (train, test) in enumerate(splits):
        clf = clone(estimator).fit([texts[i] for i in train], [themes[i] for i in train],
                                   kinds=[kinds[i] for i in train] if kinds else None)
        test_texts = [texts[i] for i in test]
        for i, p in zip(test, clf.predict(test_texts)):
            pred[i] = set(p)
        if kinds:
            for i, kp in zip(test, clf.predict_kind(test_texts)):
                kind_pred[i] = kp
        if progress:
            progress(k + 1, len(splits))
    out = multilabel_scores(gold, pred)
    out["confusions"] = confusion_summary(gold, pred)
    out["split"] = "grouped" if groups is not None else "random"
    out["folds"] = len(splits)
    if groups is not None:
        out["groups"] = sorted(set(groups))
    if kinds:
        out["kind_accuracy"] = kind_accuracy(list(kinds), kind_pred)
    return out


def datacard(records: Sequence[dict]) -> str:
    """Markdown data card of a labelled corpus: counts per theme × kind, lengths, authors."""
    by = Counter((t, r["kind"]) for r in records for t in r["themes"])
    lengths = [len(r["text"]) for r in records]
    n_labels = Counter(len(r["themes"]) for r in records)
    authors = Counter(r.get("author", "?") for r in records)
    kinds = Counter(r["kind"] for r in records)
    lines = [
        "# Data card: labelled items (corpora/items)", "",
        "Problem and improvement statements of the kind found in section 五 of annual reports, written and",
        "labelled by the project team (no sentence is taken from a real report). Labels: `kind`",
        "(problem / improvement) and one or more `themes` of TAXONOMY.md. Generated by",
        "`python scripts/make_datacard.py`; do not edit by hand.", "",
        f"- items: {len(records)} (problem {kinds['problem']}, improvement {kinds['improvement']})",
        "- themes per item: " + ", ".join(f"{k}: {v}" for k, v in sorted(n_labels.items())),
        f"- length in characters: min {min(lengths, default=0)}, median {median(lengths) if lengths else 0:.0f}, "
        f"max {max(lengths, default=0)}",
        "- authors: " + ", ".join(f"{a} {n}" for a, n in sorted(authors.items())), "",
        "| theme | problem | improvement | total |", "|---|---:|---:|---:|",
    ]
    for t in THEMES:
        p, i = by[(t, "problem")], by[(t, "improvement")]
        lines.append(f"| `{t}` | {p} | {i} | {p + i} |")
    short = [t for t in THEMES for k in ("problem", "improvement") if by[(t, k)] < 60]
    lines += ["", "Every theme × kind has at least 60 items." if not short else
              f"Below 60 items: {', '.join(sorted(set(short)))}.", ""]
    return "\n".join(lines)
