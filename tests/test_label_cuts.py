"""Partial forms of reference labels in any language (issue 16): one helper, kg.extract.label_cuts, gives English
openings and Chinese tails from the language's settings (rules.toml [mint.label_cuts])."""

from __future__ import annotations

import pytest

from kg.extract.label_cuts import Cut, cut_forms
from kg.extract.minted import opened_variants
from kg.extract.short_forms_zh import short_forms

FUND = "programme/un-trust-fund-trafficking-victims"

CUTS = [  # (language, label words, cut, expected (form, left out) pairs)
    ("en", ("united", "nations", "voluntary", "trust", "fund", "for", "victims", "of", "trafficking"),
     Cut(before=frozenset({"for", "of"}), least_words=4),
     {("united nations voluntary trust fund", "for victims of trafficking"),
      ("united nations voluntary trust fund for victims", "of trafficking")}),
    ("en", ("convention", "against", "torture", "and", "other", "cruel"), Cut(before=frozenset({"and"}), least_words=3),
     {("convention against torture", "and other cruel")}),
    ("en", ("convention", "against", "torture", "and", "other"), Cut(before=frozenset({"and"}), least_words=4), set()),
    ("zh", ("联合国", "打击", "贩运人口", "的", "全球", "行动计划"), Cut(least_chars=5, first_word_chars=2),
     {("全球行动计划", "联合国打击贩运人口的"), ("贩运人口的全球行动计划", "联合国打击"),
      ("打击贩运人口的全球行动计划", "联合国")}),
    ("zh", ("联合国", "自愿", "信托基金"), Cut(least_chars=4, first_word_chars=2, openers=("联合国",)),
     {("自愿信托基金", "联合国"), ("信托基金", "联合国自愿"), ("联合国信托基金", "自愿")}),
    ("zh", ("联合国", "打击", "犯罪", "公约"), Cut(least_chars=4, first_word_chars=2, skip=frozenset({"犯罪公约"})),
     {("打击犯罪公约", "联合国")}),
]


@pytest.mark.parametrize("lang,words,cut,expected", CUTS, ids=[f"{c[0]}-{''.join(c[1])[:12]}" for c in CUTS])
def test_cut_forms(lang, words, cut, expected):
    assert {(f.form, f.left_out) for f in cut_forms(lang, [(words, "hit")], cut)} == expected


def test_boundary_refuses_a_cut():
    cut = Cut(least_chars=2, first_word_chars=2)
    forms = cut_forms("zh", [(("反恐", "怖主义", "办公室"), "hit")], cut, boundary=lambda words, k: k != 1)
    assert {f.form for f in forms} == {"办公室"}


@pytest.mark.parametrize("form,iri", [
    ("united nations voluntary trust fund for victims of trafficking", FUND),
])
def test_english_openings_from_reference_data(form, iri):
    hits = opened_variants(("in", "for", "on", "against", "of", "especially", "to"), 4).get(form, set())
    assert {str(i).rsplit("/id/", 1)[-1] for i, _ in hits} == {iri}


@pytest.mark.parametrize("form", ["全球行动计划"])
def test_chinese_tails_from_reference_data(form):
    found = short_forms().get(form, ())
    assert any(str(iri).endswith("instrument/global-plan-of-action-trafficking") for iri, *_ in found)


@pytest.mark.parametrize("forms", [{}, {"甲": ()}], ids=["no-forms", "only-one-character-forms"])
def test_chinese_form_ends_of_a_table_without_two_character_forms_find_nothing(forms):
    from kg.extract.short_forms_zh import _form_ends

    pattern, lengths = _form_ends(forms)
    assert lengths == {} and list(pattern.finditer("甲乙丙丁戊")) == []


REFERENCE_LABELS = [  # (language, families, keep, a label and IRI path expected, a label expected absent)
    ("en", ("Organization",), str.isascii, ("United Nations Office on Drugs and Crime", "organization/unodc"),
     "联合国毒品和犯罪问题办公室"),
    ("zh", ("Organization",), lambda label: True, ("联合国毒品和犯罪问题办公室", "organization/unodc"),
     "United Nations Office on Drugs and Crime"),
    ("en", ("Treaty",), str.isascii, ("United Nations Convention against Corruption", "convention/uncac"),
     "United Nations Office on Drugs and Crime"),
    ("en", None, str.isascii, ("United Nations Office on Drugs and Crime", "organization/unodc"), "联合国毒品和犯罪问题办公室"),
]


@pytest.mark.parametrize("lang, families, keep, present, absent", REFERENCE_LABELS)
def test_reference_labels(lang, families, keep, present, absent):
    from kg.extract.label_cuts import reference_labels

    labels = {(label, str(hit[0]).rsplit("/id/", 1)[-1]) for label, hit in reference_labels(lang, families, keep)}
    assert present in labels
    assert absent not in {label for label, _ in labels}
