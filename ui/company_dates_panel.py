"""A company's special dates (店庆/厂庆 founding day …): listed, added, edited (Edit button or a
double-click) and removed at once, each change its own save (the company's fields are saved separately with the company's version)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from hotelcrm.i18n import tr
from hotelcrm.services.guest_dto import CompanyInfo, SpecialDateInfo

from .form_widgets import select_data
from .guest_format import code_label, date_text
from .guest_row_kinds import company_date_kind
from .guest_special_date_dialog import SpecialDateDialog
from .guest_widgets import clear_layout, edit_button, edit_on_double_click, value_label
from .row_conflict import remove_row
from .ui_context import UserSession


def date_label(d: SpecialDateInfo) -> str:
    kind = code_label("special_date_kind", d.kind)
    return kind + (f" · {d.label}" if d.label else "")


def when_text(d: SpecialDateInfo) -> str:
    return f"{d.month:02d}-{d.day:02d}" if d.year is None else f"{d.year}-{d.month:02d}-{d.day:02d}"


class CompanyDatesPanel(QGroupBox):
    """``company`` None (a company not saved yet): only a hint, dates come after the first save."""

    changed = Signal(object)  # CompanyInfo after a date was added or removed

    def __init__(self, session: UserSession, company: CompanyInfo | None, editable: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("ui.company.dates"), parent)
        self.session = session
        self.company_id = company.id if company else None
        self.dates: tuple[SpecialDateInfo, ...] = company.special_dates if company else ()
        self.editable = editable and company is not None
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.add_button = QPushButton(tr("ui.date.add"))
        self.add_button.clicked.connect(self.add_date)
        self.add_button.setVisible(self.editable)
        self.remove_buttons: list[QToolButton] = []
        self.edit_buttons: list[QToolButton] = []
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._show()

    def _show(self) -> None:
        clear_layout(self.grid)
        self.remove_buttons = []
        self.edit_buttons = []
        if self.company_id is None:
            self.grid.addWidget(QLabel(tr("ui.company.dates_after_save"), objectName="hint", wordWrap=True), 0, 0)
            return
        if not self.dates:
            self.grid.addWidget(QLabel(tr("ui.card.none"), objectName="hint"), 0, 0)
        for row, d in enumerate(self.dates):
            title = QLabel(date_label(d))
            self.grid.addWidget(title, row, 0)
            self.grid.addWidget(value_label(when_text(d)), row, 1)
            self.grid.addWidget(QLabel(tr("ui.date.next", date=date_text(d.next_date)), objectName="hint"), row, 2)
            if self.editable:
                edit = edit_button(lambda date=d: self.edit_date(date))
                edit_on_double_click(title, lambda date=d: self.edit_date(date))
                self.grid.addWidget(edit, row, 3)
                self.edit_buttons.append(edit)
                remove = QToolButton(text="✕", toolTip=tr("ui.card.remove"), autoRaise=True)
                remove.clicked.connect(lambda _c=False, date=d: self.remove_date(date))
                self.grid.addWidget(remove, row, 4)
                self.remove_buttons.append(remove)
        self.grid.setColumnStretch(2, 1)

    def _companies(self):
        return self.session.ctx.services.companies(self.session.actor)

    def _update(self, company: CompanyInfo) -> None:
        self.dates = company.special_dates
        self._show()
        self.changed.emit(company)

    def add_date(self) -> None:
        companies, company_id = self._companies(), self.company_id
        dialog = SpecialDateDialog(self.session, lambda d: companies.add_special_date(company_id, d), self)
        select_data(dialog.kind, "company_founding")  # what a company's date usually is: 店庆/厂庆
        dialog.exec()
        if dialog.result_value is not None:
            self._update(dialog.result_value)

    def edit_date(self, d: SpecialDateInfo) -> None:
        """The add dialog, pre-filled; the save sends the date's version (a change or removal
        elsewhere meanwhile opens the conflict dialog)."""
        companies = self._companies()
        dialog = SpecialDateDialog(self.session, lambda draft: companies.update_special_date(d.id, d.version, draft),
                                   self, initial=d, kind=company_date_kind(self.session, self.company_id))
        dialog.exec()
        if dialog.result_value is not None:
            self._update(dialog.result_value)

    def remove_date(self, d: SpecialDateInfo) -> None:
        if not self.session.ctx.messages.confirm(self, tr("ui.company.remove_date_confirm", date=date_label(d))):
            return
        remove_row(self.session, company_date_kind(self.session, self.company_id), d, self._update, self)
