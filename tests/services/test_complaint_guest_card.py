"""The guest's complaints on the card (Feedback group) and in the check-in brief."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hotelcrm.services.checkin_brief_service import CheckinBriefService
from hotelcrm.services.complaint_service import ComplaintService
from hotelcrm.services.guest_card_service import GuestCardService

from .complaint_helpers import category_id, receive
from .test_stay_service import add_guest


def test_card_and_brief_list_the_guests_complaints(db, make_actor):
    lobby, clerk = make_actor("lobby_manager"), make_actor("clerk")
    guest = add_guest(db, "周", "杰")
    old = receive(db, lobby, guest_id=guest, severity="critical", category_id=category_id(db, lobby, "billing"),
                  received_at=datetime.now(UTC) - timedelta(days=3))
    ComplaintService(db, lobby).withdraw(old.id, old.version, "Bill explained, guest satisfied")
    late = receive(db, lobby, guest_id=guest, severity="critical", received_at=datetime.now(UTC) - timedelta(hours=2))
    receive(db, lobby)  # someone else's

    card = GuestCardService(db, clerk).card(guest)
    assert [c.number for c in card.complaints] == [late.number, old.number]
    newest = card.complaints[0]
    assert (newest.state, newest.open, newest.overdue, newest.category) == ("listened", True, True, "Noise")
    assert (card.complaints[1].state, card.complaints[1].open, card.complaints[1].overdue) == (
        "withdrawn", False, False)
    brief = CheckinBriefService(db, clerk).brief(guest)
    assert [c.number for c in brief.complaints] == [late.number, old.number]
    assert brief.complaints[0].received_on == late.received_at.astimezone().date()


def test_a_complaint_of_an_in_house_guest_belongs_to_the_current_stay(db, make_actor):
    from datetime import date

    from hotelcrm.services.stay_dto import StayDraft
    from hotelcrm.services.stay_service import StayService

    lobby = make_actor("lobby_manager")
    guest = add_guest(db, "林", "海")
    stay = StayService(db, make_actor("clerk")).check_in(
        guest, StayDraft(departure_date=date.today() + timedelta(days=2), room_no="1208"))
    detail = receive(db, lobby, guest_id=guest)
    assert (detail.stay_id, detail.room_no) == (stay.id, "1208")
    elsewhere = receive(db, lobby, guest_id=guest, room_no="0101")  # another room: not this stay
    assert elsewhere.stay_id is None
    assert receive(db, lobby).stay_id is None  # no guest, no stay
