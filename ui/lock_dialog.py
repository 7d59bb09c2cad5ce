"""The idle lock: a modal dialog over everything, until the logged-in user's password is given."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.i18n import tr

from .form_widgets import FormErrors, password_edit
from .ui_context import UserSession


class LockDialog(QDialog):
    """Escape and the window's close button do nothing: the only ways out are the right
    password (``unlocked``) or logging out (``logout_requested``). Windows underneath keep
    whatever was typed in them."""

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._leaving = False
        self.setWindowTitle(tr("ui.lock.window_title"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        name = session.actor.display_name or session.actor.username
        self.title = QLabel(tr("ui.lock.title"), objectName="dialogTitle")
        self.intro = QLabel(tr("ui.lock.intro", name=name, username=session.actor.username),
                            objectName="subtitle", wordWrap=True)
        self.password = password_edit()
        self.errors = FormErrors(QLabel(), {"password": self.password})
        self.buttons = QDialogButtonBox()
        self.unlock_button = QPushButton(tr("ui.lock.unlock"))
        self.unlock_button.setDefault(True)
        self.logout_button = QPushButton(tr("ui.lock.logout"))
        self.buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.logout_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.clicked.connect(self._submit)
        self.logout_button.clicked.connect(self._logout)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("field.password"), self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(26, 20, 26, 16)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.password.setFocus()

    def _submit(self) -> None:
        self.errors.clear()
        password = self.password.text()
        account = self.session.ctx.services.account(self.session.actor)
        self.unlock_button.setEnabled(False)
        self.session.ctx.runner.run(lambda: account.verify_password(password),
                                    on_success=self._checked, on_failure=self._failed, parent=self)

    def _checked(self, ok: bool) -> None:
        self.unlock_button.setEnabled(True)
        if not ok:
            self.password.clear()
            self.errors.show(tr("ui.lock.wrong_password"), field="password")
            return
        self._leave()
        self.unlocked.emit()

    def _failed(self, text: str, _error: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.errors.show(text)

    def _logout(self) -> None:
        self._leave()
        self.logout_requested.emit()

    def _leave(self) -> None:
        self._leaving = True
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self._leaving:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._leaving:
            super().closeEvent(event)
        else:
            event.ignore()
