"""English variants of reference names (issues 15 and 16): a reference name in full under another spelling or head
word ("United Nations Development Program", "Co-operation" written "Cooperation") is that reference entity, whatever
the class its head word suggests; a short name in parentheses after a reference name is that entity."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID


def linked(x) -> set[str]:
    return {str(m.entity)[len(str(ID)):] for m in x.mentions if m.method not in ("anaphor", "topic")}


def new_names(x) -> set[str]:
    return {label for e in x.new_entities for _, label in e.labels}


FOUND = [
    ("The cosponsors include the World Food Program and the United Nations Development Program.",
     {"organization/wfp", "organization/undp"}),
    ("Experts of the Organization for Security and Cooperation in Europe met in Vienna.", {"organization/osce"}),
    # a name with a slash inside a word, and a known abbreviation its capitals spell, of another family
    ("The United Nations Program on HIV/AIDS (UNAIDS) was founded in 1994.", {"organization/unaids"}),
    # a short name alone in parentheses after a known name
    ("States ratified the Protocol against the Smuggling of Migrants by Land, Sea and Air (UN Migrant Smuggling Protocol).",
     {"protocol/smuggling-of-migrants-protocol"}),
    # a reference name's opening words, its tail after a qualifier left out
    ("Projects funded by the United Nations Voluntary Trust Fund for Victims of Trafficking reached 2,000 survivors.",
     {"programme/un-trust-fund-trafficking-victims"}),
    ("The Plan called for a UN Voluntary Trust Fund for victims of trafficking, especially women and children.",
     {"programme/un-trust-fund-trafficking-victims"}),
]

FOUND += [  # a reference label written without its possessive ending
    ("Schools received kits from the UN Children Fund in 2019.", {"organization/unicef"}),
]

FOUND += [  # a reference label written without an inner "United Nations" before another word
    ("Staff of the Office of the High Commissioner for Refugees visited the camp.", {"organization/unhcr"}),
    ("Experts of the Office of the High Commissioner for Human Rights attended.", {"organization/ohchr"}),
]

FOUND += [  # a treaty's title cut before "and" and the rest of its subject
    ("Kenya acceded to the Convention against Torture in 1997.", {"convention/cat"}),
    ("Visits under the Optional Protocol to the Convention against Torture resumed.", {"protocol/opcat"}),
]

FOUND += [  # a reference programme's name, its acronym and a dash before a part or edition of it
    ("Officers were trained under the Container Control Programme (CCP) - Ecuador Component in Guayaquil.",
     {"programme/container-control-programme"}),
]

FOUND += [  # a reference name holding another by its short name; a label with the broken ligatures of a PDF copy
    ("Experts of the Mechanism for the Review of Implementation of the UNCAC met.", {"body/irm-uncac"}),
    ("The Protocol to Prevent, Suppress and Punish Traffi cking in Persons, Especially Women and Children entered into force.",
     {"protocol/trafficking-in-persons-protocol"}),
]

OPENINGS_OF_SEVERAL = [  # the opening of the labels of several entities, or a treaty body's: no reference entity
    ("The Conference of the Parties to the Convention met in Vienna.", {"body/cop-cites"}),
    ("Parties to the Convention on the Elimination of All Forms reported.", {"convention/cedaw", "convention/cerd"}),
    # the opening of a reference label that another name of the paragraph goes on from differently
    ("The United Nations Voluntary Trust Fund for Victims of Torture helped 50,000 survivors. The United Nations "
     "Voluntary Trust Fund for Victims also supported NGOs.", {"programme/un-trust-fund-trafficking-victims"}),
    ("The United Nations Standard Minimum Rules were adopted long ago.", {"instrument/nelson-mandela-rules",
                                                                           "instrument/beijing-rules", "instrument/tokyo-rules"}),
]

LEFT_ALONE = [
    ("Officers were trained under the Container Control Programme (CCP) - Ecuador Component in Guayaquil.",
     {"Container Control Programme (CCP) - Ecuador Component"}),
    ("The cosponsors include the World Food Program and the United Nations Development Program.",
     {"World Food Program", "United Nations Development Program"}),
    ("The United Nations Program on HIV/AIDS (UNAIDS) was founded in 1994.",
     {"United Nations Program on HIV/AIDS", "United Nations Program on HIV"}),
    ("States ratified the Protocol against the Smuggling of Migrants by Land, Sea and Air (UN Migrant Smuggling Protocol).",
     {"UN Migrant Smuggling Protocol"}),
]


@pytest.mark.parametrize("text,iris", FOUND, ids=[c[0][:40] for c in FOUND])
def test_variants_en_found(extract, text, iris):
    x = extract(text, "en")
    assert iris <= linked(x), linked(x)


@pytest.mark.parametrize("text,names", LEFT_ALONE, ids=[c[0][:40] for c in LEFT_ALONE])
def test_variants_en_left_alone(extract, text, names):
    x = extract(text, "en")
    assert not names & new_names(x), new_names(x)


@pytest.mark.parametrize("text,iris", OPENINGS_OF_SEVERAL, ids=[c[0][:40] for c in OPENINGS_OF_SEVERAL])
def test_variants_en_opening_of_several(extract, text, iris):
    x = extract(text, "en")
    assert not iris & linked(x), linked(x)
