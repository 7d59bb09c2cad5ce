"""The complaint list under the filters: one page at a time from the service (filtered, sorted
and paged in SQL), a click on a header sorts, Enter or a double-click opens the complaint."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import ComplaintFilter, ComplaintPage

from .complaint_table_model import SORT_KEYS, ComplaintTableModel
from .guest_results_panel import ResultTable
from .row_table_model import setup_row_table
from .ui_context import UserSession

PAGE_SIZE = 100
DEFAULT_SORT = 1  # received, newest first


class ComplaintListPanel(QWidget):
    open_requested = Signal(int)  # complaint id
    loaded = Signal(int)  # total rows matching the filter

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ComplaintTableModel(self)
        self.table = ResultTable()
        setup_row_table(self.table, self.model)
        self.table.setSortingEnabled(False)  # sorted by the service: the header only asks
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(DEFAULT_SORT, Qt.SortOrder.DescendingOrder)
        header.sectionClicked.connect(self._sort_clicked)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.row_activated.connect(self._open_row)
        self.status = QLabel(objectName="hint")
        self.prev_button = QPushButton(tr("ui.complaint.page_prev"))
        self.next_button = QPushButton(tr("ui.complaint.page_next"))
        self.prev_button.clicked.connect(lambda: self._go(self.offset - PAGE_SIZE))
        self.next_button.clicked.connect(lambda: self._go(self.offset + PAGE_SIZE))
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.prev_button)
        bottom.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.filter = ComplaintFilter(open_only=True)
        self.sort, self.descending = "received_at", True
        self.offset = 0
        self.total = 0
        self._update_buttons()

    def load(self, filt: ComplaintFilter | None = None, offset: int = 0) -> None:
        if filt is not None:
            self.filter = filt
        service = self.session.ctx.services.complaints(self.session.actor)
        query, sort, descending = self.filter, self.sort, self.descending
        self.session.ctx.runner.run(
            lambda: service.list(query, offset=offset, limit=PAGE_SIZE, sort=sort, descending=descending),
            on_success=self._show, on_failure=lambda text, _e: self.status.setText(text), parent=self, quiet=True)

    def reload(self) -> None:
        self.load(None, self.offset)

    def _go(self, offset: int) -> None:
        self.load(None, max(0, offset))

    def _sort_clicked(self, column: int) -> None:
        key = SORT_KEYS[column]
        header = self.table.horizontalHeader()
        if key is None:  # keep the indicator where the list is really sorted
            header.setSortIndicator(SORT_KEYS.index(self.sort), Qt.SortOrder.DescendingOrder if self.descending
                                    else Qt.SortOrder.AscendingOrder)
            return
        self.sort = key
        self.descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        self.load(None, 0)

    def _show(self, page: ComplaintPage) -> None:
        self.offset, self.total = page.offset, page.total
        self.model.set_rows(page.rows)
        if page.rows:
            self.table.resizeColumnsToContents()  # one page of at most PAGE_SIZE rows: cheap
            for column in range(self.model.columnCount() - 1):
                self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 6, 200))
        if page.total:
            self.status.setText(tr("ui.complaint.rows", first=page.offset + 1,
                                   last=page.offset + len(page.rows), total=page.total))
        else:
            self.status.setText(tr("ui.complaint.none_found"))
        self._update_buttons()
        self.loaded.emit(page.total)

    def _update_buttons(self) -> None:
        self.prev_button.setEnabled(self.offset > 0)
        self.next_button.setEnabled(self.offset + PAGE_SIZE < self.total)

    def _open_row(self, row: int) -> None:
        item = self.model.row_at(row)
        if item is not None:
            self.open_requested.emit(item.id)

    def focus_list(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)
