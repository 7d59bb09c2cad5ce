"""Step 4 (制定措施) of ComplaintService: remedy offers, their approval and the guest's answer.

An offer beyond the proposer's authority waits for approval and escalates the complaint to the
level that may approve it; an accepted offer becomes the step-4 record; a rejected one is kept
and escalates the complaint one level.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Complaint, utcnow
from hotelcrm.db.models.complaints import ComplaintRemedyOffer
from hotelcrm.domain import complaint_escalation as esc
from hotelcrm.domain import complaint_rules as rules
from hotelcrm.domain import complaint_workflow as flow
from hotelcrm.domain.errors import HotelCrmError

from .actor import Actor
from .audit_trail import AuditTrail
from .complaint_config_service import read_complaint_settings
from .complaint_dto import RemedyInput
from .complaint_writer import add_step, escalate, load_complaint, set_state, touch

PENDING_OFFER = ("awaiting_approval", "proposed")


def _pending_offer(s: Session, c: Complaint) -> ComplaintRemedyOffer | None:
    return s.scalar(select(ComplaintRemedyOffer).where(ComplaintRemedyOffer.complaint_id == c.id,
                                                       ComplaintRemedyOffer.status.in_(PENDING_OFFER))
                    .order_by(ComplaintRemedyOffer.id.desc()).limit(1))


def propose_remedy(s, audit, actor: Actor, complaint_id, version, data: RemedyInput,
                   guest_accepted: bool | None) -> None:
    values = rules.clean_remedy(data.remedy_type, data.remedy_detail, data.discount_pct, data.compensation_cents)
    c = load_complaint(s, complaint_id, version)
    flow.require_transition(c.state, "remedy_agreed")
    if _pending_offer(s, c) is not None:
        raise HotelCrmError("complaint_offer_pending", number=c.number)
    limits = read_complaint_settings(s).authority_limits
    cost = rules.remedy_cost(values["compensation_cents"])
    approved = esc.role_may_approve(actor.role, cost, limits)
    if guest_accepted is not None and not approved:
        raise HotelCrmError("complaint_authority", level=esc.required_level(cost, limits))
    now = utcnow()
    offer = ComplaintRemedyOffer(complaint_id=c.id, required_level=esc.required_level(cost, limits),
                                 status="proposed" if approved else "awaiting_approval", offered_by=actor.user_id,
                                 offered_at=now, approved_by=actor.user_id if approved else None,
                                 approved_at=now if approved else None, **values)
    s.add(offer)
    s.flush()
    audit.created("complaint_remedy_offer", offer.id, {**values, "status": offer.status, "complaint": c.number})
    target = esc.on_remedy_cost(c.escalation_level, cost, limits)
    if target:
        escalate(s, audit, actor, c, target, "authority")
    touch(c, now)
    if guest_accepted is not None:
        _respond(s, audit, actor, c, offer, guest_accepted, None, now)


def approve_remedy(s, audit, actor: Actor, complaint_id, version) -> None:
    c = load_complaint(s, complaint_id, version)
    flow.require_open(c.state)
    offer = _pending_offer(s, c)
    if offer is None or offer.status != "awaiting_approval":
        raise HotelCrmError("complaint_nothing_to_approve", number=c.number)
    limits = read_complaint_settings(s).authority_limits
    if not esc.role_may_approve(actor.role, rules.remedy_cost(offer.compensation_cents), limits):
        raise HotelCrmError("complaint_authority", level=offer.required_level)
    now = utcnow()
    audit.changed("complaint_remedy_offer", offer.id, offer,
                  {"status": "proposed", "approved_by": actor.user_id, "approved_at": now})
    touch(c, now)


def guest_response(s, audit, actor: Actor, complaint_id, version, accepted: bool, note: str | None) -> None:
    c = load_complaint(s, complaint_id, version)
    flow.require_transition(c.state, "remedy_agreed")
    offer = _pending_offer(s, c)
    if offer is None:
        raise HotelCrmError("complaint_no_offer", number=c.number)
    if offer.status != "proposed":
        raise HotelCrmError("complaint_offer_not_approved", level=offer.required_level)
    note = rules.clean_reason(note, "complaint_response_note") if (note or "").strip() else None
    _respond(s, audit, actor, c, offer, bool(accepted), note, utcnow())


def _respond(s: Session, audit: AuditTrail, actor: Actor, c: Complaint, offer: ComplaintRemedyOffer,
             accepted: bool, note: str | None, now: datetime) -> None:
    audit.changed("complaint_remedy_offer", offer.id, offer,
                  {"status": "accepted" if accepted else "rejected", "responded_at": now, "response_note": note})
    if accepted:
        values = {"remedy_type": offer.remedy_type, "remedy_detail": offer.remedy_detail,
                  "remedy_discount_pct": offer.discount_pct, "compensation_cents": offer.compensation_cents,
                  "guest_accepted": True, "note": note}
        add_step(s, audit, actor, c, "remedy_agreed", values, now)
        set_state(audit, c, "remedy_agreed")
    else:
        target = esc.on_rejection(c.escalation_level)
        if target:
            escalate(s, audit, actor, c, target, "rejected", note)
    touch(c, now)
