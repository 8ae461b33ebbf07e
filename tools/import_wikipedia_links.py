"""Add the English Wikipedia article (and so the DBpedia resource) of treaties and UN bodies: column `dbpedia`.

Source: a table of the English Wikipedia articles read for this purpose (tools/sources/wikipedia-articles.csv),
one row an article, with the address where it was read (`page`), its title as the article heads it (`title`) and
the names its opening sentence or infobox gives the subject (`names`, separated by ` | `; an abbreviation among
them).  `page` is the article on en.wikipedia.org or in a Kiwix copy of the English Wikipedia (a path with
`wikipedia_en_`); either way its address must spell the title, so that a redirect or another article is refused.

The identifier written is the title with spaces as underscores (`Committee_on_the_Rights_of_the_Child`):
`kg/core/reference.py` links it as `skos:exactMatch <http://dbpedia.org/resource/…>` (DBpedia's resource of that
article) and `rdfs:seeAlso <https://en.wikipedia.org/wiki/…>`.  A row of treaties.csv or bodies.csv gets one
only when the title or one of the names equals our `name_en` or one of our `alt_en` (case, curly quotes, a
leading "the", runs of spaces, the serial comma and the -isation/-ization spelling ignored; a title that adds "United Nations"
before our name is the same name, as Wikipedia titles UN bodies), and, when both the article and our row give
abbreviations, one of them agrees (abbreviations are compared, never matched alone).  An article that would
name two rows, or a row that two articles would name, is refused, and each refusal is printed with its
reason; the column is rewritten as a whole, so the same source gives the same files byte for byte.

    python tools/import_wikipedia_links.py tools/sources/wikipedia-articles.csv [--data ontology/data]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reference_tables import InputError, main as shared_main, normalise, read_table, write_table

COLUMN = "dbpedia"
STEMS = ("treaties", "bodies")
SOURCE_FIELDS = ("page", "title", "names")
ACRONYM = re.compile(r"[A-Z][A-Z0-9-]{1,7}")
TITLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 (),.'’:&–-]*")
UN_PREFIX = re.compile(r"^(united nations|un) ")


def is_acronym(name: str) -> bool:
    """An abbreviation such as `CRC`, `C3` or `UNCAC`: one word of two to eight capitals, digits and hyphens."""
    return ACRONYM.fullmatch(name) is not None


def article(record: dict, line: int) -> tuple[str, set, set]:
    """The identifier of one source row, its normalised names and its abbreviations (bad rows: InputError)."""
    page, title = (record.get("page") or "").strip(), (record.get("title") or "").strip()
    if not TITLE.fullmatch(title):
        raise InputError(f"line {line}: title {title!r} is not an article title")
    parts = urlsplit(page)
    if parts.scheme != "https" or not parts.netloc:
        raise InputError(f"line {line}: page {page!r} is not an https address")
    if parts.netloc == "en.wikipedia.org":
        named = parts.path[6:] if parts.path.startswith("/wiki/") else ""
    elif "/wikipedia_en_" in parts.path:
        named = parts.path.rsplit("/", 1)[-1].removesuffix(".html")
    else:
        raise InputError(f"line {line}: page {page!r} is neither en.wikipedia.org nor a Kiwix copy of it")
    if unquote(named).replace("_", " ") != title:  # a redirect or another article: not the title read
        raise InputError(f"line {line}: page {page!r} is not the article {title!r}")
    names = [n.strip() for n in (record.get("names") or "").split("|") if n.strip()]
    acronyms = {n for n in names if is_acronym(n)}
    full = {compared(n) for n in [title, *names] if n not in acronyms}
    full |= {UN_PREFIX.sub("", n) for n in full}
    return title.replace(" ", "_"), full, acronyms


def load_source(path: Path) -> list[tuple[str, set, set]]:
    """Every article of the source table."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    fields, records = read_table(path)
    missing = [f for f in SOURCE_FIELDS if f not in fields]
    if missing:
        raise InputError(f"{path}: no {', '.join(missing)} column")
    if not records:
        raise InputError(f"{path}: no article")
    return [article(record, at) for at, record in enumerate(records, start=2)]


def compared(name: str) -> str:
    """A name as compared: `normalise`, and a comma before "and" (the serial comma) ignored."""
    return normalise(name).replace(", and ", " and ")


def row_names(row: dict) -> tuple[set, set]:
    """A row's normalised names and its abbreviations."""
    items = [i.strip() for i in [row.get("name_en", ""), *(row.get("alt_en") or "").split("|")] if i.strip()]
    acronyms = {i for i in items if is_acronym(i)}
    return {compared(i) for i in items if i not in acronyms}, acronyms


def match(tables: dict, articles: list) -> tuple[dict, list[str]]:
    """(stem, id) -> identifier, and one line per refusal."""
    found: dict[tuple, set] = {}
    refused = []
    for ident, names, acronyms in articles:
        named = []
        for stem, rows in tables.items():
            for row in rows:
                ours, our_acronyms = row_names(row)
                if not names & ours:
                    continue
                if acronyms and our_acronyms and not acronyms & our_acronyms:
                    refused.append(f"{stem}/{row['id']}: {COLUMN}: {ident} refused: abbreviation "
                                   f"{', '.join(sorted(acronyms))} is not ours ({', '.join(sorted(our_acronyms))})")
                    continue
                named.append((stem, row["id"]))
        if len(named) > 1:
            refused.append(f"{COLUMN} {ident} refused: names {', '.join('/'.join(n) for n in named)}")
            continue
        for key in named:
            found.setdefault(key, set()).add(ident)
    links = {}
    for key, idents in sorted(found.items()):
        if len(idents) > 1:
            refused.append(f"{'/'.join(key)}: {COLUMN}: ambiguous ({', '.join(sorted(idents))})")
        else:
            links[key] = next(iter(idents))
    return links, refused


def run(args) -> int:
    data = Path(args.data)
    articles = load_source(Path(args.source))
    tables, fields = {}, {}
    for stem in STEMS:
        fields[stem], tables[stem] = read_table(data / f"{stem}.csv")
        if "id" not in fields[stem] or "name_en" not in fields[stem]:
            raise InputError(f"{data / stem}.csv: no id or name_en column")
    links, refused = match(tables, articles)
    for line in refused:
        print(line, file=sys.stderr)
    for stem in STEMS:
        columns = fields[stem]
        if COLUMN not in columns:
            at = columns.index("note") if "note" in columns else len(columns)
            columns = columns[:at] + [COLUMN] + columns[at:]
        for row in tables[stem]:
            row[COLUMN] = links.get((stem, row["id"]), "")
        write_table(data / f"{stem}.csv", columns, tables[stem])
        linked = sum(1 for row in tables[stem] if row[COLUMN])
        print(f"{stem}.csv {COLUMN}: {linked} of {len(tables[stem])} rows linked", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    def configure(parser):
        parser.add_argument("source", help="the table of English Wikipedia articles (tools/sources/wikipedia-articles.csv)")

    return shared_main(run, __doc__.splitlines()[0], configure, argv)


if __name__ == "__main__":
    sys.exit(main())
