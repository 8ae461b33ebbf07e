"""Command line: `kg COMMAND ...`; each command lives in kg/commands/<name>.py.

Exit codes: 0 success, 1 the data fails a check, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from . import __version__, commands
from .errors import EXIT_USAGE, KGError


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors exit with code 2 on one line."""

    def error(self, message):  # noqa: D401 - argparse API
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def command_modules():
    """Command modules in kg/commands, in their declared order."""
    mods = [importlib.import_module(f"kg.commands.{m.name}") for m in pkgutil.iter_modules(commands.__path__)]
    return sorted((m for m in mods if hasattr(m, "add_parser")), key=lambda m: (getattr(m, "ORDER", 99), m.__name__))


def make_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every command."""
    parser = _Parser(
        prog="kg",
        description="Build, check, query and publish a knowledge graph of UNODC documents.",
        epilog="Exit codes: 0 success, 1 the data fails a check, 2 usage or input error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in command_modules():
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        code = args.func(args)
    except KGError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main())
