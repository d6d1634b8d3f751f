"""A tiny made-up labelled corpus for fast tests."""
ITEMS = [
    ("信息公开更新不及时。", "problem", ("timeliness",)),
    ("信息发布滞后，时效性不强。", "problem", ("timeliness",)),
    ("部分信息更新缓慢，发布不够及时。", "problem", ("timeliness",)),
    ("政策文件发布后解读滞后。", "problem", ("timeliness", "interpretation")),
    ("确保信息在规定时限内及时发布。", "improvement", ("timeliness",)),
    ("加快信息更新频率，做到及时发布。", "improvement", ("timeliness",)),
    ("建立发布时限提醒，防止信息滞后。", "improvement", ("timeliness",)),
    ("政策解读形式单一。", "problem", ("interpretation",)),
    ("解读质量不高，回应关切不够。", "problem", ("interpretation",)),
    ("解读材料内容空泛。", "problem", ("interpretation",)),
    ("丰富政策解读形式，提升解读质量。", "improvement", ("interpretation",)),
    ("做好政策解读，及时回应社会关切。", "improvement", ("interpretation",)),
    ("坚持解读材料与文件同步发布。", "improvement", ("interpretation",)),
    ("工作人员多为兼职，业务不熟。", "problem", ("staffing",)),
    ("人员力量薄弱，培训不足。", "problem", ("staffing",)),
    ("队伍流动性大，业务能力不强。", "problem", ("staffing",)),
    ("加强业务培训，提升人员能力。", "improvement", ("staffing",)),
    ("配齐专职人员，保持队伍稳定。", "improvement", ("staffing",)),
    ("每年组织两次专题培训。", "improvement", ("staffing",)),
    ("工作仍存在一些不足。", "problem", ("generic",)),
    ("与群众期待还有差距。", "problem", ("generic",)),
    ("整体水平有待提升。", "problem", ("generic",)),
    ("持续提升工作水平。", "improvement", ("generic",)),
    ("推动各项工作再上新台阶。", "improvement", ("generic",)),
    ("进一步抓实抓细各项工作。", "improvement", ("generic",)),
]
TEXTS = [t for t, _, _ in ITEMS]
KINDS = [k for _, k, _ in ITEMS]
THEMES = [list(th) for _, _, th in ITEMS]


def records():
    return [{"text": t, "kind": k, "themes": list(th), "author": "test"} for t, k, th in ITEMS]
