"""Answers kept for repeated queries."""

from __future__ import annotations

import threading
from collections import OrderedDict


class AnswerCache:
    """Answers (status 200) of recent queries by (text, Accept, dataset), at most *limit* bytes, least recently used
    first out.  The store never changes while the server runs, so a kept answer is the answer.  When several
    requests ask the same query at once, one runs it and the others wait for its answer."""

    def __init__(self, limit: int):
        self.limit, self.size = limit, 0
        self._answers: OrderedDict = OrderedDict()
        self._running: dict = {}
        self._lock = threading.Lock()

    def answer(self, key: tuple, compute) -> tuple[int, str, bytes] | None:
        """The kept answer for *key*, or compute() (None: no answer, e.g. no free worker) and keep it if it is a 200.

        Requests that ask while the same query runs get its answer, whatever it is (a query stopped at the time
        limit is not run again for each of them)."""
        if self.limit <= 0:
            return compute()
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None:
                self._answers.move_to_end(key)
                return kept
            running = self._running.get(key)
            if running is None:
                self._running[key] = running = [threading.Event(), None]
                mine = True
            else:
                mine = False
        if not mine:
            running[0].wait()
            return running[1]
        try:
            running[1] = answer = compute()
            if answer is not None and answer[0] == 200:
                self._keep(key, answer)
            return answer
        finally:
            with self._lock:
                del self._running[key]
            running[0].set()

    def _keep(self, key: tuple, answer: tuple) -> None:
        cost = len(answer[2]) + len(key[0]) + 200
        if cost > self.limit // 4:  # one huge result would push out every other answer
            return
        with self._lock:
            self._answers[key] = answer
            self.size += cost
            while self.size > self.limit:
                old_key, old = self._answers.popitem(last=False)
                self.size -= len(old[2]) + len(old_key[0]) + 200
