"""``disclosure-nlp scan [DIR]``: the main job over a directory of reports."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..i18n import LANGS, get_lang, set_lang, t
from ..schema import SEVERITIES, SEVERITY_NAMES, STATUS_NAMES, STATUSES
from .app import app
from .common import EXIT_FLAGS, EXIT_INTERRUPTED, EXIT_TERMINATED, err, fail
from .progress import progress_bar



def parse_sets(values: list[str]) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            raise typer.BadParameter(t(f"--set 的格式是 名称=值，收到 {v!r}", f"--set expects NAME=VALUE, got {v!r}"))
        k, _, val = v.partition("=")
        out[k.strip()] = val.strip()
    return out


def _positive(value: Optional[int]) -> Optional[int]:
    if value is not None and value < 1:
        raise typer.BadParameter(t(f"须为正整数（收到 {value}）", f"must be a positive integer (got {value})"))
    return value


@app.command(rich_help_panel="Main")
def scan(
    directory: Annotated[Optional[Path], typer.Argument(help="Folder (or file) of reports; default: the bundled sample corpus.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("scan-out"),
    workers: Annotated[Optional[int], typer.Option(help="Worker processes (default: all cores).", callback=_positive)] = None,
    chunk_size: Annotated[int, typer.Option(help="Files per chunk (memory is bounded by the chunk).", callback=_positive)] = 64,
    resume: Annotated[bool, typer.Option(help="Skip files already in OUT/reports.jsonl (by content hash).")] = False,
    xlsx: Annotated[bool, typer.Option(help="Also write OUT/scan.xlsx (one workbook).")] = False,
    dask: Annotated[Optional[str], typer.Option(help="Run on a Dask cluster: scheduler address, or 'local'.")] = None,
    model: Annotated[Optional[Path], typer.Option(help="Theme model file (default: the model shipped with the package).")] = None,
    rules: Annotated[Optional[str], typer.Option(help="Comma-separated rule ids to run (default: all).")] = None,
    set_: Annotated[list[str], typer.Option("--set", help="Rule threshold NAME=VALUE (see `disclosure-nlp rules`).")] = [],
    fail_on: Annotated[Optional[str], typer.Option(help="Exit 1 when a flag of this severity or worse is raised: error, warning, info.")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language of messages and outputs: zh (default) or en.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    agencies: Annotated[Optional[Path], typer.Option(help="Agency alias table (CSV name,canonical): one agency under several names.")] = None,
) -> None:
    """Read, parse, classify and check every report; write reports.jsonl, flags.csv, themes.csv,
    unanswered.csv, status.csv and review.html to OUT."""
    from ..batch import BatchOptions, find_inputs
    from ..scanner import scan as run_scan
    from ..errors import DisclosureError
    from ..paths import sample_corpus
    from ..pipeline import Settings

    if lang is not None:
        if lang not in LANGS:
            fail(t(f"--lang 只能是 {' / '.join(LANGS)}（收到 {lang!r}）", f"--lang must be one of {', '.join(LANGS)} (got {lang!r})"))
        set_lang(lang)
    root = directory or sample_corpus()
    if not root.exists():
        fail(t(f"{root}：文件或文件夹不存在", f"{root}: no such file or folder"))
    if root.is_dir() and not find_inputs(root):
        fail(t(f"{root}：文件夹中没有任何文件", f"{root}: the folder holds no file"))
    if fail_on and fail_on not in SEVERITIES:
        fail(t(f"--fail-on 只能是 {' / '.join(SEVERITIES)}（收到 {fail_on!r}）",
               f"--fail-on must be one of {', '.join(SEVERITIES)} (got {fail_on!r})"))
    settings = Settings(model_path=str(model) if model else None,
                        rules=tuple(r.strip() for r in rules.split(",")) if rules else None,
                        check_overrides=parse_sets(set_), lang=get_lang())
    options = BatchOptions(workers=workers or os.cpu_count() or 1, chunk_size=chunk_size, dask=dask)
    try:
        with progress_bar(t("扫描", "scan"), t("份", "files"), disable=quiet) as update:
            result = run_scan(root, out, settings, options, resume=resume, xlsx=xlsx, agencies=agencies,
                              on_progress=update)
    except DisclosureError as exc:
        fail(str(exc))
    if not quiet:
        _summary(root, result)
    if result.terminated:
        fail(t("已终止（SIGTERM）：输出中是已完成的报告；用 --resume 重新运行可接着完成",
               "terminated (SIGTERM): outputs hold the reports finished so far; rerun with --resume"),
             code=EXIT_TERMINATED)
    if result.interrupted:
        fail(t("已中断：输出中是已完成的报告；用 --resume 重新运行可接着完成",
               "interrupted: outputs hold the reports finished so far; rerun with --resume"), code=EXIT_INTERRUPTED)
    analysed = sum(n for s, n in result.by_status.items() if s in ("ok", "partial"))
    if result.n_inputs and not analysed and not result.n_skipped:
        fail(t(f"{root}：没有一份能读取的报告（见 {out / 'status.csv'}）",
               f"{root}: no readable report (see {out / 'status.csv'})"))
    if fail_on:
        worst = SEVERITIES.index(fail_on)
        if any(n and s in SEVERITIES and SEVERITIES.index(s) <= worst for s, n in result.by_severity.items()):
            raise typer.Exit(code=EXIT_FLAGS)


def _summary(root: Path, result) -> None:
    from rich.table import Table

    zh = get_lang() == "zh"
    title = (f"{root} 中的 {result.n_inputs} 个文件" if zh else f"{result.n_inputs} files in {root}")
    if result.n_skipped:
        title += f"（{result.n_skipped} 个上次已完成）" if zh else f" ({result.n_skipped} already done)"
    err.print(title, markup=False, soft_wrap=True)
    table = Table()
    table.add_column(t("状态", "status"))
    table.add_column(t("文件数", "files"), justify="right")
    for k in STATUSES:
        table.add_row(STATUS_NAMES[k] if zh else k, str(result.by_status.get(k, 0)))
    for k in SEVERITIES:
        table.add_row((f"标记：{SEVERITY_NAMES[k]}" if zh else f"flags: {k}"), str(result.by_severity.get(k, 0)))
    err.print(table)
    for name, path in result.paths.items():
        err.print(f"  {name:10} {path}", markup=False, soft_wrap=True)
