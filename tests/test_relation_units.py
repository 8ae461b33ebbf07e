"""partOf between a unit and its parent read from how units are named (kg.extract.relations.units): a new name that
opens with its parent's name and ends with a unit head word, "PART of (the) WHOLE" with a unit head, a Chinese unit
right after its parent's name, and 下属/下设; on passages written for the test in both languages."""

import pytest

from kg.core.namespaces import UNODC
from kg.extract.document import Extractor
from kg.extract.ingest import parse_document


@pytest.fixture(scope="module")
def parts():
    extractor = Extractor()

    def run(text: str, lang: str) -> set[tuple[str, str]]:
        """(part, whole) of the partOf relations found, each as the longest text that names it."""
        x = extractor.extract(parse_document("t.md", text.encode("utf-8"), lang))
        names: dict = {}
        for m in x.mentions:
            if len(m.text) > len(names.get(m.entity, "")):
                names[m.entity] = m.text
        return {(names[r.subject], names[r.object]) for r in x.relations if r.predicate == UNODC.partOf}
    return run


@pytest.mark.parametrize("text,lang,part,whole", [
    ("外交部条法司与联合国毒品和犯罪问题办公室举行了磋商。", "zh", "外交部条法司", "外交部"),
    ("广州海关缉私局在港口查获了一批可卡因。", "zh", "广州海关缉私局", "广州海关"),
    ("世界海关组织欧洲地区情报联络中心发布了年度报告。", "zh", "世界海关组织欧洲地区情报联络中心", "世界海关组织"),
    ("该项目由美国国务院下属国际麻醉品和执法局（INL）资助。", "zh", "国际麻醉品和执法局", "美国国务院"),
    ("Officers of the Anti-Narcotics Department of the Ministry of Interior attended the course.", "en",
     "Anti-Narcotics Department", "Ministry of Interior"),
    ("The Border Police (BP) of the Ministry of Internal Affairs seized 20 kg of heroin.", "en", "Border Police",
     "Ministry of Internal Affairs"),
    ("The plan was endorsed by the ECOWAS Committee of Chiefs of Security Services.", "en",
     "ECOWAS Committee of Chiefs of Security Services", "ECOWAS"),
    ("Li Wei, Deputy Director, Criminal Investigation Department, the Ministry of Public Security", "en",
     "Criminal Investigation Department", "Ministry of Public Security"),
    ("Mr. Tran Van Hai, Head of the Anti-Narcotics Department, Ministry of Public Security", "en",
     "Anti-Narcotics Department", "Ministry of Public Security"),
], ids=["zh-ministry-department", "zh-customs-antismuggling-bureau", "zh-centre-opening-with-parent", "zh-under-parent",
        "en-department-of-ministry", "en-police-abbreviation-of-ministry", "en-name-opens-with-parent", "en-address",
        "en-address-after-head-of"])
def test_relation_unit_is_part_of_its_parent(parts, text, lang, part, whole):
    assert (part, whole) in parts(text, lang)


@pytest.mark.parametrize("text,lang", [
    ("外交部和司法部与毒品和犯罪问题办公室举行了磋商。", "zh"),
    ("The Ministry of Justice of Kenya and the Department of Public Prosecutions met UNODC.", "en"),
    ("UNODC and the Ministry of Interior trained officers of the Border Police.", "en"),
    ("Officers came from the Criminal Investigation Department, the Ministry of Public Security and UNODC.", "en"),
    ("The workshop brought together the Drug Enforcement Agency, the Financial Intelligence Unit, the Anti-Corruption "
     "Commission.", "en"),
    ("Implementing partners: Ministry of Interior, Counter Narcotics Police, Border Police.", "en"),
], ids=["zh-two-ministries", "en-of-a-state", "en-no-of-between", "en-comma-list", "en-list-without-and",
        "en-partners-colon-list"])
def test_relation_no_unit_without_its_naming(parts, text, lang):
    assert not parts(text, lang)
