"""``disclosure-nlp rules [ID]``: list the rules registry, or explain one rule."""
from __future__ import annotations

import inspect
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from ..checks import get_rule, registry
from ..errors import RuleError
from .app import app


@app.command()
def rules(
    rule_id: Annotated[Optional[str], typer.Argument(help="A rule id, e.g. T3-BALANCE: explain that rule.")] = None,
    groups: Annotated[bool, typer.Option("--groups/--no-groups", help="Show the rule groups column.")] = True,
) -> None:
    """List the check rules (id, severity, groups, description), or explain one with its examples."""
    console = Console()
    if rule_id is None:
        table = Table(title="disclosure-nlp rules", show_lines=False)
        table.add_column("id", style="bold", no_wrap=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("scope", no_wrap=True)
        if groups:
            table.add_column("groups")
        table.add_column("description")
        for rid, cls in registry().items():
            row = [rid, cls.severity, cls.scope] + ([", ".join(cls.groups)] if groups else []) + [cls.description()]
            table.add_row(*row)
        console.print(table)
        return
    try:
        cls = get_rule(rule_id.upper())
    except RuleError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2)
    console.print(f"[bold]{cls.id}[/bold]  {cls.name}  ({cls.severity}, {cls.scope}; groups: {', '.join(cls.groups)})")
    console.print(Markdown(inspect.cleandoc(cls.__doc__ or "")))
