"""Small iteration helpers shared by the stages (a leaf module: it imports nothing of ours)."""
from __future__ import annotations

from typing import Iterable, Iterator


def chunked(seq: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` items of ``seq`` (the last one shorter), taken lazily."""
    chunk: list = []
    for x in seq:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
