"""The limits of the endpoint: defaults, the result-size cap and the memory cap of a query worker."""

from __future__ import annotations

import resource

from kg.core.endpoint import DEFAULT_HOST, DEFAULT_PORT  # noqa: F401 (re-exported: kg serve's defaults)

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_MEMORY = 1024  # MiB a query worker may add to the server's size
DEFAULT_MAX_CONCURRENT = 8
DEFAULT_MAX_RESULT = 256  # MiB of serialised results
DEFAULT_CACHE = 64  # MiB of answers kept for repeated queries (the store is read-only, so they stay right)
MAX_QUERY_BYTES = 1_000_000
READ_TIMEOUT = 20.0  # seconds a client may take to send a request (and idle on a kept-alive connection)
SLOT_WAIT = 1.0  # seconds a query waits for a free slot before 503
MiB = 1 << 20


class _Limited:
    """A write target that stops the serialiser once the result passes *limit* bytes."""

    def __init__(self, limit: int):
        self.limit, self.chunks, self.size = limit, [], 0

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _ResultTooLarge()
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


class _ResultTooLarge(Exception):
    pass


def _limit_memory(max_memory: int) -> int:
    """Let this (forked) worker grow by at most *max_memory* bytes beyond the server's current size; return the cap."""
    size = _vm_size()
    if not size:
        return 0
    limit = size + max_memory
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return limit


def _vm_size() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _memory_exceeded(max_memory: int) -> tuple[int, str, bytes]:
    return 503, "text/plain", f"query exceeded the memory limit of {max_memory / MiB:g} MiB and was stopped\n".encode()
