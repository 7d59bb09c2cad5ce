""""In house now" or "arriving today": the day's list with open / check-in / check-out."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.stay_dto import StayRow

from .row_table_model import setup_row_table
from .stay_row_model import StayRowModel
from .ui_context import UserSession

KINDS = ("in_house", "arriving")
RESIZE_ROWS = 60


class StayListPanel(QWidget):
    open_requested = Signal(int)  # guest id
    check_in_requested = Signal(object)  # StayRow of an expected arrival
    check_out_requested = Signal(object)  # StayRow of a stay in house
    loaded = Signal(int)  # rows shown

    def __init__(self, session: UserSession, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert kind in KINDS
        self.session = session
        self.kind = kind
        self.model = StayRowModel(self)
        self.table = QTableView()
        setup_row_table(self.table, self.model)
        self.table.doubleClicked.connect(lambda _i: self._open())
        self.summary = QLabel(objectName="hint")
        self.open_button = QPushButton(tr("ui.stay.open_card"))
        self.stay_button = QPushButton(tr("ui.stay.check_in" if kind == "arriving" else "ui.stay.check_out"))
        self.refresh_button = QPushButton(tr("ui.users.refresh"))
        self.open_button.clicked.connect(self._open)
        self.stay_button.clicked.connect(self._stay_action)
        self.refresh_button.clicked.connect(self.refresh)
        self.stay_button.setVisible(session.can(Permission.STAY_WRITE))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.stay_button)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def refresh(self) -> None:
        stays = self.session.ctx.services.stays(self.session.actor)
        work = stays.in_house if self.kind == "in_house" else (lambda: stays.arriving(date.today()))
        self.session.ctx.runner.run(work, on_success=self._show, parent=self)

    def _show(self, rows: list[StayRow]) -> None:
        self.model.set_rows(rows)
        # Widths from the first rows only: sizing on every in-house row (hundreds in a large
        # hotel) cost ~0.2 s of the start (docs/performance.md).
        self.table.horizontalHeader().setResizeContentsPrecision(RESIZE_ROWS)
        self.table.resizeColumnsToContents()
        key = "ui.stay.in_house_count" if self.kind == "in_house" else "ui.stay.arriving_count"
        self.summary.setText(tr(key, count=len(rows)))
        self._update_buttons()
        self.loaded.emit(len(rows))

    def selected(self) -> StayRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.open_button.setEnabled(row is not None)
        self.stay_button.setEnabled(row is not None)

    def _open(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_requested.emit(row.guest_id)

    def _stay_action(self) -> None:
        row = self.selected()
        if row is None:
            return
        if self.kind == "arriving":
            self.check_in_requested.emit(row)
        else:
            self.check_out_requested.emit(row)
