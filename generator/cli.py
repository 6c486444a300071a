"""Command line for maintainers: ``python -m generator validate | new aid | schema | render |
finish | audit | check-links | compile-templates``."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from . import export, kinds, linkcheck
from .audit import CATEGORIES, audit, hand_written_pages, markdown_report
from .cache import project_cache
from .catalog import Catalog
from .catalog_cache import cached_catalog
from .decision_path import coverage_report
from .errors import DataErrors
from .finish import FinishError, FinishOptions, finish_site
from .links import broken_links
from .pages import compile_templates, render_site, template_environment
from .scaffold import SOURCE_CHOICES, id_problem, new_aid_template, new_record_template
from .urls import nav_pages

ROOT = Path.cwd()
PLUGIN_NAME = "knowledge-base"
"""The plugin's name in mkdocs.yml (pyproject.toml's entry point)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("data"), help="dossier des données")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="vérifie les données (sans construire)")
    validate.add_argument("--build-date", type=date.fromisoformat, default=None)

    new = commands.add_parser("new", help="modèle commenté d'une nouvelle fiche")
    new.add_argument("kind", choices=[kind.command for kind in _kinds().values()],
                     help="sorte de fiche : aid (data/aids.yaml), case (data/cases.yaml)…")
    new.add_argument("--id", help="identifiant de la nouvelle fiche (ex. bxl-nouvelle-aide)")
    new.add_argument("--append", action="store_true",
                     help="ajoute le modèle à la fin de son fichier de données (data/aids.yaml "
                          "pour une aide), sans rien modifier d'autre")
    new.add_argument("--source", choices=list(SOURCE_CHOICES),
                     help="aide seulement : d'où vient la fiche, « rapport » ou « site-officiel » "
                          "(avec --url) ; demandé si la commande est interactive")
    new.add_argument("--url", help="adresse du site officiel consulté (--source site-officiel)")

    schema = commands.add_parser("schema", help="écrit les JSON Schema des données dans schema/")
    schema.add_argument("--check", action="store_true",
                        help="vérifie seulement que les fichiers de schema/ sont à jour")
    schema.add_argument("--out", type=Path, default=Path("schema"))

    audit = commands.add_parser("audit", help="liste de ce qu'il faut revérifier dans les données")
    audit.add_argument("--out", type=Path, default=Path("build/audit.md"),
                       help="rapport Markdown (défaut : build/audit.md)")
    audit.add_argument("--docs", type=Path, default=Path("content"),
                       help="pages écrites à la main, pour les termes du glossaire")
    audit.add_argument("--date", type=date.fromisoformat, default=None,
                       help="date du jour (AAAA-MM-JJ) pour l'ancienneté des vérifications")
    audit.add_argument("--strict", action="store_true",
                       help="code de sortie 1 s'il y a quelque chose à faire (pour la CI)")

    render = commands.add_parser("render", help="écrit les pages générées dans un dossier")
    render.add_argument("--out", type=Path, required=True)
    render.add_argument("--build-date", type=date.fromisoformat, default=None)

    finish = commands.add_parser(
        "finish", help="finit un site construit par un autre moteur que MkDocs (Zensical…) : "
                       "liens du glossaire, typographie, CSP, index de recherche, publication")
    finish.add_argument("built", type=Path, help="dossier du site construit (modifié sur place)")
    finish.add_argument("--theme-dir", type=Path, action="append", default=[],
                        help="dossier de gabarits du thème (plusieurs fois) : ses scripts en "
                             "ligne sont les seuls permis par la CSP (sans : pas de CSP)")
    finish.add_argument("--publish-to", type=Path, default=None,
                        help="remplace ce site par le dossier fini (même disque), d'un coup")
    finish.add_argument("--no-search", action="store_true", help="sans index Pagefind")
    finish.add_argument("--no-directory-urls", action="store_true",
                        help="pages en x.html plutôt que x/ (use_directory_urls: false)")
    finish.add_argument("--build-date", type=date.fromisoformat, default=None)

    links = commands.add_parser(
        "check-links", help="liens internes du site construit ; avec --external, liens externes")
    links.add_argument("--external", action="store_true",
                       help="vérifie les adresses externes des données et du site (réseau)")
    links.add_argument("--site", type=Path, default=Path("site"),
                       help="site construit (défaut : site/)")
    links.add_argument("--timeout", type=float, default=10.0,
                       help="délai par requête, en secondes (défaut : 10)")
    links.add_argument("--workers", type=int, default=8,
                       help="requêtes simultanées (défaut : 8)")

    commands.add_parser(
        "compile-templates",
        help="compile les gabarits à l'avance, dans .cache/ (la construction le fait sinon)")

    args = parser.parse_args(argv)
    handler = {"validate": _validate, "new": _new, "schema": _schema, "render": _render,
               "finish": _finish,
               "audit": _audit, "check-links": _check_links,
               "compile-templates": _compile_templates}
    return handler[args.command](args)


def _load(args: argparse.Namespace, cache_dir: Path | None = None) -> Catalog | None:
    """The checked catalogue, or ``None`` with its errors printed. With ``cache_dir``, the
    one the build keeps (catalog_cache.py); without, read and checked anew."""
    try:
        return cached_catalog(args.data, root=ROOT, build_date=args.build_date or date.today(),
                              nav=_nav_pages(ROOT / "mkdocs.yml"), cache_dir=cache_dir)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return None


def _site_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml, read as `mkdocs build` reads it (INHERIT, !ENV); empty if absent or
    broken (a broken mkdocs.yml is for the build to report)."""
    if not config_file.is_file():
        return {}
    from mkdocs.utils import yaml_load

    try:
        with config_file.open("rb") as handle:
            config = yaml_load(handle)
    except Exception:
        return {}
    return config if isinstance(config, dict) else {}


def _nav_pages(config_file: Path) -> set[str]:
    """The pages the site's menu names: validate then requires the data files the build
    will need for them."""
    return nav_pages(_site_config(config_file).get("nav"))


def _kinds() -> dict[str, kinds.Kind]:
    """Every kind, the project's own included (the plugin's ``kinds`` option in mkdocs.yml):
    validate, new and schema know them as the build does."""
    for plugin in _site_config(ROOT / "mkdocs.yml").get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get(PLUGIN_NAME), dict):
            kinds.load_project_kinds(plugin[PLUGIN_NAME].get("kinds") or [], ROOT)
    return kinds.KINDS


def _validate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    catalog = _load(args)
    if catalog is None:
        return 1
    elapsed = time.perf_counter() - started
    counts = ", ".join([f"{len(records)} {kinds.KINDS[kind].record.plural}"
                        for kind, records in catalog.records.items() if records]
                       + ([f"{len(catalog.survey)} tableaux d'enquête"] if catalog.survey else []))
    print(f"Données valides : {counts} ({elapsed:.2f} s).")
    if catalog.path is not None:
        for line in coverage_report(catalog.path, catalog.aids):
            print(line)
    return 0


def _ask_source(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """The source of a new aid: from the options, or asked when someone is typing."""
    source, url = args.source, args.url
    if source is None and sys.stdin.isatty():
        print("D'où vient cette aide ?")
        for number, (choice, text) in enumerate(SOURCE_CHOICES.items(), start=1):
            print(f"  {number}. {text} ({choice})")
        answer = input("Votre choix [1] : ").strip() or "1"
        choices = list(SOURCE_CHOICES)
        source = choices[int(answer) - 1] if answer.isdigit() and 0 < int(answer) <= len(
            choices) else (answer if answer in choices else choices[0])
    if source == "site-officiel" and not url and sys.stdin.isatty():
        url = input("Adresse du site officiel consulté : ").strip() or None
    return source, url


def _new(args: argparse.Namespace) -> int:
    kind = kinds.by_command(args.kind)
    target = args.data / kind.data_file
    aid_id = args.id or "identifiant-a-choisir"
    # Checked first: nothing is written for an id that would break the data (« ../../x »).
    problem = id_problem(aid_id, kind.reserved_ids)
    if problem is not None:
        print(f"{problem} Rien n'a été écrit.", file=sys.stderr)
        return 2
    if args.url and args.source != "site-officiel":
        print("--url va avec --source site-officiel.", file=sys.stderr)
        return 2
    if kind.command == "aid":  # only an aid may come from an official site alone
        source, url = _ask_source(args)
        template = new_aid_template(aid_id, source=source, url=url)
    elif args.source:
        print("--source ne vaut que pour une aide (new aid).", file=sys.stderr)
        return 2
    else:
        template = new_record_template(kind.record.model, aid_id)
    if args.append:
        if not args.id:
            print("--append demande --id : l'identifiant de la nouvelle fiche.", file=sys.stderr)
            return 2
        if target.exists() and not target.is_file():
            print(f"{target} n'est pas un fichier : rien n'a été écrit.", file=sys.stderr)
            return 1
        try:
            text = target.read_text(encoding="utf-8") if target.exists() else ""
        except UnicodeDecodeError:
            print(f"{target} n'est pas en UTF-8 : rien n'a été écrit.", file=sys.stderr)
            return 1
        if any(line.strip() in {f"- id: {aid_id}", f'- id: "{aid_id}"'}
               for line in text.splitlines()):
            print(f"{target} contient déjà une fiche « {aid_id} » : rien n'a été modifié.",
                  file=sys.stderr)
            return 1
        separator = "" if not text or text.endswith("\n") else "\n"
        with target.open("a", encoding="utf-8") as handle:
            handle.write(separator + "\n" + template)
        print(f"Modèle ajouté à la fin de {target} : complétez-le, puis lancez "
              "« python -m generator validate ».")
        return 0
    sys.stdout.write(template)
    return 0


def _schema(args: argparse.Namespace) -> int:
    stale = []
    for name, (model, title) in export.schemas().items():
        path = args.out / name
        text = export.json_schema(model, title)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(str(path))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"écrit : {path}")
    if stale:
        print("JSON Schema à régénérer (python -m generator schema) : " + ", ".join(stale),
              file=sys.stderr)
        return 1
    return 0


def _audit(args: argparse.Namespace) -> int:
    today = args.date or date.today()
    args.build_date = today
    catalog = _load(args)
    if catalog is None:
        return 1
    pages = hand_written_pages(args.docs) if args.docs.exists() else []
    findings = audit(catalog, today=today, pages=pages)
    width = max((len(f.record) for f in findings), default=0)
    for finding in findings:
        print(f"{CATEGORIES[finding.category]:<40} {finding.record:<{width}}  {finding.detail}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(markdown_report(findings, today=today), encoding="utf-8")
    print(f"{len(findings)} point(s) à vérifier ; rapport : {args.out}")
    return 1 if args.strict and findings else 0


def _check_links(args: argparse.Namespace) -> int:
    site: Path = args.site
    if not args.external:
        if not (site / "index.html").exists():
            print(f"{site}/index.html introuvable : construisez d'abord le site (make build).",
                  file=sys.stderr)
            return 1
        broken = list(broken_links(site))
        for line in broken:
            print(line)
        print(f"{len(broken)} lien(s) interne(s) cassé(s) dans {site}.")
        return 1 if broken else 0
    args.build_date = None
    catalog = _load(args)
    if catalog is None:
        return 1
    uses = linkcheck.data_uses(catalog, ROOT)
    if (site / "index.html").exists():
        uses += linkcheck.site_uses(site)
    started = time.perf_counter()
    results = linkcheck.check_all((use.url for use in uses), timeout=args.timeout,
                                  workers=args.workers)
    table = linkcheck.failure_table(uses, results)
    for line in table:
        print(line)
    failed = sum(not result.ok for result in results.values())
    print(f"{failed} adresse(s) cassée(s) sur {len(results)} vérifiée(s) "
          f"({time.perf_counter() - started:.1f} s).")
    return 1 if failed else 0


def _render(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        print(f"{out} n'est pas vide : choisissez un dossier nouveau ou vide.", file=sys.stderr)
        return 1
    cache = project_cache(ROOT)  # the build's: what one made, the other reuses
    catalog = _load(args, cache)
    if catalog is None:
        return 1
    for generated in render_site(catalog, env=template_environment(cache / "templates"),
                                 cache_dir=cache):
        path = out / generated.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(generated.content, bytes):
            path.write_bytes(generated.content)
        else:
            path.write_text(generated.content, encoding="utf-8")
    print(f"Pages générées dans {out}.")
    return 0


def _finish(args: argparse.Namespace) -> int:
    if not args.built.is_dir():
        print(f"{args.built} : dossier introuvable (le site construit).", file=sys.stderr)
        return 1
    catalog = _load(args)
    if catalog is None:
        return 1
    options = FinishOptions(directory_urls=not args.no_directory_urls,
                            search=not args.no_search,
                            content_security_policy=bool(args.theme_dir),
                            theme_dirs=tuple(args.theme_dir))
    started = time.perf_counter()
    try:
        report = finish_site(args.built, catalog, options, publish_to=args.publish_to)
    except FinishError as error:
        print(error, file=sys.stderr)
        return 1
    index = (f", {report.index.pages} pages et {report.index.records} fiches indexées"
             if report.index else "")
    where = f", publié dans {report.published}" if report.published else ""
    print(f"Site fini : {report.pages} pages{index}{where} "
          f"({time.perf_counter() - started:.1f} s).")
    return 0


def _compile_templates(args: argparse.Namespace) -> int:
    count, folder = compile_templates(project_cache(ROOT) / "templates")
    if folder is None:
        print("Gabarits non conservés : .cache/ n'est pas modifiable.", file=sys.stderr)
        return 1
    print(f"{count} gabarits compilés, conservés dans {folder}.")
    return 0
