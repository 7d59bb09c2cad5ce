"""The task runner: results on the GUI thread, failures as translated text, delayed progress."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QProgressDialog

from hotelcrm import i18n
from hotelcrm.domain.errors import ValidationError
from ui.task_runner import SyncTaskRunner, TaskRunner


def _boom():
    raise RuntimeError("database driver exploded: /secret/path")


def _invalid():
    raise ValidationError("username", "required")


def test_sync_runner_shows_a_service_error_translated(messages):
    runner = SyncTaskRunner(messages)
    runner.run(_invalid)
    assert messages.errors == ["User name: required."]

    i18n.set_language("zh_CN")
    runner.run(_invalid)
    assert messages.errors[-1] == "用户名：必填。"


def test_unexpected_error_is_logged_and_shown_as_the_generic_message(messages, caplog):
    runner = SyncTaskRunner(messages)
    with caplog.at_level(logging.ERROR):
        runner.run(_boom)
    assert messages.errors == [i18n.tr("error.internal", "en")]
    assert "secret" not in messages.errors[0]
    assert "database driver exploded" in caplog.text


def test_on_failure_gets_the_text_instead_of_a_message_box(messages):
    seen = []
    SyncTaskRunner(messages).run(_invalid, on_failure=lambda text, exc: seen.append((text, exc.field)))
    assert seen == [("User name: required.", "username")]
    assert messages.errors == []


def test_sync_runner_passes_progress_and_result(messages):
    runner, results = SyncTaskRunner(messages), []

    def work(report):
        for i in range(3):
            report(i + 1, 3)
        return "done"

    runner.run(work, on_success=results.append, progress=True)
    assert results == ["done"]
    assert runner.progress_reports == [(1, 3), (2, 3), (3, 3)]


@pytest.fixture
def threaded(qapp, messages):
    runner = TaskRunner(messages, delay_ms=10_000)
    yield runner
    runner.shutdown()


def test_threaded_runner_works_off_the_gui_thread_and_answers_on_it(qtbot, threaded):
    gui_thread = QApplication.instance().thread()
    seen = {}

    def work():
        seen["worker"] = QThread.currentThread()
        return 42

    def done(value):
        seen["value"] = value
        seen["callback"] = QThread.currentThread()

    threaded.run(work, on_success=done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42
    assert seen["worker"] is not gui_thread
    assert seen["callback"] is gui_thread


def test_threaded_runner_keeps_order_and_translates_failures(qtbot, threaded, messages):
    order = []
    threaded.run(lambda: order.append(1))
    threaded.run(_invalid)
    threaded.run(lambda: order.append(3))
    qtbot.waitUntil(lambda: len(order) == 2 and not threaded.busy)
    assert order == [1, 3]
    assert messages.errors == ["User name: required."]


def test_progress_dialog_appears_only_for_a_task_still_running(qtbot, qapp, messages):
    runner = TaskRunner(messages, delay_ms=20)
    release = threading.Event()

    def progress_dialogs():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]

    try:
        runner.run(lambda report: (report(1, 4), release.wait(30)), label="Loading demo data…", progress=True)
        qtbot.waitUntil(lambda: len(progress_dialogs()) == 1)
        assert progress_dialogs()[0].labelText() == "Loading demo data…"
        release.set()
        qtbot.waitUntil(lambda: not runner.busy and not progress_dialogs())
    finally:
        release.set()
        runner.shutdown()


def test_quiet_task_never_raises_the_progress_dialog(qtbot, qapp, messages):
    """Search as you type runs quietly: a slow search must not pop a modal dialog over the box."""
    runner = TaskRunner(messages, delay_ms=1)
    release = threading.Event()
    results = []

    def progress_dialogs():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]

    try:
        runner.run(lambda: release.wait(30), on_success=results.append, quiet=True)
        runner.run(lambda: "next", on_success=results.append, quiet=True)
        qtbot.wait(50)  # well past the 1 ms delay: a dialog would be up by now
        assert progress_dialogs() == []
        release.set()
        qtbot.waitUntil(lambda: results == [True, "next"])
        assert progress_dialogs() == []
    finally:
        release.set()
        runner.shutdown()
