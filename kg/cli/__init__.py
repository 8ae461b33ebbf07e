"""Command line: `kg COMMAND ...`; each command lives in kg/cli/<name>.py, listed in COMMANDS.

Only the module of the command being run is imported (`kg --version` and `kg --help` import none).
Exit codes: 0 success, 1 the data fails a check, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys

from kg import __version__

from kg.core.errors import EXIT_USAGE, KGError


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose usage errors exit with code 2 on one line."""

    def error(self, message):  # noqa: D401 - argparse API
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


# name -> one line for `kg --help`, in the order listed there; the module kg.cli.<name> declares the rest
COMMANDS = {
    "build": "read documents and write the knowledge graph (out/kg.ttl)",
    "validate": "check the graph against the SHACL shapes (ontology/shapes.ttl)",
    "evaluate": "measure extraction precision/recall on annotated passages",
    "export": "write the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD",
    "query": "run a named SPARQL query or a .rq file over the graph",
    "publish": "write a static linked-data site: a page per entity, class indexes, the dump",
    "serve": "serve the graph at a read-only SPARQL 1.1 endpoint (http://HOST:PORT/sparql)",
    "push": "load the graph into a running SPARQL store (Oxigraph, Fuseki, GraphDB, Virtuoso)",
    "network": "write the partnership network (HTML, GraphML, GEXF, PNG) and print a summary",
}


def command_module(name: str):
    """The module of command *name* (kg.cli.<name>), imported now."""
    return importlib.import_module(f"kg.cli.{name}")


def chosen_command(argv: list[str]) -> str | None:
    """The command named on the command line (the first argument that is not an option), if it is one."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def make_parser(only: str | None = None, every: bool = True) -> argparse.ArgumentParser:
    """The argument parser: every command with its options, or (every=False) only command *only* with its
    options and the others by name and summary, so their modules are not imported."""
    parser = _Parser(
        prog="kg",
        description="Build, check, query and publish a knowledge graph of UNODC documents.",
        epilog="Exit codes: 0 success, 1 the data fails a check, 2 usage or input error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, summary in COMMANDS.items():
        if every or name == only:
            command_module(name).add_parser(sub, summary)
        else:
            sub.add_parser(name, help=summary)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = make_parser(chosen_command(argv), every=False)
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
