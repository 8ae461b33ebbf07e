"""Writing ElementTree elements into a binary file as networkx's XML writers' lines would give them, one element at
a time, and (kg.steps.network.reuse) copying unchanged elements from the last file instead of making them."""

from __future__ import annotations

from contextlib import contextmanager

# what str.splitlines() takes for a line break among the characters of ASCII XML (the writers escape the rest)
_BREAKS = bytes.maketrans(b"\r\x0b\x0c\x1c\x1d\x1e", b"\n" * 6)


def _has_break(data: bytes) -> bool:
    """Whether *data* holds a character that Lines turns into a line feed (one pass each, no copy)."""
    return any(c in data for c in (b"\r", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e"))


class Lines:
    """A binary sink that writes to *handle* what "\\n".join(text.splitlines()) + "\\n" makes of the text given
    to it piece by piece: every line break (\\r\\n, \\r, \\v, \\f, \\x1c-\\x1e) a line feed, one at the end."""

    def __init__(self, handle):
        self.handle = handle
        self.carriage = False  # the last piece ended with \r (a \n opening the next one is part of its break)
        self.last = b""
        self.written = b""  # the bytes the last write gave to the handle

    def write(self, data) -> int:
        data = bytes(data)
        self.written = b""
        if not data:
            return 0
        if self.carriage and data[:1] == b"\n":
            data = data[1:]
        self.carriage = data[-1:] == b"\r"
        if data:
            out = data.replace(b"\r\n", b"\n").translate(_BREAKS) if _has_break(data) else data
            self.handle.write(out)
            self.last, self.written = out[-1:], out
        return len(data)

    def close(self) -> None:
        if self.last != b"\n":
            self.handle.write(b"\n")


def start_tag(element, text: str = "X") -> bytes:
    """The start tag of *element* as ElementTree writes it (the element with *text* and no children)."""
    from xml.etree.ElementTree import Element, tostring

    shallow = Element(element.tag, dict(element.attrib))
    shallow.text = text
    data = tostring(shallow)
    return data[:data.index(b">" + text.encode() + b"<") + 1]


def _markup(element, out: list) -> None:
    """ElementTree's serialisation of a plain element (no namespaces, comments or QNames), tail included."""
    from xml.etree.ElementTree import _escape_attrib, _escape_cdata

    tag, text = element.tag, element.text
    out.append("<" + tag)
    for k, v in element.items():
        out.extend((f' {k}="', _escape_attrib(v), '"'))
    if text or len(element):
        out.append(">")
        if text:
            out.append(_escape_cdata(text))
        for child in element:
            _markup(child, out)
        out.append("</" + tag + ">")
    else:
        out.append(" />")
    if element.tail:
        out.append(_escape_cdata(element.tail))


def tostring(element) -> bytes:
    """ElementTree.tostring(element) (US-ASCII, other characters as references) for the plain elements of the
    network's writers, without its per-call machinery (a stream, a text wrapper and a namespace walk per node and
    edge were most of the writing time)."""
    if any(not isinstance(e.tag, str) or "{" in e.tag or any("{" in k for k in e.keys()) for e in element.iter()):
        from xml.etree.ElementTree import tostring as slow

        return slow(element)
    out: list = []
    _markup(element, out)
    return VALUES.encode(out)


class SharedValues:
    """The US-ASCII bytes of long escaped texts, kept while one network's XML files are written.

    GraphML and GEXF carry the same attribute values (an edge's evidence sentences: most of both files), escaped
    alike unless a value holds a quote, tab or line break, and encoding each with character references is the
    larger part of making an element.  Encoding is per character, so the bytes of a text are the bytes of its
    pieces one after the other: the long pieces are encoded once, when the first file is written, and reused by
    the second (kept while the GraphML file is written, `forget` after the GEXF one)."""

    LONG = 4096  # characters from which a piece is encoded on its own and may be kept

    def __init__(self):
        self.kept: dict[str, bytes] = {}
        self.keeping = False

    @contextmanager
    def keeping_for_the_next_file(self):
        """Keep the long pieces encoded while the block runs (the GraphML file), for the next file only (the GEXF
        one, which calls forget): at most one file's values are held, and none after a write that failed."""
        self.kept, self.keeping = {}, True
        try:
            yield
        except BaseException:
            self.kept = {}
            raise
        finally:
            self.keeping = False

    def forget(self) -> None:
        self.kept, self.keeping = {}, False

    def _as_attribute(self, piece: str) -> bytes | None:
        """The bytes of an attribute value from those kept of the same text escaped as character data (GraphML's
        <data> text, GEXF's value attribute).  An attribute escapes a quote, a tab and line breaks as references
        besides what character data escapes, and character data never holds "&#" or "&quot;" (its "&" become
        "&amp;"), so the text of *piece* as character data is found by undoing those references; encoding maps
        ASCII to itself, so the same references are then put into the kept bytes."""
        if not _ATTRIBUTE_REFERENCES or ("&#" not in piece and "&quot;" not in piece):
            return None
        text = piece
        for char, reference in _ATTRIBUTE_REFERENCES:
            text = text.replace(reference, char)
        data = self.kept.get(text)
        if data is None:
            return None
        for char, reference in _ATTRIBUTE_REFERENCES:
            data = data.replace(char.encode("ascii"), reference.encode("ascii"))
        return data

    def encode(self, pieces: list) -> bytes:
        """"".join(pieces).encode("ascii", "xmlcharrefreplace"), from the kept bytes of its long pieces."""
        if not self.keeping and not self.kept:
            return "".join(pieces).encode("ascii", "xmlcharrefreplace")
        out, short = [], []
        for piece in pieces:
            if len(piece) < self.LONG:
                short.append(piece)
                continue
            if short:
                out.append("".join(short).encode("ascii", "xmlcharrefreplace"))
                short = []
            data = self.kept.get(piece)
            if data is None:
                data = self._as_attribute(piece)
            if data is None:
                data = piece.encode("ascii", "xmlcharrefreplace")
                if self.keeping:
                    self.kept[piece] = data
            out.append(data)
        if short:
            out.append("".join(short).encode("ascii", "xmlcharrefreplace"))
        return b"".join(out)




def _attribute_references() -> tuple:
    """(character, reference) of what ElementTree escapes in an attribute value and not in character data; empty
    (no reuse between the two escapings) unless each is a reference of ASCII characters without a line break."""
    from xml.etree.ElementTree import _escape_attrib, _escape_cdata

    found = tuple((char, _escape_attrib(char)) for char in "\"\r\n\t")
    plain = all(_escape_cdata(char) == char and ref.isascii() and ref.startswith("&") and ref.endswith(";")
                and not any(c in ref for c in "\"\r\n\t\x0b\x0c\x1c\x1d\x1e") for char, ref in found)
    return found if plain and _escape_attrib("&<>") == _escape_cdata("&<>") else ()


_ATTRIBUTE_REFERENCES = _attribute_references()
VALUES = SharedValues()


def write_children(sink: Lines, writer, elements, level: int, last_tail: str) -> None:
    """Write elements as the children at *level* of one parent, indented as networkx's writers indent a tree."""
    previous = None
    for element in elements:
        if previous is not None:
            sink.write(tostring(previous))
        writer.indent(element, level)
        previous = element
    if previous is not None:
        previous.tail = last_tail
        sink.write(tostring(previous))


class _Tee:
    """A binary sink that also keeps what it writes (the bytes before a file's elements key their reuse)."""

    def __init__(self, handle):
        self.handle, self.kept = handle, []

    def write(self, data) -> int:
        self.kept.append(bytes(data))
        return self.handle.write(data)


def keep_header(sink: Lines, reuse) -> None:
    """Keep what *sink* writes from now on until write_elements starts (only when elements may be reused)."""
    if reuse is not None:
        sink.handle = _Tee(sink.handle)


def write_elements(sink: Lines, writer, rows: list, level: int, last_tail: str, reuse, material, make) -> None:
    """Write the children at *level* of one parent (as write_children does) from *rows*: make(i, row) is the element
    of row i and material(i, row) what fixes its bytes; with *reuse* (kg.steps.network.reuse.Reuse) an element
    the last file has with the same key is copied from it."""
    if reuse is None:
        write_children(sink, writer, (make(i, row) for i, row in enumerate(rows)), level, last_tail)
        return
    if isinstance(sink.handle, _Tee):
        reuse.start(b"".join(sink.handle.kept))
        sink.handle = sink.handle.handle
    handle = sink.handle
    for i, row in enumerate(rows):
        last = i == len(rows) - 1
        key = reuse.key(level, last, last_tail if last else "", material(i, row))
        if reuse.copy(handle, key):
            sink.carriage, sink.last = False, b" "
            continue
        reuse.flush(handle)
        element = make(i, row)
        writer.indent(element, level)
        if last:
            element.tail = last_tail
        start = handle.tell()
        sink.write(tostring(element))
        reuse.made(key, start, sink.written)
    reuse.flush(handle)


def items_of(data: dict) -> tuple:
    return tuple((str(k), type(v).__name__, str(v)) for k, v in data.items())


