"""A complaint's attachments (photos, letters, receipts): listed as links that save a copy, and
"Attach file…" for users who record complaints. The service checks size and count limits."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from hotelcrm.domain.complaint_rules import MAX_ATTACHMENT_BYTES
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import ComplaintDetail

from .complaint_format import when_text
from .ui_context import UserSession


def size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class ComplaintAttachments(QWidget):
    added = Signal()

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: ComplaintDetail | None = None
        self.list = QLabel(wordWrap=True)
        self.list.setOpenExternalLinks(False)
        self.list.linkActivated.connect(lambda link: self.save_copy(int(link)))
        self.add_button = QPushButton(tr("ui.complaint.attach"))
        self.add_button.clicked.connect(self.attach)
        self.add_button.setVisible(session.can(Permission.COMPLAINT_RECORD))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.add_button)

    def show_detail(self, detail: ComplaintDetail) -> None:
        self.detail = detail
        if not detail.attachments:
            self.list.setText(tr("ui.complaint.attachments_none"))
            return
        self.list.setText(" &nbsp; ".join(
            f"<a href='{a.id}'>{escape(a.filename)}</a> ({size_text(a.size_bytes)}, "
            f"{escape(a.created_by_name or '—')}, {when_text(a.created_at)})" for a in detail.attachments))

    def attach(self) -> None:
        if self.detail is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, tr("ui.complaint.attach_title"))
        if not path:
            return
        file = Path(path)
        mime = mimetypes.guess_type(file.name)[0]
        service = self.session.ctx.services.complaints(self.session.actor)
        complaint_id = self.detail.id

        def upload():
            # Read on the worker thread; a file far beyond the limit is not read into memory at all
            # (the service refuses it with its own message for the size it is given).
            if file.stat().st_size > MAX_ATTACHMENT_BYTES:
                raise ValidationError("complaint_attachment", "complaint_attachment_too_large",
                                      max_mb=MAX_ATTACHMENT_BYTES // (1024 * 1024))
            return service.add_attachment(complaint_id, file.name, file.read_bytes(), mime)

        self.session.ctx.runner.run(upload, on_success=lambda _info: self.added.emit(),
                                    on_failure=self._failed, parent=self)

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, OSError):
            text = tr("ui.complaint.file_unreadable", detail=error.strerror or str(error))
        self.session.ctx.messages.error(self, text)

    def save_copy(self, attachment_id: int) -> None:
        service = self.session.ctx.services.complaints(self.session.actor)
        self.session.ctx.runner.run(lambda: service.attachment_data(attachment_id), on_success=self._save,
                                    parent=self)

    def _save(self, loaded) -> None:
        info, data = loaded
        path, _ = QFileDialog.getSaveFileName(self, tr("ui.complaint.save_copy_title"), info.filename)
        if not path:
            return
        try:
            Path(path).write_bytes(data)
        except OSError as exc:
            self.session.ctx.messages.error(self, tr("ui.complaint.file_unwritable", detail=exc.strerror or str(exc)))
