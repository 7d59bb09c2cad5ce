"""The lobby manager's log entries about one guest, as a tab of the guest's card (read-only;
the Logbook page is where entries are written)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.logbook_dto import EntryInfo

from .logbook_entry_model import LogEntryModel
from .row_table_model import setup_row_table
from .ui_context import UserSession


class GuestLogbookTab(QWidget):
    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guest_id: int | None = None
        self.model = LogEntryModel(self)
        self.table = QTableView()
        setup_row_table(self.table, self.model)
        self.table.setWordWrap(False)
        self.empty = QLabel(tr("ui.logbook.guest_tab_empty"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def load(self, guest_id: int) -> None:
        if not self.session.can(Permission.LOG_READ):
            return
        self.guest_id = guest_id
        entries = self.session.ctx.services.logbook_entries(self.session.actor)
        self.session.ctx.runner.run(lambda: entries.for_guest(guest_id),
                                    on_success=lambda rows: self._show(guest_id, rows), parent=self, quiet=True)

    def _show(self, guest_id: int, rows: list[EntryInfo]) -> None:
        if guest_id != self.guest_id:
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not rows)
