"""Write ontology/zh-traditional.toml: the traditional Chinese characters that normalisation folds to simplified.

Source: OpenCC's traditional-to-simplified character table, read through the `opencc` package (Apache-2.0;
`pip install opencc`, a tools extra: kg itself never imports it).  Every CJK Unified Ideograph (U+4E00-U+9FFF)
that OpenCC's `t2s` conversion turns, on its own, into one other character is a pair; characters OpenCC keeps
(著) are not, nor the characters of KEPT, which simplified text also writes (乾隆).  The table is two strings of equal length, so folding keeps every
character's offset (kg.extract.nlp).

    python tools/import_zh_traditional.py [--out ontology/zh-traditional.toml]

Running it again with the same OpenCC writes the same bytes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ontology" / "zh-traditional.toml"
FIRST, LAST = 0x4E00, 0x9FFF
# Characters OpenCC folds on their own that standard simplified Chinese also writes in words of its own (乾隆, 乾坤; 於 as a
# surname): folding them would change simplified text, so they stay as they are.
KEPT = "乾於"


def pairs() -> list[tuple[str, str]]:
    """(traditional, simplified) characters of OpenCC's t2s table in the CJK Unified Ideographs block."""
    import opencc

    convert = opencc.OpenCC("t2s").convert
    out = []
    for code in range(FIRST, LAST + 1):
        ch = chr(code)
        folded = convert(ch)
        if len(folded) == 1 and folded != ch and ch not in KEPT:
            out.append((ch, folded))
    table = dict(out)
    return [(t, table.get(s, s)) for t, s in out if table.get(s, s) != t]  # a chain folds to its end: one pass folds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    try:
        found = pairs()
    except ImportError:
        print("error: the opencc package is needed (pip install opencc)", file=sys.stderr)
        return 2
    import opencc

    version = getattr(opencc, "__version__", "unknown")
    text = ("# Traditional Chinese characters and the simplified ones that normalisation reads them as (kg.extract.nlp):\n"
            "# character i of `traditional` folds to character i of `simplified`.  Made by tools/import_zh_traditional.py\n"
            f"# from OpenCC's t2s table (opencc {version}); do not edit by hand.\n"
            f'traditional = "{"".join(t for t, _ in found)}"\n'
            f'simplified = "{"".join(s for _, s in found)}"\n')
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.out)
    print(f"{len(found)} characters written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
