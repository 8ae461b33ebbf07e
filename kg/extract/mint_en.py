"""New entities in English text: capitalised names around a class word (Programme, Initiative, Ministry …).

A name runs left over capitalised words and connectors and right over a capitalised tail ("on Cybercrime"); it
stops at a list of names ("the Ministry of Internal Affairs, State Customs Service and …"), keeps a name nested
after "of (the)" as a name of its own, takes a quoted name after a class noun (the project “…”), and leaves out
indefinite descriptions ("a Joint Plan of Action") and head words that only classify the name after them.
"""

from __future__ import annotations

import re
from functools import cache

from kg.core.resources import rules
from kg.core.vocabulary import BODIES, ORGANIZATIONS, PLACES, PROGRAMMES
from kg.extract.acronyms import listed_acronyms as _listed_acronyms
from kg.extract.acronyms import owned_acronyms as _owned_acronyms
from kg.extract.defined_en import defined_names, foreign_names, lower_head_en, lower_name_en, place_components, quoted_en
from kg.extract.name_words_en import abbreviated_as as _abbreviated_as
from kg.extract.name_words_en import acronym_tail as _acronym_tail
from kg.extract.name_words_en import apposed_to as _apposed_to
from kg.extract.name_words_en import capitalised
from kg.extract.name_words_en import class_of as _class_of
from kg.extract.name_words_en import defined as _defined
from kg.extract.name_words_en import body_of_after as _body_of_after
from kg.extract.name_words_en import head_of_after as _head_of_after
from kg.extract.name_words_en import joined_title as _joined_title
from kg.extract.name_words_en import many_of as _many_of
from kg.extract.name_words_en import modifier as _modifier
from kg.extract.name_words_en import of_state as _of_state
from kg.extract.name_words_en import topic_and as _topic_and
from kg.extract.name_words_en import names_after as _names_after
from kg.extract.name_words_en import of_a_state as _of_a_state
from kg.extract.name_words_en import other_name_after as _other_name_after
from kg.extract.name_words_en import owner_acronym as _owner_acronym, people_of as _people_of, state_before as _state_before
from kg.extract.name_words_en import head_names, second_state_body as _second_state_body, state_body_at as _state_body_at
from kg.extract.name_words_en import part_of_known as _part_of_known
from kg.extract.name_words_en import proper_body as _proper_body
from kg.extract.name_words_en import short_form as _short_form
from kg.extract.name_words_en import spelt as _spelt
from kg.extract.name_words_en import state_owned as _state_owned
from kg.extract.name_words_en import list_cut as _list_cut
from kg.extract.name_words_en import where_after as _where_after
from kg.extract.name_words_en import unit_of_after as _unit_of_after
from kg.extract.link import Match
from kg.extract.minted import Minted, _clean, _covered, _inside
from kg.extract.nlp import alternation

ACTORS = ORGANIZATIONS | BODIES
LEFT_CONNECTORS = {"of", "and", "for", "on", "against", "&", "de"}  # "the", "from", "with" end a name on its left
DATED = re.compile(r"\s*\(\d{4}\s*[–-]\s*(?:\d{4}|\d{2})\)")  # the years of a strategy or plan after its name (2015-17)
PERIOD = re.compile(r",?[ \t]+\d{4}\s*[–-]\s*(?:\d{4}|\d{2})\b")  # "the Plan of Action on Drug Control in Africa, 2002-2006"
TITLE_OPENERS = {"The", "A", "An", "This", "These", "In", "On", "For"}  # after a colon they open a sentence, not a title
INDEFINITE = re.compile(r"\b(?:[Aa]n?|[Aa]ny|[Ee]ach)\s+$")  # "a Task Force": a head word, no name


@cache
def _head_pattern(head: str) -> re.Pattern:
    return re.compile(rf"\b{re.escape(head)}\b")


def mint_en(text: str, matches: list[Match]) -> list[Minted]:
    """New entities in one paragraph of normalised English text: capitalised names around a class word."""
    cfg = rules()["mint"]["en"]
    connectors = set(cfg["connectors"])
    heads = sorted(cfg["name_heads"] + cfg["title_heads"], key=lambda x: -len(x[0]))
    head_re = alternation(h for h, _ in heads)
    titled = {tuple(h) for h in cfg["title_heads"]}
    found: list[Minted] = quoted_en(text, matches, cfg) + lower_head_en(text, matches, cfg) + lower_name_en(text, matches, cfg) \
        + _listed_acronyms(text, matches, cfg) + _owned_acronyms(text, matches, cfg) + defined_names(text, matches, cfg) \
        + place_components(text, matches) + foreign_names(text, matches, cfg)
    for head, etype in heads:
        if head not in text:  # the pattern matches the head itself
            continue
        for hit in _head_pattern(head).finditer(text):
            if _covered(matches, hit.start(), hit.end()) or _modifier(text, hit.end(), connectors):
                continue
            start = _extend_left(text, hit.start(), connectors, matches)
            owned = _after_owner(text, start, hit.start(), matches, cfg, (head, etype) in titled)
            if owned != start and head in cfg.get("office_heads", ()) and not _state_owned(start, owned, matches):
                continue  # "the UNODC Regional Centre in Bangkok": an office of the organisation, no entity
            dated = owned != start and owned == hit.start() and DATED.match(text, hit.end())  # "UNODC Strategy (2021–2025)"
            start = start if dated else owned
            outer = [f for f in found if f.start <= hit.start() < f.end]
            if any(not OF_BEFORE.search(text[f.start:start]) for f in outer):
                continue  # a head inside a name found before, unless it opens a name nested after "of (the)"
            last = start + max((j.end() for j in re.finditer(r"\s(?:and|or|&)\s|,\s", text[start:hit.start()])), default=0)
            if _many_of(text, hit.end()) and _described(text, last, text[last:hit.end()], matches, cfg):
                continue  # "National Police bodies": generic words and a head before people, not "the Safer Coasts Programme team"
            if _classifier(text, hit, start, head_re):
                continue  # "the Project Support to …": the head word classifies a name it does not end
            span = _nested(text, hit, _span(text, hit, start, matches, connectors, head_re), cfg) if outer else \
                _span(text, hit, start, matches, connectors, head_re)
            if span is None:
                continue
            start, name = _person_title(span[0], span[1], cfg, etype)
            name = _acronym_tail(text, start, name) if name else name
            name += DATED.match(text, start + len(name)).group(0) if dated and DATED.match(text, start + len(name)) else ""
            period = PERIOD.match(text, start + len(name)) if (head, etype) in titled or etype in PROGRAMMES else None
            name += period.group(0) if period and len(capitalised(name)) >= cfg["min_words"] else ""
            if not name or (name.lower() == head.lower() or name.lower() in head_names() and INDEFINITE.search(text[:start])) \
                    and "'s " not in head and not _defined(text, start + len(name), head) and \
                    not _of_state(text, start + len(name), head, etype, matches) or \
                    _covered(matches, start, start + len(name)):
                continue
            if _described(text, start, name, matches, cfg) and (
                    not _defined(text, start + len(name), name) and not _of_state(text, start + len(name), head, etype, matches)
                    and not _proper_body(text, start, name, etype)
                    or re.search(r"\b(?:[Aa]n?|[Aa]ny|[Ee]ach)\s+$", text[:start])):
                continue  # "a Joint Plan of Action": an indefinite description, not a name
            if _head_unmet(text, start, name, head, hit.end(), matches, found, cfg):
                continue
            etype = "NationalBody" if head in cfg.get("national_when_placed", ()) and _of_a_state(name, start, matches, cfg) \
                else _class_of(name, etype, heads, cfg)
            known = _abbreviated_as(text, start + len(name), matches, etype, name) or _apposed_to(text, start, matches, etype)
            found.append(Minted(start, start + len(name), name, etype, "en", known))
    spans: dict = {}
    for f in found:  # "Plan of Action on …" inside "Declaration and Plan of Action on …" is the title's second half
        if not any(o.start < f.start and o.end == f.end and text[o.start:f.start].endswith(" and ") for o in found):
            spans.setdefault((f.start, f.end), f)
    return [_short_form(text, f, matches) for f in spans.values()]


def _head_unmet(text: str, start: int, name: str, head: str, end: int, matches: list, found: list, cfg: dict) -> bool:
    """The name's head asks for more than the name has: a unit names a State's body only with its State or acronym
    ("the Airport Control Unit"); a System or Headquarters only with its acronym or enough words ("the Criminal Justice
    System"); a Secretariat beside another name is that name's organ ("the SADC Secretariat")."""
    defined = _defined(text, start + len(name), name)
    if head in cfg.get("placed_heads", ()) and not _placed(name, start, matches, cfg) and not defined:
        return True
    if head in cfg.get("front_placed_heads", ()) and not _state_before(name, start, end - len(head), matches, cfg):
        return True  # "the UK Foreign and Commonwealth Office", not "the Regional Office for South Asia (ROSA)"
    if head in cfg.get("long_heads", ()) and len(capitalised(text[start:end])) < cfg["long_head_words"] and not defined:
        return True
    if _unit_of_after(text, start + len(name), head, matches, cfg):
        return True  # "the Terrorism Prevention Branch of UNODC": an internal unit of a UN entity
    if head in cfg.get("closing_heads", ()) and (name.startswith(head) or len(capitalised(name)) < cfg.get("closing_head_words", 3)
                                                 and not _placed(name, start, matches, cfg)):
        return True  # "the Administration of Justice", "the Biden Administration": no State body's name
    return head in cfg.get("organ_heads", ()) and _organ_of(text, start, name, head, matches + found)


def _span(text: str, hit, start: int, matches: list[Match], connectors: set[str], head_re: str) -> tuple[int, str] | None:
    """(start, name) of the capitalised name around a head word, or None when it has too few or too many words."""
    cfg = rules()["mint"]["en"]
    # "the X Programme and the Y Programme": two names, the second starts after the first's head
    joined = list(re.finditer(rf"\b(?:{head_re})\s*(?:,|and|or)\s+(?:the\s+)?", text[start:hit.start()]))
    if joined:
        start += joined[-1].end()
    if re.search(r"(?:\band|\bor|,)\s+(?:the\s+)?$", text[start:hit.start()]) and re.match(rf"(?:{head_re})\s+of\s", text[start:]) \
            and _head_of_after(" " + text[hit.start():]):
        start = hit.start()  # "the Ministry of Justice and Ministry of Interior": the second name starts at its head
    start = _second_state_body(text, start, hit.start(), matches)  # "Pakistan Railways and Pakistan Customs"
    part = re.search(r"(\S+)\s+of\s+(?:the\s+)?$", text[start:hit.start()])
    if part and _body_of_after(text[:start + part.end(1)], text[start + part.end(1) + 3:]):
        start = hit.start()  # "the Legal Aid Department of Ministry of Justice": the body a part belongs to
    end = _extend_right(text, hit.end(), connectors, head_re, matches)
    for m in matches:  # "… Task Force on NCDs, UNODC contributed": a known name after a comma is not part of it
        if hit.end() < m.start < end and text[:m.start].rstrip().endswith(","):
            end = _list_cut(text, hit.end(), text.rindex(",", 0, m.start))
            break
        # "… Victim Support Network with the Southern African Development Community": a partner, not the name's tail
        partner = PARTNER_BEFORE.search(text, hit.end(), m.start) if hit.end() < m.start < end and m.type in ACTORS else None
        if partner is not None:
            end = partner.start()
            break
    name = _clean(text[start:end]).strip(" ,")
    words = capitalised(name)
    return (start, name) if cfg["min_words"] <= len(words) <= cfg["max_words"] else None


def _nested(text: str, hit, span: tuple[int, str] | None, cfg: dict) -> tuple[int, str] | None:
    """A name nested inside a title found before starts after the title's last "of (the)" before its head and ends
    at its head unless a name's tail follows ("… Capacities of El Salvador National Police to Effectively …" holds
    "El Salvador National Police")."""
    if span is None:
        return None
    start, name = span
    cut = list(re.finditer(r"\bof\s+(?:the\s+)?", text[start:hit.start()]))
    if cut and len(capitalised(text[start + cut[-1].end():hit.end()])) >= cfg["min_words"]:
        name, start = name[cut[-1].end():], start + cut[-1].end()
    if not re.match(r"\s+(?:of|on|for|against)\s", text[hit.end():]):
        name = name[:hit.end() - start]
    return start, name


def _person_title(start: int, name: str, cfg: dict, etype: str) -> tuple[int, str]:
    """A capitalised phrase that opens with a person's title names the organisation after "of"
    ("Deputy Commander of Afghan Border Police"); (start, "") when there is none."""
    if name.split(" ", 1)[0].rstrip(".") not in cfg.get("person_titles", ()) or etype in ("Convention", "Protocol"):
        return start, name
    if re.search(r"['’]s\s+[A-Z][\w\-]*$", name):
        return start, name  # "the Prosecutor General's Office": the office a person's title owns, a body
    of = re.search(r"^(?:[A-Z][\w'’\-.]*\s+(?:and\s+)?)+of\s+(?:the\s+)?", name)  # "Founder and Director of …"
    if of and _headed(name[:of.start() + len(of.group(0).split(" of")[0])], cfg):
        return start, name  # "General Department of Vietnam Customs": a body, not a person's title
    rest = name[of.end():] if of else ""
    words = capitalised(rest)
    if not of or not (cfg["min_words"] <= len(words)) or rest.split(" ", 1)[0] in cfg.get("person_titles", ()):
        return start, ""
    return start + of.end(), rest


def _after_owner(text: str, start: int, at: int, matches: list[Match], cfg: dict, titled: bool = False) -> int:
    """The start of a name after its owner: a known name in the possessive ("UNODC's …", "the Government of Canada's
    …"), or the organisation the name's variants leave out ("UNODC Passenger and Cargo Control Programme"; with
    *titled*, an instrument's title, also right before its head: "UNODC Model Law …")."""
    for owner in re.finditer(r"([A-Z][\w\-.]*)['’]s\s+", text[start:at]):
        if any(m.end == start + owner.end(1) for m in matches) or _headed(text[start:start + owner.end(1)], cfg):
            start_after = start + owner.end()
            return _after_owner(text, start_after, at, matches, cfg, titled)
    whole = titled or re.match(r"[A-Z][a-z]+ [A-Z]", text[at:])  # "UNODC Global Programme …", not "UNODC Programme on …"
    first = re.match(r"([A-Za-z]+)\s+(?=[A-Z])", text[start:] if whole else text[start:at])
    acronym = re.match(r"([A-Z]{2,})\s+(?=[A-Z])", text[start:at + 1])
    if acronym and _owner_acronym(acronym.group(1), cfg) and _owned_rest(text, start + acronym.end(), at):
        first = acronym
    if first and start + first.end() <= at and (first.group(1).lower() in rules()["mint"]["variants"]["drop_words_en"]
                                                 or first is acronym) and \
            any(m.start == start and m.end == start + len(first.group(1)) and
                (m.type == "Country" or titled or first is not acronym) and m.type in OWNERS for m in matches):
        return start + first.end()  # a State's acronym before its body, an organisation's before a title it issued
    return start


OWNERS = ORGANIZATIONS | {"Country"}


def _headed(name: str, cfg: dict) -> bool:
    """A possessive owner that is a name of its own: two capitalised words and a head word ("the U.S. Department of
    State's Bureau of …")."""
    heads = {w for h, _ in cfg["name_heads"] for w in [h.split()[0]]}
    return len(capitalised(name)) >= cfg["min_words"] and any(w in heads for w in capitalised(name))


def _organ_of(text: str, start: int, name: str, head: str, names: list) -> bool:
    """The name is an organ's head word and another name, before it or after "of (the)"."""
    rest = re.fullmatch(rf"(?:(.+?)\s+{re.escape(head)}|{re.escape(head)}\s+(?:of|for)\s+(?:the\s+)?(.+))", name)
    if rest is None:
        return False
    at = start + (rest.start(1) if rest.group(1) else rest.start(2))
    end = start + (rest.end(1) if rest.group(1) else rest.end(2))  # after of/for: a known body opening the rest owns it
    return any(n.start == at and (n.end == end or rest.group(2) and n.type in ACTORS) for n in names) or \
        bool(rest.group(2)) and _headed(rest.group(2), rules()["mint"]["en"])


def _owned_rest(text: str, rest: int, at: int) -> bool:
    """What follows an owner's acronym is a name of its own: two capitalised words before the head word, or a tail of
    three capitalised words after it ("US Bureau of International Narcotics …"; not "ECOWAS Support Project", nor
    "US Department of Justice", which names any State's department without its State)."""
    tail = re.match(r"[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|of|and|for|on|the|against|&))*", text[at:])
    return len(capitalised(text[rest:at])) >= 2 or bool(re.match(r"[A-Z][\w'’\-]*\s+(?:of|on|for|against)\s", text[at:])) \
        and len(capitalised(tail.group(0))) >= 4


RELATIVE = {"that", "which"}  # inside a title-case name ("… on Crimes that Affect the Environment")
PARTNER_BEFORE = re.compile(r"\s+(?:with|by|from|at)\s+(?:the\s+)?$")
OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")


def _classifier(text: str, hit, start: int, head_re: str) -> bool:
    """The head word opens the name and a capitalised word that is not a head follows it directly: it
    classifies the name after it ("the Project Support to …", "the Programme Counter-Narcotics …")."""
    if start != hit.start():
        return False
    after = re.match(r"[ \t]+([A-Z][\w'’\-]*)", text[hit.end():])
    return bool(after and not re.fullmatch(rf"(?:{head_re})", after.group(1)))


def _described(text: str, start: int, name: str, matches: list[Match], cfg: dict) -> bool:
    """A name made only of generic words (rules.toml [mint.en] generic_words and head words) is a description or
    a reference back to a name, not a name: "a Joint Plan of Action", "the Global Project functions …"."""
    if _inside(matches, start, start + len(name)):
        return False
    generic = {w.lower() for w in cfg.get("generic_words", [])}
    generic |= {h.split()[-1].lower() for h, _ in cfg["name_heads"] + cfg["title_heads"]}  # head nouns, not "Migration" of "Migration Service"
    words = capitalised(name)
    return all(w.lower() in generic for w in words)


def _placed(name: str, start: int, matches: list[Match], cfg: dict) -> bool:
    """The name holds a place or opens with a word of a State's bodies (National, Federal …)."""
    return any(m.type in PLACES for m in _inside(matches, start, start + len(name))) or \
        name.split(" ", 1)[0] in cfg.get("national_words", ())


def _extend_left(text: str, pos: int, connectors: set[str], matches=()) -> int:
    """Start of the capitalised phrase ending at *pos*, across an unknown acronym right before it ("… Border Security
    (EXBS) Program"; not "… West African States (ECOWAS) Convention": the acronym of the name before)."""
    inner = re.search(r"\s\(([A-Z][A-Za-z0-9.\-&]{1,9})\)\s+$", text[:pos])
    if inner and any(m.start < inner.end(1) and inner.start(1) < m.end for m in matches):
        inner = None
    limit = inner.start() if inner else pos
    tokens = list(re.finditer(r"[A-Za-z][\w'’\-.]*(?:/[A-Z][\w'’\-]*)*|&", text[:limit]))  # "HIV/AIDS": one word
    start = limit
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        between = text[tok.end():start]
        if between.strip() and not (_title_colon(between, tok.group(0), text[start:pos], tokens[:i])
                                    and not any(m.start == start and m.type not in PLACES for m in matches)):
            break  # "Executing Agency: UNODC …": a field's label before a known name is no title's first half
        word = tok.group(0)
        if word in ("The", "This", "These", "That", "A", "An"):
            start = tok.start() if word[0] == "T" else start
            break  # "… Reduction Programme The Programme also …": a heading joined to its paragraph
        if word.endswith(".") and (re.fullmatch(r"[A-Za-z][a-z]+\.|[A-Za-z]\.[a-z]\.", word) or "." not in word[:-1] and len(word) > 2):
            break  # the end of the sentence before ("… by Land, Sea and Air. The …", "… by UNODC. Project …"); "E.g."
        if _people_of(word, text[tok.end():limit]):
            break  # "Staff of Pakistan Railways …", "Officials of the Ministry …": people of a body, no word of its name
        if word[0].isupper() or word in LEFT_CONNECTORS or re.match(r"[a-z][A-Z]", word):  # eLearning
            start = tok.start()
        elif word in rules()["mint"]["en"]["inner_connectors"] and i > 0 and tokens[i - 1].group(0)[0].isupper() and \
                not tokens[i - 1].group(0).isupper() and \
                not text[tokens[i - 1].end():tok.start()].strip() and \
                text[:tokens[i - 1].start()].rstrip()[-1:] not in ("", ".", ":", "\n", "!", "?"):
            start = tok.start()  # "Women in Law Enforcement Initiative": a word between two capitalised words
        else:
            break
    start = pos if start == limit else _spelt(text, start, limit, inner.group(1)) if inner else start
    # a name does not start with a connector
    while True:
        m = re.match(r"([a-z&]+)\s+", text[start:pos])
        if m and m.group(1) in connectors:
            start += m.end()
        else:
            break
    m = re.match(r"(?:The|This|These|That)\s+", text[start:pos])
    if m:
        start += m.end()
    m = re.match(r"[A-Z][\w.]*-(?:funded|supported|led|backed|sponsored|financed)\s+", text[start:pos])
    if m:
        start += m.end()  # "the EU-funded Project on …": who pays for the name, not a word of it
    first = re.match(r"([A-Z][a-z]+)\s+(?=[A-Z])", text[start:])
    if first and start + first.end() <= pos and first.group(1) in rules()["mint"]["en"].get("sentence_openers", ()):
        start += first.end()  # "Under Country Programme II, …": a preposition opening the sentence
    return start


def _title_colon(between: str, word: str, after: str, before: list) -> bool:
    """A colon inside a title: two capitalised words before it and a capitalised title word after it
    ("Organised Crime: West African Response to Trafficking Programme"); not after a head word or a second time,
    which make a form's field labels ("Lead Agency: Ministry of … Partner Agency: …")."""
    opener = after.split(" ", 1)[0]
    cfg = rules()["mint"]["en"]
    if ":" in after or word in {h.split()[-1] for h, _ in cfg["name_heads"] + cfg["title_heads"]}:
        return False
    return between.strip() == ":" and between.startswith(":") and word[0].isupper() and not word.isupper() and \
        opener[:1].isupper() and opener not in TITLE_OPENERS and bool(before) and before[-1].group(0)[0].isupper()


def _extend_right(text: str, pos: int, connectors: set[str], head_re: str = "", matches=()) -> int:
    """End of a capitalised tail such as "on Cybercrime" or "against Money Laundering"."""
    end = pos
    i = pos
    listed = None  # (end before the first comma, position of the last comma) of a list inside the name
    while True:
        m = re.match(r"([ \t]+|,[ \t]*)([A-Za-z](?:\w|\-(?=\w)|['’](?=\w|\s+[A-Z(]))*(?:/[A-Z][\w'’\-]*)*(?![\w\-])|&)", text[i:])  # not "Narcotics'", "Interna-"
        if not m:
            break
        word = m.group(2)
        if word[0].isupper() and re.search(r"['’]s$", word) and not any(k.start <= i + m.end() - 2 < k.end - 2 for k in matches):
            end = i + m.end() - 2 if i > pos and len(word) > 3 else end
            break  # "the Department of State's Bureau …": the owner ends before its possessive
        if word in ("The", "A", "An", "This", "These", "It", "Its") or re.match(r"[A-Z]\.[A-Za-z]", text[i + m.end() - 1:]):
            break  # a new sentence or clause (a heading joined to its paragraph); an initialism ("… of P.R. China")
        if word in ("in", "at") and _where_after(text, pos, i, i + m.end(), word, matches, connectors):
            break  # "the Law Enforcement Training Project in Ethiopia", "… Centre in Almaty", "… in Pretoria": where
        if word.rstrip(".") in rules()["mint"]["en"].get("honorifics", ()) or word == "of" and (
                _body_of_after(text[:pos], text[i + m.end():]) or _part_of_known(text, pos, i + m.end(), matches)) \
                or _people_of(word, text[i + m.end():]):
            break  # "… Pakhtunkhwa Mr. Khalid Masood": a person; "… Relations of the Ministry of …": a part of another body;
            # "… and Representatives of the National Police": people of another body
        if word[0].isupper():
            if m.group(1).strip() == "," and (_names_after(" the " + re.sub(r"^the\s+", "", text[i + len(m.group(1)):]), head_re)
                                              or word.rstrip(".") in rules()["mint"]["en"].get("person_titles", ())
                                              or any(k.start == i + m.start(2) and k.type not in PLACES for k in matches)):
                break  # "the Ministry of Internal Affairs, State Customs Service and …": a list of names; ", Dr …": a person;
                # "… in West Africa, WACI has …": a known name after a comma opens the clause
            if m.group(1).strip() == ",":
                listed = (listed[0] if listed else end, i)
            i += m.end()
            end = i
        elif word in ("and", "or") and listed and m.group(1).strip() == "," and re.match(r"\s+[A-Z]", text[i + m.end():]):
            i += m.end()  # "… Illicit Drug Trafficking, Organized Crime, and Drug Abuse": the last of a list
        elif word in ("and", "or", "&") and ((head_re and re.search(rf"\b(?:{head_re})$", text[:i]) and not _joined_title(text, i, m))
                                        or _names_after(text[i + m.end():], head_re) or _head_of_after(text[i + m.end():])
                                        or word == "and" and _state_body_at(text, i + m.end(), matches)
                                        or _other_name_after(text, i + m.end(), matches)
                                        and not _topic_and(text, pos, i, i + m.end(), matches)
                                        or re.match(r"\s+(?:to|for|with|by|from|at|in|on|of|through)\s", text[i + m.end():])):
            break  # "the Seychelles Anti-Narcotics Bureau and the Marine Police Unit", "Pakistan Customs & the …": two names
        elif (word in connectors or word in RELATIVE and re.match(r"\s+[A-Z][a-z]", text[i + m.end():])) and m.group(1).strip() != ",":
            i += m.end()  # a connector; "that"/"which" only before a capitalised word ("Crimes that Affect the Environment")
        else:
            break
    if listed and not any(not any(k.start <= a.start() < k.end for k in matches)
                          for a in re.finditer(r"\s(?:and|or|&)\s", text[:end]) if a.start() > listed[1]):
        return listed[0]  # "… Governing Bodies, Division for Treaty Affairs": no list closed by "and", two names
    return end
