"""Invented reporting bodies: a place name composed from two syllables, a level and a body."""
from __future__ import annotations

from random import Random
from typing import Optional

from .model import Agency

_SYLLABLES = "青云临安东西南长新平清明永丰宁和兴华海江河山石金玉龙凤柳桃溪湖川岭泉阳桥林松竹梅兰沙泽源峰宝嘉富康瑞德顺昌盛益光洪"
# level: (place suffix, bodies, scale weights small/medium/large, whether it may make 规章)
_LEVELS = {
    "province": ("省", ("人民政府办公厅", "教育厅", "住房和城乡建设厅", "自然资源厅", "卫生健康委员会"), (0, 1, 4)),
    "city": ("市", ("人民政府", "住房和城乡建设局", "教育局", "自然资源和规划局", "市场监督管理局",
                    "人民政府办公室", "生态环境局", "交通运输局"), (2, 5, 1)),
    "county": ("县", ("人民政府", "教育局", "卫生健康局", "人力资源和社会保障局", "农业农村局"), (5, 2, 0)),
    "district": ("区", ("人民政府", "教育局", "城市管理局", "民政局"), (5, 2, 0)),
    "street": ("街道", ("办事处",), (1, 0, 0)),
    "town": ("镇", ("人民政府",), (1, 0, 0)),
    "zone": ("经济开发区", ("管理委员会",), (3, 2, 0)),
}
_LEVEL_WEIGHTS = {"province": 1, "city": 4, "county": 3, "district": 3, "street": 2, "town": 2, "zone": 1}
_PLACE_SELF = {"省": "我省", "市": "我市", "县": "我县", "区": "我区", "街道": "我街道", "镇": "我镇", "经济开发区": "我区"}


def self_ref_of(name: str) -> str:
    """How the narrative of ``name`` refers to the body itself (我局, 我区, 我办 …)."""
    for suffix, ref in (("办公厅", "我厅"), ("办公室", "我办"), ("管理委员会", "我委"), ("管委会", "我委"),
                        ("委员会", "我委"), ("厅", "我厅"), ("局", "我局"), ("街道办事处", "我街道"),
                        ("办事处", "我街道")):
        if name.endswith(suffix):
            return ref
    for place, ref in _PLACE_SELF.items():
        if name.endswith(place + "人民政府") or name.endswith(place):
            return ref
    return "我单位"


def _variants(name: str) -> tuple[str, ...]:
    if name.endswith("人民政府"):
        return name, name[: -len("人民政府")]
    if name.endswith("管理委员会"):
        return name, name[: -len("管理委员会")] + "管委会"
    return (name,)


def make_agencies(rng: Random, n: int, start: int = 0, seen: Optional[set[str]] = None) -> list[Agency]:
    """``n`` bodies of mixed levels with names not in ``seen`` (which is updated), ids
    ``a001`` … numbered from ``start`` + 1."""
    out: list[Agency] = []
    seen = set() if seen is None else seen
    levels = list(_LEVEL_WEIGHTS)
    while len(out) < n:
        level = rng.choices(levels, [_LEVEL_WEIGHTS[x] for x in levels])[0]
        suffix, bodies, scale_w = _LEVELS[level]
        place = rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)
        if place[0] == place[1]:
            continue
        if level in ("district", "street"):
            place = rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) + "市" + place if level == "district" else place
        name = place + suffix + rng.choice(bodies)
        if name in seen:
            continue
        seen.add(name)
        scale = rng.choices(("small", "medium", "large"), scale_w)[0]
        out.append(Agency(id=f"a{start + len(out) + 1:03d}", names=_variants(name), scale=scale,
                          self_ref=self_ref_of(name)))
    return out


def makes_rules(name: str) -> bool:
    """Only provincial governments and cities with legislative power make 规章."""
    return name.endswith(("省人民政府办公厅", "市人民政府", "市人民政府办公室"))
