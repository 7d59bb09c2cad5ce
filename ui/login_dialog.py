"""Sign in: user name, password and the language the application speaks from now on."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.i18n import current_language, tr
from hotelcrm.services.actor import Actor

from .form_widgets import FormErrors, form_layout, language_combo, ok_cancel_buttons, password_edit
from .ui_context import UiContext


@dataclass(frozen=True)
class LoginResult:
    actor: Actor
    language: str


class LoginDialog(QDialog):
    """Switching the language re-translates the dialog (and Qt's buttons) at once."""

    def __init__(self, ctx: UiContext, hotel_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.hotel_name = hotel_name
        self.result_value: LoginResult | None = None
        self.hotel = QLabel(hotel_name, objectName="dialogTitle", wordWrap=True)
        self.subtitle = QLabel(objectName="subtitle")
        self.username = QLineEdit(ctx.local.last_username(), maxLength=64)
        self.password = password_edit()
        self.language = language_combo(current_language())
        self.errors = FormErrors(QLabel(), {"username": self.username, "password": self.password})
        self.buttons = ok_cancel_buttons()
        self._build()
        self.language.currentIndexChanged.connect(self._language_changed)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._retranslate()
        (self.password if self.username.text() else self.username).setFocus()

    def _build(self) -> None:
        self.form = form_layout()
        for widget in (self.username, self.password, self.language):
            self.form.addRow(QLabel(), widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(12)
        layout.addWidget(self.hotel)
        layout.addWidget(self.subtitle)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def _retranslate(self) -> None:
        self.setWindowTitle(tr("ui.login.window_title"))
        self.hotel.setText(self.hotel_name or tr("app.name"))
        self.subtitle.setText(tr("ui.login.subtitle"))
        for row, key in enumerate(("field.username", "field.password", "field.language")):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(tr(key))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("ui.login.submit"))
        self.errors.clear()

    def _language_changed(self) -> None:
        self.ctx.translations.apply(self.language.currentData())
        self._retranslate()

    def _submit(self) -> None:
        self.errors.clear()
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            self.errors.show(tr("error.invalid.required", field=tr("field.username")), field="username")
            return
        self.buttons.setEnabled(False)
        self.ctx.runner.run(lambda: self.ctx.services.auth().login(username, password),
                            on_success=self._logged_in, on_failure=self._failed, parent=self,
                            label=tr("ui.login.working"))

    def _logged_in(self, actor: Actor) -> None:
        language = self.language.currentData()
        self.ctx.local.set_last_language(language)
        self.ctx.local.set_last_username(actor.username)
        self.result_value = LoginResult(actor, language)
        self.accept()

    def _failed(self, text: str, _error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.errors.show(text, field="password")

    @classmethod
    def ask(cls, ctx: UiContext, hotel_name: str, parent: QWidget | None = None) -> LoginResult | None:
        dialog = cls(ctx, hotel_name, parent)
        dialog.exec()
        return dialog.result_value
