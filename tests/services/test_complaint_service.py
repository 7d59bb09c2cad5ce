"""ComplaintService on both backends: the six steps per role, invalid input, remedies and their
approval, escalation rules, withdrawal, addenda, guest linking, attachments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from hotelcrm.db.models import AuditEntry
from hotelcrm.domain.errors import Conflict, HotelCrmError, PermissionDenied, ValidationError
from hotelcrm.services.complaint_dto import (
    ApologyInput,
    ComplaintFilter,
    RemedyDoneInput,
    RemedyInput,
    VerificationInput,
)
from hotelcrm.services.complaint_service import ComplaintService

from .complaint_helpers import (
    audit_rows,
    department_id,
    follow_up,
    receive,
    to_remedy_agreed,
    to_remedy_done,
    to_verified,
)


@pytest.fixture
def lobby(make_actor):
    return make_actor("lobby_manager")


def test_six_steps_recorded_in_order_with_who_and_when(db, lobby):
    d = receive(db, lobby, room_no="0812")
    assert d.number.startswith(f"TS-{datetime.now().year}-") and d.state == "listened"
    assert d.received_by_name == lobby.username and d.due_acknowledge_at > d.received_at
    d = to_verified(db, lobby, d)
    assert d.next_step.show_guideline and d.category.guideline_en
    d = to_remedy_agreed(db, lobby, d)
    d = to_remedy_done(db, lobby, d, cost=5000)
    d = ComplaintService(db, lobby).close(d.id, d.version, follow_up(satisfaction=4))
    assert d.state == "closed" and d.read_only and d.satisfaction == 4 and d.recovery_cost_cents == 5000
    assert [s.step for s in d.steps] == ["listened", "apologized", "verified", "remedy_agreed", "remedy_done",
                                         "closed"]
    assert all(s.done_by_name == lobby.username and s.done_at for s in d.steps)
    assert d.steps[3].remedy_type == "room_move" and d.steps[3].guest_accepted is True
    assert d.acknowledged_at and d.remedied_at and d.closed_at and not d.overdue.any
    assert d.next_step.step is None
    with db.read() as s:
        actions = {e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.entity.like("complaint%")))}
    assert {"create", "update"} <= actions


def test_clerk_records_steps_one_and_two_only(db, make_actor):
    clerk = make_actor("clerk")
    svc = ComplaintService(db, clerk)
    d = receive(db, clerk)
    d = svc.apologize(d.id, d.version, ApologyInput("Apologised on the phone"))
    assert d.state == "apologized" and not d.can_write
    assert not d.next_step.allowed and d.next_step.refusal == "permission"
    before = audit_rows(db)
    with pytest.raises(PermissionDenied):
        svc.verify(d.id, d.version, VerificationInput("a", "b", "c"))
    with pytest.raises(PermissionDenied):
        svc.propose_remedy(d.id, d.version, RemedyInput("compensation", "cash", compensation_cents=100))
    with pytest.raises(PermissionDenied):
        svc.approve_remedy(d.id, d.version)
    with pytest.raises(PermissionDenied):
        svc.withdraw(d.id, d.version, "guest left")
    assert audit_rows(db) == before


def test_staff_can_neither_read_nor_record(db, make_actor, lobby):
    staff = make_actor("staff")
    d = receive(db, lobby)
    with pytest.raises(PermissionDenied):
        ComplaintService(db, staff).detail(d.id)
    with pytest.raises(PermissionDenied):
        receive(db, staff, category_id=d.category.id)


def test_a_step_cannot_be_skipped_and_nothing_changes(db, lobby):
    d = receive(db, lobby)
    svc = ComplaintService(db, lobby)
    before = audit_rows(db)
    with pytest.raises(HotelCrmError) as err:
        svc.verify(d.id, d.version, VerificationInput("a", "b", "c"))
    assert err.value.code == "complaint_step_order"
    with pytest.raises(HotelCrmError):
        svc.record_remedy_done(d.id, d.version, RemedyDoneInput("x", "y", 0))
    after = svc.detail(d.id)
    assert (after.version, after.state, len(after.steps)) == (d.version, "listened", 1)
    assert audit_rows(db) == before


@pytest.mark.parametrize(("action", "field", "reason"), [
    ("negative_cost", "complaint_actual_cost", "amount_negative"),
    ("satisfaction_7", "complaint_satisfaction", "out_of_range"),
    ("followup_before_remedy", "complaint_followup_at", "complaint_followup_before_remedy"),
    ("negative_compensation", "complaint_compensation", "amount_negative"),
    ("discount_150", "complaint_discount_pct", "out_of_range"),
])
def test_invalid_input_refused_and_nothing_changed(db, lobby, action, field, reason):
    svc = ComplaintService(db, lobby)
    d = to_verified(db, lobby, receive(db, lobby))
    if action in ("satisfaction_7", "followup_before_remedy"):
        d = to_remedy_done(db, lobby, to_remedy_agreed(db, lobby, d))
    elif action == "negative_cost":
        d = to_remedy_agreed(db, lobby, d)
    before = audit_rows(db)
    with pytest.raises(ValidationError) as err:
        if action == "negative_cost":
            svc.record_remedy_done(d.id, d.version, RemedyDoneInput("done", "me", -500))
        elif action == "satisfaction_7":
            svc.close(d.id, d.version, follow_up(satisfaction=7))
        elif action == "followup_before_remedy":
            svc.close(d.id, d.version, follow_up(followup_at=d.steps[-1].done_at - timedelta(hours=1)))
        elif action == "negative_compensation":
            svc.propose_remedy(d.id, d.version, RemedyInput("compensation", "cash", compensation_cents=-1))
        else:
            svc.propose_remedy(d.id, d.version, RemedyInput("discount", "room", discount_pct=150))
    assert (err.value.field, err.value.reason) == (field, reason)
    after = svc.detail(d.id)
    assert (after.version, after.state, len(after.steps), len(after.offers)) == (
        d.version, d.state, len(d.steps), len(d.offers))
    assert audit_rows(db) == before


def test_costly_remedy_waits_for_approval_and_escalates(db, lobby, make_actor):
    svc = ComplaintService(db, lobby)
    d = to_verified(db, lobby, receive(db, lobby))
    d = svc.propose_remedy(d.id, d.version, RemedyInput("compensation", "Dry cleaning of a suit", compensation_cents=150_000))
    assert d.current_offer.status == "awaiting_approval" and d.current_offer.required_level == "department_head"
    assert d.escalation_level == "department_head"
    assert [(e.from_level, e.to_level, e.reason) for e in d.escalations] == [("handler", "department_head", "authority")]
    assert d.next_step.action == "approve_remedy" and not d.next_step.allowed and d.next_step.refusal == "authority"
    with pytest.raises(HotelCrmError) as err:
        svc.approve_remedy(d.id, d.version)
    assert err.value.code == "complaint_authority"
    with pytest.raises(HotelCrmError, match="complaint_offer_not_approved"):
        svc.record_guest_response(d.id, d.version, True)
    manager = ComplaintService(db, make_actor("manager"))
    assert manager.detail(d.id).next_step.allowed
    d = manager.approve_remedy(d.id, d.version)
    assert d.current_offer.status == "proposed" and d.next_step.action == "record_guest_response"
    d = svc.record_guest_response(d.id, d.version, True, "Guest agreed")
    assert d.state == "remedy_agreed" and d.steps[-1].compensation_cents == 150_000
    assert d.offers[0].status == "accepted"


def test_accepting_at_once_beyond_authority_is_refused_and_changes_nothing(db, lobby):
    svc = ComplaintService(db, lobby)
    d = to_verified(db, lobby, receive(db, lobby))
    with pytest.raises(HotelCrmError, match="complaint_authority"):
        svc.propose_remedy(d.id, d.version, RemedyInput("compensation", "cash", compensation_cents=500_000),
                           guest_accepted=True)
    after = svc.detail(d.id)
    assert after.version == d.version and after.offers == () and after.escalation_level == "handler"


def test_rejected_remedy_escalates_one_level_and_another_is_proposed(db, lobby):
    svc = ComplaintService(db, lobby)
    d = to_verified(db, lobby, receive(db, lobby))
    d = svc.propose_remedy(d.id, d.version, RemedyInput("discount", "10% off tonight", discount_pct=10))
    with pytest.raises(HotelCrmError, match="complaint_offer_pending"):
        svc.propose_remedy(d.id, d.version, RemedyInput("apology_only", "sorry"))
    d = svc.record_guest_response(d.id, d.version, False, "Wants a full refund of the night")
    assert d.state == "verified" and d.offers[0].status == "rejected" and d.current_offer is None
    assert (d.escalations[-1].reason, d.escalations[-1].to_level, d.escalations[-1].note) == (
        "rejected", "lobby_manager", "Wants a full refund of the night")
    d = svc.propose_remedy(d.id, d.version, RemedyInput("bill_item_removed", "Night removed from the bill",
                                                        compensation_cents=60_000), guest_accepted=True)
    assert d.state == "remedy_agreed" and len(d.offers) == 2


def test_several_departments_escalate_once(db, lobby):
    hk, eng, fo = (department_id(db, lobby, c) for c in ("housekeeping", "engineering", "front_office"))
    d = receive(db, lobby, department_id=hk, other_department_ids=(eng,))
    assert d.escalation_level == "lobby_manager" and d.escalations[0].reason == "multi_department"
    assert [x.code for x in d.other_departments] == ["engineering"]
    d = ComplaintService(db, lobby).set_departments(d.id, d.version, hk, (eng, fo))
    assert len(d.escalations) == 1 and len(d.other_departments) == 2
    with pytest.raises(ValidationError):
        ComplaintService(db, lobby).set_departments(d.id, d.version, hk, (hk,))


def test_overdue_marked_counted_and_escalated(db, lobby):
    svc = ComplaintService(db, lobby)
    late = receive(db, lobby, severity="critical", received_at=datetime.now(UTC) - timedelta(hours=5))
    fresh = receive(db, lobby, severity="low")
    assert late.overdue.acknowledge and late.overdue.remedy and not late.overdue.close
    assert not fresh.overdue.any
    assert svc.overdue_count() == 1
    page = svc.list(ComplaintFilter(overdue_only=True))
    assert [r.number for r in page.rows] == [late.number] and page.rows[0].overdue.any
    assert svc.escalate_overdue() == 1
    d = svc.detail(late.id)
    assert d.escalation_level == "department_head" and [e.reason for e in d.escalations] == ["overdue", "overdue"]
    assert all(e.escalated_by_name is None for e in d.escalations)
    assert svc.escalate_overdue() == 0  # not twice for the same missed targets
    d = svc.apologize(d.id, d.version, ApologyInput("Apologised"))
    assert d.overdue.remedy and not d.overdue.acknowledge and svc.overdue_count() == 1
    d = svc.withdraw(d.id, d.version, "Guest left satisfied with the apology")
    assert not d.overdue.any and svc.overdue_count() == 0


def test_manual_escalation(db, lobby):
    svc = ComplaintService(db, lobby)
    d = receive(db, lobby)
    with pytest.raises(ValidationError):
        svc.escalate(d.id, d.version, "  ")
    d = svc.escalate(d.id, d.version, "VIP guest, wants the GM", "general_manager")
    assert d.escalation_level == "general_manager" and d.escalations[0].reason == "manual"
    with pytest.raises(ValidationError) as err:
        svc.escalate(d.id, d.version, "again")
    assert err.value.reason == "complaint_already_top"


def test_withdrawal_needs_a_reason_and_is_final(db, lobby):
    svc = ComplaintService(db, lobby)
    d = receive(db, lobby)
    with pytest.raises(ValidationError) as err:
        svc.withdraw(d.id, d.version, "")
    assert err.value.field == "complaint_withdraw_reason"
    d = svc.withdraw(d.id, d.version, "The guest found the lost phone")
    assert d.state == "withdrawn" and d.withdrawn_reason and d.read_only
    with pytest.raises(HotelCrmError, match="complaint_read_only"):
        svc.apologize(d.id, d.version, ApologyInput("late"))
    assert svc.detail(d.id).state == "withdrawn"  # never deleted


def test_addenda_only_once_closed(db, lobby):
    svc = ComplaintService(db, lobby)
    d = receive(db, lobby)
    with pytest.raises(HotelCrmError, match="complaint_addendum_open"):
        svc.add_addendum(d.id, "note")
    d = to_remedy_done(db, lobby, to_remedy_agreed(db, lobby, to_verified(db, lobby, d)))
    d = svc.close(d.id, d.version, follow_up())
    with pytest.raises(HotelCrmError, match="complaint_read_only"):
        svc.escalate(d.id, d.version, "too late")
    d = svc.add_addendum(d.id, "The guest wrote a thank-you letter")
    assert [a.text for a in d.addenda] == ["The guest wrote a thank-you letter"] and d.state == "closed"


def test_stale_version_is_a_conflict(db, lobby):
    svc = ComplaintService(db, lobby)
    d = receive(db, lobby)
    svc.apologize(d.id, d.version, ApologyInput("first desk"))
    with pytest.raises(Conflict):
        svc.withdraw(d.id, d.version, "second desk, stale")


def test_link_a_guest_later_even_when_closed(db, lobby, make_actor):
    from .test_stay_service import add_guest

    guest = add_guest(db, "王", "伟")
    other = add_guest(db, "李", "娜")
    svc = ComplaintService(db, make_actor("clerk"))
    d = receive(db, lobby)
    assert d.guest_id is None
    d = svc.link_guest(d.id, d.version, guest)
    assert (d.guest_id, d.guest_name) == (guest, "王伟")
    with pytest.raises(HotelCrmError, match="complaint_guest_linked"):
        svc.link_guest(d.id, d.version, other)
    with pytest.raises(ValidationError):
        receive(db, lobby, guest_id=10**8)


def test_attachments_stored_with_a_size_limit(db, lobby, make_actor):
    from hotelcrm.domain.complaint_rules import MAX_ATTACHMENT_BYTES

    svc = ComplaintService(db, make_actor("clerk"))
    d = receive(db, lobby)
    info = svc.add_attachment(d.id, "/tmp/noise.m4a", b"\x00\x01audio", "audio/mp4")
    assert (info.filename, info.size_bytes) == ("noise.m4a", 7)
    got, data = svc.attachment_data(info.id)
    assert data == b"\x00\x01audio" and got.mime_type == "audio/mp4"
    with pytest.raises(ValidationError) as err:
        svc.add_attachment(d.id, "big.jpg", b"x" * (MAX_ATTACHMENT_BYTES + 1))
    assert err.value.reason == "complaint_attachment_too_large"
    assert len(svc.detail(d.id).attachments) == 1
