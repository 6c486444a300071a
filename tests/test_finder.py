"""The aid finder (issue 16): what each entry shows, the catalogue's order, corrections
without a forge, the self-assessment's handling of missing answers. Browser checks (390 px
and 1280 px) are in test_finder_browser.py."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from generator import assessment
from generator.catalog import catalogue_group, load_catalog
from generator.pages import SiteRenderer, mailto
from generator.schema import BrusselsAccess, CatalogueGroup, Kind
from tests.conftest import ROOT, aid_yaml, write_data


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "data", root=ROOT, build_date=date.today())


# --------------------------------------------------------------------------- order


def test_catalogue_groups_follow_access_and_kind(catalog):
    for aid in catalog.aids.values():
        group = catalogue_group(aid)
        if aid.kind in (Kind.POLICY, Kind.CONTEXT):
            assert group == CatalogueGroup.CONTEXT
        elif aid.brussels_access == BrusselsAccess.YES:
            assert group == CatalogueGroup.USABLE
        elif aid.brussels_access == BrusselsAccess.CONDITIONAL:
            assert group == CatalogueGroup.CONDITIONAL
        elif aid.brussels_access in (BrusselsAccess.OTHER_REGION, BrusselsAccess.FOREIGN_EXAMPLE):
            assert group == CatalogueGroup.ELSEWHERE


def test_what_a_brussels_asbl_can_use_comes_first(catalog):
    order = list(CatalogueGroup)
    ranked = catalog.ranked_aids()
    assert sorted(ranked, key=lambda a: a.id) == sorted(catalog.aids.values(), key=lambda a: a.id)
    positions = [order.index(catalogue_group(aid)) for aid in ranked]
    assert positions == sorted(positions)
    # Within a group, schemes aimed at associations before the others.
    for group in order:
        members = [aid for aid in ranked if catalogue_group(aid) == group]
        aimed = ["non-profits" not in aid.targets for aid in members]
        assert aimed == sorted(aimed), group


def test_the_index_carries_what_each_entry_shows_in_the_catalogue_order(built_site, catalog):
    index = json.loads((built_site / "aides" / "catalogue.json").read_text("utf-8"))
    assert [record["id"] for record in index["records"]] == [a.id for a in catalog.ranked_aids()]
    for record in index["records"]:
        aid = catalog.aids[record["id"]]
        assert index["groups"][record["group"]]["slug"] == catalogue_group(aid).value
        assert record["amount"] == aid.amount
        status = catalog.status(aid)
        assert record["status"] == status.text
        assert record["whose"] == f"{status.whose} ({status.when})"
        assert record["official"] == aid.url


def _text(fragment: str) -> str:
    # French typography on built pages puts no-break spaces before « : »: compare words.
    text = html.unescape(re.sub(r"<[^>]+>", "", fragment))
    return text.replace("\xa0", " ").replace("\u202f", " ")


def test_static_catalogue_entries_show_access_amount_status_and_link(built_site, catalog):
    page = (built_site / "aides" / "index.html").read_text("utf-8")
    static = page[page.index('id="toutes-les-fiches"'):page.index("kb-static-end")]
    headings = re.findall(r'<h3 id="([a-z-]+)"', static)
    present = [g.value for g in CatalogueGroup if any(
        catalogue_group(a) == g for a in catalog.aids.values())]
    assert headings == present
    items = re.findall(r"<li>(.*?)</li>", static, re.S)
    assert len(items) == len(catalog.aids)
    for item, aid in zip(items, catalog.ranked_aids(), strict=True):
        text = _text(item)
        assert text.startswith(aid.name), aid.id
        assert f"Accès ASBL bruxelloise : {aid.brussels_access.label}" in text
        published = catalog.source(aid.sources[0].report).published
        assert f"Statut selon le rapport ({published}) : " in text
        assert " ".join((aid.status_reported or "non précisé").split()) in text
        if aid.amount:
            assert f"Montant : {' '.join(aid.amount.split())}" in text
        if aid.url:
            assert f'class="kb-official" href="{html.escape(aid.url)}"' in item
        else:
            assert "pas de lien officiel dans le rapport" in text


def test_every_path_result_shows_access_and_link_for_each_aid(built_site, catalog):
    results = [step for step in catalog.steps.values() if not step.is_question]
    assert results
    for result in results:
        page = (built_site / "parcours" / "resultats" / result.id / "index.html").read_text("utf-8")
        blocks = page.split('class="kb-path-aid"')[1:]
        proposed = [item.id for _, _, item in result.proposed()]
        assert len(blocks) == len(proposed), result.id
        for block, aid_id in zip(blocks, proposed, strict=True):
            aid = catalog.aids[aid_id]
            text = _text(block.split("</div>")[0])
            assert f"Accès pour une ASBL bruxelloise : {aid.brussels_access.label}" in text
            if aid.url:
                assert f'href="{html.escape(aid.url)}"' in block, (result.id, aid_id)
            else:
                assert "pas de lien officiel dans le rapport" in text, (result.id, aid_id)


# --------------------------------------------------------------------------- corrections


def _renderer(tmp_path: Path, **options) -> tuple[SiteRenderer, dict[str, str]]:
    write_data(tmp_path, aid_yaml())
    catalog = load_catalog(tmp_path / "data", root=tmp_path, build_date=date(2026, 1, 1))
    renderer = SiteRenderer(catalog, **options)
    return renderer, {f.src_uri: f.content for f in renderer.render()
                      if isinstance(f.content, str)}


def _links(markdown: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', markdown)]


def test_without_a_forge_a_contact_gets_a_prefilled_email(tmp_path):
    _, files = _renderer(tmp_path, contact_email="equipe@example.org",
                         site_url="https://example.org/")
    report = [link for link in _links(files["aides/bxl-exemple.md"])
              if link.startswith("mailto:")]
    assert len(report) == 1
    parts = urlsplit(report[0])
    assert unquote(parts.path) == "equipe@example.org"
    query = {name: unquote(value[0]) for name, value in
             parse_qs(parts.query, keep_blank_values=True).items()}
    assert query["subject"] == "Correction : Aide exemple"
    body = query["body"]
    assert "Fiche : bxl-exemple" in body
    assert "Page : https://example.org/aides/bxl-exemple/" in body
    assert "amount : Maximum 5000€ par année civile" in body  # the current values
    assert "Modifier cette fiche" not in files["aides/bxl-exemple.md"]  # no forge to edit on
    assert "+" not in parts.query  # RFC 6068: a space is %20


def test_without_forge_nor_contact_no_dead_link(tmp_path):
    _, files = _renderer(tmp_path)
    assert "Signaler une erreur" not in files["aides/bxl-exemple.md"]


@pytest.mark.parametrize("options", [{}, {"contact_email": "equipe@example.org"},
                                     {"repo_url": "https://forge.example.org/kb"}])
def test_the_proposal_page_always_ends_in_a_way_to_send_it(tmp_path, options):
    _, files = _renderer(tmp_path, **options)
    page = files["aides/proposer.md"]
    assert "CONTRIBUTING" not in page or "repo_url" in options
    actions = [link for link in _links(page) if link.startswith(("mailto:", "https://"))]
    assert actions, page
    if "repo_url" in options:
        assert actions[0].startswith("https://forge.example.org/kb/issues/new")
    else:
        parts = urlsplit(actions[0])
        assert unquote(parts.path) == options.get("contact_email", "")
        assert "Lien officiel" in unquote(parse_qs(parts.query)["body"][0])


def test_mailto_encodes_every_character():
    link = mailto("a@b.org", "É & ? +", "ligne 1\nligne 2 & %")
    assert link == ("mailto:a@b.org?subject=%C3%89%20%26%20%3F%20%2B"
                    "&body=ligne%201%0Aligne%202%20%26%20%25")


# --------------------------------------------------------------------------- self-assessment


@pytest.fixture(scope="module")
def blocks(catalog):
    return assessment.questionnaire(catalog.survey, catalog.profiles)


def test_an_empty_form_is_missing_every_block_not_a_profile(blocks, catalog):
    assert assessment.missing_blocks(blocks, {}) == list(blocks)
    unticked = {}
    for block in blocks:
        if not block.likert:
            unticked |= assessment.block_answers(block, set())
    # Nothing ticked is no answer: not a row of « no » that names a profile.
    assert all(value is None for value in unticked.values())
    assert assessment.missing_blocks(blocks, unticked) == list(blocks)


def test_one_box_ticked_answers_the_others_no(blocks):
    choice = next(block for block in blocks if not block.likert)
    first = choice.items[0].key
    answers = assessment.block_answers(choice, {first})
    assert answers[first] is True
    assert [answers[item.key] for item in choice.items[1:]] == [False] * (len(choice.items) - 1)
    none = assessment.block_answers(choice, set(), none=True)
    assert set(none.values()) == {False}


def test_missing_answers_are_left_out_of_the_distance(blocks, catalog):
    columns = [profile.column for profile in catalog.profiles]
    likert = blocks[0]
    one = {likert.items[0].key: 7}
    distances = dict(assessment.nearest(blocks, columns, one))
    # Only that answer counts: the distance is the gap on that single variable.
    for column in columns:
        assert distances[column] == pytest.approx(abs(7 / 1.5 - likert.items[0].centres[column]))
    assert assessment.missing_blocks(blocks, one) == list(blocks[1:])


def test_close_profiles_are_named_together():
    ranking = [("A", 0.70), ("B", 0.70), ("C", 0.73), ("D", 0.80)]
    assert assessment.close_profiles(ranking) == ["A", "B", "C"]
    assert assessment.close_profiles([("A", 0.5), ("B", 0.9)]) == ["A"]
