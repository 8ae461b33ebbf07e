"""The editions build step: keeps each document's edition record with its part, for the merge.

In the worker, `map_document` reads the document's `EditionRecord` (kg.extract.editions) from its triples
(the view's LightGraph) and packs it (kg.build.packed.PackedRecord: what every merge reads apart from what only
aligning editions reads); the build keeps it with the document's cached part under the step's name.  The records are used while the parts
are merged (kg.build.identity.link_editions: works, aligned segments, one IRI per thing the editions name),
before any step runs, so `run` has nothing left to write.
"""

from __future__ import annotations

from kg.build.identity import RECORDS_STEP
from kg.build.packed import PackedRecord
from kg.build.steps import BuildStep, StepOutput
from kg.extract.editions import edition_record


class EditionsStep(BuildStep):
    """Language editions of one UN document linked as one work (the merge does the linking)."""

    name = RECORDS_STEP

    def code(self) -> tuple[str, ...]:
        """The modules whose code shapes what map_document returns (they key the cache of parts): this one and
        kg.build.packed, where the packed record's class and layout are."""
        return (__name__, "kg.build.packed")

    def map_document(self, view) -> PackedRecord:
        """The document's edition record, packed (kg.build.packed.PackedRecord), cached with its part."""
        data = getattr(view, "light", None)  # the table of the N-Triples, when the view has one (no rdflib graph)
        return PackedRecord.of(edition_record(view.graph if data is None else data, view.iri))

    def run(self, result, corpus) -> StepOutput:
        """Nothing to write: the records were used when the parts were merged."""
        return StepOutput()


STEP = EditionsStep()
