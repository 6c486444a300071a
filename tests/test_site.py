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
import urllib.request
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.catalog import load_catalog
from generator.links import broken_links
from generator.typography import french_spacing
from generator.urls import is_group
from tests.conftest import ROOT, VALID_AID, aid_yaml, make_project, mkdocs, wait_for


def test_every_record_has_its_page(built_site: Path):
    catalog = load_catalog(ROOT / "data", root=ROOT, build_date=date.today())
    for aid_id, aid in catalog.aids.items():
        page = built_site / "aides" / aid_id / "index.html"
        assert page.exists(), aid_id
        title = re.search(r"<title>(.*?)</title>", page.read_text("utf-8"), re.S)
        assert title, aid_id
        assert html.unescape(title.group(1)).startswith(f"{french_spacing(aid.name)} - "), aid_id
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


def test_terms_are_linked_on_record_pages_not_in_group_listings(built_site: Path, real_pages):
    # A term in an aid's operator (« … intelligence artificielle », Start IA) would make a
    # link in the middle of a list of links; on the aid's own page it is explained.
    records = sorted(path.parent.name for path in (built_site / "aides").glob("*/index.html")
                     if 'class="kb-term"' in path.read_text(encoding="utf-8"))
    assert "wal-start-ia" in records
    groups = list((built_site / "aides").glob("*/*/index.html"))
    # Every group page the data makes was built (counted from the data, not pinned).
    made = [src for src in real_pages if is_group(src) and src.endswith(".md")]
    assert made
    assert [src for src in made
            if not (built_site / src.removesuffix(".md") / "index.html").is_file()] == []
    assert [path for path in groups if 'class="kb-term"' in path.read_text(encoding="utf-8")] == []


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


@pytest.mark.e2e
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


@pytest.mark.e2e
def test_a_successful_build_replaces_the_site(tmp_path: Path):
    project = make_project(tmp_path, VALID_AID)
    # Profiled, the log says what the generator itself cost (the benchmark reads this line).
    built = mkdocs("build", cwd=project, env={"GENERATOR_PROFILE": "true"})
    assert re.search(r"Générateur : [\d.]+ s de calcul \(chargement du code [\d.]+, "
                     r"données [\d.]+, pages [\d.]+, finition des pages [\d.]+\) ; "
                     r"mémoire max du build \d+ Mio\.", built.stderr), built.stderr
    (project / "data" / "aids.yaml").write_text(VALID_AID + aid_yaml("bxl-deux"))
    built = mkdocs("build", cwd=project)
    assert "Générateur :" not in built.stderr + built.stdout  # not profiled: no profile
    assert (project / "site" / "aides" / "bxl-deux" / "index.html").exists()
    assert not (project / "site.previous").exists()


@pytest.mark.e2e
def test_a_hand_written_page_is_never_replaced_by_a_generated_one(tmp_path: Path):
    project = make_project(tmp_path, VALID_AID)
    (project / "content" / "aides" / "bxl-exemple.md").write_text("# Écrit à la main\n")
    result = mkdocs("build", cwd=project, check=False)
    assert result.returncode != 0
    assert "content/aides/bxl-exemple.md existe déjà" in result.stderr


@pytest.mark.e2e
def test_markup_in_yaml_text_stays_text_in_the_built_page(tmp_path: Path):
    attack = "</title><script>alert(1)</script> & co"
    project = make_project(tmp_path, aid_yaml(name=f'  name: "{attack}"'))
    mkdocs("build", "--strict", cwd=project)
    page = (project / "site" / "aides" / "bxl-exemple" / "index.html").read_text("utf-8")
    assert "<script>alert(1)" not in page
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co - " in page
    # The sticky header shows the name as written: escaped once, never « &amp;amp; ».
    topic = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*(.*?)\s*'
                      r"</span>", page, re.S)
    assert topic is not None
    assert html.unescape(topic.group(1)) == attack
    assert "&amp;amp;" not in page


@pytest.mark.e2e
@pytest.mark.parametrize("dirty", [False, True], ids=["full", "dirty"])
def test_serve_rebuilds_when_data_changes_and_never_writes_into_content(
    tmp_path: Path, dirty: bool
):
    project = make_project(tmp_path, VALID_AID + aid_yaml("bxl-autre"))
    content_before = tree_digest(project / "content")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve_tmp = tmp_path / "serve-tmp"  # where `mkdocs serve` makes its site folder
    serve_tmp.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}",
         *(["--dirty"] if dirty else [])],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(serve_tmp)})

    def page(path: str = "/aides/bxl-exemple/") -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.read().decode("utf-8")

    try:
        assert wait_for(lambda: "Aide exemple" in page())
        [site] = serve_tmp.glob("mkdocs_*")
        other = site / "aides" / "bxl-autre" / "index.html"
        other_written = other.stat().st_mtime_ns
        aids = project / "data" / "aids.yaml"
        aids.write_text(aids.read_text().replace('name: "Aide exemple"', 'name: "Aide renommée"',
                                                 1))
        assert wait_for(lambda: "Aide renommée" in page())
        assert wait_for(lambda: "Aide renommée" in page("/aides/"))  # the catalogue too
        # The navigation of a rebuilt page names every page, even those a dirty build
        # leaves alone.
        titles = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', page(), re.S)
        assert "Catalogue des aides au numérique" in titles
        assert all(title and title != "None" for title in titles), titles
        # --dirty rebuilds only the pages whose content changed.
        assert (other.stat().st_mtime_ns == other_written) is dirty
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert tree_digest(project / "content") == content_before


def without_term_links(page: str) -> str:
    """The page as written before glossary terms were linked."""
    return re.sub(r'<a class="kb-term"[^>]*>([^<]*)</a>', r"\1", page)


def test_every_survey_table_is_shown_with_its_chart_and_download(built_site: Path):
    import csv
    import io

    from generator.survey import french_number
    from generator.urls import survey_theme

    catalog = load_catalog(ROOT / "data", root=ROOT, build_date=date.today())
    assert catalog.survey
    for table in catalog.survey:
        theme_page = built_site / survey_theme(table.meta.theme).removesuffix(".md") / "index.html"
        page = without_term_links(theme_page.read_text(encoding="utf-8"))
        assert f'id="{table.meta.id}"' in page, table.meta.id
        for label, values in table.rows:
            assert f"<td>{french_spacing(html.escape(label, quote=False))}</td>" in page, (
                table.meta.id, label)
            for value in values:
                assert f"<td>{french_number(value, table.meta.unit)}</td>" in page
        svg = built_site / "enquete" / "donnees" / f"{table.meta.id}.svg"
        assert f'src="../donnees/{table.meta.id}.svg" alt="' in page
        assert "<dc:title>" in svg.read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(
            (built_site / "enquete" / "donnees" / f"{table.meta.id}.csv").read_text("utf-8"))))
        assert rows[0][0] == "label"
        assert len(rows) - 1 >= len(table.rows)


# Figures as printed in the survey report (seed 000), one per table, checked by hand.
REPORT_FIGURES = [
    ("tab01", "Cohésion sociale", "83"),  # the text says 82: the page shows the table's value
    ("tab04", "Une adresse mail professionnelle", "92,6%"),
    ("tab10", "Suite bureautique (ex : Microsoft Office)", "99,2%"),
    ("tab18", "Un site internet qui est propre à votre organisation", "87,2%"),
    ("tab20", "Imprimer des documents", "19,8%"),
    ("tab22", "Des dispositifs de surveillance des usagers", "33,3%"),
    ("tab24", "L'utilisation plus intensive des technologies digitales", "4,52"),
    ("tab28", "Programmeur(s)/développeur(s)", "57,1%"),
    ("tab30", "L'opportunité d'adapter la technologie", "6,05"),
    ("tab03-positioning", "L'utilisation plus intensive des technologies digitales", "5,88"),
]


@pytest.mark.parametrize(("table_id", "row_start", "printed"), REPORT_FIGURES)
def test_survey_figures_match_the_report(built_site: Path, table_id, row_start, printed):
    from generator.survey import french_number
    from generator.urls import survey_theme

    catalog = load_catalog(ROOT / "data", root=ROOT, build_date=date.today())
    table = next(t for t in catalog.survey if t.meta.id == table_id)
    label, values = next((label, values) for label, values in table.rows
                         if label.startswith(row_start))
    assert printed in [french_number(value, table.meta.unit) for value in values]
    page = (built_site / survey_theme(table.meta.theme).removesuffix(".md") / "index.html")
    section = without_term_links(page.read_text(encoding="utf-8")).split(f'id="{table_id}"', 1)[1]
    cell = f"<td>{french_spacing(html.escape(label, quote=False))}</td>"
    row = section.split(cell, 1)[1].split("</tr>")[0]
    assert f"<td>{printed}</td>" in row


def test_profiles_with_their_counts_and_the_swapped_headings(built_site: Path, real_catalog):
    overview = without_term_links(
        (built_site / "profils" / "index.html").read_text(encoding="utf-8"))
    counts = [int(n) for n in re.findall(r"</a></td>\s*<td>(\d+)</td>", overview)]
    assert counts == [profile.count for profile in real_catalog.profiles]  # in the data's order
    assert sum(counts) == 219  # the report's figure: the organisations it clustered
    assert "<td>3,7%</td>" in overview  # 8 of 219, computed and said so on the page
    assert "<td>5,88</td>" in overview  # Tableau 3, « priorité absolue », leaders
    swapped = (built_site / "profils" / "peu-digitalisees-orientees-accessibilite-et-inclusion"
               / "index.html").read_text(encoding="utf-8")
    assert "Titre de section inversé dans le rapport" in swapped
    assert french_spacing("« Les suffisamment digitalisées »") in swapped


def test_methodology_gives_the_report_counts(built_site: Path):
    page = (built_site / "enquete" / "methodologie" / "index.html").read_text(encoding="utf-8")
    for count in ("673", "311", "253", "219", "37,6%"):
        assert count in page, count


def test_theme_pages_open_with_the_key_findings(built_site: Path):
    page = (built_site / "enquete" / "outils-internes-et-teletravail" / "index.html").read_text(
        encoding="utf-8")
    assert 'id="essentiel"' in page
    assert page.index('id="essentiel"') < page.index('id="tab04"')
