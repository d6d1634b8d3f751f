"""The pipeline over one report: read → parse → stages registered by name, run in order.

Each stage is a callable taking a Report and returning a new one (spaCy-style components).
The order is data (``Settings.stages``); ``process_file`` never raises on bad input: a file that
cannot be read comes back as a Report with ``status="failed"`` and the reason.
"""
from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from .errors import DisclosureError
from .i18n import set_lang
from .parse import parse_doc
from .read import read_file
from .schema import Report

log = logging.getLogger(__name__)

Stage = Callable[[Report], Report]
SECTION_MAX_CHARS = 200_000  # read of a narrative section; a real one is a few thousand characters


def _bounded(report: Report, section: str, what: str) -> tuple[str, tuple[str, ...]]:
    """The section's text, cut to SECTION_MAX_CHARS (time and memory stay bounded on a 50 MB
    file), and the warning that says so."""
    text = report.sections.get(section, "")
    if len(text) <= SECTION_MAX_CHARS:
        return text, ()
    return text[:SECTION_MAX_CHARS], (f"{what}: section {section} holds {len(text):,} characters; "
                                      f"its {what} were read from the first {SECTION_MAX_CHARS:,} only",)


def _warned(report: Report, warnings) -> Report:
    if not warnings:
        return report
    warnings = tuple(warnings)
    if report.status != "ok":
        return report.evolve(warnings=report.warnings + warnings)
    return report.evolve(warnings=report.warnings + warnings, status="partial", reason=warnings[0])


STAGES: dict[str, Callable[["Settings"], Stage]] = {}


def stage(name: str):
    """Register a stage factory: ``factory(settings) -> (Report -> Report)``."""
    def deco(factory):
        STAGES[name] = factory
        return factory
    return deco


@dataclass(frozen=True)
class Settings:
    stages: tuple[str, ...] = ("items", "themes", "figures", "checks")
    model_path: Optional[str] = None  # None: the shipped default model
    rules: Optional[tuple[str, ...]] = None  # None: every per-report rule
    check_overrides: dict = field(default_factory=dict)
    lang: str = "zh"  # the language of messages a person reads (i18n.LANGS)


@stage("items")
def _items_stage(settings: Settings) -> Stage:
    from .narrative import split_items

    def items(report: Report) -> Report:
        text, cut = _bounded(report, "problems", "items")
        return _warned(report.evolve(items=tuple(split_items(text, "problems"))), cut)
    return items


@stage("themes")
def _themes_stage(settings: Settings) -> Stage:
    from .themes.model import load_model
    from .themes.score import classify_items
    model = load_model(settings.model_path)

    def themes(report: Report) -> Report:
        return report.evolve(items=tuple(classify_items(model, report.items))) if report.items else report

    def pipe(reports: list[Report]) -> list[Report]:
        # one call for the items of a whole chunk: the vectorizers' fixed cost is paid once
        flat = classify_items(model, [i for r in reports for i in r.items])
        out, k = [], 0
        for r in reports:
            n = len(r.items)
            out.append(r.evolve(items=tuple(flat[k:k + n])) if n else r)
            k += n
        return out
    themes.pipe = pipe
    return themes


@stage("figures")
def _figures_stage(settings: Settings) -> Stage:
    from .narrative.figures import extract_figures

    def figures(report: Report) -> Report:
        stated, cut = [], []
        for name in ("overview", "problems", "other_matters"):
            text, warning = _bounded(report, name, "figures")
            stated.extend(extract_figures(text, name))
            cut.extend(warning)
        return _warned(report.evolve(stated=tuple(stated)), cut)
    return figures


@stage("checks")
def _checks_stage(settings: Settings) -> Stage:
    from .checks.base import CheckSettings, run_rules
    overrides = dict(settings.check_overrides)
    if settings.rules:
        overrides["rules"] = tuple(settings.rules)
    cs = CheckSettings().with_overrides(overrides)
    return lambda report: run_rules(report, cs)


class Pipeline:
    """The configured stages, built once and applied to many reports."""

    def __init__(self, settings: Optional[Settings] = None):
        self.settings = settings or Settings()
        set_lang(self.settings.lang)  # this process's messages (a worker builds its pipeline once)
        unknown = [s for s in self.settings.stages if s not in STAGES]
        if unknown:
            raise DisclosureError(f"unknown stage(s) {unknown}; valid: {sorted(STAGES)}")
        self.stages = [(name, STAGES[name](self.settings)) for name in self.settings.stages]

    def __call__(self, report: Report) -> Report:
        for name, fn in self.stages:
            if report.status == "failed":
                break
            report = self._apply(name, fn, report)
        return report

    def process_file(self, path) -> Report:
        return self(parse_file(path))

    def pipe(self, reports: list[Report], timings: Optional[dict[str, float]] = None) -> list[Report]:
        """The stages over many reports (spaCy's ``nlp.pipe``): a stage with a ``pipe`` method
        takes the whole list at once; a crash in one report's stage fails that report only.

        ``timings``, when given, gets each stage's seconds added under its name."""
        reports = list(reports)
        for name, fn in self.stages:
            t0 = time.perf_counter()
            reports = self._pipe_stage(name, fn, reports)
            if timings is not None:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
        return reports

    def _pipe_stage(self, name: str, fn: Stage, reports: list[Report]) -> list[Report]:
        live = [i for i, r in enumerate(reports) if r.status != "failed"]
        batch_fn = getattr(fn, "pipe", None)
        if batch_fn is not None and live:
            try:
                for i, out in zip(live, batch_fn([reports[i] for i in live])):
                    reports[i] = out
                return reports
            except Exception:  # noqa: BLE001 - retry one by one to find the report at fault
                log.exception("stage %s failed on a batch; running it report by report", name)
        for i in live:
            reports[i] = self._apply(name, fn, reports[i])
        return reports

    def process_files(self, paths, timings: Optional[dict[str, float]] = None) -> list[Report]:
        """Read, parse and run the stages on many files; ``timings`` as in ``pipe``, with
        ``read`` and ``parse`` too."""
        return self.pipe([parse_file(p, timings) for p in paths], timings)

    @staticmethod
    def _apply(name: str, fn: Stage, report: Report) -> Report:
        try:
            out = fn(report)
        except DisclosureError as exc:
            return report.evolve(status="partial", warnings=report.warnings + (f"stage {name} failed: {exc}",))
        except Exception as exc:  # noqa: BLE001 - one report never stops the batch
            log.exception("stage %s on %s", name, report.source)
            return report.evolve(status="failed", reason=f"crashed in stage {name}: {type(exc).__name__}: {exc}")
        if not isinstance(out, Report):
            raise TypeError(f"stage {name} returned {type(out).__name__}, not Report")
        return out


def failed_report(path, reason: str, sha256: str = "") -> Report:
    return Report(source=str(path), status="failed", reason=reason, fmt=Path(path).suffix.lstrip("."), sha256=sha256)


def parse_file(path, timings: Optional[dict[str, float]] = None) -> Report:
    """Read and parse one file; never raises for bad input. ``timings`` as in ``Pipeline.pipe``."""
    t0 = time.perf_counter()
    try:
        raw = read_file(path)
    except DisclosureError as exc:
        return failed_report(path, getattr(exc, "reason", str(exc)), _sha(path))
    except Exception as exc:  # noqa: BLE001 - a crash on one file must not stop a batch
        log.exception("reading %s", path)
        return failed_report(path, f"unexpected error while reading: {type(exc).__name__}: {exc}", _sha(path))
    finally:
        if timings is not None:
            timings["read"] = timings.get("read", 0.0) + time.perf_counter() - t0
    t1 = time.perf_counter()
    try:
        return parse_doc(raw)
    except Exception as exc:  # noqa: BLE001
        log.exception("parsing %s", path)
        return failed_report(path, f"unexpected error while parsing: {type(exc).__name__}: {exc}", raw.sha256)
    finally:
        if timings is not None:
            timings["parse"] = timings.get("parse", 0.0) + time.perf_counter() - t1


def _sha(path) -> str:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return ""


def process_file(path, settings: Optional[Settings] = None) -> Report:
    return Pipeline(settings).process_file(path)
