"""Relation confidences on text nobody tuned for: the blind first run of the extractor on a new annotation set.

    python -m kg.extract.blind GOLD ... [--out PATH]

GOLD: annotation files that arrived after the extractor was written and that nobody has tuned it on yet (a new
development set, measured once on arrival).  For every relation the extractor finds in their cases, one row is
recorded in ``ontology/relation-blind.csv``: the set (the file's stem), the case, the relation, its confidence as the
development annotations calibrate it and whether the case's gold relations hold it.  Rows of other sets already in
the file are kept, so each set is recorded once, on arrival, and never again (run it before changing anything for
the set).  ``python -m kg.extract.calibrate`` fits on these rows the map from a development-calibrated confidence to
the precision seen on blind text (relation-weights.toml ``unseen``): the development annotations are the ones the
rules were written against, so cross-validation on them cannot tell how much surer the rules are there than on new
text; only a first run on new text can.  Files under a ``test`` folder are refused.
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import sys
from pathlib import Path

import numpy as np

from kg.core.errors import InputError
from kg.core.files import write_text
from kg.core.resources import ontology_dir, rules
from kg.extract.candidates import NEW_NAME, load_model
from kg.extract.evaluate import Predictor, reliability
from kg.extract.folds import case_keys, held_out
from kg.extract.gold import GoldNames, load_cases
from kg.extract.gold import gold_files as annotation_files

log = logging.getLogger(__name__)
BLIND_FILE = "relation-blind.csv"
MAX_STEP = 0.25
# the pulls of the map toward the identity tried, each judged leaving one blind set out (rules.toml [candidates.fitting])
UNSEEN_PULLS = tuple(float(v) for v in rules()["candidates"]["fitting"]["unseen_pulls"])
UNSEEN_PULL = UNSEEN_PULLS[0]
UNSEEN_TOLERANCE = float(rules()["candidates"]["fitting"]["unseen_tolerance"])
COLUMNS = ("set", "case", "subject", "kind", "object", "confidence", "stated", "rule")  # rule: empty in runs before it was kept


def blind_path() -> Path:
    return ontology_dir() / BLIND_FILE


def load_rows(path: Path | None = None) -> list[dict]:
    """The recorded blind rows (none when the file does not exist)."""
    path = path or blind_path()
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [{c: row.get(c) or "" for c in COLUMNS} for row in csv.DictReader(line for line in handle if not line.startswith("#"))]


def in_development(rows: list[dict], case_ids: set[str]) -> list[dict]:
    """The blind rows whose case is still in the development files (a case moved out of them, perhaps to a document
    of a held-out half, is not fitted on)."""
    kept = [r for r in rows if r["case"] in case_ids]
    log.info("blind rows: %d of %d (the others' cases are no longer in the development files)", len(kept), len(rows))
    return kept


def reliability_rows(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> list[tuple]:
    """The held-out reliability table: per tenth of confidence, (low, high, candidates, mean confidence, precision)."""
    index = np.minimum((probs * bins).astype(int), bins - 1)
    out = []
    for b in range(bins):
        inside = index == b
        if inside.any():
            out.append((b / bins, (b + 1) / bins, int(inside.sum()), float(probs[inside].mean()), float(y[inside].mean())))
    return out


def rule_blind(rows: list[dict]) -> dict:
    """Per rule, (stated, found) of its findings in the blind rows that name it (runs before the rule column name none;
    a candidate no rule found is left out), the n findings of one rule in one passage counting as sqrt(n) (a long list in
    one passage is one piece of evidence more than n), rounded to two decimals; only rules found in min_blind_cases
    passages or more (rules.toml [candidates.fitting]): a rule wrong in one or two passages is wrong about them.  They
    decide whether a rule is kept (relations.model.rule_kept), not its rule_doubt.  Findings with a name the extractor
    made count apart (key RULE (new name)), as on the development sets: they judge the rule on new names only."""
    cases: dict = {}
    for r in rows:
        if r.get("rule") and not r["rule"].startswith("scored-"):
            key = (r["rule"] + NEW_NAME if new_name(r) else r["rule"], r["case"])
            tp, n = cases.get(key, (0, 0))
            cases[key] = (tp + int(r["stated"] == "1"), n + 1)
    out: dict = {}
    for (rule, _), (tp, n) in sorted(cases.items()):
        a, b, k = out.get(rule, (0.0, 0.0, 0))
        out[rule] = (a + tp / n ** 0.5, b + n ** 0.5, k + 1)
    least = rules()["candidates"]["fitting"]["min_blind_cases"]
    return {rule: (round(a, 2), round(b, 2)) for rule, (a, b, k) in out.items() if k >= least}


def _logits(rows: list[dict]) -> np.ndarray:
    p = np.clip(np.array([float(r["confidence"]) for r in rows]), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def new_name(row: dict) -> bool:
    """Whether a blind row's relation has an argument the extractor named itself (no reference entity)."""
    return row.get("subject", "").startswith("new:") or row.get("object", "").startswith("new:")


def fit_unseen(rows: list[dict], iterations: int = 300, prior: tuple = (1.0, 0.0), names: bool = False,
               pull: float | None = None) -> tuple:
    """(a, b) with sigmoid(a * logit(confidence) + b) calibrated on the blind rows (Newton's method, pulled toward
    *prior*, by default the identity); the prior when there are none.  *names*: (a, b, c), c added for a relation with a
    name the extractor made itself (on new text such relations hold far less often than their confidence says)."""
    size = 3 if names else 2
    prior = np.array((tuple(prior) + (0.0,) * size)[:size], dtype=float)
    if not rows:
        return tuple(float(v) for v in prior)
    x = np.column_stack([_logits(rows), np.ones(len(rows))] + ([[float(new_name(r)) for r in rows]] if names else []))
    y = np.array([float(r["stated"]) for r in rows])
    pull = UNSEEN_PULL if pull is None else pull
    w = prior.copy()
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + pull * (w - prior)
        hess = (x.T * (p * (1 - p))) @ x + pull * np.eye(size)
        step = np.linalg.solve(hess, grad)
        largest = float(np.max(np.abs(step)))
        if largest > MAX_STEP:  # damped Newton: a full step overshoots when the confidences take few values
            step *= MAX_STEP / largest
        w -= step
        if largest < 1e-10:
            break
    return tuple(float(v) for v in w)


def fit_unseen_kinds(rows: list[dict], pull: float | None = None) -> tuple[tuple[float, float], dict]:
    """The map of every relation (pulled toward the identity) and one per relation kind pulled toward it: a kind the
    blind runs saw often gets its own, a rare one stays near the common map."""
    common = fit_unseen(rows, pull=pull)
    kinds = {kind: fit_unseen([r for r in rows if r["kind"] == kind], prior=common, pull=pull)
             for kind in sorted({r["kind"] for r in rows})}
    return common, kinds


def apply_unseen(unseen: tuple, rows: list[dict]) -> np.ndarray:
    a, b, *c = unseen
    new = np.array([float(new_name(r)) for r in rows]) * (c[0] if c else 0.0)
    return 1.0 / (1.0 + np.exp(-(a * _logits(rows) + b + new)))


def apply_unseen_kinds(maps: tuple[tuple[float, float], dict], rows: list[dict]) -> np.ndarray:
    common, kinds = maps
    return np.array([apply_unseen(kinds.get(r["kind"], common), [r])[0] for r in rows]) if rows else np.zeros(0)


MAPS = ("identity", "common", "common, new names apart", "per kind")


def _maps(rows: list[dict], mode: str, pull: float | None = None) -> tuple[tuple, dict]:
    if mode == "identity":
        return (1.0, 0.0), {}
    if mode == "common":
        return fit_unseen(rows, pull=pull), {}
    if mode == "common, new names apart":
        return fit_unseen(rows, names=True, pull=pull), {}
    return fit_unseen_kinds(rows, pull)


def grouped_ece(mapped: list[tuple]) -> float:
    """The ECE within each group of relations that new text holds at different rates, weighted by its rows: relations
    with a name the extractor made itself and relations between reference entities (*mapped*: (confidence, stated,
    new name)).  Pooled over both, a map that is too sure of new names and too unsure of reference relations fills the
    same bins from both sides and reads calibrated at the blind runs' mix of the two only; a next set (the held-out
    half, a user's documents) has its own mix, and a map calibrated within each group stays calibrated at any mix."""
    groups = [[(p, ok) for p, ok, new in mapped if new is flag] for flag in (False, True)]
    return sum(len(g) * reliability(g)[1] for g in groups if g) / len(mapped) if mapped else 0.0


def cross_set(rows: list[dict]) -> dict:
    """Which map carries to a set it was not fitted on: for the identity, the common map, the common map with relations
    of new names apart and the maps per kind, each with every pull toward the identity of UNSEEN_PULLS, every blind
    set's rows mapped by the map fitted on the other sets (leave one set out), judged by their ECE within relations with
    a new name and within relations between reference entities (grouped_ece: the blind sets hold 0.16 to 0.83 of their
    relations with a new name, so calibration at one mix of them says little about the next set).  The map and pull kept
    are the simplest map within UNSEEN_TOLERANCE of the lowest grouped ECE, at its best pull, fitted on every row; per
    map, the grouped ECE at its best pull is reported, and the pooled one beside it."""
    sets = sorted({r["set"] for r in rows})
    errors, pooled, pulls = {}, {}, {}
    for mode in MAPS:
        for pull in UNSEEN_PULLS[:1] if mode == "identity" else UNSEEN_PULLS:
            mapped = []
            for name in sets:
                inside = [r for r in rows if r["set"] == name]
                others = [r for r in rows if r["set"] != name]
                mapped += [(float(p), r["stated"] == "1", new_name(r))
                           for p, r in zip(apply_unseen_kinds(_maps(others, mode, pull), inside), inside)]
            error = grouped_ece(mapped)
            if mode not in errors or error < errors[mode] - 1e-9:
                pulls[mode], errors[mode] = pull, error
                pooled[mode] = reliability([(p, ok) for p, ok, _ in mapped])[1] if mapped else 0.0
    # the simplest map (MAPS is in order of parameters) within unseen_tolerance of the lowest ECE: a few hundred rows in
    # ten bins cannot tell closer maps apart
    best = min(errors.values()) if errors else 0.0
    kept = next(mode for mode in MAPS if errors[mode] <= best + UNSEEN_TOLERANCE) if len(sets) > 1 else "identity"
    # the figure to expect on the next set (the minimum above is chosen, so optimistic): each set from the third on mapped
    # by the kept map and pull fitted on the sets before it (set names in order of arrival), pooled
    forward = [(float(p), r["stated"] == "1", new_name(r)) for i, name in enumerate(sets[2:], start=2)
               for inside in [[r for r in rows if r["set"] == name]]
               for p, r in zip(apply_unseen_kinds(_maps([r for r in rows if r["set"] in sets[:i]], kept, pulls.get(kept)),
                                                  inside), inside)]
    return {"rows": len(rows), "sets": sets, "errors": errors, "pooled": pooled, "kept": kept,
            "pull": pulls.get(kept, UNSEEN_PULL), "maps": _maps(rows, kept, pulls.get(kept)),
            "forward": grouped_ece(forward),
            "forward_pooled": reliability([(p, ok) for p, ok, _ in forward])[1] if forward else 0.0}


COVERED = "# covered "  # the comment line that lists the cases a set's blind runs covered: "# covered real-p: id id …"


def _covered_lines(path: Path) -> dict[str, set[str]]:
    covered: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        if line.startswith(COVERED) and ":" in line:
            name, ids = line[len(COVERED):].split(":", 1)
            covered.setdefault(name.strip(), set()).update(ids.split())
    return covered


def load_covered(path: Path | None = None) -> dict[str, set[str]]:
    """Per set, the cases its blind runs covered: its covered line and the cases of its rows (a set recorded before the
    covered lines has only its rows, and a case that gave no relation leaves none)."""
    path = path or blind_path()
    covered = _covered_lines(path)
    for row in load_rows(path):
        covered.setdefault(row["set"], set()).add(row["case"])
    return covered


def record(files: list[Path], covered: dict | None = None) -> tuple[list[dict], dict[str, set[str]]]:
    """One row per relation the extractor finds in the cases of *files* that *covered* does not hold yet (a set that grew
    since its first run: only its new cases are run, its recorded rows stay the blind ones), its confidence in development
    terms and the rule that found it (scored-KIND for a candidate no rule found); and the cases run, per set.  A new case
    that shares its document, source or translation with a covered one is left out (the model may have been fitted on
    that document since; folds.case_keys)."""
    predictor = Predictor()
    names = GoldNames(predictor.known)
    model = load_model()
    rows, run = [], {}
    for path in files:
        cases = load_cases(path)
        done = (covered or {}).get(path.stem, set())
        seen = {k for case in cases if case["id"] in done for k in case_keys(case, path)}
        for case in cases:
            if case["id"] in done or seen & set(case_keys(case, path)):
                continue
            run.setdefault(path.stem, set()).add(case["id"])
            _, extraction = predictor.extract(case["text"], case.get("lang"))
            ids, _ = predictor.ids(extraction, {names.entity(item)[0] for item in case.get("entities", [])})
            found: dict[tuple, tuple] = {}  # relation -> (confidence, rule), the surest finding of it
            for r in extraction.relations:
                key = (ids[r.subject], str(r.predicate).rsplit("#", 1)[-1], ids[r.object])
                found[key] = max(found.get(key, (0.0, "")), (r.confidence, r.rule))
            classes = names.classes(case.get("entities", []))
            gold = {(names.term(s, classes), p, names.term(o, classes)) for s, p, o in case.get("relations", [])}
            for (s, p, o), (confidence, rule) in sorted(found.items()):
                new = any(str(t).startswith("new:") for t in (s, o))
                development = model.development(confidence, p, new) if model is not None else confidence
                rows.append({"set": path.stem, "case": case["id"], "subject": s, "kind": p, "object": o,
                             "confidence": f"{development:.2f}", "stated": str(int((s, p, o) in gold)), "rule": rule})
    return rows, run


def to_csv(rows: list[dict], covered: dict | None = None) -> str:
    """The rows as CSV (sorted, so that the same rows give the same bytes) under a header comment and the covered lines."""
    out = io.StringIO()
    out.write("# Blind first runs of the extractor on new annotation sets: written by `python -m kg.extract.blind`,\n")
    out.write("# one set at a time on its arrival; read by `python -m kg.extract.calibrate`. Do not edit by hand.\n")
    for name, ids in sorted((covered or {}).items()):
        out.write(f"{COVERED}{name}: {' '.join(sorted(ids))}\n")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in sorted(rows, key=lambda r: tuple(r.get(c, "") for c in COLUMNS)):
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return out.getvalue()


def _new_files(paths: list[Path]) -> list[Path]:
    files = annotation_files(paths)
    if not files:
        raise InputError("no annotation files (*.toml) found")
    refused = [f for f in files if held_out(f)]
    if refused:
        raise InputError(f"{refused[0]}: the held-out test half is never used for fitting")
    return files


def _read_history(path: Path) -> list[dict]:
    """The rows of a headerless CSV in COLUMNS order (the rule column may be left out)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = [row for row in csv.reader(handle) if row]
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from exc
    rows = [dict(zip(COLUMNS, row + [""] * (len(row) == len(COLUMNS) - 1))) for row in lines]
    if not rows or any(len(row) not in (len(COLUMNS) - 1, len(COLUMNS)) for row in lines) \
            or any(r["stated"] not in ("0", "1") for r in rows):
        raise InputError(f"{path}: not rows of {', '.join(COLUMNS)}")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Record the blind first run on the given annotation sets."""
    parser = argparse.ArgumentParser(prog="python -m kg.extract.blind", description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, help="new annotation files (never the test half)")
    parser.add_argument("--rows", type=Path, help="add the rows of this headerless CSV instead (tools/blind_history.sh: "
                        "the blind first runs of older sets, rebuilt from git history)")
    parser.add_argument("--out", type=Path, default=None, help=f"where to write (default: ontology/{BLIND_FILE})")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = args.out or blind_path()
    try:
        covered = _covered_lines(out)
        if args.rows:  # a set rebuilt from history replaces its rows
            rows = _read_history(args.rows)
            kept = [row for row in load_rows(out) if row["set"] not in {row["set"] for row in rows}]
        else:  # a set already recorded keeps its rows: only its cases not yet covered are run
            before = load_covered(out)
            rows, run = record(_new_files(args.gold), before)
            kept = load_rows(out)
            covered |= {name: before.get(name, set()) | ids for name, ids in run.items()}
        write_text(out, to_csv(kept + rows, covered))
    except InputError as exc:
        print(f"kg.extract.blind: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"kg.extract.blind: {out}: {exc.strerror}", file=sys.stderr)
        return 2
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
