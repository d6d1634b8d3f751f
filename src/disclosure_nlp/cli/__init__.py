"""The ``disclosure-nlp`` command line. Each command calls one library function."""
from __future__ import annotations

import importlib
import sys

from .app import app

# command modules register themselves on ``app`` when imported
for _name in ("parse_cmd", "scan_cmd", "themes_cmd", "suggest_cmd", "rules_cmd", "generate_cmd"):
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:  # a module not written yet, not a missing dependency
        if exc.name != f"{__name__}.{_name}":
            raise


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())  # what main() runs; main() itself is typed -> None
