"""Make a synthetic corpus of distinct UNODC-style reports, Chinese and English, for benchmarks.

Chinese documents are variants of the bundled sample (corpus/unodc-ed-report-2022.zh.md): the numbered
paragraphs are shuffled and renumbered, the countries named are swapped for others from the reference data
(ontology/data/countries.csv) and each document carries its own symbol.  English documents are written from the
paragraphs of bench/english.md (text of our own in the style of the Executive Director's reports), shuffled and
numbered, with countries drawn from the reference data.  Every document is distinct
(its content hash differs), so a benchmark cannot hide behind a cache, and the same (index, seed) always gives the
same bytes.

    python -m bench.synth OUT_DIR -n 100 [--lang zh|en|mix] [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "unodc-ed-report-2022.zh.md"
ENGLISH = Path(__file__).resolve().parent / "english.md"
SAMPLE_SYMBOLS = ("E/CN.7/2022/1", "E/CN.15/2022/1")
NUMBER_RE = re.compile(r"^(\d{1,3})\.(?!\d)")
HEADING_RE = re.compile(r"^(#{1,6}\s|\*\*)")
FOOTNOTE_RE = re.compile(r"^(<sup>|\[\^)")


def data_dir() -> Path:
    """Folder of the reference data CSV files."""
    from kg.core.resources import data_dir as kg_data_dir

    return kg_data_dir()


@lru_cache(maxsize=None)
def names(file: str, lang: str, types: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Preferred names in *lang* from one reference data file, optionally of some types only, sorted."""
    with (data_dir() / file).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = {row[f"name_{lang}"].strip() for row in rows if row.get(f"name_{lang}") and (not types or row["type"] in types)}
    return tuple(sorted(n for n in found if n))


@lru_cache(maxsize=None)
def country_pattern(lang: str) -> re.Pattern:
    """A pattern matching any country name (preferred or alternative) in *lang*, longest first."""
    with (data_dir() / "countries.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    labels = set()
    for row in rows:
        labels.add(row[f"name_{lang}"].strip())
        labels.update(a.strip() for a in (row.get(f"alt_{lang}") or "").split("|"))
    labels = sorted((x for x in labels if len(x) >= 2), key=lambda x: (-len(x), x))
    if lang == "en":
        return re.compile(r"\b(?:" + "|".join(map(re.escape, labels)) + r")\b")
    return re.compile("|".join(map(re.escape, labels)))


def document_symbol(index: int, series: str = "E/CN.7") -> str:
    """A distinct UN-style symbol for synthetic document *index* (E/CN.7/2031/17)."""
    return f"{series}/{2030 + index // 1000}/{index % 1000 + 1}"


def swap_countries(text: str, lang: str, rng: random.Random) -> str:
    """Replace every country named in *text* by another, consistently within the document."""
    pool = list(names("countries.csv", lang))
    mapping: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        name = match.group(0)
        if name not in mapping:
            mapping[name] = rng.choice(pool)
        return mapping[name]

    return country_pattern(lang).sub(replace, text)


@lru_cache(maxsize=1)
def sample_parts() -> tuple[str, tuple]:
    """The sample split into its front matter and body slots: ("unit", text) for a numbered paragraph
    with its sub-paragraphs, ("fixed", text) for headings and footnotes, which keep their places."""
    text = SAMPLE.read_text(encoding="utf-8")
    blocks = [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]
    first = next(i for i, b in enumerate(blocks) if NUMBER_RE.match(b) and b.startswith("1."))
    start = max(i for i in range(first) if HEADING_RE.match(blocks[i]))  # the heading above paragraph 1
    front, slots = "\n\n".join(blocks[:start]), []
    for block in blocks[start:]:
        if NUMBER_RE.match(block):
            slots.append(["unit", block])
        elif HEADING_RE.match(block) or FOOTNOTE_RE.match(block) or not slots or slots[-1][0] != "unit":
            slots.append(["fixed", block])
        else:
            slots[-1][1] += "\n\n" + block  # (a), (b) … stay with their paragraph
    return front, tuple(tuple(s) for s in slots)


def chinese_document(index: int, seed: int = 0) -> str:
    """A Chinese variant of the sample: shuffled, renumbered paragraphs, other countries, its own symbols."""
    rng = random.Random(f"zh/{seed}/{index}")
    front, slots = sample_parts()
    units = [text for kind, text in slots if kind == "unit"]
    rng.shuffle(units)
    out, number = [front], 0
    for kind, text in slots:
        if kind == "fixed":
            out.append(text)
            continue
        number += 1
        out.append(NUMBER_RE.sub(f"{number}.", units[number - 1], count=1))
    text = "\n\n".join(out) + "\n"
    text = text.replace(SAMPLE_SYMBOLS[0], document_symbol(index, "E/CN.7"))
    text = text.replace(SAMPLE_SYMBOLS[1], document_symbol(index, "E/CN.15"))
    return swap_countries(text, "zh", rng)


def english_document(index: int, seed: int = 0) -> str:
    """An English report from bench/english.md: headings kept, paragraphs shuffled and numbered, countries drawn."""
    rng = random.Random(f"en-short/{seed}/{index}")
    text = ENGLISH.read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    head = [b for b in blocks if b.startswith("#")]
    paras = [b for b in blocks if not b.startswith("#")]
    front, body = paras[:1], paras[1:]
    rng.shuffle(body)
    countries = rng.sample(names("countries.csv", "en"), 8)
    fills = {f"c{i}": c for i, c in enumerate(countries)}
    fills["symbol"] = document_symbol(index, "E/CN.15")
    out = head + front + [f"{n}. {b}" for n, b in enumerate(body, start=1)]
    return re.sub(r"\{(\w+)\}", lambda m: fills.get(m.group(1), m.group(0)), "\n\n".join(out)) + "\n"


def make_corpus(out_dir: Path, count: int, lang: str = "zh", seed: int = 0) -> list[Path]:
    """Write *count* distinct documents into *out_dir* (synth-00000.zh.md …) and return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        code = language_of(index, lang)
        path = out_dir / f"synth-{index:05d}.{code}.md"
        text = chinese_document(index, seed) if code == "zh" else english_document(index, seed)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def language_of(index: int, lang: str) -> str:
    """The language of document *index* for a corpus in *lang* ("zh", "en" or "mix": alternating)."""
    return ("zh", "en")[index % 2] if lang == "mix" else lang


def main(argv: list[str] | None = None) -> int:
    """Command line: write a synthetic corpus."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.synth",
        description="Write N distinct synthetic UNODC-style reports for benchmarks.",
        epilog="example:\n  python -m bench.synth /tmp/corpus100 -n 100 --lang mix",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("-n", "--count", type=int, default=10)
    parser.add_argument("--lang", choices=["zh", "en", "mix"], default="zh")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("-n must be at least 1")
    paths = make_corpus(args.out, args.count, args.lang, args.seed)
    print(f"wrote {len(paths)} document(s) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
