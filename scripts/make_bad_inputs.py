"""Write a corpus of bad inputs, each file named for what it is, plus ``expected.csv``.

    python scripts/make_bad_inputs.py OUT_DIR [--no-big]

The files: a report in GBK and in UTF-16 (with and without BOM), an empty file, binary garbage,
a truncated, an encrypted and an image-only PDF, a DOCX zip bomb (and one whose archive lies
about its size), an HTML report carrying ``<script>`` and an agency name with ``<b>`` in its
text, a 50 MB text report, a report with no tables, two files with the same bytes, a legacy
``.doc`` and a PNG named ``.pdf``. ``expected.csv`` lists ``file,status,reason``: the status
the pipeline must give and a substring its reason must hold (empty for reports that read).

Everything is deterministic: the same OUT_DIR content on every run. The report text comes from
the package's generator when it can render text, else it is composed here from the national
form's labels.
"""
from __future__ import annotations

import argparse
import csv
import functools
import html
import io
import logging
import random
import struct
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

log = logging.getLogger("make_bad_inputs")

AGENCY = "某某县教育局"
YEAR = 2023
BIG_BYTES = 50 * 2**20
BOMB_BYTES = 300 * 2**20
SCRIPT = "<script>alert(1)</script>"
HTML_AGENCY = "某某县<b>教育局</b>"


@dataclass(frozen=True)
class Expected:
    file: str
    status: str
    reason: str = ""  # a substring of the reason (case-insensitive); "" when the report reads


# ---------------------------------------------------------------- a report, composed from the form
T2_ROWS = (  # 2021 表二: label, values
    ("规章", "0 0 0"), ("行政规范性文件", "3 1 20"), ("行政许可", "120"), ("行政处罚", "7"),
    ("行政强制", "0"), ("行政事业性收费", "0"),
)
T2_HEADS = {"规章": ("第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数"),
            "行政许可": ("第二十条第（五）项", "信息内容 本年处理决定数量"),
            "行政处罚": ("第二十条第（六）项", "信息内容 本年处理决定数量"),
            "行政事业性收费": ("第二十条第（八）项", "信息内容 本年收费金额（单位：万元）")}
T3_ROWS = (
    ("一、本年新收政府信息公开申请数量", "5 1 0 0 0 0 6"),
    ("二、上年结转政府信息公开申请数量", "1 0 0 0 0 0 1"),
    ("三、本年度办理结果 （一）予以公开", "3 1 0 0 0 0 4"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "0 0 0 0 0 0 0"),
    ("（三）不予公开 1.属于国家秘密", "0 0 0 0 0 0 0"),
    ("2.其他法律行政法规禁止公开", "0 0 0 0 0 0 0"),
    ("3.危及“三安全一稳定”", "0 0 0 0 0 0 0"),
    ("4.保护第三方合法权益", "0 0 0 0 0 0 0"),
    ("5.属于三类内部事务信息", "0 0 0 0 0 0 0"),
    ("6.属于四类过程性信息", "0 0 0 0 0 0 0"),
    ("7.属于行政执法案卷", "0 0 0 0 0 0 0"),
    ("8.属于行政查询事项", "0 0 0 0 0 0 0"),
    ("（四）无法提供 1.本机关不掌握相关政府信息", "2 0 0 0 0 0 2"),
    ("2.没有现成信息需要另行制作", "0 0 0 0 0 0 0"),
    ("3.补正后申请内容仍不明确", "0 0 0 0 0 0 0"),
    ("（五）不予处理 1.信访举报投诉类申请", "0 0 0 0 0 0 0"),
    ("2.重复申请", "0 0 0 0 0 0 0"),
    ("3.要求提供公开出版物", "0 0 0 0 0 0 0"),
    ("4.无正当理由大量反复申请", "0 0 0 0 0 0 0"),
    ("5.要求行政机关确认或重新出具已获取信息", "0 0 0 0 0 0 0"),
    ("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0"),
    ("3.其他", "0 0 0 0 0 0 0"),
    ("（七）总计", "5 1 0 0 0 0 6"),
    ("四、结转下年度继续办理", "1 0 0 0 0 0 1"),
)
T3_HEAD = "申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"
T4_HEAD = "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计"
T4_VALUES = "1 0 0 1 2 0 0 0 0 0 0 0 0 0 0"
OVERVIEW = ("本年度，{agency}按照条例要求推进政务公开，通过门户网站主动公开各类信息一百余条。"
            "全年共收到政府信息公开申请6件，均在法定期限内答复。")
PROBLEMS = ("一是部分栏目更新不够及时。二是工作人员业务水平有待提高。"
            "下一步，将加强业务培训，完善信息发布审核流程。")
OTHER = "本年度未收取信息处理费。"
FILLER = ("本单位持续做好政务公开日常工作，按照年度计划安排各项任务，"
          "定期检查栏目内容，及时回应群众关切，各项工作有序推进。\n")


def _sections(agency: str, overview: str, problems: str, other: str, tables: bool) -> list[tuple[str, list[str]]]:
    """The report as (heading, lines); table rows as ``label v v v`` lines (spaced layout)."""
    t2: list[str] = []
    for label, values in T2_ROWS:
        if label in T2_HEADS:
            t2 += list(T2_HEADS[label])
        t2.append(f"{label} {values}")
    return [
        ("一、总体情况", [overview.format(agency=agency)]),
        ("二、主动公开政府信息情况", t2 if tables else ["本年度制发行政规范性文件情况已在门户网站公开。"]),
        ("三、收到和处理政府信息公开申请情况",
         [T3_HEAD] + [f"{lab} {v}" for lab, v in T3_ROWS] if tables else ["本年度申请办理情况见总体情况。"]),
        ("四、政府信息公开行政复议、行政诉讼情况", [T4_HEAD, T4_VALUES] if tables else ["本年度无相关情况。"]),
        ("五、存在的主要问题及改进情况", [problems]),
        ("六、其他需要报告的事项", [other]),
    ]


def composed_text(agency: str = AGENCY, *, tables: bool = True) -> str:
    """A short report in the 2021 form (spaced table rows), or its narrative alone."""
    lines = [f"{agency}{YEAR}年政府信息公开工作年度报告"]
    for heading, body in _sections(agency, OVERVIEW, PROBLEMS, OTHER, tables):
        lines.append(heading)
        lines += body
    return "\n".join(lines) + "\n"


def generated_text(seed: int = 0) -> str | None:
    """A generated report rendered as one-cell-per-line text, if the generator can render."""
    try:
        from disclosure_nlp.generate import draw_report
        from disclosure_nlp.generate.render import render
    except ImportError:
        return None
    try:
        out = render(draw_report(random.Random(seed), AGENCY, YEAR), "txt")
    except Exception as exc:  # noqa: BLE001 - a generator API we do not know: compose instead
        log.warning("generator could not render (%s: %s): composing the report instead", type(exc).__name__, exc)
        return None
    return out.decode("utf-8") if isinstance(out, bytes) else str(out)


@functools.lru_cache(maxsize=1)
def report_text() -> str:
    return generated_text() or composed_text()


def html_report() -> bytes:
    """An HTML page whose report text holds ``<script>…</script>`` and ``<b>`` as text, with a
    live script element in the page chrome and another inside the report body."""
    agency = html.escape(HTML_AGENCY)
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{agency}{YEAR}年政府信息公开工作年度报告"
             "</title><script>document.title='x'</script></head><body><div class='nav'>首页 | 政务公开</div>",
             f"<div class='article'><h1>{agency}{YEAR}年政府信息公开工作年度报告</h1>"]
    for heading, body in _sections(HTML_AGENCY, OVERVIEW, PROBLEMS + SCRIPT, OTHER + SCRIPT, tables=True):
        parts.append(f"<h3>{html.escape(heading)}</h3>")
        rows = [ln.split(" ") for ln in body]
        if all(len(r) > 1 for r in rows):
            parts.append("<table border='1'>" + "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows) + "</table>")
        else:
            parts += [f"<p>{html.escape(ln)}</p>" for ln in body]
        if heading.startswith("五"):
            parts.append("<script>alert(1)</script>")  # a live script inside the report body
    parts.append("</div></body></html>")
    return "\n".join(parts).encode("utf-8")


# ---------------------------------------------------------------- binary builders
PDF_DATE = datetime(2024, 1, 15, tzinfo=timezone.utc)  # fixed, so that the bytes are too


def _fpdf():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(PDF_DATE)
    return pdf


def text_pdf(lines: list[str]) -> bytes:
    """A PDF with a text layer (Latin core font: only its structure matters here)."""
    pdf = _fpdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for ln in lines:
        pdf.cell(0, 6, ln, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


PDF_LINES = [f"Annual report on government information disclosure, line {i}" for i in range(60)]


def truncated_pdf() -> bytes:
    data = text_pdf(PDF_LINES)
    return data[: len(data) // 2]


def encrypted_pdf() -> bytes:
    pdf = _fpdf()
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    # the handler salts its keys with os.urandom: seed it instead, for byte-identical output
    pdf._security_handler.get_random_bytes = random.Random(2).randbytes  # noqa: SLF001
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for ln in PDF_LINES:
        pdf.cell(0, 6, ln, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _png(width: int = 120, height: int = 80) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("L", (width, height), color=230)
    ImageDraw.Draw(img).rectangle((10, 10, width - 10, height - 10), outline=20, width=3)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def image_only_pdf() -> bytes:
    """Two pages with a drawn rectangle and an image, and no text at all: a 'scan'."""
    pdf = _fpdf()
    for _ in range(2):
        pdf.add_page()
        pdf.set_fill_color(40, 40, 40)
        pdf.rect(20, 20, 170, 30, style="F")
        pdf.image(io.BytesIO(_png()), x=20, y=60, w=170)
    return bytes(pdf.output())


CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 b'<Default Extension="xml" ContentType="application/xml"/>'
                 b'<Override PartName="/word/document.xml" ContentType="application/'
                 b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
PACKAGE_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def write_zip_bomb(path: Path, size: int = BOMB_BYTES) -> None:
    """A DOCX package whose word/document.xml inflates to ``size`` bytes of zeros; written
    streaming, the file itself stays small (deflate reaches ~1000:1 on zeros)."""
    chunk = bytes(2**20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", PACKAGE_RELS)
        with zf.open("word/document.xml", "w", force_zip64=size >= 2**31 - 1) as f:
            for i in range(0, size, len(chunk)):
                f.write(chunk[: min(len(chunk), size - i)])


def write_lying_zip(path: Path, size: int = 64 * 2**20, declared: int = 4096) -> None:
    """A zip bomb that passes a size check: its headers declare ``declared`` bytes for a member
    that inflates to ``size``; a reader that trusts the headers meets a CRC error, not 64 MB."""
    write_zip_bomb(path, size)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        offset, central = zf.getinfo("word/document.xml").header_offset, zf.start_dir
    # local file header: uncompressed size at +22; central directory entries: at +24
    struct.pack_into("<I", data, offset + 22, declared)
    cd = data.find(b"PK\x01\x02", central)
    while cd != -1:
        name_len = struct.unpack_from("<H", data, cd + 28)[0]
        if bytes(data[cd + 46: cd + 46 + name_len]) == b"word/document.xml":
            struct.pack_into("<I", data, cd + 24, declared)
        cd = data.find(b"PK\x01\x02", cd + 4)
    path.write_bytes(bytes(data))


def write_big_text(path: Path, size: int = BIG_BYTES) -> None:
    """The report with its 六 padded by ``size`` bytes of one repeated paragraph, streamed."""
    head = report_text().encode("utf-8")
    filler = FILLER.encode("utf-8")
    reps = max(1, size // len(filler))
    block = filler * 256
    with open(path, "wb") as f:
        f.write(head)
        done = 0
        while done < reps:
            n = min(256, reps - done)
            f.write(block if n == 256 else filler * n)
            done += n


def ole_doc() -> bytes:
    """The OLE2 compound-file signature of a legacy Word .doc, then a zeroed header sector."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + random.Random(1).randbytes(3584)


# ---------------------------------------------------------------- the corpus
Writer = Callable[[Path], None]


def _bytes(data_fn: Callable[[], bytes]) -> Writer:
    return lambda path: path.write_bytes(data_fn())


def cases(big: bool = True) -> list[tuple[Expected, Writer]]:
    text = report_text
    out = [
        (Expected("report_gbk.txt", "ok"), _bytes(lambda: text().encode("gbk"))),
        (Expected("report_utf16.txt", "ok"), _bytes(lambda: text().encode("utf-16"))),
        (Expected("report_utf16le_nobom.txt", "ok"), _bytes(lambda: text().encode("utf-16-le"))),
        (Expected("empty.txt", "failed", "空文件"), _bytes(lambda: b"")),
        (Expected("binary_garbage.txt", "failed", "二进制文件"), _bytes(lambda: random.Random(0).randbytes(65536))),
        (Expected("truncated.pdf", "failed", "PDF文件损坏或不完整"), _bytes(truncated_pdf)),
        (Expected("encrypted.pdf", "failed", "加密的PDF"), _bytes(encrypted_pdf)),
        (Expected("image_only.pdf", "failed", "需要先做文字识别（OCR）"), _bytes(image_only_pdf)),
        (Expected("zip_bomb.docx", "failed", "压缩炸弹"), write_zip_bomb),
        (Expected("zip_bomb_lying_size.docx", "failed", "DOCX文件损坏"), write_lying_zip),
        (Expected("script_in_text.html", "ok"), _bytes(html_report)),
        (Expected("no_tables.txt", "partial", "未读到表格数据"), _bytes(lambda: composed_text(tables=False).encode("utf-8"))),
        (Expected("duplicate_a.txt", "ok"), _bytes(lambda: text().encode("utf-8"))),
        (Expected("duplicate_b.txt", "ok"), _bytes(lambda: text().encode("utf-8"))),
        (Expected("legacy_word.doc", "failed", "旧版Word .doc"), _bytes(ole_doc)),
        (Expected("png_named.pdf", "failed", "需要先做文字识别（OCR）"), _bytes(_png)),
    ]
    if big:
        out.append((Expected("big_50mb.txt", "ok"), write_big_text))
    return out


def write_expected(out_dir: Path, expected: list[Expected]) -> Path:
    path = out_dir / "expected.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "status", "reason"])
        for e in expected:
            w.writerow([e.file, e.status, e.reason])
    return path


def read_expected(path: Path) -> list[Expected]:
    with open(path, newline="", encoding="utf-8") as f:
        return [Expected(r["file"], r["status"], r["reason"]) for r in csv.DictReader(f)]


def build(out_dir: Path, *, big: bool = True) -> list[Expected]:
    """Write every bad input into ``out_dir`` and ``expected.csv``; return the expectations."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    expected = []
    for exp, write in cases(big):
        write(out_dir / exp.file)
        expected.append(exp)
    write_expected(out_dir, expected)
    return expected


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--no-big", action="store_true", help="skip the 50 MB text file")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    expected = build(args.out_dir, big=not args.no_big)
    for e in expected:
        size = (args.out_dir / e.file).stat().st_size
        log.info("%-28s %10d bytes  expect %-7s %s", e.file, size, e.status, e.reason)
    return 0


if __name__ == "__main__":
    sys.exit(main())
