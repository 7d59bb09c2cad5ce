"""From step 1 to 6 through the detail view's one button, each step's dialog; invalid input is
shown under the form with the field marked and nothing saved; escalation from a rejected or too
costly remedy; withdrawal, addendum, guest link."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.complaint_ui_helpers import complaints, make_view, receive, to_remedy_agreed, to_verified
from tests.ui.test_guest_helpers import wang_wei
from ui.complaint_apology_dialog import ComplaintApologyDialog
from ui.complaint_escalate_dialog import ComplaintEscalateDialog
from ui.complaint_follow_up_dialog import ComplaintFollowUpDialog
from ui.complaint_link_guest_dialog import ComplaintLinkGuestDialog
from ui.complaint_remedy_dialog import ComplaintRemedyDialog
from ui.complaint_remedy_done_dialog import ComplaintRemedyDoneDialog
from ui.complaint_response_dialog import ComplaintResponseDialog
from ui.complaint_text_dialog import ComplaintAddendumDialog, ComplaintWithdrawDialog
from ui.complaint_verify_dialog import ComplaintVerifyDialog


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _answer(monkeypatch, qtbot, cls, *fills):
    """Each time ``cls`` opens, the next ``fill(dialog)`` types into it and OK is pressed; what the
    dialog shows afterwards (error line, state) is kept in ``seen``."""
    seen: list = []
    queue = list(fills)

    def run(dialog) -> int:
        fill = queue.pop(0)
        for step in fill if isinstance(fill, list) else [fill]:
            step(dialog)
            _ok(qtbot, dialog)
            seen.append((dialog.errors.text, dialog.result_value))
        return 1 if dialog.result_value is not None else 0

    monkeypatch.setattr(cls, "exec", run)
    return seen


def test_a_complaint_goes_from_step_one_to_six_through_the_next_step_button(qtbot, session_for, monkeypatch):
    lobby = session_for("lobby_manager")
    view = make_view(qtbot, lobby, receive(lobby).id)
    _answer(monkeypatch, qtbot, ComplaintApologyDialog,
            lambda d: d.manner.setPlainText("当面致歉，表示理解"))
    view.next_step()
    assert view.detail.state == "apologized" and view.next_button.text() == "Record the verification…"

    guideline: list[str] = []

    def verify(d) -> None:
        guideline.append(d.guideline.text())
        guideline.append(d.principles.text())
        d.what.setPlainText("风机盘管")
        d.with_whom.setText("工程部李伟")
        d.findings.setPlainText("轴承松动")

    _answer(monkeypatch, qtbot, ComplaintVerifyDialog, verify)
    view.next_step()
    assert view.detail.state == "verified"
    assert guideline[0] == view.detail.category.guideline("en") and "Never argue with the guest." in guideline[1]

    def remedy(d) -> None:
        d.kind.setCurrentIndex(d.kind.findData("room_move"))
        d.detail_text.setPlainText("Moved to 1203")
        d.answer.setCurrentIndex(d.answer.findData(True))

    _answer(monkeypatch, qtbot, ComplaintRemedyDialog, remedy)
    view.next_step()
    assert view.detail.state == "remedy_agreed"

    def done_negative(d) -> None:
        d.action.setPlainText("Room move done")
        d.cost.setText("-5")

    seen = _answer(monkeypatch, qtbot, ComplaintRemedyDoneDialog,
                   [done_negative, lambda d: d.cost.setText("120.50")])
    view.next_step()
    assert "Actual cost" in seen[0][0] and seen[0][1] is None  # refused, dialog stayed open
    assert view.detail.state == "remedy_done" and view.detail.recovery_cost_cents == 12050

    def no_satisfaction(d) -> None:
        d.result.setPlainText("Guest happy")
        d.root_cause.setPlainText("Old fan coil")
        d.improvement.setPlainText("Quarterly inspection")

    def before_remedy(d) -> None:
        d.satisfaction.setValue(4)
        d.when.setDateTime(d.when.dateTime().addDays(-3))

    def fine(d) -> None:
        d.when.setDateTime(QDateTime.currentDateTime())

    seen = _answer(monkeypatch, qtbot, ComplaintFollowUpDialog, [no_satisfaction, before_remedy, fine])
    before = complaints(lobby).detail(view.detail.id).version
    view.next_step()
    assert "Satisfaction" in seen[0][0] and "1" in seen[0][0] and "5" in seen[0][0]
    assert "Follow-up time" in seen[1][0]
    assert seen[2][0] == "" and seen[2][1] is not None
    assert view.detail.state == "closed" and view.detail.satisfaction == 4 and view.detail.version > before
    assert not view.next_button.isVisibleTo(view) and view.buttons["addendum"].isVisibleTo(view)
    assert [s.step for s in view.detail.steps] == ["listened", "apologized", "verified", "remedy_agreed",
                                                   "remedy_done", "closed"]
    frames = view.timeline.step_frames
    assert all(frame.objectName() == "stepDone" for frame in frames.values())

    _answer(monkeypatch, qtbot, ComplaintAddendumDialog, lambda d: d.text.setPlainText("Guest wrote to thank us"))
    view.addendum()
    assert [a.text for a in view.detail.addenda] == ["Guest wrote to thank us"]


def test_a_rejected_remedy_escalates_and_says_so(qtbot, session_for, monkeypatch):
    lobby = session_for("lobby_manager")
    detail = to_verified(lobby, receive(lobby))
    view = make_view(qtbot, lobby, detail.id)

    def rejected(d) -> None:
        d.kind.setCurrentIndex(d.kind.findData("discount"))
        d.detail_text.setPlainText("10% off the room")
        d.discount.setText("10")
        d.answer.setCurrentIndex(d.answer.findData(False))

    _answer(monkeypatch, qtbot, ComplaintRemedyDialog, rejected)
    view.next_step()
    d = view.detail
    assert d.state == "verified" and d.escalation_level == "lobby_manager"
    assert [(e.reason, e.to_level) for e in d.escalations] == [("rejected", "lobby_manager")]
    assert lobby.ctx.messages.infos[-1] == (
        f"Complaint {d.number} was escalated to the level “Lobby manager”: Remedy rejected.")
    assert view.level.isVisibleTo(view) and "Lobby manager" in view.level.text()
    assert view.next_button.text() == "Propose a remedy…"  # a new remedy next


def test_a_remedy_beyond_authority_waits_for_the_manager_then_the_guest_answers(qtbot, session_for, monkeypatch):
    lobby = session_for("lobby_manager")
    detail = to_verified(lobby, receive(lobby))
    view = make_view(qtbot, lobby, detail.id)

    def costly(d) -> None:
        d.kind.setCurrentIndex(d.kind.findData("compensation"))
        d.detail_text.setPlainText("Refund of two nights")
        d.compensation.setText("2,000")

    _answer(monkeypatch, qtbot, ComplaintRemedyDialog, costly)
    view.next_step()
    assert view.detail.current_offer.status == "awaiting_approval"
    assert "escalated" in lobby.ctx.messages.infos[-1] and "Beyond authority" in lobby.ctx.messages.infos[-1]
    assert view.next_button.text() == "Approve the remedy" and not view.next_button.isEnabled()
    assert "beyond your authority" in view.refusal.text()

    manager = session_for("manager")
    boss = make_view(qtbot, manager, detail.id)
    assert boss.next_button.isEnabled()
    boss.next_step()  # confirm answered yes by the recorder
    assert boss.detail.current_offer.status == "proposed"
    assert boss.next_button.text() == "Record the guest's answer…"

    def nothing_chosen(d) -> None:
        pass

    seen = _answer(monkeypatch, qtbot, ComplaintResponseDialog,
                   [nothing_chosen, lambda d: d.answer.setCurrentIndex(d.answer.findData(True))])
    boss.next_step()
    assert "Guest's answer" in seen[0][0] and seen[0][1] is None
    assert boss.detail.state == "remedy_agreed"


def test_manual_escalation_needs_a_reason(qtbot, session_for, monkeypatch):
    lobby = session_for("lobby_manager")
    view = make_view(qtbot, lobby, receive(lobby).id)
    seen = _answer(monkeypatch, qtbot, ComplaintEscalateDialog,
                   [lambda d: None, lambda d: d.note.setPlainText("VIP guest, GM wants to know")])
    count = len(lobby.ctx.messages.infos)
    view.escalate()
    assert seen[0][1] is None and seen[0][0]
    assert view.detail.escalation_level == "lobby_manager"
    assert view.detail.escalations[-1].reason == "manual"
    assert len(lobby.ctx.messages.infos) == count  # no "automatic escalation" message for one's own


def test_withdrawal_needs_a_reason_and_leaves_the_complaint_read_only(qtbot, session_for, monkeypatch):
    lobby = session_for("lobby_manager")
    detail = to_remedy_agreed(lobby, to_verified(lobby, receive(lobby)))
    view = make_view(qtbot, lobby, detail.id)
    seen = _answer(monkeypatch, qtbot, ComplaintWithdrawDialog,
                   [lambda d: None, lambda d: d.text.setPlainText("Guest no longer wishes to pursue it")])
    view.withdraw()
    assert "Reason for withdrawal" in seen[0][0]
    assert view.detail.state == "withdrawn" and view.detail.read_only
    assert not view.next_button.isVisibleTo(view) and not view.buttons["withdraw"].isVisibleTo(view)
    assert view.buttons["addendum"].isVisibleTo(view)


def test_clerk_records_the_apology_and_links_the_guest_later(qtbot, session_for, monkeypatch):
    clerk = session_for("clerk")
    guest = wang_wei(clerk)
    view = make_view(qtbot, clerk, receive(clerk).id)
    seen = _answer(monkeypatch, qtbot, ComplaintApologyDialog,
                   [lambda d: None, lambda d: d.manner.setPlainText("Apologised on the phone")])
    view.next_step()
    assert "How the apology was made" in seen[0][0]
    assert view.detail.state == "apologized" and not view.next_button.isEnabled()

    def link(d) -> None:
        d.guest.choose("王伟")

    _answer(monkeypatch, qtbot, ComplaintLinkGuestDialog, [lambda d: None, link])
    view.link_guest()
    assert view.detail.guest_id == guest.id and view.detail.guest_name == "王伟"
    assert not view.buttons["link_guest"].isVisibleTo(view) and view.buttons["open_guest"].isVisibleTo(view)
