"""Write-behind: the graph is written on a thread of its own while the caller goes on reading
and extracting, so that `kg ingest` runs at the speed of extraction.

    with WriteBehind(write) as behind:        # write(batch) -> result, run on the thread
        for batch in batches:
            behind.put(batch)                 # waits while `depth` batches are queued
            for result in behind.done():      # results of the batches written so far
                ...
    for result in behind.done(): ...          # after the block: every batch is written

Batches are written one at a time, in the order given (resolution of a batch reads what the
batch before it wrote). The writer's results are handed back to the caller's thread, so
reports and messages are only ever touched there. An exception on the writer's thread is
raised again in the caller's thread at its next `put`, `done` or at the block's end, and no
batch after it is written; an exception in the caller's block lets the batch being written
finish (each is one transaction: whole or not at all) and drops the ones still queued.
While the writer waits on the engine it holds no lock, so extraction runs meanwhile.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Generic, TypeVar

Batch = TypeVar("Batch")
Result = TypeVar("Result")

# Batches waiting for the writer: one ready while one is written keeps the writer busy, and
# the memory held is at most two batches' rows (BATCH_ASSERTIONS each, kg/pipeline.py).
DEPTH = 1

_STOP = object()


class WriteBehind(Generic[Batch, Result]):
    def __init__(self, write: Callable[[Batch], Result], depth: int = DEPTH) -> None:
        self._write = write
        self._todo: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._results: queue.Queue[Result] = queue.Queue()
        self._error: BaseException | None = None  # raised once in the caller's thread
        self._failed = threading.Event()
        self._abandon = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kg-writer", daemon=True)

    def __enter__(self) -> WriteBehind[Batch, Result]:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is not None:  # the caller failed: finish the batch being written, drop the rest
            self._abandon.set()
        self._todo.put(_STOP)
        self._thread.join()
        if kind is None:
            self._raise()

    def put(self, batch: Batch) -> None:
        """Queue a batch (waits while the queue is full); raises what the writer raised."""
        while True:
            self._raise()
            try:
                self._todo.put(batch, timeout=0.1)
                return
            except queue.Full:
                continue

    def done(self) -> Iterator[Result]:
        """The results of the batches written since the last call, in order."""
        while True:
            try:
                yield self._results.get_nowait()
            except queue.Empty:
                break
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        while True:
            batch = self._todo.get()
            if batch is _STOP:
                return
            if self._failed.is_set() or self._abandon.is_set():
                continue  # nothing after a failure is written
            try:
                self._results.put(self._write(batch))  # type: ignore[arg-type]
            except BaseException as exc:  # handed to the caller's thread
                self._error = exc
                self._failed.set()
