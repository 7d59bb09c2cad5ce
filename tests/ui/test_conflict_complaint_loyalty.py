"""The conflict dialog in the complaint step dialogs and the membership status dialog: two GUI
sessions act on the same complaint or membership; the second sees both versions and either
records its step / change on the current version or discards it (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from hotelcrm.services.complaint_dto import ApologyInput
from tests.ui.complaint_ui_helpers import complaints, receive
from tests.ui.conflict_backends import sqlite_db  # noqa: F401 - both backends under ctx
from ui.complaint_verify_dialog import ComplaintVerifyDialog
from ui.conflict_dialog import ConflictDialog


@pytest.fixture
def answer(monkeypatch):
    seen: list[dict[str, tuple[str, str]]] = []
    choice = {"button": "reapply"}

    def exec_(dialog: ConflictDialog) -> int:
        seen.append({dialog.text_at(r, 0): (dialog.text_at(r, 1), dialog.text_at(r, 2))
                     for r in range(dialog.table.rowCount())})
        (dialog.reapply_button if choice["button"] == "reapply" else dialog.discard_button).click()
        return dialog.result()

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return seen, choice


def apologized(session_for):
    first, second = session_for("lobby_manager", "lobby.one"), session_for("lobby_manager", "lobby.two")
    detail = receive(first)
    detail = complaints(first).apologize(detail.id, detail.version, ApologyInput("当面致歉"))
    return first, second, detail


def verify_dialog(qtbot, session, detail) -> ComplaintVerifyDialog:
    dialog = ComplaintVerifyDialog(session, detail)
    qtbot.addWidget(dialog)
    dialog.what.setPlainText("风机盘管")
    dialog.with_whom.setText("工程部李伟")
    dialog.findings.setPlainText("轴承松动")
    return dialog


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)


def test_a_step_over_another_desks_escalation_is_recorded_on_the_current_version(qtbot, session_for, answer):
    seen, _choice = answer
    first, second, detail = apologized(session_for)
    dialog = verify_dialog(qtbot, second, complaints(second).detail(detail.id))
    complaints(first).escalate(detail.id, detail.version, "Guest is a regular")  # the other desk
    save(qtbot, dialog)
    assert seen[0]["Findings"] == ("—", "轴承松动")
    assert seen[0]["Latest step"][1] == "3 Verify"
    now = complaints(second).detail(detail.id)
    assert now.state == "verified" and now.escalations and dialog.result_value.version == now.version


def test_the_same_step_done_at_the_other_desk_shows_theirs_and_refuses_a_second(qtbot, session_for, answer):
    seen, _choice = answer
    first, second, detail = apologized(session_for)
    dialog = verify_dialog(qtbot, second, complaints(second).detail(detail.id))
    other = verify_dialog(qtbot, first, detail)
    other.findings.setPlainText("滤网堵塞")
    save(qtbot, other)
    save(qtbot, dialog)
    assert seen[0]["Findings"] == ("滤网堵塞", "轴承松动")
    assert dialog.result_value is None and dialog.errors.text  # the workflow refuses a second verify
    findings = [s.findings for s in complaints(second).detail(detail.id).steps if s.step == "verified"]
    assert findings == ["滤网堵塞"]


def test_discarding_a_step_keeps_their_version(qtbot, session_for, answer):
    seen, choice = answer
    choice["button"] = "discard"
    first, second, detail = apologized(session_for)
    dialog = verify_dialog(qtbot, second, complaints(second).detail(detail.id))
    complaints(first).escalate(detail.id, detail.version, "Guest is a regular")
    save(qtbot, dialog)
    now = complaints(second).detail(detail.id)
    assert len(seen) == 1 and now.state == "apologized" and dialog.result_value == now


def two_status_dialogs(qtbot, session_for):
    """Two managers open the card status of one member; the first moves it to Gold."""
    from tests.ui.test_guest_helpers import guest
    from ui.loyalty_status_dialog import LoyaltyStatusDialog

    first, second = session_for("manager", "manager.one"), session_for("manager", "manager.two")
    member = first.ctx.services.loyalty_members(first.actor).enrol(guest(first, "王", "伟").id)
    dialogs = []
    for session in (first, second):
        dialog = LoyaltyStatusDialog(session, member)
        qtbot.addWidget(dialog)
        dialog.reason.setText("owner's guest")
        dialogs.append(dialog)
    dialogs[0].tier.setCurrentIndex(dialogs[0].tier.findData("GOLD"))
    dialogs[0].buttons.button(dialogs[0].buttons.StandardButton.Ok).click()
    assert dialogs[0].result_value.tier_code == "GOLD"
    dialogs[1].status.setCurrentIndex(dialogs[1].status.findData("suspended"))
    return member, dialogs[1], second


def test_a_status_change_over_another_managers_tier_change_keeps_both(qtbot, session_for, answer):
    seen, _choice = answer
    member, dialog, session = two_status_dialogs(qtbot, session_for)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert seen[0]["Status"] == ("Active", "Suspended")
    assert seen[0]["Tier"][0] != seen[0]["Tier"][1]
    now = session.ctx.services.loyalty_members(session.actor).detail(member.membership_id)
    assert (now.status, now.tier_code) == ("suspended", "GOLD") and dialog.result_value == now


def test_discarding_a_status_change_keeps_their_version(qtbot, session_for, answer):
    seen, choice = answer
    choice["button"] = "discard"
    member, dialog, session = two_status_dialogs(qtbot, session_for)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    now = session.ctx.services.loyalty_members(session.actor).detail(member.membership_id)
    assert len(seen) == 1 and (now.status, now.tier_code) == ("active", "GOLD") and dialog.result_value == now


def test_approving_a_remedy_over_another_desks_escalation_approves_the_current_version(qtbot, session_for, answer,
                                                                                       messages):
    from hotelcrm.services.complaint_dto import RemedyInput
    from tests.ui.complaint_ui_helpers import make_view, to_verified

    seen, _choice = answer
    lobby = session_for("lobby_manager", "lobby.one")
    first, second = session_for("manager", "manager.one"), session_for("manager", "manager.two")
    detail = to_verified(lobby, receive(lobby))
    detail = complaints(lobby).propose_remedy(detail.id, detail.version, RemedyInput(
        "compensation", "Dry cleaning of a suit", compensation_cents=150_000))  # waits for a manager
    view = make_view(qtbot, second, detail.id)
    complaints(first).escalate(detail.id, detail.version, "Owner's friend")  # the other desk, meanwhile
    view.approve()
    assert seen[0]["State"][0] == seen[0]["State"][1].removesuffix(" (not changed by you: theirs stays)")
    assert seen[0]["Escalations"] == ("2", "1 (not changed by you: theirs stays)")
    now = complaints(second).detail(detail.id)
    assert now.current_offer.status == "proposed" and len(now.escalations) == 2 and messages.errors == []
    assert view.detail == now
