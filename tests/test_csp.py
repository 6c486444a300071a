"""Only the inline scripts the theme writes are allowed; any other stops the build."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from generator.csp import ShippedScripts, UnexpectedScript, add_policy, inline_scripts
from tests.conftest import ROOT, VALID_AID, make_project, mkdocs

THEME_DIRS = [ROOT / "theme", Path(material.__file__).parent / "templates"]


@pytest.fixture(scope="module")
def shipped() -> ShippedScripts:
    return ShippedScripts(THEME_DIRS)


def test_the_theme_scripts_are_allowed_at_every_folder_depth(shipped: ShippedScripts,
                                                             built_site: Path):
    scripts = {script for page in built_site.rglob("*.html")
               for script in inline_scripts(page.read_text("utf-8"))}
    # The scope script differs with the depth of the page: each form is allowed.
    assert len({script for script in scripts if script.startswith("__md_scope")}) > 1
    assert all(shipped.allows(script) for script in scripts)


@pytest.mark.parametrize("script", [
    "alert(document.domain)",
    # A theme script whose value is made to close its string and run something else.
    '__md_scope=new URL("..",alert(1),"",location),__md_hash=e=>0',
    'window.location.replace(["x"+alert(1)+"",window.location.search].join(""))',
])
def test_any_other_inline_script_is_refused(shipped: ShippedScripts, script: str):
    page = f'<head><meta charset="utf-8"></head><body><script>{script}</script></body>'
    with pytest.raises(UnexpectedScript, match="ne vient pas du thème"):
        add_policy(page, shipped)


def test_data_blocks_are_not_scripts(shipped: ShippedScripts):
    page = ('<head><meta charset="utf-8">'
            '<script type="application/ld+json">{"name": "alert(1)"}</script></head>')
    assert "sha256-" not in add_policy(page, shipped)


@pytest.mark.e2e
def test_a_page_with_a_script_of_its_own_stops_the_build_and_says_where(tmp_path: Path):
    project = make_project(tmp_path, VALID_AID)
    (project / "content" / "aides" / "a-propos.md").write_text(
        "# À propos\n\n<script>document.title = 'x'</script>\n")
    result = mkdocs("build", cwd=project, check=False)
    assert result.returncode != 0
    assert "aides/a-propos.md : script écrit dans la page, qui ne vient pas du thème" \
        in result.stderr
    assert "document.title" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()  # nothing was published
