"""English names in news items and project sheets (issue 15, first runs on real-s and real-t): a dateline's State and
a currency's State are no mentions, a generic acronym (MOU) or an indefinite head (a Task Force) makes no name, a
field's role label run into the value before it is none, Partnership heads a name, and a State's name with a
possessive inside it stays inside a body's name."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID


def linked(x) -> set[str]:
    return {str(m.entity)[len(str(ID)):] for m in x.mentions if m.method not in ("anaphor", "topic")}


def new_names(x) -> set[str]:
    return {label for e in x.new_entities for _, label in e.labels}


LEFT_ALONE = [  # (text, linked IRIs that must not be found, new names that must not be minted)
    ("Nairobi (Kenya), 3 March 2021 - UNODC trained prosecutors from Somalia.", {"country/KEN"}, set()),
    ("ACCRA, Ghana, June 5, 2019 - Officers met in the capital.", {"country/GHA"}, set()),
    ("Japan gave 2 million US dollars and Canada CAD 1 million; the US $ 5 million grant followed.", {"country/USA"}, set()),
    ("A Memorandum of Understanding (MOU) was signed by Kenya and UNODC.", set(), {"Memorandum of Understanding"}),
    ("The Minister set up a Task Force to review the law.", set(), {"Task Force"}),
    ("Lead Agency: Ministry of Interior Partner Agency Donor Agency: Japan", set(), {"Partner Agency Donor Agency"}),
]

FOUND = [  # (text, linked IRIs, new names)
    ("Kenya, 12 officers of the Kenya Wildlife Service were trained.", {"country/KEN"}, set()),
    ("The Global Partnership on Cybercrime Prevention supports five States.", set(),
     {"Global Partnership on Cybercrime Prevention"}),
    ("The Ministry of Justice of the Lao People's Democratic Republic hosted the workshop.", {"country/LAO"},
     {"Ministry of Justice of the Lao People's Democratic Republic"}),
    ("The Anti-Narcotics Force arrested two suspects.", set(), {"Anti-Narcotics Force"}),
]


@pytest.mark.parametrize("text,iris,names", LEFT_ALONE, ids=[c[0][:40] for c in LEFT_ALONE])
def test_sheets_left_alone(extract, text, iris, names):
    x = extract(text, "en")
    assert not iris & linked(x), linked(x)
    assert not names & new_names(x), new_names(x)


@pytest.mark.parametrize("text,iris,names", FOUND, ids=[c[0][:40] for c in FOUND])
def test_sheets_found(extract, text, iris, names):
    x = extract(text, "en")
    assert iris <= linked(x), linked(x)
    assert names <= new_names(x), new_names(x)


@pytest.mark.parametrize("text,names", [
    ("The project works with the Kenyan Ministries of Health, Interior and Education.",
     {"Ministry of Health", "Ministry of Interior", "Ministry of Education"}),
    ("Officials from the Ministries of Justice and Home Affairs of Ghana attended.", {"Ministry of Justice", "Ministry of Home Affairs"}),
])
def test_plural_head_names_each_body(extract, text, names):
    assert names <= new_names(extract(text, "en"))


def test_plural_head_of_many_states_names_none(extract):
    x = extract("Experts came from the Ministries of Interior and Justice of Benin, Togo and Niger.", "en")
    assert not {"Ministry of Interior", "Ministry of Justice"} & new_names(x)


@pytest.mark.parametrize("text,name,longer", [
    ("UNDP worked with the Institute of Policy Studies in Kenya on the report.", "Institute of Policy Studies",
     "Institute of Policy Studies in Kenya"),
])
def test_organisation_name_ends_before_where_it_is(extract, text, name, longer):
    names = new_names(extract(text, "en"))
    assert name in names and longer not in names, names


@pytest.mark.parametrize("text,name", [
    ("The United Nations Regional Centre for Peace and Disarmament in Africa trained officers.",
     "United Nations Regional Centre for Peace and Disarmament in Africa"),
    ("The Centre for Excellence in Policing trained officers.", "Centre for Excellence in Policing"),
])
def test_organisation_name_keeps_its_region_and_subject(extract, text, name):
    assert name in new_names(extract(text, "en"))
