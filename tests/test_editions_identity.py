"""One IRI for what two editions name: words of the name compared across languages, and minted bodies under body/
with their former instrument/ IRIs kept resolvable (tests/data/editions: security.zh.md and security.en.md, two
editions of E/CN.15/2099/7; body.zh.md and body.en.md, two editions of E/CN.15/2099/3)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import OWL, RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.build.identity import former_triples
from kg.build.run import build
from kg.core.namespaces import ID, UNODC
from kg.core.vocabulary import BODIES, INSTRUMENTS, ORGANIZATIONS, PROGRAMMES
from kg.extract.alignment import MIN_ALIGNED_SCORE, holds_word, pair_score
from kg.extract.editions import EditionRecord, MintedName, head_of
from kg.extract.minted import former_iris, mint_iri, segment_for
from kg.steps import STANDARD

EDITIONS = Path(__file__).resolve().parent / "data" / "editions"
SECURITY = [EDITIONS / "security.zh.md", EDITIONS / "security.en.md"]
BODY = [EDITIONS / "body.zh.md", EDITIONS / "body.en.md"]


def _name(label: str, lang: str, family: str = "Instrument", iri: str = "") -> MintedName:
    return MintedName(iri or f"{ID}x/{lang}", family, lang, label, head_of(label, lang)[0], frozenset(), frozenset(), False)


# ---------------------------------------------------------------- a word of the table inside a longer one

# (English name, Chinese name): "Public Security" is read as interior first, 公共安全 as security
SHADOWED = [
    ("declaration", "Declaration on Crime and Public Security", "关于犯罪和公共安全问题的宣言"),
    ("strategy-other-order", "Public Security and Crime Prevention Strategy", "预防犯罪和公共安全战略"),
    ("programme", "Programme on Public Security and Criminal Justice", "公共安全和刑事司法方案"),
]


@pytest.mark.parametrize("en,zh", [c[1:] for c in SHADOWED], ids=[c[0] for c in SHADOWED])
def test_identity_word_inside_a_longer_word_is_shared(en, zh):
    family = "Programme" if "Programme" in en else "Instrument"
    found = pair_score(_name(en, "en", family), _name(zh, "zh", family), True)
    assert found is not None and found[0] >= MIN_ALIGNED_SCORE
    assert any("security" in why for why in found[1])


def test_identity_word_the_other_name_lacks_still_counts_against():
    right = pair_score(_name(SHADOWED[0][1], "en"), _name(SHADOWED[0][2], "zh"), True)[0]
    other = pair_score(_name("Declaration on Crime and Public Health", "en"), _name(SHADOWED[0][2], "zh"), True)[0]
    assert other < right and other < MIN_ALIGNED_SCORE


def test_identity_holds_word_as_whole_words_in_a_spaced_language():
    assert holds_word("Public Security Council", "security", "en")
    assert not holds_word("Securityless Fund", "security", "en")
    assert holds_word("公共安全理事会", "security", "zh") and not holds_word("公安部", "security", "zh")


@pytest.fixture(scope="module")
def security(tmp_path_factory):
    """The two editions of E/CN.15/2099/7 built together, in both input orders."""
    outs = []
    for order in (SECURITY, SECURITY[::-1]):
        out = tmp_path_factory.mktemp("security")
        build(order, out, jobs=1, incremental=False, steps=STANDARD)
        outs.append(out)
    return outs


SECURITY_ENTITIES = [
    ("Dushanbe Declaration on Crime and Public Security", "关于犯罪和公共安全问题的杜尚别宣言"),
    ("Central Asia Programme on Public Security and Criminal Justice", "中亚公共安全和刑事司法方案"),
]


@pytest.mark.parametrize("en,zh", SECURITY_ENTITIES, ids=[e for e, _ in SECURITY_ENTITIES])
def test_identity_name_of_one_paragraph_has_one_iri_with_both_labels(security, en, zh):
    g = Graph().parse(security[0] / "kg.ttl", format="turtle")
    (entity,) = g.subjects(SKOS.prefLabel, Literal(en, lang="en"))
    assert set(g.subjects(SKOS.prefLabel, Literal(zh, lang="zh"))) == {entity}
    assert "/zh-" not in str(entity)
    rules = {str(g.value(e, UNODC.rule)) for e in g.subjects(UNODC.identifies, entity)}
    assert "aligned-paragraphs" in rules


def test_identity_same_bytes_whatever_input_order(security):
    for name in ("kg.ttl", "kg.nq"):
        assert (security[0] / name).read_bytes() == (security[1] / name).read_bytes()


# ---------------------------------------------------------------- minted bodies under body/

@pytest.mark.parametrize("cls,segment", [("IntergovernmentalBody", "body"), (sorted(PROGRAMMES)[0], "programme"),
                                         ("Organization", "organization")] +
                         [(c, "body") for c in sorted(BODIES - ORGANIZATIONS - PROGRAMMES)][:3])
def test_identity_segment_of_a_minted_class(cls, segment):
    assert segment_for(cls) == segment


def test_identity_minted_instrument_keeps_its_segment():
    instrument = sorted(INSTRUMENTS - BODIES)[0]
    assert str(mint_iri(instrument, "Model Law on Drug Courts", "en")).startswith(f"{ID}instrument/")
    assert former_iris(mint_iri(instrument, "Model Law on Drug Courts", "en")) == ()


def test_identity_former_iri_of_a_minted_body():
    iri = mint_iri("IntergovernmentalBody", "Committee on Maritime Drug Interdiction", "en")
    assert str(iri) == f"{ID}body/committee-on-maritime-drug-interdiction"
    assert former_iris(iri) == (ID["instrument/committee-on-maritime-drug-interdiction"],)
    assert former_iris("https://example.org/body/x") == () and former_iris(ID["body"]) == ()


def _record(iri: str, names: list[MintedName]) -> EditionRecord:
    return EditionRecord(iri, f"{iri}.md", "en", "", (), (), {n.iri: n for n in names})


def test_identity_former_iri_minted_for_something_else_left_alone():
    body = _name("Drug Council", "en", "Body", f"{ID}body/drug-council")
    clash = _name("Drug Council", "en", "Instrument", f"{ID}instrument/drug-council")
    assert former_triples([_record("a", [body]), _record("b", [clash])], {}) == {}
    (triples,) = former_triples([_record("a", [body])], {}).values()
    assert (ID["instrument/drug-council"], DCTERMS.isReplacedBy, URIRef(body.iri)) in triples


@pytest.fixture(scope="module")
def body_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("body")
    build(BODY, out, jobs=1, incremental=False, steps=STANDARD)
    return out


def test_identity_minted_body_under_body_with_former_iris_resolvable(body_out, tmp_path):
    g = Graph().parse(body_out / "kg.ttl", format="turtle")
    (body,) = g.subjects(SKOS.prefLabel, Literal("United Nations Committee on Maritime Drug Interdiction", lang="en"))
    assert str(body).startswith(f"{ID}body/") and (body, RDF.type, UNODC.IntergovernmentalBody) in g
    assert (body, SKOS.prefLabel, Literal("联合国海上毒品拦截委员会", lang="zh")) in g
    former = set(g.subjects(DCTERMS.isReplacedBy, body))
    assert ID["instrument/united-nations-committee-on-maritime-drug-interdiction"] in former
    assert len(former) == 2 and all(str(f).startswith(f"{ID}instrument/") for f in former)  # each edition's IRI
    assert former == set(g.subjects(OWL.sameAs, body))
    assert "conforms" in (body_out / "validation.txt").read_text("utf-8").splitlines()[0]
    from kg.publish.site import publish

    site = tmp_path / "site"
    publish(body_out / "kg.ttl", site)
    page = (site / "id" / "instrument" / "united-nations-committee-on-maritime-drug-interdiction.html").read_text("utf-8")
    assert "../body/united-nations-committee-on-maritime-drug-interdiction.html" in page
