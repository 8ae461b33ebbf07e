"""The long values GraphML encodes and GEXF reuses (kg.steps.network.xmlstream.SharedValues) give the bytes of
files written alone, whatever the values hold."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.steps.network import formats
from kg.steps.network.xmlstream import VALUES, Lines, SharedValues

VALUES_OF = {
    "chinese lines": "\n".join(f"[E/CN.7/2024/{i} ¶{i}] 毒品和犯罪问题办公室支持了第{i}个国家。" for i in range(400)),
    "quotes and tabs": "\n".join(f'said "yes"\tto <{i}> & "no" \r\n{i}' for i in range(500)),
    "references in the text": "&#10; &quot; &amp;#10; 第一 &#13;\t" * 300,
    "ascii only": "https://w3id.org/unodc-kg/id/doc/abc/p1\n" * 200,
    "astral and controls": "𝔘𝔑 \x0b\x0c\x1c 第 é ü" * 600,
}


def _network(value: str, edges: int = 1200) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i in range(edges):  # enough elements to be streamed (formats.STREAM_FROM)
        s, o = f"https://w3id.org/unodc-kg/id/n{i % 97}", f"https://w3id.org/unodc-kg/id/n{(i * 7 + 1) % 97}"
        g.add_node(s, label=f"节点 {i % 97}", x=0.5, degree=i % 5)
        g.add_node(o, label=f"节点 {(i * 7 + 1) % 97}", x=-0.5, degree=1)
        g.add_edge(s, o, key=f"rel{i}", evidence=value + str(i % 3), weight=i % 4 + 1, documents=value[:50])
    return g


@pytest.mark.parametrize("kind", sorted(VALUES_OF))
def test_network_xml_long_values_shared_give_the_bytes_of_files_written_alone(kind, tmp_path):
    g = _network(VALUES_OF[kind])
    out, memo = tmp_path / "out", tmp_path / "cache"
    out.mkdir()
    memo.mkdir()
    for write, name in ((formats.write_graphml, "network.graphml"), (formats.write_gexf, "network.gexf")):
        formats.write_file(out / name, write, g, memo / f"{name}.json")  # as a build writes them: GraphML keeps
        alone = tmp_path / f"alone-{name}"
        formats.write_file(alone, write, g)  # no cache folder: nothing kept, nothing reused
        assert (out / name).read_bytes() == alone.read_bytes(), name
    assert not VALUES.kept and not VALUES.keeping  # the GEXF writer let them go


def test_network_xml_values_kept_are_reused_by_the_gexf_writer():
    """The GEXF file's value attributes come from the GraphML text's bytes (the case the sharing is for)."""
    values = SharedValues()
    text = VALUES_OF["chinese lines"]
    with values.keeping_for_the_next_file():
        graphml = values.encode(["<data>", text, "</data>"])
    assert graphml == f"<data>{text}</data>".encode("ascii", "xmlcharrefreplace")
    assert list(values.kept) == [text] and not values.keeping  # kept for the next file, no more added
    attribute = text.replace("\n", "&#10;")  # the same text as GEXF escapes it
    assert values._as_attribute(attribute) == attribute.encode("ascii", "xmlcharrefreplace")
    assert values.encode(['<attvalue value="', attribute, '" />']) == \
        f'<attvalue value="{attribute}" />'.encode("ascii", "xmlcharrefreplace")
    assert values._as_attribute(attribute.replace("&#10;", "&#13;", 1)) is None  # another text: not reused
    values.forget()
    assert values.encode([text]) == text.encode("ascii", "xmlcharrefreplace") and not values.kept


@pytest.mark.parametrize("piece", [b"plain", b"a\rb", b"a\r\nb", b"\x0b\x0c", b"x\x1c\x1d\x1ey", b"\r"])
def test_network_xml_lines_turn_every_break_into_a_line_feed(piece, tmp_path):
    import io

    handle = io.BytesIO()
    sink = Lines(handle)
    sink.write(piece)
    sink.close()
    assert handle.getvalue() == ("\n".join(piece.decode().splitlines()) + "\n").encode()


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()], ids=["disk full", "interrupted"])
def test_network_xml_a_failed_graphml_write_keeps_no_values(tmp_path, monkeypatch, failure):
    """A GraphML write that fails (disk full, a signal) leaves nothing kept and nothing keeping, whether or not the
    GEXF file is written after it: the values of one network are never held past its two files."""
    from kg.steps.network import xmlstream

    g = _network(VALUES_OF["chinese lines"])
    written = []
    real = xmlstream.Lines.write

    def write(self, data):
        written.append(len(data))
        if len(written) == 40:
            raise failure
        return real(self, data)

    monkeypatch.setattr(xmlstream.Lines, "write", write)
    (tmp_path / "cache").mkdir()
    with pytest.raises(type(failure)):
        formats.write_file(tmp_path / "network.graphml", formats.write_graphml, g, tmp_path / "cache" / "g.json")
    assert VALUES.kept == {} and VALUES.keeping is False
    assert not (tmp_path / "network.graphml").exists()
