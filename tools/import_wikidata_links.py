"""Add Wikidata, GeoNames and UNBIS Thesaurus identifiers to the reference data from published tables.

Each source is optional; a column is rewritten only when its source is given, so the same sources give
the same CSV files byte for byte.

  --supraverden PATH   `data/general_list.yaml` of the confirmordeny/supraverden project (international
                       organisations and UN bodies with their Wikidata items): the `wikidata` column of
                       bodies.csv and organizations.csv.
  --m49 PATH [PATH..]  `data/continents.json` and `data/regions.json` of the jgkim/country-data-package
                       project (UNSD M49 areas with their Wikidata items and GeoNames ids): the `wikidata`
                       and `geonames` columns of regions.csv.
  --unbis PATH         `all_topics.json` of the ClementSicard/un-unbis-thesaurus-scraper project (the
                       concepts of the UNBIS Thesaurus, metadata.un.org/thesaurus, with their labels): the
                       `unbis` column of regions.csv.

Matching (an identifier is taken only when exactly one source entry fits; everything refused or not
found is printed):
  organisations and bodies: the source's English name or other name equals our `name_en` or one of
    our `alt_en` (case, curly quotes and the -isation/-ization spelling ignored); when no name matches,
    an official acronym equal to one of ours (case-sensitive) is taken only if one of the two names
    contains the other.
  M49 areas: the source's M49 code equals our `m49` and one of the English labels of its Wikidata
    item (Wikipedia title, official or alternate name) is our name or alias.
  UNBIS: a concept (seven-digit id; domains and microthesauri are left out) whose English label is
    our name or alias.
An identifier that would name two entities (across all reference files, countries included) is
refused for all of them.

    python tools/import_wikidata_links.py [--supraverden general_list.yaml] [--m49 continents.json
        regions.json] [--unbis all_topics.json] [--data ontology/data]
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from reference_tables import InputError, read_table, write_table, main as shared_main

QID = re.compile(r"(?:https?://www\.wikidata\.org/(?:wiki|entity)/)?(Q[1-9][0-9]*)")
UNBIS_CONCEPT = re.compile(r"1[0-9]{6}")
ACRONYM = re.compile(r"[A-Z][A-Za-z0-9/&.-]*[A-Z][A-Za-z0-9/&.-]*")
SOURCE_NAME = re.compile(r"Name(?:_other(?:_[0-9]+)?)?_en")
SOURCE_ACRONYM = re.compile(r"Abbreviation(?:_other(?:_[0-9]+)?)?_en")
FILES = ("countries", "regions", "treaties", "bodies", "organizations", "programmes", "instruments")
IDENTIFIER_COLUMNS = ("wikidata", "geonames", "unbis")


def normalise(name: str) -> str:
    """Compare names without case, curly quotes, `the`, punctuation spacing or -isation/-ization."""
    text = name.replace("\u2019", "'").replace("\u2018", "'").casefold().strip()
    text = re.sub(r"isation\b", "ization", text)
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"\s+", " ", text)


def our_names(row: dict) -> tuple[set, set]:
    """(normalised names, acronyms) of one reference row: `name_en` and every `alt_en`."""
    items = [row.get("name_en", "")] + [a.strip() for a in (row.get("alt_en") or "").split("|")]
    items = [i for i in items if i]
    acronyms = {i for i in items if " " not in i and ACRONYM.fullmatch(i)}
    return {normalise(i) for i in items if i not in acronyms}, acronyms


def with_columns(fields: list, columns: list) -> list:
    """The header with the new columns placed before `note` (existing columns keep their place)."""
    missing = [c for c in columns if c not in fields]
    if not missing:
        return fields
    at = fields.index("note") if "note" in fields else len(fields)
    return fields[:at] + missing + fields[at:]


# ---------------------------------------------------------------- sources


def load_supraverden(path: Path) -> list[dict]:
    """Entries of general_list.yaml as {qid, names, acronyms, name}."""
    try:
        import yaml
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise InputError("reading the SupraVerden list needs PyYAML (pip install pyyaml)") from exc
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: not a readable YAML file ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise InputError(f"{path}: expected a mapping of organisation names to records")
    entries = []
    for key, record in data.items():
        match = QID.fullmatch(str(record.get("Wikidata_code") or "").strip())
        if not match:
            continue
        names = {normalise(str(key))} | {
            normalise(str(v)) for k, v in record.items() if SOURCE_NAME.fullmatch(k) and isinstance(v, str)
        }
        acronyms = {str(v).strip() for k, v in record.items() if SOURCE_ACRONYM.fullmatch(k) and isinstance(v, str)}
        entries.append({"qid": match.group(1), "names": names, "acronyms": acronyms, "name": str(key)})
    if not entries:
        raise InputError(f"{path}: no entry with a Wikidata item")
    return entries


def load_m49(paths: list[Path]) -> list[dict]:
    """Areas of continents.json / regions.json as {m49, qid, geonames, labels}."""
    areas = []
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(f"{path}: not a readable JSON file ({exc.__class__.__name__})") from exc
        if not isinstance(data, list):
            raise InputError(f"{path}: expected a list of areas")
        for area in data:
            if not isinstance(area, dict) or not re.fullmatch(r"[0-9]{3}", str(area.get("unM49Code", ""))):
                raise InputError(f"{path}: an area without a three-digit unM49Code")
            english = area.get("en") if isinstance(area.get("en"), dict) else {}
            # the English labels of the Wikidata item (not `name`, the UNSD name that goes with the code)
            labels = {normalise(str(v)) for v in english.values() if isinstance(v, str)}
            qid = QID.fullmatch(str(area.get("wikidataId") or ""))
            geonames = str(area.get("geoNamesId") or "")
            areas.append({
                "m49": area["unM49Code"],
                "qid": qid.group(1) if qid else "",
                "geonames": geonames if re.fullmatch(r"[1-9][0-9]*", geonames) else "",
                "labels": labels,
                "name": str(area.get("name") or area["unM49Code"]),
            })
    return areas


def load_unbis(path: Path) -> dict:
    """Normalised English label -> set of UNBIS concept ids."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        topics = data["topics"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not the UNBIS topics JSON ({exc.__class__.__name__})") from exc
    labels = defaultdict(set)
    for topic in topics:
        ident = str(topic.get("identifier", ""))
        english = (topic.get("labels") or {}).get("en")
        if UNBIS_CONCEPT.fullmatch(ident) and isinstance(english, str):
            labels[normalise(english)].add(ident)
    if not labels:
        raise InputError(f"{path}: no UNBIS concept with an English label")
    return labels


# ---------------------------------------------------------------- matching


def match_organisation(row: dict, entries: list[dict]) -> tuple[str, str]:
    """(qid, reason when none) for one row of bodies.csv or organizations.csv."""
    names, acronyms = our_names(row)
    by_name = {e["qid"] for e in entries if e["names"] & names}
    if len(by_name) == 1:
        return by_name.pop(), ""
    if len(by_name) > 1:
        return "", f"ambiguous by name: {', '.join(sorted(by_name))}"
    by_acronym = {e["qid"]: e for e in entries if e["acronyms"] & acronyms}
    fitting = {
        qid for qid, e in by_acronym.items()
        if any(a in b or b in a for a in names for b in e["names"])
    }
    if len(fitting) == 1:
        return fitting.pop(), ""
    if len(fitting) > 1:
        return "", f"ambiguous by acronym: {', '.join(sorted(fitting))}"
    if by_acronym:
        others = "; ".join(sorted(f"{e['name']} {q}" for q, e in by_acronym.items()))
        return "", f"acronym names another body ({others})"
    return "", "not in the source"


def match_area(row: dict, areas: list[dict]) -> tuple[dict | None, str]:
    if not row.get("m49"):
        return None, "not an M49 area"
    names, acronyms = our_names(row)
    names |= {normalise(a) for a in acronyms}
    same_code = [a for a in areas if a["m49"] == row["m49"]]
    if not same_code:
        return None, "M49 code not in the source"
    fitting = [a for a in same_code if a["labels"] & names]
    if len(fitting) == 1:
        return fitting[0], ""
    if len(fitting) > 1:
        return None, "ambiguous"
    return None, f"source names {row['m49']} {same_code[0]['name']!r} ({same_code[0]['qid']}), not ours"


def match_unbis(row: dict, labels: dict) -> tuple[str, str]:
    names, _ = our_names(row)
    found = set().union(*(labels.get(n, set()) for n in names)) if names else set()
    if len(found) == 1:
        return found.pop(), ""
    if len(found) > 1:
        return "", f"ambiguous: {', '.join(sorted(found))}"
    return "", "no concept of that name"


# ---------------------------------------------------------------- main


def refuse_duplicates(tables: dict, columns: dict, log) -> None:
    """Clear an identifier newly assigned in `columns` when another entity holds it too."""
    for column in IDENTIFIER_COLUMNS:
        holders = defaultdict(list)
        for stem, (_, rows) in tables.items():
            for row in rows:
                if row.get(column):
                    holders[row[column]].append((stem, row))
        for value, rows in sorted(holders.items()):
            if len(rows) < 2:
                continue
            names = ", ".join(f"{stem}/{row['id']}" for stem, row in rows)
            log(f"{column} {value} refused: names {names}")
            for stem, row in rows:
                if column in columns.get(stem, ()):
                    row[column] = ""


def run(args) -> int:
    data = Path(args.data)
    tables = {}
    for stem in FILES:
        path = data / f"{stem}.csv"
        if path.exists():
            tables[stem] = read_table(path)
    for stem in ("bodies", "organizations", "regions"):
        if stem not in tables:
            raise InputError(f"{data}: no {stem}.csv")
    changed: dict = defaultdict(list)
    unmatched = []

    def log(line: str) -> None:
        print(line, file=sys.stderr)

    if args.supraverden:
        entries = load_supraverden(Path(args.supraverden))
        for stem in ("bodies", "organizations"):
            changed[stem].append("wikidata")
            for row in tables[stem][1]:
                row["wikidata"], why = match_organisation(row, entries)
                if why:
                    unmatched.append(f"{stem}/{row['id']}: wikidata: {why}")
    if args.m49:
        areas = load_m49([Path(p) for p in args.m49])
        changed["regions"] += ["wikidata", "geonames"]
        for row in tables["regions"][1]:
            area, why = match_area(row, areas)
            row["wikidata"] = area["qid"] if area else ""
            row["geonames"] = area["geonames"] if area else ""
            if why:
                unmatched.append(f"regions/{row['id']}: wikidata, geonames: {why}")
    if args.unbis:
        labels = load_unbis(Path(args.unbis))
        changed["regions"].append("unbis")
        for row in tables["regions"][1]:
            row["unbis"], why = match_unbis(row, labels)
            if why:
                unmatched.append(f"regions/{row['id']}: unbis: {why}")
    if not changed:
        raise InputError("no source given (--supraverden, --m49 or --unbis)")
    refuse_duplicates(tables, changed, log)
    for line in unmatched:
        log(line)
    for stem, columns in sorted(changed.items()):
        fields, rows = tables[stem]
        fields = with_columns(fields, columns)
        write_table(data / f"{stem}.csv", fields, rows)
        for column in columns:
            linked = sum(1 for row in rows if row.get(column))
            log(f"{stem}.csv {column}: {linked} of {len(rows)} rows linked")
    return 0


def main(argv: list[str] | None = None) -> int:
    def configure(parser):
        parser.add_argument("--supraverden", metavar="PATH")
        parser.add_argument("--m49", metavar="PATH", nargs="+")
        parser.add_argument("--unbis", metavar="PATH")

    return shared_main(run, __doc__.splitlines()[0], configure, argv)


if __name__ == "__main__":
    sys.exit(main())
