"""The README's library examples run, and every command is documented."""

from __future__ import annotations

import doctest

import pytest
from click.testing import CliRunner
from conftest import ROOT

from citekit.cli import main


def test_readme_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE)  # fmt: skip
    assert result.attempted >= 8
    assert result.failed == 0


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():  # type: ignore[attr-defined]
        assert command.help, name
        assert f"citekit {name}" in readme, name
        r = CliRunner().invoke(main, [name, "--help"])
        assert r.exit_code == 0 and "Exit status" in r.stdout
