"""Measure the extractor against hand-annotated passages: precision and recall per entity class.

A gold file (TOML) holds ``[[case]]`` tables with ``text``, ``entities`` (ids such as
``country/AFG``, ``resolution/cnd/64-1`` or ``new:GlobalProgramme:<name>``), ``relations``
(``[subject, predicate, object]``) and ``quantities`` (``[value, unit]``).  Entities are
compared as the set each passage names; new entities by class family and name.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .extract import Extractor
from .ingest import parse_document
from .classes import family
from .namespaces import ID
from .reference import entities_by_iri



def _norm_name(name: str) -> str:
    return re.sub(r"[\s《》〈〉\"“”]", "", name).lower()


@dataclass
class Score:
    """True positives, false positives and false negatives, with examples of the errors."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores by language and by entity class, relation predicate and quantities."""

    cases: int = 0
    entities: dict = field(default_factory=lambda: defaultdict(Score))
    relations: dict = field(default_factory=lambda: defaultdict(Score))
    quantities: dict = field(default_factory=lambda: defaultdict(Score))


def load_cases(path: Path) -> list[dict]:
    """Read the cases of one gold TOML file."""
    try:
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: malformed TOML ({exc})") from None
    cases = data.get("case", [])
    if not cases:
        raise InputError(f"{path}: no [[case]] tables")
    return cases


class _Predictor:
    def __init__(self):
        self.extractor = Extractor()
        self.known = entities_by_iri()

    def ids(self, extraction) -> tuple[dict, dict]:
        """Map predicted IRIs to gold-style ids, and remember their class family."""
        minted = {e.iri: e for e in extraction.new_entities}
        ids, fams = {}, {}
        for m in extraction.mentions:
            iri = m.entity
            path = str(iri)[len(str(ID)):]
            if iri in self.known:
                ids[iri], fams[iri] = path, family(self.known[iri].type)
            elif iri in minted and minted[iri].type not in ("Resolution", "Decision"):
                e = minted[iri]
                ids[iri] = "new:" + _norm_name(dict(e.labels).get("zh") or dict(e.labels).get("en") or path)
                fams[iri] = family(e.type)
            else:
                ids[iri], fams[iri] = path, "Resolution"
        return ids, fams

    def predict(self, text: str, lang: str | None):
        doc = parse_document("case.txt", text.encode("utf-8"), lang)
        extraction = self.extractor.extract(doc)
        ids, fams = self.ids(extraction)
        entities = {(ids[m.entity], fams[m.entity]) for m in extraction.mentions}
        relations = set()
        for r in extraction.relations:
            s = ids.get(r.subject) or str(r.subject)[len(str(ID)):]
            o = ids.get(r.object) or str(r.object)[len(str(ID)):]
            relations.add((s, str(r.predicate).rsplit("#", 1)[-1], o))
        quantities = {(q.value, q.unit) for q in extraction.quantities}
        return doc.lang, entities, relations, quantities


def _gold_entity(item: str, known_types: dict) -> tuple[str, str]:
    if item.startswith("new:"):
        _, cls, name = item.split(":", 2)
        return "new:" + _norm_name(name), family(cls)
    if item.startswith(("resolution/", "decision/")):
        return item, "Resolution"
    return item, family(known_types.get(item, "Other"))


def _gold_term(item: str) -> str:
    return "new:" + _norm_name(item[4:].split(":", 1)[-1]) if item.startswith("new:") else item


def evaluate(paths: list[Path]) -> Report:
    """Run the extractor on every gold case and score it."""
    predictor = _Predictor()
    known_types = {str(iri)[len(str(ID)):]: e.type for iri, e in predictor.known.items()}
    report = Report()
    for path in paths:
        for case in load_cases(path):
            report.cases += 1
            lang, entities, relations, quantities = predictor.predict(case["text"], case.get("lang"))
            gold = {_gold_entity(item, known_types) for item in case.get("entities", [])}
            gold_ids = {g for g, _ in gold}
            pred_ids = {p for p, _ in entities}
            for gid, fam in gold:
                score = report.entities[(lang, fam)]
                if gid in pred_ids:
                    score.tp += 1
                else:
                    score.fn += 1
                    score.errors.append(("missed", case["id"], gid))
            for pid, fam in entities:
                if pid not in gold_ids:
                    score = report.entities[(lang, fam)]
                    score.fp += 1
                    score.errors.append(("spurious", case["id"], pid))
            gold_rel = {(_gold_term(s), p, _gold_term(o)) for s, p, o in case.get("relations", [])}
            _score_sets(report.relations, lang, gold_rel, relations, case["id"], key=lambda t: t[1])
            gold_q = {(str(v), str(u)) for v, u in case.get("quantities", [])}
            _score_sets(report.quantities, lang, gold_q, quantities, case["id"], key=lambda t: "all")
    return report


def _score_sets(table: dict, lang: str, gold: set, pred: set, case_id: str, key) -> None:
    for item in gold:
        score = table[(lang, key(item))]
        if item in pred:
            score.tp += 1
        else:
            score.fn += 1
            score.errors.append(("missed", case_id, item))
    for item in pred - gold:
        score = table[(lang, key(item))]
        score.fp += 1
        score.errors.append(("spurious", case_id, item))


def _rows(table: dict) -> list[tuple]:
    rows = []
    for (lang, name), s in sorted(table.items()):
        rows.append((lang, name, s.tp, s.fp, s.fn, s.precision, s.recall, s.f1))
    for lang in sorted({lang for lang, _ in table}):
        total = Score()
        for (l2, _), s in table.items():
            if l2 == lang:
                total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
        rows.append((lang, "ALL", total.tp, total.fp, total.fn, total.precision, total.recall, total.f1))
    return rows


def format_text(report: Report, errors: bool = False) -> str:
    """A plain-text table of the scores."""
    lines = [f"{report.cases} annotated cases"]
    for title, table in (("entities", report.entities), ("relations", report.relations), ("quantities", report.quantities)):
        lines.append("")
        lines.append(f"{title:<12} {'lang':<4} {'class':<18} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}")
        for lang, name, tp, fp, fn, p, r, f in _rows(table):
            lines.append(f"{'':<12} {lang:<4} {name:<18} {tp:>4} {fp:>4} {fn:>4} {p:>6.2f} {r:>6.2f} {f:>6.2f}")
        if errors:
            for (lang, name), s in sorted(table.items()):
                for kind, case_id, item in s.errors:
                    lines.append(f"  {kind:<9} {case_id:<10} {item}")
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    """The scores as JSON."""
    out = {"cases": report.cases}
    for title, table in (("entities", report.entities), ("relations", report.relations), ("quantities", report.quantities)):
        out[title] = [
            {"lang": lang, "class": name, "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
            for lang, name, tp, fp, fn, p, r, f in _rows(table)
        ]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
