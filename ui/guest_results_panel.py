"""Search results under the box: runs the search off the GUI thread, the latest query wins."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from hotelcrm.domain.search_query import MIN_QUERY
from hotelcrm.i18n import tr

from .guest_result_model import NAME_COLUMN, ROOM_COLUMN, GuestResultModel
from .row_table_model import setup_row_table
from .ui_context import UserSession

CELL_PADDING = 30  # the cell's own margins plus the room the old +18 px gave

SEARCH_LIMIT = 50


class ResultTable(QTableView):
    """Enter on a row opens it (a table's own Enter would only move the cursor)."""

    row_activated = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.row_activated.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class GuestResultsPanel(QWidget):
    """At most one search runs at a time; while it runs, only the newest query waits, and a
    result for a query that is no longer typed is dropped (it would flash the wrong guests)."""

    open_requested = Signal(int)  # guest id

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = GuestResultModel(self)
        self.table = ResultTable()
        setup_row_table(self.table, self.model)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.row_activated.connect(self._open_row)
        self.status = QLabel(tr("ui.guest.search.ready"), objectName="hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.wanted = ""  # the query the box shows now
        self._running: str | None = None
        self._queued: str | None = None
        self._open_first_when_done = False
        self.staff = False

    def staff_mode(self) -> None:
        """Staff see a guest's name and room, nothing more: the other columns are not shown."""
        self.staff = True
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column not in (NAME_COLUMN, ROOM_COLUMN))

    # --- searching ----------------------------------------------------------------------
    def search(self, query: str) -> None:
        self.wanted = query
        if len(query) < MIN_QUERY:  # one letter matches half the hotel: wait for the second
            self._open_first_when_done = False
            self.model.set_hits([], query)
            self.status.setText(tr("ui.guest.search.ready"))
            return
        if self._running is not None:
            self._queued = query
            return
        self._start(query)

    def _start(self, query: str) -> None:
        self._running = query
        service = self.session.ctx.services.guest_search(self.session.actor)
        self.session.ctx.runner.run(lambda: service.search(query, SEARCH_LIMIT),
                                    on_success=lambda hits: self._done(query, hits),
                                    on_failure=lambda text, _e: self._failed(query, text), parent=self,
                                    quiet=True)

    def _done(self, query: str, hits: list) -> None:
        self._running = None
        if query == self.wanted:
            self._show(query, hits)
        self._next()

    def _failed(self, query: str, text: str) -> None:
        self._running = None
        if query == self.wanted:
            self._open_first_when_done = False
            self.status.setText(text)
        self._next()

    def _next(self) -> None:
        queued, self._queued = self._queued, None
        if queued is not None and queued == self.wanted:
            self._start(queued)

    def _show(self, query: str, hits: list) -> None:
        self.model.set_hits(hits, query)
        self._fit_columns(hits)
        if hits:
            found = "ui.guest.search.found_staff" if self.staff else "ui.guest.search.found"
            self.status.setText(tr(found, count=len(hits), query=query)
                                if len(hits) < SEARCH_LIMIT else
                                tr("ui.guest.search.more", count=len(hits), query=query))
        else:
            self.status.setText(tr("ui.guest.search.none", query=query))
        if self._open_first_when_done:
            self._open_first_when_done = False
            self.open_current()

    def _fit_columns(self, hits: list) -> None:
        """Each column as wide as its widest text (80–260 px; the last one stretches), measured
        with the font directly: ``resizeColumnsToContents`` asked the model for every role of
        every cell, a third of the time from key press to painted list (docs/performance.md)."""
        plain = self.table.fontMetrics()
        bold_font = QFont(self.table.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        header = self.table.horizontalHeader().fontMetrics()
        for column, spec in enumerate(self.model.COLUMNS[:-1]):
            metrics = bold if column in (NAME_COLUMN, ROOM_COLUMN) else plain
            widest = max((metrics.horizontalAdvance(spec.text(hit)) for hit in hits), default=0)
            width = max(widest, header.horizontalAdvance(tr(spec.header_key))) + CELL_PADDING
            self.table.setColumnWidth(column, min(max(width, 80), 260))

    # --- opening ------------------------------------------------------------------------
    @property
    def searching(self) -> bool:
        return self._running is not None or self._queued is not None

    def open_current(self) -> None:
        """Enter in the box: the selected row, else the first; if the search for what is typed
        has not answered yet, open its first row as soon as it does."""
        if self.searching or self.model.query != self.wanted:
            self._open_first_when_done = True
            return
        rows = self.table.selectionModel().selectedRows()
        self._open_row(rows[0].row() if rows else 0)

    def _open_row(self, row: int) -> None:
        hit = self.model.hit_at(row)
        if hit is not None:
            self.open_requested.emit(hit.id)

    def focus_list(self) -> None:
        if self.model.rowCount() == 0:
            return
        self.table.setFocus()
        current = self.table.currentIndex()
        row = current.row() if current.isValid() else 0
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
