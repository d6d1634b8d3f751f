"""``disclosure-nlp parse FILE...``: one JSON object per file per line."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import t
from .app import app
from .common import EXIT_BAD_INPUT, err


@app.command(rich_help_panel="Reading")
def parse(
    files: Annotated[list[Path], typer.Argument(help="Report files (txt, html, docx, pdf, md).")],
    pretty: Annotated[bool, typer.Option("--pretty", help="Indented JSON for humans.")] = False,
) -> None:
    """Read and parse reports into the canonical schema (JSON Lines; exit 2 if no file could be read)."""
    from ..pipeline import parse_file

    n_ok = 0
    for path in files:
        report = parse_file(path)
        n_ok += report.status in ("ok", "partial")
        d = report.to_dict()
        d.pop("items"), d.pop("flags")
        typer.echo(json.dumps(d, ensure_ascii=False, indent=2 if pretty else None))
        if report.status in ("failed", "skipped"):
            err.print(t(f"{path}：{'失败' if report.status == 'failed' else '跳过'}：{report.reason}",
                        f"{path}: {report.status}: {report.reason}"), markup=False, soft_wrap=True)
    if n_ok == 0:
        raise typer.Exit(code=EXIT_BAD_INPUT)
