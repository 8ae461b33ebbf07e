"""Test helper: run a tools/ importer the way a user does, and read a reference CSV keyed by its id column."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path


def run_tool(script: Path, *args: str) -> subprocess.CompletedProcess:
    """Run *script* with this interpreter; its exit code, stdout and stderr, never raising on failure."""
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=False)


def rows_by_id(path: Path) -> dict[str, dict[str, str]]:
    """The rows of a reference CSV by their `id`."""
    with path.open(encoding="utf-8") as handle:
        return {r["id"]: r for r in csv.DictReader(handle)}
