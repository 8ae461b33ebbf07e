"""Query workers: forked copies of the server holding the loaded store, each query under a deadline and a
memory cap; a pool (QueryWorkers) and a one-shot form (run_with_deadline)."""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading

from kg.access.serve.answer import answer_query
from kg.access.serve.limits import (DEFAULT_MAX_MEMORY, DEFAULT_MAX_RESULT, SLOT_WAIT, MiB, _limit_memory, _memory_exceeded,
                                    _vm_size)

log = logging.getLogger(__name__)


def _settle_worker(max_memory: int, stderr: int | None) -> int:
    """Prepare a forked query worker: quiet crash reports, last words to *stderr*, the memory cap; return the cap."""
    import faulthandler

    faulthandler.disable()  # an abort at the memory cap is answered 503, not dumped on the server's stderr
    if stderr is not None:  # the runtime's last words (allocation failed, stack overflow) go to the server
        os.dup2(stderr, 2)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's; it stops the workers
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # a query past its own deadline ends the process, even inside Rust
    return _limit_memory(max_memory)


def _run_in_child(store, text: str, accept: str | None, conn, max_memory: int = DEFAULT_MAX_MEMORY * MiB,
                  max_result: int = DEFAULT_MAX_RESULT * MiB, stderr: int | None = None, dataset: tuple | None = None) -> None:
    """Run one query and send (status, content type, body) back; runs in a one-shot forked worker."""
    try:
        _settle_worker(max_memory, stderr)
        conn.send(answer_query(store, text, accept, max_memory, max_result, dataset))
    finally:
        conn.close()


def _serve_queries(store, conn, max_memory: int, max_result: int, stderr: int, timeout: float, server: int) -> None:
    """A pooled query worker: answer (text, accept) jobs until the server process goes (checked every second:
    the pipe alone does not tell, since workers forked later hold copies of its end); leave when grown past
    half the cap."""
    cap = _settle_worker(max_memory, stderr)
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != server:
                    return
            text, accept, dataset = conn.recv()
        except (EOFError, OSError):
            return
        signal.setitimer(signal.ITIMER_REAL, timeout + 2.0)  # the server kills it at the deadline; this if the server is gone
        answer = answer_query(store, text, accept, max_memory, max_result, dataset)
        signal.setitimer(signal.ITIMER_REAL, 0)
        fit = not cap or _vm_size() < cap - max_memory // 2  # memory the allocator kept shrinks the next query's room
        try:
            conn.send((*answer, fit))
        except OSError:
            return
        if not fit:
            return


class _Worker:
    """One pooled query process, its job pipe and the read end of its stderr."""

    def __init__(self, process, conn, stderr: int):
        self.process, self.conn, self.stderr = process, conn, stderr

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(2)
        self.conn.close()
        os.close(self.stderr)


class QueryWorkers:
    """A pool of forked query processes (copies of the server with the loaded store), one per concurrent query.

    Each has the memory cap for its whole life; a worker that passes the time limit is killed and one that dies,
    or keeps memory past half its cap, is replaced by a fresh fork.  Forking once per worker instead of once per
    query saves 5-10 ms a query."""

    def __init__(self, store, size: int, timeout: float, max_memory: int, max_result: int):
        self.store, self.size, self.timeout = store, size, timeout
        self.max_memory, self.max_result = max_memory, max_result
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self._closed = False
        self._all: set = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe(duplex=True)
        last_words, their_stderr = os.pipe()
        os.set_blocking(last_words, False)
        process = context.Process(target=_serve_queries, daemon=True, name="kg-serve-query",
                                  args=(self.store, theirs, self.max_memory, self.max_result, their_stderr, self.timeout,
                                        os.getpid()))
        try:
            process.start()
        finally:
            os.close(their_stderr)
            theirs.close()
        worker = _Worker(process, ours, last_words)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
            closed = self._closed
        if not closed:
            try:
                self._idle.put(self._spawn())
            except OSError as exc:  # cannot fork now: one slot fewer until the next retirement succeeds
                log.error("kg serve: cannot start a query worker (%s)", exc.strerror or exc)

    def run(self, text: str, accept: str | None, wait: float = SLOT_WAIT,
            dataset: tuple | None = None) -> tuple[int, str, bytes] | None:
        """Answer one query (over the protocol *dataset*, see dataset_options) in a free worker, or None when none
        is free within *wait* seconds."""
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            return None
        keep = False
        try:
            worker.conn.send((text, accept, dataset))
            if worker.conn.poll(self.timeout):
                try:
                    status, media, body, keep = worker.conn.recv()
                    return status, media, body
                except EOFError:
                    worker.process.join(5)
                    return _worker_died(worker.process.exitcode, _read_some(worker.stderr), self.max_memory)
            return 503, "text/plain", f"query exceeded the time limit of {self.timeout:g} s and was stopped\n".encode()
        except OSError:  # the worker was gone before it took the job
            return 500, "text/plain", b"query worker died; retry\n"
        finally:
            _read_some(worker.stderr, wait=0.0)  # drain what it printed so its pipe never fills
            if keep:
                self._idle.put(worker)
            else:
                self._retire(worker)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


def run_with_deadline(store, text: str, accept: str | None, timeout: float, max_memory: int = DEFAULT_MAX_MEMORY * MiB,
                      max_result: int = DEFAULT_MAX_RESULT * MiB, dataset: tuple | None = None) -> tuple[int, str, bytes]:
    """Run one query in a forked worker with a memory cap; kill it and answer 503 when it passes the deadline."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    last_words, their_stderr = os.pipe()
    worker = context.Process(target=_run_in_child, args=(store, text, accept, sender, max_memory, max_result, their_stderr, dataset),
                             daemon=True)
    try:
        worker.start()
    finally:
        os.close(their_stderr)
    sender.close()
    try:
        if receiver.poll(timeout):
            try:
                return receiver.recv()
            except EOFError:
                worker.join(5)
                return _worker_died(worker.exitcode, _read_some(last_words), max_memory)
        return 503, "text/plain", f"query exceeded the time limit of {timeout:g} s and was stopped\n".encode()
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join(1)
        os.close(last_words)


def _read_some(fd: int, limit: int = 4096, wait: float = 0.2) -> bytes:
    """Up to *limit* bytes a worker wrote to its stderr (waiting at most *wait* seconds for each piece)."""
    import select

    data = b""
    try:
        while len(data) < limit and select.select([fd], [], [], wait)[0]:
            chunk = os.read(fd, limit - len(data))
            if not chunk:
                break
            data += chunk
    except (OSError, ValueError):
        pass
    return data


def _worker_died(exitcode: int | None, said: bytes, max_memory: int) -> tuple[int, str, bytes]:
    """The answer for a worker that died without answering, from its exit status and last words."""
    if b"overflowed its stack" in said or (exitcode == -signal.SIGSEGV and b"memory allocation" not in said):
        return 400, "text/plain", b"query is nested too deeply to be evaluated\n"
    if b"memory allocation" in said or exitcode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGBUS):
        return _memory_exceeded(max_memory)  # the allocator aborts a process at its address-space cap
    return 500, "text/plain", f"query worker died (exit status {exitcode})\n".encode()
