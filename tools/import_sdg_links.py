"""Link the Sustainable Development Goals of instruments.csv to the UN SDG knowledge organization system.

Source: the UN's SDG knowledge organization system (metadata.un.org/sdg) as Turtle, e.g.
`ontology/sdg-kos-goals-targets-indicators.ttl` of the benmomo/eiffel-ontology project.  Each goal there
is a `sdgo:Goal` concept `http://metadata.un.org/sdg/<n>` with its number (`skos:notation`), its title
(`skos:prefLabel`@en) and its `skos:exactMatch` to the goal's Wikidata item.

Matching: a goal of the source is taken for a row of type `Goal` only when its English title equals our
`name_en` (case and spacing ignored) and its number is the one our short form `SDG <n>` names; its
Wikidata item is taken only when the goal has exactly one, and its French and Spanish titles
(`skos:prefLabel`@fr, @es; runs of spaces written as one) only when it has exactly one in that language.
The columns `unsdg` (the goal number, the last segment of its metadata.un.org IRI), `wikidata`,
`name_fr` and `name_es` are rewritten as a whole for the goals (other rows keep what they hold), so the
same source gives the same file byte for byte; rows not matched are printed.

    python tools/import_sdg_links.py PATH/TO/sdg-kos-goals-targets-indicators.ttl [--data ontology/data]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from reference_tables import InputError, read_table, write_table, main as shared_main

KOS = "http://metadata.un.org/sdg/"
GOAL_CLASS = "http://metadata.un.org/sdg/ontology#Goal"
WIKIDATA = re.compile(r"http://www\.wikidata\.org/entity/(Q[1-9][0-9]*)")
COLUMNS = ("unsdg", "wikidata")
# titles of the goal in other official languages, from the same KOS: prefLabels for readers (kg/core/reference.py)
NAME_COLUMNS = {"fr": "name_fr", "es": "name_es"}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold()).strip()


def load_goals(path: Path) -> dict:
    """Goal number -> {"title": normalised English title, "wikidata": [items]} from the KOS Turtle."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF, SKOS

    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser-specific exceptions
        raise InputError(f"{path}: not a readable Turtle file ({exc.__class__.__name__})") from exc
    goals = {}
    for goal in graph.subjects(RDF.type, URIRef(GOAL_CLASS)):
        number = str(goal)[len(KOS):] if str(goal).startswith(KOS) else ""
        titles = [str(o) for o in graph.objects(goal, SKOS.prefLabel) if getattr(o, "language", None) == "en"]
        if not re.fullmatch(r"[1-9][0-9]?", number) or len(titles) != 1:
            continue
        items = sorted(m.group(1) for o in graph.objects(goal, SKOS.exactMatch)
                       if (m := WIKIDATA.fullmatch(str(o))))
        names = {}
        for lang in NAME_COLUMNS:
            labels = [re.sub(r"\s+", " ", str(o)).strip() for o in graph.objects(goal, SKOS.prefLabel)
                      if getattr(o, "language", None) == lang]
            if len(labels) == 1:
                names[lang] = labels[0]
        goals[number] = {"title": normalise(titles[0]), "wikidata": items, "names": names}
    if not goals:
        raise InputError(f"{path}: no sdgo:Goal with an English title under {KOS}")
    return goals


def match_goal(row: dict, goals: dict) -> tuple[dict, str]:
    """({column: value}, reason when not matched) for one row of instruments.csv."""
    numbers = [m.group(1) for a in (row.get("alt_en") or "").split("|")
               if (m := re.fullmatch(r"SDG ([1-9][0-9]?)", a.strip()))]
    if len(numbers) != 1:
        return {}, "no single short form SDG <n>"
    goal = goals.get(numbers[0])
    if goal is None:
        return {}, f"goal {numbers[0]} not in the source"
    if goal["title"] != normalise(row.get("name_en", "")):
        return {}, f"goal {numbers[0]} of the source has another title"
    found = {"unsdg": numbers[0]}
    if len(goal["wikidata"]) == 1:
        found["wikidata"] = goal["wikidata"][0]
    for lang, column in NAME_COLUMNS.items():
        if lang in goal.get("names", {}):
            found[column] = goal["names"][lang]
    return found, "" if "wikidata" in found else f"goal {numbers[0]}: not exactly one Wikidata item"


def run(source: Path, data: Path) -> int:
    goals = load_goals(source)
    path = data / "instruments.csv"
    fields, rows = read_table(path)
    if "id" not in fields or "type" not in fields:
        raise InputError(f"{path}: not the instruments table (no id/type column)")
    at = fields.index("note") if "note" in fields else len(fields)
    fields = fields[:at] + [c for c in (*COLUMNS, *NAME_COLUMNS.values()) if c not in fields] + fields[at:]
    for row in rows:
        is_goal = row.get("type") == "Goal"
        found, why = match_goal(row, goals) if is_goal else ({}, "")
        for column in COLUMNS:
            row[column] = found.get(column, "")
        for column in NAME_COLUMNS.values():
            if is_goal:
                row[column] = found.get(column, "")
            else:
                row.setdefault(column, "")
        if why:
            print(f"instruments/{row['id']}: {why}", file=sys.stderr)
    write_table(path, fields, rows)
    for column in COLUMNS:
        print(f"instruments.csv {column}: {sum(1 for r in rows if r[column])} rows linked", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    def configure(parser):
        parser.add_argument("source", help="the SDG KOS goals Turtle file")

    return shared_main(lambda args: run(Path(args.source), Path(args.data)), __doc__.splitlines()[0], configure, argv)


if __name__ == "__main__":
    sys.exit(main())
