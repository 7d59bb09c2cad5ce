"""Locks the screen after N minutes without a key press or mouse action (DESIGN.md §2.7)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class IdleLock(QObject):
    """An application-wide event filter restarts a single-shot timer on every user action;
    ``idle`` fires when it runs out. While locked, the timer is stopped (the lock dialog's own
    key presses must not count as activity that could lock it again behind itself)."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._expired)
        self.locked = False
        self.set_timeout_ms(minutes * 60_000)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(minutes * 60_000)

    def set_timeout_ms(self, ms: int) -> None:
        self._timer.setInterval(max(ms, 1))
        if not self.locked:
            self._timer.start()

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.locked and event.type() in _ACTIVITY:
            self._timer.start()
        return False

    def _expired(self) -> None:
        self.locked = True
        self.idle.emit()

    def unlocked(self) -> None:
        self.locked = False
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
