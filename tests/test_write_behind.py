"""kg/core/write_behind.py: batches written on a thread of their own, in order, errors handed back."""

from __future__ import annotations

import threading

import pytest

from kg.core.write_behind import WriteBehind


def test_batches_are_written_in_order_on_another_thread() -> None:
    threads: set[str] = set()

    def write(batch: int) -> int:
        threads.add(threading.current_thread().name)
        return batch * 10

    results: list[int] = []
    with WriteBehind(write) as behind:
        for batch in range(20):
            behind.put(batch)
            results.extend(behind.done())
    results.extend(behind.done())
    assert results == [b * 10 for b in range(20)]
    assert threads == {"kg-writer"}


def test_the_caller_goes_on_while_a_batch_is_written() -> None:
    release = threading.Event()
    started = threading.Event()

    def write(batch: int) -> int:
        started.set()
        assert release.wait(10)
        return batch

    with WriteBehind(write) as behind:
        behind.put(1)
        assert started.wait(10)
        behind.put(2)  # queued while 1 is written: returns at once
        assert list(behind.done()) == []  # nothing written yet
        release.set()
    assert list(behind.done()) == [1, 2]


def test_an_error_of_the_writer_is_raised_in_the_caller_and_nothing_after_it_is_written() -> None:
    written: list[int] = []

    def write(batch: int) -> int:
        if batch == 3:
            raise RuntimeError("engine gone")
        written.append(batch)
        return batch

    with pytest.raises(RuntimeError, match="engine gone"):
        with WriteBehind(write) as behind:
            for batch in range(10):
                behind.put(batch)
    assert written == [0, 1, 2]


def test_an_error_of_the_writer_after_the_last_batch_is_raised_at_the_end() -> None:
    def write(batch: int) -> int:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        with WriteBehind(write) as behind:
            behind.put(1)


def test_when_the_caller_fails_the_batch_being_written_finishes_and_the_queued_ones_are_dropped() -> None:
    release = threading.Event()
    started = threading.Event()
    written: list[int] = []

    def write(batch: int) -> int:
        started.set()
        assert release.wait(10)
        written.append(batch)
        return batch

    with pytest.raises(KeyError):
        with WriteBehind(write) as behind:
            behind.put(1)
            assert started.wait(10)
            behind.put(2)
            threading.Timer(0.2, release.set).start()
            raise KeyError("extraction failed")
    assert written == [1]
