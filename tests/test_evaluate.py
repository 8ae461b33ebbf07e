"""The extractor against the hand-annotated gold passages (tests/data/annotations)."""

from kg.extract.evaluate import Score, evaluate, format_json
from kg.extract.gold import load_cases


def _total(table, lang):
    total = Score()
    for (l2, _), s in table.items():
        if l2 == lang:
            total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
    return total


def test_evaluate_gold_files_hold_every_case(data_dir):
    files = sorted((data_dir / "annotations").glob("*.toml"))
    assert [f.name for f in files] == ["en.toml", "zh.toml"]
    assert sum(len(load_cases(f)) for f in files) == 85


def test_evaluate_extractor_meets_its_targets_on_gold(data_dir):
    report = evaluate(sorted((data_dir / "annotations").glob("*.toml")))
    assert report.cases == 85
    for lang in ("en", "zh"):
        entities = _total(report.entities, lang)
        assert entities.precision >= 0.95 and entities.recall >= 0.90, (lang, entities)
        relations = _total(report.relations, lang)
        assert relations.precision >= 0.85, (lang, relations)
        quantities = _total(report.quantities, lang)
        assert quantities.precision >= 0.80, (lang, quantities)
    assert '"cases": 85' in format_json(report)


def test_evaluate_cli_reports_errors(kg, data_dir, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[case]\n", encoding="utf-8")
    result = kg("evaluate", str(bad))
    assert result.returncode == 2 and "malformed TOML" in result.stderr
    result = kg("evaluate", str(data_dir / "annotations" / "en.toml"))
    assert result.returncode == 0 and "40 annotated cases" in result.stdout


import pytest

from kg.extract.evaluate import reliability
from kg.extract.gold import GoldNames, split_of
from kg.core.reference import entities_by_iri


@pytest.mark.parametrize("path,case,split", [
    ("tests/data/annotations/dev/real-a.toml", {}, "dev"),
    ("tests/data/annotations/test/real-a.toml", {"split": "dev"}, "test"),
    ("tests/data/annotations/zh.toml", {}, "authors"),
    ("elsewhere/x.toml", {"split": "dev"}, "dev"),
])
def test_evaluate_split_of_case(path, case, split):
    from pathlib import Path

    assert split_of(Path(path), case) == split


def test_evaluate_reliability_table_and_ece():
    table, ece = reliability([(0.95, True), (0.95, True), (0.65, True), (0.65, False)])
    assert [(round(low, 1), n) for low, _, n, _, _ in table] == [(0.6, 2), (0.9, 2)]
    assert ece == pytest.approx(0.5 * 0.15 + 0.5 * 0.05)


@pytest.mark.parametrize("item,expected", [
    ("new:Organization:United Nations Office on Drugs and Crime", "organization/unodc"),
    ("new:GlobalProgramme:Global Programme on Nothing Known", "new:Programme:globalprogrammeonnothingknown"),
    ("country/AFG", "country/AFG"),
])
def test_evaluate_gold_new_names_known_to_reference_compare_as_reference(item, expected):
    assert GoldNames(entities_by_iri()).entity(item)[0] == expected


def test_calibrate_is_deterministic_and_refuses_the_test_half(data_dir, tmp_path):

    from kg.extract.calibrate import fit, gold_files, to_toml
    from kg.core.errors import InputError

    files = sorted((data_dir / "annotations").glob("*.toml"))
    first, second = to_toml(fit(files)), to_toml(fit(files))
    assert first == second and "[model.weights]" in first and "threshold = " in first
    held_out = tmp_path / "test" / "x.toml"
    held_out.parent.mkdir()
    held_out.write_text('[[case]]\ntext = "x"\n', encoding="utf-8")
    with pytest.raises(InputError, match="held-out"):
        gold_files([held_out])


@pytest.mark.parametrize("features,kind", [
    ((1.0,) * 18, "operatesIn"),
    ((1.0,) + (0.0,) * 17, "assists"),
])
def test_candidates_model_gives_probabilities(features, kind):
    from kg.extract.candidates import load_model

    model = load_model()
    assert model is not None and 0.0 < model.probability(kind, features) < 1.0


MISS_CASES = [  # (text, gold entities, predicted entities, gold relations, predicted relations, expected (class, section, kind, item))
    ("resolution-form", "Resolution 1/2.", {("resolution/cnd/1-2", "Resolution")}, set(), set(), set(),
     ("resolution form", "entities", "missed", "resolution/cnd/1-2")),
    ("name-variant", "The Global Programme.", {("new:Programme:globalprogramme", "Programme")},
     {("new:Programme:globalprogrammeonx", "Programme")}, set(), set(),
     ("name variant", "entities", "missed", "new:Programme:globalprogramme")),
    ("unknown-name", "A new thing.", {("new:Programme:newthing", "Programme")}, set(), set(), set(),
     ("unknown name", "entities", "missed", "new:Programme:newthing")),
    ("collective-treaty", "the three international drug control conventions", {("convention/c1961", "Treaty")}, set(), set(), set(),
     ("collective reference", "entities", "missed", "convention/c1961")),
    ("spurious-other", "UNODC in Peru.", set(), {("country/PER", "Country")}, set(), set(),
     ("other", "entities", "spurious", "country/PER")),
    ("implied-subject", "Its partners include Peru.", {("country/PER", "Country")}, {("country/PER", "Country")},
     {("programme/x", "partnerOf", "country/PER")}, set(),
     ("implied subject", "relations", "missed", ("programme/x", "partnerOf", "country/PER"))),
    ("treaty-service", "The body serves the treaty.", {("body/cop", "Body"), ("convention/c", "Treaty")},
     {("body/cop", "Body"), ("convention/c", "Treaty")}, {("body/cop", "serves", "convention/c")}, set(),
     ("treaty service", "relations", "missed", ("body/cop", "serves", "convention/c"))),
    ("list-of-places", "UNODC assists Peru and Chile.", {("org/unodc", "Organization"), ("country/PER", "Country"), ("country/CHL", "Country")},
     {("org/unodc", "Organization"), ("country/PER", "Country"), ("country/CHL", "Country")},
     {("org/unodc", "assists", "country/PER"), ("org/unodc", "assists", "country/CHL")}, {("org/unodc", "assists", "country/PER")},
     ("list of places", "relations", "missed", ("org/unodc", "assists", "country/CHL"))),
    ("whose-partner", "X works with Y.", {("a", "Programme"), ("b", "Organization")}, {("a", "Programme"), ("b", "Organization")},
     {("a", "implementedWith", "b")}, {("b", "partnerOf", "a")}, ("whose partner", "relations", "spurious", ("b", "partnerOf", "a"))),
]


@pytest.mark.parametrize("text,gold,entities,gold_rel,pred_rel,expected", [c[1:] for c in MISS_CASES], ids=[c[0] for c in MISS_CASES])
def test_evaluate_misses_sorted_into_error_classes(text, gold, entities, gold_rel, pred_rel, expected):
    from kg.extract.misses import classify_misses

    found = classify_misses({"id": "c1", "text": text}, gold, entities, gold_rel, pred_rel, set(), set())
    error, section, kind, item = expected
    assert (error, section, kind, "c1", item) in found


def test_evaluate_default_gold_found_from_any_folder(tmp_path, monkeypatch):
    from kg.extract.gold import gold_files

    here = [p.resolve() for p in gold_files([])]
    monkeypatch.chdir(tmp_path)
    elsewhere = gold_files([])
    assert here and [p.resolve() for p in elsewhere] == here
    assert not any(p.parent.name == "test" for p in elsewhere)  # the held-out half only when named


def _one_minted(aliases):
    from types import SimpleNamespace

    from rdflib import URIRef

    from kg.extract.records import NewEntity

    iri = URIRef("https://w3id.org/unodc-kg/id/programme/integrated-country-programme-for-the-kyrgyz-republic")
    entity = NewEntity(iri, "CountryProgramme", (("en", "Integrated Country Programme for the Kyrgyz Republic"),), aliases)
    mention = SimpleNamespace(entity=iri)
    return iri, SimpleNamespace(new_entities=[entity], mentions=[mention], relations=[])


@pytest.mark.parametrize("aliases, gold, expected", [
    ((("en", "UNODC Integrated Country Programme for the Kyrgyz Republic"),),
     {"new:Programme:unodcintegratedcountryprogrammeforthekyrgyzrepublic"},
     "new:Programme:unodcintegratedcountryprogrammeforthekyrgyzrepublic"),
    ((), {"new:Programme:unodcintegratedcountryprogrammeforthekyrgyzrepublic"},
     "new:Programme:integratedcountryprogrammeforthekyrgyzrepublic"),
    ((("en", "UNODC Integrated Country Programme for the Kyrgyz Republic"),), set(),
     "new:Programme:integratedcountryprogrammeforthekyrgyzrepublic"),
], ids=["alias-is-gold", "no-alias", "alias-not-gold"])
def test_evaluate_minted_entity_named_by_the_label_the_gold_writes(aliases, gold, expected):
    """A gold new name written in any of a minted entity's labels names that entity; otherwise its preferred label."""
    from kg.extract.evaluate import Predictor

    predictor = Predictor.__new__(Predictor)
    predictor.known = {}
    iri, extraction = _one_minted(aliases)
    ids, fams = predictor.ids(extraction, gold)
    assert ids[iri] == expected and fams[iri] == "Programme"
