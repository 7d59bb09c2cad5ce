"""Shared set-up for the complaint GUI tests (no tests here): complaints made through the
services at a given step, and the page or detail view on the synchronous task runner."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hotelcrm.services.complaint_dto import ApologyInput, NewComplaint, RemedyInput, VerificationInput

WORDS = "空调噪音太大，整晚没睡好。"


def complaints(session):
    return session.ctx.services.complaints(session.actor)


def category_id(session, code: str = "noise") -> int:
    return next(c.id for c in session.ctx.services.complaint_config(session.actor).categories() if c.code == code)


def department_id(session, code: str = "engineering") -> int:
    return next(d.id for d in session.ctx.services.complaint_config(session.actor).departments() if d.code == code)


def receive(session, *, severity: str = "medium", minutes_ago: int = 0, **kw):
    received = datetime.now(UTC) - timedelta(minutes=minutes_ago) if minutes_ago else None
    return complaints(session).receive(NewComplaint(
        channel="in_person", category_id=kw.pop("category_id", None) or category_id(session), severity=severity,
        guest_words=kw.pop("words", WORDS), department_id=kw.pop("department_id", None) or department_id(session),
        received_at=received, **kw))


def to_verified(session, detail):
    svc = complaints(session)
    detail = svc.apologize(detail.id, detail.version, ApologyInput("当面致歉"))
    return svc.verify(detail.id, detail.version, VerificationInput("风机盘管", "工程部李伟", "轴承松动"))


def to_remedy_agreed(session, detail):
    return complaints(session).propose_remedy(detail.id, detail.version, RemedyInput("room_move", "换到 1203 房"),
                                              guest_accepted=True)


def make_page(qtbot, session):
    from ui.complaint_page import ComplaintPage

    page = ComplaintPage(session)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    return page


def make_view(qtbot, session, complaint_id: int):
    from ui.complaint_detail_view import ComplaintDetailView

    view = ComplaintDetailView(session)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.load(complaint_id)
    return view


def table_rows(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
