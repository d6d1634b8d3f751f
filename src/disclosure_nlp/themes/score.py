"""Apply a fitted classifier to texts, items and sections: themes, kind, probabilities.

Pure: the caller supplies texts (the CLI reads files and finds section 五).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from ..narrative import split_items
from ..schema import Item
from .evaluate import profile, profile_scores


def classify_texts(clf, texts: Sequence[str], explain: bool = True) -> list[dict]:
    """``{"text", "themes", "kind", "probabilities", "confidence", "why"}`` for each text, in order.

    ``confidence``: how sure the model is of the themes it gave (the weakest of its per-theme
    decisions, calibrated; ``None`` for a model that cannot say); ``why``: theme → the words of
    the text that drove it (the linear model's strongest positive features present)."""
    texts = list(texts)
    if not texts:
        return []
    if hasattr(clf, "predict_with_kind"):
        P, kinds = clf.predict_with_kind(texts)
    else:
        P, kinds = clf.predict_proba(texts), clf.predict_kind(texts)
    themes = clf.themes_from_proba(P, texts) if hasattr(clf, "themes_from_proba") else clf.predict(texts)
    conf = clf.confidence(P, themes) if hasattr(clf, "confidence") else [None] * len(texts)
    why = clf.explain(texts, themes) if explain and hasattr(clf, "explain") else [{}] * len(texts)
    out = []
    for text, row, ts, kind, c, w in zip(texts, P, themes, kinds, conf, why):
        probs = {str(c): round(float(p), 4) for c, p in zip(clf.classes_, row)}
        out.append({"text": text, "themes": list(ts), "kind": kind, "probabilities": probs,
                    "confidence": None if c is None else round(float(c), 4), "why": w})
    return out


def classify_items(clf, items: Sequence[Item]) -> list[Item]:
    """New items with themes and probabilities; the kind too where the splitter left it to the model."""
    results = classify_texts(clf, [i.text for i in items])
    out = []
    for item, r in zip(items, results):
        kind = r["kind"] if item.kind_from == "model" else item.kind
        out.append(replace(item, themes=tuple(r["themes"]), kind=kind, probabilities=r["probabilities"],
                           confidence=r["confidence"], why=r["why"]))
    return out


def score_section(clf, source: str, problems_text: str, section: str = "problems") -> list[dict]:
    """Split a 五 section into items and classify them: one dict per item."""
    items = classify_items(clf, split_items(problems_text, section=section))
    return [{"source": source, "kind": i.kind, "kind_from": i.kind_from, "text": i.text, "themes": list(i.themes),
             "start": i.start, "end": i.end, "confidence": i.confidence, "why": i.why} for i in items]


def score_sections(clf, sections: Iterable[tuple[str, str]]) -> list[dict]:
    """``score_section`` over ``(source, problems_text)`` pairs, in order."""
    return [row for source, text in sections for row in score_section(clf, source, text)]


def report_profiles(clf, reports: Sequence[dict], sections: dict[str, str]) -> dict:
    """End to end: split each report's 五, classify, compare its (kind, theme) set to the labels.

    ``reports`` as from ``model.load_real_items``; ``sections`` maps report name → text of 五.
    """
    gold, pred, per = [], [], {}
    for r in reports:
        if r["report"] not in sections:
            continue
        g = {(k, t) for k, ts in r["profile"].items() for t in ts}
        items = classify_items(clf, split_items(sections[r["report"]]))
        p = profile((i.kind, i.themes) for i in items)
        gold.append(g)
        pred.append(p)
        per[r["report"]] = {"gold": len(g), "predicted": len(p), "matched": len(g & p), "items": len(items)}
    out = profile_scores(gold, pred)
    out["per_report"] = per
    return out
