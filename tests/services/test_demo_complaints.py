"""Demo complaints: every state, escalated (for every reason but manual), withdrawn and overdue
ones, linked to demo guests and their stays; numbers unique; on both backends."""

from __future__ import annotations

from sqlalchemy import select

from hotelcrm.db.models import Complaint, ComplaintEscalation, Stay
from hotelcrm.domain.codes import COMPLAINT_STATE
from hotelcrm.services.complaint_dto import ComplaintFilter
from hotelcrm.services.complaint_service import ComplaintService
from hotelcrm.services.demo_service import DemoService


def test_demo_complaints_cover_every_state_and_escalation(db, admin):
    result = DemoService(db, admin).load(200, seed=11)
    svc = ComplaintService(db, admin)
    page = svc.list(limit=1000)
    assert result.complaints == page.total >= 13
    assert {r.state for r in page.rows} == set(COMPLAINT_STATE)
    assert len({r.number for r in page.rows}) == page.total
    assert svc.list(ComplaintFilter(escalated_only=True)).total > 0
    assert svc.overdue_count() > 0
    with db.read() as s:
        reasons = set(s.scalars(select(ComplaintEscalation.reason)))
        assert {"authority", "rejected", "multi_department", "overdue"} <= reasons
        pairs = s.execute(select(Complaint.guest_id, Stay.guest_id).join(Stay, Stay.id == Complaint.stay_id)).all()
        assert pairs and all(a == b for a, b in pairs)
    withdrawn = svc.list(ComplaintFilter(states=("withdrawn",))).rows[0]
    assert svc.detail(withdrawn.id).withdrawn_reason
    closed = svc.detail(svc.list(ComplaintFilter(states=("closed",))).rows[0].id)
    assert [st.step for st in closed.steps][-1] == "closed" and closed.satisfaction
    waiting = [svc.detail(r.id) for r in svc.list(ComplaintFilter(states=("verified",))).rows]
    assert any(d.current_offer and d.current_offer.status == "awaiting_approval" for d in waiting)
