"""The process pool the DuckDB corpus stages share: forked once, early, with bounded read-ahead."""

from __future__ import annotations

import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor


def timed(fn, args: tuple) -> tuple:
    c = time.process_time()
    out = fn(*args)
    return out, time.process_time() - c


class Workers:
    """One process pool for a whole update: its processes fork at the first parallel stage, while this
    process is still small (a pool forked later would inherit, page by page, everything this process
    holds by then: at a million pages, gigabytes per worker). Counts the CPU its tasks use, since pool
    processes are only reaped at the end."""

    def __init__(self, n: int) -> None:
        self.n, self.cpu, self._pool = n, 0.0, None

    def run(self, tasks: Iterable[tuple], fn, n_tasks: int, ahead: int = 2) -> Iterable:
        """``fn(*task)`` for each task, in order: inline with one worker or one task, else in the pool
        with a bounded read-ahead of ``ahead`` tasks per worker (a task carries its pages, so only a
        few chunks are in memory)."""
        if self.n <= 1 or n_tasks <= 1:
            for t in tasks:
                yield fn(*t)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.n)
        pending: list = []
        for t in tasks:
            pending.append(self._pool.submit(timed, fn, t))
            while len(pending) > ahead * self.n:
                out, cpu = pending.pop(0).result()
                self.cpu += cpu
                yield out
        for f in pending:
            out, cpu = f.result()
            self.cpu += cpu
            yield out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
