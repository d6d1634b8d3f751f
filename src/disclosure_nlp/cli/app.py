from __future__ import annotations

import typer

app = typer.Typer(
    name="disclosure-nlp",
    help="Read government information-disclosure annual reports, check them, and tell a supervisor which to look at.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
