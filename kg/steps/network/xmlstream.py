"""Writing ElementTree elements into a binary file as networkx's XML writers' lines would give them, one element at
a time, and (kg.steps.network.reuse) copying unchanged elements from the last file instead of making them."""

from __future__ import annotations

# what str.splitlines() takes for a line break among the characters of ASCII XML (the writers escape the rest)
_BREAKS = bytes.maketrans(b"\r\x0b\x0c\x1c\x1d\x1e", b"\n" * 6)


class Lines:
    """A binary sink that writes to *handle* what "\\n".join(text.splitlines()) + "\\n" makes of the text given
    to it piece by piece: every line break (\\r\\n, \\r, \\v, \\f, \\x1c-\\x1e) a line feed, one at the end."""

    def __init__(self, handle):
        self.handle = handle
        self.carriage = False  # the last piece ended with \r (a \n opening the next one is part of its break)
        self.last = b""

    def write(self, data) -> int:
        data = bytes(data)
        if not data:
            return 0
        if self.carriage and data[:1] == b"\n":
            data = data[1:]
        self.carriage = data[-1:] == b"\r"
        if data:
            out = data.replace(b"\r\n", b"\n").translate(_BREAKS)
            self.handle.write(out)
            self.last = out[-1:]
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
        out.append(f' {k}="{_escape_attrib(v)}"')
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
    return "".join(out).encode("ascii", "xmlcharrefreplace")


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
        reuse.made(key, start, handle.tell())
    reuse.flush(handle)


def items_of(data: dict) -> tuple:
    return tuple((str(k), type(v).__name__, str(v)) for k, v in data.items())


