"""Named queries: the .rq files of queries/ with their comment header (description, parameters, example)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.core.errors import InputError
from kg.core.resources import queries_dir

PARAM_KINDS = ("entity", "iri", "literal")
_PARAM_LINE = re.compile(r"^#\s*param:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<spec>[^)]*)\)\s*(?:--\s*(?P<doc>.*))?$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Param:
    """A declared parameter of a query: `# param: NAME (KIND [Class], required|optional) -- doc`."""

    name: str
    kind: str = "literal"
    cls: str | None = None
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class QuerySpec:
    """A SPARQL query with its header: name, description, parameters, example."""

    name: str
    path: Path | None
    text: str
    description: str = ""
    params: tuple = ()
    examples: tuple = ()

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_header(text: str, where: str = "query") -> tuple[str, tuple, tuple]:
    """Read the leading comment block: description lines, `param:` lines, `example:` lines."""
    description, params, examples = [], [], []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        body = stripped.lstrip("#").strip()
        if body.lower().startswith("param:"):
            match = _PARAM_LINE.match(stripped)
            if not match:
                raise InputError(f"{where}:{number}: malformed parameter line (expected "
                                 "'# param: NAME (entity|iri|literal [Class], required|optional) -- what it is')")
            words = [w.strip() for w in re.split(r"[,\s]+", match["spec"]) if w.strip()]
            kind = next((w for w in words if w in PARAM_KINDS), "literal")
            cls = next((w for w in words if w[:1].isupper()), None)
            params.append(Param(match["name"], kind, cls, "required" in words, (match["doc"] or "").strip()))
        elif body.lower().startswith("example:"):
            examples.append(body.split(":", 1)[1].strip())
        elif body and not body.lower().startswith("columns:"):
            description.append(body)
    return " ".join(description), tuple(params), tuple(examples)


def named_queries() -> list[str]:
    """Names of the queries in queries/, sorted."""
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def load_spec(name_or_path) -> QuerySpec:
    """Load a named query (`partners`) or a query file (`my.rq`)."""
    if isinstance(name_or_path, QuerySpec):
        return name_or_path
    text_arg = str(name_or_path)
    path = Path(text_arg)
    if path.suffix != ".rq" and _NAME.match(text_arg):
        path = queries_dir() / f"{text_arg}.rq"
        if not path.is_file():
            raise InputError(f"unknown query {text_arg!r}; named queries: {', '.join(named_queries())}")
    if not path.is_file():
        raise InputError(f"{path}: no such query file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    if not text.strip():
        raise InputError(f"{path}: empty query file")
    description, params, examples = parse_header(text, str(path))
    return QuerySpec(path.stem, path, text, description, params, examples)



def describe_queries() -> str:
    """One line per named query: name, parameters and description."""
    lines = []
    for name in named_queries():
        spec = load_spec(name)
        params = " ".join(f"{p.name}={'ENTITY' if p.kind == 'entity' else 'VALUE'}" + ("" if p.required else "?")
                          for p in spec.params)
        lines.append(f"  {name:32} {params}\n      {spec.description}")
    return "\n".join(lines)


def parse_params(pairs: list[str] | None) -> dict:
    """`KEY=VALUE` strings from the command line as a dict (the value may contain '=')."""
    params = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param {pair!r}: expected KEY=VALUE")
        if key.strip() in params:
            raise InputError(f"--param {key.strip()} given twice")
        params[key.strip()] = value.strip().strip('"').strip()
    return params
