"""A logged-in user changes their own password (current, new, confirmation)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from hotelcrm.i18n import tr

from .form_widgets import FormErrors, form_layout, ok_cancel_buttons, password_edit
from .ui_context import UserSession


class ChangePasswordDialog(QDialog):
    """Calls ``AccountService.change_password``; a wrong current password is shown in place."""

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.changed = False
        self.setWindowTitle(tr("ui.password.change_title"))
        self.old = password_edit()
        self.new = password_edit()
        self.new.setPlaceholderText(tr("ui.form.password_hint"))
        self.confirm = password_edit()
        self.errors = FormErrors(QLabel(), {"old_password": self.old, "password": self.new,
                                            "new_password": self.new, "confirm": self.confirm})
        self.buttons = ok_cancel_buttons()
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        form = form_layout()
        form.addRow(tr("ui.password.current"), self.old)
        form.addRow(tr("field.new_password"), self.new)
        form.addRow(tr("ui.form.confirm_password"), self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def _submit(self) -> None:
        self.errors.clear()
        if self.new.text() != self.confirm.text():
            self.errors.show(tr("ui.form.password_mismatch"), field="confirm")
            return
        old, new = self.old.text(), self.new.text()
        account = self.session.ctx.services.account(self.session.actor)
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: account.change_password(old, new),
                                    on_success=self._done, on_failure=self._failed, parent=self)

    def _done(self, _result: object) -> None:
        self.changed = True
        self.session.ctx.messages.info(self.parentWidget(), tr("ui.password.changed"))
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        field = "old_password" if getattr(error, "code", "") == "wrong_password" else None
        self.errors.show(text, error, field=field)

    @classmethod
    def ask(cls, session: UserSession, parent: QWidget | None = None) -> bool:
        dialog = cls(session, parent)
        dialog.exec()
        return dialog.changed
