"""The `kg` command line as a whole: its list of commands, start-up cost, help examples, what it says next."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import kg.cli
from kg.cli import COMMANDS, command_module, make_parser

CLI = Path(kg.cli.__file__).parent


def test_cli_commands_are_listed_explicitly():
    """Every command file is in kg.cli.COMMANDS, and every listed command has its file."""
    files = {p.stem for p in CLI.glob("*.py") if not p.stem.startswith("_") and p.stem != "options"}
    assert set(COMMANDS) == files


def test_cli_version_imports_no_command_module():
    found = subprocess.run([sys.executable, "-X", "importtime", "-m", "kg", "--version"], capture_output=True, text=True)
    assert found.returncode == 0 and found.stdout.strip().startswith("kg ")
    imported = {line.rsplit("|", 1)[-1].strip() for line in found.stderr.splitlines() if "|" in line}
    assert "kg.cli" in imported
    assert sorted(m for m in imported if m.startswith(("kg.cli.", "kg.build", "kg.steps", "kg.access", "rdflib"))) == []


def _examples(name: str) -> list[list[str]]:
    """The example command lines of a command's help."""
    sub = make_parser(name, every=False)._subparsers._group_actions[0].choices[name]
    epilog = sub.epilog.split("example", 1)[1]
    return [shlex.split(line.split("#")[0]) for line in epilog.splitlines()[1:] if line.strip().startswith("kg ")]


def _written(words: list[str]) -> list[str]:
    """The files or folders an example writes: its --out and what its output is redirected to."""
    return [words[i + 1] for i, word in enumerate(words[:-1]) if word in ("--out", ">")]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_cli_help_examples_write_into_the_output_folder_only(name):
    """Examples write under out/ (ignored by git), never into the repository root, and `kg network` examples
    never over the build's own out/network.*."""
    written = [path for words in _examples(name) for path in _written(words)]
    assert all(path.startswith("out/") for path in written), written
    if name == "network":
        assert written and all(path.rstrip("/") != "out" for path in written)


def test_cli_evaluate_runs_from_any_folder(kg, tmp_path):
    result = kg("evaluate", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report and isinstance(report, dict)


def test_cli_build_lists_outputs_then_says_what_next(kg, tmp_path):
    doc = tmp_path / "a.en.txt"
    doc.write_text("1. UNODC supported Chile in 2022.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = kg("build", str(doc), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [Path(line).parent for line in result.stdout.splitlines()] == [out] * len(result.stdout.splitlines())
    tail = result.stderr.splitlines()[-4:]
    assert tail[0] == "kg build: next:"
    assert re.match(rf"  open {re.escape(str(out / 'network.html'))} +# ", tail[1])
    assert f"kg query partners --data {out / 'kg.ttl'}" in tail[2] and f"kg serve --data {out / 'kg.ttl'}" in tail[3]


def test_cli_every_command_module_registers_itself():
    parser = make_parser()
    choices = parser._subparsers._group_actions[0].choices
    assert list(choices) == list(COMMANDS)
    for name in COMMANDS:
        assert callable(choices[name].get_default("func")), name
        assert command_module(name).__name__ == f"kg.cli.{name}"
