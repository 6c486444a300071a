"""Markdown built from data never makes a link that does not come from a URL field.

Every text of an aid (generated from the model: each string its model accepts with the
payload) holds link syntax: inline, autolink, bare address, reference definition. The
small project is built and every page read: the only links to outside addresses are the
record's URL fields (shown on the aid page), never one written inside a text."""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from generator.schema import RECORD_KINDS
from tests.conftest import VALID_AID, make_project, mkdocs

pytestmark = pytest.mark.e2e  # every test here runs a real build

EVIL = "evil.example"
PAYLOAD = (f" [clic](https://{EVIL}/inline) <https://{EVIL}/auto> https://{EVIL}/bare "
           f"www.{EVIL} [ref][r] <a href=\"https://{EVIL}/html\">a</a>\n\n"
           f"[r]: https://{EVIL}/reference\n")


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.targets += [value or "" for name, value in attrs
                         if name in {"href", "src", "action", "formaction"}]


def _poisoned(record: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``record`` with the payload appended to every string the model still accepts."""
    model = RECORD_KINDS["aids"].model
    poisoned: list[str] = []
    for field, value in record.items():
        strings = ([(field, None)] if isinstance(value, str) else
                   [(field, (i, k)) for i, item in enumerate(value) if isinstance(item, dict)
                    for k, v in item.items() if isinstance(v, str)]
                   if isinstance(value, list) else [])
        for name, inner in strings:
            trial = copy.deepcopy(record)
            if inner is None:
                trial[name] = f"{trial[name]}{PAYLOAD}"
            else:
                trial[name][inner[0]][inner[1]] += PAYLOAD
            try:
                model.model_validate(trial)
            except ValidationError:
                continue
            record = trial
            poisoned.append(name if inner is None else f"{name}[{inner[0]}].{inner[1]}")
    return record, poisoned


def test_no_text_field_makes_a_link(tmp_path: Path):
    [record] = yaml.safe_load(VALID_AID)
    # The data loader keeps dates as the text written (pydantic parses them).
    record = {key: str(value) if key == "period_end" else value for key, value in record.items()}
    record, poisoned = _poisoned(record)
    # Every free text took the payload (names, notes, the amount…), the URL did not.
    assert {"name", "eligibility", "amount", "funds", "brussels_note"} <= set(poisoned)
    assert "url" not in poisoned
    project = make_project(tmp_path, yaml.safe_dump([record], allow_unicode=True))
    mkdocs("build", cwd=project)
    site = project / "site"
    pages = list(site.rglob("*.html"))
    aid_page = site / "aides" / "bxl-exemple" / "index.html"
    assert aid_page in pages
    assert (site / "donnees" / "index.html") in pages
    assert PAYLOAD.split()[0] in aid_page.read_text("utf-8")  # the text is shown, as text
    outside: dict[str, set[str]] = {}
    for page in pages:
        parser = _Hrefs()
        parser.feed(page.read_text("utf-8"))
        outside[str(page.relative_to(site))] = {
            target for target in parser.targets if target.startswith(("http:", "https:"))
            or EVIL in target or "javascript:" in target}
    smuggled = {page: sorted(t for t in targets if EVIL in t or "javascript:" in t)
                for page, targets in outside.items()}
    assert not any(smuggled.values()), {p: t for p, t in smuggled.items() if t}
    # The URL field itself is a link on the aid page: the scan sees links.
    assert record["url"] in outside["aides/bxl-exemple/index.html"]
