"""The main window's status area: how many open complaints are overdue, refreshed every minute
(and after saves) through the task runner; a click opens the overdue list. The same refresh lets
the service escalate complaints whose time target ran out."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from hotelcrm.i18n import tr

from .complaint_format import OVERDUE_RED
from .ui_context import UserSession

REFRESH_MS = 60_000


class ComplaintOverdueLabel(QLabel):
    open_requested = Signal()

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.count: int | None = None
        self._running = False
        self.setObjectName("overdueComplaints")
        self.setToolTip(tr("ui.complaint.overdue_status_tooltip"))
        self.linkActivated.connect(lambda _link: self.open_requested.emit())
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.hide()
        self.refresh()

    def refresh(self) -> None:
        if self._running:
            return
        self._running = True
        service = self.session.ctx.services.complaints(self.session.actor)

        def check() -> int:
            service.escalate_overdue()
            return service.overdue_count()

        self.session.ctx.runner.run(check, on_success=self._show, on_failure=self._failed, parent=self, quiet=True)

    def _show(self, count: int) -> None:
        self._running = False
        self.count = count
        if count:
            self.setText(f"<a href='overdue' style='color:{OVERDUE_RED}; font-weight:600'>"
                         f"{tr('ui.complaint.overdue_status', count=count)}</a>")
        self.setVisible(bool(count))

    def _failed(self, _text: str, _error: BaseException) -> None:
        self._running = False  # a status figure is not worth a message box; the next tick retries

    def stop(self) -> None:
        self.timer.stop()
