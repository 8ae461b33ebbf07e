"""`kg build`: read documents and write the knowledge graph."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from kg.build.run import DEFAULT_OUT, build, default_corpus
from kg.extract.ingest import skipped_files
from kg.build.executors import EXECUTORS
from kg.build.result import ExtractionStats
from kg.cli import options



def add_parser(sub, summary: str) -> None:
    """Register `kg build`."""
    p = sub.add_parser(
        "build",
        help=summary,
        description="Read documents (files or folders; default: the bundled corpus/) and write "
        "the knowledge graph to DIR/kg.ttl.",
        epilog="example:\n  kg build corpus/ --out out/\n  kg build report.en.txt --lang en\n  kg build report.pdf page.html\n"
        "  kg build corpus/ --min-confidence 0.8  # fewer relations, more of them right\n"
        "  kg build reports/ --jobs 2            # extract in 2 processes; a rebuild re-extracts only changed files\n"
        "  kg build . --out out/                 # out/, .cache, hidden folders and virtualenvs are never read\n"
        "  kg build reports/ --executor dask --scheduler tcp://head:8786\n"
        "  kg build report.zh.md report.en.md --edition-of report.en.md=E/CN.7/2022/2 --edition-of report.zh.md=E/CN.7/2022/2\n"
        "\nlanguage editions: documents whose heading block prints the same symbol (or named by --edition-of) become\n"
        "one work with one expression per language; their paragraphs are aligned and the names they mint get one IRI.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATHS",
                   help="documents or folders (.md, .txt, .pdf, .docx, .html; UTF-8 or UTF-16 text)")
    options.out_folder(p, DEFAULT_OUT, "output folder (default: out/)")
    options.lang(p, "language of the documents (default: detected)")
    options.jobs(p)
    p.add_argument(
        "--no-cache", dest="incremental", action="store_false",
        help="ignore and do not write DIR/.cache/ (per-document graphs; by default only changed documents are re-extracted)",
    )
    p.add_argument("--executor", choices=EXECUTORS, default="local", help="where to extract: this machine (default) or a dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS", help="dask scheduler address for --executor dask (e.g. tcp://host:8786)")
    p.add_argument("--store", metavar="oxigraph:DIR",
                   help="also load the graph into a persistent on-disk store that kg query/serve --data DIR open")
    p.add_argument("--min-confidence", type=_confidence, metavar="X",
                   help="keep extracted relations whose calibrated confidence is at least X (0-1; default: the "
                        "threshold of ontology/relation-weights.toml, chosen for the best F1 on the development annotations)")
    p.add_argument("--wait", action="store_true",
                   help="when another kg build is writing DIR, wait for it (default: fail at once, exit 2)")
    p.add_argument("--edition-of", action="append", default=[], metavar="FILE=SYMBOL",
                   help="treat document FILE (matched by file name) as a language edition of the UN document SYMBOL, "
                   "whatever symbol it prints (repeatable)")
    options.base_url(p, "where the dumps will be published, for void.ttl (default: https://w3id.org/unodc-kg/)")
    options.endpoint(p, "the public SPARQL endpoint named in void.ttl (default: the local kg serve address)")
    p.set_defaults(func=run)


def _confidence(value: str) -> float:
    """A confidence between 0 and 1, for --min-confidence."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {value}")
    return number
class Terminated(BaseException):
    """SIGTERM reached the build (a BaseException, so no `except Exception` swallows it)."""


class _Notes(logging.Formatter):
    def format(self, record):
        level = "note" if record.levelno < logging.WARNING else record.levelname.lower()
        return f"kg build: {level}: {record.getMessage()}"


class _Sigterm:
    """Whether SIGTERM reached the build, even where a library's bare ``except:`` swallowed the Terminated it raised."""

    def __init__(self):
        self.received = False


@contextmanager
def _stopped_by_sigterm(seen: _Sigterm):
    """SIGTERM stops the build like Ctrl-C: temporary files removed, workers terminated, old outputs kept."""

    def stop(signum, frame):
        seen.received = True
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _show_notes() -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Notes())
    logger = logging.getLogger("kg")
    logger.addHandler(handler)
    for name in ("kg.build.executors", "kg.build.outputs", "kg.build.cache"):  # the build's own notes (--jobs capped, leftovers removed); others: warnings
        if logging.getLogger(name).level == logging.NOTSET:
            logging.getLogger(name).setLevel(logging.INFO)
    return handler


def _terminated() -> int:
    print("kg build: terminated; no output was left half-written", file=sys.stderr)
    return 128 + signal.SIGTERM


def run(args) -> int:
    """Run the build and print where the outputs are."""
    from kg.extract.editions import parse_edition_of
    from kg.publish.site import check_base_url, check_endpoint
    from kg.rdf.store import parse_spec
    from kg.steps import STANDARD

    stats = ExtractionStats()
    store = parse_spec(args.store) if args.store else None
    handler = _show_notes()
    seen = _Sigterm()
    try:
        with _stopped_by_sigterm(seen):
            result = build(
                args.paths, args.out, args.lang,
                jobs=args.jobs, incremental=args.incremental, executor=args.executor, scheduler=args.scheduler,
                stats=stats, store=store, wait=args.wait, edition_of=parse_edition_of(args.edition_of),
                base_url=check_base_url(args.base_url) if args.base_url else None,
                endpoint=check_endpoint(args.endpoint) if args.endpoint else None,
                min_confidence=args.min_confidence, steps=STANDARD, progress=_progress_bar,
            )
        if seen.received:
            raise Terminated()
    except Terminated:
        return _terminated()
    except Exception:
        if not seen.received:
            raise
        return _terminated()
    finally:
        logging.getLogger("kg").removeHandler(handler)
    if stats.up_to_date:
        print(f"kg build: up to date, {len(result.documents)} document(s), {result.triples} triples", file=sys.stderr)
    else:
        paragraphs = result.paragraphs
        cached = f" ({stats.cached} from cache)" if stats.cached else ""
        print(f"kg build: {len(result.documents)} document(s){cached}, {paragraphs} paragraphs, {result.triples} triples", file=sys.stderr)
    skipped = skipped_files(args.paths or [default_corpus()], (args.out,))
    if skipped:
        names = ", ".join(str(path) for path, _ in skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
        print(f"kg build: skipped {len(skipped)} file(s) of other types: {names}", file=sys.stderr)
    for path in result.outputs:
        print(path)
    sys.stdout.flush()  # the list of outputs first, then what to do with them
    print(next_steps(Path(args.out)), file=sys.stderr, end="")
    return 0 if result.conforms is not False else 1


def _progress_bar(total: int):
    """A bar on stderr counting the documents extracted, when stderr is a terminal and there are several."""
    if not (sys.stderr.isatty() and total > 1):
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="kg build: extract", file=sys.stderr, leave=False)


def next_steps(out: Path) -> str:
    """What to do with a finished build's outputs in *out*: the commands to try next."""
    from kg.access.serve import DEFAULT_HOST, DEFAULT_PORT

    data = "" if out == DEFAULT_OUT else f" --data {out / 'kg.ttl'}"
    steps = [
        (f"open {out / 'network.html'}", "the partnership network, in a browser"),
        (f"kg query partners{data}", "who works with whom (kg query --help lists every query)"),
        (f"kg serve{data}", f"a SPARQL endpoint at http://{DEFAULT_HOST}:{DEFAULT_PORT}/sparql"),
    ]
    width = max(len(command) for command, _ in steps)
    return "kg build: next:\n" + "".join(f"  {command:<{width}}  # {why}\n" for command, why in steps)
