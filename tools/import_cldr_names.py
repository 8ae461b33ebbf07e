"""Add the Unicode CLDR names of States and regions to countries.csv and regions.csv as aliases.

Source: the territory display names of the Unicode Common Locale Data Repository (CLDR), keyed by
ISO 3166-1 alpha-2 code (countries.csv `iso2`) and by UNSD M49 area code (regions.csv `m49`): the
names from the copy packaged in Babel (`babel.Locale(lang).territories`), then the alternative
forms CLDR marks `alt="variant"` and `alt="short"` (Ivory Coast, East Timor, UK), which Babel
drops, from the copy packaged in ICU (PyICU, resource tables `Countries%variant` and
`Countries%short` of ICUDATA-region).  CLDR's English and Chinese names become `alt_en` /
`alt_zh` aliases when they are not already a name or alias of the row; an English name written
"Name (Other name)" also gives "Name" and "Other name", unless "Other name" is a word of the row's
formal name (the qualifier of "Congo (Republic)").  A name that already names another entity of
the reference data, or that CLDR gives to two of our rows, is refused and printed.  Aliases
already in the files are kept; the new ones follow them, in CLDR order.

    python tools/import_cldr_names.py [--data ontology/data]

Running it again adds nothing (tests/test_reference_cldr.py checks this byte for byte).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

from reference_tables import InputError, read_table, write_table, main as shared_main

SEPARATOR = " | "
LANGS = ("en", "zh")
# CLDR locales whose names become a language's aliases: Chinese also as written in Taiwan and Hong Kong (紐西蘭, 南韓,
# 哈薩克), which texts from there use; names that differ from the simplified ones only by their characters are left
# out (normalisation folds them: ontology/zh-traditional.toml).
LOCALES = {"en": ("en",), "zh": ("zh", "zh_Hant", "zh_Hant_HK")}
# ... for States only: the regional locales' names of regions are common words in simplified texts (中美 "China-US").
STATE_ONLY_LOCALES = ("zh_Hant", "zh_Hant_HK")
FOLD_TABLE = Path(__file__).resolve().parent.parent / "ontology" / "zh-traditional.toml"
# Names reviewed and left out, with the reason (other places or words in Chinese texts: 獅子山 is Lion Rock in Hong Kong).
LEFT_OUT = Path(__file__).resolve().parent / "sources" / "cldr-left-out-zh.csv"
# file stem -> column holding the CLDR territory code
TABLES = {"countries": "iso2", "regions": "m49"}
NAME_COLUMNS = ("name", "alt", "formal")
ALSO_KNOWN = re.compile(r"(.+?) \(([^()]+)\)")


def _cldr(lang: str, states: bool = True) -> dict:
    """Territory code -> CLDR names in `lang`: for each locale of LOCALES[lang] (not STATE_ONLY_LOCALES unless for
    *states*), Babel's name first, then ICU's variant and short forms."""
    try:
        import icu
        from babel import Locale
    except ImportError as exc:
        raise InputError(f"{exc.name} is not installed (pip install -e '.[tools]')") from exc
    names: dict = {}
    for locale in (x for x in LOCALES.get(lang, (lang,)) if states or x not in STATE_ONLY_LOCALES):
        for code, name in Locale.parse(locale).territories.items():
            names.setdefault(code, []).append(name)
        bundle = icu.ResourceBundle("ICUDATA-region", icu.Locale(locale))
        for table in ("Countries%variant", "Countries%short"):
            forms = bundle.get(table)
            for i in range(forms.getSize()):
                names.setdefault(forms.get(i).getKey(), []).append(forms.get(i).getString())
    return {code: list(dict.fromkeys(found)) for code, found in names.items()}


def versions() -> str:
    """The CLDR releases read: Babel's and ICU's."""
    import icu
    from babel.core import get_cldr_version

    icu_cldr = icu.ResourceBundle("ICUDATA-region", icu.Locale("root")).get("Version").getString()
    return f"babel CLDR {get_cldr_version()}, ICU {icu.ICU_VERSION} CLDR {icu_cldr}"


def _items(cell: str | None) -> list[str]:
    return [item.strip() for item in (cell or "").split("|") if item.strip()]


@lru_cache(maxsize=1)
def _folding() -> dict:
    """Traditional character -> the simplified one normalisation reads it as (ontology/zh-traditional.toml)."""
    import tomllib

    table = tomllib.loads(FOLD_TABLE.read_text(encoding="utf-8"))
    return str.maketrans(table["traditional"], table["simplified"])


def _key(name: str) -> str:
    """The form two names share when the extractor reads them as one: case and traditional characters folded."""
    return name.casefold().translate(_folding())


@lru_cache(maxsize=1)
def _left_out() -> frozenset:
    """The folded names of tools/sources/cldr-left-out-zh.csv."""
    import csv

    with LEFT_OUT.open(encoding="utf-8", newline="") as handle:
        return frozenset(_key(row["name"]) for row in csv.DictReader(handle))


def _word_like(lang: str, name: str) -> bool:
    """A Chinese name of two characters is an alias only as a word of the dictionary (澳洲, 南韩): others (马利, 东加)
    open longer words too often (马利基, 东加里曼丹); names of tools/sources/cldr-left-out-zh.csv never are."""
    if lang == "zh" and _key(name) in _left_out():
        return False
    if lang != "zh" or len(name) > 2:
        return True
    from kg.extract.link import zh_words

    return _key(name) in zh_words()[0]


def _candidates(lang: str, names: list[str], row: dict) -> list[str]:
    out = []
    for name in names:
        if not _word_like(lang, name):
            continue
        out.append(name)
        match = ALSO_KNOWN.fullmatch(name) if lang == "en" else None
        formal = set(re.findall(r"\w+", row.get("formal_en", "") or row.get("name_en", "")))
        if match:
            out.append(match.group(1))
            if match.group(2) not in formal:
                out.append(match.group(2))
    return list(dict.fromkeys(out))


def _owners(tables: dict) -> dict:
    """Lower-cased name or alias -> the (file, id) rows it names, over every reference CSV."""
    owners: dict = {}
    for stem, (fields, rows) in tables.items():
        columns = [f for f in fields if f.split("_")[0] in NAME_COLUMNS and f.split("_")[-1] in LANGS]
        for row in rows:
            for column in columns:
                for name in _items(row.get(column)):
                    owners.setdefault(_key(name), set()).add((stem, row["id"]))
    return owners


def _proposals(tables: dict, cldr: dict) -> dict:
    """(file, id, lang) -> CLDR names for that row, in CLDR order (*cldr*: (lang, of States) -> names by code)."""
    proposals = {}
    for stem, code_column in TABLES.items():
        for row in tables[stem][1]:
            code = row.get(code_column, "")
            for lang in LANGS:
                names = cldr[(lang, stem == "countries")].get(code) if code else None
                if names:
                    proposals[(stem, row["id"], lang)] = _candidates(lang, names, row)
    return proposals


def _add(tables: dict, proposals: dict) -> tuple[int, list[str]]:
    owners = _owners(tables)
    proposed: dict = {}
    for (stem, ident, _lang), names in proposals.items():
        for name in names:
            proposed.setdefault(_key(name), set()).add((stem, ident))
    rows = {(stem, row["id"]): row for stem in TABLES for row in tables[stem][1]}
    added, refused = 0, []
    for (stem, ident, lang), names in sorted(proposals.items()):
        row = rows[(stem, ident)]
        for name in names:
            mine = {(stem, ident)}
            if owners.get(_key(name), mine) == mine and proposed[_key(name)] == mine:
                if (stem, ident) in owners.get(_key(name), set()):
                    continue
                row[f"alt_{lang}"] = SEPARATOR.join([*_items(row.get(f"alt_{lang}")), name])
                owners.setdefault(_key(name), set()).add((stem, ident))
                added += 1
            elif (stem, ident) not in owners.get(_key(name), set()):
                others = sorted((owners.get(_key(name), set()) | proposed[_key(name)]) - mine)
                refused.append(f"{stem}/{ident}: {name!r} also names {', '.join(f'{s}/{i}' for s, i in others)}")
    return added, refused


def run(data: Path) -> int:
    tables = {}
    for path in sorted(data.glob("*.csv")):
        fields, rows = read_table(path)
        if "id" not in fields:
            raise InputError(f"{path}: not a reference table (no id column)")
        tables[path.stem] = (fields, rows)
    for stem, code_column in TABLES.items():
        if stem not in tables or not {code_column, "alt_en", "alt_zh"} <= set(tables[stem][0]):
            raise InputError(f"{data / stem}.csv: missing, or no {code_column}/alt_en/alt_zh column")
    cldr = {(lang, states): _cldr(lang, states) for lang in LANGS for states in (True, False)}
    added, refused = _add(tables, _proposals(tables, cldr))
    for line in refused:
        print(f"refused {line}", file=sys.stderr)
    for stem in TABLES:
        write_table(data / f"{stem}.csv", *tables[stem])
    print(f"{added} CLDR names added as aliases, {len(refused)} refused ({versions()})", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    return shared_main(lambda args: run(Path(args.data)), __doc__.splitlines()[0], None, argv)


if __name__ == "__main__":
    sys.exit(main())
