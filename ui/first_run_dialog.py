"""First start on an empty database: the hotel's name and its first administrator."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
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

from .form_widgets import FormErrors, language_combo, ok_cancel_buttons, password_edit
from .ui_context import UiContext

DEMO_GUESTS = 500


@dataclass(frozen=True)
class FirstRunResult:
    actor: Actor
    language: str
    demo_loaded: bool


class FirstRunDialog(QDialog):
    """Creates the administrator through ``SetupService.initialize``; optionally loads demo data.

    Validation errors from the service appear under the form and mark the field; the dialog
    stays open with everything typed."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: FirstRunResult | None = None
        self._language = current_language()
        self.title = QLabel(objectName="dialogTitle")
        self.intro = QLabel(objectName="subtitle", wordWrap=True)
        self.hotel_name = QLineEdit(maxLength=200)
        self.username = QLineEdit(maxLength=64)
        self.display_name = QLineEdit(maxLength=100)
        self.password = password_edit()
        self.confirm = password_edit()
        self.language = language_combo(self._language)
        self.demo = QCheckBox()
        self.demo_available = hasattr(ctx.services, "demo")
        self.demo.setVisible(self.demo_available)
        self.errors = FormErrors(QLabel(), {
            "hotel_name": self.hotel_name, "username": self.username,
            "display_name": self.display_name, "password": self.password, "confirm": self.confirm,
            "language": self.language})
        self.buttons = ok_cancel_buttons()
        self._build()
        self.language.currentIndexChanged.connect(self._language_changed)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._retranslate()

    def _build(self) -> None:
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(10)
        self.form.setHorizontalSpacing(14)
        for widget in (self.hotel_name, self.username, self.display_name, self.password, self.confirm,
                       self.language):
            self.form.addRow(QLabel(), widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.demo)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _retranslate(self) -> None:
        self.setWindowTitle(tr("ui.first_run.window_title"))
        self.title.setText(tr("ui.first_run.title"))
        self.intro.setText(tr("ui.first_run.intro"))
        labels = ("field.hotel_name", "ui.first_run.admin_username", "field.display_name",
                  "field.password", "ui.form.confirm_password", "field.language")
        for row, key in enumerate(labels):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            label.setText(tr(key))
        self.display_name.setPlaceholderText(tr("ui.form.optional"))
        self.password.setPlaceholderText(tr("ui.form.password_hint"))
        self.demo.setText(tr("ui.first_run.demo", guests=DEMO_GUESTS))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("ui.first_run.create"))
        if self.errors.label.isVisible():
            self.errors.clear()  # a message in the old language would now be out of place

    def _language_changed(self) -> None:
        self._language = self.ctx.translations.apply(self.language.currentData())
        self._retranslate()

    def _submit(self) -> None:
        self.errors.clear()
        if self.password.text() != self.confirm.text():
            self.errors.show(tr("ui.form.password_mismatch"), field="confirm")
            return
        values = (self.hotel_name.text(), self.username.text(), self.password.text(),
                  self.display_name.text(), self._language)
        self._set_busy(True)
        self.ctx.runner.run(lambda: self.ctx.services.setup().initialize(*values),
                            on_success=self._initialized, on_failure=self._failed, parent=self,
                            label=tr("ui.first_run.working"))

    def _initialized(self, actor: Actor) -> None:
        if not (self.demo_available and self.demo.isChecked()):
            self._finish(actor, demo_loaded=False)
            return
        self.ctx.runner.run(
            lambda report: self.ctx.services.demo(actor).load(guests=DEMO_GUESTS, progress=report),
            on_success=lambda _result: self._finish(actor, demo_loaded=True),
            on_failure=lambda text, _exc: self._demo_failed(actor, text),
            parent=self, label=tr("ui.first_run.demo_working"), progress=True)

    def _demo_failed(self, actor: Actor, text: str) -> None:
        # The administrator exists already; the application is usable without demo data.
        self.ctx.messages.error(self, tr("ui.first_run.demo_failed", reason=text))
        self._finish(actor, demo_loaded=False)

    def _failed(self, text: str, error: BaseException) -> None:
        self._set_busy(False)
        self.errors.show(text, error)

    def _finish(self, actor: Actor, demo_loaded: bool) -> None:
        self.result_value = FirstRunResult(actor, self._language, demo_loaded)
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)

    @classmethod
    def ask(cls, ctx: UiContext, parent: QWidget | None = None) -> FirstRunResult | None:
        dialog = cls(ctx, parent)
        dialog.exec()
        return dialog.result_value
