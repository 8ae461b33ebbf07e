"""New names proposed by the learned name-span model where the rules found none (rules.toml [learned_names]).

A small spaCy NER per language (trained from the dev annotations by kg.extract.learned_names_train, saved under
ontology/models/names-<lang>/) reads a paragraph's normalised text; a span it proposes becomes a minted name only when
conservatively gated: its beam score reaches min_score, its class family is one of families, it holds a head word of
that family from the minting rules ([mint.zh] name_suffixes and title_suffixes at its end, [mint.en] name_heads and
title_heads as a capitalised word of an English name; the head gives the class), it overlaps no name the rules minted,
it neither crosses nor lies inside a linked reference name, and it is no bare head.  The pipeline loads lazily, once
per language.  Proposals are sorted by offsets, so the same text gives the same names.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

from kg.core.errors import InputError
from kg.core.resources import ontology_dir, rules
from kg.core.vocabulary import family
from kg.extract.link import Match
from kg.extract.minted import Minted, _clean
from kg.extract.name_words_en import capitalised

log = logging.getLogger(__name__)

_OVERRIDE: dict = {}  # settings set by configure() (cross-validation points the model folder at a fold's models)


def settings() -> dict:
    """rules.toml [learned_names] with any configure() override."""
    cfg = dict(rules().get("learned_names", {}))
    cfg.update(_OVERRIDE)
    return cfg


def configure(**values) -> None:
    """Override settings of [learned_names] (enabled, min_score, models) for this process; no values: back to the file."""
    _OVERRIDE.clear()
    _OVERRIDE.update(values)
    _pipeline.cache_clear()


@cache
def _pipeline(folder: str):
    """The trained pipeline in *folder*; a missing or unreadable one is an InputError (one line, exit code 2)."""
    import spacy

    path = Path(folder)
    if not (path / "config.cfg").exists():
        raise InputError(f"{path}: no learned name model (rules.toml [learned_names] enabled; train it with "
                         "python tools/train_names.py, or set enabled = false)")
    try:
        return spacy.load(path)
    except Exception as exc:  # spaCy raises many kinds on a damaged folder
        raise InputError(f"{path}: unreadable learned name model ({type(exc).__name__})") from None


def model_path(lang: str) -> Path:
    """The model folder of *lang*: [learned_names] models below ontology/ (an absolute folder only through configure())."""
    base = Path(settings().get("models", "models"))
    if base.is_absolute() and "models" not in _OVERRIDE or ".." in base.parts:
        raise InputError(f"rules.toml [learned_names] models = {str(base)!r}: a folder below ontology/ is required")
    return (base if base.is_absolute() else ontology_dir() / base) / f"names-{'zh' if lang == 'zh' else 'en'}"


def scored_spans(text: str, lang: str) -> list[tuple[int, int, str, float]]:
    """(start, end, family, score) of every span the model scores in *text*, best first, without overlaps."""
    nlp = _pipeline(str(model_path(lang)))
    if nlp is None or not text.strip():
        return []
    ner = nlp.get_pipe("ner")
    doc = nlp.make_doc(text)
    beams = ner.beam_parse([doc], beam_width=int(settings().get("beam_width", 8)), beam_density=0.0001)
    scores = next(iter(ner.scored_ents(beams)))
    out: list[tuple[int, int, str, float]] = []
    for (s, e, label), score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1], str(kv[0][2]))):
        label = label if isinstance(label, str) else nlp.vocab.strings[label]
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        if not any(a < end and start < b for a, b, _, _ in out):
            out.append((start, end, label, float(score)))
    return out


@cache
def _heads(lang: str) -> tuple:
    """(head, class) pairs of the minting rules, longest first."""
    cfg = rules()["mint"]["zh" if lang == "zh" else "en"]
    pairs = cfg.get("name_suffixes", []) + cfg.get("title_suffixes", []) if lang == "zh" else \
        cfg.get("name_heads", []) + cfg.get("title_heads", [])
    return tuple(sorted(((h, c) for h, c in pairs), key=lambda p: (-len(p[0]), p[0])))


def head_class(name: str, lang: str) -> str | None:
    """The class the name's head word gives: a Chinese name's ending, the last head of an English name's words."""
    if lang == "zh":
        return next((c for h, c in _heads(lang) if name.endswith(h) and len(name) > len(h)), None)
    best = None
    for h, c in _heads(lang):
        for m in re.finditer(rf"(?<![\w\-]){re.escape(h)}(?![\w\-])", name):
            if name.strip() != h and (best is None or m.start() > best[0]):
                best = (m.start(), c)
    return best[1] if best else None


@cache
def _leading(lang: str, words: tuple) -> re.Pattern:
    alternation = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"^(?:{alternation})+" if lang == "zh" else rf"^(?:(?:{alternation})\s+)+")


def _trimmed(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """The span without leading determiners and particles ([learned_names] leading_zh / leading_en) and trailing
    punctuation."""
    piece = text[start:end]
    lead = _leading(lang, tuple(settings().get(f"leading_{lang}", ()))).match(piece)
    start += lead.end() if lead else 0
    piece = text[start:end]
    stripped = piece.rstrip(" ,;:.，、；：。")
    end -= len(piece) - len(stripped)
    return start, end


def _blocked(start: int, end: int, matches: list[Match], minted: list[Minted]) -> bool:
    if any(m.start < end and start < m.end for m in minted):
        return True
    return any(m.start < end and start < m.end and not (start <= m.start and m.end <= end and (m.start, m.end) != (start, end))
               for m in matches)


def _shaped(name: str, lang: str) -> bool:
    if lang == "zh":
        return len(name) >= 4 and not re.search(r"[\s,，。；;：:、]", name)
    words = name.split()
    return len(words) >= 2 and name[0].isupper() and len(capitalised(name)) >= 2 and not re.search(r"[;:,.]\s", name)


def propose(text: str, lang: str, matches: list[Match], minted: list[Minted]) -> list[Minted]:
    """The gated proposals of the model for one paragraph of normalised text, sorted by offsets."""
    cfg = settings()
    if not cfg.get("enabled", False):
        return []
    lang = "zh" if lang == "zh" else "en"
    families = set(cfg.get("families", ()))
    least = float(cfg.get("min_score", 1.0))
    out: list[Minted] = []
    for s, e, fam, score in scored_spans(text, lang):
        if score < least or fam not in families:
            continue
        s, e = _trimmed(text, s, e, lang)
        name = _clean(text[s:e]) if lang == "en" else text[s:e]
        cls = head_class(name, lang)
        if cls is None or family(cls) != fam or not _shaped(name, lang) or _blocked(s, e, matches, minted + out):
            continue
        out.append(Minted(s, e, name, cls, lang))
    return sorted(out, key=lambda m: (m.start, m.end))


def with_learned(text: str, lang: str, matches: list[Match], minted: list[Minted]) -> list[Minted]:
    """The rules' minted names of a paragraph and, after them, the model's gated proposals."""
    return minted + propose(text, lang, matches, minted)
