"""The relation model's fit (kg.extract.calibrate) on synthetic rows: fixed features keep their prior, row weights
count a long list once-ish, the isotonic map is monotone."""

import numpy as np
import pytest

from kg.extract import calibrate
from kg.extract.candidates import FEATURES


def _rows(seed=0, n=400):
    rng = np.random.default_rng(seed)
    x = (rng.random(size=(n, len(FEATURES))) < 0.1).astype(float)  # sparse, as candidates' evidence is
    x[:, FEATURES.index("bias")] = 1.0
    for name in ("rule", "minted"):
        x[:, FEATURES.index(name)] = rng.integers(0, 2, size=n)
    logit = 3.0 * x[:, FEATURES.index("rule")] - 1.5 + 2.5 * x[:, FEATURES.index("minted")]
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype(float)
    return x, y


def test_calibration_fixed_feature_keeps_its_prior():
    x, y = _rows()
    prior = calibrate.prior_weights()
    w = calibrate.fit_logistic(x, y, l2=1.0, prior=prior)
    i = FEATURES.index("minted")
    assert abs(w[i] - prior[i]) < 1e-3  # the data say +2.5; the weight stays where rules.toml fixes it
    assert abs(w[FEATURES.index("rule")] - prior[FEATURES.index("rule")]) > 0.1  # other weights are fitted


def test_calibration_row_weights_of_one_list():
    rows = [(0, "operatesIn", (), True, ("programme/p", "operatesIn", f"country/{c}")) for c in "ABCD"]
    rows.append((1, "operatesIn", (), True, ("programme/p", "operatesIn", "country/E")))
    assert calibrate.row_weights(rows).tolist() == pytest.approx([0.5, 0.5, 0.5, 0.5, 1.0])


def test_calibration_isotonic_map_is_monotone():
    rng = np.random.default_rng(1)
    scores = rng.normal(size=300)
    y = (rng.random(300) < 1.0 / (1.0 + np.exp(-2 * scores))).astype(float)
    xs, ys = calibrate.fit_isotonic(scores, y)
    assert xs == sorted(xs)
    assert all(a <= b for a, b in zip(ys, ys[1:]))
    assert 0.0 < ys[0] and ys[-1] < 1.0  # shrunk toward the base rate: no block says never or always


@pytest.mark.parametrize("correct, found, sign", [
    (0, 0, 0),    # a rule never seen: no doubt
    (2, 13, 1),   # often wrong: doubted
    (70, 72, -1),  # nearly always right: less doubted than a usual rule
    (0, 1, 1),    # one wrong finding: a little doubt only
])
def test_calibration_rule_doubt(correct, found, sign):
    from kg.extract.relations.model import doubt
    value = doubt(correct, found)
    assert (value > 1e-9) - (value < -1e-9) == sign
    assert abs(value) < 0.8


def test_calibration_rule_doubt_single_finding_is_shrunk():
    from kg.extract.relations.model import doubt
    assert doubt(0, 1) < doubt(0, 10) / 2  # one wrong finding says far less than ten


def test_calibration_fold_counts_leave_the_fold_out():
    from kg.extract.folds import fold_counts
    hits = [(0, "r", True), (1, "r", False), (2, "r", True), (2, "s", False)]
    counts = fold_counts(hits, folds=[0, 1, 1], count=2)
    assert counts[0] == {"r": (1, 2), "s": (0, 1)}  # fold 0 sees passages 1 and 2
    assert counts[1] == {"r": (1, 1)}  # fold 1 sees passage 0 only


@pytest.mark.parametrize("rule, kept", [("often-wrong", False), ("usually-right", True), ("", True)],
                         ids=["retired-rule", "kept-rule", "no-rule"])
def test_calibration_retired_rule_is_dropped_inside_the_model(rule, kept):
    from kg.core.namespaces import ID, UNODC
    from kg.extract.candidates import Candidate, choose
    from kg.extract.relations.model import Model
    weights = tuple(3.0 if name == "bias" else 0.0 for name in FEATURES)  # every candidate scores high
    model = Model(weights={"assists": weights}, platt=(1.0, 0.0), threshold=0.5,
                  rule_precision={"often-wrong": 0.1, "usually-right": 0.9}, rule_findings={"often-wrong": 20, "usually-right": 20})
    features = tuple(1.0 if name == "bias" else 0.0 for name in FEATURES)
    c = Candidate(ID["organization/unodc"], UNODC.assists, ID["country/KEN"], features, rule, 0.5)
    assert bool(choose([c], model)) is kept


def test_calibration_rule_doubt_at_prediction_is_the_fit_s_definition():
    from kg.extract.relations.model import Model, doubt
    model = Model(weights={}, platt=(1.0, 0.0), threshold=0.5, rule_precision={"r": 0.3}, rule_findings={"r": 10},
                  rule_correct={"r": 3}, rule_blind={"r": (0, 9)})
    assert model.rule_doubt("r") == doubt(3, 10)  # what fold_counts gives a fold that holds none of r's findings
    assert model.rule_doubt("unknown") == 0.0


def test_calibration_unwritable_out_is_one_line_and_exit_2_before_fitting(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert calibrate.main(["--out", str(blocker / "weights.toml")]) == 2  # its folder is a file
    err = capsys.readouterr().err
    assert err.startswith("kg.extract.calibrate: ") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("zh_counts, kept", [((8, 8), True), ((0, 8), False)], ids=["translation-right", "translation-wrong"])
def test_calibration_rule_is_judged_with_its_translation(zh_counts, kept):
    from kg.extract.relations.model import Model, rule_kept
    tp, n = zh_counts
    model = Model(weights={}, platt=(1.0, 0.0), threshold=0.5,
                  rule_precision={"topic-en": 0.2, "topic-zh": (tp + 1) / (n + 2)}, rule_findings={"topic-en": 18, "topic-zh": n},
                  rule_correct={"topic-en": 3, "topic-zh": tp})
    assert rule_kept(model, "topic-en") is kept and rule_kept(model, "topic-zh") is kept  # both editions alike


@pytest.mark.parametrize("text, stated, candidate", [
    ("《中国和缅甸禁毒合作项目》的会议在缅甸举行。", "country/MMR", "country/MMR"),
    ("The Myanmar Drug Control Project held its annual meeting in Myanmar.", "country/MMR", "country/MMR"),
    ("The Sahel Programme held a meeting in Mali.", "region/sahel", "country/MLI"),
], ids=["zh-name-holds-the-venue", "en-name-holds-the-venue", "en-name-place-apart"])
def test_calibration_relation_a_name_states_is_no_sentence_example(text, stated, candidate):
    """A place a programme's name holds is stated by the name (programme-name-place): its sentence candidate (the venue)
    is left out of the fit, while a place the name does not hold stays an example."""
    from kg.extract.candidates import KINDS
    from kg.extract.document import Extractor
    from kg.extract.ingest import parse_document
    from kg.extract.relations.model import stated_elsewhere

    x = Extractor(scoring=False, keep_candidates=True).extract(parse_document("t.md", text.encode("utf-8"), None))
    iris = {r.subject for r in x.relations} | {r.object for r in x.relations} | {i for _, c in x.candidates for i in (c.subject, c.object)}
    ids = {i: str(i).rsplit("/id/", 1)[-1] for i in iris}
    named = {(s.split("/")[0], k, o) for s, k, o in stated_elsewhere(x, ids, KINDS)}
    assert ("programme", "operatesIn", stated) in named
    assert any(ids[c.object] == candidate for _, c in x.candidates)
    assert (candidate == stated) == (("programme", "operatesIn", candidate) in named)


def test_calibration_name_stated_relation_leaves_every_sentence_s_candidate_of_it():
    """A passage's gold says which relations it states, not in which sentence: once the programme's name states
    operatesIn Myanmar, a later sentence's cue finding of the same relation would be labelled stated whatever its
    evidence, so it leaves the fit too; a place the name does not hold (Thailand) stays an example."""
    from kg.extract.candidates import KINDS
    from kg.extract.document import Extractor
    from kg.extract.ingest import parse_document
    from kg.extract.relations.model import stated_elsewhere

    text = ("The Myanmar Drug Control Project was launched in 2010. It held its annual meeting in Yangon. "
            "Its officers trained police in Myanmar and Thailand.")
    x = Extractor(scoring=False, keep_candidates=True).extract(parse_document("t.md", text.encode("utf-8"), None))
    iris = {r.subject for r in x.relations} | {r.object for r in x.relations} | {i for _, c in x.candidates for i in (c.subject, c.object)}
    ids = {i: str(i).rsplit("/id/", 1)[-1] for i in iris}
    cue_found = {ids[c.object] for _, c in x.candidates if c.rule.startswith("operates-cue")}
    named = {o for _, k, o in stated_elsewhere(x, ids, KINDS) if k == "operatesIn"}
    assert {"country/MMR", "country/THA"} <= cue_found
    assert named == {"country/MMR"}


def test_calibration_mean_isotonic_is_the_monotone_mean_of_the_fold_maps():
    a, b = ([0.0, 1.0, 2.0], [0.1, 0.5, 0.9]), ([0.5, 1.5], [0.2, 0.6])
    xs, ys = calibrate.mean_isotonic([a, b])
    assert xs == [0.0, 0.5, 1.0, 1.5, 2.0] and all(u <= v for u, v in zip(ys, ys[1:]))
    assert ys[2] == pytest.approx((0.5 + 0.4) / 2) and ys[-1] == pytest.approx((0.9 + 0.6) / 2)

