"""``disclosure-nlp rules [ID]``: list the rules registry and its thresholds, or explain one rule."""
from __future__ import annotations

import inspect
from typing import Annotated, Optional

import typer

from ..i18n import t
from .app import app
from .common import fail, out


@app.command()
def rules(
    rule_id: Annotated[Optional[str], typer.Argument(help="A rule id, e.g. T3-BALANCE: explain that rule.")] = None,
    groups: Annotated[bool, typer.Option("--groups/--no-groups", help="Show the rule groups column.")] = True,
) -> None:
    """List the check rules (id, severity, groups, description) and the thresholds `scan --set`
    changes, or explain one rule with its examples."""
    from rich.markdown import Markdown
    from rich.table import Table

    from ..checks import get_rule, registry
    from ..checks.base import CheckSettings, settings_docs
    from ..errors import RuleError

    if rule_id is None:
        table = Table(title=t("规则", "rules"), show_lines=False)
        table.add_column("id", style="bold", no_wrap=True)
        table.add_column(t("级别", "severity"), no_wrap=True)
        table.add_column(t("范围", "scope"), no_wrap=True)
        if groups:
            table.add_column(t("分组", "groups"))
        table.add_column(t("说明", "description"), overflow="fold")
        for rid, cls in registry().items():
            row = [rid, cls.severity, cls.scope] + ([", ".join(cls.groups)] if groups else []) + [cls.summary()]
            table.add_row(*row)
        out.print(table)
        defaults, docs = CheckSettings(), settings_docs()
        th = Table(title=t("阈值（scan --set 名称=值 可改）", "thresholds (scan --set NAME=VALUE)"))
        th.add_column(t("名称", "name"), style="bold", no_wrap=True)
        th.add_column(t("默认值", "default"), no_wrap=True)
        th.add_column(t("说明", "meaning"))
        for name, value in vars(defaults).items():
            th.add_row(name, ",".join(value) if isinstance(value, tuple) else str(value), docs.get(name, ""))
        out.print(th)
        return
    try:
        cls = get_rule(rule_id.upper())
    except RuleError as exc:
        fail(str(exc))
    out.print(f"[bold]{cls.id}[/bold]  {cls.summary()}  "
              + t(f"（级别 {cls.severity}，范围 {cls.scope}；分组：{'、'.join(cls.groups)}）",
                  f"({cls.severity}, {cls.scope}; groups: {', '.join(cls.groups)})"))
    out.print(Markdown(inspect.cleandoc(cls.__doc__ or "")))
