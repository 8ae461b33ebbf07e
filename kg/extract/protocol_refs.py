"""Which of a convention's protocols a reference after the convention names: "the Protocols thereto" all of them,
"its two Optional Protocols" / 两项任择议定书 the first two adopted, "the Optional Protocol thereto" the only one, or the
one whose title goes on with the subject written after it ("… and the Optional Protocol thereto on the sale of
children, …" is the Optional Protocol on the sale of children)."""

from __future__ import annotations

import re

from kg.core.resources import rules

SUBJECT = re.compile(r"\s+(on\s+(?:the\s+)?[a-z][\w\-]*(?:\s+(?:of\s+|and\s+)?[a-z][\w\-]*){0,2})")


def counted(ref: str, protocols: tuple, after: str = "") -> tuple:
    """The protocols *ref* names among *protocols* (reference entities), *after* the text that follows *ref*."""
    if re.search(r"\b(?:[Pp]rotocol|Amendment)\b(?!s)", ref):  # one protocol ("the Amendment thereto", "the protocol thereto")
        if len(protocols) == 1:
            return protocols
        subject = SUBJECT.match(after)
        hits = tuple(p for p in protocols if subject and subject.group(1).lower() in p.labels.get("en", "").lower())
        return hits if len(hits) == 1 else ()
    counts = dict(rules()["discourse"].get("count_words", []))
    count = next((n for word, n in counts.items() if re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", ref)), 0)
    if not count or count >= len(protocols):
        return protocols
    return tuple(sorted(protocols, key=lambda e: (e.row.get("year") or "9999", str(e.iri)))[:count])
