"""Check a guest out: the stay's spend per category, discounts and what was left unpaid."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from hotelcrm.domain.errors import Conflict, HotelCrmError
from hotelcrm.domain.stay_rules import parse_money
from hotelcrm.i18n import tr
from hotelcrm.services.stay_dto import CheckoutDraft, StayInfo

from .conflict_dialog import shown
from .error_display import error_message
from .form_widgets import FormErrors, form_layout, ok_cancel_buttons
from .guest_format import code_label, money_text
from .row_conflict import Outcome, RowKind, ShowsRefusal, resolve_record_edit
from .stay_check_in_dialog import date_edit, to_date
from .ui_context import UserSession

AMOUNTS = ("spend_room_cents", "spend_fnb_cents", "spend_other_cents", "discount_cents", "unpaid_cents")
UNSET: Any = object()  # nothing of a check-out is "as it was": every typed value is this desk's


@dataclass(frozen=True)
class Checkout:
    """A stay's check-out as the conflict dialog compares it: the stay now, or as typed here."""

    status: Any
    departure_date: Any
    spend_room_cents: Any
    spend_fnb_cents: Any
    spend_other_cents: Any
    discount_cents: Any
    unpaid_cents: Any

    @property
    def draft(self) -> CheckoutDraft:
        return CheckoutDraft(**{name: getattr(self, name) for name in AMOUNTS}, departure_date=self.departure_date)


def checkout_of(stay: StayInfo) -> Checkout:
    return Checkout(stay.status, stay.departure_date, *(getattr(stay, name) for name in AMOUNTS))


class CheckOutDialog(ShowsRefusal, QDialog):
    """Sends the stay's version: a stay changed at another desk meanwhile is refused (Conflict)
    and the typed amounts stay in the dialog."""

    def __init__(self, session: UserSession, stay: StayInfo, guest_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stay = stay
        self.result_value: StayInfo | None = None
        self.title = QLabel(tr("ui.stay.check_out.heading", name=guest_name), objectName="dialogTitle")
        self.summary = QLabel(tr("ui.stay.check_out.summary", room=stay.room_no or "—",
                                 room_type=stay.room_type or "—", arrival=stay.arrival_date.isoformat(),
                                 departure=stay.departure_date.isoformat(),
                                 rate=money_text(stay.rate_cents, stay.currency)), objectName="hint")
        self.summary.setWordWrap(True)
        self.amounts = {name: QLineEdit() for name in AMOUNTS}
        for edit in self.amounts.values():
            edit.setPlaceholderText("0.00")
        today = date.today()
        self.departure = date_edit(today)
        self.departure.setMaximumDate(QDate(today.year, today.month, today.day))
        self.departure.setMinimumDate(QDate(stay.arrival_date.year, stay.arrival_date.month,
                                            stay.arrival_date.day))
        self.errors = FormErrors(QLabel(), {**self.amounts, "departure_date": self.departure})
        self.buttons = ok_cancel_buttons(tr("ui.stay.check_out"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._build()

    def _build(self) -> None:
        self.setWindowTitle(tr("ui.stay.check_out.title"))
        form = form_layout()
        for name, edit in self.amounts.items():
            form.addRow(tr("ui.stay.amount_label", field=tr(f"ui.stay.label.{name}"), currency=self.stay.currency), edit)
        form.addRow(tr("ui.stay.actual_departure"), self.departure)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def draft(self) -> CheckoutDraft:
        values = {name: parse_money(edit.text(), name, self.stay.currency) for name, edit in self.amounts.items()}
        return CheckoutDraft(**values, departure_date=to_date(self.departure))

    def _submit(self) -> None:
        self.errors.clear()
        try:
            draft = self.draft()
        except HotelCrmError as exc:
            self.errors.show(error_message(exc), exc)
            return
        stays = self.session.ctx.services.stays(self.session.actor)
        stay = self.stay
        self.typed = Checkout("checked_out", draft.departure_date, *(getattr(draft, name) for name in AMOUNTS))
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(lambda: stays.check_out(stay.id, stay.version, draft),
                                    on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, info: StayInfo) -> None:
        self.result_value = info
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict):  # the stay changed at another desk meanwhile
            unset = Checkout(*(UNSET for _f in fields(Checkout)))
            resolve_record_edit(self.session, self._kind(), self.stay, unset, self.typed,
                                Outcome(self._saved, self._saved, self._refused), self)
            return
        self._refused(text, error)

    def _kind(self) -> RowKind:
        stays, stay_id, currency = self.session.ctx.services.stays(self.session.actor), self.stay.id, self.stay.currency

        def text(name: str, value, _draft) -> str:
            if name == "status":
                return code_label("stay_status", value)
            if name in AMOUNTS:
                return money_text(value, currency)
            return shown(value or date.today())  # no departure typed: today

        labels = {"status": tr("ui.conflict.stay_status"), "departure_date": tr("field.departure_date"),
                  **{name: tr(f"ui.stay.label.{name}") for name in AMOUNTS}}
        return RowKind(entity="stay", what=tr("ui.conflict.what.stay"), labels=labels,
                       load=lambda: stays.get(stay_id), draft_of=checkout_of, text=text,
                       update=lambda now, typed: stays.check_out(now.id, now.version, typed.draft))

    @classmethod
    def ask(cls, session: UserSession, stay: StayInfo, guest_name: str,
            parent: QWidget | None = None) -> StayInfo | None:
        dialog = cls(session, stay, guest_name, parent)
        dialog.exec()
        return dialog.result_value
