"""What every command shares: the stderr console (progress bars and log lines on one console, so
a log line never breaks a bar), logging configured once, one way to fail, the language."""
from __future__ import annotations

import logging
from typing import NoReturn, Optional

import typer
from rich.console import Console

from ..i18n import set_lang, t

__all__ = ["err", "out", "fail", "setup", "EXIT_OK", "EXIT_FLAGS", "EXIT_BAD_INPUT", "EXIT_INTERRUPTED",
           "EXIT_TERMINATED"]

# exit codes (README, "Exit codes")
EXIT_OK = 0
EXIT_FLAGS = 1  # --fail-on: a flag of that severity or worse was raised
EXIT_BAD_INPUT = 2  # bad input or options: missing or empty folder, nothing readable, a bad value
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_TERMINATED = 143  # SIGTERM

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def setup(verbose: int = 0, debug: bool = False, lang: str = "zh") -> None:
    """Configure logging once, on the stderr console that progress bars use; set the language."""
    set_lang(lang)
    from rich.logging import RichHandler

    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    handler = RichHandler(console=err, show_time=False, show_path=debug, rich_tracebacks=debug,
                          tracebacks_show_locals=False, markup=False)
    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(level)
    if not debug:  # tracebacks of expected failures go to --debug only
        logging.getLogger("disclosure_nlp").addFilter(_NoTraceback())


class _NoTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


def fail(message: str, code: int = EXIT_BAD_INPUT, hint: Optional[str] = None) -> NoReturn:
    """Print ``错误：message`` (and a hint) on stderr and exit with ``code``."""
    err.print(t("错误：", "error: ") + message, markup=False, soft_wrap=True)
    if hint:
        err.print(hint, markup=False, soft_wrap=True)
    raise typer.Exit(code=code)
