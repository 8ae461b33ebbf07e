"""Word lists that load without making an object per word: sorted fixed-width records searched by bisection.

jieba's dictionary has some 80,000 common words; as Python sets and dicts they take a tenth of a second to
read back on every start.  Here each list is one bytes object (UTF-32-BE, zero-padded, so byte order is code
point order) plus, per record, a value: a small code, or a group of words in one string.
"""

from __future__ import annotations

import bisect
from array import array

MEMO = 50_000  # answers remembered per table


class _Records:
    """The sequence of fixed-width records, for bisect."""

    __slots__ = ("data", "width")

    def __init__(self, data: bytes, width: int):
        self.data, self.width = data, width

    def __len__(self) -> int:
        return len(self.data) // self.width

    def __getitem__(self, i: int) -> bytes:
        return self.data[i * self.width: (i + 1) * self.width]


class WordTable:
    """word -> value for words of at most *chars* characters; values are small ints (codes) or tuples of strings
    (groups), given at construction as a dict."""

    def __init__(self, values: dict, chars: int):
        self.width = 4 * chars
        words = sorted(values)
        self.data = b"".join(self._record(w) for w in words)
        self.grouped = any(isinstance(v, (list, tuple)) for v in values.values())
        if self.grouped:
            texts = ["\n".join(values[w]) for w in words]
            self.blob = "".join(texts)
            offsets = array("I", [0])
            for t in texts:
                offsets.append(offsets[-1] + len(t))
            self.offsets = offsets.tobytes()
            self.codes = b""
        else:
            self.blob, self.offsets = "", b""
            self.codes = bytes(values[w] for w in words)

    def _record(self, word: str) -> bytes:
        if len(word) * 4 > self.width:
            raise ValueError(f"{word!r} is longer than {self.width // 4} characters")
        return word.encode("utf-32-be").ljust(self.width, b"\0")

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_memo"}

    def _index(self, word: str) -> int | None:
        if not word or len(word) * 4 > self.width or "\0" in word:
            return None
        key = self._record(word)
        records = _Records(self.data, self.width)
        i = bisect.bisect_left(records, key)
        return i if i < len(records) and records[i] == key else None

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def get(self, word: str, default=None):
        """The value of *word* (a code, or its group of words), else *default* (answers are remembered)."""
        memo = self.__dict__.setdefault("_memo", {})
        if word in memo:
            value = memo[word]
        else:
            value = self._value(word)
            if len(memo) < MEMO:
                memo[word] = value
        return default if value is None else value

    def _value(self, word: str):
        i = self._index(word)
        if i is None:
            return None
        if not self.grouped:
            return self.codes[i]
        offsets = array("I")
        offsets.frombytes(self.offsets[4 * i: 4 * i + 8])
        return tuple(self.blob[offsets[0]: offsets[1]].split("\n"))
