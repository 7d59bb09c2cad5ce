"""The conflict dialog at the check-in of a booking and at check-out: two desks check the same
guest in or out (two GUI sessions on one database, SQLite and PostgreSQL); the second sees both
versions of the stay; "apply" is refused by the stay's workflow (checked in / out already) with
the typing kept, "discard" takes theirs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hotelcrm.services.stay_dto import CheckoutDraft, StayDraft
from tests.ui.conflict_answer import answer  # noqa: F401 - fixture
from tests.ui.conflict_backends import sqlite_db  # noqa: F401 - both backends under ctx
from tests.ui.test_guest_helpers import wang_wei
from ui.stay_check_out_dialog import CheckOutDialog


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_a_guest_checked_out_at_both_desks(qtbot, session_for, answer, button):  # noqa: F811
    first, second = session_for("clerk", "desk.one"), session_for("clerk", "desk.two")
    card = wang_wei(first)
    stays = first.ctx.services.stays
    stay = stays(first.actor).check_in(card.id, StayDraft(departure_date=date.today() + timedelta(days=2),
                                                          room_no="0808", rate_cents=68800))
    dialog = CheckOutDialog(second, stays(second.actor).get(stay.id), card.display_name)
    qtbot.addWidget(dialog)
    stays(first.actor).check_out(stay.id, stay.version, CheckoutDraft(spend_room_cents=68800))
    dialog.amounts["spend_fnb_cents"].setText("120")
    answer.button = button
    dialog.buttons.buttons()[0].click()
    (rows,) = answer.seen
    assert rows["Stay status"] == ("Checked out", "Checked out")
    assert rows["Food & beverage"] == ("CNY 0.00", "CNY 120.00")
    now = stays(second.actor).get(stay.id)
    assert (now.status, now.spend_room_cents, now.spend_fnb_cents) == ("checked_out", 68800, 0)  # theirs stays
    if button == "reapply":
        assert dialog.result_value is None and dialog.errors.text  # the workflow refuses a second check-out
        assert dialog.amounts["spend_fnb_cents"].text() == "120"
    else:
        assert dialog.result_value == now


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_a_booking_checked_in_at_both_desks(qtbot, session_for, answer, button):  # noqa: F811
    from ui.stay_check_in_dialog import CheckInDialog

    first, second = session_for("clerk", "desk.one"), session_for("clerk", "desk.two")
    card = wang_wei(first)
    stays = first.ctx.services.stays
    booked = stays(first.actor).book(card.id, StayDraft(arrival_date=date.today(), room_type="Deluxe King",
                                                        departure_date=date.today() + timedelta(days=3)))
    (row,) = stays(second.actor).arriving()
    dialog = CheckInDialog(second, card.id, card.display_name, "CNY", booking=row)
    qtbot.addWidget(dialog)
    stays(first.actor).check_in_booking(booked.id, booked.version, StayDraft(
        departure_date=booked.departure_date, room_no="0808", room_type="Deluxe King"))
    dialog.room_no.setText("0909")
    answer.button = button
    dialog.buttons.buttons()[0].click()
    (rows,) = answer.seen
    assert rows["Stay status"] == ("In house", "In house") and rows["Room no."] == ("0808", "0909")
    assert rows["Room type"] == ("Deluxe King", "Deluxe King")  # the same: not highlighted
    now = stays(second.actor).get(booked.id)
    assert (now.status, now.room_no) == ("in_house", "0808")  # theirs stays
    if button == "reapply":  # checked in once: the workflow refuses a second check-in, typing kept
        assert dialog.result_value is None and dialog.errors.text and dialog.room_no.text() == "0909"
    else:
        assert dialog.result_value == now
