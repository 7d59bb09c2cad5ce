"""Enter a stay afterwards (e.g. from a paper registration card): dates, room, rate and spend."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import HotelCrmError
from hotelcrm.domain.stay_rules import parse_money
from hotelcrm.i18n import tr
from hotelcrm.services.stay_dto import CheckoutDraft, StayDraft, StayInfo

from .error_display import error_message
from .form_widgets import FormErrors, form_layout
from .stay_check_in_dialog import date_edit, to_date
from .stay_check_out_dialog import AMOUNTS
from .ui_context import UserSession

TEXTS = ("room_no", "room_type", "channel", "segment")


class PastStayDialog(QDialog):
    def __init__(self, session: UserSession, guest_id: int, guest_name: str, currency: str = "CNY",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guest_id = guest_id
        self.currency = currency
        self.result_value: StayInfo | None = None
        today = date.today()
        self.arrival = date_edit(today - timedelta(days=2))
        self.departure = date_edit(today - timedelta(days=1))
        for edit in (self.arrival, self.departure):
            edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.texts = {name: QLineEdit(maxLength=40) for name in TEXTS}
        self.rate = QLineEdit()
        self.amounts = {name: QLineEdit() for name in AMOUNTS}
        self.errors = FormErrors(QLabel(), {**self.texts, **self.amounts, "rate_cents": self.rate,
                                            "arrival_date": self.arrival, "departure_date": self.departure})
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.setWindowTitle(tr("ui.stay.past.title"))
        form = form_layout()
        form.addRow(tr("ui.stay.column.arrival"), self.arrival)
        form.addRow(tr("ui.stay.column.departure"), self.departure)
        for name, edit in self.texts.items():
            form.addRow(tr(f"ui.stay.label.{name}"), edit)
        form.addRow(tr("ui.stay.rate_label", currency=currency), self.rate)
        for name, edit in self.amounts.items():
            form.addRow(tr("ui.stay.amount_label", field=tr(f"ui.stay.label.{name}"), currency=currency), edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(QLabel(tr("ui.stay.past.heading", name=guest_name), objectName="dialogTitle"))
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def drafts(self) -> tuple[StayDraft, CheckoutDraft]:
        text = {name: edit.text().strip() or None for name, edit in self.texts.items()}
        stay = StayDraft(departure_date=to_date(self.departure), arrival_date=to_date(self.arrival),
                         rate_cents=parse_money(self.rate.text(), "rate_cents", self.currency),
                         currency=self.currency, **text)
        money = {name: parse_money(edit.text(), name, self.currency) for name, edit in self.amounts.items()}
        return stay, CheckoutDraft(**money)

    def _submit(self) -> None:
        self.errors.clear()
        try:
            stay, checkout = self.drafts()
        except HotelCrmError as exc:
            self.errors.show(error_message(exc), exc)
            return
        stays, guest_id = self.session.ctx.services.stays(self.session.actor), self.guest_id
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: stays.record_past_stay(guest_id, stay, checkout),
                                    on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, info: StayInfo) -> None:
        self.result_value = info
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(text, error)
