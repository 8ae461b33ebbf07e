"""Edition-aware build: what one language edition finds in a paragraph, confirmed in the aligned paragraph of the
other (kg.extract.projection, kg.extract.forms), in the built graph and in the agreement of the editions
(tests/data/editions/confirm.{zh,en}.md: a note of seven paragraphs written as translations of each other, each
edition naming in its own words something the other edition's rules find and its own rules miss)."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from kg.build.run import build
from kg.core.namespaces import ID, UNODC
from kg.extract.agreement import Agreement, agreement, document_graphs, main, text_graph
from kg.extract.editions import edition_record
from kg.extract.forms import forms_table, is_form_of, variants
from kg.extract.projection import project_work, read_edition
from kg.steps import STANDARD

EDITIONS = Path(__file__).resolve().parent / "data" / "editions"
ZH, EN = EDITIONS / "confirm.zh.md", EDITIONS / "confirm.en.md"

# (id, edition, paragraph, entity, text of the projected mention in that edition)
PROJECTED_MENTIONS = [
    ("zh-short-form-undp", "confirm.zh.md", "p7", "organization/undp", "联开署"),
    ("zh-short-form-unicef", "confirm.zh.md", "p7", "organization/unicef", "儿童基金会"),
]
# (id, edition, paragraph, subject, predicate, object, rule, a piece of the evidence)
PROJECTED_RELATIONS = [
    ("en-from-zh-same-relation-in-another-paragraph", "confirm.en.md", "p8", "body/cop-untoc", "serves", "convention/untoc",
     "body-name-treaty+aligned", "the Conference of the Parties to the Convention against Transnational Organized Crime in Vienna"),
    ("en-from-zh-recipient", "confirm.en.md", "p4", "organization/unodc", "assists", "country/ECU",
     "assist-recipient-zh+aligned", "established port control units in Ecuador and Panama"),
    ("en-from-zh-body-treaty", "confirm.en.md", "p5", "body/cop-untoc", "serves", "convention/untoc",
     "body-name-treaty+aligned", "Conference of the Parties to the Convention against Transnational Organized Crime"),
    ("zh-from-en-partner", "confirm.zh.md", "p7", "organization/unodc", "partnerOf", "organization/undp",
     "partner-cue-en+aligned", "毒品和犯罪问题办公室与联开署和儿童基金会在乍得开展了合作"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("confirm")
    build([ZH, EN], out, jobs=1, incremental=False, steps=STANDARD)
    return out


@pytest.fixture(scope="module")
def graph(built) -> Graph:
    return Graph().parse(built / "kg.ttl", format="turtle")


def _doc(g: Graph, name: str) -> URIRef:
    (doc,) = g.subjects(UNODC.sourcePath, Literal(name))
    return doc


@pytest.mark.parametrize("name,para,entity,text", [c[1:] for c in PROJECTED_MENTIONS], ids=[c[0] for c in PROJECTED_MENTIONS])
def test_projection_mention_confirmed_by_the_other_edition(graph, name, para, entity, text):
    doc = _doc(graph, name)
    paragraph = URIRef(f"{doc}/{para}")
    found = [m for m in graph.subjects(UNODC.refersTo, ID[entity]) if graph.value(m, UNODC.inParagraph) == paragraph]
    assert [(str(graph.value(m, UNODC.rule)), str(graph.value(m, UNODC.text))) for m in found] == [("aligned", text)]
    (m,) = found
    start, end = int(graph.value(m, UNODC.start)), int(graph.value(m, UNODC.end))
    assert end - start == len(text) and str(m).endswith(f"/m/{start}-{end}/aligned")
    assert int(graph.value(paragraph, UNODC.start)) <= start and end <= int(graph.value(paragraph, UNODC.end))
    assert text in str(graph.value(paragraph, UNODC.text))


def test_projection_english_label_without_united_nations_found_by_the_edition_itself(graph):
    """The English edition finds a reference label written without its inner "United Nations" on its own
    ([mint.variants] inner_words_en), so no projected mention is needed there."""
    doc = _doc(graph, "confirm.en.md")
    paragraph = URIRef(f"{doc}/p5")
    found = [m for m in graph.subjects(UNODC.refersTo, ID["body/cop-untoc"]) if graph.value(m, UNODC.inParagraph) == paragraph]
    assert [(str(graph.value(m, UNODC.rule)), str(graph.value(m, UNODC.text))) for m in found] == \
        [("alias", "Conference of the Parties to the Convention against Transnational Organized Crime")]


@pytest.mark.parametrize("name,para,s,p,o,rule,evidence", [c[1:] for c in PROJECTED_RELATIONS], ids=[c[0] for c in PROJECTED_RELATIONS])
def test_projection_relation_kept_for_the_other_edition_with_its_own_evidence(graph, name, para, s, p, o, rule, evidence):
    doc = _doc(graph, name)
    found = [a for a in graph.subjects(UNODC.subject, ID[s]) if graph.value(a, UNODC.inParagraph) == URIRef(f"{doc}/{para}")
             and graph.value(a, UNODC.predicate) == UNODC[p] and graph.value(a, UNODC.object) == ID[o]]
    rules = [str(graph.value(a, UNODC.rule)) for a in found]
    assert rules == [rule] or len(rules) == 1 and not rules[0].endswith("+aligned")  # or the edition's own rules read it
    (a,) = found
    assert graph.value(a, UNODC.inParagraph) == URIRef(f"{doc}/{para}")
    assert evidence in str(graph.value(a, UNODC.evidence))
    assert graph.value(a, UNODC.confidence) is not None


def test_projection_mention_offsets_point_at_its_text(graph):
    """Every confirmed mention's offsets give its text in the source, markup and repeated names before it."""
    sources = {name: (EDITIONS / name).read_text("utf-8") for name in ("confirm.zh.md", "confirm.en.md")}
    found = 0
    for m in graph.subjects(UNODC.rule, Literal("aligned")):
        doc = graph.value(m, UNODC.inDocument)
        source = sources[str(graph.value(doc, UNODC.sourcePath))]
        start, end = int(graph.value(m, UNODC.start)), int(graph.value(m, UNODC.end))
        assert source[start:end] == str(graph.value(m, UNODC.text))
        found += 1
    assert found >= 2  # the two Chinese short forms; English finds the COP's label without "United Nations" alone


def test_projection_separate_builds_have_none_of_it(tmp_path):
    """Built alone, neither edition has an aligned mention or relation (nothing to align with)."""
    for path in (ZH, EN):
        out = tmp_path / path.stem
        build([path], out, jobs=1, incremental=False, steps=STANDARD)
        text = (out / "kg.ttl").read_text("utf-8")
        assert '"aligned"' not in text and "+aligned" not in text


def test_projection_build_conforms(built):
    report = (built / "validation.txt").read_text("utf-8")
    assert report.startswith("kg.ttl: conforms") and "warning" not in report.lower()


def test_projection_same_bytes_whatever_input_order(built, tmp_path):
    out = tmp_path / "out"
    build([EN, ZH], out, jobs=2, incremental=False, steps=STANDARD)
    assert (out / "kg.ttl").read_bytes() == (built / "kg.ttl").read_bytes()
    assert (out / "kg.nq").read_bytes() == (built / "kg.nq").read_bytes()


def test_projection_cached_rebuild_same_bytes(built, tmp_path):
    out = tmp_path / "out"
    build([ZH, EN], out, steps=STANDARD)
    first = (out / "kg.ttl").read_bytes()
    build([EN, ZH], out, steps=STANDARD)
    assert first == (out / "kg.ttl").read_bytes() == (built / "kg.ttl").read_bytes()


def test_projection_project_work_independent_of_order():
    graphs = document_graphs([ZH, EN])
    records = [edition_record(g, i) for g, i in graphs]
    results = [project_work(list(gs), list(rs)) for gs, rs in zip(itertools.permutations(graphs), itertools.permutations(records))]
    assert all(r == results[0] for r in results) and sum(map(len, results[0].values())) > 0


def test_projection_agreement_edition_aware_above_separate():
    (gz, iz), (ge, ie) = document_graphs([ZH, EN])
    separate, aware = agreement(gz, iz, ge, ie), agreement(gz, iz, ge, ie, aware=True)
    assert Agreement.f1(separate.relations) < 0.9 <= Agreement.f1(aware.relations)
    assert Agreement.f1(separate.entities) < 0.97 <= Agreement.f1(aware.entities)


def test_projection_agreement_command_reports_both(capsys):
    assert main(["--agreement", str(ZH), str(EN)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("entities agreement F1 0.9") and out[2].startswith("edition-aware")
    assert out[4].startswith("  relations agreement F1 1.000")


# ---------------------------------------------------------------- passages (no paragraph numbers): symbols, forms

PASSAGES = [
    # (id, English, Chinese, entity only the English rules find, then confirmed in the Chinese)
    ("resolution-by-symbol", "The Commission on Narcotic Drugs adopted resolution 64/1 on the Global SMART Programme.",
     "麻醉药品委员会通过了关于全球合成药物监测：分析、报告和趋势方案的第64/1号决议。", "resolution/cnd/64-1"),
    ("zh-name-end", "UNODC cooperated with the United Nations Children's Fund in Chad.",
     "毒品和犯罪问题办公室与儿童基金会在乍得开展了合作。", "organization/unicef"),
    ("zh-abbreviation", "UNODC and the United Nations Interregional Crime and Justice Research Institute trained officials of Zambia.",
     "毒品和犯罪问题办公室和犯罪司法所培训了赞比亚官员。", "organization/unicri"),
    ("zh-read-as-the-linker-reads", "UNODC cooperated with the United Nations Development Programme in Chad.",
     "毒品和犯罪问题办公室与联开 署在乍得开展了合作。", "organization/undp"),
]


@pytest.mark.parametrize("en,zh,entity", [c[1:] for c in PASSAGES], ids=[c[0] for c in PASSAGES])
def test_projection_passage_names_confirmed(extractor, en, zh, entity):
    from kg.extract.projection import with_projections

    (ge, ie), (gz, iz) = text_graph("a.md", en, "en", extractor), text_graph("b.md", zh, "zh", extractor)
    assert ID[entity] in set(ge.objects(None, UNODC.refersTo)) and ID[entity] not in set(gz.objects(None, UNODC.refersTo))
    (_, _), (gz2, _) = with_projections([(ge, ie), (gz, iz)])
    (m,) = [m for m in gz2.subjects(UNODC.refersTo, ID[entity])]
    assert str(gz2.value(m, UNODC.rule)) == "aligned" and str(gz2.value(m, UNODC.text)) in zh


def test_projection_minted_abbreviation_confirms_the_name():
    """A minted name's Latin word (CASA项目) confirms it where the other edition writes that word (relations of a new
    name score under the default threshold of the scorer fitted on real-a..y: "trained officers from Kenya" 0.17-0.18)."""
    from kg.extract.document import Extractor
    from kg.extract.projection import with_projections

    extractor = Extractor(min_confidence=0.1)

    (gz, iz) = text_graph("b.md", "CASA项目培训了肯尼亚的官员。", "zh", extractor)
    (ge, ie) = text_graph("a.md", "CASA trained officers from Kenya.", "en", extractor)
    (minted,) = [e for e in gz.subjects(UNODC.minted, Literal(True))]
    assert minted not in set(ge.objects(None, UNODC.refersTo))
    (_, _), (ge2, _) = with_projections([(gz, iz), (ge, ie)])
    (m,) = [m for m in ge2.subjects(UNODC.refersTo, minted)]
    assert str(ge2.value(m, UNODC.text)) == "CASA"
    assert [str(ge2.value(a, UNODC.rule)) for a in ge2.subjects(UNODC.subject, minted)] == ["programme-recipient-zh+aligned"]


def test_projection_argument_the_target_does_not_name_is_no_evidence():
    """A relation whose subject the source names only as "the Office" is not given to a target that does not name it."""
    from kg.extract.projection import Block, Edition, Unit, project

    office, chad = str(ID["organization/unodc"]), str(ID["country/TCD"])
    source = Edition("s", "en", blocks={"s/p1": Block("s/p1", 0, 30, "The Office assisted Chad.", 1)})
    source.mentions["s/p1"] += [(0, 10, office, "The Office"), (20, 24, chad, "Chad")]
    source.implicit["s/p1"] = {office}
    source.assertions["s/p1"].append((office, str(UNODC.assists), chad, "assist-cue-en", None))
    target = Edition("t", "zh", blocks={"t/p1": Block("t/p1", 0, 12, "办事处协助了乍得。", 1)})
    target.mentions["t/p1"].append((5, 7, chad, "乍得"))
    assert project(target, {"s": source}, [Unit("s", ("s/p1",), ("t/p1",))]) == []
    target.mentions["t/p1"].append((0, 3, office, "办事处"))  # the target's own rules resolved it
    assert (URIRef(office), UNODC.assists, URIRef(chad)) in project(target, {"s": source}, [Unit("s", ("s/p1",), ("t/p1",))])


def test_projection_nothing_confirmed_that_the_text_does_not_say(extractor):
    """A name the other edition gives is not confirmed where this edition's text does not give it."""
    from kg.extract.projection import with_projections

    (ge, ie) = text_graph("a.md", "UNODC cooperated with the United Nations Children's Fund in Chad.", "en", extractor)
    (gz, iz) = text_graph("b.md", "毒品和犯罪问题办公室在乍得开展了工作。", "zh", extractor)
    (_, _), (gz2, _) = with_projections([(ge, ie), (gz, iz)])
    assert not [m for m in gz2.subjects(RDF.type, UNODC.Mention) if str(gz2.value(m, UNODC.rule)) == "aligned"]


FORMS = [
    # (id, language, entity, a form it has, a form it has not)
    ("zh-without-united-nations", "zh", "convention/uncac", "反腐败公约", "公约"),
    ("zh-name-end", "zh", "convention/untoc", "有组织犯罪公约", "犯罪公约"),
    ("en-without-united-nations", "en", "body/cop-untoc",
     "Conference of the Parties to the Convention against Transnational Organized Crime", "Conference of the Parties"),
    ("en-before-and", "en", "convention/cat", "Convention against Torture", "Convention against"),
    ("en-year-after-the-name", "en", "protocol/single-convention-protocol-1972", "Protocol of 1972", "Protocol"),
    ("en-year-before-the-name", "en", "convention/single-convention", "1961 Single Convention on Narcotic Drugs", "Single Convention on Narcotic"),
    ("zh-before-enumeration-head-kept", "zh", "programme/gpml", "全球打击洗钱方案", "全球打击洗钱"),
    ("zh-end-not-from-a-filler", "zh", "programme/gpml", "资助恐怖主义方案", "和资助恐怖主义方案"),
]


@pytest.mark.parametrize("lang,entity,form,not_form", [c[1:] for c in FORMS], ids=[c[0] for c in FORMS])
def test_projection_forms_of_reference_names(lang, entity, form, not_form):
    assert is_form_of(form, str(ID[entity]), lang)
    assert not is_form_of(not_form, str(ID[entity]), lang)


ABBREVIATED = [
    # (id, text, entity, the abbreviation found in it, or None)
    ("security-council", "安理会举行了公开辩论。", "body/security-council", "安理会"),
    ("incb", "麻管局发表了年度报告。", "body/incb", "麻管局"),
    ("ecowas", "西非经共体成员国出席了会议。", "organization/ecowas", "西非经共体"),
    ("a-plain-end-is-no-abbreviation", "该管制局发表了报告。", "body/incb", None),
    ("not-from-a-generic-word", "国管局发布了报告。", "body/incb", None),
    ("not-from-united-nations", "联合国办公室提供了支持。", "organization/unodc", None),
    ("other-characters-are-no-abbreviation", "国际合作管制局发表了报告。", "body/incb", None),
]


@pytest.mark.parametrize("text,entity,expected", [c[1:] for c in ABBREVIATED], ids=[c[0] for c in ABBREVIATED])
def test_projection_chinese_abbreviation_picks_characters_of_the_name(text, entity, expected):
    from kg.extract.forms import abbreviated_hits

    found = [text[s:e] for s, e in abbreviated_hits(text, str(ID[entity]), "zh")]
    assert found == ([expected] if expected else [])


def test_projection_a_form_two_entities_share_names_neither():
    table = forms_table("zh")
    ends = {f for forms in table.values() for f in forms}
    assert "缔约国会议" not in ends  # the end of every conference of the States parties' name


def test_projection_variants_from_language_data_only():
    cfg = {"drop_start": ["Le "], "min_words": 2, "spaced": True}
    assert variants("Le Bureau des Nations Unies", cfg) == {"Le Bureau des Nations Unies", "Bureau des Nations Unies"}


def test_projection_read_edition_keeps_paragraph_text(extractor):
    g, iri = text_graph("a.md", "UNODC supported Chad.", "en", extractor)
    edition = read_edition(g, iri)
    assert edition.lang == "en" and [b.text for b in edition.blocks.values()] == ["UNODC supported Chad."]


def test_projection_rule_named_in_the_shapes():
    shapes = (Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl").read_text("utf-8")
    assert '"collective" "aligned" )' in shapes


def test_projection_copied_input_files_same_graph(built, tmp_path):
    """Other file names, same texts: the same statements (the file name is only the documents' sourcePath)."""
    for src, name in ((ZH, "b.zh.md"), (EN, "a.en.md")):
        shutil.copy(src, tmp_path / name)
    out = tmp_path / "out"
    build([tmp_path / "a.en.md", tmp_path / "b.zh.md"], out, jobs=1, incremental=False, steps=STANDARD)
    text = (out / "kg.ttl").read_bytes().replace(b'"a.en.md"', b'"confirm.en.md"').replace(b'"b.zh.md"', b'"confirm.zh.md"')
    assert text == (built / "kg.ttl").read_bytes()


def test_projection_diff_edition_aware_lists_what_is_left(capsys):
    assert main(["--diff", "--agreement", str(ZH), str(EN)]) == 0
    separate = capsys.readouterr().out.splitlines()
    assert main(["--diff", "--edition-aware", "--agreement", str(ZH), str(EN)]) == 0
    aware = capsys.readouterr().out.splitlines()
    assert set(aware[:-1]) < set(separate[:-1]) and aware[-1] == f"{len(aware) - 1} differences"


def test_projection_confirmed_checked_against_gold(capsys):
    assert main(["--parallel", str(EDITIONS / "confirmed.toml"), "--confirmed"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["confirmed by the other edition: mentions 2, in the gold of their passage 1 of 2 (0.50), naming a minted entity 0",
                   "confirmed by the other edition: relations 2, in the gold of their passage 1 of 2 (0.50), naming a minted entity 0"]


def test_projection_confirmed_refused_with_held_out(capsys):
    with pytest.raises(SystemExit):
        main(["--parallel", str(EDITIONS / "confirmed.toml"), "--confirmed", "--held-out"])


OWN_ABBREVIATIONS = [
    ("a-name-that-is-one", "SHERLOC", "en", {"SHERLOC"}),
    ("latin-word-of-a-chinese-name", "CASA项目", "zh", {"CASA"}),
    ("a-reference-entity-s-is-not-the-name-s", "UNODC区域方案", "zh", set()),
    ("english-name-words-are-not-abbreviations", "CASA Project", "en", set()),
]


@pytest.mark.parametrize("label,lang,expected", [c[1:] for c in OWN_ABBREVIATIONS], ids=[c[0] for c in OWN_ABBREVIATIONS])
def test_projection_own_abbreviations_of_a_minted_name(label, lang, expected):
    from kg.extract.editions import own_abbreviations

    assert own_abbreviations(label, lang) == expected


def test_projection_latin_word_links_minted_names_of_two_editions():
    """CASA项目 and "the CASA Project", minted in either edition, are one thing (relations kept from 0.1, as above)."""
    from kg.extract.document import Extractor

    extractor = Extractor(min_confidence=0.1)
    (gz, iz) = text_graph("b.md", "CASA项目培训了肯尼亚的官员。", "zh", extractor)
    (ge, ie) = text_graph("a.md", "The CASA Project trained officers from Kenya.", "en", extractor)
    result = agreement(ge, ie, gz, iz, whole=True)
    assert result.entities == (2, 0, 0) and result.relations == (1, 0, 0)


@pytest.mark.parametrize("argv", [["--confirmed", "--agreement", str(ZH), str(EN)], ["--edition-aware", "--agreement", str(ZH), str(EN)]],
                         ids=["confirmed-without-parallel", "edition-aware-without-diff"])
def test_projection_flags_in_the_wrong_combination_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2 and "error:" in capsys.readouterr().err
