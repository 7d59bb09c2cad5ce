"""The parameter form of the report centre, built from what the chosen report asks for (period,
date, guest, complaint number, days) plus the report's language."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from hotelcrm.i18n import current_language, tr
from hotelcrm.services.report_catalogue import ReportInfo

from .form_widgets import form_layout, language_combo
from .ui_context import UserSession

if TYPE_CHECKING:
    from hotelcrm.reports import ReportParam

DEFAULT_DAYS = 180


def _first_of_last_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


class GuestPicker(QWidget):
    """A card number, or a name (phone, member number …) looked up with the guest search;
    Enter searches, the box below lists the hits."""

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.query = QLineEdit()
        self.query.setPlaceholderText(tr("ui.rcentre.guest_hint"))
        self.hits = QComboBox()
        self.hits.setMinimumWidth(220)
        self.hits.hide()
        self.query.returnPressed.connect(self.search)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query, 1)
        layout.addWidget(self.hits, 1)

    def search(self) -> None:
        text = self.query.text().strip()
        if not text or text.isdigit():
            self.hits.clear()
            self.hits.hide()
            return
        searcher = self.session.ctx.services.guest_search(self.session.actor)
        self.session.ctx.runner.run(lambda: searcher.search(text, limit=20), on_success=self._show_hits,
                                    parent=self, quiet=True)

    def _show_hits(self, hits) -> None:
        self.hits.clear()
        for hit in hits:
            self.hits.addItem(f"{hit.display_name} · {hit.id}", hit.id)
        if not hits:
            self.hits.addItem(tr("ui.rcentre.no_guest"), None)
        self.hits.show()

    def value(self) -> Any:
        """The card number typed, else the chosen hit, else the text (refused by the report)."""
        text = self.query.text().strip()
        if text.isdigit() or not text:
            return text or None
        chosen = self.hits.currentData() if not self.hits.isHidden() else None
        return chosen if chosen is not None else text


class ReportParamForm(QWidget):
    """``values()`` → the parameters for ``ReportService.render``; ``language()`` → zh_CN/en."""

    changed = Signal()

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.form = form_layout()
        self.setLayout(self.form)
        self.fields: dict[str, QWidget] = {}
        self._getters: dict[ReportParam, Any] = {}
        self.language_box = language_combo(current_language())
        self.language_box.currentIndexChanged.connect(self.changed)

    def show_report(self, info: ReportInfo | None) -> None:
        lang = self.language()  # kept from one report to the next
        while self.form.rowCount():
            self.form.removeRow(0)  # deletes the old fields
        self.fields.clear()
        self._getters.clear()
        self.language_box = language_combo(lang)
        self.language_box.currentIndexChanged.connect(self.changed)
        if info is None:
            return
        today = date.today()
        for param in (*info.required, *info.optional):
            widget, getter = self._field(param, today)
            self.fields[f"report_{param.value}"] = widget
            self._getters[param] = getter
            self.form.addRow(tr(f"field.report_{param.value}"), widget)
        self.fields["language"] = self.language_box
        self.form.addRow(tr("ui.rcentre.language"), self.language_box)

    def _field(self, param: ReportParam, today: date) -> tuple[QWidget, Any]:
        from hotelcrm.reports import ReportParam  # ReportLab loads when a form is built, not at start

        if param in (ReportParam.PERIOD_FROM, ReportParam.PERIOD_TO, ReportParam.DATE):
            start = _first_of_last_month(today)
            initial = {ReportParam.PERIOD_FROM: start, ReportParam.PERIOD_TO: today.replace(day=1) - timedelta(days=1),
                       ReportParam.DATE: today}[param]
            edit = QDateEdit(QDate(initial.year, initial.month, initial.day))
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.changed)
            return edit, lambda e=edit: e.date().toPython()
        if param is ReportParam.GUEST:
            picker = GuestPicker(self.session)
            picker.query.textChanged.connect(self.changed)
            return picker, picker.value
        if param is ReportParam.DAYS:
            spin = QSpinBox()
            spin.setRange(1, 3660)
            spin.setValue(DEFAULT_DAYS)
            spin.valueChanged.connect(self.changed)
            return spin, spin.value
        edit = QLineEdit()
        edit.setPlaceholderText(tr("ui.rcentre.complaint_hint"))
        edit.textChanged.connect(self.changed)
        return edit, lambda e=edit: e.text().strip() or None

    def set_value(self, param: ReportParam, value: Any) -> None:
        """For tests and for opening the centre on a given guest or complaint."""
        widget = self.fields[f"report_{param.value}"]
        if isinstance(widget, QDateEdit):
            widget.setDate(QDate(value.year, value.month, value.day))
        elif isinstance(widget, GuestPicker):
            widget.query.setText(str(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))

    def values(self) -> dict[ReportParam, Any]:
        return {param: getter() for param, getter in self._getters.items()}

    def language(self) -> str:
        return self.language_box.currentData()
