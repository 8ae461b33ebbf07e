"""English name classes (issue 15): footnote markers glued to a name, head words that modify a longer name, a
second topic after "and the", a State's body named by its head and its State, new head words (Treaty, Congress,
Framework, Guide, Manual, Forum, Hub), and the cases each rule must leave alone."""

from __future__ import annotations

import pytest

from kg.core.namespaces import ID


def new_names(x) -> set[str]:
    return {label for e in x.new_entities for _, label in e.labels}


def linked(x) -> set[str]:
    return {str(m.entity)[len(str(ID)):] for m in x.mentions if m.method not in ("anaphor", "topic")}


FOUND = [
    # a footnote marker glued to the last word of a known name
    ("The Parties recalled the United Nations Convention against Corruption2 and its review.", set(), {"convention/uncac"}),
    # a second topic after "and the" inside a title
    ("The report of the Eleventh United Nations Congress on the Prevention of Drug Abuse and the Protection of Youth was read.",
     {"Eleventh United Nations Congress on the Prevention of Drug Abuse and the Protection of Youth"}, set()),
    # a State's body named by its head and its State after "in"
    ("Officers met the Office of Prosecutor General in Kenya last week.", {"Office of Prosecutor General"}, set()),
    # head words of treaties, frameworks, guides and forums
    ("States discussed the Nuclear Weapons Ban Treaty and its entry into force.", {"Nuclear Weapons Ban Treaty"}, set()),
    ("The Pacific Regional Security Framework guides the work.", {"Pacific Regional Security Framework"}, set()),
    ("UNODC presented the Pacific Islands Law Enforcement Forum with a report.", {"Pacific Islands Law Enforcement Forum"}, set()),
]

LEFT_ALONE = [
    # a head word that modifies a longer name does not end one
    ("en", "The staff of the Division for Treaty Affairs of the Office met on Monday.", set(), {"Division for Treaty Affairs"}),
    ("en", "Funds came from the Security Partnership Programme of Canada.", set(), {"Security Partnership"}),
    # "and the" before another body ends the name
    ("en", "The Programme on the Prevention of Crime and the Government of Chile signed it.", set(),
     {"Programme on the Prevention of Crime and the Government of Chile"}),
    # a bare head before a place that is no State
    ("en", "He joined the Ministry in Europe.", set(), {"Ministry"}),
]


@pytest.mark.parametrize("text,names,iris", FOUND, ids=[c[0][:40] for c in FOUND])
def test_names_en_found(extract, text, names, iris):
    x = extract(text, "en")
    assert names <= new_names(x), new_names(x)
    assert iris <= linked(x), linked(x)


@pytest.mark.parametrize("lang,text,iris,names", LEFT_ALONE, ids=[c[1][:40] for c in LEFT_ALONE])
def test_names_en_left_alone(extract, lang, text, iris, names):
    x = extract(text, lang)
    assert not iris & linked(x), linked(x)
    assert not names & new_names(x), new_names(x)


def test_names_en_case_counts():
    assert (len(FOUND), len(LEFT_ALONE)) == (6, 4)
