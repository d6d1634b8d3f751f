"""The life-cycle shared by the streaming writers: open on first use, context manager, close."""
from __future__ import annotations

from typing import IO, Optional


class StreamingFile:
    """A writer of one output file; subclasses set ``self._fh`` in ``open()`` and return self."""

    _fh: Optional[IO[str]] = None

    def open(self) -> "StreamingFile":  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def __enter__(self):
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._fh:
            self._fh.close()
            self._fh = None
