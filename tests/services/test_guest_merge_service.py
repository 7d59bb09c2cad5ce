"""Merging two cards and undoing the merge, on both backends."""

from datetime import date

import pytest
from sqlalchemy import func, select

from hotelcrm.db.models import (
    AuditEntry,
    Feedback,
    GuestAddress,
    GuestContact,
    GuestDocument,
    GuestPreference,
    GuestSearch,
    LoyaltyTier,
    MarketingConsent,
    Membership,
    Observation,
    PointsEntry,
    SpecialDate,
    Stay,
)
from hotelcrm.domain.errors import HotelCrmError, PermissionDenied
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import (
    AddressDraft,
    ConsentDraft,
    ContactDraft,
    DocumentDraft,
    FeedbackDraft,
    GuestDraft,
    PreferenceDraft,
    SpecialDateDraft,
)
from hotelcrm.services.guest_merge_service import GuestMergeService

BORN = date(1980, 6, 15)
OWNED = (Stay, GuestDocument, GuestContact, GuestAddress, GuestPreference, SpecialDate, Feedback, Observation,
         MarketingConsent)


def snapshot(db, *guest_ids) -> dict:
    """Which rows belong to which guest, table by table."""
    out = {}
    with db.read() as s:
        for model in OWNED:
            out[model.__tablename__] = sorted(
                (r.id, r.guest_id) for r in s.scalars(select(model).where(model.guest_id.in_(guest_ids))))
    return out


def full_card(cards: GuestCardService, db, family: str, phone: str, passport: str) -> int:
    card = cards.create(GuestDraft(family_name=family, given_name="明", birth_date=BORN,
                                   documents=(DocumentDraft("passport", passport, "CHN"),),
                                   contacts=(ContactDraft("phone", phone),)))
    gid = card.id
    cards.add_address(gid, AddressDraft("人民路1号", city="上海"))
    cards.add_preference(gid, PreferenceDraft("room", "floor", "high"))
    cards.add_special_date(gid, SpecialDateDraft("birthday", 6, 15, 1980))
    cards.add_feedback(gid, FeedbackDraft("suggestion", "希望延长早餐时间"))
    cards.add_consent(gid, ConsentDraft("email", True, date(2026, 3, 1), "website"))
    with db.write() as s:
        s.add(Stay(guest_id=gid, status="checked_out", arrival_date=date(2026, 2, 1), departure_date=date(2026, 2, 3),
                   room_no="0808", spend_room_cents=80000))
        s.add(Observation(guest_id=gid, text="喜欢硬枕头", department="housekeeping"))
    return gid


@pytest.fixture
def two(db, admin):
    cards = GuestCardService(db, admin)
    kept = full_card(cards, db, "张", "13800000001", "E00000001")
    merged = full_card(cards, db, "张", "13800000002", "E00000002")
    return cards, kept, merged


def test_merge_moves_everything_and_undo_restores_exactly(db, admin, two):
    cards, kept, merged = two
    before = snapshot(db, kept, merged)
    merges = GuestMergeService(db, admin)
    result = merges.merge(kept, merged)
    moved = dict(result.moved)
    assert moved["stays"] == 1 and moved["guest_documents"] == 1 and moved["observations"] == 1
    after = snapshot(db, kept, merged)
    assert all(gid == kept for rows in after.values() for _, gid in rows)
    card = cards.card(kept)
    assert len(card.stays) == 2 and len(card.documents) == 2 and card.stats.stays == 2
    assert sum(d.is_primary for d in card.documents) == 1  # the kept card's primary stays the one
    gone = cards.card(merged)
    assert gone.status == "merged" and gone.merged_into_id == kept
    with db.read() as s:
        assert s.get(GuestSearch, merged) is None and s.get(GuestSearch, kept) is not None
        moves = s.scalars(select(AuditEntry).where(AuditEntry.action == "merge_move")).all()
        assert len(moves) == sum(n for _, n in result.moved)
    with pytest.raises(HotelCrmError) as info:
        cards.add_feedback(merged, FeedbackDraft("praise", "x"))
    assert info.value.code == "guest_merged"

    info = merges.undo(result.merge_id)
    assert info.undone_at is not None
    assert snapshot(db, kept, merged) == before
    restored = cards.card(merged)
    assert restored.status == "active" and restored.merged_into_id is None
    assert sum(d.is_primary for d in restored.documents) == 1
    with db.read() as s:
        assert s.get(GuestSearch, merged) is not None
    assert [m.id for m in merges.merges(kept)] == [result.merge_id]
    with pytest.raises(HotelCrmError) as err:
        merges.undo(result.merge_id)
    assert err.value.code == "merge_already_undone"


def test_only_managers_merge(db, make_actor, two):
    _, kept, merged = two
    for role in ("clerk", "lobby_manager"):
        with pytest.raises(PermissionDenied):
            GuestMergeService(db, make_actor(role)).merge(kept, merged)
    result = GuestMergeService(db, make_actor("manager")).merge(kept, merged)
    with pytest.raises(PermissionDenied):
        GuestMergeService(db, make_actor("clerk")).undo(result.merge_id)


def test_merge_refuses_the_same_card_and_closed_cards(db, admin, two):
    cards, kept, merged = two
    merges = GuestMergeService(db, admin)
    with pytest.raises(HotelCrmError):
        merges.merge(kept, kept)
    merges.merge(kept, merged)
    with pytest.raises(HotelCrmError) as info:
        merges.merge(kept, merged)
    assert info.value.code == "guest_merged"


def test_later_merge_must_be_undone_first(db, admin, two):
    cards, kept, merged = two
    third = full_card(cards, db, "赵", "13800000003", "E00000003")
    merges = GuestMergeService(db, admin)
    first = merges.merge(kept, merged)
    second = merges.merge(third, kept)
    with pytest.raises(HotelCrmError) as info:
        merges.undo(first.merge_id)
    assert info.value.code == "merge_undo_later_first"
    merges.undo(second.merge_id)
    merges.undo(first.merge_id)
    assert cards.card(merged).status == cards.card(kept).status == "active"


def test_proposals_need_more_than_a_name(db, admin):
    cards = GuestCardService(db, admin)
    a = cards.create(GuestDraft(family_name="李", given_name="娜", birth_date=BORN))
    cards.create(GuestDraft(family_name="李", given_name="娜", birth_date=date(1990, 1, 1)))  # namesake only
    same = cards.create(GuestDraft(family_name="李", given_name="娜", birth_date=BORN))
    phone = cards.create(GuestDraft(family_name="Li", given_name="Na", contacts=(ContactDraft("phone", "13911112222"),)))
    cards.add_contact(a.id, ContactDraft("phone", "139 1111 2222"))
    hits = GuestMergeService(db, admin).proposals(a.id)
    assert {(h.guest_id, h.reasons) for h in hits} == {(same.id, ("name_birth_date",)), (phone.id, ("phone",))}


def _member(s, guest_id: int, no: str, points: list[int]) -> int:
    tier = s.scalar(select(LoyaltyTier.id))
    if tier is None:
        t = LoyaltyTier(code="silver", name_en="Silver", name_zh="银卡", rank=1)
        s.add(t)
        s.flush()
        tier = t.id
    m = Membership(guest_id=guest_id, member_no=no, tier_id=tier, enrolled_on=date(2025, 1, 1))
    s.add(m)
    s.flush()
    for p in points:
        s.add(PointsEntry(membership_id=m.id, kind="earn", points=p, effective_on=date(2025, 6, 1)))
    return m.id


def _balance(db, membership_id: int) -> int:
    with db.read() as s:
        return s.scalar(select(func.coalesce(func.sum(PointsEntry.points), 0))
                        .where(PointsEntry.membership_id == membership_id))


def test_ledger_of_both_members_moves_by_entries_and_undo_reverses(db, admin, two):
    _, kept, merged = two
    with db.write() as s:
        mine = _member(s, kept, "M0001", [100])
        other = _member(s, merged, "M0002", [300, 200])
    merges = GuestMergeService(db, admin)
    result = merges.merge(kept, merged)
    assert _balance(db, mine) == 600 and _balance(db, other) == 0
    with db.read() as s:
        assert s.get(Membership, other).status == "closed"
    merges.undo(result.merge_id)
    assert _balance(db, mine) == 100 and _balance(db, other) == 500
    with db.read() as s:
        assert s.get(Membership, other).status == "active"


def test_a_lone_membership_moves_whole(db, admin, two):
    _, kept, merged = two
    with db.write() as s:
        other = _member(s, merged, "M0003", [50])
    merges = GuestMergeService(db, admin)
    result = merges.merge(kept, merged)
    with db.read() as s:
        assert s.get(Membership, other).guest_id == kept
    merges.undo(result.merge_id)
    with db.read() as s:
        assert s.get(Membership, other).guest_id == merged
    assert _balance(db, other) == 50
