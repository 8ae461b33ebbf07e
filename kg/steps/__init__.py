"""The standard build steps of `kg build`, in the order they run (kg.build.steps describes the interface).

The network, describe and validate steps wrap their module's ``corpus_step`` (run once, after the merge) and
``map_document`` (run in the extraction worker); a step's name is the one its cached per-document facts are
stored under.
"""

from __future__ import annotations

from dataclasses import replace

from kg.build.steps import BuildStep, StepOutput
from kg.steps import describe, editions, network, validate


class ModuleStep(BuildStep):
    """A build step made of a module's ``corpus_step(result, corpus)`` and optional ``map_document(view)``."""

    def __init__(self, module):
        self.module = module
        self.name = f"{module.__name__}:corpus_step"

    def map_document(self, view):
        """The module's map_document on one document's view, or None when it has none."""
        mapper = getattr(self.module, "map_document", None)
        return None if mapper is None else mapper(view)

    def code(self) -> tuple[str, ...]:
        """This adapter's module and the wrapped one (its map_document's code keys the cache of parts)."""
        return (__name__, self.module.__name__)

    def run(self, result, corpus) -> StepOutput:
        """Run the module's corpus_step on a copy of the result; its verdict is read back from the copy."""
        seen = replace(result, outputs=list(result.outputs), conforms=None)
        paths = self.module.corpus_step(seen, corpus)
        return StepOutput(list(paths), seen.conforms)

    def __reduce__(self):
        return (_module_step, (self.module.__name__,))  # a module does not pickle; its name does


def _module_step(name: str) -> ModuleStep:
    """The standard step of module *name* (unpickling a step gives the module-level instance)."""
    return BY_NAME[f"{name}:corpus_step"]


NETWORK = ModuleStep(network)
DESCRIBE = ModuleStep(describe)
VALIDATE = ModuleStep(validate)
STANDARD = (NETWORK, DESCRIBE, VALIDATE, editions.STEP)
BY_NAME = {step.name: step for step in STANDARD}
