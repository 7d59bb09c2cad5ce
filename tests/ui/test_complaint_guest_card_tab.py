"""The guest's complaints in the card's Feedback group and in the check-in brief panel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hotelcrm.services.complaint_config_service import ComplaintConfigService
from hotelcrm.services.complaint_dto import NewComplaint
from hotelcrm.services.complaint_service import ComplaintService
from tests.services.test_stay_service import add_guest
from ui.guest_brief_panel import GuestBriefPanel
from ui.guest_feedback_tab import GuestFeedbackTab


def _labels(grid) -> list[list[str]]:
    rows = []
    for r in range(grid.rowCount()):
        cells = [grid.itemAtPosition(r, c) for c in range(grid.columnCount())]
        rows.append([c.widget().text() for c in cells if c is not None])
    return rows


def test_feedback_tab_and_brief_list_complaints_with_the_overdue_mark(qtbot, ctx, admin_session):
    db, actor = ctx.services.db, admin_session.actor
    guest = add_guest(db, "孙", "丽")
    noise = next(c.id for c in ComplaintConfigService(db, actor).categories() if c.code == "noise")
    svc = ComplaintService(db, actor)
    late = svc.receive(NewComplaint("phone", noise, "critical", "Too loud", guest_id=guest,
                                    received_at=datetime.now(UTC) - timedelta(hours=3)))
    tab = GuestFeedbackTab(admin_session)
    qtbot.addWidget(tab)
    tab.show_card(ctx.services.guest_cards(actor).card(guest))
    rows = _labels(tab.complaints_grid)
    assert rows[0][0] == late.number and rows[0][2:] == ["Noise", "1 Listened", "Overdue"]
    panel = GuestBriefPanel()
    qtbot.addWidget(panel)
    panel.show_brief(ctx.services.checkin_brief(actor).brief(guest))
    text = panel.values["complaints"].text()
    assert text.startswith(late.number) and "Noise" in text and "Overdue" in text


def test_no_complaints_says_so(qtbot, ctx, admin_session):
    guest = add_guest(ctx.services.db, "周", "全")
    tab = GuestFeedbackTab(admin_session)
    qtbot.addWidget(tab)
    tab.show_card(ctx.services.guest_cards(admin_session.actor).card(guest))
    assert _labels(tab.complaints_grid) == [["No complaints on record."]]
