"""The hand-annotated passages (gold files): where they are, their cases, their split, their ids as the extractor's.

A gold file (TOML) holds ``[[case]]`` tables with ``text``, ``entities`` (ids such as
``country/AFG``, ``resolution/cnd/64-1`` or ``new:GlobalProgramme:<name>``), ``relations``
(``[subject, predicate, object]``) and ``quantities`` (``[value, unit]``), and optionally
``split``, ``source``, ``lang`` and ``parallel``.  A ``new:`` item whose name is now a label of a
reference entity is that entity.  The split of a case is the folder of its file (``dev``, ``test``),
else its ``split`` field, else ``authors`` (the passages written with the extractor).
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from pathlib import Path

from kg.core.errors import InputError
from kg.core.namespaces import ID
from kg.core.resources import ontology_dir
from kg.core.vocabulary import family
from kg.extract.nlp import normalize_label
from kg.extract.resolutions import resolution_id

SPLIT_FOLDERS = ("dev", "test")
OTHER_FOLDERS = ("sample",)  # the whole bundled sample report, annotated
DEFAULT_GOLD = Path("tests/data/annotations")
# kinds of gold ids that name an instrument by its type (CONVENTIONS.md: agenda/declaration/strategy/… "as in the
# instrument's type"); the reference IRI of every instrument is instrument/<id>
INSTRUMENT_KINDS = frozenset({"agenda", "declaration", "strategy", "standard", "goal", "actionplan", "instrument"})


def norm_name(name: str) -> str:
    """A name as gold and predicted names are compared: normalised, without spaces, quotes and title marks, lower case."""
    return re.sub(r"[\s《》〈〉\"“”]", "", normalize_label(name)).lower()


def default_gold() -> Path:
    """tests/data/annotations of the current folder, else of the source tree kg is installed from (any folder)."""
    if DEFAULT_GOLD.is_dir():
        return DEFAULT_GOLD
    return ontology_dir().resolve().parent / DEFAULT_GOLD


def gold_files(paths: list[Path]) -> list[Path]:
    """The annotation files named (folders read recursively), or by default every set but the held-out test half."""
    files: list[Path] = []
    if not paths:
        base = default_gold()
        files = sorted(base.glob("*.toml")) + sorted((base / "dev").glob("*.toml")) + sorted((base / "sample").glob("*.toml"))
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.rglob("*.toml")))
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return files


def load_cases(path: Path) -> list[dict]:
    """Read the cases of one gold TOML file."""
    try:
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: malformed TOML ({exc})") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); "
                         "a gold file is TOML in UTF-8") from None
    cases = data.get("case", [])
    if not cases:
        raise InputError(f"{path}: no [[case]] tables")
    for number, case in enumerate(cases, 1):
        if not isinstance(case, dict) or not isinstance(case.get("text"), str):
            raise InputError(f"{path}: case {number} has no text")
        case.setdefault("id", f"{Path(path).stem}-{number}")
    return cases


def split_of(path: Path, case: dict) -> str:
    """The split a case belongs to: its folder (dev, test), else its `split` field, else "sample" for the
    annotated sample report, else "authors" (the passages written with the extractor)."""
    folder = Path(path).parent.name
    if folder in SPLIT_FOLDERS:
        return folder
    if case.get("split"):
        return str(case["split"])
    return folder if folder in OTHER_FOLDERS else "authors"


class GoldNames:
    """Gold ids as the extractor's ids: `new:` names that the reference data now knows become its ids."""

    def __init__(self, known: dict):
        self.types = {str(iri)[len(str(ID)):]: e.type for iri, e in known.items()}
        self.by_label: dict[str, set[str]] = defaultdict(set)
        for iri, e in known.items():
            path = str(iri)[len(str(ID)):]
            for label in list(e.labels.values()) + [a for _, a in e.aliases]:
                self.by_label[norm_name(label)].add(path)

    def entity(self, item: str, classes: dict | None = None) -> tuple[str, str]:
        """(id, class family) of a gold entity item; *classes* gives the class of a `new:<name>` written
        without one (relations name new entities so), by normalised name."""
        if item.startswith("new:"):
            cls, _, name = item[4:].partition(":")
            if not name or family(cls) == "Other" and cls not in ("Entity", "Other"):
                cls, name = (classes or {}).get(norm_name(item[4:]), "Other"), item[4:]
            fam = family(cls)
            known = sorted(p for p in self.by_label.get(norm_name(name), ()) if family(self.types[p]) == fam)
            if not known:
                known = sorted(self.by_label.get(norm_name(name), ()))
            if known:
                return known[0], family(self.types[known[0]])
            return f"new:{fam}:{norm_name(name)}", fam
        if item.startswith(("resolution/", "decision/")):
            return resolution_id(item.lower()), "Resolution"
        kind, _, rest = item.partition("/")
        if item not in self.types and f"instrument/{rest}" in self.types and kind in INSTRUMENT_KINDS:
            item = f"instrument/{rest}"  # standard/nelson-mandela-rules: an instrument written with its type as kind
        return item, family(self.types.get(item, "Other"))

    def term(self, item: str, classes: dict | None = None) -> str:
        """The id of a gold relation argument."""
        return self.entity(item, classes)[0]

    @staticmethod
    def classes(items: list[str]) -> dict:
        """Normalised name -> class of the `new:<Class>:<name>` entity items of a case."""
        out = {}
        for item in items:
            cls, _, name = item[4:].partition(":") if item.startswith("new:") else ("", "", "")
            if name:
                out[norm_name(name)] = cls
        return out
