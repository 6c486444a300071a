"""Static-site generator of the knowledge base on the digitalisation of Brussels non-profits.

A plain library: ``load`` reads YAML with positions, ``schema`` declares records and
vocabularies, ``catalog`` cross-checks them, ``pages`` renders Markdown, ``export`` writes
machine-readable files; ``plugin`` adapts all this to MkDocs and ``cli`` to the shell.
"""

import time

IMPORT_STARTED = time.process_time()
"""CPU clock when the package began to load: the build log counts the plugin's import."""
