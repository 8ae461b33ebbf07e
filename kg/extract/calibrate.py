"""Fit the relation model (ontology/relation-weights.toml) from development annotations.

    python -m kg.extract.calibrate [GOLD ...] [--out PATH]

GOLD: annotation files or folders (default: every annotation but the held-out test half:
tests/data/annotations/*.toml, dev/ and sample/).
Files under a ``test`` folder are refused: the held-out half is for reporting only.

Every candidate relation of every case (kg.extract.candidates, extracted with the rules' own
confidences) is labelled by whether the case's gold relations hold it; a passage annotated in two
files counts once; a relation a rule states outside the sentence candidates (a programme's name holds the place) is
left out of the rows and of the case's gold count, as its sentence's evidence does not decide it.  Per relation kind, an L2-regularised logistic regression is fitted by Newton's
method, pulled toward the rules' prior weights (the pull chosen by held-out log loss), each candidate
weighted 1/sqrt(n) for the n candidates of its subject and kind in its passage (a long list is not n
independent cases).  Every candidate gets an out-of-fold score (5 folds grouped by document).  A Platt
scaling and an isotonic map from out-of-fold score to probability are judged by the same grouped
cross-validation; the better is kept, fitted on all out-of-fold scores (the isotonic map: the mean of the maps
fitted without each fold, calibrate.mean_isotonic).  The threshold is the one with the best F1 of the cases' relations on the cross-fitted
probabilities (each candidate's map fitted without its fold): the highest on the plateau of the F1 averaged
with its neighbours, unless one within MAX_F1_COST of the best reaches MIN_PRECISION (then the lowest such).  Rules outside the model get their observed
precision, (correct + 1) / (found + 2), with the count of findings it rests on.  Every confidence then passes through
the map to new text fitted on the blind first runs (kg.extract.blind.cross_set).  Deterministic: same annotations, same bytes.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from kg.extract.blind import cross_set, in_development, load_rows, reliability_rows, rule_blind
from kg.extract.candidates import FEATURES, KINDS, NEW_NAME, RULES_DECIDE, WEIGHTS_FILE
from kg.core.errors import InputError
from kg.core.files import write_text
from kg.extract.evaluate import Predictor
from kg.extract.folds import case_keys, fold_counts, fold_groups, held_out
from kg.extract.relations.model import case_scores as _case_scores, doubt, pooled, smoothed, stated_elsewhere, unruled
from kg.extract.gold import GoldNames, gold_files as annotation_files, load_cases
from kg.extract.isotonic import apply_isotonic, fit_isotonic, mean_isotonic  # noqa: F401 (calibrate.fit_isotonic …)
from kg.extract.document import Extractor
from kg.core.resources import ontology_dir, rules

log = logging.getLogger(__name__)
FOLDS = 5
L2 = 6.0  # the annotations are few: weights move from the rules' prior only as far as many cases agree
L2_CHOICES = (0.5, 1.0, 2.0, 6.0, 15.0, 40.0)  # tried by cross-validation grouped by document
MIN_EXAMPLES = 8  # stated and not stated candidates a kind needs to be modelled
MAX_STEP = 1.0
FIXED_PULL = 1e6  # the L2 pull that keeps a weight of rules.toml [candidates] fixed at its prior
# issue 15's precision target, reached when that costs at most MAX_F1_COST of out-of-fold F1 (rules.toml [candidates.fitting])
MIN_PRECISION = float(rules()["candidates"]["fitting"]["min_precision"])
MAX_F1_COST = float(rules()["candidates"]["fitting"]["max_f1_cost"])
F1_PLATEAU = 0.01  # smoothed out-of-fold F1 this close to the best is as good (0.005 flipped 0.35 and 0.40 on a one-word cue)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 20))


def gold_files(paths: list[Path]) -> list[Path]:
    """The annotation files to fit on; refuses the held-out test half."""
    files = annotation_files(paths)
    refused = [f for f in files if held_out(f)]
    if refused:
        raise InputError(f"{refused[0]}: the held-out test half is never used for fitting")
    if not files:
        raise InputError("no annotation files (*.toml) found")
    return files


def collect(files: list[Path]):
    """Rows (case number, kind, features, label, case relation key), the gold relations of each case per modelled kind,
    the rules outside the model's findings, the number of cases and each case's fold."""
    predictor = Predictor()
    predictor.extractor = Extractor(scoring=False, keep_candidates=True)
    names = GoldNames(predictor.known)
    rows, gold_counts, rule_stats, hits = [], [], defaultdict(lambda: [0, 0]), []
    number = 0
    keys: list[list[str]] = []
    seen_texts: set[str] = set()
    for path in files:
        for case in load_cases(path):
            text = " ".join(case["text"].split())
            if text in seen_texts:  # a passage annotated in two files (the sample's paragraphs in zh.toml) counts once
                continue
            seen_texts.add(text)
            keys.append(case_keys(case, path))  # a translation or another title of one source shares its fold
            doc, extraction = predictor.extract(case["text"], case.get("lang"))
            # a gold new name written in any label of a minted entity names it, as kg evaluate reads it
            ids, _ = predictor.ids(extraction, {names.entity(item)[0] for item in case.get("entities", [])})
            for _, c in extraction.candidates:
                for iri in (c.subject, c.object):
                    ids.setdefault(iri, str(iri).rsplit("/id/", 1)[-1])
            classes = names.classes(case.get("entities", []))
            gold = {(names.term(s, classes), p, names.term(o, classes)) for s, p, o in case.get("relations", [])}
            gold_counts.append({kind: sum(1 for t in gold if t[1] == kind) for kind in KINDS})
            # a relation a rule outside the sentence's candidates states (a programme's name: 中缅三方禁毒合作项目 holds 缅甸)
            # is no example of the sentence's evidence: the venue 在缅甸举行会议 would be labelled stated by the name
            named = stated_elsewhere(extraction, ids, KINDS)
            for t in named & gold:
                gold_counts[-1][t[1]] -= 1
            for _, c in extraction.candidates:
                triple = (ids[c.subject], c.kind, ids[c.object])
                if triple not in named:
                    rows.append((number, c.kind, c.features, triple in gold, triple, c.rule))
            seen = set()
            minted = {m.entity for m in extraction.mentions if m.method == "minted"}
            for r in extraction.relations:  # the rules' own findings (scoring is off)
                triple = (ids[r.subject], str(r.predicate).rsplit("#", 1)[-1], ids[r.object])
                if (r.rule, triple) not in seen:
                    seen.add((r.rule, triple))
                    for key in [r.rule] + ([r.rule + NEW_NAME] if {r.subject, r.object} & minted else []):
                        rule_stats[key][0] += triple in gold
                        rule_stats[key][1] += 1
                    hits.append((number, r.rule, triple in gold))
            number += 1
    groups = fold_groups(keys)
    order = {g: i for i, g in enumerate(sorted(set(groups)))}
    folds = [order[g] % FOLDS for g in groups]
    # feature rule_doubt of every candidate from the findings of its rule in the other folds' documents
    without = fold_counts(hits, folds, FOLDS)
    at = FEATURES.index("rule_doubt")
    rows = [(n, kind, x[:at] + (doubt(*pooled(without[folds[n]], rule)) if rule else 0.0,) + x[at + 1:], label, triple, rule)
            for n, kind, x, label, triple, rule in rows]
    rows = unruled(rows, gold_counts, RULES_DECIDE)  # kinds whose rules decide: the model learns what they do not find
    return rows, gold_counts, dict(rule_stats), number, folds


def prior_weights() -> np.ndarray:
    """The prior of every kind's weights (rules.toml [candidates.prior]), in FEATURES order."""
    prior = rules()["candidates"]["prior"]
    return np.array([float(prior.get(name, 0.0)) for name in FEATURES])


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, prior: np.ndarray | None = None,
                 iterations: int = 200, weight: np.ndarray | None = None) -> np.ndarray:
    """Logistic regression by Newton's method, L2-regularised toward *prior* (default 0; the bias too); *weight*: the
    weight of each row (default 1)."""
    w0 = np.zeros(x.shape[1]) if prior is None else prior.astype(float)
    sw = np.ones(len(y)) if weight is None else weight
    pull = np.full(x.shape[1], float(l2))
    if prior is not None and x.shape[1] == len(FEATURES):  # weights kept at their prior: not estimable from tuned data
        fixed = set(rules()["candidates"].get("fixed", {}).get("features", []))
        pull[[i for i, name in enumerate(FEATURES) if name in fixed]] = FIXED_PULL
    w = w0.copy()
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (sw * (p - y)) + pull * (w - w0)
        hess = (x.T * (sw * p * (1 - p))) @ x + np.diag(pull)
        step = np.linalg.solve(hess, grad)
        largest = float(np.max(np.abs(step)))
        if largest > MAX_STEP:  # damped Newton: a full step can overshoot on nearly separable folds
            step *= MAX_STEP / largest
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w


def fit_platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling: a, b with sigmoid(a * score + b) calibrated on (scores, y)."""
    x = np.column_stack([scores, np.ones_like(scores)])
    a, b = fit_logistic(x, y, l2=1e-3)
    return float(a), float(b)


def ece(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: the count-weighted gap between mean confidence and precision per tenth."""
    return sum(n * abs(mean - stated) for _, _, n, mean, stated in reliability_rows(probs, y, bins)) / len(probs) if len(probs) else 0.0


def _design(rows) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([r[2] for r in rows], dtype=float).reshape(-1, len(FEATURES))
    y = np.array([float(r[3]) for r in rows])
    return x, y


def row_weights(rows) -> np.ndarray:
    """Each candidate's weight in the fit: 1 / sqrt(n) for the n candidates of one subject and kind in one passage, so
    that a long list of places or partners in one sentence counts as more than one case but not as n independent ones."""
    sizes: dict[tuple, int] = defaultdict(int)
    for r in rows:
        sizes[(r[0], r[1], r[4][0])] += 1
    return np.array([1.0 / np.sqrt(sizes[(r[0], r[1], r[4][0])]) for r in rows])


def _fit_weights(rows, folds: list[int], l2: float) -> tuple[dict, np.ndarray]:
    """Per-kind weights on every row, and each row's score by the weights fitted without its fold."""
    weights, oof, prior = {}, np.zeros(len(rows)), prior_weights()
    for kind in sorted(KINDS):
        picked = [i for i, r in enumerate(rows) if r[1] == kind]
        if not picked:
            continue
        x, y = _design([rows[i] for i in picked])
        if min(y.sum(), len(y) - y.sum()) < MIN_EXAMPLES:
            log.debug("%s: %d candidates, %d stated: too few to fit; its rules stay as they are", kind, len(y), y.sum())
            continue
        sw = row_weights([rows[i] for i in picked])
        weights[kind] = fit_logistic(x, y, l2=l2, prior=prior, weight=sw)
        for fold in range(FOLDS):
            train = [j for j, i in enumerate(picked) if folds[rows[i][0]] != fold]
            test = [j for j, i in enumerate(picked) if folds[rows[i][0]] == fold]
            if not test:
                continue
            w = fit_logistic(x[train], y[train], l2=l2, prior=prior, weight=sw[train]) if train else prior
            for j in test:
                oof[picked[j]] = float(x[j] @ w)
    return weights, oof


def fit(files: list[Path]) -> dict:
    """Fit weights, Platt scaling, threshold and rule precisions; return them as a plain dict."""
    rows, gold_counts, rule_stats, cases, folds = collect(files)
    blind = in_development(load_rows(), {case["id"] for f in files for case in load_cases(f)})
    labels = np.array([float(r[3]) for r in rows])
    best_fit = None
    for l2 in L2_CHOICES:  # the pull toward the rules' prior that predicts held-out documents best (log loss)
        weights, oof = _fit_weights(rows, folds, l2)
        modelled = np.array([r[1] in weights for r in rows])
        p = np.clip(1.0 / (1.0 + np.exp(-oof[modelled])), 1e-6, 1 - 1e-6)
        loss = float(-np.mean(labels[modelled] * np.log(p) + (1 - labels[modelled]) * np.log(1 - p))) if modelled.any() else 0.0
        log.info("L2 %.1f: held-out log loss %.4f", l2, loss)
        if best_fit is None or loss < best_fit[0] - 1e-9:
            best_fit = (loss, l2, weights, oof)
    _, l2, weights, oof = best_fit
    labels = np.array([float(r[3]) for r in rows])
    modelled = np.array([r[1] in weights for r in rows])
    platt = fit_platt(oof[modelled], labels[modelled]) if labels[modelled].any() else (1.0, 0.0)
    # which calibration carries over: each fitted without the fold it is judged on (folds grouped by document)
    case_fold = np.array([folds[r[0]] for r in rows])
    held = {"platt": np.zeros(len(rows)), "isotonic": np.zeros(len(rows))}
    fold_maps = []
    for fold in range(FOLDS):
        train, test = modelled & (case_fold != fold), modelled & (case_fold == fold)
        if not test.any() or not labels[train].any():
            continue
        a, b = fit_platt(oof[train], labels[train])
        held["platt"][test] = 1.0 / (1.0 + np.exp(-(a * oof[test] + b)))
        fold_maps.append(fit_isotonic(oof[train], labels[train]))
        held["isotonic"][test] = apply_isotonic(fold_maps[-1], oof[test])
    isotonic = mean_isotonic(fold_maps) if fold_maps else fit_isotonic(oof[modelled], labels[modelled])
    errors = {name: ece(p[modelled], labels[modelled]) for name, p in held.items()}
    method = "isotonic" if errors["isotonic"] < errors["platt"] - 1e-9 else "platt"
    log.info("calibration by grouped cross-validation: ECE Platt %.3f, isotonic %.3f; kept %s",
             errors["platt"], errors["isotonic"], method)
    for low, high, n, mean, stated in reliability_rows(held[method][modelled], labels[modelled]):
        log.info("  held out %.1f-%.1f: %4d candidates, mean confidence %.2f, stated %.2f", low, high, n, mean, stated)
    # the threshold is chosen on the cross-fitted probabilities (each candidate's calibration map fitted without its
    # fold): a map fitted on the very scores it is judged on would make the chosen threshold look better than it is
    calibrated = held[method]
    totals = [sum(g.values()) for g in gold_counts]
    scores = {t: _case_scores(rows, calibrated, t, totals) for t in THRESHOLDS}
    overall = max(scores[t][2] for t in THRESHOLDS)
    # the best F1 (averaged with its neighbours), unless a threshold within MAX_F1_COST of it reaches MIN_PRECISION
    # (then the lowest such): on the development sets with the blind real-k and real-l the floor costs recall 0.59 -> 0.39
    near = [t for t in THRESHOLDS if scores[t][2] >= overall - MAX_F1_COST]
    reaching = [t for t in near if scores[t][0] >= MIN_PRECISION]
    top = max(smoothed(scores, t, THRESHOLDS) for t in THRESHOLDS)  # on the plateau of the smoothed F1, the most precise threshold
    threshold = min(reaching) if reaching else max(t for t in THRESHOLDS if smoothed(scores, t, THRESHOLDS) >= top - F1_PLATEAU)
    best = scores[threshold][2]
    log.info("fitted on %d cases, %d candidates; threshold %.2f (out-of-fold P %.3f R %.3f F1 %.3f)", cases, len(rows),
             threshold, *scores[threshold])
    by_kind = {kind: _case_scores([r for r in rows if r[1] == kind], calibrated[np.array([r[1] == kind for r in rows])], threshold,
                                  [g[kind] for g in gold_counts])
               for kind in sorted(weights)}
    for kind, (p, r, f) in by_kind.items():
        log.info("  out of fold %-16s P %.3f R %.3f F1 %.3f", kind, p, r, f)
        picked = [x for x in rows if x[1] == kind]  # a kind the model finds nothing of out of fold stays its rules
        alone = _case_scores(picked, np.array([float(bool(x[5])) for x in picked]), threshold, [g[kind] for g in gold_counts])
        log.info("  its rules alone      P %.3f R %.3f F1 %.3f", *alone)
        if f == 0:  # no support on documents it was not fitted on (better rules alone is reported, not acted on: the
            weights.pop(kind)  # model's negation, plan and attendance evidence keeps the editions' relations alike)
    return {
        "files": [str(f) for f in files],
        "cases": cases,
        "candidates": len(rows),
        "weights": {k: [float(v) for v in w] for k, w in weights.items()},
        "platt": platt,
        "calibration": method,
        "isotonic": isotonic if method == "isotonic" else ([], []),
        "cv_ece": errors,
        "l2": l2,
        "threshold": threshold,
        "oof_f1": best,
        "oof_scores": scores[threshold],
        "oof_by_kind": by_kind,
        "reliability": reliability_rows(held[method][modelled], labels[modelled]),
        "cv_ece_kept": errors[method],
        "blind": cross_set(blind),
        "rule_precision": {rule: (tp + 1) / (n + 2) for rule, (tp, n) in sorted(rule_stats.items())},
        "rule_findings": {rule: n for rule, (_, n) in sorted(rule_stats.items())},
        "rule_correct": {rule: tp for rule, (tp, _) in sorted(rule_stats.items())},
        "rule_blind": rule_blind(blind),
    }


def _number(value: float) -> str:
    return "0.000000" if (text := f"{value:.6f}") == "-0.000000" else text


def to_toml(fitted: dict) -> str:
    """The fitted model as TOML, numbers with six decimals."""
    lines = [
        "# Relation model of kg/extract/candidates.py: per-kind logistic weights over FEATURES, the Platt scaling of",
        "# their scores, the threshold with the best F1 and the observed precision of rules outside the model.",
        "# Generated by `python -m kg.extract.calibrate` from the development annotations; do not edit by hand.",
        f"# Fitted on {fitted['cases']} cases ({fitted['candidates']} candidates): "
        + ", ".join(Path(f).as_posix() for f in fitted["files"]),
        "# Out-of-fold (5 folds grouped by document; weights, calibration map and threshold each judged on folds they were",
        "# not fitted on) precision / recall / F1 of the modelled relations at the threshold: "
        + "{:.3f} / {:.3f} / {:.3f}".format(*fitted["oof_scores"]),
        *(f"#   {kind}: {p:.3f} / {r:.3f} / {f:.3f}" + ("" if kind in fitted["weights"] else " (nothing found out of fold: its rules decide)")
          for kind, (p, r, f) in sorted(fitted["oof_by_kind"].items())),
        f"# Out-of-fold reliability of the candidates' confidences (ECE {fitted['cv_ece_kept']:.3f}):",
        *(f"#   {low:.1f}-{high:.1f}: {n:5d} candidates, mean confidence {mean:.2f}, stated {stated:.2f}"
          for low, high, n, mean, stated in fitted["reliability"]),
        (f"# Calibration kept by cross-validation grouped by document: {fitted['calibration']} (held-out ECE Platt "
         f"{fitted['cv_ece']['platt']:.3f}, isotonic {fitted['cv_ece']['isotonic']:.3f}); L2 pull toward the prior {fitted['l2']:g}"),
        "",
        "[model]",
        "features = [" + ", ".join(f'"{f}"' for f in FEATURES) + "]",
        f"platt = [{_number(fitted['platt'][0])}, {_number(fitted['platt'][1])}]",
        f'calibration = "{fitted["calibration"]}"',
        "isotonic_x = [" + ", ".join(_number(v) for v in fitted["isotonic"][0]) + "]",
        "isotonic_y = [" + ", ".join(_number(v) for v in fitted["isotonic"][1]) + "]",
        f"threshold = {fitted['threshold']:.2f}",
        (f"# confidence on new text = sigmoid(a * logit(p) + b [+ c with a new name]), fitted on {fitted['blind']['rows']} relations of the blind first "
         f"runs ({', '.join(fitted['blind']['sets']) or 'none'}; ontology/relation-blind.csv); ECE within relations with a "
         "new name and within the others (pooled over both in brackets) of each set mapped by the map fitted on the others: "
         + ", ".join(f"{mode} {e:.3f} ({fitted['blind']['pooled'][mode]:.3f})" for mode, e in fitted["blind"]["errors"].items())
         + f"; kept: {fitted['blind']['kept']} (pull toward the identity {fitted['blind']['pull']:g}; each set from the third on"
         f" mapped by it fitted on the sets before: ECE {fitted['blind']['forward']:.3f} ({fitted['blind']['forward_pooled']:.3f}))"),
        "# (the blind runs are first runs of earlier models, each before its set was tuned on; the map assumes that the",
        "# drop from development to new text stays as it was for them, and its ECE above is theirs)",
        "unseen = [" + ", ".join(_number(v) for v in fitted["blind"]["maps"][0]) + "]",
        "unseen_kinds = {" + ", ".join(f"{kind} = [" + ", ".join(_number(v) for v in m) + "]"
                                       for kind, m in sorted(fitted["blind"]["maps"][1].items())) + "}",
        "",
        "[model.weights]",
    ]
    for kind, w in sorted(fitted["weights"].items()):
        lines.append(f"{kind} = [" + ", ".join(_number(v) for v in w) + "]")
    lines += ["", "[rule_precision]"] + [f'"{rule}" = {p:.2f}' for rule, p in sorted(fitted["rule_precision"].items())]
    lines += ["", "# how many findings each rule's precision rests on (a rule seen a few times is kept whatever its precision)",
              "[rule_findings]", *(f'"{rule}" = {n}' for rule, n in sorted(fitted["rule_findings"].items())), "",
              "# how many of them the annotations state (feature rule_doubt)", "[rule_correct]",
              *(f'"{rule}" = {n}' for rule, n in sorted(fitted["rule_correct"].items()))]
    lines += ["", "# the rules' findings in the blind first runs that recorded them: [stated, found]", "[rule_blind]"] \
        + [f'"{rule}" = [{tp}, {n}]' for rule, (tp, n) in sorted(fitted.get("rule_blind", {}).items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Fit and write the relation model."""
    parser = argparse.ArgumentParser(prog="python -m kg.extract.calibrate", description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, help="annotation files or folders (never the test half)")
    parser.add_argument("--out", type=Path, default=ontology_dir() / WEIGHTS_FILE, help="where to write the model")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        if not args.out.parent.is_dir() or not os.access(args.out.parent, os.W_OK):  # fail before the fit, not after
            raise InputError(f"{args.out}: its folder does not exist or cannot be written")
        write_text(args.out, to_toml(fit(gold_files(args.gold))))
    except (InputError, OSError) as exc:
        print(f"kg.extract.calibrate: {exc if isinstance(exc, InputError) else f'{args.out}: {exc.strerror}'}", file=sys.stderr)
        return 2
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
