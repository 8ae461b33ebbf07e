"""Confidences on text nobody tuned for (kg.extract.blind): the map fitted on blind first runs lowers confidences the
blind rows contradict, is the identity without rows, is inverted by Model.development; the test half is refused."""

import numpy as np
import pytest

from kg.extract import blind
from kg.extract.relations.model import Model


def _rows(confidence: float, precision: float, n: int = 200, name: str = "real-x") -> list[dict]:
    stated = int(round(precision * n))
    return [{"set": name, "case": f"c{i}", "subject": "s", "kind": "operatesIn", "object": f"o{i}",
             "confidence": f"{confidence:.2f}", "stated": str(int(i < stated)), "rule": "operates-cue-en"} for i in range(n)]


@pytest.mark.parametrize("confidence, precision", [(0.95, 0.75), (0.9, 0.6), (0.7, 0.5)], ids=["high", "lower", "mid"])
def test_blind_overconfident_rows_lower_the_confidence(confidence, precision):
    a, b = blind.fit_unseen(_rows(confidence, precision) + _rows(0.2, 0.1))
    mapped = blind.apply_unseen((a, b), _rows(confidence, precision)[:1])[0]
    assert precision - 0.05 < mapped < confidence  # toward what the blind rows show, not past it


def test_blind_no_rows_is_the_identity():
    assert blind.fit_unseen([]) == (1.0, 0.0)
    assert Model(weights={}, platt=(1.0, 0.0), threshold=0.5, rule_precision={}).final(0.83) == 0.83


@pytest.mark.parametrize("p", [0.1, 0.5, 0.93], ids=["low", "half", "high"])
def test_blind_development_inverts_final(p):
    model = Model(weights={}, platt=(1.0, 0.0), threshold=0.5, rule_precision={}, unseen=(0.8, -0.6))
    assert model.final(p) < p
    assert model.development(model.final(p)) == pytest.approx(p)


def test_blind_cross_set_keeps_the_map_that_carries_to_another_set():
    rows = _rows(0.95, 0.7, name="real-x") + _rows(0.95, 0.7, name="real-y")
    report = blind.cross_set(rows)
    assert report["sets"] == ["real-x", "real-y"] and report["rows"] == 400
    assert report["errors"]["common"] < report["errors"]["identity"] and report["kept"] != "identity"


def test_blind_cross_set_keeps_the_identity_when_sets_disagree():
    rows = _rows(0.9, 0.99, name="real-x") + _rows(0.9, 0.3, name="real-y")
    report = blind.cross_set(rows)
    assert report["kept"] == "identity" and report["maps"] == ((1.0, 0.0), {})


def test_blind_refuses_the_test_half(capsys):
    assert blind.main(["tests/data/annotations/test"]) == 2
    assert "held-out test half" in capsys.readouterr().err


def test_blind_rows_round_trip(tmp_path):
    path = tmp_path / "blind.csv"
    rows = _rows(0.9, 0.8, n=3)
    path.write_text(blind.to_csv(rows), encoding="utf-8")
    assert blind.load_rows(path) == sorted(rows, key=lambda r: tuple(r[c] for c in blind.COLUMNS))
    assert np.allclose(blind.apply_unseen((1.0, 0.0), rows), 0.9)


def test_blind_kind_maps_pull_a_rare_kind_toward_the_common_one():
    rows = _rows(0.95, 0.5, name="real-x") + [dict(r, kind="adoptedBy") for r in _rows(0.95, 0.95, n=3, name="real-x")]
    common, kinds = blind.fit_unseen_kinds(rows)
    often = blind.apply_unseen(kinds["operatesIn"], rows[:1])[0]
    rare = blind.apply_unseen(kinds["adoptedBy"], rows[:1])[0]
    assert often < rare < 0.95  # the rare kind moves from the common map only as far as its three rows say


def test_blind_unwritable_out_is_one_line_and_exit_2(tmp_path, capsys):
    rows = tmp_path / "rows.csv"
    rows.write_text("real-x,c1,s,operatesIn,o,0.90,1\n", encoding="utf-8")
    assert blind.main(["--rows", str(rows), "--out", str(rows / "blind.csv")]) == 2  # its folder is a file
    err = capsys.readouterr().err
    assert err.startswith("kg.extract.blind: ") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("path,refused", [("tests/data/annotations/test/real-a.toml", True),
                                          ("tests/data/annotations/test/sub/x.toml", True),
                                          ("tests/data/annotations/dev/real-a.toml", False),
                                          ("/home/me/test/unodc-kg/tests/data/annotations/dev/real-a.toml", False)],
                         ids=["test", "nested", "dev", "checkout-under-test"])
def test_blind_held_out_at_any_depth(path, refused):
    from kg.extract.folds import held_out
    assert held_out(path) is refused


def test_blind_folds_keep_a_translation_with_its_original():
    from kg.extract.folds import case_keys, fold_groups
    cases = [{"parallel": "p1", "document": "World Drug Report 2012: UNODC chief calls"},
             {"parallel": "p1", "document": "毒品和犯罪问题办公室负责人呼吁"},
             {"source": "https://example.org/a", "document": "Title one"},
             {"source": "https://example.org/a", "document": "Title two"},
             {"document": "Another"}]
    groups = fold_groups([case_keys(c, "x.toml") for c in cases])
    assert groups[0] == groups[1] and groups[2] == groups[3] and len(set(groups)) == 3


def test_blind_rows_of_cases_no_longer_in_the_development_files_are_not_used():
    rows = _rows(0.9, 0.5, n=4)
    assert [r["case"] for r in blind.in_development(rows, {"c0", "c2", "other"})] == ["c0", "c2"]


@pytest.mark.parametrize("line, rule", [("real-x,c1,s,operatesIn,o,0.90,1\n", ""),
                                        ("real-x,c1,s,operatesIn,o,0.90,1,operates-cue-en\n", "operates-cue-en")],
                         ids=["without-rule", "with-rule"])
def test_blind_history_rows_with_and_without_the_rule(tmp_path, line, rule):
    rows, out = tmp_path / "rows.csv", tmp_path / "blind.csv"
    rows.write_text(line, encoding="utf-8")
    assert blind.main(["--rows", str(rows), "--out", str(out)]) == 0
    assert [r["rule"] for r in blind.load_rows(out)] == [rule]


def test_blind_old_file_without_the_rule_column_reads(tmp_path):
    path = tmp_path / "blind.csv"
    path.write_text("set,case,subject,kind,object,confidence,stated\nreal-x,c1,s,operatesIn,o,0.90,1\n", encoding="utf-8")
    assert blind.load_rows(path)[0]["rule"] == "" and blind.load_rows(path)[0]["stated"] == "1"


def _named_rows(n: int = 200) -> list[dict]:
    """Reference-name relations right 0.9 of the time, new-name ones 0.3, all at confidence 0.85."""
    rows = _rows(0.85, 0.9, n=n, name="real-x")
    rows += [dict(r, subject="new:Programme:x") for r in _rows(0.85, 0.3, n=n, name="real-y")]
    return rows


def test_blind_map_sets_relations_of_new_names_apart():
    a, b, c = blind.fit_unseen(_named_rows(), names=True)
    assert c < -0.5  # a relation with a name the extractor made itself holds less often at the same confidence
    model = Model(weights={}, platt=(1.0, 0.0), threshold=0.5, rule_precision={}, unseen=(a, b, c))
    assert model.final(0.85, "operatesIn", True) < 0.5 < model.final(0.85, "operatesIn", False)
    for new in (False, True):
        assert model.development(model.final(0.7, None, new), None, new) == pytest.approx(0.7, abs=1e-6)


def test_blind_cross_set_maps_overconfident_sets_down():
    rows = [r for name in ("real-x", "real-y", "real-z") for r in _rows(0.9, 0.6, n=120, name=name)]
    report = blind.cross_set(rows)
    assert report["kept"] == "common" and report["errors"]["identity"] > 0.25  # the simplest map that calibrates them
    mapped = blind.apply_unseen_kinds(report["maps"], rows[:1])[0]
    assert abs(mapped - 0.6) < 0.1  # what such relations hold on a set the map was not fitted on
    assert report["forward"] < 0.1  # each set mapped by the map fitted on the sets before it


def test_blind_cross_set_of_one_set_keeps_the_identity():
    report = blind.cross_set(_rows(0.9, 0.6, n=120, name="real-x"))
    assert report["kept"] == "identity" and report["maps"] == ((1.0, 0.0), {})


def test_blind_rule_counts_leave_out_rows_without_a_rule():
    rows = [{"rule": "operates-cue-en", "stated": str(int(i < 2)), "case": f"c{i}"} for i in range(3)]
    rows += [{"rule": "", "stated": "0", "case": "c1"}, {"rule": "scored-operatesIn", "stated": "0", "case": "c1"}]
    assert blind.rule_blind(rows) == {"operates-cue-en": (2, 3)}


def test_blind_rule_counts_a_long_list_in_one_passage_as_less_than_its_length():
    rows = [{"rule": "joint-subject-en", "stated": "0", "case": "c1"} for _ in range(4)]
    rows += [{"rule": "joint-subject-en", "stated": "0", "case": c} for c in ("c2", "c3")]
    assert blind.rule_blind(rows) == {"joint-subject-en": (0, 4)}  # four findings of one passage count as two


def test_blind_rule_counts_new_names_apart():
    rows = [{"rule": "programme-name-programme", "stated": "0", "case": c, "subject": f"new:Programme:p{c}",
             "object": "programme/glo-act"} for c in ("c1", "c2", "c3")]
    rows += [{"rule": "programme-name-programme", "stated": "1", "case": c, "subject": "programme/treatnet-family",
              "object": "programme/treatnet"} for c in ("c4", "c5", "c6")]
    assert blind.rule_blind(rows) == {"programme-name-programme (new name)": (0, 3), "programme-name-programme": (3, 3)}


def test_blind_rule_found_in_too_few_passages_is_not_counted():
    rows = [{"rule": "joint-subject-en", "stated": "0", "case": c} for c in ("c1", "c1", "c1", "c2")]
    assert blind.rule_blind(rows) == {}


@pytest.mark.parametrize("blind_counts, kept", [((0, 8), False), ((7, 8), True), ((0, 2), True)],
                         ids=["often-wrong-on-new-text", "right-on-new-text", "too-few-blind-findings"])
def test_blind_findings_of_a_rule_decide_whether_it_is_kept(blind_counts, kept):
    from kg.extract.relations.model import rule_kept
    model = Model(weights={}, platt=(1.0, 0.0), threshold=0.5, rule_precision={"r": 0.9}, rule_findings={"r": 20},
                  rule_blind={"r": blind_counts})
    assert rule_kept(model, "r") is kept


def test_blind_second_run_on_a_grown_set_keeps_the_recorded_rows(tmp_path, monkeypatch):
    out = tmp_path / "blind.csv"
    first = [dict(r, case="c1") for r in _rows(0.9, 1.0, n=2, name="real-x")]
    out.write_text(blind.to_csv(first, {"real-x": {"c1", "c2"}}), encoding="utf-8")
    before = out.read_text(encoding="utf-8")
    seen = {}

    def fake_record(files, covered):
        seen.update(covered)
        return [dict(first[0], case="c3", object="o9")], {"real-x": {"c3"}}

    monkeypatch.setattr(blind, "record", fake_record)
    monkeypatch.setattr(blind, "_new_files", lambda paths: paths)
    assert blind.main([str(tmp_path / "real-x.toml"), "--out", str(out)]) == 0
    assert seen["real-x"] == {"c1", "c2"}  # the covered cases are not run again
    earlier = tmp_path / "earlier.csv"
    earlier.write_text(before, encoding="utf-8")
    assert [r for r in blind.load_rows(out) if r["case"] == "c1"] == blind.load_rows(earlier)  # the first run's rows stay
    assert blind.load_covered(out)["real-x"] == {"c1", "c2", "c3"}


def test_blind_new_case_of_a_covered_document_is_not_recorded(tmp_path):
    gold = tmp_path / "real-x.toml"
    gold.write_text('''[[case]]
id = "c1"
lang = "en"
document = "one report"
text = "UNODC trained judges from Kenya."
relations = [["organization/unodc", "assists", "country/KEN"]]

[[case]]
id = "c2"
lang = "en"
document = "one report"
text = "UNODC trained police officers from Uganda."
relations = [["organization/unodc", "assists", "country/UGA"]]

[[case]]
id = "c3"
lang = "en"
document = "another report"
text = "UNODC trained prosecutors from Ghana."
relations = [["organization/unodc", "assists", "country/GHA"]]
''', encoding="utf-8")
    rows, run = blind.record([gold], {"real-x": {"c1"}})
    assert run == {"real-x": {"c3"}}  # c2 shares c1's document, which the model may have been fitted on since
    assert {r["case"] for r in rows} == {"c3"}


def _mixed_set(name: str, new_share: float, n: int = 200) -> list[dict]:
    """A blind set at confidence 0.8 whose reference-name relations hold 0.9 of the time and new-name ones 0.3, with
    *new_share* of its relations of a new name."""
    new = int(round(new_share * n))
    rows = _rows(0.8, 0.9, n=n - new, name=name)
    return rows + [dict(r, subject="new:Programme:x", case=f"n{r['case']}") for r in _rows(0.8, 0.3, n=new, name=name)]


def test_blind_grouped_ece_sees_errors_that_cancel_when_pooled():
    mapped = [(0.6, True, False)] * 9 + [(0.6, False, False)] + [(0.6, True, True)] * 3 + [(0.6, False, True)] * 7
    pooled = blind.reliability([(p, ok) for p, ok, _ in mapped])[1]
    assert pooled < 0.01 and blind.grouped_ece(mapped) > 0.25  # 0.6 is the mix's precision and neither group's


@pytest.mark.parametrize("shares", [(0.2, 0.3, 0.25, 0.8), (0.6, 0.1, 0.4, 0.5)], ids=["mostly-reference", "mixed"])
def test_blind_cross_set_keeps_new_names_apart_when_sets_mix_them_differently(shares):
    rows = [r for i, share in enumerate(shares) for r in _mixed_set(f"real-{'wxyz'[i]}", share)]
    report = blind.cross_set(rows)
    assert report["kept"] == "common, new names apart"
    assert report["errors"]["common, new names apart"] < report["errors"]["common"] - 0.1
    a, b, c = report["maps"][0]
    model = Model(weights={}, platt=(1.0, 0.0), threshold=0.5, rule_precision={}, unseen=(a, b, c))
    assert abs(model.final(0.8, None, False) - 0.9) < 0.1 and abs(model.final(0.8, None, True) - 0.3) < 0.1


def test_blind_cross_set_keeps_the_common_map_when_new_names_hold_as_often():
    rows = [r for i, share in enumerate((0.2, 0.6, 0.4)) for r in _mixed_set(f"real-{'xyz'[i]}", share)]
    rows = [dict(r, stated="1" if int(r["object"][1:]) % 10 < 6 else "0") for r in rows]  # 0.6 in both groups
    report = blind.cross_set(rows)
    assert report["kept"] == "common"
