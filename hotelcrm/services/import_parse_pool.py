"""Parsing an import's rows in a worker process while the importing process writes (part of
``import_job``; DESIGN.md §7: ≥ 10,000 rows/s with validation and matching).

Checking a row (names, ID documents with their check digits, phone numbers through
``phonenumbers``, dates) costs about as much as writing it, and both are Python work that one
process does on one core. For a large file, batches are parsed in a worker process started with
``spawn`` (a GUI process must not ``fork``), a few batches ahead of the writer; results come back
in file order, so commits, resume and the error report are what they are in-process. A small
file is parsed in-process: starting a worker costs a few tenths of a second. If the worker cannot
be started or dies, the remaining batches are parsed in-process: the import does not fail for it.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, Protocol

from .gc_pause import paused_gc

log = logging.getLogger(__name__)

WORKER_FROM_ROWS = 20_000  # files expected to have fewer rows are parsed in-process
AHEAD = 3  # batches handed to the worker ahead of the writer

Parsed = list[tuple[int, Any, list, list]]  # per row: (row, parsed or None, refused, noted)


class RowParser(Protocol):
    def parse(self, row: int, cells: list[str] | None) -> tuple[Any, list, list]: ...


def parse_batch(parser: RowParser, batch: list[tuple[int, list[str] | None]]) -> Parsed:
    with paused_gc():
        return [(row, *parser.parse(row, cells)) for row, cells in batch]


def parsed_batches(parser: RowParser, batches: Iterator[list], expected_rows: int) -> Iterator[tuple[int, Parsed]]:
    """``(rows in the batch, parsed rows)`` for each batch, in order. The caller closes the
    iterator when it stops early (cancel, error): the worker is then stopped."""
    if expected_rows < WORKER_FROM_ROWS or os.environ.get("HOTELCRM_IMPORT_WORKER") == "0":
        for batch in batches:
            yield len(batch), parse_batch(parser, batch)
        return
    pool = _start(parser)
    pending: deque[tuple[list, Future | None]] = deque()
    finished = False
    try:
        first = next(batches, None)
        if first is None:
            return
        for batch in islice(batches, AHEAD):
            pending.append((batch, _submit(pool, batch)))
        yield len(first), parse_batch(parser, first)  # while the worker starts
        for batch in batches:
            pending.append((batch, _submit(pool, batch)))
            yield _result(parser, *pending.popleft())
        while pending:
            yield _result(parser, *pending.popleft())
        finished = True
    finally:
        if pool is not None:  # at the end the worker is idle: wait for it to exit; when stopped early, don't
            pool.shutdown(wait=finished, cancel_futures=True)


def _start(parser: RowParser) -> ProcessPoolExecutor | None:
    try:
        return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_install, initargs=(parser,))
    except (OSError, ValueError, NotImplementedError) as e:  # no process support here: parse in-process
        log.warning("import: parsing in-process (%s)", e)
        return None


def _submit(pool: ProcessPoolExecutor | None, batch: list) -> Future | None:
    if pool is None:
        return None
    try:
        return pool.submit(_parse_in_worker, batch)
    except (BrokenProcessPool, RuntimeError, OSError) as e:
        log.warning("import: parsing in-process (%s)", e)
        return None


def _result(parser: RowParser, batch: list, future: Future | None) -> tuple[int, Parsed]:
    if future is not None:
        try:
            with paused_gc():  # unpickling the batch's rows
                return len(batch), future.result()
        except (BrokenProcessPool, OSError) as e:  # the worker died: this batch in-process
            log.warning("import: parsing in-process (%s)", e)
    return len(batch), parse_batch(parser, batch)


_parser: RowParser | None = None


def _install(parser: RowParser) -> None:
    """The worker's start: it keeps the parser, and runs without the cyclic garbage collector
    (``gc_pause``): it lives for one import, and what it builds is freed by reference counting."""
    global _parser
    _parser = parser
    gc.disable()


def _parse_in_worker(batch: list) -> Parsed:
    assert _parser is not None
    return parse_batch(_parser, batch)
