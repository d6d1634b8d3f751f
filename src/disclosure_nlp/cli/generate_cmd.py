"""``disclosure-nlp generate``: write a synthetic corpus with its truth."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..i18n import t
from .app import app
from .common import fail
from .progress import progress_bar


@app.command()
def generate(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the reports and truth.jsonl into.")],
    n: Annotated[int, typer.Option("--n", help="Number of reports to draw.")] = 50,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed writes the same corpus.")] = 1,
    formats: Annotated[str, typer.Option(help="Comma-separated formats: txt, glued, html, docx, pdf, md.")]
    = "txt,glued,html,docx,pdf,md",
    defect_rate: Annotated[float, typer.Option(help="Share of reports given one injected defect (0..1).")] = 0.2,
    years: Annotated[str, typer.Option(help="Years reported on, e.g. 2020-2023 or 2021,2023.")] = "2020-2023",
    mix: Annotated[bool, typer.Option(help="Write each report in one format, in turn, not in all of them.")]
    = False,
    gbk: Annotated[int, typer.Option(help="Encode this many of the first txt files in GBK rather than UTF-8.")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Draw synthetic annual reports with known truth and write them in the given formats."""
    from ..errors import DisclosureError
    from ..generate.corpus import generate_corpus

    try:
        year_list = _years(years)
        with progress_bar(t("生成", "generate"), t("份", "reports"), disable=quiet) as update:
            truth = generate_corpus(out_dir, n=n, seed=seed,
                                    formats=[f.strip() for f in formats.split(",") if f.strip()],
                                    defect_rate=defect_rate, years=year_list, mix=mix, gbk=gbk, on_progress=update)
    except (DisclosureError, ValueError, OSError) as exc:
        fail(str(exc))
    typer.echo(str(truth))


def _years(spec: str) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        lo, _, hi = part.strip().partition("-")
        out += list(range(int(lo), int(hi or lo) + 1))
    return sorted(set(out))
