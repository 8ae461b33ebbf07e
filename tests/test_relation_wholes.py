"""partOf as scored candidates (kg.extract.relations.wholes): every pair of organisations, programmes and bodies of a
sentence is a candidate, the listed members of a sentence whose whole is implied are candidates of the paragraph's
topic, and the membership evidence (member_pair, cue_member, co_listed) tells members from co-mentions; on passages
written for the test in both languages."""

import pytest

from kg.core.namespaces import UNODC
from kg.extract.candidates import FEATURES
from kg.extract.document import Extractor
from kg.extract.ingest import parse_document


@pytest.fixture(scope="module")
def candidates():
    extractor = Extractor(keep_candidates=True)

    def run(text: str, lang: str) -> dict:
        extraction = extractor.extract(parse_document("case.txt", text.encode("utf-8"), lang))
        out = {}
        for _, c in extraction.candidates:
            if c.predicate == UNODC.partOf:
                key = (str(c.subject).rsplit("/id/", 1)[-1], str(c.object).rsplit("/id/", 1)[-1])
                features = dict(zip(FEATURES, c.features))
                if key not in out or features["member_pair"] > out[key]["member_pair"]:
                    out[key] = features
        return out
    return run


@pytest.mark.parametrize("text,lang,whole_is_topic", [
    ("The Paris Pact Initiative was launched in 2003. The partner agencies of the initiative are numerous. "
     "Its members include INTERPOL, the World Customs Organization and the World Bank.", "en", False),
    ("UNAIDS began its work in 1996. The ten cosponsors are UNICEF, the World Bank and INTERPOL.", "en", True),
    ("联合国艾滋病毒/艾滋病联合规划署于1996年开始运作。其成员包括国际刑警组织、世界海关组织和世界银行。", "zh", True),
], ids=["en-members-include-anaphor", "en-cosponsors-implied", "zh-members-include-implied"])
def test_relation_listed_members_are_candidates_of_their_whole(candidates, text, lang, whole_is_topic):
    found = candidates(text, lang)
    whole = "programme/paris-pact-initiative" if "Paris" in text else "organization/unaids"
    for member in ("organization/interpol", "organization/world-bank"):
        assert found[(member, whole)]["member_pair"] == 1.0
        assert found[(member, whole)]["cue_member"] == 1.0


@pytest.mark.parametrize("text,lang", [
    ("UNODC convened a meeting comprising INTERPOL, the World Customs Organization and UNDP.", "en"),
    ("The Container Control Programme comprises several partners: WCO, INTERPOL and UNODC.", "en"),
], ids=["en-meeting-comprising", "en-partners-after-colon"])
def test_relation_members_of_something_else_are_no_pair(candidates, text, lang):
    assert not any(f["member_pair"] for f in candidates(text, lang).values())


@pytest.mark.parametrize("text,lang", [
    ("INTERPOL, the World Customs Organization and UNDP signed a joint statement.", "en"),
    ("国际刑警组织、世界海关组织和开发署签署了联合声明。", "zh"),
], ids=["en", "zh"])
def test_relation_items_of_one_list_are_co_listed(candidates, text, lang):
    found = candidates(text, lang)
    assert found[("organization/interpol", "organization/wco")]["co_listed"] == 1.0
    assert found[("organization/wco", "organization/undp")]["co_listed"] == 1.0


@pytest.mark.parametrize("text,lang,pair", [
    ("UNODC is the chair of the Paris Pact Initiative.", "en", ("organization/unodc", "programme/paris-pact-initiative")),
    ("毒罪办是巴黎公约倡议的成员。", "zh", ("organization/unodc", "programme/paris-pact-initiative")),
], ids=["en-chair-of", "zh-member-after"])
def test_relation_whole_after_a_membership_or_role_cue(candidates, text, lang, pair):
    assert candidates(text, lang)[pair]["whole_member"] == 1.0
