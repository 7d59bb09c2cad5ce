"""Parsing an import's rows in a worker process while the importing process writes (part of
``import_job``; DESIGN.md §7: ≥ 10,000 rows/s with validation and matching).

Checking a row (names, ID documents with their check digits, phone numbers through
``phonenumbers``, dates) costs about as much as writing it, and both are Python work that one
process does on one core. For a large file, a worker process started with ``spawn`` (a GUI process
must not ``fork``) reads the file itself and parses its batches a few ahead of the writer; results
come back in file order, so commits, resume and the error report are what they are in-process.
The importing process parses the first batch itself while the worker starts, and reads nothing
more. A small file is parsed in-process: starting a worker costs a few tenths of a second. If the
worker cannot be started or dies, the remaining batches are read and parsed in-process: the import
does not fail for it.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

log = logging.getLogger(__name__)

WORKER_FROM_ROWS = 20_000  # files expected to have fewer rows are parsed in-process
AHEAD = 3  # batches asked of the worker ahead of the writer

Parsed = list[tuple[int, Any, list, list]]  # per row: (row, parsed or None, refused, noted)
Batch = list[tuple[int, "list[str] | None"]]  # (row number, cells)


class RowParser(Protocol):
    def parse(self, row: int, cells: list[str] | None) -> tuple[Any, list, list]: ...


class BatchSource(Protocol):
    """Picklable: the worker reads its batches itself (``import_source.DataRows``)."""

    def batches(self, start: int = 0) -> Generator[Batch, None, None]: ...


def parse_batch(parser: RowParser, batch: Batch) -> Parsed:
    """The batch's rows parsed. The collector is already held back: in the importing process for
    the whole run (``import_job``), in the worker from its start (``_install``)."""
    return [(row, *parser.parse(row, cells)) for row, cells in batch]


def parsed_batches(parser: RowParser, source: BatchSource, expected_rows: int) -> Iterator[tuple[int, Parsed]]:
    """``(rows in the batch, parsed rows)`` for each batch of ``source``, in order. The caller
    closes the iterator when it stops early (cancel, error): the worker is then stopped."""
    if expected_rows < WORKER_FROM_ROWS or os.environ.get("HOTELCRM_IMPORT_WORKER") == "0":
        yield from _in_process(parser, source, 0)
        return
    pool = _start(parser, source)
    asked: deque[Future | None] = deque()  # the worker's next batches, in order
    finished = False
    try:
        head = source.batches(0)
        try:
            first = next(head, None)
        finally:
            head.close()
        if first is None:
            return
        for _ in range(AHEAD):
            asked.append(_ask(pool))
        yield len(first), parse_batch(parser, first)  # while the worker starts
        index = 1
        while asked:
            answer = _answer(asked.popleft())
            if answer is _FAILED:  # the worker died or could not start: the rest in-process
                yield from _in_process(parser, source, index)
                break
            if answer is None:  # the file is done
                break
            asked.append(_ask(pool))
            index += 1
            yield answer
        finished = True
    finally:
        if pool is not None:  # at the end the worker is idle: wait for it to exit; when stopped early, don't
            pool.shutdown(wait=finished, cancel_futures=True)


_FAILED = object()


def _in_process(parser: RowParser, source: BatchSource, start: int) -> Iterator[tuple[int, Parsed]]:
    batches = source.batches(start)
    try:
        for batch in batches:
            yield len(batch), parse_batch(parser, batch)
    finally:
        batches.close()


def _start(parser: RowParser, source: BatchSource) -> ProcessPoolExecutor | None:
    try:
        return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_install, initargs=(parser, source))
    except (OSError, ValueError, NotImplementedError) as e:  # no process support here: parse in-process
        log.warning("import: parsing in-process (%s)", e)
        return None


def _ask(pool: ProcessPoolExecutor | None) -> Future | None:
    if pool is None:
        return None
    try:
        return pool.submit(_next_in_worker)
    except (BrokenProcessPool, RuntimeError, OSError) as e:
        log.warning("import: parsing in-process (%s)", e)
        return None


def _answer(future: Future | None) -> Any:
    """The worker's next ``(size, parsed)``, None at the end of the file, or ``_FAILED``."""
    if future is None:
        return _FAILED
    try:
        return future.result()
    except (BrokenProcessPool, OSError) as e:
        log.warning("import: parsing in-process (%s)", e)
        return _FAILED


_parser: RowParser | None = None
_batches: Generator[Batch, None, None] | None = None


def _install(parser: RowParser, source: BatchSource) -> None:
    """The worker's start: it keeps the parser and its own reader of the file from the second
    batch on, and runs without the cyclic garbage collector (``gc_pause``): it lives for one
    import, and what it builds is freed by reference counting."""
    global _parser, _batches
    _parser, _batches = parser, source.batches(1)
    gc.disable()


def _next_in_worker() -> tuple[int, Parsed] | None:
    """The next batch of the file, parsed (the worker runs its tasks one at a time, in order)."""
    assert _parser is not None and _batches is not None
    batch = next(_batches, None)
    return None if batch is None else (len(batch), parse_batch(_parser, batch))
