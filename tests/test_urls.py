"""Relative links between source files: the fast path must agree with posixpath.relpath."""

from __future__ import annotations

import posixpath

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator import urls

# Segments as the site uses them, plus the ones relpath normalises ("", ".", "..").
SEGMENTS = st.sampled_from(["aides", "niveau", "index.md", "x.md", "cas", "page-2.md",
                            "glossaire", "index.md#rgpd", "", ".", ".."])
PATHS = st.lists(SEGMENTS, min_size=1, max_size=4).map("/".join)


@settings(max_examples=500, deadline=None)
@given(PATHS, PATHS)
def test_relative_is_relpath_from_the_source_folder(from_src: str, to_src: str):
    # Sources are relative paths; relpath rejects an empty target.
    assume(not from_src.startswith("/") and not to_src.startswith("/") and to_src)
    expected = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    assert urls.relative(from_src, to_src) == expected


def test_relative_links_between_pages():
    assert urls.relative("aides/niveau/region-wallonne.md", "aides/bxl-x.md") == "../bxl-x.md"
    assert urls.relative("aides/niveau/wallonie/page-2.md", "aides/a.md") == "../../a.md"
    assert urls.relative("aides/index.md", "aides/catalogue.json") == "catalogue.json"
    assert urls.relative("index.md", "glossaire/index.md#rgpd") == "glossaire/index.md#rgpd"
    assert urls.relative("aides/a.md", "aides/a.md") == "a.md"
