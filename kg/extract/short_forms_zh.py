"""Chinese short forms of reference names completed by their paragraph: 全球行动计划 in a paragraph on 贩运人口 is the
联合国打击贩运人口的全球行动计划, 联合国自愿信托基金 beside 贩运人口 and 受害者 the 联合国贩运人口受害者自愿信托基金.

A short form is a reference label with one run of words left out: the label's tail after a word boundary (at
least tail_chars characters, no generic word alone), optionally opened by one of keep_openers that the label
opens with.  It names the reference entity when every content word of the words left out (the openers and
particles of drop_words aside) stands elsewhere in the paragraph, and no other reference entity so completed
shares the form.  Words: rules.toml [mint.zh_short_forms].
"""

from __future__ import annotations

import re
from functools import cache

from kg.core.resources import rules
from kg.core.vocabulary import family
from kg.extract.label_cuts import Cut, cut_forms, reference_labels
from kg.extract.link import Match, zh_words
from kg.extract.minted import Minted, _clean, known_variant
from kg.extract.nlp import trie_pattern

FAMILIES = ("Instrument", "Programme", "Treaty", "Body", "Organization")


def _settings() -> dict:
    return rules()["mint"].get("zh_short_forms", {})


def words_of(text: str) -> list[str]:
    """*text* cut into dictionary words by longest match from the left (one character where no word fits)."""
    two, longer = zh_words()
    out, i = [], 0
    while i < len(text):
        best = 1
        for w in longer.get(text[i:i + 2], ()) or ():
            if len(w) > best and text.startswith(w, i):
                best = len(w)
        if best == 1 and text[i:i + 2] in two:
            best = 2
        out.append(text[i:i + best])
        i += best
    return out


def _word_across(label: str, at: int) -> bool:
    """A dictionary word of *label* runs across position *at* (恐怖 across 反恐|怖主义)."""
    two, longer = zh_words()
    if label[at - 1:at + 1] in two:
        return True
    return any(label.startswith(w, j) and j < at < j + len(w)
               for j in range(max(0, at - 5), at) for w in longer.get(label[j:j + 2], ()) or ())


@cache
def short_forms() -> dict[str, tuple]:
    """Short form -> ((IRI, class, content words left out, the words left out), …) for the Chinese labels of the
    reference data."""
    cfg = _settings()
    if not cfg:
        return {}
    generic = set(cfg.get("generic_tails", ())) | {w for w, _ in rules()["mint"]["zh"]["title_suffixes"]} | \
        set(rules()["mint"]["zh"]["generic_heads"])
    drop = set(cfg.get("drop_words", ()))
    labels = ((tuple(words_of(label)), hit) for label, hit in
              reference_labels("zh", FAMILIES, lambda label: all("\u4e00" <= ch <= "\u9fff" for ch in label)))
    cut = Cut(least_chars=cfg.get("tail_chars", 5), first_word_chars=2, skip=frozenset(generic),
              openers=tuple(cfg.get("keep_openers", ())))
    index: dict[str, set] = {}
    for f in cut_forms("zh", labels, cut, boundary=lambda words, k: not _word_across("".join(words), len("".join(words[:k])))):
        content = tuple(w for w in words_of(f.left_out) if len(w) > 1 and w not in drop)
        if content:  # 主义办公室 of 反恐怖主义办公室 never: a tail opens where a word does
            index.setdefault(f.form, set()).add((*f.hit, content, f.left_out))
    return {form: tuple(sorted(found, key=str)) for form, found in index.items()}


def completed(text: str, start: int, end: int, fam: str | None = None, owner: str = "") -> tuple | None:
    """(IRI, class) of the one reference entity that the short form text[start:end] stands for: its left-out content
    words, distinctive enough (two of them or four characters outside rules.toml [mint.zh_short_forms] weak_words),
    all stand in the form's sentence or the sentences on either side of it, and a 的-phrase right before the form
    holds them too (关于艾滋病的全球行动计划 is another plan)."""
    found = short_forms().get(text[start:end])
    if not found:
        return None
    cfg = _settings()
    weak = set(cfg.get("weak_words", ()))
    window = _window(text, start, end)
    modifier = re.search(r"[^、，。；：,;:（）()《》“”\s]*的$", text[:start])
    hits = set()
    for iri, t, content, left in found:
        if owner:  # a name right before the form: it must be what the form leaves out (打击跨国有组织犯罪公约 + 打击非法制造……议定书)
            if owner not in left or re.sub("|".join(map(re.escape, cfg.get("drop_words", ()) + ["的", "之"])), "", left.replace(owner, "")):
                continue
            hits.add((iri, t))
            continue
        strong = [w for w in content if w not in weak]
        if fam is not None and family(t) != fam or not (len(strong) >= 2 or sum(map(len, strong)) >= 4):
            continue
        if all(w in window for w in content) and (modifier is None or all(w in modifier.group(0) for w in strong)):
            hits.add((iri, t))
    return next(iter(hits)) if len(hits) == 1 else None


def _window(text: str, start: int, end: int) -> str:
    """The sentence of text[start:end] and the sentences on either side of it, without the form itself."""
    stops = [m.end() for m in re.finditer(r"[。！？；!?;]", text)]
    before = [k for k in stops if k <= start]
    after = [k for k in stops if k >= end]
    lo = before[-2] if len(before) >= 2 else 0
    hi = after[1] if len(after) >= 2 else len(text)
    return text[lo:start] + "\u3000" + text[end:hi]


def _owned(text: str, s: int, matches: list[Match]) -> str:
    """The text of a name that ends right before the form (《阿拉伯反腐败公约》实施情况审议机制), else "": the form then
    completes only with that name as its left-out words."""
    return next((text[m.start:m.end] for m in matches if m.end == s or m.end == s - 1 and text[m.end] in "》”\"的"), "")


def _bounded(text: str, s: int) -> bool:
    """A bare short form opens where a word may: after a break or particle ([link] left_boundary_chars) or a word of
    the dictionary that is no noun (落实全球行动计划), never inside a longer name (乡村发展管理局, 反恐特别工作组)."""
    if s == 0 or text[s - 1] in rules()["link"]["left_boundary_chars"] or not "\u4e00" <= text[s - 1] <= "\u9fff":
        return True
    from kg.extract.link import NOUN, zh_dictionary

    pos = zh_dictionary()[2]
    return any(pos.get(text[s - k:s]) not in (None, NOUN) for k in (2, 3) if s >= k)


def short_forms_zh(text: str, matches: list[Match], found: list[Minted], titles=()) -> list[Minted]:
    """The minted names of *found* that are completed short forms get their reference entity; bare short forms in
    the text outside known and minted names are added with theirs."""
    forms = short_forms()
    defined = _defined(text, matches, found, titles)
    out = []
    for m in found:
        owner = defined.get(m.name)
        if isinstance(owner, Minted):  # a new name's short name: the same entity
            out.append(Minted(m.start, m.end, owner.name, owner.type, "zh", known=owner.known))
            continue
        hit = owner or (completed(text, m.start, m.end, family(m.type), _owned(text, m.start, matches)) if m.known is None and forms
                        else None)
        out.append(Minted(m.start, m.end, m.name, hit[1], "zh", known=hit) if hit else m)
    if not forms:
        return out
    taken = [(m.start, m.end) for m in matches] + [(m.start, m.end) for m in found]
    ends, lengths = _form_ends(forms)
    for hit in ends.finditer(text):
        e = hit.start() + 2
        for s in (e - n for n in lengths[text[e - 2:e]] if 5 <= n <= min(40, e)):  # from the longest: the others are no form
            owned = _owned(text, s, matches) if text[s:e] in forms else ""
            if owned and not completed(text, s, e, owner=owned):
                break  # 《阿拉伯反腐败公约》实施情况审议机制: nor any shorter form inside it (情况审议机制)
            if text[s:e] in forms and not any(a < e and s < b for a, b in taken) and _bounded(text, s):
                hit = completed(text, s, e, owner=owned)
                if hit:
                    out.append(Minted(s, e, _clean(text[s:e]), hit[1], "zh", known=hit))
                    taken.append((s, e))
                    break
    return out


_ENDS: list = []  # (forms, pattern, lengths) of the last short_forms() table


def _form_ends(forms: dict) -> tuple[re.Pattern, dict]:
    """A pattern finding every position where a form's last two characters stand (overlapping: a lookahead), and
    the lengths of the forms by those two characters, longest first, made once per table of forms."""
    if not _ENDS or _ENDS[0] is not forms:
        found: dict = {}
        for form in (f for f in forms if len(f) >= 2):
            found.setdefault(form[-2:], set()).add(len(form))
        lengths = {end: tuple(sorted(ns, reverse=True)) for end, ns in found.items()}
        pattern = re.compile("(?=" + trie_pattern(sorted(lengths)) + ")" if lengths else "(?!)")  # one match at most
        _ENDS[:] = [forms, pattern, lengths]
    return _ENDS[1], _ENDS[2]


def _defined(text: str, matches: list[Match], found: list[Minted], titles) -> dict:
    """Short names a paragraph defines for a name right before them (麻醉品单一公约（以下简称《单一公约》）, ……（以下简称
    “一带一路”）: rules.toml [mint.zh_short_forms] defining_words): short name -> (IRI, class) of the reference entity,
    or the new name (a Minted) it shortens."""
    words = "|".join(map(re.escape, _settings().get("defining_words", ()))) or "(?!)"
    spans = list(titles) + [(q.start(1), q.end(1)) for q in re.finditer(r"[“\"]([^“”\"（）()]{2,20})[”\"]", text)]
    out = {}
    for s, e in spans:
        opened = re.search(rf"[（(]\s*(?:{words})\s*[“\"]?$", text[max(0, s - 8):s])
        if opened is None or not re.match(r"[”\"]?\s*[）)]", text[e:]):
            continue
        paren = max(0, s - 8) + opened.start()
        short = _clean(text[s:e])

        def before(m) -> bool:
            return m.end == paren or m.end + 1 == paren and text[m.end] in "”\""

        owner = next((m for m in matches if before(m)), None)
        if owner is not None and family(owner.type) in FAMILIES:
            out[short] = (owner.iri, owner.type)
            continue
        new = next((m for m in found if before(m) and short != m.name), None)
        if new is not None:
            known = new.known or known_variant(new)
            out[short] = known if known else new
    return out


def abbreviations_of(name: str) -> set[str]:
    """Short names that the regular Chinese abbreviation patterns make of *name* (廉政公署 -> 廉署, 全国妇女联合会 ->
    全国妇联, 国家国际发展合作署 -> 国合署): the name's first character or word, then the first characters or whole
    words of later dictionary words in order, ending with the first or last character of its last word (the head keeps
    the class: 全球……网络 is never 全球网络); at most [mint.zh_short_forms] abbreviation_chars long, never a run of the name itself (廉政 or 公署: a
    truncation, no abbreviation) nor a dictionary word (联署), nor a dictionary word and one character more (国家会,
    联合国会, 国家局: prose reads them as a word and a function or generic character, 国家会继续 "the State will")."""
    cfg = _settings()
    most = cfg.get("abbreviation_chars", 0)
    if not most or not all("\u4e00" <= ch <= "\u9fff" for ch in name) or len(name) < 4 or len(name) > cfg.get("abbreviated_chars", 16):
        return set()
    words = words_of(name)
    if len(words) < 2:
        return set()
    two, longer = zh_words()
    heads = {words[-1][0], words[-1][-1]}
    out = set()
    for picked in _pieces(words[1:-1], most - 2):
        for first in {words[0][0], words[0]}:
            for head in heads:
                form = first + "".join(picked) + head
                if len(form) <= most and form not in name and not _word(form, two, longer) and not _word(form[:-1], two, longer):
                    out.add(form)
    return out


def _word(text: str, two, longer) -> bool:
    """*text* is a dictionary word of two characters or more."""
    return len(text) >= 2 and (text in two or text in longer.get(text[:2], ()))


def _pieces(words: list[str], room: int):
    """Every choice, in order, of nothing, the first character or the whole of each of *words*, at most *room*
    characters in all."""
    if not words:
        yield ()
        return
    for rest in _pieces(words[1:], room):
        yield rest
    for piece in {words[0][0], words[0]}:
        if len(piece) <= room:
            for rest in _pieces(words[1:], room - len(piece)):
                yield (piece, *rest)


def implied_abbreviations(names: dict[str, object], texts: list[str]) -> dict[str, object]:
    """Abbreviations of the document's Chinese *names* (name -> its owner) that the document writes without defining
    them (廉政公署 …… 廉署): short name -> owner, for a short name that only one name of the document makes and that
    stands in one of *texts*."""
    seen: dict[str, set] = {}
    for name, owner in names.items():
        for form in abbreviations_of(name):
            seen.setdefault(form, set()).add(owner)
    if not seen:
        return {}
    most = _settings().get("abbreviation_chars", 0)
    written = {t[k:k + n] for t in texts for n in range(2, most + 1) for k in range(len(t) - n + 1)}
    return {form: next(iter(owners)) for form, owners in sorted(seen.items()) if len(owners) == 1 and form in written
            and form not in names and any(_standing(t, form) for t in texts)}


def _standing(text: str, form: str) -> bool:
    """*form* stands in *text* as a word of its own somewhere: it opens where a word may (_bounded) and no dictionary
    word runs across its ends."""
    from kg.extract.link import inside_word

    return any(_bounded(text, k) and not inside_word(text, k, k + len(form)) and not _word_across(text, k) and
               not _word_across(text, k + len(form))
               for k in (m.start() for m in re.finditer(re.escape(form), text)))
