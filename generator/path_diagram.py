"""The drawing of the decision path: every question and result, and the answers between them.

Drawn with matplotlib from the graph networkx holds (:class:`decision_path.DecisionPath`),
made offline at build time and kept in the project's cache until the steps or this code
change.
"""

from __future__ import annotations

import io
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import cached, source_digest

if TYPE_CHECKING:  # only a type here: decision_path names this module's functions
    from .decision_path import DecisionPath


def diagram_svg(path: DecisionPath, cache_dir: Path | None = None) -> bytes:
    """The whole path as an SVG drawing, redrawn only when the steps or this code change
    (matplotlib takes about a second to import and draw it)."""
    key = "".join(step.model_dump_json() for step in path.steps.values()).encode()
    return cached(cache_dir, "parcours", key + _SOURCE_DIGEST,
                  lambda: _draw_diagram(path).encode("utf-8"), suffix=".svg")


_SOURCE_DIGEST = source_digest(sys.modules[__name__])


def _draw_diagram(path: DecisionPath) -> str:
    """Questions on the left, results on the right. Layers are the steps' distance from
    the start (networkx), drawn with matplotlib: made offline, at build time, by a
    maintained library."""
    import matplotlib
    import networkx as nx
    from matplotlib.figure import Figure

    depth = dict.fromkeys(path.steps, 0)
    for step in nx.topological_sort(path.graph):
        for _, following in path.graph.out_edges(step):
            depth[following] = max(depth[following], depth[step] + 1)
    columns: dict[int, list[str]] = {}
    for step_id in path.steps:  # file order within a column
        columns.setdefault(depth[step_id], []).append(step_id)
    tallest = max(len(ids) for ids in columns.values())
    position = {step_id: (column, tallest - row * tallest / len(ids) - tallest / len(ids) / 2)
                for column, ids in columns.items() for row, step_id in enumerate(ids)}

    figure = Figure(figsize=(3.2 * len(columns), 0.55 * tallest + 1))
    axes = figure.add_subplot()
    axes.set_axis_off()
    question_style = {"boxstyle": "round,pad=0.3", "facecolor": "#e8eaf6", "edgecolor": "#283593"}
    result_style = {"boxstyle": "square,pad=0.3", "facecolor": "#fff8e1", "edgecolor": "#6d4c00"}
    for source, target in path.graph.edges():
        (x1, y1), (x2, y2) = position[source], position[target]
        axes.annotate("", xy=(x2 - 0.35, y2), xytext=(x1 + 0.35, y1),
                      arrowprops={"arrowstyle": "->", "color": "#555555", "lw": 0.6})
    for step_id, (x, y) in position.items():
        drawn = path.steps[step_id]
        axes.text(x, y, "\n".join(textwrap.wrap(drawn.title, 26)), ha="center", va="center",
                  fontsize=7, bbox=question_style if drawn.is_question else result_style)
    axes.set_xlim(-0.6, len(columns) - 0.4)
    axes.set_ylim(-0.5, tallest + 0.5)
    buffer = io.StringIO()
    # A fixed salt makes the SVG's ids, and so the file, reproducible from build to build.
    with matplotlib.rc_context({"svg.hashsalt": "kb-path"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={
            "Title": DIAGRAM_TITLE, "Description": diagram_description(path), "Date": None})
    return buffer.getvalue()


DIAGRAM_TITLE = "Schéma du parcours « Quelle aide pour mon association ? »"


def diagram_description(path: DecisionPath) -> str:
    return (f"{len(path.questions)} questions (cadres arrondis, à gauche) mènent par leurs "
            f"réponses à {len(path.results)} résultats (cadres carrés). Le plan détaillé, "
            "sous le schéma, donne les mêmes liens en texte.")

