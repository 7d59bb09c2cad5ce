"""Add a special date (birthday, anniversary, founding day, a child's school start ...), or edit
one in place (the same dialog, pre-filled)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain import codes
from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import SpecialDateDraft, SpecialDateInfo

from .form_widgets import FormErrors, select_data
from .guest_format import code_label
from .row_conflict import RowEditing, RowKind
from .ui_context import UserSession


class SpecialDateDialog(QDialog, RowEditing):
    """Month and day recur every year; the year is optional (0 = not known). With ``initial``
    the dialog edits that date (pre-filled, titled "Edit special date")."""

    def __init__(self, session: UserSession, save: Callable[[SpecialDateDraft], Any],
                 parent: QWidget | None = None, *, initial: SpecialDateInfo | None = None,
                 kind: RowKind | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.save = save
        self.result_value: Any = None
        self.kind = QComboBox()
        for code in codes.SPECIAL_DATE_KIND:
            self.kind.addItem(code_label("special_date_kind", code), code)
        self.month = QSpinBox(minimum=1, maximum=12)
        self.day = QSpinBox(minimum=1, maximum=31)
        self.year = QSpinBox(minimum=0, maximum=2100)
        self.year.setSpecialValueText(tr("ui.date.year_unknown"))
        self.label = QLineEdit(maxLength=200)
        self.remind = QSpinBox(minimum=0, maximum=60, value=7)
        self.errors = FormErrors(QLabel(), {"kind": self.kind, "month": self.month, "day": self.day,
                                            "year": self.year, "label": self.label,
                                            "remind_days_before": self.remind})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.initial = initial
        if initial is not None:
            select_data(self.kind, initial.kind)
            self.month.setValue(initial.month)
            self.day.setValue(initial.day)
            self.year.setValue(initial.year or 0)
            self.label.setText(initial.label or "")
            self.remind.setValue(initial.remind_days_before)
        self.setWindowTitle(tr("ui.edit.title.special_date" if initial else "ui.date.add_title"))
        when = QHBoxLayout()
        for text, spin in ((tr("field.month"), self.month), (tr("field.day"), self.day),
                           (tr("field.year"), self.year)):
            when.addWidget(QLabel(text))
            when.addWidget(spin)
        when.addStretch(1)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(tr("field.special_date_kind"), self.kind)
        form.addRow(tr("field.date"), when)
        form.addRow(tr("field.special_date_label"), self.label)
        form.addRow(tr("field.remind_days_before"), self.remind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.track_row(kind, initial)  # a save refused by another desk's change: the conflict dialog

    def draft(self) -> SpecialDateDraft:
        return SpecialDateDraft(kind=self.kind.currentData(), month=self.month.value(), day=self.day.value(),
                                year=self.year.value() or None, label=self.label.text().strip() or None,
                                remind_days_before=self.remind.value(),
                                sensitive=self.initial.sensitive if self.initial else False)

    def _submit(self) -> None:
        self.errors.clear()
        draft = self.typed_draft = self.draft()
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: self.save(draft), on_success=self._saved, on_failure=self._failed,
                                    parent=self)

    def _saved(self, result: Any) -> None:
        self.result_value = result
        self.accept()
