"""Options shared by several commands, declared once: name, value type, metavar and default wording.

Each command passes what is its own (the default, the help sentence where the meaning differs).
"""

from __future__ import annotations

import argparse
from pathlib import Path

LANGS = ("zh", "en")  # document and label languages


def folder(value: str) -> Path:
    """An output folder: a non-empty path (an empty one would write into the current folder)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("the output folder must not be empty")
    return Path(value)


def data(p, help: str, default: Path | None = None) -> None:
    """--data PATH: the built graph a command reads."""
    p.add_argument("--data", type=Path, default=default, metavar="PATH", help=help)


def out_folder(p, default: Path, help: str) -> None:
    """--out DIR: the folder a command writes into."""
    p.add_argument("--out", type=folder, default=default, metavar="DIR", help=help)


def out_file(p, help: str = "output file (default: standard output)") -> None:
    """--out FILE: the file a command writes (default: standard output)."""
    p.add_argument("--out", type=Path, metavar="FILE", help=help)


def output_format(p, choices, default: str, help: str | None = None) -> None:
    """--format: the form of what a command prints or writes."""
    p.add_argument("--format", choices=list(choices), default=default, help=help or f"output format (default: {default})")


def lang(p, help: str, default: str | None = None, choices=LANGS) -> None:
    """--lang: the language of the documents, or of the labels and messages printed."""
    p.add_argument("--lang", choices=list(choices), default=default, help=help)


def jobs(p) -> None:
    """--jobs/-j N: processes to run in parallel."""
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="extraction processes (default: 1)")


def base_url(p, help: str, default: str | None = None) -> None:
    """--base-url URL: where the outputs are published."""
    p.add_argument("--base-url", default=default, metavar="URL", help=help)


def endpoint(p, help: str, required: bool = False) -> None:
    """--endpoint URL: a SPARQL endpoint (named in void.ttl, or the store to push to)."""
    p.add_argument("--endpoint", default=None, required=required, metavar="URL", help=help)
