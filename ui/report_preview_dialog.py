"""Preview of any report inside the application: rendered off the GUI thread, shown page by page
in a ``QPdfView``, printed through Qt's print dialog, saved as a PDF file.

``ReportPreviewDialog.show_report(session, "guest-card", {ReportParam.GUEST: 17}, parent)``.
The PDF is rendered into memory by ``ReportService`` (the same path as ``hotelcrm report``),
in the GUI's language unless another one is asked for.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.i18n import current_language, tr
from hotelcrm.services.report_service import ReportResult, ReportService

from .ui_context import UserSession

# Pages are rasterised for the printer; more than 300 dpi only costs memory (a 1200 dpi A4
# page is half a gigabyte) and no office printer shows the difference on text.
PRINT_DPI_MAX = 300


class ReportPreviewDialog(QDialog):
    """``start()`` renders the report through the task runner; when the PDF is ready the view
    shows it and Print…/Save as… are enabled. ``pdf_bytes`` and ``result`` hold what was made."""

    page_rendered = Signal(int)  # emitted from the worker thread; queued to the GUI thread
    loaded = Signal(int)  # page count, once the preview shows the document
    failed = Signal(str)

    def __init__(self, session: UserSession, name: str, params: Mapping[Any, Any], lang: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.name = name
        self.params = dict(params)
        self.lang = lang or current_language()
        self.pdf_bytes: bytes | None = None
        self.result: ReportResult | None = None
        self._buffer: QBuffer | None = None
        self.setWindowTitle(tr("ui.report.window_title", title=name))
        self.resize(860, 940)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel(tr("ui.report.rendering"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # the page count is known only at the end
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(220)
        self.print_button = QPushButton(tr("ui.report.print"))
        self.save_button = QPushButton(tr("ui.report.save"))
        self.close_button = QPushButton(tr("ui.report.close"))
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_report)
        self.close_button.clicked.connect(self.reject)
        self.page_rendered.connect(self._on_page, Qt.ConnectionType.QueuedConnection)
        self._set_ready(False)
        self._build()

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.status)
        bar.addWidget(self.progress)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    @classmethod
    def show_report(cls, session: UserSession, name: str, params: Mapping[Any, Any],
                    parent: QWidget | None = None, lang: str | None = None) -> ReportPreviewDialog:
        """Open the preview and start rendering (the dialog is modal and returns when closed)."""
        dialog = cls(session, name, params, lang, parent)
        dialog.start()
        dialog.exec()
        return dialog

    # --- rendering ----------------------------------------------------------------------
    def start(self) -> None:
        services, actor = self.session.ctx.services, self.session.actor
        name, params, lang = self.name, self.params, self.lang
        emit = self.page_rendered.emit

        def render() -> tuple[ReportResult, bytes]:
            out = io.BytesIO()
            result = ReportService(services, actor).render(name, params, lang, out, progress=emit)
            return result, out.getvalue()

        self.session.ctx.runner.run(render, on_success=self._show, on_failure=self._fail, parent=self,
                                    label=tr("ui.report.rendering"))

    def _on_page(self, page: int) -> None:
        if self.pdf_bytes is None:
            self.status.setText(tr("ui.report.rendering_page", page=page))

    def _show(self, outcome: tuple[ReportResult, bytes]) -> None:
        self.result, self.pdf_bytes = outcome
        self.setWindowTitle(tr("ui.report.window_title", title=self.result.title))
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self.pdf_bytes))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        pages = self.document.pageCount()
        self.progress.hide()
        self.status.setText(tr("ui.report.pages", pages=pages))
        self._set_ready(pages > 0)
        self.loaded.emit(pages)

    def _fail(self, text: str, _error: BaseException) -> None:
        self.progress.hide()
        self.status.setText(tr("ui.report.failed"))
        self.session.ctx.messages.error(self, text)
        self.failed.emit(text)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    # --- print --------------------------------------------------------------------------
    def choose_printer(self) -> QPrinter | None:
        """Qt's print dialog (printer, copies, page range); None when cancelled."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.result.title if self.result else self.name)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(self.document.pageCount(), 1))
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def print_report(self) -> None:
        printer = self.choose_printer()
        if printer is not None:
            pages = self.print_to(printer)
            self.session.ctx.messages.info(self, tr("ui.report.printed", pages=pages))

    def print_to(self, printer: QPrinter) -> int:
        """Draw the pages (all, or the range chosen in the print dialog) onto ``printer``."""
        return print_pdf(self.document, printer)

    # --- save ---------------------------------------------------------------------------
    def choose_save_path(self) -> Path | None:
        # e.g. "guest-card-17.pdf", "complaint-stats-2026-04-01-2026-04-30.pdf"
        parts = [self.name, *(str(v) for v in self.params.values() if isinstance(v, int | str | date))]
        suggested = "-".join(parts) + ".pdf"
        path, _ = QFileDialog.getSaveFileName(self, tr("ui.report.save_title"), suggested,
                                              tr("ui.report.pdf_filter"))
        return Path(path) if path else None

    def save_report(self) -> None:
        path = self.choose_save_path()
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            self.save_to(path)
        except OSError as exc:
            self.session.ctx.messages.error(self, tr("ui.report.save_failed", detail=exc.strerror or str(exc)))
            return
        self.session.ctx.messages.info(self, tr("ui.report.saved", path=str(path)))

    def save_to(self, path: Path) -> None:
        if self.pdf_bytes is None:
            raise RuntimeError("nothing rendered yet")
        path.write_bytes(self.pdf_bytes)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Draw the pages of ``document`` (all, or the range chosen in the print dialog) onto
    ``printer``, one raster per page scaled into the printable area; returns the pages printed."""
    count = document.pageCount()
    first = max(printer.fromPage(), 1) if printer.fromPage() else 1
    last = min(printer.toPage(), count) if printer.toPage() else count
    dpi = min(printer.resolution(), PRINT_DPI_MAX)
    area = printer.pageRect(QPrinter.Unit.DevicePixel)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for index in range(first - 1, last):
            if index > first - 1:
                printer.newPage()
            size = document.pagePointSize(index)
            image = document.render(index, QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi)))
            scale = min(area.width() / size.width(), area.height() / size.height())
            painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
    finally:
        painter.end()
    return max(last - first + 1, 0)
