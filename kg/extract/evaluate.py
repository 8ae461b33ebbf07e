"""Measure the extractor against hand-annotated passages: precision and recall per split, language and class.

A passage's entities are compared as the set it names (kg.extract.gold reads the gold ids); a new entity is
compared with minted entities by class family and normalised name.  Relations are also scored as a
reliability table (confidence bins: count, mean confidence, observed precision) with the expected
calibration error; misses are sorted into error classes (kg.extract.misses).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.core.namespaces import ID
from kg.core.reference import entities_by_iri
from kg.core.vocabulary import family
from kg.extract.document import Extractor
from kg.extract.gold import GoldNames, load_cases, norm_name, split_of
from kg.extract.ingest import parse_document
from kg.extract.misses import classify_misses

BINS = 10
ANAPHOR_METHODS = frozenset({"anaphor", "topic"})


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

    def add(self, other: "Score") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn


@dataclass
class Report:
    """Scores by language and class (all splits), by split, the relation confidences and the misses."""

    cases: int = 0
    entities: dict = field(default_factory=lambda: defaultdict(Score))
    relations: dict = field(default_factory=lambda: defaultdict(Score))
    quantities: dict = field(default_factory=lambda: defaultdict(Score))
    splits: dict = field(default_factory=lambda: defaultdict(Score))  # (split, section, lang, class) -> Score
    confidences: list = field(default_factory=list)  # (split, confidence, correct) per predicted relation
    misses: list = field(default_factory=list)  # (error class, section, kind, case id, item)
    split_cases: dict = field(default_factory=lambda: defaultdict(int))



class Predictor:
    """Run the extractor on a passage and express its output in gold-style ids."""

    def __init__(self):
        self.extractor = Extractor()
        self.known = entities_by_iri()

    def ids(self, extraction, gold: set | None = None) -> tuple[dict, dict]:
        """Map predicted IRIs to gold-style ids, and remember their class family.  A minted entity is named by its
        preferred label, or by any other of its labels that is a gold `new:` id of the passage (*gold*): an entity
        carries every form it was written in, and a gold name written in one of them names that entity."""
        minted = {e.iri: e for e in extraction.new_entities}
        ids, fams = {}, {}
        iris = {m.entity for m in extraction.mentions} | {r.subject for r in extraction.relations} | {r.object for r in extraction.relations}
        for iri in iris:
            path = str(iri)[len(str(ID)):]
            if iri in self.known:
                ids[iri], fams[iri] = path, family(self.known[iri].type)
            elif iri in minted and minted[iri].type not in ("Resolution", "Decision"):
                e = minted[iri]
                fam = family(e.type)
                ids[iri] = f"new:{fam}:" + norm_name(dict(e.labels).get("zh") or dict(e.labels).get("en") or path)
                forms = sorted({f"new:{fam}:" + norm_name(label) for label in list(dict(e.labels).values()) + [a for _, a in e.aliases]})
                ids[iri] = next((f for f in forms if f in (gold or ())), ids[iri])
                fams[iri] = fam
            else:  # resolution and decision ids compare in lower case (S-30/1 is resolution/ga/s-30-1 in gold)
                ids[iri], fams[iri] = path.lower(), "Resolution"
        return ids, fams

    def extract(self, text: str, lang: str | None):
        """The document and the extraction of one passage."""
        doc = parse_document("case.txt", text.encode("utf-8"), lang)
        return doc, self.extractor.extract(doc)

    def predict(self, text: str, lang: str | None, gold: set | None = None):
        """Language, entity set, relation confidences and quantity set of one passage (*gold*: its gold entity ids)."""
        doc, extraction = self.extract(text, lang)
        ids, fams = self.ids(extraction, gold)
        entities = {(ids[m.entity], fams[m.entity]) for m in extraction.mentions if m.method not in ANAPHOR_METHODS}
        relations: dict[tuple, float] = {}
        for r in extraction.relations:
            key = (ids[r.subject], str(r.predicate).rsplit("#", 1)[-1], ids[r.object])
            relations[key] = max(relations.get(key, 0.0), r.confidence)
        quantities = {(q.value, q.unit) for q in extraction.quantities}
        return doc.lang, entities, relations, quantities



def evaluate(paths: list[Path]) -> Report:
    """Run the extractor on every gold case and score it."""
    predictor = Predictor()
    names = GoldNames(predictor.known)
    report = Report()
    for path in paths:
        for case in load_cases(path):
            split = split_of(path, case)
            report.cases += 1
            report.split_cases[split] += 1
            gold = {names.entity(item) for item in case.get("entities", [])}
            lang, entities, relations, quantities = predictor.predict(case["text"], case.get("lang"), {g for g, _ in gold})
            pred_fam = dict(entities)
            gold_fam = dict(gold)
            _score(report, "entities", split, lang, case, set(gold_fam), set(pred_fam),
                   key=lambda i: gold_fam.get(i) or pred_fam.get(i) or "Other")
            classes = names.classes(case.get("entities", []))
            gold_rel = {(names.term(s, classes), p, names.term(o, classes)) for s, p, o in case.get("relations", [])}
            _score(report, "relations", split, lang, case, gold_rel, set(relations), key=lambda t: t[1])
            for triple, confidence in sorted(relations.items()):
                report.confidences.append((split, confidence, triple in gold_rel))
            gold_q = {(str(v), str(u)) for v, u in case.get("quantities", [])}
            _score(report, "quantities", split, lang, case, gold_q, quantities, key=lambda t: "all")
            report.misses += classify_misses(case, gold, entities, gold_rel, set(relations), gold_q, quantities)
    return report


def _score(report: Report, section: str, split: str, lang: str, case: dict, gold: set, pred: set, key) -> None:
    table = getattr(report, section)
    for item in sorted(gold | pred, key=str):
        kind = key(item)
        outcome = Score(tp=int(item in gold and item in pred), fn=int(item in gold and item not in pred),
                        fp=int(item in pred and item not in gold))
        score = table[(lang, kind)]
        score.add(outcome)
        if outcome.fn:
            score.errors.append(("missed", case["id"], item))
        elif outcome.fp:
            score.errors.append(("spurious", case["id"], item))
        report.splits[(split, section, lang, kind)].add(outcome)



def _rows(table: dict) -> list[tuple]:
    rows = []
    for (lang, name), s in sorted(table.items()):
        rows.append((lang, name, s.tp, s.fp, s.fn, s.precision, s.recall, s.f1))
    for lang in sorted({lang for lang, _ in table}):
        total = Score()
        for (l2, _), s in table.items():
            if l2 == lang:
                total.add(s)
        rows.append((lang, "ALL", total.tp, total.fp, total.fn, total.precision, total.recall, total.f1))
    return rows


def split_rows(report: Report) -> list[tuple]:
    """Per split: (split, section, lang, class, tp, fp, fn, P, R, F1), with ALL rows per language and overall."""
    rows = []
    for split in sorted(report.split_cases):
        for section in ("entities", "relations", "quantities"):
            cells = {(lang, kind): s for (sp, sec, lang, kind), s in report.splits.items() if sp == split and sec == section}
            langs = sorted({lang for lang, _ in cells})
            for lang in langs + ["*"]:
                total = Score()
                for (l2, kind), s in sorted(cells.items()):
                    if lang in (l2, "*"):
                        total.add(s)
                        if lang != "*" and section != "quantities":
                            rows.append((split, section, lang, kind, s.tp, s.fp, s.fn, s.precision, s.recall, s.f1))
                rows.append((split, section, lang, "ALL", total.tp, total.fp, total.fn, total.precision, total.recall, total.f1))
            if section == "relations":
                kinds = sorted({kind for _, kind in cells})
                for kind in kinds:
                    total = Score()
                    for (_, k2), s in cells.items():
                        if k2 == kind:
                            total.add(s)
                    rows.append((split, section, "*", kind, total.tp, total.fp, total.fn, total.precision, total.recall, total.f1))
    return rows


def reliability(confidences: list, bins: int = BINS) -> tuple[list[tuple], float]:
    """Reliability table ((low, high, count, mean confidence, observed precision) per non-empty bin) and
    the expected calibration error: the count-weighted mean gap between confidence and precision."""
    table, total, ece = [], len(confidences), 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in confidences if low <= c < high or (b == bins - 1 and c == high)]
        if not inside:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        precision = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / total * abs(precision - mean)
        table.append((low, high, len(inside), mean, precision))
    return table, ece


def _reliability_by_split(report: Report) -> dict:
    out = {}
    for split in sorted(report.split_cases):
        out[split] = reliability([(c, ok) for sp, c, ok in report.confidences if sp == split])
    return out


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
    lines.append("")
    lines.append("by split (lang * = all languages)")
    lines.append(f"{'split':<8} {'section':<11} {'lang':<4} {'class':<18} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}")
    for split, section, lang, name, tp, fp, fn, p, r, f in split_rows(report):
        lines.append(f"{split:<8} {section:<11} {lang:<4} {name:<18} {tp:>4} {fp:>4} {fn:>4} {p:>6.2f} {r:>6.2f} {f:>6.2f}")
    for split, (table, ece) in _reliability_by_split(report).items():
        lines.append("")
        lines.append(f"reliability of relation confidences, {split} ({report.split_cases[split]} cases): ECE {ece:.3f}")
        lines.append(f"{'bin':<11} {'count':>6} {'mean conf':>10} {'precision':>10}")
        for low, high, count, mean, precision in table:
            lines.append(f"{low:.1f}-{high:.1f}    {count:>6} {mean:>10.2f} {precision:>10.2f}")
    if errors and report.misses:
        lines.append("")
        lines.append("errors by class")
        grouped = defaultdict(list)
        for error, section, kind, case_id, item in report.misses:
            grouped[error].append((section, kind, case_id, item))
        for error in sorted(grouped, key=lambda e: (-len(grouped[e]), e)):
            lines.append(f"{error} ({len(grouped[error])})")
            for section, kind, case_id, item in grouped[error]:
                shown = " ".join(item) if isinstance(item, tuple) else item
                lines.append(f"  {section:<10} {kind:<9} {case_id:<12} {shown}")
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    """The scores as JSON."""
    out = {"cases": report.cases}
    for title, table in (("entities", report.entities), ("relations", report.relations), ("quantities", report.quantities)):
        out[title] = [
            {"lang": lang, "class": name, "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
            for lang, name, tp, fp, fn, p, r, f in _rows(table)
        ]
    out["splits"] = [
        {"split": sp, "section": sec, "lang": lang, "class": name, "tp": tp, "fp": fp, "fn": fn,
         "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        for sp, sec, lang, name, tp, fp, fn, p, r, f in split_rows(report)
    ]
    out["reliability"] = {
        split: {"ece": round(ece, 4), "bins": [
            {"low": low, "high": high, "count": n, "mean_confidence": round(m, 4), "precision": round(p, 4)}
            for low, high, n, m, p in table]}
        for split, (table, ece) in _reliability_by_split(report).items()
    }
    out["errors"] = [
        {"class": error, "section": section, "kind": kind, "case": case_id, "item": list(item) if isinstance(item, tuple) else item}
        for error, section, kind, case_id, item in report.misses
    ]
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
