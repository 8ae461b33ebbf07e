"""Command line: `kg COMMAND ...`; each command lives in kg/cli/<name>.py.

Exit codes: 0 success, 1 the data fails a check, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import pkgutil
import sys

from kg import __version__

from kg.core.errors import EXIT_USAGE, KGError


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors exit with code 2 on one line."""

    def error(self, message):  # noqa: D401 - argparse API
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def command_modules():
    """Command modules in kg/cli, in their declared order."""
    mods = [importlib.import_module(f"kg.cli.{m.name}") for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
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
        sys.stdout.flush()  # a full disk under a redirected stdout shows here, not at interpreter exit
    except KGError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _drop_stdout()
        return 0
    except OSError as exc:
        if exc.errno not in _DISK_REFUSES:
            raise
        _drop_stdout()
        where = exc.filename or "standard output"
        print(f"kg {args.command}: error: {where}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_USAGE
    return int(code or 0)


_DISK_REFUSES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO}


def _drop_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush of what is left cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
