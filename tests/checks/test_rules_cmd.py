"""``disclosure-nlp rules`` through typer's CliRunner."""
from __future__ import annotations

from typer.testing import CliRunner

from disclosure_nlp.checks import registry
from disclosure_nlp.cli import app

runner = CliRunner()


def test_rules_lists_the_registry():
    result = runner.invoke(app, ["rules"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for rule_id in registry():
        assert rule_id in result.output


def test_rules_explains_one():
    result = runner.invoke(app, ["rules", "t4-group-sum"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "T4-GROUP-SUM" in result.output and "Fires" in result.output and "Quiet" in result.output


def test_unknown_rule_is_bad_input():
    result = runner.invoke(app, ["rules", "NOPE-1"])
    assert result.exit_code == 2
    assert "valid ids" in result.output and "T3-BALANCE" in result.output
