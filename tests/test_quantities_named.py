"""Counts of entities the passage names are not quantities; counts of members not all named stay quantities
(kg.extract.quantities_named; tests/data/annotations/CONVENTIONS.md section 5).  Passages written for these tests."""

import pytest

from kg.extract.document import Extractor
from kg.extract.ingest import parse_document


@pytest.fixture(scope="module")
def quantities():
    extractor = Extractor()

    def run(text, lang):
        x = extractor.extract(parse_document("t.md", text.encode("utf-8"), lang))
        return {(q.value, q.unit) for q in x.quantities}

    return run


@pytest.mark.parametrize("text,lang", [
    # the members named after the count, in the same sentence or the next ones
    ("The eight Cosponsors are UNICEF, UNDP, UNFPA, UNESCO, WHO, ILO, WFP and the World Bank.", "en"),
    ("Three founding agencies of the network are UNODC, UNICEF and WHO.", "en"),
    ("The alliance unites four organizations: INTERPOL, the World Customs Organization (WCO), UNODC and the World "
     "Bank.", "en"),
    ("The five original members of UNAIDS: UNICEF, UNDP, UNFPA, UNESCO and WHO.", "en"),
    ("UNODC works with three countries (Kenya, Uganda and Tanzania) on maritime crime.", "en"),
    # a list over semicolons after a colon, and a name's organ in the list
    ("States adopted two Protocols: the Trafficking in Persons Protocol; and the Firearms Protocol.", "en"),
    ("The task force joins four organizations: the CITES Secretariat, INTERPOL, UNODC and the World Bank.", "en"),
    ("中亚五国即哈萨克斯坦、吉尔吉斯斯坦、塔吉克斯坦、土库曼斯坦和乌兹别克斯坦参加了会议。", "zh"),
    # one-character names of States, and the two sides of a bilateral meeting
    ("中柬两国执法部门开展了联合行动。", "zh"),
    ("今年，中老缅泰湄公河联合执法四国禁毒部门签署了合作文件。", "zh"),
    ("会谈中，双方回顾了两国禁毒部门的合作情况。", "zh"),
    ("流经中国、老挝、缅甸和泰国四国的河流。", "zh"),
    ("会议邀请了3个国际组织（国际刑警组织、世界海关组织和世卫组织）。", "zh"),
])
def test_counts_of_named_entities_are_not_quantities(quantities, text, lang):
    assert {u for _, u in quantities(text, lang)} == set()


@pytest.mark.parametrize("text,lang,value", [
    # some of the members named, an approximate figure, a total in its own right
    ("The programme will work with up to six countries, including Iraq and Pakistan.", "en", "6"),
    ("The network links 12 countries, among them Mali, Niger and Chad.", "en", "12"),
    ("Eight organizations signed the charter; UNICEF and WHO spoke for them.", "en", "8"),
    ("The number of States parties reached 3 in 2020, with Mexico, Peru and Chile.", "en", "3"),
    ("东盟十国和东帝汶代表出席，老挝和越南代表发言。", "zh", "10"),
    ("The programme covers five countries: Kenya and Uganda so far.", "en", "5"),
    ("Five Protocols were drafted: the Firearms Protocol; the others await a vote.", "en", "5"),
    ("中国已与20余国签订合作文件，包括老挝和缅甸。", "zh", "20"),
    # names in another sentence, a subset, or the subject of the sentence are not the members counted
    ("UNODC works in Afghanistan, Pakistan, Iran, India and Nepal. In 2022, three countries adopted new drug laws.",
     "en", "3"),
    ("Experts from Kenya, Uganda and Tanzania attended. Two countries have ratified the Protocol so far.", "en", "2"),
    ("UNODC, WHO and UNAIDS supported 12 countries and 3 organizations in 2021.", "en", "3"),
    ("老挝、缅甸、泰国和越南参加了培训，其中三国设立了边境联络办公室。", "zh", "3"),
    ("中国、老挝、缅甸、泰国、柬埔寨和越南代表出席。会议期间，五国签署了合作协议。", "zh", "5"),
    # one-character State names inside common words are no run of names (依法加以); (两国 with no scope refers to the
    # two States of a bilateral relation: tests/test_quantities_forms.py)
    ("对贩毒行为要依法加以打击，会上五国代表签署了协议。", "zh", "5"),
])
def test_counts_of_members_not_all_named_stay_quantities(quantities, text, lang, value):
    assert value in {v for v, _ in quantities(text, lang)}
