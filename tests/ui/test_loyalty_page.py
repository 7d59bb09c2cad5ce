"""The Loyalty page and its dialogs; check-out in the GUI earns base + bonus points visibly on
the ledger; the brief's entitlement buttons record what the desk gave."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from hotelcrm.services.stay_dto import StayDraft
from tests.ui.test_guest_helpers import guest
from ui.guest_card_view import GuestCardView
from ui.loyalty_config_dialog import LoyaltyConfigDialog
from ui.loyalty_enrol_dialog import LoyaltyEnrolDialog
from ui.loyalty_member_panel import LoyaltyMemberPanel
from ui.loyalty_page import LoyaltyPage
from ui.loyalty_points_dialog import LoyaltyPointsDialog
from ui.loyalty_tier_dialog import LoyaltyTierDialog
from ui.stay_check_out_dialog import CheckOutDialog

TODAY = date.today()


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _page(qtbot, session) -> LoyaltyPage:
    page = LoyaltyPage(session)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    return page


def _texts(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _enrol(session, guest_id: int, tier: str | None = None):
    return session.ctx.services.loyalty_members(session.actor).enrol(guest_id, tier_code=tier)


def test_enrol_from_the_page_then_filter_by_tier(qtbot, admin_session, session_for, monkeypatch, qtmodeltester):
    clerk = session_for("clerk")
    wang = guest(admin_session, "王", "伟")
    li = guest(admin_session, "李", "娜")
    _enrol(admin_session, li.id, "GOLD")
    page = _page(qtbot, clerk)
    assert not page.detail.adjust_button.isVisibleTo(page) and page.detail.redeem_button.isVisibleTo(page)

    def enrol(dialog) -> int:
        dialog.search.setText("王伟")
        assert dialog.hits.count() >= 1
        dialog.hits.setCurrentRow(0)
        assert "王伟" in dialog.picked.text()
        _ok(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(LoyaltyEnrolDialog, "exec", enrol)
    page.enrol()
    rows = _texts(page.model)
    assert [r[1] for r in rows] == ["王伟", "李娜"] or [r[1] for r in rows] == ["李娜", "王伟"]
    assert page.detail.detail is not None and page.detail.detail.guest_id == wang.id
    assert page.count_label.text() == "2 of 2 members"
    page.tier.setCurrentIndex(page.tier.findData("GOLD"))
    assert [r[1] for r in _texts(page.model)] == ["李娜"]
    page.balance.setCurrentIndex(page.balance.findData("many"))
    assert page.model.rowCount() == 0
    qtmodeltester.check(page.model)


def test_a_duplicate_member_number_names_the_field_and_keeps_the_dialog(qtbot, admin_session):
    a, b = guest(admin_session, "王", "伟"), guest(admin_session, "李", "娜")
    first = _enrol(admin_session, a.id)
    dialog = LoyaltyEnrolDialog(admin_session, (b.id, "李娜"))
    qtbot.addWidget(dialog)
    dialog.member_no.setText(first.member_no)
    _ok(qtbot, dialog)
    assert dialog.result_value is None and "belongs to another member" in dialog.errors.text
    assert dialog.member_no.property("invalid")


def test_check_out_in_the_gui_earns_base_and_bonus_on_the_ledger(qtbot, admin_session, session_for, monkeypatch):
    clerk = session_for("clerk")
    wang = guest(admin_session, "王", "伟")
    member = _enrol(admin_session, wang.id, "GOLD")
    clerk.ctx.services.stays(clerk.actor).check_in(wang.id, StayDraft(departure_date=TODAY + timedelta(days=1),
                                                                      room_no="1208"))
    view = GuestCardView(clerk)
    qtbot.addWidget(view)
    view.load(wang.id)
    assert "Gold" in view.brief.tier.text() and "0 pts" in view.brief.tier.text()

    def check_out(dialog) -> int:
        dialog.amounts["spend_room_cents"].setText("1,776")
        dialog.amounts["spend_fnb_cents"].setText("350.50")
        _ok(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(CheckOutDialog, "exec", check_out)
    view.check_out()
    panel = LoyaltyMemberPanel(clerk)
    qtbot.addWidget(panel)
    panel.load(member.membership_id)
    rows = _texts(panel.ledger)
    assert [(r[1], r[2], r[3]) for r in rows] == [("Tier bonus", "+425", "2,551"), ("Earned", "+2,126", "2,126")]
    assert "20% bonus (GOLD)" in rows[0][5]
    assert panel.balance.text() == "2,551 points"


def test_redeem_too_much_is_refused_in_the_dialog_then_redeem_and_manager_reverses(qtbot, admin_session,
                                                                                   session_for, monkeypatch):
    clerk, manager = session_for("clerk"), session_for("manager")
    wang = guest(admin_session, "王", "伟")
    member = _enrol(admin_session, wang.id)
    manager.ctx.services.loyalty_ledger(manager.actor).adjust(member.membership_id, 800, "welcome gift")
    detail = clerk.ctx.services.loyalty_members(clerk.actor).detail(member.membership_id)
    dialog = LoyaltyPointsDialog(clerk, "redeem", detail)
    qtbot.addWidget(dialog)
    dialog.points.setValue(900)
    dialog.reason.setText("free night")
    _ok(qtbot, dialog)
    assert dialog.result_value is None and "balance is 800 points" in dialog.errors.text
    dialog.points.setValue(300)
    _ok(qtbot, dialog)
    assert dialog.result_value == 500
    panel = LoyaltyMemberPanel(manager)
    qtbot.addWidget(panel)
    panel.load(member.membership_id)
    panel.ledger_table.selectRow(0)  # the redemption, newest first
    assert panel.reverse_button.isEnabled()

    def reverse(dialog) -> int:
        dialog.reason.setText("keyed twice")
        _ok(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(LoyaltyPointsDialog, "exec", reverse)
    panel._reverse()
    assert panel.balance.text() == "800 points" and _texts(panel.ledger)[0][1] == "Reversal"


def test_manager_edits_a_tier_in_the_editor(qtbot, session_for, monkeypatch, qtmodeltester):
    manager = session_for("manager")
    dialog = LoyaltyConfigDialog(manager)
    qtbot.addWidget(dialog)
    assert [r[1] for r in _texts(dialog.tiers)] == ["Silver (SILVER)", "Gold (GOLD)", "Platinum (PLATINUM)"]
    assert dialog.benefits.rowCount() == 6 and dialog.buttons["edit_tier"].isVisibleTo(dialog)
    qtmodeltester.check(dialog.tiers)
    dialog.tier_table.selectRow(1)

    def edit(tier_dialog) -> int:
        tier_dialog.bonus.setValue(25)
        tier_dialog.colour.setText("gold")
        _ok(qtbot, tier_dialog)
        assert "Colour" in tier_dialog.errors.text  # names the field, keeps the dialog
        tier_dialog.colour.setText("#c9a227")
        tier_dialog.benefits["WELCOME_AMENITY"].setChecked(False)
        _ok(qtbot, tier_dialog)
        return tier_dialog.result()

    monkeypatch.setattr(LoyaltyTierDialog, "exec", edit)
    dialog.edit_tier()
    gold = dialog.tiers.row_at(1)
    assert gold.bonus_pct == 25 and "WELCOME_AMENITY" not in gold.benefit_codes and dialog.changed


def test_clerk_sees_the_editor_read_only(qtbot, session_for):
    dialog = LoyaltyConfigDialog(session_for("clerk"))
    qtbot.addWidget(dialog)
    assert dialog.tiers.rowCount() == 3
    assert not dialog.buttons["edit_tier"].isVisibleTo(dialog) and not dialog.expiry.isEnabled()


def test_brief_buttons_record_the_cake_coupon(qtbot, admin_session, session_for):
    clerk = session_for("clerk")
    tomorrow = TODAY + timedelta(days=1)
    birth = date(1985, 2, 28) if (tomorrow.month, tomorrow.day) == (2, 29) else tomorrow.replace(year=1985)
    ouyang = guest(admin_session, "欧阳", "修", birth_date=birth)
    _enrol(admin_session, ouyang.id)
    stay = clerk.ctx.services.stays(clerk.actor).check_in(ouyang.id, StayDraft(
        departure_date=TODAY + timedelta(days=2), room_no="1808"))
    view = GuestCardView(clerk)
    qtbot.addWidget(view)
    view.load(ouyang.id)
    strip = view.brief.entitlement_strip
    assert view.brief.values["entitlements"].text() == "2 for this stay, below"
    assert strip.isVisibleTo(view)
    cake = next(b for b, (label, _g, _n) in strip.rows.items() if "cake" in label.text())
    granted = strip.rows[cake][1]
    qtbot.mouseClick(granted, Qt.MouseButton.LeftButton)
    marks = {e.code: e.status for e in clerk.ctx.services.loyalty_entitlements(clerk.actor).for_stay(stay.id)}
    assert marks["BIRTHDAY_CAKE"] == "granted"
    assert any(label.text() == "Birthday cake coupon (birthday during the stay) — Granted"
               for label, _g, _n in strip.rows.values())


def test_card_status_and_tier_by_hand(qtbot, admin_session, session_for):
    from ui.loyalty_status_dialog import LoyaltyStatusDialog

    wang = guest(admin_session, "王", "伟")
    member = _enrol(admin_session, wang.id)
    manager = session_for("manager")
    dialog = LoyaltyStatusDialog(manager, member)
    qtbot.addWidget(dialog)
    dialog.tier.setCurrentIndex(dialog.tier.findData("GOLD"))
    _ok(qtbot, dialog)
    assert "Reason" in dialog.errors.text and dialog.result_value is None
    dialog.reason.setText("owner's guest")
    dialog.status.setCurrentIndex(dialog.status.findData("suspended"))
    _ok(qtbot, dialog)
    assert (dialog.result_value.status, dialog.result_value.tier_code) == ("suspended", "GOLD")
    clerk_dialog = LoyaltyStatusDialog(session_for("clerk"), dialog.result_value)
    qtbot.addWidget(clerk_dialog)
    assert clerk_dialog.tier.count() == 0 and not clerk_dialog.tier.isVisibleTo(clerk_dialog)
