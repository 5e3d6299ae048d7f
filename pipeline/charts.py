"""Static SVG charts for the report site, drawn by matplotlib (Agg) and networkx.

The SVGs are inlined into the pages: no file to fetch, nothing for a Content-Security-Policy to allow.
They are deterministic (a fixed ``svg.hashsalt``, no date in the metadata), and text is drawn as paths
(``svg.fonttype = path``), so Chinese labels show without any font on the reader's machine; matplotlib
escapes the text it copies into comments, and ``inline_svg`` drops those comments anyway.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC", "Arial Unicode MS")
RC = {"svg.hashsalt": "zhnews", "svg.fonttype": "path", "axes.unicode_minus": False, "figure.dpi": 72,
      "font.size": 9}


def _fonts() -> list[str]:
    have = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in CJK_FONTS if f in have] + ["DejaVu Sans"]


def missing_font_note() -> str:
    """A note for a page whose charts were drawn without a Chinese font (their Chinese labels are boxes)."""
    if len(_fonts()) > 1:
        return ""
    return ('<p class="note">No Chinese font was installed where these charts were drawn, so their Chinese labels '
            "show as boxes (Debian: <code>apt install fonts-wqy-microhei</code>, then run again).</p>")


def inline_svg(fig) -> str:
    """The figure as an <svg> element fit to sit inside HTML (no prolog, doctype or comments)."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    return re.sub(r"\n\s*\n", "\n", svg)


@contextmanager
def _style() -> Iterator[None]:
    """Our rc settings; without a Chinese font, matplotlib's warning per missing glyph (hundreds on a
    `zhnews run`) is silenced: the page says it once (missing_font_note)."""
    with plt.rc_context({**RC, "font.family": _fonts()}), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
        yield


def bar_chart(labels: Sequence[str], values: Sequence[float], title: str, *, xlabel: str = "",
              horizontal: bool = False, log: bool = False) -> str:
    with _style():
        n = max(len(labels), 1)
        size = (7, max(2.0, 0.25 * n + 1)) if horizontal else (max(5.0, 0.3 * n + 2), 3.2)
        fig, ax = plt.subplots(figsize=size)
        if horizontal:
            ax.barh(range(len(values)), values, color="#1f3a5f")
            ax.set_yticks(range(len(labels)), labels)
            ax.invert_yaxis()
            if log:
                ax.set_xscale("log")
            ax.set_xlabel(xlabel)
        else:
            ax.bar(range(len(values)), values, color="#1f3a5f")
            ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right")
            if log:
                ax.set_yscale("log")
            ax.set_ylabel(xlabel)
        ax.set_title(title)
        ax.spines[["top", "right"]].set_visible(False)
        return inline_svg(fig)


def network_chart(edges: Sequence[tuple[str, str, int]], title: str) -> str:
    """Parties as nodes, signings between them as edges (width by count); a fixed-seed layout."""
    import networkx as nx

    graph = nx.Graph()
    for a, b, n in edges:
        graph.add_edge(a, b, weight=n)
    with _style():
        fig, ax = plt.subplots(figsize=(9, 7))
        ax.set_title(title)
        ax.axis("off")
        if graph.number_of_nodes():
            pos = component_layout(graph)
            degree = dict(graph.degree(weight="weight"))
            nx.draw_networkx_edges(graph, pos, ax=ax, width=[1 + graph[a][b]["weight"] for a, b in graph.edges],
                                   edge_color="#9aa7b8")
            nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=[80 + 60 * degree[v] for v in graph.nodes],
                                   node_color="#feca74", edgecolors="#1f3a5f")
            nx.draw_networkx_labels(graph, pos, ax=ax, font_size=9, font_family=_fonts(),
                                    verticalalignment="bottom")
        return inline_svg(fig)


def component_layout(graph) -> dict:
    """Each connected group laid out on its own (fixed seed) and the groups set on a grid, biggest first:
    one spring layout of many small groups squeezes each into a dot."""
    import math

    import networkx as nx

    groups = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    cols = max(1, math.ceil(math.sqrt(len(groups))))
    pos = {}
    for n, nodes in enumerate(groups):
        sub = graph.subgraph(nodes)
        local = nx.spring_layout(sub, seed=7) if len(nodes) > 1 else {nodes[0]: (0.0, 0.0)}
        row, col = divmod(n, cols)
        for node, (x, y) in local.items():
            pos[node] = (col * 3.0 + x, -row * 3.0 + y)
    return pos
