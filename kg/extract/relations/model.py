"""The relation model of :mod:`kg.extract.candidates`: per-kind logistic weights over the candidates' features,
the calibration of their scores (Platt or isotonic), the threshold and the rules' observed precisions, read from
``ontology/relation-weights.toml`` (written by ``python -m kg.extract.calibrate``)."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from functools import cache

from kg.core.resources import ontology_dir, rules

WEIGHTS_FILE = "relation-weights.toml"
NEW_NAME = " (new name)"  # the rule precision key of its findings with a name the extractor made


@dataclass(frozen=True)
class Model:
    """Per-kind logistic weights, the Platt scaling of their scores, the threshold and rule precisions."""

    weights: dict  # kind -> tuple of weights in FEATURES order
    platt: tuple  # (a, b): calibrated = sigmoid(a * score + b)
    threshold: float
    rule_precision: dict  # rule name -> observed precision (rules outside the model)
    isotonic: tuple = ((), ())  # (scores, probabilities) when an isotonic calibration replaces Platt's
    unseen: tuple = (1.0, 0.0)  # (a, b[, c]): confidence on new text = sigmoid(a * logit(development confidence) + b
    # [+ c for a relation with a name the extractor made itself])
    unseen_kinds: dict = field(default_factory=dict)  # relation kind -> its own (a, b)
    rule_findings: dict = field(default_factory=dict)  # rule name -> how many findings its precision rests on
    rule_correct: dict = field(default_factory=dict)  # rule name -> how many of them the annotations state
    rule_blind: dict = field(default_factory=dict)  # rule name -> (stated, found) in the blind first runs

    def score(self, kind: str, features) -> float:
        """The raw logit of a candidate."""
        w = self.weights.get(kind)
        return sum(a * b for a, b in zip(w, features)) if w else 0.0

    def probability(self, kind: str, features) -> float:
        """The calibrated probability that a candidate is stated."""
        xs, ys = self.isotonic
        if xs:
            return _interpolate(self.score(kind, features), xs, ys)
        a, b = self.platt
        return sigmoid(a * self.score(kind, features) + b)


    def rule_doubt(self, rule: str) -> float:
        """Feature rule_doubt of a candidate a rule found (0 without one; see :func:`doubt`): from the development findings
        only, as the fit computes it (the blind findings of a rule count in rule_kept), pooled with its translation's."""
        if rule not in self.rule_correct and twin(rule) not in self.rule_correct:
            return 0.0
        return doubt(*pooled({k: (self.rule_correct.get(k, 0), self.rule_findings.get(k, 0)) for k in (rule, twin(rule))}, rule))

    def _map(self, kind: str | None, new_name: bool) -> tuple[float, float]:
        a, b, *c = self.unseen_kinds.get(kind, self.unseen)
        return a, b + (c[0] if c and new_name else 0.0)

    def final(self, p: float, kind: str | None = None, new_name: bool = False) -> float:
        """The confidence on text nobody tuned for of a development-calibrated probability *p* of a relation of *kind*
        (*new_name*: with a name the extractor made itself; kg.extract.blind)."""
        a, b = self._map(kind, new_name)
        if (a, b) == (1.0, 0.0):
            return p
        return sigmoid(a * _logit(p) + b)

    def development(self, confidence: float, kind: str | None = None, new_name: bool = False) -> float:
        """The development-calibrated probability whose final confidence is *confidence* (the inverse of final)."""
        a, b = self._map(kind, new_name)
        if (a, b) == (1.0, 0.0) or a <= 0:
            return confidence
        return sigmoid((_logit(confidence) - b) / a)


@cache
def fitting(name: str) -> float:
    """A constant of fitting the model and keeping rules outside it (rules.toml [candidates.fitting])."""
    return float(rules()["candidates"]["fitting"][name])


def twin(rule: str) -> str:
    """The rule of the other edition (assist-cue-en -> assist-cue-zh; a new name's key keeps NEW_NAME); itself when none."""
    base = rule[: -len(NEW_NAME)] if rule.endswith(NEW_NAME) else rule
    for a, b in (("-en", "-zh"), ("-zh", "-en")):
        if base.endswith(a):
            return base[: -len(a)] + b + rule[len(base):]
    return rule


def pooled(counts: dict, rule: str) -> tuple[float, float]:
    """(stated, found) of *rule* with its translation's findings as a prior: twin_weight pseudo-findings at the twin's
    precision (*counts*: rule -> (stated, found); rules.toml [candidates.fitting] twin_weight).  A rule says the same in
    either edition and one edition's findings are often too few to judge it alone; once it has findings of its own,
    they decide."""
    own = counts.get(rule, (0, 0))
    other = counts.get(twin(rule), (0, 0)) if twin(rule) != rule else (0, 0)
    if not other[1]:
        return own
    k = fitting("twin_weight")
    return own[0] + k * other[0] / other[1], own[1] + k


def doubt(correct: float, found: float) -> float:
    """How much less often than a usual rule a rule is right: the usual precision (rule_prior_precision) minus the rule's
    own, shrunk toward it by rule_prior_weight findings (a rule seen once stays near 0; one often wrong is well above)."""
    usual, weight = fitting("rule_prior_precision"), fitting("rule_prior_weight")
    return round(usual - (correct + weight * usual) / (found + weight), 6)


def rule_kept(model: Model | None, rule: str, new_name: bool = False) -> bool:
    """A rule outside the model is kept unless min_rule_findings findings or more (with a new name, when known apart)
    put even the upper end of an 80 % interval of its precision below rule_floor (one wrong finding drops nothing;
    both rules.toml [candidates.fitting]).  A rule of one edition is judged with its translation (assist-cue-en with
    assist-cue-zh, their findings pooled when both are counted): both editions keep or retire it alike."""
    if model is None:
        return True
    floor, least = fitting("rule_floor"), int(fitting("min_rule_findings"))
    key = f"{rule}{NEW_NAME}" if new_name and f"{rule}{NEW_NAME}" in model.rule_precision else rule
    p, n = float(model.rule_precision.get(key, 1.0)), int(model.rule_findings.get(key, 0))
    family = [key.replace(f"-{a}", f"-{b}") for a, b in (("en", "zh"), ("zh", "en")) if f"-{a}" in key]
    if family and family[0] in model.rule_correct and key in model.rule_correct:  # pooled with the other edition's rule
        tp, n = model.rule_correct[key] + model.rule_correct[family[0]], n + int(model.rule_findings.get(family[0], 0))
        p = (tp + 1) / (n + 2)
    # and as often on its blind first runs: between reference names by those, with a new name by all its findings
    tp, seen = model.rule_blind.get(rule, (0, 0))
    if new_name:
        tp, seen = (a + b for a, b in zip((tp, seen), model.rule_blind.get(f"{rule}{NEW_NAME}", (0, 0))))
    q = (tp + 1) / (seen + 2)
    return (n < least or p + 1.2816 * (p * (1 - p) / (n + 3)) ** 0.5 >= floor) and \
        (seen < least or q + 1.2816 * (q * (1 - q) / (seen + 3)) ** 0.5 >= floor)


def rule_confidence(model: Model | None, rule: str, confidence: float, new_name: bool = False,
                    kind: str | None = None) -> float:
    """The confidence of a relation found by a rule outside the model: its observed precision when known, the precision
    of its findings with a name the extractor made itself (*new_name*) when those are known apart."""
    if model is None:
        return confidence
    if new_name and f"{rule}{NEW_NAME}" in model.rule_precision:
        return round(model.final(float(model.rule_precision[f"{rule}{NEW_NAME}"]), kind, True), 2)
    return round(model.final(float(model.rule_precision.get(rule, confidence)), kind, new_name), 2)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _interpolate(x: float, xs: tuple, ys: tuple) -> float:
    """Piecewise-linear interpolation through (xs, ys), flat beyond the ends."""
    if x <= xs[0]:
        return ys[0]
    for i in range(1, len(xs)):
        if x <= xs[i]:
            span = xs[i] - xs[i - 1]
            return ys[i] if span <= 0 else ys[i - 1] + (ys[i] - ys[i - 1]) * (x - xs[i - 1]) / span
    return ys[-1]


def sigmoid(x: float) -> float:
    """The logistic function, safe for large |x|."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@cache
def load_model(features: tuple) -> Model | None:
    """The fitted model of ontology/relation-weights.toml, or None when there is none."""
    path = ontology_dir() / WEIGHTS_FILE
    if not path.exists():
        return None
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    model = data["model"]
    if tuple(model["features"]) != features:
        return None  # fitted for other features: refit with python -m kg.extract.calibrate
    return Model(
        weights={k: tuple(v) for k, v in model["weights"].items()},
        platt=tuple(model["platt"]),
        threshold=float(model["threshold"]),
        rule_precision=dict(data.get("rule_precision", {})),
        unseen=tuple(model.get("unseen", (1.0, 0.0))),
        unseen_kinds={k: tuple(v) for k, v in model.get("unseen_kinds", {}).items()},
        rule_findings=dict(data.get("rule_findings", {})),
        rule_correct=dict(data.get("rule_correct", {})),
        rule_blind={k: tuple(v) for k, v in data.get("rule_blind", {}).items()},
        isotonic=(tuple(model.get("isotonic_x", ())), tuple(model.get("isotonic_y", ())))
        if model.get("calibration") == "isotonic" else ((), ()),
    )


def unruled(rows: list[tuple], gold_counts: list[dict], kinds: frozenset) -> list[tuple]:
    """The rows (case, kind, features, label, triple, rule) left to the model when the rules decide their own findings of
    *kinds*: a triple a rule found is taken out of the rows, and out of its case's gold count when it is stated."""
    ruled = {(n, triple) for n, kind, _, _, triple, rule in rows if rule and kind in kinds}
    stated = {(r[0], r[4]) for r in rows if r[3] and (r[0], r[4]) in ruled}
    for n, triple in stated:
        gold_counts[n][triple[1]] -= 1
    return [r for r in rows if (r[0], r[4]) not in ruled]


def stated_elsewhere(extraction, ids: dict, kinds) -> set[tuple]:
    """The relations of *kinds* that a rule states outside the sentence candidates of an extraction (a programme's name,
    a collective reference), as (subject id, kind, object id) in *ids*: no example of what a sentence's evidence says."""
    made = {((ids[c.subject], c.kind, ids[c.object]), c.rule) for _, c in extraction.candidates}
    found = {((ids[r.subject], str(r.predicate).rsplit("#", 1)[-1], ids[r.object]), r.rule) for r in extraction.relations}
    return {t for t, rule in found if t[1] in kinds and (t, rule) not in made}


def smoothed(scores: dict, t: float, thresholds: tuple) -> float:
    """The mean F1 of *t* and its neighbouring thresholds: on a flat curve the best single step is noise."""
    i = thresholds.index(t)
    near = [scores[u][2] for u in thresholds[max(0, i - 1):i + 2]]
    return float(sum(near) / len(near))


def case_scores(rows, probs, threshold: float, gold_counts: list[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the cases' relations kept at *threshold*."""
    kept = {(r[0], r[4]): bool(r[3]) for r, p in zip(rows, probs) if round(float(p), 2) >= threshold}
    tp = sum(kept.values())
    fp = len(kept) - tp
    fn = sum(gold_counts) - tp
    if not tp:
        return 0.0, 0.0, 0.0
    return tp / (tp + fp), tp / (tp + fn), 2 * tp / (2 * tp + fp + fn)
