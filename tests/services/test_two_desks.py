"""Two desks (two engines, as two PCs would have) edit the same guest card, complaint and
membership on SQLite and PostgreSQL: the second save is refused with both versions, nothing the
first desk saved is lost, and the second desk's change applied on top of the current version
keeps both changes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hotelcrm.db.engine import Database
from hotelcrm.domain.errors import Conflict
from hotelcrm.services.complaint_dto import ApologyInput, VerificationInput
from hotelcrm.services.complaint_service import ComplaintService
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import GuestDraft
from hotelcrm.services.loyalty_config_service import LoyaltyConfigService
from hotelcrm.services.loyalty_member_service import LoyaltyMemberService

from .complaint_helpers import receive


@pytest.fixture
def second_desk(db):
    """The same database through its own engine and connection pool."""
    other = Database.open(db.engine.url.render_as_string(hide_password=False))
    yield other
    other.dispose()


def general(card) -> GuestDraft:
    return GuestDraft(family_name=card.family_name, given_name=card.given_name, latin_name=card.latin_name,
                      gender=card.gender, birth_date=card.birth_date, nationality=card.nationality,
                      language=card.language, marital_status=card.marital_status, guest_type=card.guest_type,
                      vip_code=card.vip_code, company_id=card.company_id, position=card.position)


def test_second_card_save_is_refused_and_reapplied_on_top(db, second_desk, make_actor):
    clerk_a, clerk_b = make_actor("clerk"), make_actor("clerk")
    desk_a, desk_b = GuestCardService(db, clerk_a), GuestCardService(second_desk, clerk_b)
    card = desk_a.create(GuestDraft(family_name="王", given_name="伟"))
    read_a, read_b = desk_a.card(card.id), desk_b.card(card.id)
    desk_a.update(card.id, read_a.version, replace(general(read_a), vip_code="V1"))
    typed_b = replace(general(read_b), position="经理")
    with pytest.raises(Conflict) as refused:
        desk_b.update(card.id, read_b.version, typed_b)
    assert (refused.value.mine, refused.value.theirs) == (read_b.version, read_b.version + 1)
    now = desk_b.card(card.id)
    assert (now.vip_code, now.position) == ("V1", None)  # the refused save changed nothing
    merged = replace(general(now), position=typed_b.position)  # B's change on top of A's
    saved = desk_b.update(card.id, now.version, merged)
    assert (saved.vip_code, saved.position, saved.version) == ("V1", "经理", now.version + 1)


def test_second_complaint_step_is_refused_and_redone_on_the_current_version(db, second_desk, make_actor):
    lobby_a, lobby_b = make_actor("lobby_manager"), make_actor("lobby_manager")
    first = receive(db, lobby_a)
    desk_a, desk_b = ComplaintService(db, lobby_a), ComplaintService(second_desk, lobby_b)
    desk_a.apologize(first.id, first.version, ApologyInput("Apologised at the desk"))
    with pytest.raises(Conflict) as refused:
        desk_b.apologize(first.id, first.version, ApologyInput("Apologised on the phone"))
    assert refused.value.theirs == first.version + 1
    now = desk_b.detail(first.id)
    assert now.state == "apologized"
    done = desk_b.verify(first.id, now.version, VerificationInput("The fan", "engineering", "Loose bearing"))
    assert done.state == "verified" and done.version == now.version + 1


def test_second_membership_save_is_refused_and_reapplied(db, second_desk, make_actor):
    clerk, manager = make_actor("clerk"), make_actor("manager")
    LoyaltyConfigService(db, manager).tiers()
    guest = GuestCardService(db, clerk).create(GuestDraft(family_name="李", given_name="娜"))
    member = LoyaltyMemberService(db, clerk).enrol(guest.id)
    desk_a, desk_b = LoyaltyMemberService(db, manager), LoyaltyMemberService(second_desk, manager)
    tier = next(t.code for t in LoyaltyConfigService(db, manager).tiers() if t.code != member.tier_code)
    desk_a.set_tier(member.membership_id, member.version, tier, "Corporate agreement")
    with pytest.raises(Conflict):
        desk_b.set_status(member.membership_id, member.version, "suspended", "Card lost")
    now = desk_b.detail(member.membership_id)
    assert (now.tier_code, now.status) == (tier, "active")
    saved = desk_b.set_status(member.membership_id, now.version, "suspended", "Card lost")
    assert (saved.tier_code, saved.status) == (tier, "suspended")
