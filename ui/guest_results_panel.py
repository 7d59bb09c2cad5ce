"""Search results under the box: runs the search off the GUI thread, the latest query wins."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from hotelcrm.domain.search_query import MIN_QUERY
from hotelcrm.i18n import tr

from .guest_result_model import (
    COLUMNS,
    EMPTY,
    NAME_COLUMN,
    ROOM_COLUMN,
    GuestResultModel,
    ResultRows,
    result_rows,
)
from .row_table_model import setup_row_table
from .ui_context import UserSession

GAP = 6  # above the status line and between it and the list
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


class ColumnWidths:
    """The widths ``_fit_columns`` sets, from the advance of each text in the table's fonts;
    a text's advance is measured once (typing on, most hits are the previous key's again)."""

    MAX_TEXTS = 20_000  # then the measured texts are forgotten and measured afresh

    def __init__(self, table: QTableView, columns: int) -> None:
        self.table = table
        self.columns = columns - 1  # the last column stretches
        self._font_key = ""
        self._measured: dict[tuple[bool, str], int] = {}

    def _fonts(self) -> None:
        """The fonts' metrics and the headers' widths, again whenever the table's font changed."""
        font = self.table.font()
        if font.key() == self._font_key:
            return
        self._font_key = font.key()
        self._measured.clear()
        bold_font = QFont(font)
        bold_font.setBold(True)
        self._metrics = (QFontMetrics(font), QFontMetrics(bold_font))
        header = self.table.horizontalHeader().fontMetrics()
        self._headers = [header.horizontalAdvance(tr(spec.header_key)) for spec in COLUMNS[:self.columns]]

    def _advance(self, bold: bool, text: str) -> int:
        width = self._measured.get((bold, text))
        if width is None:
            if len(self._measured) >= self.MAX_TEXTS:
                self._measured.clear()
            width = self._measured[(bold, text)] = self._metrics[bold].horizontalAdvance(text)
        return width

    def fit(self, texts: tuple[tuple[str, ...], ...]) -> list[int]:
        self._fonts()
        widths = []
        for column in range(self.columns):
            bold = column in (NAME_COLUMN, ROOM_COLUMN)
            widest = max((self._advance(bold, row[column]) for row in texts), default=0)
            width = max(widest, self._headers[column]) + CELL_PADDING
            widths.append(min(max(width, 80), 260))
        return widths


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
        self.widths = ColumnWidths(self.table, self.model.columnCount())
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.row_activated.connect(self._open_row)
        self.status = QLabel(tr("ui.guest.search.ready"), self, objectName="hint")
        self.table.setParent(self)  # both laid out by hand: see resizeEvent
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

    # --- layout -----------------------------------------------------------------------
    # The status line over the list, laid out by hand. In a QLayout each new status text and
    # each model reset asked the whole Guests page for a new layout, and the tab widget around
    # the list answers that by repainting all of itself: two or three full paints of the list
    # per key press instead of one (docs/performance.md).
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        height = self.status.sizeHint().height()
        self.status.setGeometry(0, GAP, self.width(), height)
        below = GAP + height + GAP
        self.table.setGeometry(0, below, self.width(), max(0, self.height() - below))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._around(self.table.sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._around(self.table.minimumSizeHint())

    def _around(self, table: QSize) -> QSize:
        return QSize(table.width(), GAP + self.status.sizeHint().height() + GAP + table.height())

    # --- searching ----------------------------------------------------------------------
    def search(self, query: str) -> None:
        self.wanted = query
        if len(query) < MIN_QUERY:  # one letter matches half the hotel: wait for the second
            self._open_first_when_done = False
            self._set_rows(EMPTY, query)
            self.status.setText(tr("ui.guest.search.ready"))
            return
        if self._running is not None:
            self._queued = query
            return
        self._start(query)

    def _start(self, query: str) -> None:
        self._running = query
        service = self.session.ctx.services.guest_search(self.session.actor)
        # The cells' texts are made on the worker thread too: the GUI thread only shows them.
        self.session.ctx.runner.run(lambda: result_rows(service.search(query, SEARCH_LIMIT)),
                                    on_success=lambda rows: self._done(query, rows),
                                    on_failure=lambda text, _e: self._failed(query, text), parent=self,
                                    quiet=True)

    def _done(self, query: str, rows: ResultRows) -> None:
        self._running = None
        if query == self.wanted:
            self._show(query, rows)
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

    def _show(self, query: str, rows: ResultRows) -> None:
        self._set_rows(rows, query)
        hits = rows.hits
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

    def _set_rows(self, rows: ResultRows, query: str) -> None:
        self.model.set_hits(rows, query)
        if rows.hits:
            self._fit_columns(rows)
        # The rows' layout now, not on the view's own timer after the first paint (which
        # painted the whole list a second time).
        self.table.doItemsLayout()

    def _fit_columns(self, rows: ResultRows) -> None:
        """Each column as wide as its widest text (80–260 px; the last one stretches), measured
        with the font directly: ``resizeColumnsToContents`` asked the model for every role of
        every cell, a third of the time from key press to painted list (docs/performance.md).
        A width is set only when it changes (each set lays the header out again), with the
        header's signals blocked: the view would repaint the columns right of each resized one
        on a timer of its own, after the list's paint; ``doItemsLayout`` lays them out before it."""
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        try:
            for column, width in enumerate(self.widths.fit(rows.texts)):
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            header.blockSignals(False)

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
