"""English names that project sheets and lists give: a title in a sheet's field ("Project Title: …"), a title before a
project's code in parentheses ("… (GLO/I44)"), and the bodies a plural head names ("the Ministries of A and B")."""

from __future__ import annotations

import re

from kg.core.resources import rules
from kg.extract.link import Match
from kg.extract.minted import Minted, _clean
from kg.extract.name_words_en import capitalised
from kg.extract.nlp import alternation


TITLE_STRIP = " \"'“”‘’.;,"  # what a field's value is written between


def field_titles(text: str, matches: list[Match], breaks: frozenset, cfg: dict) -> list[Minted]:
    """The title a project sheet's field gives on its own line ("Project Title: Crime Prevention and Criminal Justice -
    Regional Programme for Eastern Africa", "No. and Title: AD/RAS/97/C51 - Enhancement of drug law enforcement training
    in East Asia"; rules.toml [mint.en] title_fields): the value after the label, less a project code before it and
    what a dash or slash adds after it, names that project when it has two words or more and is no known name."""
    fields = cfg.get("title_fields", ())
    if not fields:
        return []
    found = []
    starts = [0] + [b + 1 for b in sorted(breaks)] + [h.start() for h in re.finditer(rf"(?:{alternation(fields)})\s*[“\"]", text)]
    for start in sorted(set(starts)):
        label = re.match(rf"\s*(?:{alternation(fields)})\s*(?::\s*|(?=[“\"]))", text[start:])  # also a quoted title after it
        if label is None:
            continue
        s = start + label.end()
        code = re.match(r"[A-Z]{2,5}/[A-Z0-9][A-Z0-9/.\-]*\s*[-–:]\s*", text[s:])
        s += code.end() if code else 0
        end = min([b for b in breaks if b > s] + [len(text)])
        quoted = re.match(r"\s*[“\"][^”\"]+[”\"]", text[s:end])  # a quoted title ends at its closing mark
        raw = quoted.group(0) if quoted else re.split(r"\s+[-–/]\s+", text[s:end], maxsplit=1)[0]
        s += len(raw) - len(raw.lstrip(TITLE_STRIP))  # one strip set for the span and the name
        value = raw.strip(TITLE_STRIP)
        words = value.split()
        if not 2 <= len(words) <= cfg["max_words"] or not value[:1].isupper() or \
                any(m.start <= s and s + len(value) <= m.end for m in matches):
            continue
        found.append(Minted(s, s + len(value), _clean(value), "Project", "en"))
    return found + sheet_heading(text, matches, cfg)


SHEET_CODE = re.compile(r"[A-Z]{2,5}(?:/[A-Z0-9]+)+\s*[-–]\s*")  # "AD/RAS/00/C96 - " before a title
SHEET_TAIL = re.compile(r"(?:\s*\([A-Z][A-Za-z.\-]{1,9}\)|\s+\d{1,2}\.|\s*[|:;,\-–])+$")  # "(PATROL)", "1.", a separator


def sheet_heading(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """The title that opens a project sheet, right before its first field's label ("HIV/AIDS Prevention, Treatment, Care
    and Support … in Prison Settings" / "Project Duration: 2008 - 2017"; "AD/RAS/00/C96 - Alternative Development
    Cooperation in East Asia 1. Project Code and Sector …"; rules.toml [mint.en] sheet_fields): the text from the
    paragraph's start to the label (a whole word; the sheet has two kinds of field or more), less a project code before
    it and an acronym or an item number after it, names that project when it is one phrase (ending with no function word) (no sentence ends in it, none opens it: "The project trained …") of three words
    or more and no known name."""
    fields = cfg.get("sheet_fields", ())
    labels = list(re.finditer(rf"(?<![\w/])(?i:{alternation(fields)})(?![\w/])(?:[ \t]+[\w/&.]+){{0,6}}[ \t]*:", text)) if fields else []
    kinds = {re.match(rf"(?i:{alternation(fields)})", h.group(0)).group(0).lower() for h in labels}
    label = labels[0] if labels and labels[0].start() < 400 else None
    if label is None or label.start() == 0 or len(kinds) < 2:
        return []  # a sheet has several fields; a headline with one colon has one
    code = SHEET_CODE.match(text)
    s = code.end() if code else 0
    value = SHEET_TAIL.sub("", text[s:label.start()].rstrip()).strip()
    if not 3 <= len(value.split()) <= cfg.get("sheet_title_words", 30) or not value[:1].isupper() or \
            re.search(r"[.!?](?:\s|$)|\n", value) or re.match(r"(?:The|This|These|That|An?|It|Its|We|Our)\s+[a-z]", value) or \
            re.match(rf"(?:{alternation(cfg.get('title_fields', ()))})\b", value) or \
            value.split()[-1].lower() in cfg.get("function_words", ()) or \
            any(m.start <= s and s + len(value) <= m.end for m in matches):
        return []
    return [Minted(s, s + len(value), _clean(value), "Project", "en")]


PROJECT_CODE = r"(?:[A-Z]{2,5}(?:/[A-Z0-9]{2,5})+|[A-Z]{3,5}[0-9]{2,3}[A-Z]?)"  # XAC/K22, TD/RER/F60, XACZ60, KGZK50
CODED = re.compile(rf"\b(?:[Pp]roject\s+({PROJECT_CODE})|({PROJECT_CODE})\s+project)\b(?![/\w])")  # not "… Project title:"
CODE_TITLE = re.compile(r"\s+(?:on\s+|entitled\s+|titled\s+|[-–:]\s*)?[“\"]([A-Z][^“”\"\n]{3,300})[”\"]")


def project_codes(text: str, matches: list[Match]) -> list[Minted]:
    """A project named by its code beside the word project ("the UNODC XACZ60 project", "the project XAC/K22 on “…”",
    "UNODC project TD/RER/F60"): the code names the project; a quoted title right after it is another form of its
    name (Minted.forms)."""
    found = []
    for hit in CODED.finditer(text):
        s, e = hit.span(1) if hit.group(1) else hit.span(2)
        if any(m.start < e and s < m.end for m in matches):
            continue
        title = CODE_TITLE.match(text, hit.end()) if hit.group(1) else None
        forms = (_clean(title.group(1)).strip(" ,."),) if title else ()
        found.append(Minted(s, e, text[s:e], "Project", "en", forms=forms))
    return found


def numbered_parts(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """A programme's part named by its head and its number ("Sub-Programme 1", "Sub-program 2"; rules.toml [mint.en]
    numbered_heads): that part, keyed by the one programme the paragraph names (every programme has its Sub-Programme
    1), else by the quoted title right after it, which is another form of its name; with neither, no name."""
    from kg.core.vocabulary import PROGRAMMES

    heads = cfg.get("numbered_heads", ())
    parents = sorted({str(m.iri).rstrip("/").rsplit("/", 1)[-1] for m in matches if m.type in PROGRAMMES})  # local names
    found = []
    for hit in re.finditer(rf"\b(?:{alternation(heads)})\s+(?:\d{{1,2}}|[IVX]{{1,4}})\b(?![/\-\w])", text) if heads else ():
        s, e = hit.span()
        title = CODE_TITLE.match(text, e)
        forms = (_clean(title.group(1)).strip(" ,."),) if title else ()
        key = f"{hit.group(0)} of {parents[0]}" if len(parents) == 1 else forms[0] if forms else ""  # the number first
        if key and not any(m.start < e and s < m.end for m in matches):
            found.append(Minted(s, e, hit.group(0), "Programme", "en", key=key, forms=forms))
    return found


def plural_heads(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """Bodies named by one plural head and the subjects of each ("the Ministries of Foreign Affairs, Public Security,
    and Commerce"; rules.toml [mint.en] plural_heads): a name for each subject, the head in the singular."""
    heads = {h: etype for h, etype in cfg["name_heads"]}
    item = r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}"
    found = []
    for plural, single in cfg.get("plural_heads", ()):
        for hit in re.finditer(rf"\b{re.escape(plural)}\s+of\s+(?:the\s+)?({item}(?:\s*,\s*{item})*\s*,?\s+and\s+{item})", text):
            if not _one_state(text, hit, matches):
                continue  # "the Ministries of Interior and Justice of Benin, Burkina Faso …": any State's, no names
            items = [i for i in re.finditer(item, hit.group(1))]
            for i in items:
                s = hit.start(1) + i.start()
                if not any(m.start <= s < m.end for m in matches):
                    found.append(Minted(s, s + len(i.group(0)), f"{single} of {i.group(0)}", heads.get(single, "Organization"), "en"))
    return found


def _one_state(text: str, hit: re.Match, matches: list[Match]) -> bool:
    """One State owns the bodies a plural head names: its name or adjective right before the head ("the Chinese
    Ministries of …"), or "of" and its name after the list and no other State's after it."""
    before = any(m.type == "Country" and m.end <= hit.start() and re.fullmatch(r"\s*", text[m.end:hit.start()]) for m in matches)
    after = re.match(r"\s+of\s+(?:the\s+)?", text[hit.end():])
    state = next((m for m in matches if after and m.type == "Country" and m.start == hit.end() + after.end()), None)
    return before or state is not None and not re.match(r"\s*(?:,|and\b)", text[state.end:])


CODE = re.compile(r"\(\s*(?:[A-Z]{2,3}/){1,3}[A-Z]?\d{2}[A-Z0-9]*\s*\)")  # a project's code: (GLO/I44), (XSP/K26), (RAS/99/D91)
TITLE_WORD = r"(?:[A-Z][\w'’\-]*|of|on|for|and|the|in|to|against|through|with|from|by)"


def coded_titles(text: str, matches: list[Match], cfg: dict) -> list[Minted]:
    """A title-case phrase right before a project's code in parentheses names that project ("The Global Partnership
    on Alternative Development (GLO/I44)", "Increasing Food Security … in the Lao PDR (XSP/K26)"): from the first
    capitalised word after a stop, a colon or a dash, at least min_words capitalised words."""
    found = []
    for code in CODE.finditer(text):
        run = re.search(rf"(?:^|[.:;!?\-–—\n]\s*|\s)((?:{TITLE_WORD}\s+)*{TITLE_WORD})\s*$", text[max(0, code.start() - 300):code.start()])
        if run is None:
            continue
        s = max(0, code.start() - 300) + run.start(1)
        value = re.sub(r"^(?:(?:The|the|of|on|for|and|in|to|against|through|with|from|by)\s+)+", "", run.group(1))
        s += len(run.group(1)) - len(value)
        if not cfg["min_words"] <= len(capitalised(value)) <= cfg["max_words"] or _partners(text, s, s + len(value), matches):
            continue
        found.append(Minted(s, s + len(value), _clean(value), "Project", "en"))
    return found


def _partners(text: str, s: int, e: int, matches: list[Match]) -> bool:
    """The run before a code holds known names other than a place it ends with after "in"/"for" ("UNODC and the
    Government of the Lao PDR (XSP/K26)", "Japan and Sweden (GLO/I44)": the partners or donors, no title), or too few
    capitalised words of its own."""
    inside = [m for m in matches if s <= m.start and m.end <= e]
    own = [m for m in inside if not (m.end == e and re.search(r"\b(?:in|for)\s+(?:the\s+)?$", text[s:m.start]))]
    rest = text[s:e]
    for m in sorted(inside, key=lambda m: -m.start):
        rest = rest[:m.start - s] + " " + rest[m.end - s:]
    return bool(own) or len(capitalised(rest)) < rules()["mint"]["en"]["min_words"]
