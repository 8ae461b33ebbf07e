"""Work of the relation features (kg.extract.relations.features) on a long sentence: the clause of an object and
its cue scans are found once a sentence, not once per candidate pair, so a sentence naming many subjects and
many places (an all-capital passage or a list without stops) costs scans linear in its mentions. Counted, never
timed."""

import pytest

from kg.extract import nlp
from kg.extract.document import Extractor
from kg.extract.ingest import parse_document
from kg.extract.relations import clauses, features

PROGRAMMES = ["the Global Maritime Crime Programme", "the Container Control Programme",
              "the Global Programme on Cybercrime", "the Global eLearning Programme"]
ORGS = ["UNDP", "UNICEF", "WHO", "INTERPOL", "the World Bank"]
PLACES = ["Afghanistan", "Pakistan", "Kenya", "Peru", "Colombia", "Nigeria", "Ghana", "Senegal", "Mali",
          "Niger", "Chad", "Ecuador"]


def _listed(names: list[str]) -> str:
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _sentence(programmes: list[str], orgs: list[str], places: list[str]) -> str:
    return f"{_listed(programmes)}, with {_listed(orgs)}, operated in {_listed(places)}"


@pytest.fixture(scope="module")
def extractor():
    return Extractor(keep_candidates=True)


def _count(monkeypatch, extractor, text: str, lang: str) -> tuple[int, int, int]:
    """Cue scans and clause searches of the features, and candidate pairs, when *text* is extracted."""
    calls = {"scan": 0, "clause": 0}

    def counted(name, original):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return original(*args, **kwargs)
        return wrapper
    monkeypatch.setattr(features, "any_word", counted("scan", nlp.any_word))
    monkeypatch.setattr(features, "clause_span", counted("clause", clauses.clause_span))
    extraction = extractor.extract(parse_document("case.txt", text.encode("utf-8"), lang))
    return calls["scan"], calls["clause"], len(extraction.candidates)


@pytest.mark.parametrize("upper", [False, True], ids=["mixed-case", "all-capital"])
def test_features_scan_each_object_clause_once(monkeypatch, extractor, upper):
    text = _sentence(PROGRAMMES, ORGS, PLACES) + "."
    text = text.upper() if upper else text
    scans, clause_searches, candidates = _count(monkeypatch, extractor, text, "en")
    words = len(text.split())
    # four cue classes of an object's clause (negation, not_assistance, activity, modal), one clause each
    assert clause_searches <= words and scans <= 4 * words
    assert upper or candidates > words  # the sentence has more pairs than words: a scan per pair would exceed the bound


def test_features_work_grows_linearly_with_the_list(monkeypatch, extractor):
    small = _count(monkeypatch, extractor, _sentence(PROGRAMMES[:2], ORGS[:2], PLACES[:6]) + ".", "en")
    large = _count(monkeypatch, extractor, _sentence(PROGRAMMES, ORGS, PLACES) + ".", "en")
    mentions_small, mentions_large = 2 + 2 + 6, len(PROGRAMMES) + len(ORGS) + len(PLACES)
    assert large[0] <= small[0] * mentions_large / mentions_small + 4
    assert large[1] <= small[1] * mentions_large / mentions_small + 1
