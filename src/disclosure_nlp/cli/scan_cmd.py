"""``disclosure-nlp scan [DIR]``: the main job over a directory of reports."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..batch import BatchOptions, find_inputs, run_batch
from ..paths import sample_corpus
from ..pipeline import Settings
from .app import app


@app.command(rich_help_panel="Main")
def scan(
    directory: Annotated[Optional[Path], typer.Argument(help="Folder of reports (default: the bundled sample corpus).")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Parse every report in DIR and print what was read."""
    root = directory or sample_corpus()
    if not root.exists():
        typer.echo(f"{root}: no such file or folder", err=True)
        raise typer.Exit(code=2)
    paths = find_inputs(root)
    table = Table(title=f"{len(paths)} files in {root}")
    for col in ("file", "format", "agency", "year", "layout", "status", "cells", "warnings"):
        table.add_column(col)
    for rep in run_batch(paths, Settings(), BatchOptions(workers=workers)):
        cells = sum(v is not None for t in (rep.applications, rep.review_litigation, rep.active_disclosure)
                    if t for row in t.values() for v in row.values())
        table.add_row(Path(rep.source).name, rep.fmt, rep.agency or "-", str(rep.year or "-"),
                      rep.format_version or "-", rep.status + (f": {rep.reason}" if rep.reason else ""),
                      str(cells), str(len(rep.warnings)))
    Console().print(table)
