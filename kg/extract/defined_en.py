"""English names that a class noun marks: a quoted name beside it (the project “…”), a capitalised name before it in
lower case (the Safe Ports initiative), a lower-case name after "the global programme on", the subject of "… is a …
project", and a lower-case name given its acronym ("the inter-agency armed violence prevention programme (AVPP)")."""

from __future__ import annotations

import re

from kg.core.vocabulary import ORGANIZATIONS, family
from kg.extract.link import Match
from kg.extract.minted import Minted, _clean, _covered, _inside
from kg.extract.name_words_en import capitalised
from kg.extract.nlp import alternation



def defined_names(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """Names that the sentence defines (see the module's docstring)."""
    nouns = {noun.lower(): etype for noun, etype in cfg.get("quoted_after", [])}
    if not nouns:
        return []
    return _copula(text, matches, cfg, nouns) + _lower_acronym(text, matches, cfg, nouns) + _acronym_noun(text, matches, cfg, nouns) \
        + _apposed_title(text, matches, cfg, nouns)


def _apposed_title(text: str, matches: list[Match], cfg: dict, nouns: dict) -> list[Minted]:
    """ "UNODC is implementing a European Union funded project, Response to Drugs and Related Organized Crime in
    Nigeria.": a title-case phrase of three capitalised words or more right after a class noun and a comma or colon,
    ending the clause, names that project (not "the project, Kenya Police Service officers said")."""
    noun = alternation(nouns)
    word = r"(?:[A-Z][\w'’\-/]*|of|and|for|on|the|to|in|against|with|&)"
    found = []
    for hit in re.finditer(rf"\b({noun})[,:][ \t]+([A-Z][\w'’\-/]*(?:[ \t]+{word}){{2,18}})(?=[.;,)]|$)", text):
        name = hit.group(2)
        s, e = hit.start(2), hit.end(2)
        last = name.split()[-1]
        if last[0].islower() or len(capitalised(name)) < 3 or any(m.start <= s and e <= m.end for m in matches) or \
                last in set(cfg.get("not_apposed_heads", ())) or any(name.endswith(" " + h) for h, t in cfg["name_heads"]
                                                                   if family(t) != family(nouns[hit.group(1).lower()])):
            continue  # "The initiative, New York City Police Department, …", "The project, Phase Two Final Report, …"
        found.append(Minted(s, e, _clean(name), nouns[hit.group(1).lower()], "en"))
    return found


def _acronym_noun(text: str, matches: list[Match], cfg: dict, nouns: dict) -> list[Minted]:
    """ "the WACI initiative", "the SEACOP project": an acronym that names nothing known before a class noun in lower case
    names an entity of that class, and one that "is implemented/funded …" (rules.toml [mint.en] programme_verbs) or
    whose implementation is spoken of names a programme (acronym_not_names are acronyms of other things)."""
    noun = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    found = []
    hits = [(h.span(1), nouns[h.group(2)]) for h in re.finditer(rf"\b[Tt]he\s+([A-Z][A-Z0-9.\-]{{2,9}})\s+({noun})\b", text)]
    verbs = alternation(cfg.get("programme_verbs", ())) or "(?!)"  # "SEACOP is implemented by …", "the implementation of SEACOP"
    auxiliaries = alternation(cfg.get("passive_auxiliaries", ())) or "(?!)"
    hits += [(h.span(1), "Programme") for h in re.finditer(rf"\b([A-Z][A-Z0-9.\-]{{2,9}})\s+(?:{auxiliaries})\s+"
                                                            rf"(?:being\s+|jointly\s+)?(?:{verbs})\b", text)]
    nouns_of = alternation(cfg.get("programme_nouns_of", ())) or "(?!)"
    hits += [(h.span(1), "Programme") for h in re.finditer(rf"\b(?:{nouns_of}) of (?:the\s+)?([A-Z][A-Z0-9.\-]{{2,9}})\b(?![\w(])", text)]
    for (s, e), etype in hits:
        if text[s:e] in cfg.get("acronym_not_names", ()) or any(m.start < e and s < m.end for m in matches) or \
                any(f.start == s for f in found):
            continue
        found.append(Minted(s, e, text[s:e], etype, "en"))
    return found


def _copula(text: str, matches: list[Match], cfg: dict, nouns: dict) -> list[Minted]:
    """ "Preventing and Addressing Trafficking in Human Beings in South Asia is a three-year initiative funded by …":
    a title-case or quoted subject that opens a sentence (or follows a run-in heading) and that "is a/an" names as a
    project, programme, initiative … within a few words; a title-case heading that opens the paragraph before "This
    initiative …"."""
    noun = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    word = r"(?:[A-Z][\w'’.\-/]*|of|and|for|on|the|to|in|against|with|&)"
    pattern = rf"(?:^|(?<=[.!?:])\s+|\n)((?:{word}[ \t]+){{0,19}}[A-Z][\w'’.\-/]*)[ \t]+(?:is|was)[ \t]+(?:an?|the)[ \t]+" \
              rf"(?:[^\s.;:]+[ \t]+){{0,8}}?({noun})\b"
    found = []
    quoted = rf"(?:^|(?<=[.!?:])\s+)[“\"]([A-Z][^“”\"]{{3,300}})[”\"][ \t]+(?:is|was)[ \t]+(?:an?|the)[ \t]+" \
             rf"(?:[^\s.;:]+[ \t]+){{0,8}}?({noun})\b"  # “Dismantling … in North Africa” is a … initiative
    for hit in re.finditer(quoted, text):
        found.append(Minted(hit.start(1), hit.end(1), _clean(hit.group(1)), nouns[hit.group(2).lower()], "en"))
    heading = rf"^((?:{word}[ \t]+){{2,19}}[A-Z][\w'’.\-/]*)[ \t]+(?:This|The)[ \t]+({noun})\b"  # a title line, then "This project …"
    for hit in list(re.finditer(pattern, text)) + list(re.finditer(heading, text)):
        name = hit.group(1)
        words = name.split()
        capital = [w for w in words if w[0].isupper()]
        if words[0] in cfg.get("subject_stops", ()) or words[-1].lower() in cfg.get("function_words", ()) or \
                not _specific(capital, cfg) or \
                set(capital) <= set(cfg.get("heading_words", ())):  # "Background and Objectives This project …"
            continue
        s, e = hit.start(1), hit.end(1)
        if any(m.start < e and s < m.end and (m.end - m.start) >= (e - s) - 1 for m in matches):
            continue  # a known name ("UNODC is an agency …")
        found.append(Minted(s, e, _clean(name), nouns[hit.group(2).lower()], "en"))
    return found


def heading_title(text: str, after: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """A paragraph of one title line ("Strengthening provincial capacity for drug control") that the next paragraph
    opens with "This project …", "This programme …" or "This initiative …" names that project, when the title opens
    with a word that opens projects' titles (rules.toml [mint.en] title_opening_words: Strengthening, Enhancing …) and
    holds more than places; section headings ("Regional Cooperation in West Africa", "Results Achieved in Kenya") and
    other lines before "The programme …" name none."""
    nouns = {noun.lower(): etype for noun, etype in cfg.get("quoted_after", [])}
    opener = re.match(rf"\s*This\s+({alternation(nouns)})\b", after) if nouns else None
    words = text.strip().split()
    if opener is None or not 3 <= len(words) <= cfg["max_words"] or words[0] not in cfg.get("title_opening_words", ()) or \
            re.search(r"[.:;!?,]\s*$", text):
        return []
    s = len(text) - len(text.lstrip())
    rest = text[s + len(words[0]):]
    for m in sorted(matches, key=lambda m: -m.start):
        rest = rest.replace(text[m.start:m.end], " ") if m.start >= s + len(words[0]) else rest
    content = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", rest) if w.lower() not in cfg.get("function_words", ())]
    if not content or any(2 * (m.end - m.start) >= len(text.strip()) for m in matches):
        return []  # "Strengthening Kenya": no more than a place; mostly a known name
    return [Minted(s, s + len(text.strip()), _clean(text.strip()), nouns[opener.group(1).lower()], "en")]


def _specific(capital: list[str], cfg: dict) -> bool:
    """Two capitalised words or more, or one acronym that names nothing else (rules.toml [mint.en] acronym_not_names)."""
    if len(capital) == 1:
        return bool(re.fullmatch(r"[A-Z][A-Z.\-]*[A-Z]", capital[0])) and capital[0] not in cfg.get("acronym_not_names", ())
    return cfg["min_words"] <= len(capital) <= cfg["max_words"]


def _lower_acronym(text: str, matches: list[Match], cfg: dict, nouns: dict) -> list[Minted]:
    """ "the United Nations inter-agency armed violence prevention programme (AVPP)": words that end with a class noun
    in lower case and whose initials spell the acronym in parentheses after them, back to the nearest "the"."""
    noun = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
    found = []
    for hit in re.finditer(rf"\b({noun})\s*\(([A-Z][A-Z0-9.\-&]{{1,9}})\)", text):
        letters = re.sub(r"[^A-Z]", "", hit.group(2))
        before = list(re.finditer(r"[A-Za-z][\w'’\-]*", text[max(0, hit.start() - 200):hit.start()]))[-14:]
        words = [w.group(0) for w in before] + [hit.group(1)]
        size = _initials_match(words, letters, set(cfg.get("function_words", ())))
        if size is None:
            continue
        offset = max(0, hit.start() - 200)
        s = offset + before[len(before) - size + 1].start() if size > 1 else hit.start(1)
        the = re.search(r"\bthe\s+((?:[\w'’\-]+\s+){0,4})$", text[:s])
        if the and not re.search(r"[,;:()]", the.group(1)):
            s = the.start(1)
        e = hit.end(1)
        if any(m.start < e and s < m.end for m in matches if not (s <= m.start and m.end <= e)):
            continue
        if any(m.start <= s and e <= m.end for m in matches):
            continue
        found.append(Minted(s, e, _clean(text[s:e]), nouns[hit.group(1).lower()], "en"))
    return found


def _initials_match(words: list[str], letters: str, function_words: set) -> int | None:
    """How many words at the end of *words* spell *letters* by their initials (function words skipped, each part of a
    hyphenated word counted), or None."""
    for size in range(2, len(words) + 1):
        tail = [w for w in words[-size:] if w.lower() not in function_words]
        if not tail or words[-size].lower() in function_words:
            continue
        whole = "".join(w[0] for w in tail).upper()
        parts = "".join(p[0] for w in tail for p in w.split("-") if p).upper()
        if letters in (whole, parts):
            return size
        if len(whole) > len(letters) and len(parts) > len(letters):
            return None
    return None


def quoted_en(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """A quoted capitalised name beside a class noun: the project “UNODC-Russia Partnership on …”, the Projects
    "…", the UNODC project on "…", the "Response to Drugs …" project; a project code in parentheses at its end
    ("… in East Asia (RASI61)") is no part of it."""
    found = []
    nouns = {noun.lower(): etype for noun, etype in cfg.get("quoted_after", [])}
    if not nouns:
        return found
    alternatives = alternation(nouns)
    quoted = r"[“\"][ \t]?([A-Z][^“”\"\n]{3,300})[”\"]"  # a space may follow the opening quote (the project " Consolidation …")
    after = rf"\b({alternatives})s?\s+(?:(?:on|of|for|called|entitled|titled|named)\s+|(?:\d{{1,2}}|[IVX]{{1,4}}|\d{{4}}\s*[–-]\s*\d{{4}})[.:]?\s+)?{quoted}"
    before = rf"{quoted}\s+(?:\([A-Z][A-Za-z0-9\-–]*\)\s+)?({alternatives})\b"  # "…" (PATROL) programme
    hits = [(h.start(2), h.group(2), h.group(1)) for h in re.finditer(after, text, flags=re.IGNORECASE)]
    for at, raw, noun in list(hits):  # the projects "…", "…" and "…"
        end = at + len(raw) + 1  # after the closing quote, which need not match the opening one
        while more := re.compile(rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+){quoted}").match(text, end):
            hits.append((more.start(1), more.group(1), noun))
            end = more.end()
    hits += [(h.start(1), h.group(1), h.group(2)) for h in re.finditer(before, text, flags=re.IGNORECASE)]
    dashed = rf"\b({alternatives})\s+(?:\d{{4}}\s*[–-]\s*\d{{4}}\s+)?[-–]\s+([A-Z][^–\n.]{{3,300}}?)\s+[-–]\s"
    hits += [(h.start(2), h.group(2), h.group(1)) for h in re.finditer(dashed, text, flags=re.IGNORECASE)
             if len(capitalised(h.group(2))) >= 3]  # Programme - Title -, not "the project - Phase II -"
    coded = rf"\b[A-Z]{{2,4}}(?:/[A-Z0-9]{{2,4}})+\s+[-–]\s+{quoted}"  # RER/V07 - "…": a project's code and title
    hits += [(h.start(1), h.group(1), "project") for h in re.finditer(coded, text)]
    inner = r"[A-Z](?:[^‘’'\n]|['’](?=\w)){3,300}"  # an apostrophe inside a word ("Women's") does not close it
    single = rf"(?<!\w)[‘']({inner})[’'](?!\w)\s+({alternatives})\b"  # the 'Support to …' project
    hits += [(h.start(1), h.group(1), h.group(2)) for h in re.finditer(single, text, flags=re.IGNORECASE)]
    single_after = rf"\b({alternatives})\s+(?:(?:on|of|for|called|entitled|titled|named)\s+)?[‘']({inner})[’'](?!\w)"
    hits += [(h.start(2), h.group(2), h.group(1)) for h in re.finditer(single_after, text)]  # the project (of/for) 'Promoting …'
    for at, raw, noun in sorted(hits):
        name = re.sub(r"\s*\([A-Z]{2,}[A-Z0-9/\-]*\d[A-Z0-9/\-]*\)$", "", _clean(raw).strip(" ,."))
        words = capitalised(name)
        if cfg["min_words"] <= len(words) <= cfg["max_words"] and not _covered(matches, at, at + len(name)):
            found.append(Minted(at, at + len(name), name, nouns[noun.lower()], "en"))
    return found


def lower_head_en(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """A capitalised name before a class noun in lower case: "the Safe Ports initiative", "the Strengthening
    Criminal Justice Responses project" (rules.toml [mint.en] quoted_after gives the nouns and their classes)."""
    nouns = {noun.lower(): etype for noun, etype in cfg.get("quoted_after", [])}
    if not nouns:
        return []
    word = r"[A-Z](?:[\w\-]|['’](?=\w))*"  # a quote after a word closes a quoted title ('… in Nigeria' project)
    pattern = rf"\b(?:[Tt]he|[Ii]ts|[Tt]heir|[A-Z][A-Za-z]*[A-Z]['’]s)\s+((?:{word}\s+(?:(?:of|for|and|on|against|to|in|the|with)\s+)*)+)" \
              rf"(\([A-Z][A-Za-z0-9.\-]{{1,9}}\)\s+)?({'|'.join(sorted(nouns, key=len, reverse=True))})\b"  # "… (PALAFS) project"
    generic = {w.lower() for w in cfg.get("generic_words", [])} | {w.lower() for h, _ in cfg["name_heads"] for w in h.split()}
    found = []
    for hit in re.finditer(pattern, text):
        if re.search(r"['’]s\s+$", hit.group(1)):
            continue  # "the Ghana Police Service's project": the owner of a project, not its name
        start, end = hit.start(1), hit.end(3) if hit.group(2) is None else hit.start(1) + len(hit.group(1).rstrip())
        for the in re.finditer(r"\bthe\s+", hit.group(1)):  # the nearest "the" opens the name
            if not any(m.start <= hit.start(1) + the.start() < m.end for m in matches):
                start = hit.start(1) + the.end()
        start = _after_known_owner(text, start, hit.end(1), matches)
        run = text[start:hit.end(1)]
        words = capitalised(run)
        inner = _inside(matches, start, hit.end(1))
        if not cfg["min_words"] <= len(words) <= cfg["max_words"] or all(w.lower() in generic for w in words) or \
                any(m.start < start < m.end or m.start < end <= m.end for m in matches) or \
                sum(m.end - m.start for m in inner) >= len(run.strip()) - 1:
            continue  # too short, generic, part of a known name, or only known names ("the UNODC-WHO project")
        found.append(Minted(start, end, _clean(text[start:end]), nouns[hit.group(3)], "en"))
    return found


def _after_known_owner(text: str, start: int, stop: int, matches: list[Match]) -> int:
    """The start of a name after the known organisation that owns it ("the UN-HABITAT Safer Cities programme": the
    programme is the Safer Cities programme): a known organisation's name opening the run, a capitalised word after it."""
    for m in matches:
        if m.start == start and m.type in ORGANIZATIONS and m.end < stop and re.match(r"[ \t]+[A-Z]", text[m.end:stop]):
            return m.end + len(text[m.end:stop]) - len(text[m.end:stop].lstrip())
    return start


def lower_name_en(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """A name written in lower case after "the", "its" or "UNODC('s)": a global, regional or country programme
    (rules.toml [mint.en] lower_heads) on, for or against a subject that runs to a boundary word or punctuation
    ("the global programme on maritime crime", "its regional programme for West Africa")."""
    heads = {h: t for h, t in cfg.get("lower_heads", [])}
    if not heads:
        return []
    stops = set(cfg.get("lower_tail_stops", []))
    adjectives = alternation(cfg.get("lower_head_adjectives", ())) or "(?!)"
    pattern = rf"\b(?:[Tt]he|[Ii]ts|[Tt]heir|UNODC(?:['’]s)?)\s+(?:(?:{adjectives})\s+)?({'|'.join(sorted(map(re.escape, heads), key=len, reverse=True))})\s+(on|for|against)\s+"
    found = []
    for hit in re.finditer(pattern, text):
        words = list(re.finditer(r"\S+", text[hit.end():]))
        end = None
        for count, word in enumerate(words[: cfg.get("lower_tail_words", 8)]):
            bare = word.group(0).rstrip(",.;:)")
            titled = bare == "in" and count and words[count - 1].group(0)[0].isupper() and \
                count + 1 < len(words) and words[count + 1].group(0)[0].isupper()  # "… on Terrorism Prevention in Eastern Africa"
            if bare.lower() in stops and not titled or not re.fullmatch(r"[A-Za-z][\w'’\-]*", bare):
                break
            if bare.lower() not in ("and", "of", "the", "or"):
                end = hit.end() + word.start() + len(bare)
            if bare != word.group(0) or count and text[hit.end() + words[count - 1].end():hit.end() + word.start()].strip():
                break  # punctuation ends the name
        start = hit.start(1)
        if end is None or any(m.start < end and start < m.end and not (hit.end() <= m.start) for m in matches):
            continue  # no subject, or a known name ("the global programme on cybercrime")
        found.append(Minted(start, end, _clean(text[start:end]), heads[hit.group(1)], "en"))
    return found


def place_components(text: str, matches: list[Match]) -> list[Minted]:
    """A known programme's name joined by a dash to a place's name is its component in that place: "GLO.ACT-Bangladesh",
    "GLO.ACT-Asia and the Middle East", "Global Action against … Migrants - Bangladesh (GLO.ACT-Bangladesh)"."""
    from kg.core.vocabulary import PLACES, PROGRAMMES

    found = []
    for m in matches:
        dash = re.match(r"-|\s[-–]\s", text[m.end:]) if m.type in PROGRAMMES else None
        place = next((p for p in matches if dash and p.start == m.end + dash.end() and p.type in PLACES), None)
        if place is None:
            continue
        end = place.end
        more = re.match(r"\s+and\s+(?:the\s+)?", text[end:])
        second = next((p for p in matches if more and p.start == end + more.end() and p.type in PLACES), None)
        end = second.end if second else end
        if dash.group(0) != "-" and not re.match(r"\s*[(,.;]", text[end:]):
            continue  # "the Container Control Programme – Kenya sent …": a spaced dash only before a break
        opened = re.search(r"\s*\(\s*$", text[:m.start])
        if opened and any(f.end == opened.start() for f in found):
            continue  # "… Migrants - Bangladesh (GLO.ACT-Bangladesh)": the abbreviation of the component before
        found.append(Minted(m.start, end, _clean(text[m.start:end]), "Programme", "en"))
    return found


def foreign_names(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """A Spanish, French or Portuguese name in English text: a head word of its own language (rules.toml [mint.en]
    foreign_heads: Fundación, Agence, Ministerio …) and the capitalised words and that language's connectors after
    it ("Fundación Internacional y para Iberoamérica de Administración y Políticas Públicas", "Office Central de
    Répression du Trafic Illicite des Drogues"), with at least one such connector."""
    heads = {h: t for h, t in cfg.get("foreign_heads", [])}
    if not heads:
        return []
    connector = alternation(cfg.get("foreign_connectors", ())) or "(?!)"
    word = r"[A-ZÀ-ÖØ-Þ][\w’'\-]*"
    pattern = rf"(?<![\w\-])({alternation(heads)})((?:\s+(?:(?:{connector})\s+|[dl]['’])*{word})+)"
    found = []
    for hit in re.finditer(pattern, text):
        name = hit.group(0)
        if not re.search(rf"\s(?:{connector})\s|\s[dl]['’]", name):
            continue  # no word of the name's own language: an English phrase ("Office Supplies", "Programme Office Pakistan")
        if _covered(matches, hit.start(), hit.end()) or len(capitalised(name)) < cfg["min_words"]:
            continue
        found.append(Minted(hit.start(), hit.end(), _clean(name), heads[hit.group(1)], "en"))
    return found
