"""Benchmark: the generator from 300 to 10,000 aids, against plain MkDocs and Zensical.

    .venv/bin/python benchmarks/run.py                 # N = 300, 1000, 3000, 10000
    .venv/bin/python benchmarks/run.py --sizes 300 1000 --skip-zensical --repeat 3
    .venv/bin/python benchmarks/run.py --sizes 300 --zensical /tmp/zensical-venv/bin/zensical

For each N, in the same run on the same machine: validation time, full build (time, peak
memory, size of site/), the search index a visitor downloads, the catalogue page weight,
the rebuild after editing one record under `mkdocs serve`; and two baselines on the very
pages the generator produced, written out as Markdown: (a) plain `mkdocs build` with the
same theme and plugins minus the generator, (b) Zensical, the other engine the site can be
built with: `python -m generator render` writes the pages, Zensical builds them with
mkdocs.yml and theme/, `python -m generator finish` does what the plugin does on built HTML
(glossary links, typography, CSP, Pagefind index, publication; generator/finish.py). Each of
the three steps is timed. Zensical is never installed by this script (nor by `make`): install
it in a venv of its own (``python3 -m venv /tmp/zensical-venv && /tmp/zensical-venv/bin/pip
install zensical==0.0.73``) and pass ``--zensical`` its executable, or put it in
benchmarks/work/zensical-venv/; without it the run says so and leaves those columns empty.
Results go to benchmarks/results/<date>.md as a Markdown table with ratios and growth factors.

The search, in the same results file: on the real site, the relevance set of
tests/search_queries.yaml (recall@5 and MRR, overall and per family of queries; see
benchmarks/relevance.py); on the real site and at each N, what a visitor downloads before
the first result of a few queries, typed key by key in Chromium (benchmarks/search_payload.py),
against the limits of issue #17 (250 KiB on the real site, 450 KiB at 10,000 aids).
``--skip-relevance`` leaves out the real site.

The machine may be shared: besides wall time, the CPU time of each build (user + sys, its
child processes included) is measured, and the pair « generator build, plain build » is
run ``--repeat`` times in alternation; the table keeps each measure's best (least
disturbed) run and lists every pair's ratios below it. The plain build has no site search:
the generator's overhead is counted without its Pagefind indexing, which has its own
columns (the indexer is a separate step, timed by the plugin's log).

The difference of two builds moves with whatever else the machine does. So the generator's
overhead is also read from inside the build: profiled (``GENERATOR_PROFILE=true``, read by
mkdocs.yml), the plugin logs the CPU time of its own hooks (« Générateur : 2.25 s de
calcul … »), divided here by the CPU time of the plain build of the same pair. It also logs
its own process's peak memory, which GNU time cannot tell apart from Pagefind's.

Every build of a pair finds the project's ``.cache/`` filled (by the ``render`` that writes
the plain build's pages): the table measures the build a maintainer waits for, not the
first one after the cache was deleted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.relevance import measure as relevance
from benchmarks.relevance import table as relevance_table
from benchmarks.search_payload import first_result_payload
from benchmarks.synthetic import write_data_set
from generator.performance import PROFILE_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
RESULTS = ROOT / "benchmarks" / "results"
PYTHON = sys.executable
ZENSICAL_VERSION = "0.0.73"
"""The newest Zensical that installs from the package index this project uses: 0.0.74 and
later require zensical-ui, which that index does not offer
(benchmarks/results/2026-12-05-zensical.md)."""
SEARCH_QUERY = "subvention"  # a word of the synthetic vocabulary, on many pages
PAYLOAD_QUERIES = (SEARCH_QUERY, "laptop", "ordinateur portable", "site internet")
"""Queries whose first-result download is measured (typed key by key): a word on many pages,
and needs in everyday words, matched through the vocabularies' words of every aid."""
PAYLOAD_LIMITS_KIB = {"real": 250, 10000: 450}
"""The most a visitor may download before the first result (issue #17)."""
# The generator is installed in editable mode: unlike MkDocs and Material, whose modules pip
# compiled at install time, its source would be compiled again by every build where
# PYTHONDONTWRITEBYTECODE is set. main() compiles it once, as pip would.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", PROFILE_VARIABLE: "true"}


@dataclass
class Run:
    seconds: float
    peak_mib: float
    """Peak resident memory of the largest process of the command's tree (GNU time): not
    a sum, the biggest one, Pagefind's own index at 10,000 aids."""
    cpu: float = 0.0
    """User + system CPU seconds, child processes included (GNU time)."""
    generator_cpu: float | None = None
    """CPU seconds of the generator's own hooks, logged by the plugin inside the build."""
    build_peak_mib: float | None = None
    """Peak memory of the build's Python process alone, logged by the plugin."""
    index_seconds: float = 0.0
    """Pagefind's indexing, logged by the plugin (0 without search)."""


def best(runs: list[Run]) -> Run:
    """The least disturbed of repeated runs: least time, most memory."""
    def least(values: list[float | None]) -> float | None:
        known = [value for value in values if value is not None]
        return min(known) if known else None
    return Run(min(r.seconds for r in runs), max(r.peak_mib for r in runs),
               min(r.cpu for r in runs), least([r.generator_cpu for r in runs]),
               max((r.build_peak_mib or 0.0 for r in runs), default=0.0) or None,
               min(r.index_seconds for r in runs))


@dataclass
class Result:
    size: int
    validate: Run | None = None
    build: Run | None = None
    plain: Run | None = None
    pairs: list[tuple[Run, Run]] = field(default_factory=list)
    """Each (generator build, plain build) pair, in the order they ran."""
    zensical: Run | None = None
    """Zensical's build of the rendered pages."""
    zensical_render: Run | None = None
    """`python -m generator render` of the pages Zensical builds."""
    zensical_finish: Run | None = None
    """`python -m generator finish` of Zensical's site: links, CSP, index, publication."""
    serve_rebuild: float | None = None
    serve_rebuild_dirty: float | None = None
    site_mib: float = 0.0
    pages: int = 0
    search_index_kib: float = 0.0
    search_index_seconds: float | None = None
    search_first_result_kib: float | None = None
    search_payloads_kib: dict[str, float] = field(default_factory=dict)
    """Download before the first result, for each of PAYLOAD_QUERIES."""
    catalogue_kib: float = 0.0
    notes: list[str] = field(default_factory=list)


def timed(command: list[str], cwd: Path) -> Run:
    """Wall time, CPU time and peak resident memory of one command (GNU time)."""
    return timed_with_log(command, cwd)[0]


def timed_with_log(command: list[str], cwd: Path) -> tuple[Run, str]:
    """:func:`timed`, and what the command logged."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", *command], cwd=cwd, env=ENV,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    user, system, peak_kib = result.stderr.strip().splitlines()[-1].split()
    return Run(elapsed, int(peak_kib) / 1024, float(user) + float(system)), result.stderr


def generator_build(project: Path) -> Run:
    """A build with the generator, with what its plugin logged: the Pagefind indexing
    (« Recherche : … indexées en 2.5 s (1287 Kio). ») and its own CPU time and memory
    (« Générateur : 2.25 s de calcul (…) ; mémoire max du build 147 Mio. »)."""
    run, log = timed_with_log([PYTHON, "-m", "mkdocs", "build"], project)
    indexed = re.search(r"Recherche : .* indexées en ([\d.]+) s", log)
    own = re.search(r"Générateur : ([\d.]+) s de calcul .* mémoire max du build (\d+) Mio", log)
    if own is None:
        raise RuntimeError(f"la ligne « Générateur : … » manque au journal :\n{log[-2000:]}")
    run.index_seconds = float(indexed.group(1)) if indexed else 0.0
    run.generator_cpu, run.build_peak_mib = float(own.group(1)), float(own.group(2))
    return run


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def prepare(size: int) -> Path:
    project = WORK / str(size)
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "theme", project / "theme")
    (project / "mkdocs.yml").write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\n")
    write_data_set(project, size)
    return project


def plain_project(project: Path) -> Path:
    """The generated pages written out as Markdown, with the same theme minus the generator."""
    pages = project / "pages"
    subprocess.run([PYTHON, "-m", "generator", "render", "--out", str(pages)], cwd=project,
                   env=ENV, check=True, capture_output=True)
    shutil.copytree(project / "content", pages, dirs_exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: content", "docs_dir: pages")
    config = config.replace("site_dir: site", "site_dir: site-plain")
    config = re.sub(r"  - knowledge-base:\n(    .*\n)*", "", config)
    config = config.replace("plugins:\n\n", "plugins: []\n\n")  # no site search either
    config = config.replace('site_url: !ENV [SITE_URL, ""]', "")
    (project / "mkdocs-plain.yml").write_text(config, encoding="utf-8")
    return project / "mkdocs-plain.yml"


def zensical_bin(given: Path | None) -> Path | None:
    """Zensical's executable: ``--zensical``, else benchmarks/work/zensical-venv/, else the
    PATH; ``None`` (and why, printed) when it is not installed."""
    candidates = [given] if given else [WORK / "zensical-venv" / "bin" / "zensical",
                                       shutil.which("zensical")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    where = given or "ni dans benchmarks/work/zensical-venv/, ni dans le PATH"
    print(f"Zensical n'est pas installé ({where}) : le chemin rendu + Zensical + finition "
          "n'est pas mesuré. "
          f"Installez-le à part : python3 -m venv /tmp/zensical-venv && "
          f"/tmp/zensical-venv/bin/pip install zensical=={ZENSICAL_VERSION}, puis "
          "--zensical /tmp/zensical-venv/bin/zensical.", flush=True)
    return None


def zensical_templates(binary: Path) -> Path:
    """The templates Zensical's theme is made of: their inline scripts are the ones the
    finish step allows (with theme/'s)."""
    python = binary.parent / "python"
    found = subprocess.run([str(python), "-c", "import os, zensical; "
                            "print(os.path.dirname(zensical.__file__))"],
                           capture_output=True, text=True, check=True)
    return Path(found.stdout.strip()) / "templates"


def zensical_path(project: Path, binary: Path, result: Result) -> None:
    """The site built by Zensical instead of MkDocs: render, build, finish; each timed."""
    pages, built, site = project / "pages-zensical", project / "site-zensical.built", \
        project / "site-zensical"
    for folder in (pages, built, site):
        shutil.rmtree(folder, ignore_errors=True)
    result.zensical_render = timed(
        [PYTHON, "-m", "generator", "render", "--out", pages.name], project)
    shutil.copytree(project / "content", pages, dirs_exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: content", f"docs_dir: {pages.name}")
    config = config.replace("site_dir: site", f"site_dir: {built.name}")
    (project / "mkdocs-zensical.yml").write_text(config, encoding="utf-8")
    result.zensical = timed([str(binary), "build", "-f", "mkdocs-zensical.yml"], project)
    result.zensical_finish = timed(
        [PYTHON, "-m", "generator", "finish", built.name, "--theme-dir", "theme",
         "--theme-dir", str(zensical_templates(binary)), "--publish-to", site.name], project)


def serve_rebuild(project: Path, *, dirty: bool = False) -> float:
    """Seconds from editing one record to the end of the rebuild under `mkdocs serve`
    (``--dirty``: MkDocs rebuilds only the pages whose Markdown changed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}",
         *(["--dirty"] if dirty else [])],
        cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if "Serving on" in line:
                break
        else:
            raise RuntimeError("mkdocs serve stopped before serving")
        aids = project / "data" / "aids.yaml"
        text = aids.read_text(encoding="utf-8")
        edited = text.replace("name: Prime Web", "name: Prime Web (modifiée)", 1)
        if edited == text:
            edited = text.replace("name: ", "name: Modifié ", 1)
        started = time.perf_counter()
        aids.write_text(edited, encoding="utf-8")
        try:
            for line in process.stdout:
                if "Documentation built in" in line or "Reloading browsers" in line:
                    return time.perf_counter() - started
            raise RuntimeError("mkdocs serve stopped during the rebuild")
        finally:
            aids.write_text(text, encoding="utf-8")  # the data set stays as generated
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure(size: int, *, zensical: Path | None, serve: bool, repeat: int) -> Result:
    print(f"— N = {size}", flush=True)
    project = prepare(size)
    result = Result(size)
    result.validate = timed([PYTHON, "-m", "generator", "validate"], project)
    plain_config = plain_project(project)  # fills the project's .cache/ (charts, templates)
    build = generator_build(project)
    site = project / "site"
    result.site_mib = folder_mib(site)
    result.pages = sum(1 for _ in site.rglob("index.html"))
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        result.search_index_kib = folder_mib(pagefind) * 1024
        result.search_payloads_kib = payloads(site)
        result.search_first_result_kib = result.search_payloads_kib[SEARCH_QUERY]
    result.catalogue_kib = ((site / "aides" / "index.html").stat().st_size
                            + (site / "aides" / "catalogue.json").stat().st_size) / 1024
    for run in range(repeat):
        if run:
            build = generator_build(project)
        plain = timed([PYTHON, "-m", "mkdocs", "build", "--quiet", "-f", plain_config.name],
                      project)
        result.pairs.append((build, plain))
        print(f"  build {build.seconds:.1f} s (CPU {build.cpu:.1f} s, générateur "
              f"{build.generator_cpu:.2f} s), simple {plain.seconds:.1f} s "
              f"(CPU {plain.cpu:.1f} s)", flush=True)
    result.build = best([pair[0] for pair in result.pairs])
    result.plain = best([pair[1] for pair in result.pairs])
    result.search_index_seconds = result.build.index_seconds or None
    if zensical is not None:
        try:
            zensical_path(project, zensical, result)
        except RuntimeError as error:
            result.notes.append(f"chemin Zensical en échec : {str(error)[-300:]}")
    else:
        result.notes.append("Zensical non installé : chemin rendu + Zensical + finition "
                            "non mesuré (voir --zensical).")
    if serve:
        result.serve_rebuild = serve_rebuild(project)
        result.serve_rebuild_dirty = serve_rebuild(project, dirty=True)
    return result


def payloads(site: Path) -> dict[str, float]:
    """KiB downloaded before the first result of each of PAYLOAD_QUERIES, in Chromium."""
    return {query: first_result_payload(site, query)[0] / 1024 for query in PAYLOAD_QUERIES}


def payload_table(rows: list[tuple[str, int | str, dict[str, float]]]) -> str:
    """One row per site (its name, its key in PAYLOAD_LIMITS_KIB), one column per query."""
    lines = ["| site | " + " | ".join(f"« {q} »" for q in PAYLOAD_QUERIES) + " | plafond |",
             "|---|" + "---|" * (len(PAYLOAD_QUERIES) + 1)]
    for name, key, measured in rows:
        limit = PAYLOAD_LIMITS_KIB.get(key)
        cells = [f"{measured[q]:.0f}" + (" **(dépasse)**" if limit and measured[q] > limit
                                          else "") for q in PAYLOAD_QUERIES]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {limit or '–'} |")
    return "\n".join(lines)


def real_site_search(site: Path) -> tuple[str, dict[str, float]]:
    """The real site, built into ``site``: the relevance set (recall@5 and MRR, overall and
    per family of queries, typed into the real search box in Chromium), and the payload."""
    subprocess.run([PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                    str(site)], cwd=ROOT, env=ENV, check=True)
    return relevance_table(relevance(site)), payloads(site)


def search_section(relevance_text: str | None, real_payload: dict[str, float] | None,
                   results: list[Result]) -> str:
    lines = ["", "## Recherche", ""]
    if relevance_text is not None:
        lines += ["### Pertinence sur le site réel (tests/search_queries.yaml)", "",
                  "Chaque requête tapée dans la boîte de recherche du site construit, dans "
                  "Chromium ; une faute de frappe suit « Vouliez-vous dire … ? » comme le "
                  "ferait un visiteur. recall@5 : part des requêtes dont un résultat qui "
                  "convient est parmi les cinq premiers ; MRR : moyenne de 1 / rang du "
                  "premier résultat qui convient.", "", relevance_text, ""]
    rows: list[tuple[str, int | str, dict[str, float]]] = []
    if real_payload is not None:
        rows.append(("réel", "real", real_payload))
    rows += [(f"{r.size:,} aides".replace(",", " "), r.size, r.search_payloads_kib)
             for r in results if r.search_payloads_kib]
    if rows:
        lines += ["### Téléchargé avant le premier résultat (Kio)", "",
                  "Chromium, requête tapée touche par touche, de l'ouverture de la recherche au "
                  "premier résultat affiché ; sans compression (un hébergeur qui compresse "
                  "envoie moins).", "", payload_table(rows), ""]
    return "\n".join(lines)


def _number(value: float | None, digits: int = 1) -> str:
    return f"{value:,.{digits}f}".replace(",", " ") if value is not None else "–"


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a and b else "–"


def _percent(part: float | None, whole: float | None) -> str:
    return f"{part / whole * 100:+.0f} %" if part is not None and whole else "–"


def table(results: list[Result]) -> str:
    lines = [
        "### Temps",
        "",
        "| N aides | pages | validation (s) | build (s) | build simple (s) | indexation (s) | "
        "indexation / build simple | générateur, CPU dans le build (s) | build simple, CPU (s) "
        "| **surcoût mesuré dans le build** | surcoût, temps écoulé | surcoût, CPU | "
        "Zensical (s) | reconstruction serve (s) | reconstruction serve --dirty (s) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        assert r.build
        assert r.plain
        assert r.validate
        # The plain build has no site search: the indexing is left out of the overhead.
        indexing = r.search_index_seconds or 0.0
        lines.append(
            f"| {r.size:,} | {r.pages:,} | {r.validate.seconds:.2f} | {r.build.seconds:.1f} | "
            f"{r.plain.seconds:.1f} | {_number(r.search_index_seconds)} | "
            f"{_ratio(r.search_index_seconds, r.plain.seconds)} | "
            f"{_number(r.build.generator_cpu, 2)} | {r.plain.cpu:.1f} | "
            f"**{_percent(r.build.generator_cpu, r.plain.cpu)}** | "
            f"{_percent(r.build.seconds - indexing - r.plain.seconds, r.plain.seconds)} | "
            f"{_percent(r.build.cpu - indexing - r.plain.cpu, r.plain.cpu)} | "
            f"{_number(r.zensical.seconds if r.zensical else None)} | "
            f"{_number(r.serve_rebuild)} | {_number(r.serve_rebuild_dirty)} |".replace(",", " ")
        )
    lines += [
        "",
        "### Mémoire et poids",
        "",
        "| N aides | mémoire max du build, processus Python (Mio) | mémoire max du plus gros "
        "processus, Python ou Pagefind (Mio) | site/ (Mio) | index Pagefind (Kio) | "
        "téléchargé avant le 1er résultat (Kio) | page catalogue + index (Kio) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        assert r.build
        lines.append(
            f"| {r.size:,} | {_number(r.build.build_peak_mib, 0)} | {r.build.peak_mib:.0f} | "
            f"{r.site_mib:.1f} | {r.search_index_kib:,.0f} | "
            f"{_number(r.search_first_result_kib, 0)} | {r.catalogue_kib:,.0f} |"
            .replace(",", " "))
    if len(results) > 1:
        first, last = results[0], results[-1]

        def growth(a: float | None, b: float | None) -> str:
            return f"×{b / a:.1f}" if a and b else "–"

        def factors(small: Result, large: Result) -> str:
            for result in (small, large):
                assert result.build
                assert result.plain
                assert result.validate
            return (f"build {growth(small.build.seconds, large.build.seconds)}, "
                    f"build simple {growth(small.plain.seconds, large.plain.seconds)}, "
                    f"CPU du générateur "
                    f"{growth(small.build.generator_cpu, large.build.generator_cpu)}, "
                    f"validation {growth(small.validate.seconds, large.validate.seconds)}, "
                    f"mémoire du build "
                    f"{growth(small.build.build_peak_mib, large.build.build_peak_mib)}, "
                    f"site/ {growth(small.site_mib, large.site_mib)}")

        lines += ["", f"Croissance de N = {first.size} à N = {last.size} "
                      f"(×{last.size / first.size:.1f} aides) : {factors(first, last)}."]
        small = next((r for r in results if r.size == 1000), None)
        large = next((r for r in results if r.size == 10000), None)
        if small and large and (small, large) != (first, last):
            lines.append(f"De 1 000 à 10 000 aides : {factors(small, large)}.")
    if any(r.zensical for r in results):
        lines += [
            "",
            "### Chemin Zensical : rendu + Zensical + finition (generator/finish.py)",
            "",
            "| N aides | rendu (s) | Zensical (s) | finition (s) | total (s) | total CPU (s) | "
            "total / build générateur | total CPU / build générateur CPU | Zensical / build "
            "simple |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for r in results:
            steps = (r.zensical_render, r.zensical, r.zensical_finish)
            if not all(steps) or r.build is None or r.plain is None:
                continue
            seconds = sum(step.seconds for step in steps if step)
            cpu = sum(step.cpu for step in steps if step)
            lines.append(
                f"| {r.size:,} | {_number(steps[0].seconds if steps[0] else None)} | "
                f"{_number(steps[1].seconds if steps[1] else None)} | "
                f"{_number(steps[2].seconds if steps[2] else None)} | {seconds:.1f} | "
                f"{cpu:.1f} | {_ratio(seconds, r.build.seconds)} | "
                f"{_ratio(cpu, r.build.cpu)} | "
                f"{_ratio(steps[1].seconds if steps[1] else None, r.plain.seconds)} |"
                .replace(",", " "))
    lines += [
        "",
        "Surcoût mesuré dans le build : temps CPU des crochets du générateur (chargement, "
        "validation, rendu, liens, glossaire, exports, CSP, marquage pour la recherche), "
        "journalisé par le plugin, ÷ temps CPU du build simple. Surcoût, temps écoulé et "
        "CPU : (build − indexation Pagefind − build simple) ÷ build simple ; le build simple "
        "n'a pas de recherche. Chaque paire (build, build simple), dans l'ordre d'exécution : "
        "surcoût mesuré dans le build ; ratio des temps écoulés ; ratio des temps CPU "
        "(indexation comprise).",
    ]
    for r in results:
        lines.append(f"- N = {r.size} : " + " ; ".join(
            f"{_percent(build.generator_cpu, plain.cpu)}, {_ratio(build.seconds, plain.seconds)}"
            f", CPU {_ratio(build.cpu, plain.cpu)}"
            for build, plain in r.pairs))
    for r in results:
        lines.extend(f"- N = {r.size} : {note}" for note in r.notes)
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000, 10000])
    parser.add_argument("--skip-zensical", action="store_true")
    parser.add_argument("--zensical", type=Path, default=None, metavar="BIN",
                        help="exécutable de Zensical, installé à part (défaut : "
                             "benchmarks/work/zensical-venv/bin/zensical, sinon le PATH)")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--serve-up-to", type=int, default=3000, metavar="N",
                        help="reconstruction sous serve mesurée jusqu'à N aides (défaut : 3000 ; "
                             "chaque mesure refait d'abord un build complet)")
    parser.add_argument("--skip-relevance", action="store_true",
                        help="sans la pertinence ni la charge utile de la recherche sur le "
                             "site réel")
    parser.add_argument("--repeat", type=int, default=2,
                        help="paires (build, build simple) par taille (défaut : 2)")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "generator")], check=True)
    zensical = None if args.skip_zensical else zensical_bin(args.zensical)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{date.today().isoformat()}.md"
    for number in range(2, 100):  # never overwrite an earlier result of the same day
        if not out.exists():
            break
        out = RESULTS / f"{date.today().isoformat()}-{number}.md"
    results: list[Result] = []
    relevance_text: str | None = None
    real_payload: dict[str, float] | None = None
    if not args.skip_relevance:
        print("— site réel : pertinence et charge utile de la recherche", flush=True)
        relevance_text, real_payload = real_site_search(WORK / "real-site")
    for size in args.sizes:
        result = measure(size, zensical=zensical,
                         serve=not args.skip_serve and size <= args.serve_up_to,
                         repeat=max(1, args.repeat))
        if not args.skip_serve and result.size > args.serve_up_to:
            result.notes.append(f"reconstruction sous serve non mesurée (au-delà de "
                                f"--serve-up-to {args.serve_up_to}).")
        results.append(result)
        # Written after each size: a failure at 10,000 aids keeps what was measured before.
        report = (f"# Benchmark du {date.today().isoformat()}\n\n"
                  f"Machine : {os.cpu_count()} cœurs, Python {sys.version.split()[0]}. "
                  "Toutes les mesures de ce tableau ont été prises dans la même exécution.\n\n"
                  + table(results) + search_section(relevance_text, real_payload, results))
        out.write_text(report, encoding="utf-8")
    print(report)
    print(f"écrit : {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
