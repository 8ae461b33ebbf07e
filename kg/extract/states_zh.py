"""States named together by their one-character short forms and counted (中老缅泰四国, 泰缅寮3国, 中寮越柬缅泰6国).

The short forms are the ones that name a State as a party (rules.toml [link] sides_zh, 中方 → 中) and a few more
(state_short_forms_zh).  A run of them is read as States only when the count right after it (a numeral and 国)
equals the number of characters of the run, so 中美 in 中美洲 or 美日 in a word is never read.
"""

from __future__ import annotations

import re

from kg.core.resources import rules
NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def state_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, reference id) of each State in a counted run of short forms."""
    cfg = rules()["link"]
    short = {word[:-1]: ref for word, ref in cfg.get("sides_zh", ()) if len(word) == 2} | dict(cfg.get("state_short_forms_zh", ()))
    found = []
    for hit in re.finditer(r"(?P<count>\d|[两二三四五六七八九])个?国", text):
        count = int(hit.group("count")) if hit.group("count").isdigit() else NUMERALS[hit.group("count")]
        start = hit.start()
        run = start
        while run > 0 and text[run - 1] in short and start - run < 8:
            run -= 1
        if count < 2 or start - run != count:
            continue
        found += [(k, k + 1, short[text[k]]) for k in range(run, start)]
    return found
