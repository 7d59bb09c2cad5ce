"""Check a guest in: room, room type, rate, expected departure, channel, segment, persons."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import Conflict, HotelCrmError
from hotelcrm.domain.stay_rules import format_money, parse_money
from hotelcrm.i18n import tr
from hotelcrm.services.stay_dto import StayDraft, StayInfo, StayRow

from .conflict_dialog import shown
from .error_display import error_message
from .form_widgets import FormErrors, form_layout, ok_cancel_buttons
from .guest_format import code_label, money_text
from .row_conflict import Outcome, RowKind, ShowsRefusal, resolve_record_edit
from .ui_context import UserSession

BOOKING_FIELDS = ("room_no", "room_type", "rate_cents", "departure_date", "channel", "segment", "adults", "children")


@dataclass(frozen=True)
class Flat:
    """An expected stay's status and booking fields, as the conflict dialog compares them."""

    status: Any
    room_no: Any
    room_type: Any
    rate_cents: Any
    departure_date: Any
    channel: Any
    segment: Any
    adults: Any
    children: Any


def flat_of(stay: StayInfo | Flat) -> Flat:
    if isinstance(stay, Flat):
        return stay
    return Flat(stay.status, **{name: getattr(stay, name) for name in BOOKING_FIELDS})


def date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def to_date(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


class CheckInDialog(ShowsRefusal, QDialog):
    """From the card (``booking`` None: a walk-in, or the guest's expected stay of today) or
    from "arriving today" (``booking``: that expected stay, sent with its version)."""

    def __init__(self, session: UserSession, guest_id: int, guest_name: str, currency: str = "CNY",
                 booking: StayRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guest_id = guest_id
        self.booking = booking
        self.currency = currency
        self.result_value: StayInfo | None = None
        today = date.today()
        self.title = QLabel(tr("ui.stay.check_in.heading", name=guest_name), objectName="dialogTitle")
        self.room_no = QLineEdit(booking.room_no or "" if booking else "", maxLength=10)
        self.room_type = QLineEdit(booking.room_type or "" if booking else "", maxLength=40)
        self.rate = QLineEdit()
        self.rate.setPlaceholderText(format_money(68800, currency))
        self.departure = date_edit(booking.departure_date if booking else today + timedelta(days=1))
        self.departure.setMinimumDate(QDate(today.year, today.month, today.day))
        self.channel = QLineEdit(maxLength=40)
        self.channel.setPlaceholderText(tr("ui.stay.channel_hint"))
        self.segment = QLineEdit(maxLength=40)
        self.segment.setPlaceholderText(tr("ui.stay.segment_hint"))
        self.adults = QSpinBox(minimum=1, maximum=20, value=booking.adults if booking else 1)
        self.children = QSpinBox(minimum=0, maximum=20, value=booking.children if booking else 0)
        self.errors = FormErrors(QLabel(), {
            "room_no": self.room_no, "room_type": self.room_type, "rate_cents": self.rate,
            "departure_date": self.departure, "channel": self.channel, "segment": self.segment,
            "adults": self.adults, "children": self.children})
        self.buttons = ok_cancel_buttons(tr("ui.stay.check_in"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._build()

    def _build(self) -> None:
        self.setWindowTitle(tr("ui.stay.check_in.title"))
        form = form_layout()
        form.addRow(tr("ui.stay.label.room_no"), self.room_no)
        form.addRow(tr("ui.stay.label.room_type"), self.room_type)
        form.addRow(tr("ui.stay.rate_label", currency=self.currency), self.rate)
        form.addRow(tr("ui.stay.expected_departure"), self.departure)
        form.addRow(tr("ui.stay.label.channel"), self.channel)
        form.addRow(tr("ui.stay.label.segment"), self.segment)
        persons = QHBoxLayout()
        persons.addWidget(QLabel(tr("ui.stay.label.adults")))
        persons.addWidget(self.adults)
        persons.addSpacing(16)
        persons.addWidget(QLabel(tr("ui.stay.label.children")))
        persons.addWidget(self.children)
        persons.addStretch(1)
        form.addRow(tr("ui.stay.persons"), persons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        if self.booking is not None:
            layout.addWidget(QLabel(tr("ui.stay.check_in.booking", arrival=self.booking.arrival_date.isoformat()),
                                    objectName="hint"))
        layout.addLayout(form)
        layout.addWidget(self.errors.label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.initial = self.draft() if self.booking is not None else None  # for the conflict dialog

    def draft(self) -> StayDraft:
        """What was typed; a malformed rate raises the ValidationError naming it."""
        return StayDraft(
            departure_date=to_date(self.departure), room_no=self.room_no.text().strip() or None,
            room_type=self.room_type.text().strip() or None,
            rate_cents=parse_money(self.rate.text(), "rate_cents", self.currency),
            channel=self.channel.text().strip() or None, segment=self.segment.text().strip() or None,
            adults=self.adults.value(), children=self.children.value(), currency=self.currency)

    def _submit(self) -> None:
        self.errors.clear()
        try:
            draft = self.draft()
        except HotelCrmError as exc:
            self.errors.show(error_message(exc), exc)
            return
        stays = self.session.ctx.services.stays(self.session.actor)
        booking, guest_id = self.booking, self.guest_id
        if booking is not None:
            work = lambda: stays.check_in_booking(booking.stay_id, booking.stay_version, draft)  # noqa: E731
            self.typed = draft
        else:
            work = lambda: stays.check_in(guest_id, draft)  # noqa: E731
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(work, on_success=self._saved, on_failure=self._failed, parent=self)

    def _saved(self, info: StayInfo) -> None:
        self.result_value = info
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict) and self.booking is not None:  # the booking changed at another desk
            self._resolve()
            return
        self._refused(text, error)

    def _resolve(self) -> None:
        """Fields are compared as the booking's ``StayDraft`` (status beside them): the fields
        changed here are checked in over theirs; a stay checked in elsewhere is refused by its
        workflow."""
        stays, stay_id, currency = self.session.ctx.services.stays(self.session.actor), self.booking.stay_id, \
            self.currency

        def text(name: str, value, _draft) -> str:
            if name == "status":
                return code_label("stay_status", value)
            return money_text(value, currency) if name == "rate_cents" else shown(value)

        def save(now: StayInfo, typed: Flat) -> StayInfo:
            values = {name: getattr(typed, name) for name in BOOKING_FIELDS}
            return stays.check_in_booking(now.id, now.version, replace(self.typed, **values))

        labels = {"status": tr("ui.conflict.stay_status"), "departure_date": tr("ui.stay.expected_departure"),
                  "rate_cents": tr("ui.stay.rate_label", currency=currency),
                  **{name: tr(f"ui.stay.label.{name}") for name in BOOKING_FIELDS
                     if name not in ("departure_date", "rate_cents")}}
        kind = RowKind(entity="stay", what=tr("ui.conflict.what.stay"), labels=labels,
                       load=lambda: stays.get(stay_id), draft_of=flat_of, text=text,
                       update=save)
        started = Flat(self.booking.status, **{n: getattr(self.initial, n) for n in BOOKING_FIELDS})
        typed = replace(started, status="in_house", **{n: getattr(self.typed, n) for n in BOOKING_FIELDS})
        resolve_record_edit(self.session, kind, started, started, typed,
                            Outcome(self._saved, self._saved, self._refused), self)

    @classmethod
    def ask(cls, session: UserSession, guest_id: int, guest_name: str, currency: str = "CNY",
            booking: StayRow | None = None, parent: QWidget | None = None) -> StayInfo | None:
        dialog = cls(session, guest_id, guest_name, currency, booking, parent)
        dialog.exec()
        return dialog.result_value
