"""Add a user account, or edit one (display name, role, language, active)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import Conflict
from hotelcrm.i18n import LANGUAGE_NAMES, LANGUAGES, tr
from hotelcrm.services.dto import UserInfo

from .conflict_dialog import shown
from .form_widgets import FormErrors, form_layout, password_edit, role_combo, select_data
from .row_conflict import Outcome, RowKind, ShowsRefusal, resolve_record_edit
from .ui_context import UserSession


@dataclass(frozen=True)
class UserEdit:
    """What the dialog changes on an account, for the conflict dialog."""

    display_name: str
    role: str
    language: str
    active: bool


def user_edit(user: UserInfo) -> UserEdit:
    return UserEdit(user.display_name, user.role, user.language or "", user.status == "active")


def user_language_combo(current: str | None) -> QComboBox:
    """A user's language may be left open: then the choice at login applies."""
    combo = QComboBox()
    combo.addItem(tr("ui.users.language_any"), "")
    for code in LANGUAGES:
        combo.addItem(LANGUAGE_NAMES[code], code)
    select_data(combo, current or "")
    return combo


class UserDialog(ShowsRefusal, QDialog):
    """With ``user`` None it creates an account; otherwise it edits that row, sending the row's
    version so that a save over someone else's newer save is refused (``Conflict``)."""

    def __init__(self, session: UserSession, user: UserInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.user = user
        self.result_value: UserInfo | None = None
        self.username = QLineEdit(user.username if user else "", maxLength=64)
        self.username.setReadOnly(user is not None)
        self.display_name = QLineEdit(user.display_name if user else "", maxLength=100)
        self.role = role_combo(user.role if user else None)
        self.language = user_language_combo(user.language if user else None)
        self.password = password_edit()
        self.confirm = password_edit()
        self.active = QCheckBox(tr("ui.users.active"))
        self.active.setChecked(user is None or user.status == "active")
        self.errors = FormErrors(QLabel(), {
            "username": self.username, "display_name": self.display_name, "role": self.role,
            "language": self.language, "password": self.password, "confirm": self.confirm})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._build()
        self.initial = self._edit()  # what the form started with, for the conflict dialog

    def _edit(self) -> UserEdit:
        return UserEdit(self.display_name.text(), self.role.currentData(), self.language.currentData() or "",
                        self.active.isChecked())

    def _build(self) -> None:
        editing = self.user is not None
        self.setWindowTitle(tr("ui.users.edit_title" if editing else "ui.users.add_title"))
        form = form_layout()
        form.addRow(tr("field.username"), self.username)
        form.addRow(tr("field.display_name"), self.display_name)
        form.addRow(tr("field.role"), self.role)
        form.addRow(tr("field.language"), self.language)
        if editing:
            form.addRow("", self.active)
        else:
            self.display_name.setPlaceholderText(tr("ui.form.optional"))
            self.password.setPlaceholderText(tr("ui.form.password_hint"))
            form.addRow(tr("field.password"), self.password)
            form.addRow(tr("ui.form.confirm_password"), self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _submit(self) -> None:
        self.errors.clear()
        users = self.session.ctx.services.users(self.session.actor)
        role, language = self.role.currentData(), self.language.currentData()
        if self.user is None:
            if self.password.text() != self.confirm.text():
                self.errors.show(tr("ui.form.password_mismatch"), field="confirm")
                return
            args = (self.username.text(), self.password.text(), role, self.display_name.text(),
                    language or None)
            work = lambda: users.create(*args)  # noqa: E731
        else:
            user, self.typed = self.user, self._edit()
            work = lambda: self._update(user, self.typed)  # noqa: E731
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(work, on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, info: UserInfo) -> None:
        self.result_value = info
        self.accept()

    def _update(self, user: UserInfo, edit: UserEdit) -> UserInfo:
        return self.session.ctx.services.users(self.session.actor).update(
            user.id, user.version, display_name=edit.display_name, role=edit.role, language=edit.language,
            active=edit.active)

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict) and self.user is not None:  # saved by another administrator meanwhile
            resolve_record_edit(self.session, self._kind(), self.user, self.initial, self.typed,
                                Outcome(self._saved, self._saved, self._refused), self)
            return
        self._refused(text, error)

    def _kind(self) -> RowKind:
        users, user_id = self.session.ctx.services.users(self.session.actor), self.user.id

        def text(name: str, value, _draft) -> str:
            if name == "active":
                return tr("ui.conflict.yes" if value else "ui.conflict.no")
            combo = {"role": self.role, "language": self.language}.get(name)
            index = combo.findData(value) if combo is not None else -1
            return combo.itemText(index) if index >= 0 else shown(value)

        return RowKind(entity="user", what=tr("ui.conflict.what.user"),
                       labels={"display_name": tr("field.display_name"), "role": tr("field.role"),
                               "language": tr("field.language"), "active": tr("ui.users.active")},
                       load=lambda: users.get(user_id), draft_of=user_edit, update=self._update, text=text)

    @classmethod
    def ask(cls, session: UserSession, user: UserInfo | None = None,
            parent: QWidget | None = None) -> UserInfo | None:
        dialog = cls(session, user, parent)
        dialog.exec()
        return dialog.result_value
