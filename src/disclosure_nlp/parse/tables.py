"""Read 表二, 表三 and 表四 out of a report's text into the schema's nested dicts.

Rows are found by their labels in the order of the form; the text between one label and the
next is a zone whose cells are read by :mod:`cells`. Glued cells are split by :mod:`digits`
under the table's arithmetic, jointly over the rows of 表三, and by the figures the narrative
states. Every guess is recorded: a warning names the alternatives and the cells are listed in
``uncertain``.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

from ..form import cell_label, row_label
from ..i18n import t
from ..schema import (T2_2019, T2_2021, T3_COLUMNS, T3_RESULT_ROWS, T3_ROWS,
                      T3_ROWS_2019, T4_COLUMNS, T4_GROUPS)
from . import digits, grid
from .grid import Number
from .cells import Token, cell_value, fit_count, zone_tokens
from .labels import LABEL_TAIL, LAYOUT_2021_T3, T2_LABELS_2019, T2_LABELS_2021, T3_LABELS, T3_OTHER_2019

MAX_JOINT = 20000


@dataclass
class TableResult:
    data: Optional[dict] = None
    warnings: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    alternatives: dict = field(default_factory=dict)  # path -> every surviving value, chosen first
    unsplit: dict = field(default_factory=dict)  # row/table -> glued digits no consistent split explains
    unread: list[str] = field(default_factory=list)  # schema paths of rows (or a table) not read
    cells_read: int = 0

    def doubt(self, path: str, values) -> None:
        self.uncertain.append(path)
        self.alternatives[path] = tuple(dict.fromkeys(values))


def row_name(path: str) -> str:
    """A table, or a row of it, as the form names it: ``applications.denied.state_secret`` →
    表三 三（三）1 属于国家秘密 (``form.cell_label`` names cells)."""
    table, _, row = path.partition(".")
    return f"{cell_label(table)} {row_label(table, row)}" if row else cell_label(table)


def find_rows(text: str, labels: dict[str, str], order) -> dict[str, tuple[int, int]]:
    """Label spans (start, end-of-label) found in form order; a row not found is left out."""
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    for key in order:
        m = re.compile(labels[key]).search(text, pos)
        if not m:
            continue
        # a later row's label must not be skipped over: accept only if no row after it is nearer
        end = m.end()
        tail = LABEL_TAIL.match(text, end)
        spans[key] = (m.start(), tail.end() if tail else end)
        pos = spans[key][1]
    return spans


def find_rows_anywhere(text: str, labels: dict[str, str], order) -> dict[str, tuple[int, int]]:
    """Label spans, each the first match in ``text`` (for tables whose rows may come out of order)."""
    spans = {}
    for key in order:
        m = re.compile(labels[key]).search(text)
        if m:
            tail = LABEL_TAIL.match(text, m.end())
            assert tail is not None  # LABEL_TAIL matches the empty string too
            spans[key] = (m.start(), tail.end())
    return spans


def zones(text: str, spans: dict[str, tuple[int, int]], region_end: int) -> dict[str, str]:
    ordered = sorted(spans.items(), key=lambda kv: kv[1][0])
    out = {}
    for i, (key, (_, end)) in enumerate(ordered):
        nxt = ordered[i + 1][1][0] if i + 1 < len(ordered) else region_end
        out[key] = text[end:nxt]
    return out


# ---------------------------------------------------------------- 表三

def _row_candidates(tokens: list[Token], n: int = 7) -> tuple[list[tuple], str]:
    """Candidate cell tuples for a 表三 row and how they were found."""
    toks = fit_count(tokens, n)
    if len(toks) == n:
        return [tuple(cell_value(tok)[0] for tok in toks)], "cells"
    nums = [tok for tok in toks if tok.is_digits]
    if not nums:
        return [], "empty"
    run = "".join(tok.text for tok in nums)
    if len(toks) > n:
        # surplus cells: a stray number (page number …) before or after the row
        for window in (toks[:n], toks[-n:]):
            vals = [cell_value(tok)[0] for tok in window]
            read = [v for v in vals if v is not None]
            if len(read) == len(vals) and sum(read[:-1]) == read[-1]:
                return [tuple(vals)], "surplus"
        return [tuple(cell_value(tok)[0] for tok in toks[:n])], "surplus-unchecked"
    if run.isdigit():
        cands = digits.split_sum_row(run, n)
        # prior for ties: most applicants are natural persons
        cands.sort(key=lambda c: -c[0])
        if cands:
            return cands, "glued"
    return [], "unsplittable:" + run if run.isdigit() else "unsplittable"


def read_applications(text: str, region: tuple[int, int], stated: dict[str, float]) -> TableResult:
    start, end = region
    sub = text[start:end]
    res = TableResult()
    layout_2021 = bool(LAYOUT_2021_T3.search(sub))
    rows = T3_ROWS if layout_2021 else T3_ROWS_2019
    labels = dict(T3_LABELS)
    if not layout_2021:
        labels["other.other"] = T3_OTHER_2019
    spans = find_rows(sub, labels, rows)
    zs = zones(sub, spans, len(sub))
    cands: dict[str, list[tuple]] = {}
    how: dict[str, str] = {}
    for key, vals in grid.t3_rows(sub, rows, labels).items():  # by column: nothing shifts
        cands[key] = [vals]
        how[key] = "grid"
    for key in rows:
        if key not in zs or key in cands:
            continue
        c, h = _row_candidates(zone_tokens(zs[key]))
        if c:
            cands[key] = c
            how[key] = h
        elif h.startswith("unsplittable:") and len(h) >= len("unsplittable:") + 7:
            run = h.split(":", 1)[1]
            res.unsplit[f"applications.{key}"] = run
            res.unread.append(f"applications.{key}")
            res.warnings.append(t(
                f"{row_name('applications.' + key)}：连写数字“{run}”无论怎样拆分，总计都不等于各类申请人之和，未读取",
                f"{row_name('applications.' + key)}: glued digits '{run}' admit no split whose 总计 is the sum "
                "of the applicant columns: not read"))
    missing = [r for r in rows if r not in cands]
    if len(missing) > 3:
        positional = _positional_rows(sub, len(rows))
        if positional:
            res.warnings.append(t(f"表三：{len(missing)}行未按行名找到，各行数字按表格中的行序对应",
                                  f"表三: {len(missing)} rows not found by their labels; rows assigned by their "
                                  "position in the form"))
            cands = {k: [v] for k, v in zip(rows, positional)}
            how = {k: "position" for k in rows}
            missing = []
            if _score_t3({k: v[0] for k, v in cands.items()}, {}) < 4 * len(T3_COLUMNS):
                res.warnings.append(t("表三：按行序对应的各行数字不满足表内勾稽关系，请核对原表",
                                      "表三: the rows assigned by position do not balance; check the table"))
    elif missing or any(h.startswith("surplus") for h in how.values()) or any(
            all(v is None for v in c[0]) for c in cands.values()):
        missing = _fill_by_position(sub, rows, cands, how, res)
    for key in missing:
        if f"applications.{key}" not in res.unread:
            res.unread.append(f"applications.{key}")
            res.warnings.append(t(f"{row_name('applications.' + key)}：未找到或无法读取",
                                  f"{row_name('applications.' + key)}: not found or unreadable"))
    chosen = _resolve_joint(cands, rows, stated, res)
    data = {r: {c: None for c in T3_COLUMNS} for r in rows}
    for key, vals in chosen.items():
        data[key] = dict(zip(T3_COLUMNS, vals))
        res.cells_read += sum(v is not None for v in vals)
        if any(v is None for v in vals):
            res.warnings.append(t(f"{row_name('applications.' + key)}：空白或非数字单元格记为空值",
                                  f"{row_name('applications.' + key)}: blank or non-numeric cells read as null"))
    res.data = data
    return res


def _fill_by_position(sub: str, rows, cands: dict, how: dict, res: TableResult) -> list[str]:
    """A few rows whose numbers came apart from their labels (a converter put a row's numbers
    before its label, or after the next row's): placed by the form's row order, when the rows
    read by their labels are exactly where that order puts them and the table balances.
    Returns the rows still missing."""
    missing = [r for r in rows if r not in cands]
    blank = [k for k in rows if k in cands and all(v is None for v in cands[k][0])]
    positional = _positional_rows(sub, len(rows))
    if positional is None:
        # numbers left over beside another row: a blank row is then not read, not read as blank
        return missing + (blank if any(h.startswith("surplus") for h in how.values()) else [])
    pos = dict(zip(rows, positional))
    # a row of numbers for every row of the form: a row read blank whose place in that order
    # holds numbers has its numbers elsewhere
    astray = missing + [k for k in blank if any(v is not None for v in pos[k])]
    anchored = [k for k in rows if how.get(k) in ("cells", "grid") and k not in blank]
    if len(anchored) < len(rows) // 2 or any(pos[k] != cands[k][0] for k in anchored):
        return astray
    moved = [k for k in rows if k not in anchored and (k not in cands or pos[k] != cands[k][0])]
    if not moved:
        return missing
    trial = {k: v[0] for k, v in cands.items()}
    trial.update({k: pos[k] for k in moved})
    if len(trial) < len(rows) or _score_t3(trial, {}) < 4 * len(T3_COLUMNS):
        return astray
    for k in moved:
        cands[k] = [pos[k]]
        how[k] = "position"
    names = t("、", ", ").join(row_label("applications", k) for k in moved)
    res.warnings.append(t(f"表三：{names}的数字与行名分离，按表格的行序和勾稽关系对应",
                          f"表三: the numbers of {names} stood apart from their labels; placed by the "
                          "form's row order and the table's arithmetic"))
    return [r for r in rows if r not in cands]


def _positional_rows(sub: str, n_rows: int) -> Optional[list[tuple]]:
    """Fallback for broken layouts (labels parted from their numbers): every line that is a row of
    seven numbers, in order; a row broken over two lines (a page break) is joined again. Used only
    when exactly the form's number of rows is found."""
    vecs: list[list] = []
    orphans: list[Optional[Number]] = []
    part: list[Token] = []  # the first line of a row broken over a page break
    for line in sub.split("\n"):
        if not line.strip():
            continue
        toks = [tok for tok in zone_tokens(line) if not tok.is_blank or "\t" in line]
        nums = [tok for tok in toks if tok.is_number or tok.is_blank]
        numeric = bool(toks) and len(nums) == len(toks)
        if numeric and part and len(part) + len(nums) == 7:
            vecs.append([cell_value(tok)[0] for tok in part + nums])
            part = []
            continue
        part = nums if numeric and 2 <= len(nums) <= 5 else []
        if part:
            continue
        if len(nums) >= 6 and len(nums) == len(toks):
            nums = fit_count(nums, 7)
            nums = nums[-7:] if len(nums) >= 7 else nums + [Token("")]
            vecs.append([cell_value(tok)[0] for tok in nums])
        elif len(toks) == 1 and toks[0].is_number and line.strip() == toks[0].text:
            orphans.append(cell_value(toks[0])[0])
    if len(vecs) != n_rows:
        return None
    # a cell displaced by a converter: a lone number that is exactly the missing total of a row
    for vec in vecs:
        if vec[-1] is None and None not in vec[:-1] and sum(vec[:-1]) in orphans:
            total = sum(vec[:-1])
            vec[-1] = total
            orphans.remove(total)
    return [tuple(v) for v in vecs]


def _resolve_joint(cands: dict[str, list[tuple]], rows, stated: dict[str, float], res: TableResult) -> dict[str, tuple]:
    ambiguous = [k for k in rows if k in cands and len(cands[k]) > 1]
    chosen = {k: v[0] for k, v in cands.items()}
    if not ambiguous:
        return chosen
    combos = 1
    for k in ambiguous:
        combos *= len(cands[k])
    if combos > MAX_JOINT:
        res.warnings.append(t(f"表三：连写各行共有{combos}种联合拆分，各行取第一种",
                              f"表三: {combos} joint splits of glued rows; kept the first candidate of each row"))
        for k in ambiguous:
            for i, col in enumerate(T3_COLUMNS):
                vals = [c[i] for c in cands[k]]
                if len(set(vals)) > 1:
                    res.doubt(f"applications.{k}.{col}", vals)
        return chosen
    scored = []
    for combo in itertools.product(*(range(len(cands[k])) for k in ambiguous)):
        trial = dict(chosen)
        for k, i in zip(ambiguous, combo):
            trial[k] = cands[k][i]
        scored.append((_score_t3(trial, stated), combo, trial))
    best = max(s for s, _, _ in scored)
    top = [trial for s, _, trial in scored if s == best]
    result = top[0]
    if len(top) > 1:
        for k in ambiguous:
            alts = sorted({t[k] for t in top}, key=lambda c: -c[0])
            if len(alts) > 1:
                options = t("或", " or ").join("|".join(map(str, a)) for a in alts)
                kept = "|".join(map(str, result[k]))
                res.warnings.append(t(
                    f"{row_name('applications.' + k)}：连写数字的拆分有歧义，可能为 {options}；暂取 {kept}",
                    f"{row_name('applications.' + k)}: glued cells split ambiguously; alternatives {options}; "
                    f"kept {kept}"))
                for i, col in enumerate(T3_COLUMNS):
                    vals = [result[k][i]] + [a[i] for a in alts]
                    if len(set(vals)) > 1:
                        res.doubt(f"applications.{k}.{col}", vals)
    return result


def _score_t3(t: dict[str, tuple], stated: dict[str, float]) -> int:
    score = 0
    idx = {c: i for i, c in enumerate(T3_COLUMNS)}

    def col(row, i):
        v = t.get(row)
        return None if v is None else v[i]

    for c in T3_COLUMNS:
        i = idx[c]
        a, b, tp, cf = col("new_received", i), col("carried_over", i), col("total_processed", i), col("carried_forward", i)
        if None not in (a, b, tp, cf) and a + b == tp + cf:
            score += 2
        parts = [col(r, i) for r in T3_RESULT_ROWS if r in t]
        if tp is not None and parts and None not in parts and sum(parts) == tp:
            score += 2
    for key, value in stated.items():
        if key.startswith("applications."):
            row, c = key[len("applications."):].rsplit(".", 1)
            v = col(row, idx[c]) if row in t else None
            if v is not None and v == value:
                score += 1
    return score


# ---------------------------------------------------------------- 表四

def read_review(text: str, region: tuple[int, int], stated: dict[str, float]) -> TableResult:
    sub = text[region[0]:region[1]]
    res = TableResult()
    # the values follow the last header word (总计 / 审结)
    last = None
    for m in re.finditer(r"总\s*计|审\s*结|结\s*果", sub):
        last = m
    body = sub[last.end():] if last else sub
    prose = re.search(r"[\u4e00-\u9fff]{8,}", body)  # narrative after the table (heading lost)
    if prose:
        body = body[: prose.start()]
    toks = fit_count(zone_tokens(body), 15)
    n = 15
    vals: Optional[list] = None
    by_column = grid.t4_values(sub)
    if by_column is not None:
        vals = list(by_column)
    elif len(toks) > n and all(tok.is_number for tok in toks):
        vals = _t4_window(toks, res)
    elif len(toks) == n:
        vals = [cell_value(t)[0] for t in toks]
    else:
        run = "".join(tok.text for tok in toks if tok.is_digits)
        if run.isdigit():
            cands = digits.split_groups(run, 3, 5)
            if cands:
                vals = list(_pick_t4(cands, stated, res))
            elif len(run) >= 15:
                res.unsplit["review_litigation"] = run
                res.warnings.append(t(f"表四：连写数字“{run}”无论怎样拆分，都不能使每组的总计等于其各项结果之和，未读取",
                                      f"表四: glued digits '{run}' admit no split in which every group's 总计 is "
                                      "the sum of its results: not read"))
        if vals is None and toks:
            res.warnings.append(t(f"表四：应有15个单元格，找到{len(toks)}个，未读取",
                                  f"表四: {len(toks)} cells found where 15 were expected; not read"))
    if vals is not None:
        vals = _t4_page_number(vals, res)
    data = {g: {c: None for c in T4_COLUMNS} for g in T4_GROUPS}
    if vals is not None:
        for gi, g in enumerate(T4_GROUPS):
            data[g] = dict(zip(T4_COLUMNS, vals[gi * 5:(gi + 1) * 5]))
        res.cells_read = sum(v is not None for v in vals)
    else:
        res.unread.append("review_litigation")
        res.warnings.append(t("表四：未找到数字", "表四: values not found"))
    res.data = data
    return res


def _t4_balanced(vals) -> bool:
    """Every group's 总计 is the sum of its four results."""
    return all(None not in vals[i:i + 5] and sum(vals[i:i + 4]) == vals[i + 4] for i in range(0, 15, 5))


def _t4_window(toks: list[Token], res: TableResult) -> Optional[list]:
    """Fifteen of more numbers (a page number or a year before or after the row): the run of
    fifteen in which every group balances, the first if several do; None if none does."""
    runs = [[cell_value(tok)[0] for tok in toks[i:i + 15]] for i in range(len(toks) - 14)]
    fits = [i for i, r in enumerate(runs) if _t4_balanced(r)]
    if not fits:
        return None
    i = fits[0]
    extra = "、".join(tok.text for tok in toks[:i] + toks[i + 15:])
    res.warnings.append(t(f"表四：表中多出数字 {extra}（页码或年份），已舍去；其余15个数各组相加平衡",
                          f"表四: dropped the surplus number(s) {extra} (a page number or year); the other "
                          "fifteen balance in every group"))
    return runs[i]


def _t4_page_number(vals: list, res: TableResult) -> list:
    """A page number run into the last cell (``1`` + page ``6`` = ``16``): when the last group
    does not balance and dropping one to three trailing digits of its 总计 makes it balance, the
    shorter number is read and both readings are kept as alternatives."""
    if None in vals or _t4_balanced(vals) or not _t4_balanced(vals[:10] + [0, 0, 0, 0, 0]):
        return vals
    last = vals[14]
    if not isinstance(last, int):
        return vals
    digits_ = str(last)
    for k in range(1, min(3, len(digits_) - 1) + 1):
        trimmed = vals[:14] + [int(digits_[:-k])]
        if _t4_balanced(trimmed):
            path = f"review_litigation.{T4_GROUPS[2]}.{T4_COLUMNS[4]}"
            res.doubt(path, [trimmed[14], last])
            res.warnings.append(t(
                f"{cell_label(path)}：“{last}”末尾的“{digits_[-k:]}”疑为页码，读作 {trimmed[14]}（该组相加平衡）",
                f"{cell_label(path)}: the trailing '{digits_[-k:]}' of '{last}' looks like a page number; read "
                f"as {trimmed[14]} (the group balances)"))
            return trimmed
    return vals


def _pick_t4(cands: list[tuple], stated: dict[str, float], res: TableResult) -> tuple:
    def score(c):
        s = 0
        rv = stated.get("review_litigation.review.total")
        if rv is not None and c[4] == rv:
            s += 1
        lv = stated.get("review_litigation.litigation.total")
        if lv is not None and c[9] + c[14] == lv:
            s += 1
        return s
    best = max(score(c) for c in cands)
    # prior for ties: 结果维持 is the most common result
    top = sorted((c for c in cands if score(c) == best), key=lambda c: (-(c[0] + c[5] + c[10]), c))
    if len(top) > 1:
        options = t("或", " or ").join("|".join(map(str, c)) for c in top[:6])
        res.warnings.append(t(f"表四：连写数字的拆分有歧义，可能为 {options}；暂取第一种",
                              f"表四: glued cells split ambiguously; alternatives {options}; kept the first"))
        for i, (g, col) in enumerate(itertools.product(T4_GROUPS, T4_COLUMNS)):
            if len({c[i] for c in top}) > 1:
                res.doubt(f"review_litigation.{g}.{col}", [c[i] for c in top])
    return top[0]


# ---------------------------------------------------------------- 表二

def read_active(text: str, region: tuple[int, int], layout: str, stated: dict[str, float]) -> TableResult:
    sub = text[region[0]:region[1]]
    res = TableResult()
    spec, labels = (T2_2021, T2_LABELS_2021) if layout == "2021" else (T2_2019, T2_LABELS_2019)
    spans = find_rows_anywhere(sub, labels, list(spec))
    zs = zones(sub, spans, len(sub))
    data: dict[str, dict[str, Optional[Number]]] = {k: {f: None for f in fields} for k, fields in spec.items()}
    by_column = grid.t2_rows(sub, spec, labels)  # grid rows under their header: nothing shifts
    for key, fields in spec.items():
        if key in by_column:
            data[key] = dict(zip(fields, by_column[key]))
            res.cells_read += sum(v is not None for v in by_column[key])
            continue
        if key not in zs:
            res.unread.append(f"active_disclosure.{key}")
            res.warnings.append(t(f"{row_name('active_disclosure.' + key)}：未找到",
                                  f"{row_name('active_disclosure.' + key)}: not found"))
            continue
        toks = fit_count(zone_tokens(zs[key]), len(fields))
        if len(toks) > len(fields):
            toks = toks[: len(fields)]
        if len(toks) == len(fields):
            vals = [cell_value(t) for t in toks]
            for f, (v, raw) in zip(fields, vals):
                data[key][f] = v
                if v is not None:
                    res.cells_read += 1
                elif raw and raw != "(blank)":
                    res.warnings.append(t(f"{cell_label(f'active_disclosure.{key}.{f}')}：单元格“{raw}”记为空值",
                                          f"{cell_label(f'active_disclosure.{key}.{f}')}: cell '{raw}' read as null"))
            continue
        run = "".join(tok.text for tok in toks if tok.is_digits)
        if not run:
            if toks:
                res.unread.append(f"active_disclosure.{key}")
                shown = "、".join(tok.text or "（空）" for tok in toks)
                res.warnings.append(t(f"{row_name('active_disclosure.' + key)}：单元格 {shown} 未读取",
                                      f"{row_name('active_disclosure.' + key)}: cells {shown} not read"))
            continue
        cands = digits.split_free(run, len(fields))
        if not cands:
            res.unread.append(f"active_disclosure.{key}")
            res.warnings.append(t(f"{row_name('active_disclosure.' + key)}：“{run}”无法拆分为{len(fields)}个单元格",
                                  f"{row_name('active_disclosure.' + key)}: '{run}' cannot be split into "
                                  f"{len(fields)} cells"))
            continue
        ranked, settled = digits.rank_splits(key, fields, cands, stated, _score_t2)
        best = ranked[0]
        if settled:
            for f, cell in zip(fields, best):
                data[key][f] = float(cell) if "." in cell else int(cell)
                res.cells_read += 1
            if settled != "unique":
                by = {"narrative": ("叙述中的数字", "narrative"), "prior": ("以往报告的规律", "prior")}.get(
                    settled, (settled, settled))
                res.warnings.append(t(
                    f"{row_name('active_disclosure.' + key)}：连写数字“{run}”按{by[0]}拆分为 {'|'.join(best)}；"
                    f"其他拆分：" + "、".join("|".join(c) for c in ranked[1:6]),
                    f"表二 {key}: glued cells '{run}' split as {'|'.join(best)} by the {by[1]}; "
                    "other splits: " + ", ".join("|".join(c) for c in ranked[1:6])))
            continue
        ties = [c for c in ranked if _score_t2(key, fields, c, stated) == _score_t2(key, fields, best, stated)]
        for f, cell in zip(fields, best):
            data[key][f] = float(cell) if "." in cell else int(cell)
            res.cells_read += 1
        others = t("、", ", ").join("|".join(c) for c in ranked[1:6])
        res.warnings.append(t(
            f"{row_name('active_disclosure.' + key)}：连写数字“{run}”按合理性拆分为 {'|'.join(best)}；其他拆分：{others}",
            f"{row_name('active_disclosure.' + key)}: glued cells '{run}' split as {'|'.join(best)} by "
            f"plausibility; other splits: {others}"))
        for i, f in enumerate(fields):
            res.doubt(f"active_disclosure.{key}.{f}", [float(c[i]) if "." in c[i] else int(c[i]) for c in ranked])
        if len(ties) > 1:
            res.warnings.append(t(f"{row_name('active_disclosure.' + key)}：有{len(ties)}种拆分同样合理",
                                  f"{row_name('active_disclosure.' + key)}: {len(ties)} splits equally plausible"))
    res.data = data
    return res


def _score_t2(key: str, fields: Sequence[str], cells: tuple[str, ...], stated: Mapping[str, float]) -> tuple:
    vals = [float(c) for c in cells]
    v = dict(zip(fields, vals))
    penalty = 0
    narrative = 0
    for f, x in v.items():
        s = stated.get(f"active_disclosure.{key}.{f}")
        if s is not None:
            narrative += 0 if x == s else 1
    if "in_force" in v:
        penalty += v["in_force"] < v["issued"]
        penalty += v["repealed"] > v["in_force"] + v["issued"]
    if "total_published" in v:
        penalty += v["total_published"] < v["published"]
        penalty += v["made"] < v["published"]
    if "change" in v and "prior_items" in v:
        penalty += abs(v["change"]) > max(v["prior_items"], 1) * 2 and key != "fees"
    if key == "procurement":
        penalty += len(cells[0]) > 4
    # negative numbers only in 本年增/减
    for f, c in zip(fields, cells):
        if c.startswith("-") and f != "change":
            penalty += 5
    order = (v["repealed"] > v["issued"]) if "repealed" in v else 0
    return (narrative, penalty, digits.length_spread(cells, fields), digits.prior_cost(fields, vals), order, cells)
