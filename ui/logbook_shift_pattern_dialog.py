"""When the morning, afternoon and night shifts start (administrators; a hotel-wide setting)."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialog, QLabel, QTimeEdit, QVBoxLayout, QWidget

from hotelcrm.domain.logbook_shifts import SHIFT_KINDS, ShiftPattern
from hotelcrm.i18n import tr

from .form_widgets import FormErrors, form_layout, ok_cancel_buttons
from .ui_context import UserSession


class ShiftPatternDialog(QDialog):
    def __init__(self, session: UserSession, pattern: ShiftPattern, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.result_value: ShiftPattern | None = None
        self.times: dict[str, QTimeEdit] = {}
        form = form_layout()
        for kind in SHIFT_KINDS:
            start = pattern.start(kind)
            edit = QTimeEdit(QTime(start.hour, start.minute))
            edit.setDisplayFormat("HH:mm")
            self.times[kind] = edit
            form.addRow(tr(f"field.logbook_shift_{kind}"), edit)
        self.errors = FormErrors(QLabel(), {f"logbook_shift_{k}": e for k, e in self.times.items()}
                                 | {"logbook_shift_pattern": self.times["morning"]})
        self.buttons = ok_cancel_buttons()
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        explain = QLabel(tr("ui.logbook.pattern_explain"))
        explain.setWordWrap(True)
        self.setWindowTitle(tr("ui.logbook.pattern_title"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def values(self) -> dict[str, str]:
        return {kind: edit.time().toString("HH:mm") for kind, edit in self.times.items()}

    def _submit(self) -> None:
        self.errors.clear()
        shifts, values = self.session.ctx.services.logbook_shifts(self.session.actor), self.values()
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: shifts.set_pattern(values), on_success=self._saved,
                                    on_failure=self._failed, parent=self)

    def _saved(self, pattern: ShiftPattern) -> None:
        self.result_value = pattern
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)
