"""A UN document's header: its symbols, date, sessions and agenda items (cue words in ontology/readers.toml)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.markup import readable

# A UN document symbol: an upper-case series then slash-separated parts, one with a digit
# (E/CN.7/2022/1, A/RES/76/181, CTOC/COP/2020/10, E/CN.7/2021/CRP.13).
SYMBOL_RE = re.compile(r"(?<![\w./])[A-Z]{1,6}(?:/[A-Za-z0-9.]*[A-Za-z0-9])+")
HEADER_BLOCKS = 25  # a header's lines are among a document's first blocks
SYMBOL_LINE_RE = re.compile(r"\s*" + SYMBOL_RE.pattern + r"(?:\s*[-–]\s*" + SYMBOL_RE.pattern + r")*\s*")
ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def find_symbols(text: str) -> list[str]:
    """Return the UN document symbols in *text*, in order of first appearance."""
    seen: dict[str, None] = {}
    for match in SYMBOL_RE.finditer(text):
        symbol = match.group(0).rstrip(".")
        if symbol.count("/") >= 2 and any(ch.isdigit() for ch in symbol):
            seen.setdefault(symbol, None)
    return list(seen)

@lru_cache(maxsize=1)
def _cues() -> dict:
    """The metadata cues of ontology/readers.toml, compiled."""
    import tomllib

    from kg.core.resources import ontology_dir

    with (ontology_dir() / "readers.toml").open("rb") as handle:
        cues = tomllib.load(handle)["metadata"]
    months = "|".join(cues["months"])
    cues["date_cue_re"] = re.compile("|".join(cues["date_cues"]), re.I)
    cues["date_res"] = (
        re.compile(rf"(?P<d>\d{{1,2}})\s+(?P<m>{months})\s+(?P<y>\d{{4}})", re.I),
        re.compile(rf"(?P<m>{months})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})", re.I),
        re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
        re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
    )
    cues["session_res"] = [re.compile(p, re.I) for p in cues["session_en"]] + [re.compile(p) for p in cues["session_zh"]]
    cues["agenda_res"] = [re.compile(p) for p in cues["agenda_en"] + cues["agenda_zh"]]
    return cues


def _ordinal(word: str) -> int | None:
    """66 for "sixty-sixth", "66th" or "六十六"; None when it is no number."""
    cues = _cues()
    word = word.lower()
    if re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)?", word):
        return int(re.match(r"\d+", word).group(0))
    if re.fullmatch(r"[〇零一二三四五六七八九十百]+", word):
        total, current = 0, 0
        for ch in word:
            if ch == "百":
                total += (current or 1) * 100
                current = 0
            elif ch == "十":
                total += (current or 1) * 10
                current = 0
            else:
                current = ZH_DIGITS[ch]
        return total + current
    tens, _, unit = word.rpartition("-")
    value = 0
    if tens:
        stem = next((i for i, t in enumerate(cues["tens"]) if t and tens.startswith(t) and tens.endswith("y")), None)
        if stem is None:
            return None
        value = stem * 10
    if unit in cues["ordinals"]:
        return value + cues["ordinals"].index(unit) + 1
    stem = next((i for i, t in enumerate(cues["tens"]) if t and unit == t + "ieth"), None)
    return value + stem * 10 if stem and not tens else None


def parse_date(text: str) -> str | None:
    """The first date in *text* as ISO 8601 (9 January 2023, January 9, 2023, 2023年1月9日, 2023-01-09)."""
    import datetime

    cues = _cues()
    found = []
    for pattern in cues["date_res"]:
        m = pattern.search(text)
        if m:
            month = m.group("m")
            month = int(month) if month.isdigit() else cues["months"].index(month.lower()) + 1
            try:
                found.append((m.start(), datetime.date(int(m.group("y")), month, int(m.group("d"))).isoformat()))
            except ValueError:
                continue
    return min(found)[1] if found else None


def is_header_line(block: str) -> bool:
    """Is *block* a line of a UN document's header: its symbol, its date line, a session or an agenda line?"""
    block = readable(block)
    if len(block) > 160:
        return False
    cues = _cues()
    return bool(
        SYMBOL_LINE_RE.fullmatch(block)
        or cues["date_cue_re"].search(block)
        or any(p.search(block) for p in cues["session_res"])
        or any(p.search(block) for p in cues["agenda_res"])
    )


def document_metadata(text: str, paragraphs: list) -> dict:
    """Date, sessions and agenda items from a document's header (the blocks before its first numbered paragraph;
    *paragraphs* are kg.extract.segment.Paragraph)."""
    cues = _cues()
    header = []
    for p in paragraphs[:HEADER_BLOCKS]:
        if p.kind == "numbered":
            break
        if p.kind in ("front", "heading", "text") and len(p.text) <= 160:
            header.append(p.text)
    date = None
    for line in header:
        cue = cues["date_cue_re"].search(line)
        if cue:
            date = parse_date(line[cue.end():])
            if date:
                break
    sessions: dict[str, None] = {}
    agenda: dict[str, None] = {}
    for line in header:
        for pattern in cues["session_res"]:
            for m in pattern.finditer(line):
                number = _ordinal(m.group("ordinal"))
                if number:
                    sessions.setdefault(str(number), None)
        for pattern in cues["agenda_res"]:
            for m in pattern.finditer(line.replace("*", "")):
                for item in re.split(r"\s*(?:,|、|和|及|\band\b)\s*", m.group("items")):
                    item = item.strip(" .")
                    if item:
                        agenda.setdefault(item, None)
    return {"date": date, "sessions": list(sessions), "agenda_items": list(agenda)}
