"""The rules registry: rules as classes, thresholds as data, one entry point per scope.

A rule is a subclass of :class:`Rule` with ``id``, ``name``, ``severity`` and ``groups``; its
docstring's first line is the description and it must hold a **Fires** and a **Quiet** example
(``disclosure-nlp rules ID`` prints them). Per-report rules implement ``check(report, settings)``;
corpus rules (``scope = "corpus"``) are run by :func:`disclosure_nlp.checks.corpus.corpus_flags`
over compact per-report signatures. Subclassing registers a rule; importing
:mod:`disclosure_nlp.checks` loads every rule module.
"""
from __future__ import annotations

import importlib
import logging
import re
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Mapping, Optional

from ..errors import RuleError
from ..i18n import t
from ..schema import NOT_ANALYSED, SEVERITIES, Evidence, Flag, Report

if TYPE_CHECKING:  # pragma: no cover
    from .store import CorpusView

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckSettings:
    """Thresholds of the rules. Every field can be overridden (``with_overrides`` / CLI ``--set``).

    - ``refusal_share`` / ``refusal_min_processed``: THEME-GAP fires when (不予公开 + 无法提供 +
      不予处理) / （七）总计 ≥ ``refusal_share`` and 总计 ≥ ``refusal_min_processed``.
    - ``generic_min_received``: THEME-GAP fires when 新收 ≥ this and every problem item is ``generic``.
    - ``yoy_jump_factor`` / ``yoy_jump_min_delta``: YOY-JUMP fires when a count changes by at least
      this factor *and* by at least this many units between consecutive years.
    - ``boilerplate_yoy_jaccard``: BOILERPLATE-YOY threshold (Jaccard of 五's char shingles).
    - ``boilerplate_peer_jaccard``: BOILERPLATE-PEER threshold.
    - ``shingle_size``, ``minhash_perms``, ``lsh_bands``, ``minhash_seed``: the similarity sketch;
      ``lsh_bands`` must divide ``minhash_perms`` (64/16 → candidates from Jaccard ≈ 0.5 up).
    - ``min_shingles``: 五 texts shorter than this (in shingles) are not compared at all.
    - ``max_text_chars``: how much of 五 a signature keeps for exact Jaccard and quoted spans.
    - ``rules`` / ``exclude``: run only these ids / never these ids (empty = all).
    """

    refusal_share: float = 0.5
    refusal_min_processed: int = 10
    generic_min_received: int = 100
    yoy_jump_factor: float = 10.0
    yoy_jump_min_delta: int = 100
    boilerplate_yoy_jaccard: float = 0.6
    boilerplate_peer_jaccard: float = 0.8
    shingle_size: int = 5
    minhash_perms: int = 64
    lsh_bands: int = 16
    minhash_seed: int = 20240501
    min_shingles: int = 20
    max_text_chars: int = 4000
    rules: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def with_overrides(self, overrides: Mapping[str, Any]) -> "CheckSettings":
        """A copy with ``overrides`` applied; strings are converted to the field's type.

        Raises RuleError naming the valid settings for an unknown name or a bad value."""
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for name, value in overrides.items():
            if name not in known:
                raise RuleError(f"unknown check setting {name!r}; valid: {', '.join(sorted(known))}")
            current = getattr(self, name)
            try:
                if isinstance(current, tuple):
                    items = value.split(",") if isinstance(value, str) else list(value)
                    changes[name] = tuple(str(v).strip() for v in items if str(v).strip())
                else:
                    changes[name] = type(current)(value)
            except (TypeError, ValueError) as exc:
                raise RuleError(f"check setting {name}={value!r}: expected {type(current).__name__}") from exc
        new = replace(self, **changes)
        for rid in new.rules + new.exclude:
            get_rule(rid)
        if new.minhash_perms % new.lsh_bands:
            raise RuleError(f"lsh_bands={new.lsh_bands} must divide minhash_perms={new.minhash_perms}")
        return new

    def enabled(self, rule_id: str) -> bool:
        return (not self.rules or rule_id in self.rules) and rule_id not in self.exclude


def settings_docs() -> dict[str, str]:
    """Each threshold's meaning, from the bullets of :class:`CheckSettings`' docstring (one
    bullet may name several settings: ``- ``a`` / ``b``: ...``)."""
    out: dict[str, str] = {}
    for bullet in re.split(r"\n\s*- ", CheckSettings.__doc__ or "")[1:]:
        names, _, text = bullet.partition(":")
        meaning = " ".join(line.strip() for line in text.strip().splitlines())
        for name in re.findall(r"``(\w+)``", names):
            out[name] = meaning
    return out


_REGISTRY: dict[str, type["Rule"]] = {}


class Rule:
    """Base class: subclasses set ``id``, ``name``, ``severity``, ``groups`` and a docstring."""

    id: ClassVar[str] = ""
    name: ClassVar[str] = ""
    title: ClassVar[str] = ""  # what the rule checks, in Chinese, as a supervisor reads it
    severity: ClassVar[str] = "error"
    groups: ClassVar[tuple[str, ...]] = ()
    scope: ClassVar[str] = "report"  # "report" or "corpus"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.id:
            return
        if cls.id in _REGISTRY and _REGISTRY[cls.id] is not cls:
            raise RuleError(f"rule id {cls.id} defined twice: {_REGISTRY[cls.id].__name__}, {cls.__name__}")
        if cls.severity not in SEVERITIES:
            raise RuleError(f"rule {cls.id}: severity {cls.severity!r} not in {SEVERITIES}")
        if not cls.title:
            raise RuleError(f"rule {cls.id}: no title (what it checks, in Chinese)")
        if cls.scope not in ("report", "corpus"):
            raise RuleError(f"rule {cls.id}: scope {cls.scope!r} not in ('report', 'corpus')")
        _REGISTRY[cls.id] = cls

    # -- documentation
    @classmethod
    def description(cls) -> str:
        """The docstring's first paragraph, on one line."""
        first = (cls.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(line.strip() for line in first.splitlines())

    @classmethod
    def summary(cls) -> str:
        """The rule in one line for a person: its Chinese title (the description with ``--lang en``)."""
        return t(cls.title or cls.description(), cls.description())

    @classmethod
    def examples(cls) -> dict[str, str]:
        """{'fires': ..., 'quiet': ...} from the docstring's **Fires** / **Quiet** paragraphs."""
        doc = (cls.__doc__ or "")
        out = {}
        for key in ("Fires", "Quiet"):
            m = re.search(rf"\*\*{key}\*\*:?\s*(.+?)(?=\n\s*\*\*|\Z)", doc, re.S)
            if m:
                out[key.lower()] = " ".join(line.strip() for line in m.group(1).strip().splitlines())
        return out

    # -- checking
    def check(self, report: Report, settings: CheckSettings) -> Iterable[Flag]:
        raise NotImplementedError(f"{self.id} is a {self.scope} rule")

    def check_corpus(self, corpus: CorpusView) -> Iterable[tuple[str, Flag]]:
        """A corpus rule's flags: (source, flag) over the whole scan."""
        raise NotImplementedError(f"{self.id} is a {self.scope} rule")

    def flag(self, message: str, quote: str = "", cells: Optional[Mapping[str, Any]] = None,
             severity: Optional[str] = None, spans: tuple[tuple[int, int], ...] = ()) -> Flag:
        return Flag(self.id, severity or self.severity, message, Evidence(quote, dict(cells or {}), tuple(spans)))


def registry() -> dict[str, type[Rule]]:
    """Every registered rule by id, sorted by id."""
    importlib.import_module(__package__)  # the package imports every rule module
    return dict(sorted(_REGISTRY.items()))


def get_rule(rule_id: str) -> type[Rule]:
    rules = registry()
    if rule_id not in rules:
        raise RuleError(f"unknown rule {rule_id!r}; valid ids: {', '.join(rules)}")
    return rules[rule_id]


def run_rules(report: Report, settings: Optional[CheckSettings] = None) -> Report:
    """Run every enabled per-report rule; returns the report with their flags appended.

    A failed report (status ``failed``) is returned unchanged. A rule that raises is a bug: it
    is logged and recorded in ``warnings``, and the other rules still run. A report with a
    PARSE-INCOMPLETE flag becomes ``partial`` with that flag's (Chinese) message as its reason; a
    report the parser made ``partial`` already keeps the parser's reason (the flag says the rest).
    """
    settings = settings or CheckSettings()
    if report.status in NOT_ANALYSED:
        return report
    flags = list(report.flags)
    warnings = list(report.warnings)
    for rule_id, cls in registry().items():
        if cls.scope != "report" or not settings.enabled(rule_id):
            continue
        try:
            flags.extend(cls().check(report, settings))
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
            log.exception("rule %s failed on %s", rule_id, report.source)
            warnings.append(t(f"核对规则 {rule_id} 运行出错，未完成：{type(exc).__name__}: {exc}",
                              f"rule {rule_id} failed: {type(exc).__name__}: {exc}"))
    report = report.evolve(flags=tuple(flags), warnings=tuple(warnings))
    incomplete = [f for f in flags if f.rule == "PARSE-INCOMPLETE"]
    if incomplete and report.status == "ok":  # what was not read makes the report partial, and is its reason
        report = report.evolve(status="partial", reason=incomplete[0].message)
    return report


__all__ = ["CheckSettings", "Rule", "registry", "get_rule", "run_rules", "settings_docs"]
