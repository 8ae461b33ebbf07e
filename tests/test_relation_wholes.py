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


@pytest.fixture(scope="module")
def rels(relation_triples):
    return relation_triples


@pytest.mark.parametrize("text,lang,whole", [
    ("UNAIDS began its work in 1996. The ten cosponsors are UNICEF, the World Bank and INTERPOL.", "en",
     "organization/unaids"),
    ("UNAIDS began its work in 1996. Its membership consists of UNICEF, the World Bank and INTERPOL.", "en",
     "organization/unaids"),
    ("The Paris Pact Initiative was launched in 2003. Membership of the initiative currently comprises 22 "
     "organizations: INTERPOL, the World Bank and UNODC.", "en", "programme/paris-pact-initiative"),
    ("联合国艾滋病毒/艾滋病联合规划署于1996年开始运作。其成员包括国际刑警组织、世界海关组织和世界银行。", "zh",
     "organization/unaids"),
], ids=["en-cosponsors-are-topic", "en-its-membership-consists-of", "en-membership-comprises", "zh-members-include-topic"])
def test_relation_listed_members_are_parts_of_their_whole(rels, candidates, text, lang, whole):
    for member in ("organization/interpol", "organization/world-bank"):
        assert (member, "partOf", whole) in rels(text, lang)
        assert candidates(text, lang)[(member, whole)]["cue_member"] == 1.0


@pytest.mark.parametrize("text,lang", [
    ("UNODC convened a meeting in Vienna. The participants comprise INTERPOL and the World Bank.", "en"),
    ("UNODC convened a meeting comprising INTERPOL, the World Customs Organization and UNDP.", "en"),
    ("毒罪办召集了由国际刑警组织、世界海关组织和开发署等机构组成的工作组。", "zh"),
], ids=["en-participants-comprise", "en-meeting-comprising", "zh-composes-a-following-noun"])
def test_relation_participants_are_no_parts(rels, text, lang):
    assert not any(p == "partOf" for _, p, _ in rels(text, lang))


@pytest.mark.parametrize("text,lang", [
    ("INTERPOL, the World Customs Organization, UNDP, UNICEF and UNHCR signed a joint statement on migration.", "en"),
    ("国际刑警组织、世界海关组织、开发署、儿基会和难民署签署了关于移民问题的联合声明。", "zh"),
], ids=["en", "zh"])
def test_relation_co_mentioned_names_make_no_part_candidates(candidates, text, lang):
    assert not candidates(text, lang)  # no membership evidence: no quadratic pairs of co-mentions


@pytest.mark.parametrize("text,lang", [
    ("UNODC convened a meeting comprising INTERPOL, the World Customs Organization and UNDP.", "en"),
    ("The Container Control Programme comprises several partners: WCO, INTERPOL and UNODC.", "en"),
], ids=["en-meeting-comprising", "en-partners-after-colon"])
def test_relation_members_of_something_else_are_no_pair(candidates, text, lang):
    assert not any(f["member_pair"] for f in candidates(text, lang).values())


@pytest.mark.parametrize("text,lang,pair", [
    ("UNODC is the chair of the Paris Pact Initiative.", "en", ("organization/unodc", "programme/paris-pact-initiative")),
    ("毒罪办是巴黎公约倡议的成员。", "zh", ("organization/unodc", "programme/paris-pact-initiative")),
], ids=["en-chair-of", "zh-member-after"])
def test_relation_whole_after_a_membership_or_role_cue(candidates, text, lang, pair):
    assert candidates(text, lang)[pair]["whole_member"] == 1.0


def test_relation_long_membership_list_makes_linear_candidates(candidates):
    names = ["UNDP", "UNICEF", "WHO", "ILO", "UNHCR", "OHCHR", "UNESCO", "UNFPA", "INTERPOL", "the World Bank",
             "the World Customs Organization", "IOM", "UNAIDS", "WFP", "FAO", "UNEP", "UNOPS", "UNITAR", "UNICRI"]
    text = ("The Paris Pact Initiative was launched in 2003. Membership of the initiative comprises 60 entities: "
            + ", ".join(names * 3) + " and UNODC.")
    found = candidates(text, "en")
    assert len(found) <= 2 * len(names) + 2  # each member with its whole, not every pair of the 58 names
    assert ("organization/undp", "programme/paris-pact-initiative") in found


@pytest.mark.parametrize("text,lang,whole,member", [
    ("Joint United Nations Programme on HIV/AIDS (UNAIDS)\n\nThe eleven Cosponsors are the United Nations Children’s Fund, "
     "the World Food Programme, INTERPOL and the World Bank.", "en", "organization/unaids", "organization/world-bank"),
    ("# 联合国艾滋病毒/艾滋病联合规划署\n\n共同发起组织包括联合国儿童基金会、世界粮食计划署和世界银行。", "zh",
     "organization/unaids", "organization/world-bank"),
], ids=["en-cosponsors-under-heading", "zh-cosponsors-under-heading"])
def test_relation_members_opening_a_paragraph_belong_to_the_heading(rels, text, lang, whole, member):
    found = {(s, o) for s, p, o in rels(text, lang) if p == "partOf"}
    assert (member, whole) in found
    assert not any(o == "organization/unicef" for _, o in found)  # the first member is no whole
