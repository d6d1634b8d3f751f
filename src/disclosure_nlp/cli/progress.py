"""A progress bar with count, rate and elapsed time, on the console the log lines use."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator, Optional

from .common import err


@contextmanager
def progress_bar(label: str, unit: str, disable: bool = False) -> Iterator[Callable[[int, Optional[int]], None]]:
    """``with progress_bar("扫描", "份") as update: update(done, total)``."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    with Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                  console=err, disable=disable, transient=False) as progress:
        task = progress.add_task(label, total=None, rate="")

        def update(done: int, total: Optional[int] = None) -> None:
            progress.update(task, completed=done, total=total)
            speed = progress.tasks[0].speed
            progress.update(task, rate=f"{speed:,.0f} {unit}/s" if speed else "")
        yield update
