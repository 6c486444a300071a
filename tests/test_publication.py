"""The published site is always one whole build: concurrent builds, leftovers of killed
builds, a site folder that cannot be replaced, and `mkdocs serve` on broken data."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import VALID_AID, aid_yaml, make_project, mkdocs, wait_for

pytestmark = pytest.mark.e2e  # every test here runs a real build


def manifest(site: Path) -> dict[str, str]:
    """Every file of a built site and its checksum. Left out: the sitemap's gzip header (it
    holds the time it was written) and the search index's chunks, whose names depend on the
    order Pagefind's threads read the pages (it differs under load): the index is summed
    up by its languages and page counts, and each chunk its entry names must be there."""
    files = {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in sorted(site.rglob("*"))
             if path.is_file() and path.name != "sitemap.xml.gz"
             and not path.relative_to(site).as_posix().startswith("pagefind/")}
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    for language, index in entry["languages"].items():
        assert (site / "pagefind" / f"pagefind.{index['hash']}.pf_meta").is_file()
        files[f"pagefind/{language}"] = str(index["page_count"])
    return files


def start_build(project: Path, site: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_concurrent_builds_always_publish_one_whole_site(tmp_path: Path):
    # Two projects whose sites differ, built into one site folder.
    first = make_project(tmp_path / "first", VALID_AID)
    second = make_project(tmp_path / "second", VALID_AID + aid_yaml("bxl-deux"))
    references = []
    for project in (first, second):
        alone = tmp_path / f"{project.name}-alone" / "site"
        mkdocs("build", "--strict", "--site-dir", str(alone), cwd=project)
        references.append(manifest(alone))
    assert references[0] != references[1]

    site = tmp_path / "shared" / "site"
    started = time.monotonic()
    mkdocs("build", "--site-dir", str(site), cwd=first)
    one_build = time.monotonic() - started
    # The second build starts from 0 to about one build later: publications overlap at
    # every moment of the first build.
    for step in range(10):
        offset = one_build * step / 9
        builds = [start_build(first, site)]
        time.sleep(offset)
        builds.append(start_build(second, site))
        logs = [build.communicate(timeout=600)[0] for build in builds]
        assert [build.returncode for build in builds] == [0, 0], logs
        published = manifest(site)
        assert published in references, f"décalage {offset:.1f} s : site publié incomplet"
        assert sorted(path.name for path in site.parent.iterdir()) == ["site"], \
            "no staging or replaced folder is left behind"


def test_folders_left_by_killed_builds_do_not_stop_the_next_one(tmp_path: Path):
    project = make_project(tmp_path, VALID_AID)
    # Names used by killed builds: this version's (a process that no longer runs) and the
    # previous versions' fixed names, each holding files.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    for name in ("site.previous", "site.partial", f"site.partial-{dead.pid}-abc",
                 f"site.previous-{dead.pid}-def"):
        (project / name / "aides").mkdir(parents=True)
        (project / name / "aides" / "index.html").write_text("reste")
    result = mkdocs("build", "--strict", cwd=project)
    assert (project / "site" / "aides" / "bxl-exemple" / "index.html").exists()
    assert sorted(path.name for path in project.iterdir() if path.name.startswith("site")) \
        == ["site"], result.stderr


def test_a_build_killed_between_its_two_renames_leaves_the_previous_site_restored(
        tmp_path: Path):
    project = make_project(tmp_path, VALID_AID)
    mkdocs("build", cwd=project)
    good = manifest(project / "site")
    # What a build killed after moving the site aside, before moving its own in, leaves.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    aside = project / f"site.previous-{dead.pid}-xyz"
    aside.mkdir()
    (project / "site").rename(aside / "site")
    (project / "data" / "aids.yaml").write_text(aid_yaml(level="  level: nowhere"))
    assert mkdocs("build", cwd=project, check=False).returncode != 0
    assert manifest(project / "site") == good
    assert not aside.exists()


def test_a_site_path_that_cannot_be_a_folder_stops_the_build_before_it_starts(tmp_path: Path):
    project = make_project(tmp_path, VALID_AID)
    (project / "site").write_text("un fichier, pas un dossier")
    result = mkdocs("build", cwd=project, check=False)
    assert result.returncode != 0
    assert "Publication du site" in result.stderr
    assert "n'est pas un dossier" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Documentation built" not in result.stderr  # stopped before building
    assert (project / "site").read_text() == "un fichier, pas un dossier"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("breakage", [
    pytest.param('  level: nowhere', id="invalid-value"),
    pytest.param('  name: [unclosed', id="broken-yaml"),
])
def test_serve_keeps_serving_the_last_good_site_while_the_data_is_broken(tmp_path: Path,
                                                                          breakage: str):
    project = make_project(tmp_path, VALID_AID)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp_path)})

    def get(path: str, timeout: float = 5) -> tuple[str, float]:
        started = time.monotonic()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}",
                                    timeout=timeout) as response:
            return response.read().decode("utf-8"), time.monotonic() - started

    try:
        assert wait_for(lambda: "Aide exemple" in get("/aides/bxl-exemple/")[0], 90)
        aids = project / "data" / "aids.yaml"
        field = breakage.split(":")[0].strip()
        aids.write_text(aid_yaml(**{field: breakage}))
        assert wait_for(seconds=90, condition=lambda: "Reconstruction impossible" in
                         (tmp_path / "serve.log").read_text()), \
            (tmp_path / "serve.log").read_text()
        # Answered at once, with the last good site and the reason it is not updated.
        page, seconds = get("/aides/bxl-exemple/", timeout=1)
        assert seconds < 1
        assert "Aide exemple" in page
        assert "Aperçu non mis à jour" in page
        assert "data/aids.yaml:" in page  # the error, at its place in the file
        css = list((project / "theme" / "assets" / "stylesheets").glob("*.css"))
        _, seconds = get(f"/assets/stylesheets/{css[0].name}", timeout=1)
        assert seconds < 1

        aids.write_text(aid_yaml(name='  name: "Aide corrigée"'))
        assert wait_for(lambda: "Aide corrigée" in get("/aides/bxl-exemple/")[0], 90)
        assert "Aperçu non mis à jour" not in get("/aides/bxl-exemple/")[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
