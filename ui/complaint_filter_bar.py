"""The filters above the complaint list: state, category, department, severity, overdue, period
and a search box for a number or a guest's name. Emits ``changed`` with a ``ComplaintFilter``."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from hotelcrm.domain import codes
from hotelcrm.i18n import tr
from hotelcrm.services.complaint_dto import CategoryInfo, ComplaintFilter, DepartmentInfo

from .complaint_format import lang, severity_text
from .guest_format import code_label

DEBOUNCE_MS = 250
PERIODS = ("all", "today", "last_7", "last_30", "this_month", "last_month", "this_year")
OPEN, ALL = "__open", "__all"


def period_range(period: str, today: date) -> tuple[date | None, date | None]:
    """The local calendar days a period preset covers (both ends inclusive)."""
    if period == "today":
        return today, today
    if period == "last_7":
        return today - timedelta(days=6), today
    if period == "last_30":
        return today - timedelta(days=29), today
    if period == "this_month":
        return today.replace(day=1), today
    if period == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    if period == "this_year":
        return today.replace(month=1, day=1), today
    return None, None


class ComplaintFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(objectName="complaintSearch")
        self.search.setPlaceholderText(tr("ui.complaint.search_placeholder"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(100)
        self.search.setMinimumWidth(220)
        self.state = QComboBox()
        self.state.addItem(tr("ui.complaint.filter.open"), OPEN)
        self.state.addItem(tr("ui.complaint.filter.all_states"), ALL)
        for state in codes.COMPLAINT_STATE:
            self.state.addItem(code_label("complaint_state", state), state)
        self.category = QComboBox()
        self.department = QComboBox()
        self.set_categories(())
        self.set_departments(())
        self.severity = QComboBox()
        self.severity.addItem(tr("ui.complaint.filter.all_severities"), None)
        for severity in codes.SEVERITY:
            self.severity.addItem(severity_text(severity), severity)
        self.period = QComboBox()
        for period in PERIODS:
            self.period.addItem(tr(f"ui.complaint.period.{period}"), period)
        self.overdue = QCheckBox(tr("ui.complaint.filter.overdue"))
        for combo in (self.state, self.category, self.department, self.severity, self.period):
            combo.setToolTip(tr("ui.complaint.filter.tooltip"))
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.overdue.toggled.connect(lambda _c: self.changed.emit())
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.changed.emit)
        self.search.textEdited.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self._search_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.search, 2)
        for widget in (self.state, self.category, self.department, self.severity, self.period):
            layout.addWidget(widget, 1)
        layout.addWidget(self.overdue)

    def _search_now(self) -> None:
        self.timer.stop()
        self.changed.emit()

    def set_categories(self, categories: tuple[CategoryInfo, ...]) -> None:
        self._fill(self.category, tr("ui.complaint.filter.all_categories"),
                   [(c.id, c.name(lang())) for c in categories])

    def set_departments(self, departments: tuple[DepartmentInfo, ...]) -> None:
        self._fill(self.department, tr("ui.complaint.filter.all_departments"),
                   [(d.id, d.name(lang())) for d in departments])

    def _fill(self, combo: QComboBox, all_text: str, items: list[tuple[int, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for key, text in items:
            combo.addItem(text, key)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def show_overdue(self) -> None:
        """Open complaints past a time target (the status bar's link)."""
        self.blockSignals(True)
        self.state.setCurrentIndex(self.state.findData(OPEN))
        self.overdue.setChecked(True)
        self.blockSignals(False)
        self.changed.emit()

    def current(self, today: date | None = None) -> ComplaintFilter:
        state = self.state.currentData()
        start, end = period_range(self.period.currentData(), today or date.today())
        return ComplaintFilter(
            states=() if state in (OPEN, ALL) else (state,),
            open_only=state == OPEN,
            category_id=self.category.currentData(),
            department_id=self.department.currentData(),
            severity=self.severity.currentData(),
            overdue_only=self.overdue.isChecked(),
            received_from=start, received_to=end,
            search=self.search.text().strip() or None,
        )
