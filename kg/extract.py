"""Extraction entry point (filled by the entity linker and relation rules)."""

from .records import Extraction


class Extractor:
    """Extract entities, relations and quantities from documents."""

    def extract(self, doc) -> Extraction:
        """Extract one document."""
        return Extraction()
