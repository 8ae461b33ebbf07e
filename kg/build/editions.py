"""Where kg.build.run.AFTER_BUILD finds the editions build step ("kg.build.editions:corpus_step").

The step itself is kg.steps.editions.STEP; these two functions are what the "module:function" loading of
AFTER_BUILD calls, keyed by the same name (kg.build.identity.RECORDS_STEP), until the build runs step objects.
"""

from __future__ import annotations

from kg.extract.editions import EditionRecord, edition_record


def map_document(view) -> EditionRecord:
    """In the worker: the document's edition record (cached with its part)."""
    return edition_record(view.graph, view.iri)


def corpus_step(result, corpus) -> list:
    """`kg build` step: nothing to write; the records were used when the parts were merged (link_editions)."""
    return []
