"""Synthetic data sets of N aids (plus proportional cases, terms and recommendations).

The real records are kept (hand-written pages link to them) and synthetic ones are added
until there are N aids. Field sizes and vocabularies follow the real inventory.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from generator.schema import (
    BrusselsAccess,
    CaseSector,
    CaseSize,
    Kind,
    Level,
    Need,
    ProjectTheme,
    RecommendationAudience,
    RecommendationTheme,
    SupportType,
    Target,
    TermCategory,
)

WORDS = [
    "accompagnement", "numérique", "association", "formation", "subvention", "outil", "données",
    "logiciel", "projet", "transition", "diagnostic", "stratégie", "bénévoles", "usagers",
    "équipe", "plateforme", "réseau", "financement", "matériel", "sécurité", "inclusion",
    "mutualisation", "fédération", "coopérative", "service", "gestion", "communication", "site",
    "internet", "partenaires", "région", "bruxelloise", "wallonne", "flamande", "public",
    "organisation", "économie", "sociale", "appel", "candidature", "montant", "plafond",
    "période",
]

ROOT = Path(__file__).resolve().parent.parent


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def pick(rng: random.Random, vocabulary: type, most: int) -> list[str]:
    members = list(vocabulary)
    return [m.value for m in rng.sample(members, rng.randint(1, min(most, len(members))))]


def synthetic_aid(rng: random.Random, number: int) -> dict:
    aid = {
        "id": f"synth-aide-{number:05d}",
        "name": f"Dispositif {number} : {sentence(rng, 4)[:-1]}",
        "operator": sentence(rng, 3)[:-1],
        "level": rng.choice(list(Level)).value,
        "kind": rng.choice(list(Kind)).value,
        "support_types": pick(rng, SupportType, 3),
        "digital_specific": rng.random() < 0.7,
        "targets": pick(rng, Target, 3),
        "needs": pick(rng, Need, 4),
        "eligibility": " ".join(sentence(rng, 14) for _ in range(3)),
        "amount": f"Maximum {rng.randint(1, 500) * 1000}€ par projet",
        "funds": sentence(rng, 18),
        "period": "2021 – 2027",
        "period_end": f"{rng.randint(2022, 2030)}-12-31",
        "status_reported": sentence(rng, 8),
        "url": f"https://example.org/aides/{number}",
        "sources": [{"report": "aides-2024", "section": "Partie 2, §3.b", "pages": "13-19"}],
        "brussels_access": rng.choice(list(BrusselsAccess)).value,
        "brussels_note": sentence(rng, 16),
        "related_aids": [f"synth-aide-{rng.randint(0, number - 1):05d}"] if number else [],
    }
    if aid["brussels_access"] in {BrusselsAccess.YES.value, BrusselsAccess.CONDITIONAL.value}:
        # An accessible aid is placed in the decision path or says why not: synthetic ones
        # are not placed (the path is the real one).
        aid["outside_path"] = sentence(rng, 10)
    return aid


def synthetic_case(rng: random.Random, number: int, aid_ids: list[str]) -> dict:
    return {
        "id": f"synth-cas-{number:04d}",
        "name": f"Organisation {number}",
        "pseudonym": True,
        "summary": " ".join(sentence(rng, 15) for _ in range(2)),
        "sector": sentence(rng, 6),
        "sectors": pick(rng, CaseSector, 2),
        "size": rng.choice(list(CaseSize)).value,
        "country": "Belgique",
        "themes": pick(rng, ProjectTheme, 3),
        "tools": [f"Outil {rng.randint(1, 40)}" for _ in range(3)],
        "context": [" ".join(sentence(rng, 18) for _ in range(4)) for _ in range(3)],
        "project": {"focus": sentence(rng, 25), "aids": rng.sample(aid_ids, 2)},
        "objectives": [sentence(rng, 12) for _ in range(4)],
        "steps": [sentence(rng, 20) for _ in range(8)],
        "obstacles": [sentence(rng, 20) for _ in range(6)],
        "success_factors": [sentence(rng, 15) for _ in range(5)],
        "lessons": [sentence(rng, 20) for _ in range(5)],
        "transferability": [sentence(rng, 15) for _ in range(4)],
        "citation": {"report": "cas-2024", "section": "Partie 2", "pages": "10-17"},
        "sources": [{"report": "cas-2024", "section": "Partie 2", "pages": "10-17"}],
    }


def synthetic_term(rng: random.Random, number: int) -> dict:
    return {
        "id": f"synth-terme-{number:04d}",
        "term": f"terme{number}",
        "aliases": [f"termes{number}"],
        "category": rng.choice(list(TermCategory)).value,
        "definition": sentence(rng, 20),
        "details": " ".join(sentence(rng, 15) for _ in range(3)),
        "basis": "defined",
        "sources": [{"report": "reperes-2022", "section": "Glossaire", "pages": "36-46"}],
    }


def synthetic_recommendation(rng: random.Random, number: int, aid_ids: list[str]) -> dict:
    return {
        "id": f"synth-reco-{number:04d}",
        "theme": rng.choice(list(RecommendationTheme)).value,
        "audience": rng.choice(list(RecommendationAudience)).value,
        "text": sentence(rng, 22),
        "observation": sentence(rng, 18),
        "related_aids": rng.sample(aid_ids, 1),
        "sources": [{"report": "pratiques-2023", "section": "Thème 1", "pages": "4-6"}],
    }


def write_data_set(target: Path, aids: int, *, seed: int = 2024) -> Path:
    """Write ``target/data`` with ``aids`` aids and proportional other records."""
    rng = random.Random(seed)
    data = target / "data"
    data.mkdir(parents=True, exist_ok=True)
    real = {name: yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8"))
            for name in ("sources", "aids", "cases", "glossary", "recommendations")
            if (ROOT / "data" / f"{name}.yaml").exists()}
    extra = max(0, aids - len(real["aids"]))
    new_aids = [synthetic_aid(rng, n) for n in range(extra)]
    aid_ids = [aid["id"] for aid in real["aids"] + new_aids]
    sets = {
        "sources": real["sources"],
        "aids": real["aids"] + new_aids,
        "cases": real.get("cases", []) + [synthetic_case(rng, n, aid_ids)
                                          for n in range(aids // 40)],
        "glossary": real.get("glossary", []) + [synthetic_term(rng, n) for n in range(aids // 20)],
        "recommendations": real.get("recommendations", []) + [
            synthetic_recommendation(rng, n, aid_ids) for n in range(aids // 20)],
    }
    for name, records in sets.items():
        text = yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=100)
        (data / f"{name}.yaml").write_text(text, encoding="utf-8")
    # The menu names pages made of these files, which the build then requires: copied as
    # they are (they name real records only, which are kept).
    for name in ("changes.yaml", "paths.yaml", "profiles.yaml"):
        if (ROOT / "data" / name).exists():
            shutil.copyfile(ROOT / "data" / name, data / name)
    if (ROOT / "data" / "survey").is_dir():
        shutil.copytree(ROOT / "data" / "survey", data / "survey", dirs_exist_ok=True)
    return data
