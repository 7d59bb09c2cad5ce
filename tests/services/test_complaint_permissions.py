"""Every ComplaintService / ComplaintConfigService call per role, whatever the caller: refused
without the permission (and nothing changed), allowed with it. Both backends."""

from __future__ import annotations

import pytest

from hotelcrm.domain.errors import PermissionDenied
from hotelcrm.domain.permissions import Permission, Role, role_allows
from hotelcrm.services.complaint_config_service import ComplaintConfigService
from hotelcrm.services.complaint_dto import (
    ApologyInput,
    CategoryInput,
    DepartmentInput,
    NewComplaint,
    RemedyDoneInput,
    RemedyInput,
    VerificationInput,
)
from hotelcrm.services.complaint_service import ComplaintService

from .complaint_helpers import audit_rows, follow_up, receive, to_remedy_agreed, to_remedy_done, to_verified
from .test_stay_service import add_guest

P = Permission


def _setup(db, lobby):
    """One complaint per call, in the state that call needs, made by a lobby manager."""
    svc = ComplaintService(db, lobby)

    def verified():
        return to_verified(db, lobby, receive(db, lobby))

    def offer(remedy):
        v = verified()
        return svc.propose_remedy(v.id, v.version, remedy)

    a = receive(db, lobby)
    done = to_remedy_done(db, lobby, to_remedy_agreed(db, lobby, verified()))
    last = to_remedy_done(db, lobby, to_remedy_agreed(db, lobby, verified()))
    return dict(
        fresh=receive(db, lobby), to_link=receive(db, lobby), to_attach=receive(db, lobby),
        apologized=svc.apologize(a.id, a.version, ApologyInput("sorry")),
        to_propose=verified(), to_escalate=verified(), to_withdraw=verified(),
        awaiting=offer(RemedyInput("compensation", "cash", compensation_cents=150_000)),
        offered=offer(RemedyInput("apology_only", "sorry")),
        agreed=to_remedy_agreed(db, lobby, verified()), done=done,
        closed=svc.close(last.id, last.version, follow_up()), guest=add_guest(db, "赵", "敏"))


CALLS = [
    ("list", P.COMPLAINT_READ, lambda c, x, k: c.list()),
    ("detail", P.COMPLAINT_READ, lambda c, x, k: c.detail(x["fresh"].id)),
    ("overdue_count", P.COMPLAINT_READ, lambda c, x, k: c.overdue_count()),
    ("for_guest", P.COMPLAINT_READ, lambda c, x, k: c.for_guest(x["guest"])),
    ("receive", P.COMPLAINT_RECORD, lambda c, x, k: c.receive(NewComplaint(
        "phone", x["fresh"].category.id, "low", "words"))),
    ("apologize", P.COMPLAINT_RECORD, lambda c, x, k: c.apologize(x["fresh"].id, x["fresh"].version,
                                                                  ApologyInput("sorry"))),
    ("link_guest", P.COMPLAINT_RECORD, lambda c, x, k: c.link_guest(x["to_link"].id, x["to_link"].version, x["guest"])),
    ("add_attachment", P.COMPLAINT_RECORD, lambda c, x, k: c.add_attachment(x["to_attach"].id, "a.txt", b"x")),
    ("verify", P.COMPLAINT_WRITE, lambda c, x, k: c.verify(x["apologized"].id, x["apologized"].version,
                                                           VerificationInput("a", "b", "c"))),
    ("propose_remedy", P.COMPLAINT_WRITE, lambda c, x, k: c.propose_remedy(
        x["to_propose"].id, x["to_propose"].version, RemedyInput("apology_only", "sorry"))),
    ("approve_remedy", P.COMPLAINT_WRITE, lambda c, x, k: c.approve_remedy(x["awaiting"].id, x["awaiting"].version)),
    ("record_guest_response", P.COMPLAINT_WRITE, lambda c, x, k: c.record_guest_response(
        x["offered"].id, x["offered"].version, True)),
    ("record_remedy_done", P.COMPLAINT_WRITE, lambda c, x, k: c.record_remedy_done(
        x["agreed"].id, x["agreed"].version, RemedyDoneInput("done", "me", 0))),
    ("close", P.COMPLAINT_WRITE, lambda c, x, k: c.close(x["done"].id, x["done"].version, follow_up())),
    ("escalate", P.COMPLAINT_WRITE, lambda c, x, k: c.escalate(x["to_escalate"].id, x["to_escalate"].version, "VIP")),
    ("withdraw", P.COMPLAINT_WRITE, lambda c, x, k: c.withdraw(x["to_withdraw"].id, x["to_withdraw"].version, "left")),
    ("add_addendum", P.COMPLAINT_WRITE, lambda c, x, k: c.add_addendum(x["closed"].id, "letter of thanks")),
    ("categories", P.COMPLAINT_READ, lambda c, x, k: k.categories()),
    ("settings", P.COMPLAINT_READ, lambda c, x, k: k.settings()),
    ("save_category", P.COMPLAINT_CONFIG, lambda c, x, k: k.save_category(None, None, CategoryInput(
        "wifi", "Wi-Fi", "无线网络"))),
    ("save_department", P.COMPLAINT_CONFIG, lambda c, x, k: k.save_department(None, None, DepartmentInput(
        "spa", "Spa", "水疗"))),
    ("update_settings", P.COMPLAINT_CONFIG, lambda c, x, k: k.update_settings(authority_limits=k.settings()
                                                                              .authority_limits)),
]


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_role_table(db, make_actor, role):
    lobby = make_actor("lobby_manager")
    actor = make_actor(role)
    refused = []
    things = _setup(db, lobby)
    for name, permission, call in CALLS:
        before = audit_rows(db)
        if role_allows(role, permission) and not (name == "approve_remedy" and role == "lobby_manager"):
            call(ComplaintService(db, actor), things, ComplaintConfigService(db, actor))
        elif role_allows(role, permission):  # a lobby manager's authority stops below the offer's cost
            with pytest.raises(Exception, match="complaint_authority"):
                call(ComplaintService(db, actor), things, ComplaintConfigService(db, actor))
        else:
            with pytest.raises(PermissionDenied):
                call(ComplaintService(db, actor), things, ComplaintConfigService(db, actor))
            assert audit_rows(db) == before, f"{name} refused but changed something"
            refused.append(name)
    expected = {"staff": 22, "clerk": 12, "lobby_manager": 3, "manager": 0, "admin": 0}[role]
    assert len(refused) == expected, refused

