"""The single way long work leaves the GUI thread.

One worker thread runs the submitted callables in order; results and failures come back on the
GUI thread through queued signals. A progress dialog appears only if a task is still running
after ``delay_ms`` (so quick calls never flash a window). ``SyncTaskRunner`` has the same
interface and runs everything at once; tests substitute it.
"""

from __future__ import annotations

import itertools
import logging
import queue
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from hotelcrm.i18n import tr

from .error_display import error_message
from .message_service import Messages

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
OnSuccess = Callable[[Any], None]
OnFailure = Callable[[str, BaseException], None]

PROGRESS_DELAY_MS = 500


@dataclass
class Task:
    """One unit of work. With ``progress=True`` the callable receives a ``report(done, total)``;
    a ``quiet`` task (search as you type) never raises the modal progress dialog."""

    fn: Callable[..., Any]
    on_success: OnSuccess | None = None
    on_failure: OnFailure | None = None
    parent: QWidget | None = None
    label: str = ""
    progress: bool = False
    quiet: bool = False
    id: int = field(default_factory=itertools.count(1).__next__)


class BaseTaskRunner(QObject):
    """What both runners share: delivering results and turning failures into messages."""

    task_finished = Signal(int)  # task id, after its callback ran; tests and shutdown wait on it

    def __init__(self, messages: Messages, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.messages = messages

    def run(self, fn: Callable[..., Any], *, on_success: OnSuccess | None = None,
            on_failure: OnFailure | None = None, parent: QWidget | None = None, label: str = "",
            progress: bool = False, quiet: bool = False) -> int:
        task = Task(fn, on_success, on_failure, parent, label, progress, quiet)
        self._submit(task)
        return task.id

    def _submit(self, task: Task) -> None:
        raise NotImplementedError

    def _deliver(self, task: Task, result: Any, error: BaseException | None) -> None:
        try:
            if error is None:
                if task.on_success is not None:
                    task.on_success(result)
            else:
                text = error_message(error)
                if task.on_failure is not None:
                    task.on_failure(text, error)
                else:
                    self.messages.error(task.parent, text)
        finally:
            self.task_finished.emit(task.id)

    def shutdown(self) -> None:
        """Finish queued work and stop; a no-op for the synchronous runner."""

    def lane(self, name: str) -> BaseTaskRunner:
        """A runner for long work of one kind (reports) that must not queue the quick calls of
        this one behind it (the guest search). The synchronous runner is its own lane."""
        return self


class SyncTaskRunner(BaseTaskRunner):
    """Runs each task immediately on the calling thread (tests, scripts)."""

    def __init__(self, messages: Messages, parent: QObject | None = None) -> None:
        super().__init__(messages, parent)
        self.progress_reports: list[tuple[int, int]] = []

    def _submit(self, task: Task) -> None:
        try:
            args = (self._record_progress,) if task.progress else ()
            result = task.fn(*args)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none escapes
            self._deliver(task, None, exc)
        else:
            self._deliver(task, result, None)

    def _record_progress(self, done: int, total: int) -> None:
        self.progress_reports.append((done, total))


class _Worker(QThread):
    """Takes tasks from a queue and runs them one after another."""

    done = Signal(object, object, object)  # task, result, error
    progressed = Signal(object, int, int)  # task, done, total

    def __init__(self) -> None:
        super().__init__()
        self.tasks: queue.Queue[Task | None] = queue.Queue()

    def run(self) -> None:
        while (task := self.tasks.get()) is not None:
            try:
                args = ((lambda d, t, task=task: self.progressed.emit(task, d, t)),) if task.progress else ()
                result = task.fn(*args)
            except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, never lost
                self.done.emit(task, None, exc)
            else:
                self.done.emit(task, result, None)


class TaskRunner(BaseTaskRunner):
    """Runs tasks on one worker thread, in order, with a delayed progress dialog."""

    def __init__(self, messages: Messages, parent: QObject | None = None,
                 delay_ms: int = PROGRESS_DELAY_MS) -> None:
        super().__init__(messages, parent)
        self.delay_ms = delay_ms
        self._pending: dict[int, QTimer | None] = {}
        self._dialogs: dict[int, QProgressDialog] = {}
        self._lanes: dict[str, TaskRunner] = {}
        self._worker = _Worker()
        self._worker.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._worker.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._worker.start()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _submit(self, task: Task) -> None:
        timer = None
        if not task.quiet:  # a quiet task (every key of a search) never shows the dialog: no timer
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda task=task: self._show_progress(task))
            timer.start(self.delay_ms)
        self._pending[task.id] = timer
        self._worker.tasks.put(task)

    def _show_progress(self, task: Task) -> None:
        if task.id not in self._pending or task.quiet:
            return
        dialog = QProgressDialog(task.label or tr("ui.task.working"), "", 0, 0, task.parent)
        dialog.setCancelButton(None)  # tasks cannot be interrupted half-way; they finish whole
        dialog.setWindowTitle(tr("app.name"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumWidth(360)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self._dialogs[task.id] = dialog
        dialog.show()

    def _on_progress(self, task: Task, done: int, total: int) -> None:
        dialog = self._dialogs.get(task.id)
        if dialog is not None and total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def _on_done(self, task: Task, result: Any, error: BaseException | None) -> None:
        timer = self._pending.pop(task.id, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        dialog = self._dialogs.pop(task.id, None)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        self._deliver(task, result, error)

    def lane(self, name: str) -> BaseTaskRunner:
        """Its own worker thread, made on first use and stopped with this runner."""
        if name not in self._lanes:
            self._lanes[name] = TaskRunner(self.messages, self, self.delay_ms)
        return self._lanes[name]

    def shutdown(self) -> None:
        for lane in self._lanes.values():
            lane.shutdown()
        if self._worker.isRunning():
            self._worker.tasks.put(None)
            self._worker.wait()
