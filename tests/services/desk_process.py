"""What one desk does in its own process (started with ``spawn`` by test_two_process_numbers):
waits for the other desk, then numbers ``count`` complaints or enrols its guests, and sends the
numbers (or the error) back."""

from __future__ import annotations

from hotelcrm.db.engine import Database
from hotelcrm.domain.permissions import Role
from hotelcrm.services.actor import Actor
from hotelcrm.services.complaint_dto import NewComplaint
from hotelcrm.services.complaint_service import ComplaintService
from hotelcrm.services.loyalty_member_service import LoyaltyMemberService


def run_desk(url: str, user: tuple[int, str, str], kind: str, items: list[int], start, results) -> None:
    db = Database.open(url)
    actor = Actor(user[0], user[1], Role(user[2]))
    numbers: list[str] = []
    try:
        start.wait()
        for item in items:
            if kind == "complaint":
                detail = ComplaintService(db, actor).receive(NewComplaint("phone", item, "low", "Noise at night"))
                numbers.append(detail.number)
            else:
                numbers.append(LoyaltyMemberService(db, actor).enrol(item).member_no)
        results.put(("ok", numbers))
    except BaseException as exc:  # noqa: BLE001 - sent to the test, which fails on it
        results.put(("error", repr(exc)))
    finally:
        db.dispose()
