"""Every CLI command is documented in the README (sqlite-utils' rule: no undocumented command)."""
from pathlib import Path

from disclosure_nlp.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands():
    import typer.main
    group = typer.main.get_group(app)
    return sorted(group.commands)


def test_every_command_is_in_the_readme():
    commands = _commands()
    assert {"parse", "scan", "rules", "train", "evaluate", "classify", "score", "generate"} <= set(commands)
    missing = [c for c in commands if f"disclosure-nlp {c}" not in README and f"/ {c}" not in README]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_readme_opens_with_the_two_commands():
    block = README.split("```")[1]
    lines = [line for line in block.splitlines() if line.strip() and not line.startswith("bash")]
    assert "pip install" in lines[0] and "disclosure-nlp scan" in lines[0]
    assert "pytest" in lines[1]
