"""An addendum to a log entry: the original stays as written; the addendum is added after it."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from hotelcrm.i18n import tr
from hotelcrm.services.logbook_dto import EntryInfo

from .form_widgets import FormErrors, ok_cancel_buttons
from .guest_format import code_label, date_text
from .ui_context import UserSession


class AddendumDialog(QDialog):
    def __init__(self, session: UserSession, entry: EntryInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entry = entry
        self.result_value: EntryInfo | None = None
        self.original = QPlainTextEdit(entry.text)
        self.original.setReadOnly(True)
        self.original.setFixedHeight(100)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.errors = FormErrors(QLabel(), {"logbook_text": self.text})
        self.buttons = ok_cancel_buttons(tr("ui.logbook.add_addendum"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._submit)
        self.setWindowTitle(tr("ui.logbook.addendum_title"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        head = QLabel(tr("ui.logbook.addendum_head", type=code_label("log_entry_type", entry.entry_type),
                         at=date_text(entry.occurred_at), author=entry.author or ""))
        head.setWordWrap(True)
        explain = QLabel(tr("ui.logbook.addendum_explain"))
        explain.setWordWrap(True)
        layout.addWidget(head)
        layout.addWidget(self.original)
        layout.addWidget(explain)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.resize(600, 420)
        self.text.setFocus()

    def _submit(self) -> None:
        if not self.buttons.isEnabled():
            return
        self.errors.clear()
        entries = self.session.ctx.services.logbook_entries(self.session.actor)
        entry_id, text = self.entry.id, self.text.toPlainText()
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: entries.add_addendum(entry_id, text), on_success=self._done,
                                    on_failure=self._failed, parent=self)

    def _done(self, info: EntryInfo) -> None:
        self.result_value = info
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)
