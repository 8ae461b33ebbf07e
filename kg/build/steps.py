"""The interface of a corpus-wide build step (validate, describe, network, editions).

A step is an object with a stable ``name`` and two methods.  ``map_document`` runs in the worker that
extracted a document (a pool process or a dask node) and returns picklable facts taken from that document's
graph, or None; the build keeps them with the document's cached part, keyed by ``name``.  ``run`` runs once
after the merge, in the build's own process, sees every document's facts through the corpus, writes its
outputs into the staging folder and says whether the data passed its check.  `kg build` runs the steps it is
given, in order; kg.steps.STANDARD lists the standard ones.  ``code`` names the modules whose code shapes
what map_document returns: with the step names, they key the cache of parts (kg.build.cache.part_fingerprint).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.build.merge import Corpus, DocumentView
    from kg.build.result import BuildResult


@dataclass
class StepOutput:
    """What a step wrote, and its verdict on the data (None: the step checks nothing)."""

    paths: list[Path] = field(default_factory=list)
    conforms: bool | None = None


class BuildStep:
    """A corpus-wide step of `kg build`; subclasses set ``name`` and override ``run`` (and ``map_document``)."""

    name: str = ""

    def map_document(self, view: DocumentView):
        """Facts this step needs from one document's graph, taken in the worker (picklable), or None."""
        return None

    def code(self) -> tuple[str, ...]:
        """The modules whose code shapes what map_document returns: the cache of parts is keyed by them."""
        return (type(self).__module__,)

    def run(self, result: BuildResult, corpus: Corpus) -> StepOutput:
        """Write this step's outputs for the merged corpus into the build's staging folder."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<build step {self.name}>"
