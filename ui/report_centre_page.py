"""The report centre (报表中心): every registered report in one list, a parameter form built from
what the chosen report needs, the preview inside the page, Save as PDF…, Print… through Qt's
print dialog, and a progress bar with Cancel while a report renders.

Reports render on their own lane of the task runner (``runner.lane("reports")``: a second
worker thread), so a long report never queues the guest search behind it. Cancel sets a flag
the renderer checks after every page; the rendering then stops and nothing is kept or written.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import HotelCrmError
from hotelcrm.i18n import current_language, tr
from hotelcrm.services.report_catalogue import ReportInfo, report_catalogue
from hotelcrm.services.report_service import ReportResult, ReportService

from .form_widgets import FormErrors
from .report_param_form import ReportParamForm
from .report_preview_dialog import print_pdf
from .ui_context import UserSession

LANE = "reports"


class ReportCancelled(HotelCrmError):
    """Raised from the progress callback when the user pressed Cancel (an expected outcome,
    not a failure: it is neither logged nor shown as an error)."""

    code = "report_cancelled"


class ReportCentrePage(QWidget):
    page_rendered = Signal(int)  # from the report lane; queued to the GUI thread
    loaded = Signal(int)  # page count, once the preview shows the PDF
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lane = session.ctx.runner.lane(LANE)
        self.reports = {r.name: r for r in report_catalogue(current_language(), session.actor)}
        self.pdf_bytes: bytes | None = None
        self.result: ReportResult | None = None
        self._cancel: threading.Event | None = None
        self._buffer: QBuffer | None = None
        self.report_list = QListWidget()
        self.report_list.setObjectName("reportList")
        for info in self.reports.values():
            item = QListWidgetItem(info.title)
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setToolTip(info.name)
            item.setSizeHint(QSize(200, 30))
            self.report_list.addItem(item)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.form = ReportParamForm(session)
        self.form.setMaximumWidth(640)
        self.error_label = QLabel()
        self.errors = FormErrors(self.error_label, {})
        self.preview_button = QPushButton(tr("ui.rcentre.preview"))
        self.save_button = QPushButton(tr("ui.rcentre.save"))
        self.print_button = QPushButton(tr("ui.rcentre.print"))
        self.cancel_button = QPushButton(tr("ui.rcentre.cancel"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(200)
        self.status = QLabel(tr("ui.rcentre.choose"))
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._build()
        self.report_list.currentRowChanged.connect(self._report_chosen)
        self.form.changed.connect(self._params_changed)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_report)
        self.cancel_button.clicked.connect(self.cancel)
        self.page_rendered.connect(self._on_page, Qt.ConnectionType.QueuedConnection)
        self._set_running(False)
        self._set_ready(False)
        if self.report_list.count():
            self.report_list.setCurrentRow(0)

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for widget in (self.preview_button, self.save_button, self.print_button):
            buttons.addWidget(widget)
        buttons.addSpacing(16)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.status, 1)
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.title)
        column.addWidget(self.form)
        column.addWidget(self.error_label)
        column.addLayout(buttons)
        column.addWidget(self.view, 1)
        splitter = QSplitter()
        splitter.addWidget(self.report_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter)

    # --- choosing --------------------------------------------------------------------------
    @property
    def current(self) -> ReportInfo | None:
        item = self.report_list.currentItem()
        return self.reports.get(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def choose(self, name: str) -> None:
        for row in range(self.report_list.count()):
            if self.report_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.report_list.setCurrentRow(row)
                return
        raise KeyError(name)

    def _report_chosen(self, _row: int) -> None:
        info = self.current
        self.title.setText(info.title if info else "")
        self.form.show_report(info)
        self.errors.fields = dict(self.form.fields)
        self._params_changed()

    def _params_changed(self) -> None:
        """What is shown no longer matches the form: nothing to save or print until previewed."""
        self.errors.clear()
        if self.pdf_bytes is not None:
            self.pdf_bytes, self.result = None, None
            self.document.close()
        self._set_ready(False)
        if self._cancel is None:
            self.status.setText(tr("ui.rcentre.choose"))

    # --- rendering ---------------------------------------------------------------------------
    def preview(self) -> None:
        info = self.current
        if info is None or self._cancel is not None:
            return
        self._params_changed()
        services, actor = self.session.ctx.services, self.session.actor
        params, lang, name = self.form.values(), self.form.language(), info.name
        cancel = self._cancel = threading.Event()
        emit = self.page_rendered.emit

        def progress(pages: int) -> None:
            if cancel.is_set():
                raise ReportCancelled()
            emit(pages)

        def render() -> tuple[ReportResult, bytes]:
            out = io.BytesIO()
            result = ReportService(services, actor).render(name, params, lang, out, progress=progress)
            if cancel.is_set():  # pressed during the last page: still nothing shown
                raise ReportCancelled()
            return result, out.getvalue()

        self._set_running(True)
        self.status.setText(tr("ui.rcentre.rendering"))
        self.lane.run(render, on_success=self._show, on_failure=self._fail, parent=self, quiet=True)

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.status.setText(tr("ui.rcentre.cancelling"))

    def _on_page(self, page: int) -> None:
        if self._cancel is not None and not self._cancel.is_set():
            self.status.setText(tr("ui.rcentre.rendering_page", page=page))

    def _show(self, outcome: tuple[ReportResult, bytes]) -> None:
        self._set_running(False)
        self.result, self.pdf_bytes = outcome
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self.pdf_bytes))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        pages = self.document.pageCount()
        self.status.setText(tr("ui.rcentre.pages", pages=pages))
        self._set_ready(pages > 0)
        self.loaded.emit(pages)

    def _fail(self, text: str, error: BaseException) -> None:
        self._set_running(False)
        if isinstance(error, ReportCancelled):
            self.status.setText(tr("ui.rcentre.cancelled"))
            self.cancelled.emit()
            return
        self.status.setText(tr("ui.rcentre.failed"))
        self.errors.show(text, error)
        self.failed.emit(text)

    def _set_running(self, running: bool) -> None:
        if not running:
            self._cancel = None
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.preview_button.setEnabled(not running)
        self.report_list.setEnabled(not running)
        self.form.setEnabled(not running)

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    # --- save and print ----------------------------------------------------------------------
    def suggested_name(self) -> str:
        parts = [self.result.name if self.result else "report"]
        parts += [str(v) for v in self.form.values().values() if v not in (None, "")]
        return "-".join(parts) + ".pdf"

    def choose_save_path(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, tr("ui.rcentre.save_title"), self.suggested_name(),
                                              tr("ui.rcentre.pdf_filter"))
        return Path(path) if path else None

    def save_pdf(self) -> None:
        path = self.choose_save_path()
        if path is None or self.pdf_bytes is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            _write_whole(path, self.pdf_bytes)
        except OSError as exc:
            self.session.ctx.messages.error(self, tr("ui.rcentre.save_failed", detail=exc.strerror or str(exc)))
            return
        self.status.setText(tr("ui.rcentre.saved", path=str(path)))

    def choose_printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.result.title if self.result else "report")
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(self.document.pageCount(), 1))
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def print_report(self) -> None:
        printer = self.choose_printer()
        if printer is not None:
            pages = print_pdf(self.document, printer)
            self.status.setText(tr("ui.rcentre.printed", pages=pages))


def _write_whole(path: Path, data: bytes) -> None:
    """Written beside the target and moved over it: never half a PDF."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
