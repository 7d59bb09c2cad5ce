"""The one search box of the Guests area: debounced as-you-type, Enter opens, arrows go down."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from hotelcrm.i18n import tr

DEBOUNCE_MS = 150


class GuestSearchBox(QLineEdit):
    """Emits ``search_requested`` once typing pauses for ``DEBOUNCE_MS`` (or at once on Enter,
    so a fast typist's "wangw⏎" searches what was typed), ``activated`` on Enter and
    ``move_down`` on the arrow keys (the list takes the focus)."""

    search_requested = Signal(str)
    activated = Signal()
    move_down = Signal()

    def __init__(self, parent: QWidget | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("guestSearch")
        self.setClearButtonEnabled(True)
        self.setMaxLength(100)
        self.setPlaceholderText(tr("ui.guest.search.placeholder"))
        self.setToolTip(tr("ui.guest.search.tooltip"))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.flush)
        self.textEdited.connect(lambda _t: self.timer.start())
        self._sent: str | None = None

    def flush(self) -> None:
        """Search now for what is typed, unless that exact text was already asked for."""
        self.timer.stop()
        query = self.text().strip()
        if query != self._sent:
            self._sent = query
            self.search_requested.emit(query)

    def set_query(self, text: str) -> None:
        """Put ``text`` in the box and search for it at once (tests, "search again")."""
        self.setText(text)
        self.flush()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.flush()
            self.activated.emit()
            return
        if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.flush()
            self.move_down.emit()
            return
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.flush()
            return
        super().keyPressEvent(event)
