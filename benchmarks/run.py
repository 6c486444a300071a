"""Benchmark: the generator from 300 to 10,000 aids, against plain MkDocs and Zensical.

    .venv/bin/python benchmarks/run.py                 # N = 300, 1000, 3000, 10000
    .venv/bin/python benchmarks/run.py --sizes 300 1000 --skip-zensical --repeat 3

For each N, in the same run on the same machine: validation time, full build (time, peak
memory, size of site/), the search index a visitor downloads, the catalogue page weight,
the rebuild after editing one record under `mkdocs serve`; and two baselines on the very
pages the generator produced, written out as Markdown: (a) plain `mkdocs build` with the
same theme and plugins minus the generator, (b) Zensical. Results go to
benchmarks/results/<date>.md as a Markdown table with ratios and growth factors.

The machine may be shared: besides wall time, the CPU time of each build (user + sys, its
child processes included) is measured, and the pair « generator build, plain build » is
run ``--repeat`` times in alternation; the table keeps each measure's best (least
disturbed) run and lists every pair's ratios below it. The plain build has no site search:
the generator's overhead is counted without its Pagefind indexing, which has its own
columns (the indexer is a separate step, timed by the plugin's log).
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

from benchmarks.search_payload import first_result_payload
from benchmarks.synthetic import write_data_set

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
RESULTS = ROOT / "benchmarks" / "results"
PYTHON = sys.executable
ZENSICAL_VERSION = "0.0.73"
SEARCH_QUERY = "subvention"  # a word of the synthetic vocabulary, on many pages
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class Run:
    seconds: float
    peak_mib: float
    cpu: float = 0.0
    """User + system CPU seconds, child processes included (GNU time)."""


def best(runs: list[Run]) -> Run:
    """The least disturbed of repeated runs: least wall time, least CPU time, most memory."""
    return Run(min(r.seconds for r in runs), max(r.peak_mib for r in runs),
               min(r.cpu for r in runs))


@dataclass
class Result:
    size: int
    validate: Run | None = None
    build: Run | None = None
    plain: Run | None = None
    pairs: list[tuple[Run, Run]] = field(default_factory=list)
    """Each (generator build, plain build) pair, in the order they ran."""
    zensical: Run | None = None
    serve_rebuild: float | None = None
    site_mib: float = 0.0
    pages: int = 0
    search_index_kib: float = 0.0
    search_index_seconds: float | None = None
    search_first_result_kib: float | None = None
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


def generator_build(project: Path) -> tuple[Run, float]:
    """A build with the generator, and the seconds its Pagefind indexing took (from the
    plugin's log line « Recherche : … indexées en 2.5 s (1287 Kio). »; 0 without search)."""
    run, log = timed_with_log([PYTHON, "-m", "mkdocs", "build"], project)
    indexed = re.search(r"Recherche : .* indexées en ([\d.]+) s", log)
    return run, float(indexed.group(1)) if indexed else 0.0


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


def zensical_bin() -> Path | None:
    venv = WORK / "zensical-venv"
    binary = venv / "bin" / "zensical"
    if not binary.exists():
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
        installed = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", f"zensical=={ZENSICAL_VERSION}"],
            capture_output=True, text=True)
        if installed.returncode != 0:
            print(f"zensical {ZENSICAL_VERSION} did not install:\n{installed.stderr[-2000:]}")
            return None
    return binary


def serve_rebuild(project: Path) -> float:
    """Seconds from editing one record to the end of the rebuild under `mkdocs serve`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
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
        for line in process.stdout:
            if "Documentation built in" in line or "Reloading browsers" in line:
                return time.perf_counter() - started
        raise RuntimeError("mkdocs serve stopped during the rebuild")
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure(size: int, *, zensical: Path | None, serve: bool, repeat: int) -> Result:
    print(f"— N = {size}", flush=True)
    project = prepare(size)
    result = Result(size)
    result.validate = timed([PYTHON, "-m", "generator", "validate"], project)
    build, index_seconds = generator_build(project)
    site = project / "site"
    result.site_mib = folder_mib(site)
    result.pages = sum(1 for _ in site.rglob("index.html"))
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        result.search_index_kib = folder_mib(pagefind) * 1024
        total, _ = first_result_payload(site, SEARCH_QUERY)
        result.search_first_result_kib = total / 1024
    result.catalogue_kib = ((site / "aides" / "index.html").stat().st_size
                            + (site / "aides" / "catalogue.json").stat().st_size) / 1024
    plain_config = plain_project(project)
    indexing = [index_seconds]
    for run in range(repeat):
        if run:
            build, index_seconds = generator_build(project)
            indexing.append(index_seconds)
        plain = timed([PYTHON, "-m", "mkdocs", "build", "--quiet", "-f", plain_config.name],
                      project)
        result.pairs.append((build, plain))
        print(f"  build {build.seconds:.1f} s (CPU {build.cpu:.1f} s), "
              f"simple {plain.seconds:.1f} s (CPU {plain.cpu:.1f} s)", flush=True)
    result.build = best([pair[0] for pair in result.pairs])
    result.plain = best([pair[1] for pair in result.pairs])
    result.search_index_seconds = min(indexing) or None
    if zensical is not None:
        try:
            result.zensical = timed([str(zensical), "build", "-f", plain_config.name], project)
        except RuntimeError as error:
            result.notes.append(f"Zensical a échoué : {str(error)[-300:]}")
    if serve:
        result.serve_rebuild = serve_rebuild(project)
    return result


def table(results: list[Result]) -> str:
    def ratio(a: float | None, b: float | None) -> str:
        return f"{a / b:.2f}" if a and b else "–"

    def growth(attribute: str, first: Result, last: Result) -> str:
        a, b = getattr(first, attribute), getattr(last, attribute)
        a = a.seconds if isinstance(a, Run) else a
        b = b.seconds if isinstance(b, Run) else b
        return f"×{b / a:.1f}" if a and b else "–"

    lines = [
        "| N aides | pages | validation (s) | build (s) | build simple (s) | "
        "surcoût du générateur | build, CPU (s) | build simple, CPU (s) | surcoût, CPU | "
        "Zensical (s) | mémoire max (Mio) | site/ (Mio) | "
        "index Pagefind (Kio) | indexation (s) | indexation / build simple | "
        "téléchargé avant le 1er résultat (Kio) | page catalogue + index (Kio) | "
        "reconstruction serve (s) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        assert r.build
        assert r.plain
        assert r.validate
        # The plain build has no site search: the indexing is left out of the overhead.
        indexing = r.search_index_seconds or 0.0
        overhead = (r.build.seconds - indexing - r.plain.seconds) / r.plain.seconds * 100
        cpu_overhead = (r.build.cpu - indexing - r.plain.cpu) / r.plain.cpu * 100
        lines.append(
            f"| {r.size:,} | {r.pages:,} | {r.validate.seconds:.2f} | {r.build.seconds:.1f} | "
            f"{r.plain.seconds:.1f} | {overhead:+.0f} % | {r.build.cpu:.1f} | "
            f"{r.plain.cpu:.1f} | {cpu_overhead:+.0f} % | "
            f"{f'{r.zensical.seconds:.1f}' if r.zensical else '–'} | {r.build.peak_mib:.0f} | "
            f"{r.site_mib:.1f} | {r.search_index_kib:,.0f} | "
            f"{f'{r.search_index_seconds:.1f}' if r.search_index_seconds else '–'} | "
            f"{ratio(r.search_index_seconds, r.plain.seconds)} | "
            f"{f'{r.search_first_result_kib:,.0f}' if r.search_first_result_kib else '–'} | "
            f"{r.catalogue_kib:,.0f} | "
            f"{f'{r.serve_rebuild:.1f}' if r.serve_rebuild else '–'} |".replace(",", " ")
        )
    if len(results) > 1:
        first, last = results[0], results[-1]
        factor = last.size / first.size
        lines += [
            "",
            f"Croissance de N = {first.size} à N = {last.size} (×{factor:.1f} aides) : "
            f"build {growth('build', first, last)}, build simple {growth('plain', first, last)}, "
            f"validation {growth('validate', first, last)}, "
            f"mémoire ×{last.build.peak_mib / first.build.peak_mib:.1f}, "  # type: ignore[union-attr]
            f"site/ ×{last.site_mib / first.site_mib:.1f}.",
        ]
        small = next((r for r in results if r.size == 1000), None)
        large = next((r for r in results if r.size == 10000), None)
        if small and large and small.build and large.build:
            lines.append(
                f"De 1 000 à 10 000 : build ×{large.build.seconds / small.build.seconds:.1f}, "
                f"mémoire ×{large.build.peak_mib / small.build.peak_mib:.1f}, "
                f"site/ ×{large.site_mib / small.site_mib:.1f}.")
        lines.append("Ratios build / build simple (indexation comprise) : " + ", ".join(
            f"N={r.size}: {ratio(r.build.seconds, r.plain.seconds)}"  # type: ignore[union-attr]
            f" (CPU {ratio(r.build.cpu, r.plain.cpu)})"  # type: ignore[union-attr]
            for r in results))
        if any(r.zensical for r in results):
            zensical = [(r.size, r.zensical.seconds if r.zensical else None, r.plain)
                        for r in results]
            lines.append("Ratios Zensical / build simple : " + ", ".join(
                f"N={n}: {ratio(z, plain.seconds if plain else None)}" for n, z, plain in zensical))
    lines += ["", "Surcoût du générateur : (build − indexation Pagefind − build simple) ÷ build "
              "simple ; le build simple n'a pas de recherche. Chaque paire (build, build "
              "simple), dans l'ordre d'exécution : ratio du temps écoulé, ratio du temps CPU "
              "(indexation comprise)."]
    for r in results:
        lines.append(f"- N = {r.size} : " + " ; ".join(
            f"{ratio(build.seconds, plain.seconds)}, CPU {ratio(build.cpu, plain.cpu)}"
            for build, plain in r.pairs))
    for r in results:
        lines.extend(f"- N = {r.size} : {note}" for note in r.notes)
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000, 10000])
    parser.add_argument("--skip-zensical", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--repeat", type=int, default=2,
                        help="paires (build, build simple) par taille (défaut : 2)")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    zensical = None if args.skip_zensical else zensical_bin()
    results = [measure(size, zensical=zensical, serve=not args.skip_serve,
                       repeat=max(1, args.repeat))
               for size in args.sizes]
    report = (f"# Benchmark du {date.today().isoformat()}\n\n"
              f"Machine : {os.cpu_count()} cœurs, Python {sys.version.split()[0]}. "
              "Toutes les mesures de ce tableau ont été prises dans la même exécution.\n\n"
              + table(results))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{date.today().isoformat()}.md"
    out.write_text(report, encoding="utf-8")
    print(report)
    print(f"écrit : {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
