"""Add a structured preference (or review an observation into one) with the pick-lists, or edit
one in place (the same dialog, pre-filled)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain import codes
from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import PreferenceDraft, PreferenceInfo

from .form_widgets import FormErrors, form_layout, select_data
from .guest_format import code_label
from .guest_pref_labels import PreferenceLabels, key_label
from .row_conflict import RowEditing, RowKind
from .ui_context import UserSession

Save = Callable[[PreferenceDraft], Any]


class PreferenceDialog(QDialog, RowEditing):
    """``save`` runs through the task runner; on an error the dialog stays with what was typed.
    Keys and values are offered from the pick-lists; a value may also be typed freely. With
    ``initial`` the dialog edits that preference (pre-filled, titled "Edit preference")."""

    def __init__(self, session: UserSession, labels: PreferenceLabels, save: Save, *, group: str = "room",
                 context: str = "", title: str | None = None, parent: QWidget | None = None,
                 initial: PreferenceInfo | None = None, kind: RowKind | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.labels = labels
        self.save = save
        self.result_value: Any = None
        self.group = QComboBox()
        for code in codes.PREFERENCE_GROUP:
            self.group.addItem(code_label("preference_group", code), code)
        select_data(self.group, initial.pref_group if initial else group)
        self.key = QComboBox()
        self.key.setEditable(True)
        self.value = QComboBox()
        self.value.setEditable(True)
        self.note = QLineEdit(maxLength=500)
        self.group.currentIndexChanged.connect(lambda _i: self._fill_keys())
        self.key.currentIndexChanged.connect(lambda _i: self._fill_values())
        self.errors = FormErrors(QLabel(), {"pref_group": self.group, "pref_key": self.key,
                                            "pref_value": self.value, "value": self.value, "note": self.note})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.setWindowTitle(title or tr("ui.edit.title.preference" if initial else "ui.pref.add_title"))
        form = form_layout()
        form.addRow(tr("field.pref_group"), self.group)
        form.addRow(tr("field.pref_key"), self.key)
        form.addRow(tr("field.pref_value"), self.value)
        form.addRow(tr("field.pref_note"), self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        if context:
            quote = QLabel(context, objectName="hint", wordWrap=True)
            layout.addWidget(quote)
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self._fill_keys()
        if initial is not None:
            self._select(self.key, initial.pref_key)
            self._select(self.value, initial.value)
            self.note.setText(initial.note or "")
            self.track_row(kind, initial)  # a save refused by another desk's change: the conflict dialog

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        """The item of ``code``, or the code as typed text when the pick-list no longer has it."""
        index = combo.findData(code)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setEditText(code)

    def _fill_keys(self) -> None:
        self.key.blockSignals(True)
        self.key.clear()
        for key in self.labels.keys(self.group.currentData()):
            self.key.addItem(key_label(key), key)
        self.key.blockSignals(False)
        self._fill_values()

    def _fill_values(self) -> None:
        self.value.clear()
        for option in self.labels.values(self.group.currentData(), self._key()):
            self.value.addItem(self.labels.value_label(option.pref_group, option.pref_key, option.value),
                               option.value)

    @staticmethod
    def _typed(combo: QComboBox) -> str:
        """The code behind the shown label, or the typed text when it matches no item."""
        text = combo.currentText().strip()
        index = combo.findText(text)
        return combo.itemData(index) if index >= 0 and combo.itemData(index) else text

    def _key(self) -> str:
        return self._typed(self.key)

    def draft(self) -> PreferenceDraft:
        return PreferenceDraft(pref_group=self.group.currentData(), pref_key=self._key(),
                               value=self._typed(self.value), note=self.note.text().strip() or None)

    def _submit(self) -> None:
        self.errors.clear()
        draft = self.typed_draft = self.draft()
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: self.save(draft), on_success=self._saved, on_failure=self._failed,
                                    parent=self)

    def _saved(self, result: Any) -> None:
        self.result_value = result
        self.accept()
