"""kg network: projection, measures, exports, the offline HTML page and the command line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg.core.errors import InputError
from kg.core.namespaces import ID
from kg.rdf.load import read_graph as load_graph
from kg.steps.network import analyse, ego_network, gexf_bytes, graphml_bytes, html_text, project, summary, write_outputs

NETWORK_DATA = Path(__file__).resolve().parent / "data" / "network"
CASES = json.loads((NETWORK_DATA / "cases.json").read_text(encoding="utf-8"))
EXPECTED_CASES = 6  # update when adding cases: the suite must not shrink silently
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


@pytest.fixture(scope="module")
def hand_graph() -> Graph:
    return Graph().parse(NETWORK_DATA / "graph.ttl", format="turtle")


@pytest.fixture(scope="module")
def hand_network(hand_graph):
    return analyse(hand_graph)


def _edges(g) -> list[list]:
    rel = lambda iri: iri.removeprefix(str(ID))  # noqa: E731
    return sorted([rel(s), d["relation"], rel(o), d["weight"]] for s, o, d in g.edges(data=True))


def test_network_projection_cases_count():
    assert len(CASES) == EXPECTED_CASES
    assert len({c["name"] for c in CASES}) == len(CASES), "case names must be unique (they are the test ids)"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_network_projection_case(hand_graph, case):
    g = project(hand_graph, **case["options"])
    assert _edges(g) == sorted(case["edges"])
    assert sorted(g.nodes) == sorted({str(ID[e[i]]) for e in case["edges"] for i in (0, 2)})


def test_network_projection_attributes(hand_network):
    g = hand_network.graph
    unodc, who = str(ID["organization/unodc"]), str(ID["organization/who"])
    partner = g.edges[unodc, who, "partnerOf"]
    assert partner["paragraphs"].split("\n") == [str(ID["doc/aaaaaaaaaaaaaaaa/p1"]), str(ID["doc/aaaaaaaaaaaaaaaa/p2"])]
    assert partner["paragraph_names"] == "E/TEST/1 ¶1\nE/TEST/1 ¶2"
    assert partner["evidence"] == "[E/TEST/1 ¶1] UNODC worked with WHO.\n[E/TEST/1 ¶2] In partnership with WHO, UNODC trained staff."
    assert partner["rules"] == "partner-cue-en\npartner-reverse-en"
    assert partner["source"] == "extracted"
    assists = g.edges[unodc, str(ID["country/AFG"]), "assists"]
    assert assists["documents"] == f"{ID['doc/aaaaaaaaaaaaaaaa']}\n{ID['doc/bbbbbbbbbbbbbbbb']}"
    # types from subclasses, labels from the graph, missing ones from the reference data
    assert g.nodes[who]["type"] == "Organization" and g.nodes[who]["class"] == "UNEntity"
    assert g.nodes[who]["label_zh"] == "世界卫生组织"
    prog = g.nodes[str(ID["programme/test-programme"])]
    assert (prog["type"], prog["class"], prog["label_en"], prog["label_zh"], prog["minted"]) == (
        "Programme", "GlobalProgramme", "", "测试方案", True,
    )  # fmt: skip
    assert g.nodes[unodc]["short_en"] == "UNODC"
    assert str(ID["resolution/cnd/64-1"]) not in g and str(ID["body/cnd"]) not in g


def test_network_measures(hand_network):
    g = hand_network.graph
    # the simple undirected view is a path: AFG - unodc - who - programme - untoc - firearms protocol
    expected = {
        "country/AFG": (1, 0.2, 0.0), "organization/unodc": (2, 0.4, 0.4), "organization/who": (2, 0.4, 0.6),
        "programme/test-programme": (2, 0.4, 0.6), "convention/untoc": (2, 0.4, 0.4), "protocol/firearms-protocol": (1, 0.2, 0.0),
    }  # fmt: skip
    for key, (degree, centrality, betweenness) in expected.items():
        node = g.nodes[str(ID[key])]
        assert (node["degree"], node["degree_centrality"], node["betweenness"]) == (degree, centrality, betweenness), key
    communities = hand_network.communities
    assert sorted(n for c in communities for n in c) == sorted(g.nodes)
    for number, members in enumerate(communities, 1):
        assert all(g.nodes[n]["community"] == number for n in members)
    assert [len(c) for c in communities] == sorted((len(c) for c in communities), reverse=True)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in hand_network.layout.values())


def test_network_layout_of_a_large_component():
    """A connected network of 600 nodes is laid out (networkx's sparse spring layout, which needs scipy)."""
    from kg.steps.network import compute_layout, measure

    g = nx.MultiDiGraph()
    for i in range(600):  # a ring with chords: one component
        for j in ((i + 1) % 600, (i * 7 + 1) % 600):
            g.add_edge(f"n{i:03d}", f"n{j:03d}", key="partnerOf", relation="partnerOf", weight=1)
    assert nx.is_connected(g.to_undirected())
    pos = compute_layout(g, measure(g))
    assert sorted(pos) == sorted(g.nodes)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in pos.values())
    assert len({(round(x, 3), round(y, 3)) for x, y in pos.values()}) > 500  # spread out, not stacked


def test_network_ego(hand_network):
    ego = ego_network(hand_network.graph, "UNODC")
    assert sorted(ego.nodes) == sorted(str(ID[k]) for k in ("organization/unodc", "organization/who", "country/AFG"))
    assert sorted(ego_network(hand_network.graph, "世界卫生组织", radius=2)) == sorted(
        str(ID[k]) for k in ("organization/unodc", "organization/who", "country/AFG", "programme/test-programme", "convention/untoc")
    )
    with pytest.raises(InputError, match="no entity 'Nowhere'"):
        ego_network(hand_network.graph, "Nowhere")


def test_network_bad_filters(hand_graph, tmp_path):
    with pytest.raises(InputError, match="unknown node type 'Planet'"):
        project(hand_graph, types=["Planet"])
    with pytest.raises(InputError, match="unknown relation 'likes'"):
        project(hand_graph, relations=["likes"])
    with pytest.raises(InputError, match="unknown document"):
        project(hand_graph, document="E/NOPE")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b .\n", encoding="utf-8")
    with pytest.raises(InputError, match="malformed Turtle"):
        load_graph(bad)
    with pytest.raises(InputError, match="no such file"):
        load_graph(tmp_path / "missing.ttl")


def _same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert sorted(a.nodes) == sorted(b.nodes)
    for n in a.nodes:
        for key, value in a.nodes[n].items():
            assert b.nodes[n][key] == value, (n, key)
    edges_a = {(s, o, d["relation"]): d for s, o, d in a.edges(data=True)}
    edges_b = {(s, o, d["relation"]): d for s, o, d in b.edges(data=True)}
    assert edges_a.keys() == edges_b.keys()
    for k, d in edges_a.items():
        for key, value in d.items():
            assert edges_b[k][key] == value, (k, key)


def test_network_graphml_gexf_round_trip(hand_network, tmp_path):
    g = hand_network.graph
    (tmp_path / "n.graphml").write_bytes(graphml_bytes(g))
    (tmp_path / "n.gexf").write_bytes(gexf_bytes(g))
    _same_graph(g, nx.read_graphml(tmp_path / "n.graphml", force_multigraph=True))
    back = nx.read_gexf(tmp_path / "n.gexf")
    for n in back.nodes:  # GEXF keeps the node label as its own field
        back.nodes[n].pop("label", None)
        back.nodes[n]["label"] = g.nodes[n]["label"]
    _same_graph(g, back)


def test_network_outputs_deterministic(hand_graph, tmp_path):
    first = write_outputs(analyse(hand_graph), tmp_path / "a", png=False)
    second = write_outputs(analyse(hand_graph), tmp_path / "b", png=False)
    assert [p.name for p in first] == ["network.html", "network.graphml", "network.gexf"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_network_html_offline(hand_network):
    page = html_text(hand_network)
    data = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', page, re.S)
    assert data and json.loads(data.group(1))["nodes"]
    outside = page.replace(data.group(0), "")
    assert not re.search(r"https?://|//cdn|\bsrc=|\bhref=|@import|url\(", outside)


def test_network_png_has_cjk_font(hand_network):
    from kg.steps.network import cjk_font, png_bytes

    data = png_bytes(hand_network)
    assert data.startswith(b"\x89PNG")
    if Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists():
        assert cjk_font() and "CJK" in cjk_font()


def test_network_png_without_cjk_font_warns_once(hand_network, monkeypatch, caplog):
    """No CJK font: one logged line for the Chinese labels, not one matplotlib warning per missing glyph."""
    import warnings

    import kg.steps.network.render_png as render_png

    monkeypatch.setattr(render_png, "cjk_font", lambda: None)
    monkeypatch.setattr(render_png, "_told", set())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with caplog.at_level("WARNING", logger="kg.steps.network"):
            for _ in range(2):
                assert render_png.png_bytes(hand_network, lang="zh").startswith(b"\x89PNG")
    assert not [w for w in caught if "missing from" in str(w.message)]
    notes = [r for r in caplog.records if r.name.startswith("kg.steps.network")]
    assert [r.getMessage() for r in notes] == [
        "no CJK font found (install fonts-noto-cjk); Chinese labels in network.png are drawn as boxes"
    ]


def test_network_summary_names_unodc_partners(hand_network):
    text = summary(hand_network)
    assert "network: 6 nodes, 5 edges" in text
    assert "  World Health Organization  partnerOf  E/TEST/1 ¶1, ¶2" in text
    assert "most central programmes" in text and "测试方案" in text


def test_network_cli(kg, tmp_path):
    out = tmp_path / "out"
    done = kg("network", "--data", str(NETWORK_DATA / "graph.ttl"), "--out", str(out), "--ego", "UNODC", "--no-png")
    assert done.returncode == 0, done.stderr
    assert "network: 3 nodes, 2 edges" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == ["network.gexf", "network.graphml", "network.html"]
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    again = kg("network", "--data", str(NETWORK_DATA / "graph.ttl"), "--out", str(out), "--ego", "UNODC", "--no-png")
    assert again.returncode == 0 and again.stdout == done.stdout  # another random PYTHONHASHSEED, same bytes
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    for args, message in (
        (["--data", str(tmp_path / "none.ttl")], "no such file"),
        (["--data", str(NETWORK_DATA / "graph.ttl"), "--type", "Planet"], "unknown node type"),
        (["--data", str(NETWORK_DATA / "graph.ttl"), "--ego", "Nowhere"], "no entity"),
    ):
        bad = kg("network", "--out", str(tmp_path / "bad"), *args)
        assert bad.returncode == 2 and message in bad.stderr and "Traceback" not in bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1
    assert "example" in kg("network", "--help").stdout


def test_network_sample_build(sample_build):
    """The sample's outputs exist; once extraction runs, UNODC has partners with paragraphs."""
    out = sample_build.out_dir
    names = ["network.html", "network.graphml", "network.gexf", "network.png"]
    assert [p.name for p in sample_build.outputs if p.name.startswith("network.")] == names  # `kg build` step
    assert all((out / name).stat().st_size > 0 for name in names)
    network = analyse(load_graph(out / "kg.ttl"))
    assert nx.read_graphml(out / "network.graphml").number_of_nodes() == network.graph.number_of_nodes()
    if any(d["relation"] == "partnerOf" for *_, d in network.graph.edges(data=True)):
        partners = summary(network).split("UNODC's partners (relation, paragraphs):\n", 1)[1]
        assert "partnerOf" in partners and "¶" in partners


def _chromium(*args: str, profile: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", *args,
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`)")
def test_network_html_in_chromium(sample_build, tmp_path):
    out = sample_build.out_dir
    network = analyse(load_graph(out / "kg.ttl"))
    page = write_outputs(network, tmp_path, png=False)[0]
    dom = _chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile")
    assert dom.returncode == 0, dom.stderr[-2000:]
    canvas = re.search(r"<canvas[^>]*>", dom.stdout).group(0)
    body = re.search(r"<body[^>]*>", dom.stdout).group(0)
    assert 'data-ready="true"' in body and "data-error" not in body
    drawn = int(re.search(r'data-drawn-nodes="(\d+)"', canvas).group(1))
    assert drawn == network.graph.number_of_nodes()
    assert int(re.search(r'data-drawn-edges="(\d+)"', canvas).group(1)) == network.graph.number_of_edges()
    assert not re.search(r"Uncaught|CONSOLE\(\d+\)\].*(Error|error)", dom.stderr)
    assert not re.search(r"net::ERR_|Failed to load resource", dom.stderr)
    if str(ID["organization/unodc"]) in network.graph:  # search and language switch, driven by the URL
        found = _chromium("--dump-dom", page.as_uri() + "#lang=zh&find=UNODC", profile=tmp_path / "profile")
        canvas = re.search(r"<canvas[^>]*>", found.stdout).group(0)
        assert 'data-lang="zh"' in canvas and f'data-found="{ID["organization/unodc"]}"' in canvas
    shot = tmp_path / "sample-network.png"  # kept under pytest's tmp dir as the test artefact
    done = _chromium("--window-size=1400,900", f"--screenshot={shot}", page.as_uri(), profile=tmp_path / "profile")
    assert done.returncode == 0 and shot.stat().st_size > 10_000, done.stderr[-2000:]
    print(f"screenshot: {shot}")


def test_network_step_is_a_build_step_with_its_cache_name(hand_graph):
    """The step object keeps the name its cached per-document facts are stored under; in the worker it groups
    a document's assertions as the projection reads them."""
    from kg.build.steps import BuildStep
    from kg.steps.network import STEP

    assert isinstance(STEP, BuildStep) and STEP.name == "kg.steps.network:corpus_step"

    class View:
        graph = hand_graph

    evidence, paragraphs = STEP.map_document(View())
    whole = project(hand_graph)
    assert _edges(project(hand_graph, evidence=evidence, paragraphs=paragraphs)) == _edges(whole)


def _network_bytes(network) -> tuple:
    return (graphml_bytes(network.graph), gexf_bytes(network.graph), html_text(network), network.communities,
            list(network.layout.items()))


@pytest.mark.parametrize("change", ["none", "weight", "link", "code"])
def test_network_remembered_analysis_equals_a_fresh_one(hand_graph, tmp_path, change):
    """A build's network analysis reused from the cache folder (kg.steps.network.memo) gives what a fresh analysis
    gives, whether the network kept its shape, changed a weight, gained a link, or the code changed."""
    from kg.steps.network import project
    from kg.build.kept import read_kept
    from kg.steps.network.memo import analyse_remembered

    memo = tmp_path / "network.json"
    first = analyse_remembered(project(hand_graph), memo, "code-1")
    assert _network_bytes(first) == _network_bytes(analyse(hand_graph))
    g = project(hand_graph)
    s, o, key = sorted(g.edges(keys=True))[0]
    if change == "weight":
        g.edges[s, o, key]["weight"] += 3
    elif change == "link":
        g.add_edge(s, sorted(g.nodes)[-1], key="partnerOf", **{**g.edges[s, o, key], "relation": "partnerOf"})
    fresh = analyse_remembered(g.copy(), None, "code-1")
    again = analyse_remembered(g.copy(), memo, "code-2" if change == "code" else "code-1")
    assert _network_bytes(again) == _network_bytes(fresh)
    assert json.loads(read_kept(memo))["code"] == ("code-2" if change == "code" else "code-1")  # checked file


def test_network_picture_is_reused_only_for_the_same_drawing(hand_network, tmp_path):
    from kg.steps.network import png_bytes
    from kg.steps.network.memo import remembered_png
    from kg.steps.network.model import Network

    first = remembered_png(hand_network, tmp_path, "code")
    assert first == png_bytes(hand_network) and remembered_png(hand_network, tmp_path, "code") == first
    node = sorted(hand_network.layout)[0]
    moved = Network(hand_network.graph, hand_network.communities, {**hand_network.layout, node: (0.5, -0.5)})
    assert remembered_png(moved, tmp_path, "code") == png_bytes(moved) != first


@pytest.mark.parametrize("name", [".network.json.a1b2c3d4.tmp", ".network.png.last.Zz09_xyz.tmp"])
def test_network_memo_left_half_written_by_a_killed_build_is_removed(tmp_path, name):
    from kg.build.outputs import remove_leftovers

    cache = tmp_path / ".cache"
    cache.mkdir()
    (cache / name).write_bytes(b"half")
    (cache / "network.json").write_bytes(b"{}")
    assert remove_leftovers(tmp_path, cache) == 1
    assert [p.name for p in cache.iterdir()] == ["network.json"]


def _odd_network() -> nx.MultiDiGraph:
    """A network whose texts hold every character str.splitlines() breaks at, markup and non-ASCII letters."""
    g = nx.MultiDiGraph(name="odd")
    g.add_node("a", label="甲\r\nA <b> & \"c\"", weight=2, community=0.5, key=True)
    g.add_node("b", label="line\x0bbreak\x0c\x1c\x1d\x1e\x85\u2028\u2029", type="Country")
    g.add_node(3)
    g.add_edge("a", "b", key="partnerOf", evidence="第一句。\rSecond\r", weight=3, documents="d1 d2")
    g.add_edge("a", "b", key="serves", evidence="", label="x", type="y")
    g.add_edge("b", 3, key="partOf")
    return g


@pytest.mark.parametrize("which", ["hand", "odd", "sample"])
def test_network_xml_streamed_equals_the_tree(which, hand_network, sample_graph, monkeypatch):
    """GraphML and GEXF written element by element (large networks) have the bytes of networkx's whole tree."""
    from kg.steps.network import formats

    g = {"hand": lambda: hand_network.graph, "odd": _odd_network,
         "sample": lambda: analyse(sample_graph, layout=False).graph}[which]()
    monkeypatch.setattr(formats, "STREAM_FROM", 10**9)
    tree = (graphml_bytes(g), gexf_bytes(g))
    monkeypatch.setattr(formats, "STREAM_FROM", 0)
    assert (graphml_bytes(g), gexf_bytes(g)) == tree


@pytest.mark.parametrize("change", ["none", "one edge", "one node", "edge added", "edge removed"])
def test_network_xml_reuses_unchanged_elements_with_the_same_bytes(change, hand_network, tmp_path, monkeypatch):
    """A rebuild copies unchanged elements of network.graphml and .gexf from the last file (kg.steps.network.reuse):
    the bytes are those of a fresh write, and a changed element is made again."""
    from kg.steps.network import formats, reuse

    monkeypatch.setattr(formats, "STREAM_FROM", 0)
    g = _odd_network()
    g.update(hand_network.graph)
    out, memo = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    memo.mkdir()
    for write, name in ((formats.write_graphml, "network.graphml"), (formats.write_gexf, "network.gexf")):
        formats.write_file(out / name, write, g, memo / f"{name}.json")
    edge = next(iter(g.edges(keys=True)))
    if change == "one edge":
        g.edges[edge]["evidence"] = "changed\r\nagain"
    elif change == "one node":
        g.nodes["a"]["weight"] = 7
    elif change == "edge added":
        g.add_edge("b", "a", key="assists", evidence="new")
    elif change == "edge removed":
        g.remove_edge(*edge)
    copied = []
    real = reuse.Reuse.copy
    monkeypatch.setattr(reuse.Reuse, "copy", lambda self, handle, key: real(self, handle, key) and not copied.append(key))
    for write, name in ((formats.write_graphml, "network.graphml"), (formats.write_gexf, "network.gexf")):
        formats.write_file(out / name, write, g, memo / f"{name}.json")
        fresh = tmp_path / f"fresh-{name}"
        formats.write_file(fresh, write, g)
        assert (out / name).read_bytes() == fresh.read_bytes(), name
    elements = 2 * (g.number_of_nodes() + g.number_of_edges()) + 1  # and GraphML's graph name
    assert (len(copied) == elements) == (change == "none")
    assert copied or change == "edge removed"  # its attribute declarations differ: nothing is copied
