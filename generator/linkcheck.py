"""Check the external links of the data (and of a built site): opt-in, never in the tests'
path to the network. Each address is asked once, concurrently, HEAD first then GET (many
servers refuse HEAD), with a timeout and a User-Agent that says who is asking."""

from __future__ import annotations

import http.client
import re
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from pydantic import BaseModel

from .catalog import Catalog, RecordKey
from .schema.walk import values

USER_AGENT = ("kb-numerique-bxl-linkcheck/0.1 (vérification des liens d'une base de "
              "connaissances ; une requête par adresse)")

# An address inside free text ends at a space, a quote or a chevron; the punctuation that
# closes a sentence or a parenthesis is not part of it.
_URL = re.compile(r"https?://[^\s<>\"'«»]+")
_TRAILING = ".,;:!?)]}’"


@dataclass(frozen=True)
class Use:
    """Where an address is written: ``data/aids.yaml:279`` or a page of the built site."""

    url: str
    where: str


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    status: int | None
    detail: str


# --------------------------------------------------------------------------- collecting


def urls_in(text: str) -> Iterator[str]:
    """Every http(s) address in a text (a field or free text alike)."""
    for match in _URL.finditer(text):
        yield match.group(0).rstrip(_TRAILING)


def record_urls(record: BaseModel) -> list[str]:
    """Each distinct address in a record's texts, nested ones included, in field order."""
    return list(dict.fromkeys(url for _, _, value in values(record) if isinstance(value, str)
                              for url in urls_in(value)))


def data_uses(catalog: Catalog, root: Path) -> list[Use]:
    """Each address of the data files, at the line where it is written."""
    uses: list[Use] = []
    texts: dict[str, list[str]] = {}

    def line_of(path: str, url: str, start: int) -> int:
        # The loader knows where each record starts: the address is on that line or below.
        if path not in texts:
            texts[path] = (root / path).read_text(encoding="utf-8").splitlines()
        lines = texts[path]
        for number in [*range(start, len(lines) + 1), *range(1, start)]:
            if url in lines[number - 1]:
                return number
        return start

    for kind, records in catalog.records.items():
        path = catalog.data_files.get(kind)
        if path is None:
            continue
        for record_id, record in records.items():
            start = catalog.lines.get(RecordKey(kind, record_id), 1)
            for url in record_urls(record):
                uses.append(Use(url, f"{path}:{line_of(path, url, start)}"))
    survey_path = "data/survey/tables.yaml"
    if catalog.survey and (root / survey_path).exists():
        for table in catalog.survey:
            for url in record_urls(table.meta):
                uses.append(Use(url, f"{survey_path}:{line_of(survey_path, url, 1)}"))
    return uses


class _ExternalLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value and value.startswith(("http://", "https://")):
                self.found.append(value)


def site_uses(site: Path) -> list[Use]:
    """Each external address of the built site's pages (canonical links included)."""
    uses: list[Use] = []
    for page in sorted(site.rglob("*.html")):
        parser = _ExternalLinks()
        parser.feed(page.read_text(encoding="utf-8"))
        where = f"{site.name}/{page.relative_to(site).as_posix()}"
        uses.extend(Use(url, where) for url in dict.fromkeys(parser.found))
    return uses


# --------------------------------------------------------------------------- checking


def check_url(url: str, *, timeout: float = 10.0, user_agent: str = USER_AGENT) -> Result:
    """HEAD, then GET when HEAD fails (405, 403… or any error status): redirects followed."""
    last: Result | None = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={
            "User-Agent": user_agent, "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if method == "GET":
                    response.read(1024)
                final = response.geturl()
                detail = f"redirigé vers {final}" if final != url else ""
                return Result(url, True, response.status, detail)
        except urllib.error.HTTPError as error:
            last = Result(url, False, error.code, f"{error.code} {error.reason}")
            continue  # a server that refuses HEAD may still answer GET
        except TimeoutError:
            return Result(url, False, None, f"délai dépassé ({timeout:g} s)")
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                return Result(url, False, None, f"délai dépassé ({timeout:g} s)")
            return Result(url, False, None, f"inaccessible : {error.reason}")
        except (http.client.HTTPException, ConnectionError, OSError, ValueError) as error:
            return Result(url, False, None, f"inaccessible : {error}")
    assert last is not None
    return last


def check_all(urls: Iterable[str], *, timeout: float = 10.0, workers: int = 8
              ) -> dict[str, Result]:
    """Each distinct address checked once, ``workers`` at a time."""
    unique = list(dict.fromkeys(urls))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = pool.map(lambda url: check_url(url, timeout=timeout), unique)
        return dict(zip(unique, results, strict=True))


def failure_table(uses: list[Use], results: dict[str, Result]) -> list[str]:
    """One line per place where a broken address is written: place, problem, address."""
    rows = [(use.where, results[use.url].detail, use.url)
            for use in uses if not results[use.url].ok]
    if not rows:
        return []
    headers = ("Emplacement", "Problème", "Adresse")
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(2)]
    return [f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}" for row in [headers, *rows]]
