"""Small tests on the words around an English name: a town after its head, an abbreviation that defines it, a title
joined to a second title by "and", another name or a place right after a name, a reference entity's abbreviation or
dashed name beside it."""

from __future__ import annotations

import re
from functools import cache
from dataclasses import replace

from kg.core.resources import rules
from kg.core.vocabulary import BODIES, ORGANIZATIONS, PLACES, family
from kg.extract.link import Match
from kg.extract.minted import Minted
from kg.extract.nlp import alternation

ACTORS = ORGANIZATIONS | BODIES


def town_at(text: str, pos: int) -> bool:
    """One capitalised word starts at *pos* and ends the phrase (a town: "… Centre in Almaty;")."""
    return bool(re.match(r"\s*[A-Z][a-z]+(?:[;,.:)]|\s+[a-z(]|\s*$)", text[pos:]))


OWN_OF = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w'’\-]*)*")
# a town of one or two words that ends the clause: a stop, or a word of time or date after it ("in Dhaka on 1 May")
TOWN = re.compile(r"\s*([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:[;,.:)]|\s+(?:on|last|this|next|during|since|today|yesterday)\b|\s*$)")


def where_after(text: str, pos: int, i: int, after: int, word: str, matches, connectors: set[str]) -> bool:
    """ "in" or "at" after a name's words (from its head's end *pos* to *i*; *after*: the end of the word) opens where
    the entity works or sits, no word of its name: a place or a town right after the head ("the Law Enforcement Training
    Project in Ethiopia", "… Centre in Almaty", "… at Lima airport"), a town after a State named in it or before that
    State ("… of the Republic of South Africa in Pretoria", "… Crime in Abuja, Nigeria"), or a seat head's town
    (town_after_of)."""
    if word == "at":
        return i == pos
    if i == pos:
        return place_at(text, after, matches) or town_at(text, after) or modifies_noun(text, after, connectors) or \
            town_after_of(text, pos, i, after, matches)
    return town_at(text, after) and not place_at(text, after, matches) and any(
        k.type == "Country" and (pos <= k.start < i or town_of(text, after, k)) for k in matches) or \
        town_after_of(text, pos, i, after, matches)


def town_after_of(text: str, pos: int, at: int, after: int, matches) -> bool:
    """ "the Ministry of Education in Dhaka on …", "the Institute of Defense Studies and Analysis in New Delhi", "the
    Narcotics Control Department in Khyber Pakhtunkhwa, …": right after the head or after the own of-phrase of a head of rules.toml [mint.en] seat_heads (ending at *at*, "in" after it), a town of one or two capitalised words
    that ends the clause (TOWN) and is no known place says where the body sits, no word of its name (not "… of
    Trafficking in Persons": an activity's object; not "… of Cooperation in Criminal Matters.": a field of rules.toml
    [mint.en] field_words_en)."""
    cfg = rules()["mint"]["en"]
    town = TOWN.match(text, after)
    return any(text.endswith(h, 0, pos) for h in cfg.get("seat_heads", ())) and (at == pos or bool(OWN_OF.fullmatch(text, pos, at))) \
        and not text[:at].endswith("ing") and town is not None and town.group(1).split()[-1] not in cfg.get("field_words_en", ()) \
        and not place_at(text, after, matches)


def state_owned(start: int, owned: int, matches) -> bool:
    """The owner before a name (from *start* to *owned*, where the name starts) is a State: "Australia's Department of
    Immigration" is a body of that State, not an organisation's own office."""
    return any(m.type == "Country" and m.start == start and m.end < owned for m in matches)


def list_cut(text: str, head_end: int, cut: int) -> int:
    """Where a name ends before a list that holds a known name after a comma (*cut*: the comma before that name): at
    the list's first comma when no "and" or "&" joins its items before *cut* ("the Ministry of Public Security, Frontex,
    Germany and Portugal": a list of partners), else at *cut* ("… of Illicit Drug Trafficking, Organized Crime and Drug
    Abuse, UNODC …": a list inside the name)."""
    first = text.find(",", head_end, cut + 1)
    return first if 0 <= first < cut and not re.search(r"\s(?:and|&)\s", text[first:cut]) else cut


def defined(text: str, end: int, head: str) -> bool:
    """A head of two words or more given its abbreviation is a name: "the Drug Control Agency (DCA)"."""
    acronym = re.match(r"\s*\(([A-Z]{2,8})\)", text[end:])
    return " " in head and bool(acronym) and acronym.group(1) not in rules()["mint"]["en"].get("acronym_not_names", ())


def joined_title(text: str, i: int, m) -> bool:
    """A declaration's title joined by "and" to a plan's (rules.toml [mint.en] joined_title_heads): one title, "the
    Naples Political Declaration and Global Action Plan against …"; not before "the" (two titles)."""
    heads = rules()["mint"]["en"].get("joined_title_heads", [])
    return m.group(2) == "and" and any(text.endswith(h, 0, i) for h in heads) and \
        bool(re.match(r"\s+(?!The\b|the\b)[A-Z]", text[i + m.end():]))


def names_after(rest: str, head_re: str) -> bool:
    """ "… and the Organized Crime Strategy Toolkit": another name ending with a head word follows."""
    run = re.match(r"\s+the\s+((?:[A-Z][\w'’\-]*\s+(?:(?:&|and)\s+)?){0,6}[A-Z][\w'’\-]*)", rest) or \
        re.match(r"\s+((?:[A-Z][\w'’\-]*\s+){1,6}[A-Z][\w'’\-]*)(?=\s*\([A-Z]{2,8}\))", rest)  # "… and Anti Narcotics Force (ANF)"
    return bool(run and head_re and re.search(rf"\b(?:{head_re})$", run.group(1)))


def head_of_after(rest: str) -> bool:
    """ "… Ministry of Justice and Ministry of Interior of Iraq": after "and", a name's head word (rules.toml [mint.en]
    name_heads) and "of" open a second name of the list."""
    heads = rules()["mint"]["en"]["name_heads"]
    return bool(re.match(rf"\s+(?:{alternation(h for h, _ in heads)})\s+of\s", rest))


def body_of_after(before: str, rest: str) -> bool:
    """ "the Department of Foreign Relations of the Ministry of Public Security": after "of", a name that ends with a
    head word (rules.toml [mint.en] name_heads) and goes on with "of" is another body, when the name before has the
    head of a part of a body (part_heads; not "the Siberian Law Institute of the Ministry of …", one name)."""
    cfg = rules()["mint"]["en"]
    if not any(before.endswith(h) for h in cfg.get("part_heads", ())):
        return False
    return bool(re.match(rf"\s+(?:the\s+)?(?:[A-Z][\w\-]*\s+){{0,3}}(?:{alternation(h for h, _ in cfg['name_heads'])})\s+of\s", rest))


def part_of_known(text: str, pos: int, at: int, matches) -> bool:
    """ "the Law Enforcement Sub-programme of the Country Programme for Afghanistan": after "of (the)", a known
    programme or body begins, or up to three capitalised words and a head word (rules.toml [mint.en] name_heads), and
    the name before has the head of a part (part_heads)."""
    cfg = rules()["mint"]["en"]
    if not any(text.endswith(h, 0, pos) for h in cfg.get("part_heads", ())):
        return False
    start = at + re.match(r"\s*(?:the\s+)?", text[at:]).end()
    return any(m.start == start and family(m.type) in cfg.get("part_of_families", ()) for m in matches) or \
        bool(re.match(rf"(?:[A-Z][\w\-]*\s+){{0,3}}(?:{alternation(h for h, _ in cfg['name_heads'])})\b", text[start:]))


def place_at(text: str, pos: int, matches) -> bool:
    """A place's name starts at *pos* (after white space and "the")."""
    at = pos + re.match(r"\s*(?:the\s+)?", text[pos:]).end()
    return any(m.start == at and m.type in PLACES for m in matches)


def other_name_after(text: str, pos: int, matches) -> bool:
    """ "… of Colombia and the Attorney General's Office …", "… Affairs and INTERPOL": "and the" before a
    capitalised word, or "and" before a known organisation, opens another name, unless a place that ends the
    run of capitalised words starts there ("… for Latin America and the Caribbean")."""
    bare = re.match(r"\s+", text[pos:])
    if bare and any(m.start == pos + bare.end() and m.type in ACTORS for m in matches):
        return True
    the = re.match(r"\s+the\s+(?=[A-Z])", text[pos:])
    if the is None:
        return False
    at = pos + the.end()
    last = re.match(r"([A-Z][a-z]+)(?:\s*[.,;:()]|\s+[a-z]|\s*$)", text[at:])
    joined = re.search(r"\s+and$", text[:pos])
    joint = joined and any(text.endswith(region, 0, joined.start()) and text.startswith(tail, joined.start())
                           for region, tail in rules()["link"].get("joint_areas_en", ()))
    if last and joined and (joint or any(m.end == joined.start() and m.type in PLACES for m in matches)) and \
            last.group(1) not in {w for h, _ in rules()["mint"]["en"]["name_heads"] for w in h.split()}:
        return False  # "… for Asia and the Pacific": one word after a place ends the place's name
    return not any((m.start in (at, pos + the.start() + 1) or m.start < pos < m.end) and m.type in PLACES
                   and not re.match(r"\s+[A-Z]", text[m.end:]) for m in matches)


def modifier(text: str, end: int, connectors: set[str]) -> bool:
    """The head word is followed directly by a capitalised word that is not a connector: it modifies a longer name
    ("the Division for Treaty Affairs", "the Global Partnership Programme"), it does not end one."""
    after = re.match(r"[ \t]+([A-Z][a-z][\w'’\-]*)", text[end:])
    return bool(after and after.group(1).lower() not in connectors and after.group(1) not in SENTENCE_WORDS)


def many_of(text: str, end: int) -> bool:
    """A lower-case word after the head makes it describe many bodies or people (rules.toml [mint.en]
    head_modified_by): "National Police bodies", "Customs officers" (only for generic words before it)."""
    plural = re.match(r"[ \t]+([a-z]+)\b", text[end:])
    return bool(plural and plural.group(1) in rules()["mint"]["en"].get("head_modified_by", ()))


def modifies_noun(text: str, pos: int, connectors: set[str]) -> bool:
    """The capitalised words after "in" describe a lower-case noun after them: "… Service in the North-eastern states"
    is where the service works, not part of its name."""
    run = re.match(r"\s+(?:the\s+)?(?:[A-Z][\w'’\-]*\s+)+([a-z]+)\b", text[pos:])
    return bool(run) and run.group(1) not in connectors


def topic_and(text: str, pos: int, i: int, at: int, matches) -> bool:
    """ "… Congress on the Prevention of Crime and the Treatment of Offenders": after a topic (on/for/against the …)
    "and the" and a capitalised run that is no known name and no body of a State joins a second topic."""
    if not re.search(r"\b(?:on|for|against)\s+the\s", text[pos:i]):
        return False
    the = re.match(r"\s+the\s+([A-Z][\w'’\-]*)", text[at:])
    return bool(the) and the.group(1) not in rules()["mint"]["en"].get("not_topic_words", ()) and \
        not any(m.start <= at + the.start(1) < m.end for m in matches)


def of_state(text: str, end: int, head: str, etype: str, matches) -> bool:
    """A State's body named by a head of two words or more and its State after "in": "the Office of Attorney General
    in Nepal"."""
    at = re.match(r"\s+in\s+(?:the\s+)?", text[end:])
    return " " in head and etype == "NationalBody" and at is not None and \
        any(m.start == end + at.end() and m.type == "Country" for m in matches)


SENTENCE_WORDS = {"The", "A", "An", "This", "These", "It", "Its", "In", "On", "At", "For", "By", "With"}


def capitalised(name: str) -> list[str]:
    """The capitalised words of a name ("eLearning" counts as one)."""
    return [w for w in re.findall(r"[A-Za-z][\w'’\-]*", name) if w[0].isupper() or re.match(r"[a-z][A-Z]", w)]


def acronym_tail(text: str, start: int, name: str) -> str:
    """The name with the lower-case words after it that its acronym in parentheses spells with it: "Regional Working
    Group on law enforcement Training (RWGT)" (the acronym is the initials of the capitalised words)."""
    tail = re.match(r"((?:\s+[a-z][\w\-]*){1,4}(?:\s+[A-Z][\w\-]*){1,3})\s*\(([A-Z]{3,8})\)", text[start + len(name):])
    own = "".join(w[0] for w in capitalised(name))
    if tail is None:
        return _connected_tail(text, start, name, own)
    longer = name + tail.group(1)
    initials = "".join(w[0] for w in capitalised(longer))
    return longer if initials == tail.group(2) and own != tail.group(2) else name


def _connected_tail(text: str, start: int, name: str, own: str) -> str:
    """The name with a tail that a connector opens and its acronym in parentheses closes, in words of another
    language's order ("… Commission for the Collection and Control of illicit arms (CNCCAI)", "… National Commission
    to fight against the Proliferation of Light Weapons (CNLPAL)"): at most six words, no comma."""
    tail = re.match(r"(\s+(?:of|for|on|against|to)(?:\s+[A-Za-z][\w\-]*){1,6}?)\s*\(\s?([A-Z](?:[A-Z]|\.(?=[A-Z])){3,8})\)",
                    text[start + len(name):])  # also "( UN.GIFT)"
    if tail is None or tail.group(2).replace(".", "") == own or len(capitalised(name)) < 2 or re.fullmatch(r"\s+\w+\s+the\s+\w+", tail.group(1)):
        return name  # "… of the country (MOIC)": a description after the name
    words = [w for w in re.findall(r"[A-Za-z][\w\-]*", name + tail.group(1)) if w not in rules()["mint"]["en"]["function_words"]]
    if "".join(w[0] for w in words).upper() == tail.group(2).replace(".", ""):
        return name  # "the Regional Network on border management (RNBM)": lower-case words its English acronym spells
    return name + tail.group(1)


def town_of(text: str, pos: int, country) -> bool:
    """One capitalised word after *pos*, then a comma and the State *country*: "in Abuja, Nigeria"."""
    town = re.match(r"\s*[A-Z][a-z]+,\s*", text[pos:])
    return bool(town) and country.start == pos + town.end()


def spelt(text: str, start: int, limit: int, acronym: str) -> int:
    """The start of the list of capitalised words whose initials spell *acronym* ("Resource Mobilization, Monitoring and
    Evaluation (RMME) Working Group"), from *start* back over at most two commas."""
    at = start
    for _ in range(3):
        if "".join(w[0] for w in capitalised(text[at:limit])) == acronym:
            return at
        before = re.search(r"((?:[A-Z][\w'’\-]*\s+)*[A-Z][\w'’\-]*),\s+$", text[:at])
        if before is None:
            break
        at = before.start(1)
    return start


def apposed_to(text: str, start: int, matches: list[Match], etype: str) -> tuple | None:
    """(IRI, class) of the reference entity of the name's class family that a dash sets the name beside:
    "CRIMJUST – “Criminal Network Disruption Global Programme”" is another form of CRIMJUST."""
    from kg.core.vocabulary import family

    dash = re.search(r"\s+[–—-]\s+[“\"]?$", text[:start])
    if dash is None:
        return None
    known = next((m for m in matches if m.end == dash.start() and family(m.type) == family(etype)), None)
    return (known.iri, known.type) if known is not None else None


def abbreviated_as(text: str, end: int, matches: list[Match], etype: str, name: str = "") -> tuple | None:
    """(IRI, class) of the reference entity whose abbreviation stands in parentheses right after a name of its
    class family: "the Organization for Cooperation and Security in Europe (OSCE)" is another form of OSCE, and so is a
    known name after "(the": "the Standard Minimum Rules … (the Nelson Mandela Rules)"; of another family when the
    name's capitals spell the abbreviation ("United Nations Program on HIV/AIDS (UNAIDS)")."""
    from kg.core.vocabulary import family

    opened = re.match(r"\s*\((the\s+)?", text[end:])
    if not opened:
        return None
    at = end + opened.end()
    inner = next((m for m in matches if m.start == at and text[m.end:m.end + 1] == ")"), None)
    if inner is None or family(inner.type) != family(etype) and not _spells(text[inner.start:inner.end], name) or \
            not opened.group(1) and not re.fullmatch(r"[A-Z][A-Za-z\-]*[A-Z]", text[inner.start:inner.end]):
        return None  # "(OSCE)", "(the Nelson Mandela Rules)": another name of a known entity
    return inner.iri, inner.type


def _spells(abbreviation: str, name: str) -> bool:
    """The abbreviation's capitals stand in that order among the name's capitals, the first one first."""
    capitals = iter(ch for ch in name if ch.isupper())
    letters = [ch for ch in abbreviation if ch.isupper()]
    return len(letters) >= 2 and bool(name) and name[0] == letters[0] and all(ch in capitals for ch in letters)


def short_form(text: str, f: Minted, matches: list[Match]) -> Minted:
    """A name alone in parentheses right after a known name of its family is that entity's short form: "the Protocol
    to Prevent … (UN Trafficking Protocol)" (an abbreviation in parentheses after a name is the same entity)."""
    if f.known is not None or text[f.end:f.end + 1] != ")":
        return f
    opened = re.search(r"\s*\(\s*$", text[:f.start])
    before = next((m for m in matches if opened and m.end == opened.start()), None)
    return replace(f, known=(before.iri, before.type)) if before and family(before.type) == family(f.type) else f


def proper_body(text: str, start: int, name: str, etype: str) -> bool:
    """Three capitalised words or more after "the" with the head of a State's body or school name it even when each
    word is generic ("the National Police Academy"); generic words name no programme, plan or committee ("the Global
    Project", "the Ad Hoc Committee", "the National Action Plan adopted by …": any State's)."""
    return etype in ("NationalBody", "AcademicInstitution") and len(capitalised(name)) >= 3 and \
        bool(re.search(r"\bthe\s+$", text[:start]))


def of_a_state(name: str, start: int, matches, cfg: dict) -> bool:
    """The name holds a State's name or opens with a word of a State's bodies (rules.toml [mint.en] national_words):
    "the National Assembly of Kenya"; not a region's adjective ("the Pan-African Parliamentary Assembly")."""
    return any(m.type == "Country" and start <= m.start and m.end <= start + len(name) for m in matches) or \
        name.split(" ", 1)[0] in cfg.get("national_words", ())


def class_of(name: str, etype: str, heads: list, cfg: dict) -> str:
    """The class of a name: that of its last head word (the West African Coast Guard Network is a Network); an
    intergovernmental body when it opens with "United Nations" and ends with a body's head (Commission …)."""
    etype = next((t for h, t in heads if name.endswith(" " + h)), etype)
    owned = re.match(rf"(?:[A-Z][\w'’\-]*\s+)*?({'|'.join(cfg.get('body_heads', ()))})\s+of\s", name)
    if owned and family(etype) == "Programme":
        return "IntergovernmentalBody"  # "the High-Level Policy Committee of the West Africa Coast Initiative": a body
    if etype == "Network" and set(name.split()) & set(cfg.get("expert_words", ())):
        return "ExpertBody"  # a group of experts is an expert body, not a network
    if any(name.startswith(o + " ") for o in cfg.get("body_openers", ())) and \
            any(name.endswith(" " + h) or f" {h} " in name for h in cfg.get("body_heads", ())):
        return "IntergovernmentalBody"
    return etype


UNIT_AFTER = re.compile(r"(?:,\s+[A-Z][\w'’\-]*(?:\s+(?:for|of|and|on|the|[A-Z][\w'’\-]*))*)?(?:\s*,\s*|\s+of\s+(?:the\s+)?)")


def unit_of_after(text: str, end: int, head: str, matches, cfg: dict) -> bool:
    """A name with the head of an office or unit (rules.toml [mint.en] office_heads, organ_heads, unit_heads) that a UN
    entity's name follows, after "of" or a comma and maybe another unit's name, is that entity's internal unit, no
    entity: "the Secretariat to the Governing Bodies, Division for Treaty Affairs, United Nations Office on Drugs and
    Crime", "the Terrorism Prevention Branch of UNODC"."""
    heads = set(cfg.get("office_heads", ())) | set(cfg.get("organ_heads", ())) | set(cfg.get("unit_heads", ()))
    after = UNIT_AFTER.match(text, end) if head in heads else None
    return bool(after) and any(m.start == after.end() and m.type == "UNEntity" for m in matches)


def people_of(word: str, rest: str) -> bool:
    """A capitalised noun of people or groups before "of" ([mint.en] head_modified_by: "Staff of …", "Officials of the
    Ministry …"): the people of a body, no word of its name."""
    return word[:1].isupper() and word.lower() in rules()["mint"]["en"].get("head_modified_by", ()) and \
        bool(re.match(r"\s+of\s", rest))


def state_body_at(text: str, at: int, matches: list[Match]) -> bool:
    """A State's name opens a capitalised phrase at *at* ("… and Kenya Police Service"): a second body of a State."""
    return any(k.type == "Country" and k.start >= at and not text[at:k.start].strip() and re.match(r"\s+[A-Z]", text[k.end:])
               for k in matches)


def second_state_body(text: str, start: int, head_at: int, matches: list[Match]) -> int:
    """The start of the second of two names of bodies joined by "and" before a head: a State's name opens it ("Pakistan
    Railways and Pakistan Customs"), or the first is opened by a head and "of" and the second has two words or more ("the
    Ministry of Narcotics Control and Anti Narcotics Force"); else *start*."""
    opened = any(text.startswith(h + " of ", start) for h, _ in rules()["mint"]["en"]["name_heads"])
    for joint in reversed(list(re.finditer(r"\s(?:and|&)\s+", text[start:head_at]))):
        state = any(m.start == start + joint.end() and m.type == "Country" for m in matches)
        if (state or opened and len(capitalised(text[start + joint.end():head_at])) >= 2) and \
                len(capitalised(text[start:start + joint.start()])) >= 2:
            return start + joint.end()
    return start


def state_before(name: str, start: int, head_at: int, matches: list[Match], cfg: dict) -> bool:
    """A State's name before the head, or a national word opening the name ([mint.en] front_placed_heads: "the UK
    Foreign and Commonwealth Office", "the Federal Office of Police"), and no field office's word before the head ([mint.en]
    field_office_words: "the Pakistan Country Office"); a capitalised word stands between the State and the head ("the
    Kenya Office" is UNODC's field office)."""
    head = name[head_at - start:].split(" ", 1)[0]
    if re.search(rf"\b(?:{'|'.join(map(re.escape, cfg.get('field_office_words', ())))})\s+{re.escape(head)}\b", name):
        return False
    national = name.split(" ", 1)[0] in cfg.get("national_words", ()) and not any(
        m.start == start and m.type in PLACES for m in matches)
    states = [m for m in matches if m.type == "Country" and start <= m.start and m.end <= head_at]
    between = [w for w in capitalised(name[states[-1].end - start:head_at - start])] if states else []
    return national or bool(between)  # "the Kenya Office", "UNODC's Afghanistan Office": a field office, no State body


def owner_acronym(word: str, cfg: dict) -> bool:
    """An organisation's or State's acronym before a name owns it ("the US Bureau of …", "the OHCHR Recommended
    Principles …"; an organisation's organ keeps it: "the SADC Organ on …"), except the United Nations' (body_openers: "UN Integrated Strategy for the Sahel") and UNODC's (a variant)."""
    return word.isupper() and len(word) >= 2 and word not in cfg.get("body_openers", ()) and \
        word.lower() not in rules()["mint"]["variants"]["drop_words_en"]  # UNODC stays; its variants leave it out


@cache
def head_names() -> frozenset:
    """Every head word of names and titles in lower case ([mint.en] name_heads, title_heads): a name that is one of them
    alone after an indefinite article is none ("a Task Force")."""
    cfg = rules()["mint"]["en"]
    return frozenset(h.lower() for h, _ in cfg["name_heads"] + cfg["title_heads"])
