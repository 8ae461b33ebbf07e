"""Fill the page templates of kg/data/templates/ with Jinja2, every value HTML-escaped unless marked safe."""

from __future__ import annotations

import html
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from kg.core.resources import templates_dir


def _escaped(value):
    """Escape like html.escape (&#x27; for a quote, as the pages always did); markup already safe stays as is."""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


@cache
def environment() -> Environment:
    """The template environment: autoescape on, the templates' own whitespace kept byte for byte."""
    return Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=True,
        finalize=_escaped,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        auto_reload=False,
    )


def render(template: str, /, **values) -> str:
    """Render one template; wrap trusted HTML fragments in markupsafe.Markup, everything else is escaped."""
    return environment().get_template(template).render(**values)
