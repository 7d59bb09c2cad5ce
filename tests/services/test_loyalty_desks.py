"""Two desks at once (member numbers, redemptions), the balance as the ledger's sum after a
random sequence of operations, roles, and the search row after enrolment — on both backends."""

from __future__ import annotations

import random
import threading
from datetime import date, timedelta

import pytest

from hotelcrm.db.engine import Database
from hotelcrm.db.models import Guest, Stay
from hotelcrm.domain.errors import HotelCrmError, PermissionDenied, ValidationError
from hotelcrm.services.guest_search_service import GuestSearchService
from hotelcrm.services.loyalty_config_service import LoyaltyConfigService
from hotelcrm.services.loyalty_dto import TierDraft
from hotelcrm.services.loyalty_ledger_service import LoyaltyLedgerService
from hotelcrm.services.loyalty_member_service import LoyaltyMemberService
from hotelcrm.services.loyalty_review_service import LoyaltyReviewService
from hotelcrm.services.stay_dto import CheckoutDraft
from hotelcrm.services.stay_service import StayService

PER_DESK = 6
TODAY = date.today()


def guests(db, n: int) -> list[int]:
    with db.write() as s:
        rows = [Guest(family_name="测", given_name=f"试{i}") for i in range(n)]
        s.add_all(rows)
        s.flush()
        return [g.id for g in rows]


def at_two_desks(db, actors, work) -> list[BaseException]:
    url = db.engine.url.render_as_string(hide_password=False)
    start = threading.Barrier(len(actors))
    errors: list[BaseException] = []

    def desk(index, actor):
        own = Database.open(url)  # a second PC: its own engine and sessions
        try:
            start.wait()
            work(own, index, actor)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=desk, args=(i, a)) for i, a in enumerate(actors)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_two_desks_enrolling_at_once_get_distinct_numbers(db, make_actor):
    actors = [make_actor("clerk"), make_actor("clerk")]
    LoyaltyConfigService(db, actors[0]).tiers()
    ids = guests(db, 2 * PER_DESK)
    numbers: list[str] = []
    lock = threading.Lock()

    def work(own, index, actor):
        for guest_id in ids[index::2]:
            detail = LoyaltyMemberService(own, actor).enrol(guest_id)
            with lock:
                numbers.append(detail.member_no)

    assert at_two_desks(db, actors, work) == []
    assert sorted(numbers) == [f"M{i:06d}" for i in range(1, 2 * PER_DESK + 1)]


def test_the_same_typed_number_at_two_desks_is_given_once(db, make_actor):
    actors = [make_actor("clerk"), make_actor("clerk")]
    LoyaltyConfigService(db, actors[0]).tiers()
    ids = guests(db, 2)

    def work(own, index, actor):
        LoyaltyMemberService(own, actor).enrol(ids[index], member_no="GOLD-8888")

    errors = at_two_desks(db, actors, work)
    assert len(errors) == 1 and isinstance(errors[0], HotelCrmError)
    assert LoyaltyMemberService(db, actors[0]).count() == 1


def test_two_desks_redeeming_the_last_points_at_once(db, make_actor):
    clerks, manager = [make_actor("clerk"), make_actor("clerk")], make_actor("manager")
    (guest_id,) = guests(db, 1)
    member = LoyaltyMemberService(db, manager).enrol(guest_id)
    LoyaltyLedgerService(db, manager).adjust(member.membership_id, 1_000, "opening balance")

    def work(own, index, actor):
        LoyaltyLedgerService(own, actor).redeem(member.membership_id, 800, f"desk {index}")

    errors = at_two_desks(db, clerks, work)
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert LoyaltyLedgerService(db, manager).balance(member.membership_id) == 200


@pytest.mark.parametrize("seed", [3, 11])
def test_balance_is_the_ledger_sum_after_random_operations(db, make_actor, seed):
    rng = random.Random(seed)
    clerk, manager = make_actor("clerk"), make_actor("manager")
    (guest_id,) = guests(db, 1)
    member = LoyaltyMemberService(db, manager).enrol(guest_id, tier_code="GOLD")
    ledger = LoyaltyLedgerService(db, manager)
    for step in range(25):
        op = rng.choice(("stay", "redeem", "adjust", "reverse"))
        try:
            if op == "stay":
                with db.write() as s:
                    stay = Stay(guest_id=guest_id, status="in_house", arrival_date=TODAY - timedelta(days=1),
                                departure_date=TODAY, room_no=f"{step:04d}", source="desk")
                    s.add(stay)
                    s.flush()
                    key = (stay.id, stay.version)
                StayService(db, clerk).check_out(*key, CheckoutDraft(spend_room_cents=rng.randint(0, 200_000)))
            elif op == "redeem":
                LoyaltyLedgerService(db, clerk).redeem(member.membership_id, rng.randint(1, 3_000), "reward")
            elif op == "adjust":
                ledger.adjust(member.membership_id, rng.randint(-2_000, 2_000) or 1, "correction")
            else:
                lines = ledger.ledger(member.membership_id)
                if lines:
                    ledger.reverse(rng.choice(lines).id, "wrong")
        except ValidationError:
            pass  # refused as it should be (below zero, twice reversed ...): nothing was written
        lines = ledger.ledger(member.membership_id)
        balance = ledger.balance(member.membership_id)
        assert balance == sum(x.points for x in lines) >= 0
        assert all(x.running_balance >= 0 for x in lines)
        assert LoyaltyMemberService(db, clerk).detail(member.membership_id).balance == balance


def test_roles(db, make_actor):
    clerk, staff = make_actor("clerk"), make_actor("staff")
    tiers = LoyaltyConfigService(db, clerk).tiers()
    gold = next(t for t in tiers if t.code == "GOLD")
    draft = TierDraft(code="GOLD", name_en="Gold", name_zh="金卡", rank=2, bonus_pct=30)
    for call in (lambda: LoyaltyConfigService(db, clerk).save_tier(gold.id, gold.version, draft),
                 lambda: LoyaltyReviewService(db, clerk).review(),
                 lambda: LoyaltyLedgerService(db, clerk).adjust(1, 10, "x"),
                 lambda: LoyaltyMemberService(db, staff).detail(1),
                 lambda: LoyaltyLedgerService(db, staff).redeem(1, 10, "x")):
        with pytest.raises(PermissionDenied):
            call()


def test_enrolment_and_upgrade_show_in_search(db, make_actor):
    clerk, manager = make_actor("clerk"), make_actor("manager")
    (guest_id,) = guests(db, 1)
    member = LoyaltyMemberService(db, clerk).enrol(guest_id)
    hits = GuestSearchService(db, clerk).search(member.member_no)
    assert [(h.id, h.member_no, h.tier_code) for h in hits] == [(guest_id, member.member_no, "SILVER")]
    LoyaltyMemberService(db, manager).set_tier(member.membership_id, member.version, "PLATINUM", "owner's guest")
    assert GuestSearchService(db, clerk).search(member.member_no)[0].tier_code == "PLATINUM"
