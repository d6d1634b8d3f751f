"""Writing synthetic reports to disk with their truth (``truth.jsonl``)."""
from __future__ import annotations

import json
import logging
import math
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

from .draw import iter_corpus
from .model import GeneratorError, SyntheticReport, truth_dict
from .render import EXTENSIONS, FORMATS, render

log = logging.getLogger(__name__)
DEFAULT_YEARS = (2020, 2021, 2022, 2023)


def write(report: SyntheticReport, directory: Path, fmts: Sequence[str] = FORMATS,
          encoding: Optional[str] = None) -> list[Path]:
    """Write ``report`` once per format as ``<agency_id>_<year><ext>`` into ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in fmts:
        path = directory / f"{report.key}{EXTENSIONS[fmt]}"
        path.write_bytes(render(report, fmt, encoding=encoding))
        paths.append(path)
    return paths


def select_reports(n: int, years: Sequence[int], seed: int, defect_rate: float) -> Iterator[SyntheticReport]:
    """The first ``n`` reports of a drawn corpus (streamed): the latest years of the last
    agencies are left out, and a BOILERPLATE-PEER whose partner was left out is no longer expected."""
    if n < 1 or not years:
        raise GeneratorError(f"need n ≥ 1 and at least one year, got n={n}, years={list(years)}")
    block: list[SyntheticReport] = []  # one year of one group: where BOILERPLATE-PEER partners are
    for report in islice(iter_corpus(math.ceil(n / len(years)), years, seed, defect_rate), n):
        if block and (report.year != block[-1].year or _number(report) <= _number(block[-1])):
            yield from _keep_peers(block)
            block = []
        block.append(report)
    yield from _keep_peers(block)


def _number(report: SyntheticReport) -> int:
    return int(report.agency_id.lstrip("a") or 0)


def _keep_peers(block: list[SyntheticReport]) -> list[SyntheticReport]:
    agencies: dict[str, set[str]] = {}
    for r in block:
        agencies.setdefault(r.sections["problems"], set()).add(r.agency_id)
    return [replace(r, defects=tuple(d for d in r.defects if d != "BOILERPLATE-PEER"))
            if "BOILERPLATE-PEER" in r.defects and len(agencies[r.sections["problems"]]) < 2 else r
            for r in block]


def generate_corpus(out_dir: Path, n: int = 50, seed: int = 1, formats: Sequence[str] = FORMATS,
                    defect_rate: float = 0.2, years: Sequence[int] = DEFAULT_YEARS, mix: bool = False,
                    gbk: int = 0, on_progress: Optional[Callable[[int, int], None]] = None) -> Path:
    """Draw ``n`` reports and write them into ``out_dir`` with ``truth.jsonl`` (one line per file:
    path, format, encoding, and the report's truth_dict with its expected ``defects``).

    Each report is written in every format of ``formats``, or with ``mix`` in one of them, in
    turn. The first ``gbk`` plain-text (``txt``) files are encoded in GBK. ``on_progress(done, n)``
    is called after each report.
    """
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise GeneratorError(f"unknown formats {bad or '(none)'}: valid are {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    truth = out_dir / "truth.jsonl"
    count = 0
    with truth.open("w", encoding="utf-8") as fh:
        for i, report in enumerate(select_reports(n, years, seed, defect_rate)):
            record = truth_dict(report)
            for fmt in ([formats[i % len(formats)]] if mix else formats):
                encoding = None
                if fmt == "txt" and gbk > 0:
                    encoding, gbk = "gbk", gbk - 1
                (path,) = write(report, out_dir, (fmt,), encoding=encoding)
                line = {"path": path.name, "format": fmt, "encoding": encoding or "utf-8", **record}
                fh.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
            if on_progress:
                on_progress(i + 1, n)
    log.info("wrote %d files and %s", count, truth)
    return truth
