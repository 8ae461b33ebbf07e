"""unodc-kg: build a validated, multilingual RDF knowledge graph from UNODC documents."""

__version__ = "0.1.0"
