from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..i18n import LANGS
from .common import fail, setup

app = typer.Typer(
    name="disclosure-nlp",
    help="读取政府信息公开工作年度报告，核对表格、叙述与主题，告诉政务公开办该看哪些报告、为什么。"
         " (Read government information-disclosure annual reports, check them, and tell a supervisor which to look at.)",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"disclosure-nlp {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log messages.")] = 0,
    debug: Annotated[bool, typer.Option("--debug", help="Debug log messages, with tracebacks.")] = False,
    lang: Annotated[str, typer.Option("--lang", help="Language of messages: zh (default) or en.")] = "zh",
) -> None:
    """读取政府信息公开工作年度报告，核对表格、叙述与主题，告诉政务公开办该看哪些报告、为什么。"""
    if lang not in LANGS:
        fail(f"--lang 只能是 {' / '.join(LANGS)}（收到 {lang!r}）")
    setup(verbose, debug, lang)
