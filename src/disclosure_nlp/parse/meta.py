"""Agency, year and table layout of a report."""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from .labels import LAYOUT_2019_T2, LAYOUT_2021_T2, LAYOUT_2021_T3

_SUFFIX = r"(?:人民政府|政府|管委会|管理委员会|委员会|委|局|厅|部|署|办公室|办公厅|办事处|街道|镇|乡|中心|院|站|所|办|会)"
_TITLE = re.compile(r"(?:标\s*题\s*[:：]\s*)?([\u4e00-\u9fff（）()·]{2,40}?)\s*(20\d\d|19\d\d)\s*年\s*度?\s*(?:政\s*府\s*)?信\s*息\s*公\s*开\s*(?:工\s*作\s*)?(?:年\s*度\s*)?报\s*告")
_YEAR_TITLE = re.compile(r"(20\d\d|19\d\d)\s*年\s*度?\s*(?:政\s*府\s*)?信\s*息\s*公\s*开\s*(?:工\s*作\s*)?(?:年\s*度\s*)?报\s*告")
_PERIOD = re.compile(r"(?:统计期限|统计周期|统计时限)[^0-9]{0,12}(20\d\d)\s*年\s*1\s*月\s*1\s*日")
_SIGNATURE = re.compile(r"^\s*([\u4e00-\u9fff（）()]{3,40}" + _SUFFIX + r")\s*$", re.M)
_BAD_AGENCY = ("以下简称", "根据", "本报告", "关于", "印发", "通知", "条例", "规定")


def detect_year(text: str) -> Optional[int]:
    head = text[:600]
    m = _YEAR_TITLE.search(head) or _PERIOD.search(text)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in re.findall(r"(20\d\d)\s*年", text[:5000]))
    return years.most_common(1)[0][0] if years else None


def detect_agency(text: str) -> Optional[str]:
    head = text[:600]
    m = _TITLE.search(head)
    if m:
        name = re.sub(r"^(?:标题|正文)", "", m.group(1)).strip("（）() ·")
        if len(name) >= 2 and not any(b in name for b in _BAD_AGENCY):
            return name
    m = re.search(r"(?:20\d\d)\s*年\s*度?\s*([\u4e00-\u9fff]{2,30}?)\s*政\s*府\s*信\s*息\s*公\s*开", head)
    if m and re.search(_SUFFIX + "$", m.group(1)) and not any(b in m.group(1) for b in _BAD_AGENCY):
        return m.group(1)
    tail = text[-400:]
    sigs = [s for s in _SIGNATURE.findall(tail) if not any(b in s for b in _BAD_AGENCY)]
    if sigs:
        return sigs[-1]
    m = re.search(r"发\s*布\s*机\s*构\s*[:：]\s*([\u4e00-\u9fff（）()]{3,40})", head)
    if m:
        return m.group(1)
    m = re.search(r"汇总([\u4e00-\u9fff]{2,20}?)(?:各有关单位|各单位|所属)", text[:3000])
    if m:
        return m.group(1)
    return None


def detect_format(t2_text: str, t3_text: str) -> Optional[str]:
    if LAYOUT_2021_T2.search(t2_text):
        return "2021"
    if LAYOUT_2019_T2.search(t2_text):
        return "2019"
    if LAYOUT_2021_T3.search(t3_text):
        return "2021"
    if t3_text.strip():
        return "2019"
    return None
