"""The real site, built with --strict: every record has its page and every link resolves."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from generator.catalog import load_catalog
from generator.links import broken_links
from tests.conftest import ROOT, VALID_AID, aid_yaml, make_project, mkdocs


def test_every_record_has_its_page(built_site: Path):
    catalog = load_catalog(ROOT / "data", root=ROOT, build_date=date.today())
    for aid_id, aid in catalog.aids.items():
        page = built_site / "aides" / aid_id / "index.html"
        assert page.exists(), aid_id
        title = re.search(r"<title>(.*?)</title>", page.read_text("utf-8"), re.S)
        assert title, aid_id
        assert html.unescape(title.group(1)).startswith(f"{aid.name} - "), aid_id
    catalogue = (built_site / "aides" / "index.html").read_text(encoding="utf-8")
    assert catalogue.count('class="kb-meta"') == len(catalog.aids)  # the no-JS list shows all


def test_every_internal_link_and_anchor_resolves(built_site: Path):
    assert list(broken_links(built_site)) == []


class _ExternalReferences(HTMLParser):
    """Every (tag, address) of a page that points to another host."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value and value.startswith(("http:", "https:", "//")):
                self.found.append((tag, value))


def test_pages_are_in_french_and_load_nothing_from_outside(built_site: Path):
    for page in [built_site / "index.html", built_site / "aides" / "bxl-prime-web" / "index.html",
                 built_site / "aides" / "index.html"]:
        text = page.read_text(encoding="utf-8")
        assert '<html lang="fr"' in text
        parser = _ExternalReferences()
        parser.feed(text)
        # Only plain links may leave the site (an aid's official page), never an asset.
        assert [tag for tag, _ in parser.found if tag != "a"] == [], page


def test_catalogue_index_matches_the_data(built_site: Path):
    catalog = load_catalog(ROOT / "data", root=ROOT, build_date=date.today())
    index = json.loads((built_site / "aides" / "catalogue.json").read_text(encoding="utf-8"))
    assert {record["id"] for record in index["records"]} == set(catalog.aids)
    prime_web = next(r for r in index["records"] if r["id"] == "bxl-prime-web")
    assert prime_web["name"] == "Prime Web"
    assert prime_web["url"] == "bxl-prime-web/"
    titles = [facet["title"] for facet in index["facets"]]
    assert titles == ["Accessible à une ASBL bruxelloise", "Niveau", "Nature",
                      "Forme de soutien", "Public visé", "Besoin"]


def test_aid_page_shows_status_as_reported_and_source(built_site: Path):
    page = (built_site / "aides" / "bxl-prime-web" / "index.html").read_text(encoding="utf-8")
    assert "Maximum 5000€ par année civile" in page
    assert "Statut selon le rapport (février 2024)" in page
    assert "pas encore revérifiée depuis le rapport" in page
    assert "https://economie-emploi.brussels/prime-web" in page
    assert "Explorer pour s'inspirer" in page
    assert "p. 13-19" in page


def test_other_region_page_says_a_brussels_asbl_cannot_use_it(built_site: Path):
    page = (built_site / "aides" / "vl-sifo" / "index.html").read_text(encoding="utf-8")
    assert "Non accessible à une ASBL bruxelloise" in page
    # The report's two ceilings are both shown.
    assert "350 000 euros" in page
    assert "100.000€ par dossier" in page


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_a_failed_build_leaves_the_previous_site_in_place(tmp_path: Path):
    project = make_project(tmp_path, VALID_AID)
    content_before = tree_digest(project / "content")
    mkdocs("build", "--strict", cwd=project)
    site = project / "site"
    good = tree_digest(site)
    assert (site / "aides" / "bxl-exemple" / "index.html").exists()

    (project / "data" / "aids.yaml").write_text(aid_yaml(level="  level: nowhere"))
    result = mkdocs("build", "--strict", cwd=project, check=False)
    assert result.returncode != 0
    assert "data/aids.yaml:4:10: aids[0].level (id: bxl-exemple): valeur « nowhere » inconnue" \
        in result.stderr
    assert tree_digest(site) == good
    assert not (project / "site.partial").exists()

    # A warning under --strict aborts after the pages were written: still no swap.
    (project / "data" / "aids.yaml").write_text(VALID_AID)
    (project / "content" / "index.md").write_text("[lien cassé](nulle-part.md)\n")
    result = mkdocs("build", "--strict", cwd=project, check=False)
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr
    assert tree_digest(site) == good

    # The build never writes into the docs dir.
    (project / "content" / "index.md").write_text("# Accueil\n\n[Catalogue](aides/index.md)\n")
    assert tree_digest(project / "content") == content_before


def test_a_successful_build_replaces_the_site(tmp_path: Path):
    project = make_project(tmp_path, VALID_AID)
    mkdocs("build", cwd=project)
    (project / "data" / "aids.yaml").write_text(VALID_AID + aid_yaml("bxl-deux"))
    mkdocs("build", cwd=project)
    assert (project / "site" / "aides" / "bxl-deux" / "index.html").exists()
    assert not (project / "site.previous").exists()


def test_a_hand_written_page_is_never_replaced_by_a_generated_one(tmp_path: Path):
    project = make_project(tmp_path, VALID_AID)
    (project / "content" / "aides" / "bxl-exemple.md").write_text("# Écrit à la main\n")
    result = mkdocs("build", cwd=project, check=False)
    assert result.returncode != 0
    assert "content/aides/bxl-exemple.md existe déjà" in result.stderr


def test_markup_in_yaml_text_stays_text_in_the_built_page(tmp_path: Path):
    attack = "</title><script>alert(1)</script> & co"
    project = make_project(tmp_path, aid_yaml(name=f'  name: "{attack}"'))
    mkdocs("build", "--strict", cwd=project)
    page = (project / "site" / "aides" / "bxl-exemple" / "index.html").read_text("utf-8")
    assert "<script>alert(1)" not in page
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co - " in page


def test_serve_rebuilds_when_data_changes_and_never_writes_into_content(tmp_path: Path):
    project = make_project(tmp_path, VALID_AID)
    content_before = tree_digest(project / "content")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    def page() -> str:
        url = f"http://127.0.0.1:{port}/aides/bxl-exemple/"
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")

    def wait_for(condition, seconds: float = 60) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if condition():
                    return True
            except OSError:
                pass
            time.sleep(0.3)
        return False

    try:
        assert wait_for(lambda: "Aide exemple" in page())
        aids = project / "data" / "aids.yaml"
        aids.write_text(VALID_AID.replace('name: "Aide exemple"', 'name: "Aide renommée"'))
        assert wait_for(lambda: "Aide renommée" in page())
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert tree_digest(project / "content") == content_before
