"""Static-site generator of the knowledge base on the digitalisation of Brussels non-profits.

A plain library: ``load`` reads YAML with positions, ``schema`` declares records and
vocabularies, ``catalog`` cross-checks them, ``pages`` renders Markdown, ``export`` writes
machine-readable files; ``plugin`` adapts all this to MkDocs and ``cli`` to the shell.
"""

# First: its clock starts before the rest of the package loads (a profile counts the import).
from . import performance as performance
