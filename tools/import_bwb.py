"""Add the identifiers of the Dutch government's treaty database (BWB, `BWBV0004659`) to treaties.csv.

Source: the `verdrag` folder of the statengeneraal/laws-markdown project (Leibniz Center for Law, University
of Amsterdam), a Markdown copy of the treaties in the Dutch government's Basiswettenbestand, the official
database of the treaties that bind the Kingdom of the Netherlands (wetten.overheid.nl, open data of
data.overheid.nl).  Each treaty is `…/<BWB id>/README.md`, opening with its Dutch title as a `##` heading
and, for a treaty with an English authentic text, its English title as the `####` heading right after it:

    ##Verdrag inzake strafbare feiten en bepaalde andere handelingen begaan aan boord van luchtvaartuigen

    ####Convention on offences and certain other acts committed on board aircraft

The identifier is the name of the folder that holds the file (`BWBV` and seven digits); its page is
https://wetten.overheid.nl/<id>.  A row gets an identifier only when the English title of exactly one
treaty of the source equals our `name_en` or one of our `alt_en` (case, curly quotes, a leading "the", runs
of spaces and the -isation/-ization spelling ignored, and a closing ", done at <place> on <date>", which dates
the treaty a protocol supplements); an identifier that would name two rows is refused for
both.  Rows not matched are printed with the reason; the `bwb` column is rewritten as a whole, so the same
source gives the same file byte for byte.

    python tools/import_bwb.py PATH/TO/laws-markdown/verdrag [--data ontology/data]
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from reference_tables import InputError, link_treaties, main as shared_main, normalise

COLUMN = "bwb"
IDENT = re.compile(r"BWBV[0-9]{7}")
DUTCH_TITLE = re.compile(r"##(?!#)\s*(\S.*)")
ENGLISH_TITLE = re.compile(r"####(?!#)\s*(\S.*)")
# a closing ", done at Montreal on 23 September 1971" names the treaty a protocol supplements, not the protocol
DONE_AT = re.compile(r",?\s+done at [^,]+ on [0-9]{1,2} [A-Za-z]+ [0-9]{4}\s*$", re.I)


def english_title(text: str) -> str:
    """The English title of one source file: the `####` heading right after the `##` Dutch title, or ''."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for at, line in enumerate(lines):
        if DUTCH_TITLE.fullmatch(line):
            following = ENGLISH_TITLE.fullmatch(lines[at + 1]) if at + 1 < len(lines) else None
            return following.group(1).strip() if following else ""
    return ""


def load_source(folder: Path) -> dict:
    """Normalised English title -> set of BWB identifiers, over every treaty file below FOLDER."""
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder (give the verdrag folder of statengeneraal/laws-markdown)")
    titles = defaultdict(set)
    seen = 0
    for path in sorted(folder.rglob("README.md")):
        ident = path.parent.name
        if not IDENT.fullmatch(ident):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: not a readable file ({exc.__class__.__name__})") from exc
        seen += 1
        title = english_title(text)
        if title:
            titles[normalise(DONE_AT.sub("", title))].add(ident)
    if not seen:
        raise InputError(f"{folder}: no treaty file (…/BWBV<7 digits>/README.md)")
    return titles


def run(args) -> int:
    return link_treaties(Path(args.data), load_source(Path(args.source)), COLUMN, "no English title of the source is ours")


def main(argv: list[str] | None = None) -> int:
    def configure(parser):
        parser.add_argument("source", help="the verdrag folder of a checkout of statengeneraal/laws-markdown")

    return shared_main(run, __doc__.splitlines()[0], configure, argv)


if __name__ == "__main__":
    sys.exit(main())
