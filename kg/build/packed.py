"""An edition record as the build keeps it with a cached part (kg.steps.editions packs it, kg.build.identity reads it).

The editions step's code() names this module, so a change to the layout re-extracts the cached parts; a body of
another layout is refused all the same.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, replace

from kg.core.errors import InputError
from kg.extract.editions import EditionRecord


def compact(record: EditionRecord) -> EditionRecord:
    """The record without its paragraphs, names per paragraph and mentions (only aligning editions reads them)."""
    return replace(record, paragraphs=(), in_paragraph={}, mentioned=frozenset())


PACKED_FORMAT = "kg-edition-record 1"  # the layout of PackedRecord.body


@dataclass(frozen=True)
class PackedRecord:
    """An edition record as the build keeps it with a cached part: the compact record every merge reads, and its
    paragraphs, names per paragraph and mentions as one pickle, unpickled only when two editions are aligned
    (they are most of the record: unpickling them for every cached part was most of a one-change merge's time)."""

    compact: EditionRecord
    body: bytes

    @classmethod
    def of(cls, record: EditionRecord) -> PackedRecord:
        body = (PACKED_FORMAT, record.paragraphs, record.in_paragraph, record.mentioned)
        return cls(compact(record), pickle.dumps(body, pickle.HIGHEST_PROTOCOL))

    def whole(self) -> EditionRecord:
        """The record as edition_record made it; a body of another layout is refused (a stale cache), not misread."""
        body = pickle.loads(self.body)
        if not (isinstance(body, tuple) and len(body) == 4 and body[0] == PACKED_FORMAT):
            raise InputError(f"cached edition record of {self.compact.iri} has another layout; run kg build again")
        _, paragraphs, in_paragraph, mentioned = body
        return replace(self.compact, paragraphs=paragraphs, in_paragraph=in_paragraph, mentioned=mentioned)
