"""Small building blocks every form shares: choice boxes, the inline error line, field marks."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.permissions import Role
from hotelcrm.i18n import LANGUAGE_NAMES, LANGUAGES, tr


def form_layout() -> QFormLayout:
    """The label/field grid of every form, with the house spacing."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setVerticalSpacing(10)
    form.setHorizontalSpacing(14)
    return form


def ok_cancel_buttons(ok_text: str | None = None) -> QDialogButtonBox:
    """OK / Cancel (Qt translates both); ``ok_text`` names the action, e.g. "Check in"."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    return buttons


def language_combo(current: str | None = None, parent: QWidget | None = None) -> QComboBox:
    """Languages under their own names (简体中文 / English), so anyone can find theirs."""
    combo = QComboBox(parent)
    for code in LANGUAGES:
        combo.addItem(LANGUAGE_NAMES[code], code)
    select_data(combo, current)
    return combo


def role_combo(current: str | None = None, parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for role in Role:
        combo.addItem(tr(f"role.{role.value}"), role.value)
    select_data(combo, current or Role.CLERK.value)
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def password_edit(parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(256)
    return edit


class FormErrors:
    """The error line under a form plus a red mark on the field the service named.

    Nothing the user typed is touched: the dialog stays open and only the message changes."""

    def __init__(self, label: QLabel, fields: dict[str, QWidget]) -> None:
        self.label = label
        self.fields = fields
        label.setObjectName("formError")
        label.setWordWrap(True)
        label.hide()

    def show(self, text: str, error: BaseException | None = None, field: str | None = None) -> None:
        self.clear()
        self.label.setText(text)
        self.label.show()
        grow_to_fit(self.label.window())
        name = field or (error.field if isinstance(error, ValidationError) else None)
        widget = self.fields.get(name) if name else None
        if widget is not None:
            set_invalid(widget, True)
            widget.setFocus()

    def clear(self) -> None:
        self.label.clear()
        self.label.hide()
        for widget in self.fields.values():
            set_invalid(widget, False)

    @property
    def text(self) -> str:
        return self.label.text()


def set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    # A dynamic property only restyles after the style is re-applied.
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def grow_to_fit(window: QWidget) -> None:
    """A message that appears under a form must not squeeze the word-wrapped texts above it:
    give the window the height its layout now asks for (never shrink what the user sized)."""
    layout = window.layout()
    if layout is None or not window.isWindow():
        return
    layout.activate()
    width = window.width()
    needed = layout.heightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
    if needed > window.height():
        window.resize(width, needed)
