"""Training passages for the learned name-span model: dev annotations with their entities located in the text.

A case's entities are ids (tests/data/annotations/CONVENTIONS.md); the model learns spans, so each entity is located in
the case's normalised text by its surface forms: a ``new:<Class>:<name>`` by its name, a reference entity by its labels
and aliases in the case's language.  Overlapping spans keep the longest (the name a shorter one is nested in); a span
is labelled with its class family (Programme, Organization, Body, Instrument, Treaty, Region, Country).  Only files
outside the held-out ``test`` folder are read (kg.extract.folds.held_out).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from kg.core.errors import InputError
from kg.core.vocabulary import family
from kg.extract.folds import held_out
from kg.extract.gold import default_gold, load_cases
from kg.extract.nlp import normalize, normalize_label

LABELS = ("Programme", "Organization", "Body", "Instrument", "Treaty", "Region", "Country")


def training_files(base: Path | None = None) -> list[Path]:
    """The dev sets and the annotated sample report: never the held-out test half, nor the dev sets kept unseen as the
    measure of first runs (rules.toml [learned_names] unseen_sets)."""
    from kg.core.resources import rules

    unseen = set(rules().get("learned_names", {}).get("unseen_sets", ()))
    base = base or default_gold()
    files = sorted((base / "dev").glob("*.toml")) + sorted((base / "sample").glob("*.toml"))
    return [f for f in files if not held_out(f) and f.stem not in unseen]


@cache
def _reference_forms() -> dict:
    """Gold-style id -> (family, forms by language) of every reference entity."""
    from kg.core.namespaces import ID
    from kg.core.reference import entities_by_iri

    out = {}
    for iri, e in entities_by_iri().items():
        forms: dict[str, set] = {"zh": set(), "en": set()}
        for lang, label in list(e.labels.items()) + list(e.aliases):
            if lang in forms and len(label) >= 2:
                forms[lang].add(normalize_label(label))
        out[str(iri)[len(str(ID)):]] = (family(e.type), {k: tuple(sorted(v)) for k, v in forms.items()})
    return out


def _ref_id(item: str) -> str:
    kind, _, rest = item.partition("/")
    if kind in ("agenda", "declaration", "strategy", "standard", "goal", "actionplan"):
        return f"instrument/{rest}"
    return item


def _occurrences(text: str, form: str, lang: str) -> list[tuple[int, int]]:
    if not form:
        return []
    if lang == "zh" or not form[0].isalnum():
        return [(m.start(), m.end()) for m in re.finditer(re.escape(form), text)]
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w]){re.escape(form)}(?![\w])", text)]


def case_spans(text: str, lang: str, items: list[str]) -> list[tuple[int, int, str]]:
    """The labelled spans of one case's normalised *text*: every occurrence of each entity's forms, longest first,
    without overlaps."""
    refs = _reference_forms()
    found: list[tuple[int, int, str]] = []
    for item in items:
        if item.startswith("new:"):
            cls, _, name = item[4:].partition(":")
            fam, forms = family(cls), (normalize_label(name),)
        elif item.startswith(("resolution/", "decision/")):
            continue
        else:
            fam, by_lang = refs.get(_ref_id(item), ("Other", {}))
            forms = by_lang.get(lang, ())
        if fam not in LABELS:
            continue
        found += [(s, e, fam) for form in forms for s, e in _occurrences(text, form, lang)]
    kept: list[tuple[int, int, str]] = []
    for s, e, fam in sorted(set(found), key=lambda t: (-(t[1] - t[0]), t[0], t[2])):
        if not any(a < e and s < b for a, b, _ in kept):
            kept.append((s, e, fam))
    return sorted(kept)


def passages(files: list[Path], lang: str) -> list[tuple[str, list[tuple[int, int, str]], str]]:
    """(normalised text, labelled spans, group) of every case of *lang* in *files*; group: the file's stem."""
    out = []
    for path in files:
        if held_out(path):
            raise InputError(f"{path}: a held-out test file; the name model trains on dev annotations only")
        for case in load_cases(path):
            if (case.get("lang") or _guess_lang(case["text"])) != lang:
                continue
            text = normalize(case["text"]).text
            out.append((text, case_spans(text, lang, list(case.get("entities", []))), Path(path).stem))
    return out


def _guess_lang(text: str) -> str:
    return "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"
