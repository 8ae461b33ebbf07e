"""States named together by their short forms (中老缅泰四国, 泰缅寮3国, 美、俄、老、缅等国家, 中老缅泰湄公河联合巡逻, 中越边境).

The short forms are the ones that name a State as a party (rules.toml [link] sides_zh, 中方 → 中) and a few more
(state_short_forms_zh: 寮, 印尼).  Three forms are read, none inside a dictionary word around it:

* a run of short forms and a count of States equal to the run's length (中老缅泰四国, 泰缅寮3国);
* short forms listed with 、 and closed by 等国/等国家 or a count (美、俄、老、缅、泰、越、柬等国家); a listed
  character with no short form (巴, 阿: two States each) is left out;
* a run of three or more short forms (中老缅泰湄公河……), or a pair opened by China's 中 that is no dictionary word and
  that a word of bilateral work follows (state_pair_followers: 中越边境, 中柬、中越联合扫毒行动).
"""

from __future__ import annotations

import re

from kg.core.resources import rules



def _numerals() -> dict[str, int]:
    """Chinese numerals of a count of States (rules.toml [link] state_count_numerals: 四国, 两国)."""
    return dict(rules()["link"].get("state_count_numerals", ()))


def _count() -> str:
    """A count of States: a digit or numeral, 个, 国 (3国, 四国, 两个国)."""
    return rf"(?:\d|[{''.join(_numerals())}])个?国"


def _short_forms() -> dict[str, str]:
    cfg = rules()["link"]
    return {word[:-1]: ref for word, ref in cfg.get("sides_zh", ()) if len(word) == 2} | dict(cfg.get("state_short_forms_zh", ()))


def _tokens(text: str, start: int, end: int, short: dict[str, str]) -> list[tuple[int, int]] | None:
    """text[start:end] cut into short forms, longest first (中印尼: 中, 印尼), or None."""
    out, at = [], start
    while at < end:
        size = next((n for n in (2, 1) if text[at:at + n] in short and at + n <= end), None)
        if size is None:
            return None
        out.append((at, at + size))
        at += size
    return out


def state_runs(text: str, words: set | dict = frozenset()) -> list[tuple[int, int, str]]:
    """(start, end, reference id) of each State named by a short form; *words* are two-character dictionary words
    (a run that opens or closes one is inside a word: 其中美国, 中英文)."""
    short = _short_forms()
    found: list[tuple[int, int, str]] = []
    for hit in re.finditer(_count(), text):
        count = int(hit.group(0)[0]) if hit.group(0)[0].isdigit() else _numerals()[hit.group(0)[0]]
        run = hit.start()
        while run > 0 and text[run - 1] in short and hit.start() - run < 8:
            run -= 1
        if count >= 2 and hit.start() - run == count:
            found += [(k, k + 1, short[text[k]]) for k in range(run, hit.start())]
    found += _listed(text, short)
    found += _uncounted(text, short, words, {s for s, _, _ in found})
    return sorted(set(found))


def _listed(text: str, short: dict[str, str]) -> list[tuple[int, int, str]]:
    """美、俄、老、缅、泰、越、柬等国家: one- or two-character items joined by 、 and closed by 等国(家) or a count."""
    found = []
    item = "|".join(sorted((re.escape(k) for k in short if len(k) > 1), key=len, reverse=True) + ["[\u4e00-\u9fff]"])
    for hit in re.finditer(rf"(?:(?:{item})、)+(?:{item})(?=等?(?:国家|国|{_count()}))", text):
        items = [(hit.start() + m.start(), hit.start() + m.end()) for m in re.finditer(r"[^、]+", hit.group(0))]
        known = [(s, e) for s, e in items if text[s:e] in short]
        if len(known) * 2 >= len(items):
            found += [(s, e, short[text[s:e]]) for s, e in known]
    return found


def _uncounted(text: str, short: dict[str, str], words, taken: set[int]) -> list[tuple[int, int, str]]:
    """中老缅泰湄公河……, 中越边境: a run of short forms outside any dictionary word around it."""
    cfg = rules()["link"]
    followers = tuple(cfg.get("state_pair_followers", ()))
    found = []
    for hit in re.finditer("[" + "".join(sorted(set("".join(short)))) + "]{2,8}", text):
        s, e = hit.span()
        s += 1 if s > 0 and text[s - 1].isdigit() else 0  # 31日中老缅泰: the day of a date
        tokens = _tokens(text, s, e, short) or _tokens(text, s, e - 1, short)
        if not tokens or s in taken:
            continue
        e = tokens[-1][1]
        if text[s - 1:s + 1] in words or text[e - 1:e + 1] in words:
            continue  # 其中美国, 中英文: the run opens or closes a word
        pair = len(tokens) == 2 and text[s] == "中" and text[s:e] not in words and (
            text.startswith(followers, e) or text.endswith("、", 0, s) or text.startswith("、中", e))
        if len(tokens) >= 3 or pair:
            found += [(a, b, short[text[a:b]]) for a, b in tokens]
    return found
