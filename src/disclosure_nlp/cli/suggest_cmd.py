"""``suggest``: the items of a scan the model is least sure of, for an office to label."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import DisclosureError
from ..i18n import t
from .app import app
from .themes_cmd import PANEL, _fail, err


@app.command(rich_help_panel=PANEL)
def suggest(
    scan_out: Annotated[Path, typer.Argument(help="The --out folder of a scan (its reports.jsonl is read).")],
    dest: Annotated[Optional[Path], typer.Option("--to", help="Where to write NAME.csv and NAME.jsonl (default: OUT/suggest).")] = None,
    n: Annotated[int, typer.Option("-n", "--count", help="How many items to write (the least sure first).", min=1)] = 200,
    model: Annotated[Optional[Path], typer.Option(help="Classify the items again with this model (default: use the confidence the scan wrote).")] = None,
) -> None:
    """Write the items the model is least sure of to a CSV and a JSONL: fill in the blank `themes`
    column (ids or Chinese names), then `train --add` them and `evaluate --labels` to compare."""
    from ..themes.model import suggest as suggest_items

    try:
        result = suggest_items(scan_out, dest or scan_out / "suggest", n=n, model=model)
    except DisclosureError as exc:
        _fail(exc)
    err.print(t(f"{result['items']} 条不同条目中置信度最低的 {result['written']} 条已写入 {result['csv']} 和 "
                f"{result['jsonl']}：请在 themes 列填写主题（编号或中文名称），再用 train --add 训练",
                f"the {result['written']} least sure of {result['items']} distinct items written to {result['csv']} "
                f"and {result['jsonl']}: fill in the themes column (ids or Chinese names), then train --add"))
