"""Where `kg serve` answers by default: the address the dataset description names when no public endpoint is given."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


def local_sparql_endpoint() -> str:
    """The URL of the SPARQL endpoint `kg serve` starts with its default host and port."""
    return f"http://{DEFAULT_HOST}:{DEFAULT_PORT}/sparql"
