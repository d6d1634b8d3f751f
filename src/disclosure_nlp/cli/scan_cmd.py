"""``disclosure-nlp scan [DIR]``: the main job over a directory of reports."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..batch import BatchOptions, scan as run_scan
from ..errors import DisclosureError
from ..paths import sample_corpus
from ..pipeline import Settings
from .app import app

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def parse_sets(values: list[str]) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            raise typer.BadParameter(f"--set expects NAME=VALUE, got {v!r}")
        k, _, val = v.partition("=")
        out[k.strip()] = val.strip()
    return out


@app.command(rich_help_panel="Main")
def scan(
    directory: Annotated[Optional[Path], typer.Argument(help="Folder (or file) of reports; default: the bundled sample corpus.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("scan-out"),
    workers: Annotated[int, typer.Option(help="Worker processes (default: all cores).")] = 0,
    chunk_size: Annotated[int, typer.Option(help="Files per chunk (memory is bounded by the chunk).")] = 64,
    resume: Annotated[bool, typer.Option(help="Skip files already in OUT/reports.jsonl (by content hash).")] = False,
    xlsx: Annotated[bool, typer.Option(help="Also write OUT/scan.xlsx (one workbook).")] = False,
    dask: Annotated[Optional[str], typer.Option(help="Run on a Dask cluster: scheduler address, or 'local'.")] = None,
    model: Annotated[Optional[Path], typer.Option(help="Theme model (default: the shipped models/themes.joblib).")] = None,
    rules: Annotated[Optional[str], typer.Option(help="Comma-separated rule ids to run (default: all).")] = None,
    set_: Annotated[list[str], typer.Option("--set", help="Rule threshold NAME=VALUE (see `disclosure-nlp rules`).")] = [],
    fail_on: Annotated[Optional[str], typer.Option(help="Exit 1 when a flag of this severity or worse is raised: error, warning, info.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    agencies: Annotated[Optional[Path], typer.Option(help="Agency alias table (CSV name,canonical): one agency under several names.")] = None,
) -> None:
    """Read, parse, classify and check every report; write reports.jsonl, flags.csv, themes.csv,
    unanswered.csv, status.csv and review.html to OUT."""
    root = directory or sample_corpus()
    if not root.exists():
        typer.echo(f"{root}: no such file or folder", err=True)
        raise typer.Exit(code=2)
    if fail_on and fail_on not in SEVERITY_RANK:
        typer.echo(f"--fail-on must be one of {', '.join(SEVERITY_RANK)}", err=True)
        raise typer.Exit(code=2)
    settings = Settings(model_path=str(model) if model else None,
                        rules=tuple(r.strip() for r in rules.split(",")) if rules else None,
                        check_overrides=parse_sets(set_))
    options = BatchOptions(workers=workers or os.cpu_count() or 1, chunk_size=chunk_size, dask=dask)
    err = Console(stderr=True)
    try:
        with Progress(TextColumn("[bold]scan"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err, disable=quiet, transient=False) as progress:
            task = progress.add_task("scan", total=None)
            result = run_scan(root, out, settings, options, resume=resume, xlsx=xlsx, agencies=agencies,
                              on_progress=lambda done, total: progress.update(task, completed=done, total=total))
    except DisclosureError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2)
    if not quiet:
        _summary(err, root, result)
    if result.interrupted:
        typer.echo("interrupted: outputs hold the reports finished so far; rerun with --resume", err=True)
        raise typer.Exit(code=130)
    if fail_on and any(SEVERITY_RANK.get(s, 0) >= SEVERITY_RANK[fail_on] and n for s, n in result.by_severity.items()):
        raise typer.Exit(code=1)


def _summary(console: Console, root: Path, result) -> None:
    t = Table(title=f"{result.n_inputs} files in {root}" + (f" ({result.n_skipped} already done)" if result.n_skipped else ""))
    t.add_column("status")
    t.add_column("files", justify="right")
    for k in ("ok", "partial", "failed"):
        t.add_row(k, str(result.by_status.get(k, 0)))
    for k in ("error", "warning", "info"):
        t.add_row(f"flags: {k}", str(result.by_severity.get(k, 0)))
    console.print(t)
    for name, path in result.paths.items():
        console.print(f"  {name:10} {path}")
