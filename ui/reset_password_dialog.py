"""An administrator sets a new password for another user (which also lifts a lock-out)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from hotelcrm.i18n import tr
from hotelcrm.services.dto import UserInfo

from .form_widgets import FormErrors, form_layout, ok_cancel_buttons, password_edit
from .ui_context import UserSession


class ResetPasswordDialog(QDialog):
    """Calls ``UserService.reset_password`` for one user."""

    def __init__(self, session: UserSession, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.user = user
        self.done_ok = False
        self.setWindowTitle(tr("ui.users.reset_title", username=user.username))
        self.intro = QLabel(tr("ui.users.reset_intro", name=user.display_name or user.username),
                            objectName="subtitle", wordWrap=True)
        self.new = password_edit()
        self.new.setPlaceholderText(tr("ui.form.password_hint"))
        self.confirm = password_edit()
        self.errors = FormErrors(QLabel(), {"password": self.new, "confirm": self.confirm})
        self.buttons = ok_cancel_buttons()
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        form = form_layout()
        form.addRow(tr("field.new_password"), self.new)
        form.addRow(tr("ui.form.confirm_password"), self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
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
        users = self.session.ctx.services.users(self.session.actor)
        user_id, password = self.user.id, self.new.text()
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: users.reset_password(user_id, password),
                                    on_success=self._done, on_failure=self._failed, parent=self)

    def _done(self, _result: object) -> None:
        self.done_ok = True
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)

    @classmethod
    def ask(cls, session: UserSession, user: UserInfo, parent: QWidget | None = None) -> bool:
        dialog = cls(session, user, parent)
        dialog.exec()
        return dialog.done_ok
