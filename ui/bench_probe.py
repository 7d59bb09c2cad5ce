"""Bench-only start (``hotelcrm bench startup`` / ``bench typing``, DESIGN.md §7): when the
environment variable ``HOTELCRM_BENCH_PROBE`` holds a JSON spec, the application logs the bench
user in without the login dialog, notes when the main window was first painted and the event loop
went idle, then either runs one guest search and reads the peak memory (``startup``) or types
queries key by key into the Guests search box and times each key press to the painted result
list (``typing``). What it measured goes to the spec's ``out`` file; then the application quits.
Nothing here runs unless that variable is set."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest

from .app_controller import AppController

PROBE_ENV = "HOTELCRM_BENCH_PROBE"
KEY_TIMEOUT_MS = 10_000
SETTLE_MS = 300


def spec_from_environment() -> dict | None:
    raw = os.environ.get(PROBE_ENV)
    return json.loads(raw) if raw else None


def peak_rss_mb() -> float:
    """VmHWM: the most resident memory this process has had (Linux)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


class _FirstPaint(QObject):
    """Calls ``then`` once, on the watched widget's first paint event after ``arm``."""

    def __init__(self, then) -> None:
        super().__init__()
        self.then = then
        self.armed = True

    def arm(self) -> None:
        self.armed = True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if self.armed and event.type() == QEvent.Type.Paint:
            self.armed = False
            self.then()
        return False


class BenchProbe(QObject):
    def __init__(self, controller: AppController, spec: dict) -> None:
        super().__init__()
        self.controller = controller
        self.spec = spec
        self.result: dict = {}
        controller._show_login = self._log_in  # noqa: SLF001 - the bench replaces the dialog only
        self._show_main = controller._show_main  # noqa: SLF001
        controller._show_main = self._main_shown  # noqa: SLF001

    def _log_in(self, _hotel) -> None:
        ctx = self.controller.ctx
        ctx.runner.run(lambda: ctx.services.auth().login(self.spec["user"], self.spec["password"]),
                       on_success=lambda actor: self.controller._enter(actor, "en"),  # noqa: SLF001
                       on_failure=lambda text, _e: self._fail(text))

    def _main_shown(self, session, hotel) -> None:
        self.watch = _FirstPaint(self._painted)
        self._show_main(session, hotel)
        self.controller.window.installEventFilter(self.watch)

    def _painted(self) -> None:
        self.result["painted_at"] = time.time()
        QTimer.singleShot(0, self._idle)

    def _idle(self) -> None:
        self.result["idle_at"] = time.time()
        window = self.controller.window
        window.show_area("guests")
        self.page = window.page("guests")
        self.table = self.page.results.table
        self.painted = False
        self.loop = QEventLoop()
        self.timeout = QTimer(self)
        self.timeout.setSingleShot(True)
        self.timeout.timeout.connect(self.loop.quit)
        self.table_watch = _FirstPaint(self._table_painted)
        self.table_watch.armed = False
        self.table.viewport().installEventFilter(self.table_watch)
        self.page.results.model.modelReset.connect(self.table_watch.arm)
        if self.spec["mode"] == "typing":
            QTimer.singleShot(0, self._type)
        elif self.spec["mode"] == "card":
            QTimer.singleShot(0, self._open_cards)
        else:
            QTimer.singleShot(0, self._search)

    def _table_painted(self) -> None:
        self.painted = True
        self.loop.quit()

    def _wait_painted(self) -> bool:
        """One local event loop per wait (PySide6 6.x under-counts None on some void calls, so a
        tight ``processEvents`` loop would bring None's reference count to zero)."""
        if not self.painted:
            self.timeout.start(KEY_TIMEOUT_MS)
            self.loop.exec()
            self.timeout.stop()
        return self.painted

    def _search(self) -> None:
        self.painted = False
        self.page.search_box.set_query(self.spec["query"])
        if not self._wait_painted():
            self._fail("the search was not painted")
            return
        self.result["hits"] = self.page.results.model.rowCount()
        self.result["rss_mb"] = peak_rss_mb()
        self._finish()

    def _type(self) -> None:
        box = self.page.search_box
        self.result["debounce_ms"] = box.timer.interval()
        box.timer.setInterval(0)  # every key searches: the worst case for the search path
        box.setFocus()
        samples: list[float] = []
        timeouts = 0
        for query in self.spec["queries"]:
            box.clear()
            for char in query:
                self.painted = False
                started = time.perf_counter()
                _type_char(box, char)
                if self._wait_painted():
                    samples.append(round((time.perf_counter() - started) * 1000, 3))
                else:
                    timeouts += 1
        self.result.update(keystroke_ms=samples, timeouts=timeouts, rss_mb=peak_rss_mb())
        QTimer.singleShot(0, self._finish)  # out of the typing loop before the application ends

    def _open_cards(self) -> None:
        """Opens the spec's card as a user does from a hit (``GuestPage.open_guest``), another
        card before each so that the name changes, and times each open of the spec's card to the
        first paint of its name after the card arrived. Before each open the window settles
        (``SETTLE_MS``): the other card's brief, log and observations finish loading, as they
        would while a user reads it."""
        view = self.page._card_view()  # noqa: SLF001 - the bench watches the real card view
        watch = _FirstPaint(self._table_painted)
        watch.armed = False
        view.name.installEventFilter(watch)
        shown = view.show_card

        def show_card(card) -> None:
            shown(card)
            watch.arm()

        view.show_card = show_card
        samples: list[float] = []
        for _ in range(self.spec["opens"]):
            for guest_id, timed in ((self.spec["other_id"], False), (self.spec["guest_id"], True)):
                self._settle()
                self.page.show_lists()
                self.painted = False
                started = time.perf_counter()
                self.page.open_guest(guest_id)
                if self._wait_painted() and timed:
                    samples.append(round((time.perf_counter() - started) * 1000, 3))
        self.result.update(card_ms=samples, rss_mb=peak_rss_mb())
        QTimer.singleShot(0, self._finish)

    def _settle(self) -> None:
        pause = QEventLoop()
        QTimer.singleShot(SETTLE_MS, pause.quit)
        pause.exec()

    def _fail(self, text: str) -> None:
        self.result["error"] = text
        self.controller._finish(3)  # noqa: SLF001

    def _finish(self) -> None:
        Path(self.spec["out"]).write_text(json.dumps(self.result), encoding="utf-8")
        self.controller._finish(0)  # noqa: SLF001 - closes the database and ends the event loop


def _type_char(box, char: str) -> None:
    """A key press and release carrying the character (QTest's own key helpers take ASCII only)."""
    if char.isascii():
        QTest.keyClick(box, char)
        return
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.sendEvent(box, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def attach(controller: AppController, spec: dict) -> BenchProbe:
    return BenchProbe(controller, spec)
