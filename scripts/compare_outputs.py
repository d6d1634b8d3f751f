"""Are a change's scan outputs byte-identical to those before it? (issue 12; used for issue 13)

    python scripts/compare_outputs.py [--before-ref main | --before-src DIR] [--after-src DIR]
                                      [--corpora sample,real,generated] [--n 300] [--real-like 0]
                                      [--workers 1] [--lang zh] [--xlsx] [--lines 5] [--keep DIR]
    python scripts/compare_outputs.py --before-out DIR --after-out DIR

The first form runs ``disclosure-nlp scan CORPUS --out OUT --workers N -q`` twice per corpus, in a
fresh process each time, once with ``PYTHONPATH`` set to the "before" source root and once with the
"after" one, and compares every output file. The "before" code is ``--before-src DIR`` (a folder
holding the ``disclosure_nlp`` package, e.g. another worktree's ``src``) or ``--before-ref REF``
(a git revision of this repository, exported with ``git archive`` to a temporary folder; default:
``git merge-base main HEAD``, the commit this branch started from, so that changes merged into
``main`` since do not count as this branch's). The "after" code is ``--after-src`` (default: this checkout's ``src``, uncommitted edits
included). Both runs read the same corpus folder, so the paths they print are the same.

Corpora (``--corpora``, comma-separated):

- ``sample``: the sample corpus bundled with the package (copied to a temporary folder);
- ``real``: the real reports of ``../shared/corpus/real`` (skipped, with a message, when absent);
- ``generated``: ``disclosure-nlp generate --n N --mix`` (``--n``, default 300: one report in
  each format in turn, with injected defects), written by the "after" code;
- ``real-like``: with ``--real-like N``, N real-like text and N HTML reports built as
  ``scripts/bench_real.py`` builds them (invented agency names, figures moved).

The second form compares two output folders that already exist (e.g. two scans run by hand).

Printed: per corpus, per output file, ``identical`` or ``DIFFERS`` with the first ``--lines``
differing lines of each side (for ``scan.xlsx``, of the first differing member of the zip).
Exit status 0 when every file is identical, 1 otherwise. Nothing here is timed.
"""
from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"
CORPORA = ("sample", "real", "generated", "real-like")


# --------------------------------------------------------------------------- comparing folders

def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", errors="replace").splitlines()


def first_differences(a: bytes, b: bytes, limit: int = 5) -> list[str]:
    """The first ``limit`` differing lines of ``a`` and ``b`` (text), as ``-``/``+`` lines with
    their line numbers; a line longer than 300 characters is cut around its first difference."""
    la, lb = _lines(a), _lines(b)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, la, lb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for k in range(i1, i2):
            other = lb[j1] if j1 < j2 else ""
            out.append(f"    -{k + 1}: {_cut(la[k], other)}")
            if len(out) >= 2 * limit:
                return out
        for k in range(j1, j2):
            other = la[i1] if i1 < i2 else ""
            out.append(f"    +{k + 1}: {_cut(lb[k], other)}")
            if len(out) >= 2 * limit:
                return out
    if not out:  # same lines, different bytes (line endings, a final newline)
        out.append(f"    same lines, different bytes ({len(a)} vs {len(b)} bytes)")
    return out


def _cut(line: str, other: str, width: int = 300) -> str:
    if len(line) <= width:
        return line
    i = next((k for k, (x, y) in enumerate(zip(line, other)) if x != y), min(len(line), len(other)))
    start = max(0, i - width // 3)
    return ("…" if start else "") + line[start:start + width] + "…"


def _zip_differences(a: Path, b: Path, limit: int) -> list[str]:
    try:
        za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    except zipfile.BadZipFile as exc:
        return [f"    not a zip: {exc}"]
    with za, zb:
        na, nb = za.namelist(), zb.namelist()
        if na != nb:
            return [f"    members differ: {sorted(set(na) ^ set(nb)) or 'same members, other order'}"]
        for name in na:
            da, db = za.read(name), zb.read(name)
            if da != db:
                # worksheets are one long line: break them at tags to show where they differ
                if name.endswith(".xml"):
                    da, db = da.replace(b"><", b">\n<"), db.replace(b"><", b">\n<")
                return [f"    member {name}:"] + first_differences(da, db, limit)
    return ["    same members and contents, different zip bytes"]


def compare_folders(before: Path, after: Path, limit: int = 5) -> tuple[bool, list[str]]:
    """(all identical, printed lines) for two output folders: every file either holds, hidden
    files and folders (a scan's spool) left out."""
    def files(d: Path) -> set[str]:
        return {str(p.relative_to(d)) for p in d.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(d).parts)}

    fa, fb = files(before), files(after)
    same = True
    lines = []
    for name in sorted(fa | fb):
        if name not in fa or name not in fb:
            same = False
            lines.append(f"  {name}: only in {'after' if name in fb else 'before'}")
            continue
        a, b = (before / name).read_bytes(), (after / name).read_bytes()
        if a == b:
            lines.append(f"  {name}: identical ({len(a):,} bytes)")
            continue
        same = False
        lines.append(f"  {name}: DIFFERS ({len(a):,} vs {len(b):,} bytes)")
        if name.endswith(".xlsx"):
            lines.extend(_zip_differences(before / name, after / name, limit))
        else:
            lines.extend(first_differences(a, b, limit))
    if not fa and not fb:
        same = False
        lines.append("  no output file on either side")
    return same, lines


# --------------------------------------------------------------------------- running scans

def export_ref(ref: str, dest: Path) -> Path:
    """The ``src`` folder of git revision ``ref`` of this repository, written under ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest / "src"


def _merge_base() -> str:
    return subprocess.run(["git", "-C", str(ROOT), "merge-base", "main", "HEAD"], check=True,
                          capture_output=True, text=True).stdout.strip()


def run_scan(src: Path, corpus: Path, out: Path, workers: int, lang: str, xlsx: bool) -> None:
    env = dict(os.environ, PYTHONPATH=str(src))
    cmd = [sys.executable, "-c", "from disclosure_nlp.cli import main; main()", "scan", str(corpus),
           "--out", str(out), "--workers", str(workers), "--lang", lang, "-q"]
    if xlsx:
        cmd.append("--xlsx")
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=str(out.parent))
    if done.returncode not in (0, 1):  # 1: flags raised with --fail-on (not used) or no readable report
        sys.stderr.write(done.stderr[-2000:])
        raise SystemExit(f"scan with PYTHONPATH={src} on {corpus} exited {done.returncode}")


def _which_src(src: Path) -> str:
    out = subprocess.run([sys.executable, "-c", "import disclosure_nlp; print(disclosure_nlp.__file__)"],
                         env=dict(os.environ, PYTHONPATH=str(src)), capture_output=True, text=True)
    return out.stdout.strip()


def build_corpora(names: list[str], work: Path, after_src: Path, n: int, real_like: int) -> dict[str, Path]:
    corpora: dict[str, Path] = {}
    for name in names:
        if name == "sample":
            sample = after_src / "disclosure_nlp" / "data" / "sample"
            corpora[name] = Path(shutil.copytree(sample, work / "corpus-sample"))
        elif name == "real":
            if REAL.is_dir():
                corpora[name] = REAL
            else:
                print(f"(real: {REAL} not found, skipped)")
        elif name == "generated":
            folder = work / "corpus-generated"
            subprocess.run([sys.executable, "-c", "from disclosure_nlp.cli import main; main()", "generate",
                            str(folder), "--n", str(n), "--mix", "--seed", "1"],
                           env=dict(os.environ, PYTHONPATH=str(after_src)), check=True, capture_output=True)
            corpora[name] = folder
        elif name == "real-like":
            if not real_like:
                continue
            if not REAL.is_dir():
                print(f"(real-like: {REAL} not found, skipped)")
                continue
            sys.path.insert(0, str(ROOT / "scripts"))
            from bench_real import _sources, build  # noqa: E402 - the same corpus the benchmark times

            folder = work / "corpus-real-like"
            for fmt, sources in _sources(("txt", "html")).items():
                build(folder, fmt, sources, real_like)
            corpora[name] = folder
        else:
            raise SystemExit(f"unknown corpus {name!r}; valid: {', '.join(CORPORA)}")
    return corpora


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before-ref", default=None,
                    help="git revision for the 'before' code (default: git merge-base main HEAD)")
    ap.add_argument("--before-src", type=Path, help="source root (holding disclosure_nlp/) for 'before'")
    ap.add_argument("--after-src", type=Path, default=ROOT / "src", help="source root for 'after' (default: ./src)")
    ap.add_argument("--before-out", type=Path, help="compare this existing output folder …")
    ap.add_argument("--after-out", type=Path, help="… with this one, and run nothing")
    ap.add_argument("--corpora", default="sample,real,generated,real-like")
    ap.add_argument("--n", type=int, default=300, help="generated reports")
    ap.add_argument("--real-like", type=int, default=0, help="real-like reports per format (txt, html)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--lang", default="zh")
    ap.add_argument("--xlsx", action="store_true", help="also write and compare scan.xlsx")
    ap.add_argument("--lines", type=int, default=5, help="differing lines shown per file")
    ap.add_argument("--keep", type=Path, help="work (corpora, outputs) here and keep it")
    args = ap.parse_args(argv)

    if args.before_out or args.after_out:
        if not (args.before_out and args.after_out):
            ap.error("--before-out and --after-out go together")
        same, lines = compare_folders(args.before_out, args.after_out, args.lines)
        print(f"{args.before_out} → {args.after_out}")
        print("\n".join(lines))
        print("\nverdict:", "IDENTICAL" if same else "DIFFERENT")
        return 0 if same else 1

    if args.before_src and args.before_ref:
        ap.error("give --before-src or --before-ref, not both")
    work = args.keep or Path(tempfile.mkdtemp(prefix="compare-outputs-"))
    work.mkdir(parents=True, exist_ok=True)
    work = work.resolve()
    try:
        ref = args.before_ref or _merge_base()
        before_src = args.before_src or export_ref(ref, work / "before-code")
        after_src = args.after_src.resolve()
        print(f"before: {_which_src(before_src.resolve())}  ({args.before_src or 'git ' + ref})")
        print(f"after:  {_which_src(after_src)}")
        corpora = build_corpora(args.corpora.split(","), work, after_src, args.n, args.real_like)
        verdict = True
        for name, corpus in corpora.items():
            outs = {}
            for side, src in (("before", before_src.resolve()), ("after", after_src)):
                out = work / f"out-{name}-{side}"
                shutil.rmtree(out, ignore_errors=True)
                run_scan(src, corpus, out, args.workers, args.lang, args.xlsx)
                outs[side] = out
            n_files = sum(1 for p in corpus.rglob("*") if p.is_file())
            same, lines = compare_folders(outs["before"], outs["after"], args.lines)
            verdict &= same
            print(f"\n## {name} ({corpus}, {n_files} files): {'identical' if same else 'DIFFERENT'}")
            print("\n".join(lines))
        print("\nverdict:", "IDENTICAL" if verdict else "DIFFERENT")
        return 0 if verdict else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
