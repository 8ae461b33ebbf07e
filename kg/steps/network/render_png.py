"""A static picture of the network for reports (network.png): the layout, nodes coloured by type, the most
central nodes labelled.

Labels are drawn with a CJK font when one is installed (Noto Sans CJK first), so Chinese names show; without
one, matplotlib would warn once per missing character: those warnings are gathered into one logged line.
"""

from __future__ import annotations

import io
import logging
import math
import re
import warnings
from pathlib import Path

from kg.steps.network.model import NODE_TYPES, TYPE_COLOURS, Network, short_name

log = logging.getLogger(__name__)

CJK_FONT_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSerifCJK-Regular.ttc", "wqy-microhei.ttc")
MISSING_GLYPH = re.compile(r"Glyph \d+ .*missing from")
_told: set = set()  # the missing-glyph notes already logged by this process


def cjk_font() -> str | None:
    """Family name of an installed CJK font (Noto Sans CJK first), registered with matplotlib."""
    from matplotlib import font_manager

    known = Path("/usr/share/fonts/opentype/noto") / CJK_FONT_FILES[0]  # Debian fonts-noto-cjk: skip the scan
    files = {known.name: str(known)} if known.is_file() else {Path(f).name: f for f in sorted(font_manager.findSystemFonts())}
    for name in CJK_FONT_FILES:
        if name in files:
            font_manager.fontManager.addfont(files[name])
            return font_manager.FontProperties(fname=files[name]).get_name()
    return None


def png_bytes(network: Network, *, lang: str = "en", labels: int = 40) -> bytes:
    """The picture as PNG bytes (no time stamp: equal networks give equal bytes)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    family = cjk_font()
    fonts = [family, "DejaVu Sans"] if family else ["DejaVu Sans"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with plt.rc_context({"font.family": fonts, "svg.hashsalt": "unodc-kg"}):
            fig, ax = plt.subplots(figsize=(14, 10), dpi=100)
            _draw(ax, network, lang, labels)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", metadata={"Software": None})
            plt.close(fig)
    _report_warnings(caught, family)
    return buffer.getvalue()


def _report_warnings(caught: list, family: str | None) -> None:
    """Log the missing glyphs once per process in one line; pass any other warning on."""
    missing = [w for w in caught if MISSING_GLYPH.search(str(w.message))]
    for w in caught:
        if w not in missing:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if not missing:
        return
    note = ("no CJK font found (install fonts-noto-cjk); Chinese labels in network.png are drawn as boxes"
            if family is None else "some characters of the labels in network.png have no glyph in the fonts and are drawn as boxes")
    if note not in _told:
        _told.add(note)
        log.warning(note)


def _draw(ax, network: Network, lang: str, labels: int) -> None:
    """Edges, nodes sized by betweenness and degree, the *labels* most central names, legend and title."""
    from matplotlib.lines import Line2D

    g = network.graph
    ax.set_axis_off()
    pos = network.layout or {n: (0.0, 0.0) for n in g}
    segments = [(pos[s], pos[o]) for s, o in g.edges() if s in pos and o in pos]
    if segments:
        from matplotlib.collections import LineCollection

        ax.add_collection(LineCollection(segments, colors="#999999", linewidths=0.6, alpha=0.6, zorder=1))
    nodes = sorted(g.nodes)
    if nodes:
        top = max((g.nodes[n]["betweenness"] for n in nodes), default=0) or 1.0
        sizes = [30 + 600 * math.sqrt(g.nodes[n]["betweenness"] / top) + 6 * g.nodes[n]["degree"] for n in nodes]
        ax.scatter(
            [pos[n][0] for n in nodes], [pos[n][1] for n in nodes], s=sizes, zorder=2,
            c=[TYPE_COLOURS[g.nodes[n]["type"]] for n in nodes], edgecolors="white", linewidths=0.5,
        )  # fmt: skip
        ranked = sorted(nodes, key=lambda n: (-g.nodes[n]["betweenness"], -g.nodes[n]["degree"], n))[:labels]
        for n in ranked:
            lift = 3 + math.sqrt(sizes[nodes.index(n)]) / 2  # clear of the marker (size is in points^2)
            ax.annotate(short_name(g.nodes[n], lang), pos[n], fontsize=9, zorder=3, ha="center", va="bottom",
                        xytext=(0, lift), textcoords="offset points")  # fmt: skip
    present = [t for t in NODE_TYPES if any(d["type"] == t for _, d in g.nodes(data=True))]
    handles = [Line2D([], [], marker="o", ls="", color=TYPE_COLOURS[t], label=t) for t in present]
    if handles:
        ax.legend(handles=handles, loc="best", framealpha=0.8)
    ax.set_title(f"Partnership network: {g.number_of_nodes()} entities, {g.number_of_edges()} relations")
    ax.autoscale()
    ax.margins(0.05)
