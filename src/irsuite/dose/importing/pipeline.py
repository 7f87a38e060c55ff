"""Work on many dose reports in worker processes: results in order, never far ahead.

One pipeline serves `irsuite import-rdsr --workers N` (workers read and store files) and the
demo (workers write and read reports that the demo process stores). Workers are forked, so they
start with the parent's code and settings, test databases included. The parent closes its
database connections first, so that each worker opens its own instead of sharing a socket or
file handle with the parent; inside a transaction the parent keeps its connection, and work that
runs there must leave the database alone.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, TypeVar

from django.db import connections

Task = TypeVar("Task")
Result = TypeVar("Result")

# Tasks in flight per worker: enough to keep every worker busy while the parent takes results,
# few enough that memory stays flat however many tasks there are.
AHEAD = 3


def chunks(items: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """`items` in lists of `size` (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _close_connections_unless_in_transaction() -> None:
    opened = connections.all(initialized_only=True)
    if not any(connection.in_atomic_block for connection in opened):
        connections.close_all()


def in_order(
    work: Callable[[Task], Result],
    tasks: Iterable[Task],
    workers: int,
    *,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[Result]:
    """`work(task)` for every task, in the tasks' order, run by `workers` forked processes.

    With one worker everything runs in this process (and `initializer` is not called). At most
    `AHEAD` tasks per worker are submitted before their results are taken, so a slow consumer
    holds back the workers instead of piling results up in memory.
    """
    if workers < 2:
        yield from map(work, tasks)
        return
    _close_connections_unless_in_transaction()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, context, initializer, initargs) as pool:
        pending: deque[Future[Result]] = deque()
        iterator = iter(tasks)
        for task in islice(iterator, AHEAD * workers):
            pending.append(pool.submit(work, task))
        while pending:
            result = pending.popleft().result()
            for task in islice(iterator, 1):
                pending.append(pool.submit(work, task))
            yield result
