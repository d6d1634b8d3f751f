"""Commands of the theme classifier: train, evaluate, classify, score (suggest: suggest_cmd.py)."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn
from rich.table import Table

from ..errors import DisclosureError
from ..i18n import t
from ..schema import THEME_NAMES
from .app import app
from .common import fail

PANEL = "Themes"
REAL = Path("..") / "shared" / "corpus" / "real"  # relative to the current folder (a checkout beside shared/)
err = Console(stderr=True)
out = Console()


def _fail(exc: Exception) -> None:
    fail(str(exc))


def _problems_of_file(path: Path) -> str:
    from ..pipeline import problems_of_file  # imported when a command needs it: --help stays fast

    return problems_of_file(path)


def _default_corpus() -> Path:
    """``corpora/items`` under the current folder, else a clear error asking for ``--corpus``."""
    here = Path.cwd() / "corpora" / "items"
    if here.is_dir():
        return here
    raise DisclosureError(t("当前目录下没有 corpora/items：请用 --corpus 指定标注条目（*.jsonl）所在的文件夹或文件",
                            "no corpora/items under the current folder: give --corpus, the folder or file of "
                            "labelled *.jsonl items"))


def named(themes) -> str:
    """``timeliness（公开时效）,platform（平台与网站）``: ids with their Chinese names."""
    return ",".join(f"{x}（{THEME_NAMES.get(x, x)}）" for x in themes)


@app.command(rich_help_panel=PANEL)
def train(
    out_path: Annotated[Path, typer.Option("--out", help="Where to write the model (.skops); metadata goes beside it. Required: nothing is overwritten by default.")],
    corpus: Annotated[Optional[Path], typer.Option(help="Folder (or file) of labelled *.jsonl items (default: corpora/items under the current folder).")] = None,
    add: Annotated[Optional[list[Path]], typer.Option("--add", help="An office's labels (the CSV or JSONL of `suggest`, themes filled in) to train on too; repeatable.")] = None,
    estimator: Annotated[str, typer.Option(help="logreg (one-vs-rest logistic regression, the default) or svm (calibrated linear SVM).")] = "logreg",
    folds: Annotated[int, typer.Option(help="Cross-validation folds for the reported metrics (0: none).")] = 5,
    grouped: Annotated[bool, typer.Option("--grouped/--no-grouped", help="Also cross-validate with a whole writer (author) held out at a time.")] = True,
) -> None:
    """Train the theme and kind classifier on a labelled corpus, with cross-validated metrics."""
    from ..themes.model import train as train_model

    try:
        corpus = corpus or _default_corpus()
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      console=err, transient=True) as progress:
            tasks: dict[str, TaskID] = {}

            def tick(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = progress.add_task(stage, total=total)
                progress.update(tasks[stage], completed=done)

            metrics = train_model(corpus, out_path, estimator=estimator, cv_folds=folds, progress=tick,
                                  add=list(add or ()), grouped=grouped)
    except (DisclosureError, ValueError) as exc:
        _fail(exc)
    if "cv" in metrics:
        _print_scores(t(f"{folds} 折交叉验证（随机划分，{metrics['items']} 条）",
                        f"{folds}-fold cross-validation, random split, on {metrics['items']} items"), metrics["cv"])
    if "cv_grouped" in metrics:
        g = metrics["cv_grouped"]
        _print_scores(t(f"{g['folds']} 折交叉验证（按编写者分组：{'、'.join(g['groups'])}）",
                        f"{g['folds']}-fold cross-validation grouped by author ({', '.join(g['groups'])})"), g)
    if "cv" in metrics:
        line = t(f"micro-F1 随机划分 {metrics['cv']['micro']['f1']:.3f} / macro {metrics['cv']['macro']['f1']:.3f}",
                 f"micro-F1 random {metrics['cv']['micro']['f1']:.3f} / macro {metrics['cv']['macro']['f1']:.3f}")
        if "cv_grouped" in metrics:
            line += t(f"；按编写者分组 {metrics['cv_grouped']['micro']['f1']:.3f} / "
                      f"macro {metrics['cv_grouped']['macro']['f1']:.3f}",
                      f"; grouped {metrics['cv_grouped']['micro']['f1']:.3f} / "
                      f"macro {metrics['cv_grouped']['macro']['f1']:.3f}")
        err.print(line)
    err.print(t(f"模型已写入 {out_path}（元数据 {out_path.stem}.meta.json）",
                f"model written to {out_path} (+ {out_path.stem}.meta.json)"), markup=False, soft_wrap=True)


@app.command(rich_help_panel=PANEL)
def evaluate(
    model: Annotated[Optional[list[Path]], typer.Option(help="Model file (default: the packaged model); give it twice with --labels to compare two models.")] = None,
    corpus: Annotated[Optional[Path], typer.Option(help="Labelled *.jsonl items to score on.")] = None,
    labels: Annotated[Optional[Path], typer.Option(help="Held-out labels (the CSV or JSONL of `suggest`, themes filled in): score each --model on them.")] = None,
    real: Annotated[bool, typer.Option("--real/--no-real", help="Also score on ../shared/corpus/real (items and report profiles).")] = False,
    real_dir: Annotated[Path, typer.Option(help="Folder of the real reports and their *.items.json.")] = REAL,
    baseline: Annotated[bool, typer.Option(help="Score the keyword baseline instead of the model.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Per-theme precision/recall/F1, micro/macro and confusions of a model (or the baseline); with
    --labels, two models side by side on the same held-out labels."""
    from ..paths import default_model
    from ..themes.model import compare_models, evaluate_model, make_estimator

    models = list(model or ())
    if labels is not None:
        try:
            result = compare_models(models or [default_model()], labels)
        except DisclosureError as exc:
            _fail(exc)
        if as_json:
            print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
            return
        for name, scores in result.items():
            _print_scores(t(f"{name}：{labels}（{scores['n']} 条）", f"{name} on {labels} ({scores['n']} items)"), scores)
        table = Table(title=t(f"各模型在 {labels} 上", f"models on {labels}"))
        for col in (t("模型", "model"), "micro-F1", "macro-F1", t("完全一致", "exact match")):
            table.add_column(col, justify="left" if col in ("model", "模型") else "right")
        for name, scores in result.items():
            table.add_row(name, f"{scores['micro']['f1']:.3f}", f"{scores['macro']['f1']:.3f}", f"{scores['exact_match']:.3f}")
        out.print(table)
        return
    if len(models) > 1:
        err.print(t("多个 --model 需配合 --labels 比较", "several --model need --labels to compare them on"))
        raise typer.Exit(code=2)
    if corpus is None and not real:
        fail(t("没有可评估的数据：请给出 --corpus、--labels 或 --real", "nothing to evaluate on: give --corpus, --labels and/or --real"))
    if real and not real_dir.is_dir():
        fail(t(f"{real_dir} 不存在：--real 需要真实报告文件夹（--real-dir）", f"{real_dir} not found: --real needs the shared folder (--real-dir)"))
    try:
        est = make_estimator("keywords").fit([], []) if baseline else None
        result = evaluate_model(models[0] if models else None, corpus, real_dir if real else None, estimator=est,
                                read_section=_problems_of_file)
    except DisclosureError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
        return
    for key, title in (("corpus", t(f"语料 {corpus}", f"corpus {corpus}")), ("real", t("真实报告的标注条目", "real labelled items"))):
        if key in result:
            _print_scores(title, result[key])
    if "real_profile" in result:
        p = result["real_profile"]
        out.print(t(f"报告主题概况（端到端，{p['reports']} 份报告）：precision {p['precision']:.3f} "
                    f"recall {p['recall']:.3f} micro-F1 {p['f1']:.3f}",
                    f"report theme profiles (end to end, {p['reports']} reports): precision {p['precision']:.3f} "
                    f"recall {p['recall']:.3f} micro-F1 {p['f1']:.3f}"))


def _print_scores(title: str, scores: dict) -> None:
    table = Table(title=title)
    for col in (t("主题", "theme"), "P", "R", "F1", t("条数", "support"), t("预测数", "predicted")):
        table.add_column(col, justify="left" if col in ("theme", "主题") else "right")
    for theme, s in scores["per_label"].items():
        table.add_row(f"{theme} {THEME_NAMES.get(theme, '')}", f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", str(s["support"]),
                      str(s["predicted"]))
    out.print(table)
    line = f"micro-F1 {scores['micro']['f1']:.3f} (P {scores['micro']['precision']:.3f}, R {scores['micro']['recall']:.3f}) · " \
           f"macro-F1 {scores['macro']['f1']:.3f} · " + t("完全一致", "exact match") + f" {scores['exact_match']:.3f}"
    if "kind_accuracy" in scores:
        line += " · " + t("问题/措施判别准确率", "kind accuracy") + f" {scores['kind_accuracy']:.3f}"
    out.print(line)
    conf = scores.get("confusions") or {}
    if conf:
        out.print(t("各主题最常见的误判：", "most frequent wrong themes per gold theme: ") + "; ".join(
            f"{g} → " + ", ".join(f"{w} ({n})" for w, n in c) for g, c in conf.items()))


@app.command(rich_help_panel=PANEL)
def classify(
    texts: Annotated[Optional[list[str]], typer.Argument(help="Texts to classify; one per line on stdin when none.")] = None,
    model: Annotated[Optional[Path], typer.Option(help="Model file (default: the shipped model).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per text: themes, kind, probabilities.")] = False,
) -> None:
    """Themes and kind of problem or measure statements."""
    from ..themes.model import load_model
    from ..themes.score import classify_texts

    if not texts:
        texts = [line.strip() for line in sys.stdin if line.strip()]
    try:
        results = classify_texts(load_model(model), texts)
    except DisclosureError as exc:
        _fail(exc)
    for r in results:
        if as_json:
            print(json.dumps({"text": r["text"], "themes": r["themes"],
                              "theme_names": [THEME_NAMES.get(x, x) for x in r["themes"]], "kind": r["kind"],
                              "probabilities": r["probabilities"], "confidence": r["confidence"], "why": r["why"]},
                             ensure_ascii=False))
        else:
            print(f"{r['kind']}\t{named(r['themes'])}\t{r['text']}")


@app.command(rich_help_panel=PANEL)
def score(
    files: Annotated[list[Path], typer.Argument(help="Report files (txt, md, html, docx, pdf).", exists=True, dir_okay=False)],
    model: Annotated[Optional[Path], typer.Option(help="Model file (default: the shipped model).")] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="A CSV table instead of JSON lines.")] = False,
) -> None:
    """Split section 五 of each report into items and classify them: one row per item."""
    from ..themes.model import load_model
    from ..themes.score import score_sections

    try:
        clf = load_model(model)
        rows = score_sections(clf, ((str(f), _problems_of_file(f)) for f in files))
    except DisclosureError as exc:
        _fail(exc)
    if as_csv:
        w = csv.writer(sys.stdout)
        w.writerow(["source", "kind", "themes", "theme_names", "text"])
        for r in rows:
            w.writerow([r["source"], r["kind"], ";".join(r["themes"]), "；".join(THEME_NAMES.get(x, x) for x in r["themes"]),
                        r["text"]])
    else:
        for r in rows:
            print(json.dumps({**{k: r[k] for k in ("source", "kind", "text", "themes")},
                              "theme_names": [THEME_NAMES.get(x, x) for x in r["themes"]],
                              "confidence": r["confidence"], "why": r["why"]}, ensure_ascii=False))
