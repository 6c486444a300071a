"""A maintainer's to-do list: what in the data needs checking again."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import dates
from .catalog import Catalog, RecordKey
from .glossary import TermLinker
from .schema import Kind
from .schema.walk import values

STALE_AFTER = timedelta(days=365)
# Words by which a status claims a scheme is running (checked against its reported end).
_RUNNING = re.compile(r"\b(en cours|ouvert|ouverte|actif|active|disponible)s?\b", re.I)


@dataclass(frozen=True, order=True)
class Finding:
    category: str
    record: str
    line: int
    detail: str


CATEGORIES = {
    "never-verified": "Jamais revérifiée depuis le rapport",
    "stale": "Vérifiée il y a plus de 12 mois",
    "status-report-only": "Statut connu par le seul rapport",
    "ended-but-running": "Période terminée, statut « en cours »",
    "no-url": "Sans lien officiel",
    "not-cited": "Citée par aucune autre fiche",
    "unused-term": "Terme employé nulle part",
}


def audit(catalog: Catalog, *, today: date, pages: Iterable[str] = ()) -> list[Finding]:
    """Every finding, sorted by category then record. ``pages``: hand-written Markdown."""
    findings = [*_aid_findings(catalog, today), *_unused_terms(catalog, pages)]
    order = list(CATEGORIES)
    return sorted(findings, key=lambda f: (order.index(f.category), f.record))


def _aid_findings(catalog: Catalog, today: date) -> Iterator[Finding]:
    path = catalog.data_files.get("aids", "data/aids.yaml")
    for aid in catalog.aids.values():
        line = catalog.lines[RecordKey("aids", aid.id)]

        def finding(category: str, detail: str, *, aid_id: str = aid.id, at: int = line) -> Finding:
            return Finding(category, aid_id, at, f"{path}:{at} — {detail}")

        if aid.last_verified is None:
            yield finding("never-verified", "statut tel que rapporté, jamais revérifié")
        elif today - aid.last_verified > STALE_AFTER:
            yield finding("stale", f"dernière vérification le {aid.last_verified.isoformat()}")
        claim = catalog.status(aid)
        if claim.from_report:
            yield finding("status-report-only",
                          f"statut {claim.whose} ({claim.when}) ; ni site officiel consulté ni "
                          "vérification datée")
        status = claim.text or ""
        if catalog.period_ended(aid) and _RUNNING.search(status):
            yield finding("ended-but-running",
                          f"fin indiquée : {dates.french(aid.period_end)}, statut "
                          f"« {status[:80]} »")
        if aid.url is None and aid.kind in {Kind.AID, Kind.RESOURCE}:
            yield finding("no-url", "aucune adresse officielle")
        if not catalog.cited_by("aids", aid.id) and not aid.related_aids:
            yield finding("not-cited", "aucune étude de cas, recommandation ni aide ne la cite")


def _unused_terms(catalog: Catalog, pages: Iterable[str]) -> Iterator[Finding]:
    """Terms that no record (other than the glossary) and no hand-written page mentions."""
    used: set[str] = set()
    terms = catalog.terms
    linker = TermLinker(terms.values())
    texts = [*pages, *(_texts(catalog))]
    for text in texts:
        used.update(re.findall(r'href="G#([a-z0-9-]+)"', linker.link(_plain(text), "G")))
    path = catalog.data_files.get("glossary", "data/glossary.yaml")
    for term in terms.values():
        if term.id not in used:
            line = catalog.lines[RecordKey("glossary", term.id)]
            yield Finding("unused-term", term.id, line,
                          f"{path}:{line} — ni « {term.term} » ni ses alias n'apparaissent")


def _texts(catalog: Catalog) -> Iterator[str]:
    for kind, records in catalog.records.items():
        if kind in {"glossary", "sources"}:
            continue
        for record in records.values():
            yield " \n".join(value for _, _, value in values(record) if isinstance(value, str))


def _plain(text: str) -> str:
    # The linker expects HTML: make sure « < » in Markdown text cannot open a tag.
    return text.replace("<", " ")


def markdown_report(findings: list[Finding], *, today: date) -> str:
    lines = [f"# Audit des données — {today.isoformat()}", ""]
    if not findings:
        return "\n".join([*lines, "Rien à signaler.", ""])
    counts = {category: sum(1 for f in findings if f.category == category)
              for category in CATEGORIES}
    lines += ["| À faire | Nombre |", "|---|---|"]
    lines += [f"| {CATEGORIES[c]} | {n} |" for c, n in counts.items() if n]
    for category, title in CATEGORIES.items():
        group = [f for f in findings if f.category == category]
        if group:
            lines += ["", f"## {title} ({len(group)})", ""]
            lines += [f"- `{f.record}` — {f.detail}" for f in group]
    return "\n".join(lines) + "\n"


def hand_written_pages(docs_dir: Path) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(docs_dir.rglob("*.md"))]
