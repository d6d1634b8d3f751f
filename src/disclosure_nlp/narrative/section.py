"""Find section 五 (存在的主要问题及改进情况) in a report's raw text.

A fallback for when no parsed ``Report.sections["problems"]`` is at hand (evaluation scripts,
``score`` without the parser). The heading of the 2019/2021 forms is numbered
(五、存在的主要问题及改进情况); older reports use 四、…存在的主要问题及改进情况 or
五、主要问题和改进措施; converted PDFs may lose the numbered heading and start at
（一）主要问题. The section ends at 其他需要报告的事项, the old 统计表, an 附件 or the end.
"""
from __future__ import annotations

import re
from typing import Optional

_N = "[一二三四五六七八九十]"
_HEADS = (
    re.compile(rf"{_N}\s*[、.．]\s*(?:政府信息公开|政务公开)?(?:工作)?(?:存在的?)?(?:主要)?问题\s*(?:和|及|与)\s*(?:改进|整改)(?:情况|措施)"),
    re.compile(rf"{_N}\s*[、.．]\s*(?:政府信息公开|政务公开)?(?:工作)?存在的?(?:主要)?问题"),
    re.compile(r"[（(]\s*一\s*[）)]\s*(?:存在的?)?(?:主要)?问题"),
)
_END = re.compile(
    rf"{_N}\s*[、.．]\s*(?:其他|其它)需要报告|(?:其他|其它)需要报告的事项|{_N}\s*[、.．]\s*政府信息公开情况统计表"
    r"|附件\s*\d*\s*[：:]|附件下载")
_SIGNATURE = re.compile(r"[。；]([^。；，,]{2,40})\s*$")
_AGENCY_END = re.compile(r"(?:政府|委员会|管委会|办公室|局|厅|委|办|中心|院|日)\s*$")


def find_problems_section(text: str) -> Optional[tuple[int, int]]:
    """``(start, end)`` of section 五 in ``text`` (start at its heading), or None."""
    for head in _HEADS:
        found = list(head.finditer(text))
        if found:
            start = found[-1].start()
            break
    else:
        return None
    m = _END.search(text, start + 4)
    end = m.start() if m else len(text)
    sig = _SIGNATURE.search(text, start, end)
    if sig and _AGENCY_END.search(sig.group(1)):
        end = sig.start(1)
    return start, end


def problems_section(text: str) -> str:
    """The text of section 五 (heading included), or ``""`` when there is none."""
    span = find_problems_section(text)
    return text[span[0]:span[1]].strip() if span else ""
