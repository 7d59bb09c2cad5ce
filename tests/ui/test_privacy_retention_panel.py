"""Administration: the retention rule panel (save, show cards due, anonymize after confirming)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from hotelcrm.db.models import Guest
from tests.ui.test_guest_helpers import guest
from ui.user_admin_page import UserAdminPage


def test_admin_saves_the_rule_previews_and_runs_it(qtbot, admin_session, messages):
    old = guest(admin_session, "王", "伟").id
    guest(admin_session, "李", "娜")
    with admin_session.ctx.services.db.write() as s:
        s.execute(update(Guest).where(Guest.id == old).values(created_at=datetime.now(UTC) - timedelta(days=800)))
    page = UserAdminPage(admin_session)
    qtbot.addWidget(page)
    page.load()
    panel = page.retention_panel
    assert panel.isVisibleTo(page) and panel.years.value() == 0 and panel.years.text() == "Off"
    panel.preview_button.click()
    assert panel.note.text() == "The rule is off: no card is due."
    panel.years.setValue(2)
    panel.save_button.click()
    assert panel.note.text() == "Rule saved."
    panel.preview_button.click()
    assert panel.note.text().startswith("1 card(s) have had no stay for 2 years")
    messages.confirm_answer = False
    panel.run_button.click()
    assert admin_session.ctx.services.guest_cards(admin_session.actor).card(old).status == "active"
    messages.confirm_answer = True
    panel.run_button.click()
    assert panel.note.text() == "1 card(s) anonymized."
    assert admin_session.ctx.services.guest_cards(admin_session.actor).card(old).status == "anonymized"


def test_rule_out_of_range_is_refused_in_the_panel(qtbot, admin_session):
    page = UserAdminPage(admin_session)
    qtbot.addWidget(page)
    panel = page.retention_panel
    panel.years.setMaximum(99)
    panel.years.setValue(60)
    panel.save_button.click()
    assert "between 0 and 50" in panel.errors.text
