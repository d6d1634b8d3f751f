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
from .form import section_label
from .i18n import set_lang, t
from .parse import parse_doc
from .read import read_file
from .schema import NOT_ANALYSED, Report

log = logging.getLogger(__name__)

Stage = Callable[[Report], Report]
SECTION_MAX_CHARS = 200_000  # read of a narrative section; a real one is a few thousand characters


def _bounded(report: Report, section: str, what: str) -> tuple[str, tuple[str, ...]]:
    """The section's text, cut to SECTION_MAX_CHARS (time and memory stay bounded on a 50 MB
    file), and the warning that says so."""
    text = report.sections.get(section, "")
    if len(text) <= SECTION_MAX_CHARS:
        return text, ()
    zh_what = STAGE_NAMES.get(what, (what, what))[0]
    return text[:SECTION_MAX_CHARS], (t(
        f"{section_label(section)}长达 {len(text):,} 字，{zh_what}只读取了前 {SECTION_MAX_CHARS:,} 字",
        f"{what}: section {section} holds {len(text):,} characters; "
        f"its {what} were read from the first {SECTION_MAX_CHARS:,} only"),)


# the stages as a reader names them (zh, en)
STAGE_NAMES = {"read": ("读取", "reading"), "parse": ("表格解析", "parsing"), "items": ("五的条目拆分", "items"),
               "themes": ("主题分类", "themes"), "figures": ("叙述数字提取", "figures"), "checks": ("规则检查", "checks")}


def stage_name(name: str) -> str:
    zh, en = STAGE_NAMES.get(name, (name, name))
    return t(zh, en)


def stage_failed(report: Report, name: str, exc: BaseException, expected: bool) -> Report:
    """The one way a stage's failure reaches a report. An expected failure (a DisclosureError:
    the stage could not do its work on this input) leaves what was read: status ``partial``
    with the reason, also in ``warnings``. A crash (a bug) fails the report, with the reason."""
    if expected:
        reason = t(f"{stage_name(name)}未完成：{exc}", f"stage {name} failed: {exc}")
        status = "partial" if report.status == "ok" else report.status
        return report.evolve(status=status, reason=report.reason or reason, warnings=report.warnings + (reason,))
    reason = t(f"{stage_name(name)}时程序出错（{type(exc).__name__}: {exc}），请把该文件报告给维护者",
               f"crashed in stage {name}: {type(exc).__name__}: {exc}")
    return report.evolve(status="failed", reason=reason)


def _warned(report: Report, warnings) -> Report:
    if not warnings:
        return report
    warnings = tuple(warnings)
    if report.status != "ok":
        return report.evolve(warnings=report.warnings + warnings)
    return report.evolve(warnings=report.warnings + warnings, status="partial", reason=warnings[0])


STAGES: dict[str, Callable[["Settings"], Stage]] = {}
# what each stage reads and writes of a Report, beyond what reading and parsing give (sections,
# tables): a stage must come after every stage that writes what it reads
NEEDS: dict[str, tuple[str, ...]] = {}
GIVES: dict[str, tuple[str, ...]] = {}
PARSED = ("sections", "tables")


def stage(name: str, needs: tuple[str, ...] = (), gives: tuple[str, ...] = ()):
    """Register a stage factory ``factory(settings) -> (Report -> Report)`` with what it reads
    (``needs``) and writes (``gives``): ``items``, ``themes``, ``stated``, ``flags`` …"""
    def deco(factory):
        STAGES[name] = factory
        NEEDS[name], GIVES[name] = tuple(needs), tuple(gives)
        return factory
    return deco


def check_order(stages: tuple[str, ...]) -> None:
    """Refuse an order in which a stage runs before a stage that writes what it reads (a stage
    left out altogether is the caller's choice: its readers then see nothing of it)."""
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        raise DisclosureError(t(f"未知的处理阶段 {unknown}；可用：{sorted(STAGES)}",
                                f"unknown stage(s) {unknown}; valid: {sorted(STAGES)}"))
    for i, name in enumerate(stages):
        for later in stages[i + 1:]:
            early = [x for x in NEEDS[name] if x in GIVES[later]]
            if early:
                raise DisclosureError(t(
                    f"处理阶段的顺序不可行：{name} 需要 {later} 产生的 {', '.join(early)}，应排在其后",
                    f"stage order cannot work: {name} reads {', '.join(early)}, which {later} writes after it"))


@dataclass(frozen=True)
class Settings:
    stages: tuple[str, ...] = ("items", "themes", "figures", "checks")
    model_path: Optional[str] = None  # None: the shipped default model
    rules: Optional[tuple[str, ...]] = None  # None: every per-report rule
    check_overrides: dict = field(default_factory=dict)
    lang: str = "zh"  # the language of messages a person reads (i18n.LANGS)


@stage("items", needs=("sections",), gives=("items",))
def _items_stage(settings: Settings) -> Stage:
    from .narrative import split_items

    def items(report: Report) -> Report:
        text, cut = _bounded(report, "problems", "items")
        return _warned(report.evolve(items=tuple(split_items(text, "problems"))), cut)
    return items


@stage("themes", needs=("items",), gives=("themes",))
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
    themes.pipe = pipe  # type: ignore[attr-defined]  # a function attribute; _pipe_stage reads it with getattr
    return themes


@stage("figures", needs=("sections",), gives=("stated",))
def _figures_stage(settings: Settings) -> Stage:
    from .narrative.figures import extract_figures

    def figures(report: Report) -> Report:
        stated = []
        cut: list[str] = []
        for name in ("overview", "problems", "other_matters"):
            text, warning = _bounded(report, name, "figures")
            stated.extend(extract_figures(text, name))
            cut.extend(warning)
        return _warned(report.evolve(stated=tuple(stated)), cut)
    return figures


@stage("checks", needs=("tables", "items", "themes", "stated"), gives=("flags",))
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
        check_order(tuple(self.settings.stages))
        self.stages = [(name, STAGES[name](self.settings)) for name in self.settings.stages]

    def __call__(self, report: Report) -> Report:
        for name, fn in self.stages:
            if report.status in NOT_ANALYSED:
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
        live = [i for i, r in enumerate(reports) if r.status not in NOT_ANALYSED]
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
            return stage_failed(report, name, exc, expected=True)
        except Exception as exc:  # noqa: BLE001 - one report never stops the batch
            log.exception("stage %s on %s", name, report.source)
            return stage_failed(report, name, exc, expected=False)
        if not isinstance(out, Report):
            raise TypeError(f"stage {name} returned {type(out).__name__}, not Report")
        return out


# files that sit beside reports and are not reports: truth files, manifests, a scan's own outputs
SIDE_SUFFIXES = (".json", ".jsonl", ".csv", ".tsv")


def skip_reason(path) -> Optional[str]:
    """Why ``path`` is not read as a report (it is listed ``skipped``), or None."""
    name = Path(path).name
    if name.startswith("."):
        return t("隐藏文件，未读取", "hidden file, not read")
    if name.upper().startswith(("README", "MANIFEST")):
        return t("说明或清单文件（README、MANIFEST），不是年度报告，未读取",
                 "a README or MANIFEST, not an annual report: not read")
    if name.lower().endswith(SIDE_SUFFIXES):
        return t("数据文件（.json、.jsonl、.csv、.tsv，如标注、清单或扫描结果），不是年度报告，未读取",
                 "a data file (.json, .jsonl, .csv, .tsv: truth, manifest or scan output), not an annual report: not read")
    return None


def skipped_report(path, reason: str) -> Report:
    return Report(source=str(path), status="skipped", reason=reason, fmt=Path(path).suffix.lstrip("."))


def failed_report(path, reason: str, sha256: str = "") -> Report:
    return Report(source=str(path), status="failed", reason=reason, fmt=Path(path).suffix.lstrip("."), sha256=sha256)


def parse_file(path, timings: Optional[dict[str, float]] = None) -> Report:
    """Read and parse one file; never raises for bad input. ``timings`` as in ``Pipeline.pipe``."""
    reason = skip_reason(path)
    if reason:
        return skipped_report(path, reason)
    t0 = time.perf_counter()
    try:
        raw = read_file(path)
    except DisclosureError as exc:
        return failed_report(path, getattr(exc, "reason", str(exc)), _sha(path))
    except Exception as exc:  # noqa: BLE001 - a crash on one file must not stop a batch
        log.exception("reading %s", path)
        return failed_report(path, t(f"读取时程序出错（{type(exc).__name__}: {exc}），请把该文件报告给维护者",
                                     f"unexpected error while reading: {type(exc).__name__}: {exc}"), _sha(path))
    finally:
        if timings is not None:
            timings["read"] = timings.get("read", 0.0) + time.perf_counter() - t0
    t1 = time.perf_counter()
    try:
        return parse_doc(raw)
    except Exception as exc:  # noqa: BLE001
        log.exception("parsing %s", path)
        return failed_report(path, t(f"解析时程序出错（{type(exc).__name__}: {exc}），请把该文件报告给维护者",
                                     f"unexpected error while parsing: {type(exc).__name__}: {exc}"), raw.sha256)
    finally:
        if timings is not None:
            timings["parse"] = timings.get("parse", 0.0) + time.perf_counter() - t1


def problems_of_file(path) -> str:
    """The text of section 五 of a report file, as the scan reads it (``parse.sections``), for
    ``score`` and ``evaluate``; a DisclosureError with the reason where the file is not read."""
    report = parse_file(path)
    if report.status in NOT_ANALYSED:
        raise DisclosureError(f"{path}：{report.reason}")
    return report.sections.get("problems", "")


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
