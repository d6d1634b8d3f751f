"""``disclosure-nlp parse FILE...``: one JSON object per file per line."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..pipeline import parse_file
from .app import app


@app.command(rich_help_panel="Reading")
def parse(
    files: Annotated[list[Path], typer.Argument(help="Report files (txt, html, docx, pdf, md).")],
    pretty: Annotated[bool, typer.Option("--pretty", help="Indented JSON for humans.")] = False,
) -> None:
    """Read and parse reports into the canonical schema (JSON Lines; exit 2 if no file could be read)."""
    n_ok = 0
    for path in files:
        report = parse_file(path)
        n_ok += report.status != "failed"
        d = report.to_dict()
        d.pop("items"), d.pop("flags")
        typer.echo(json.dumps(d, ensure_ascii=False, indent=2 if pretty else None))
        if report.status == "failed":
            typer.echo(f"{path}: failed: {report.reason}", err=True)
    if n_ok == 0:
        raise typer.Exit(code=2)
