"""Render the catalogue into Markdown pages (and data files), without MkDocs.

One module per page family (``aids``, ``cases``, ``glossary``…), each with a
``pages(site)`` builder; :mod:`generator.kinds` names them, in the order files are made.
Templates hold the markup (generator/templates/); every value printed with ``{{ … }}`` is
escaped for Markdown by default (see :func:`generator.formatting.markdown_escape`).
"""

from ..formatting import html_escape, mailto, markdown_escape, query_string, query_value
from .core import (
    GeneratedFile,
    SiteRenderer,
    compile_templates,
    paginate,
    render_site,
    template_environment,
)

__all__ = [
    "GeneratedFile",
    "SiteRenderer",
    "compile_templates",
    "html_escape",
    "mailto",
    "markdown_escape",
    "paginate",
    "query_string",
    "query_value",
    "render_site",
    "template_environment",
]
