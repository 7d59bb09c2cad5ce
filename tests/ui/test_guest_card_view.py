"""The card: tabs, reveal per role, check-in then check-out, preferences, feedback, merge."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from hotelcrm.services.guest_dto import GuestDraft
from hotelcrm.services.stay_dto import StayDraft
from tests.ui.conflict_answer import answer  # noqa: F401 - fixture
from tests.ui.test_guest_helpers import BORN, RID, cards, wang_wei
from ui.guest_blacklist_dialog import GuestBlacklistDialog
from ui.guest_card_view import GuestCardView
from ui.guest_part_dialog import GuestPartDialog
from ui.guest_preference_dialog import PreferenceDialog
from ui.guest_stay_model import GuestStayModel
from ui.merge_dialog import MergeDialog
from ui.merge_history_dialog import MergeHistoryDialog
from ui.stay_check_in_dialog import CheckInDialog
from ui.stay_check_out_dialog import CheckOutDialog
from ui.stay_past_dialog import PastStayDialog
from ui.stay_row_model import StayRowModel


def _view(qtbot, session, guest_id: int) -> GuestCardView:
    view = GuestCardView(session)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.load(guest_id)
    return view


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _stay_rows(view) -> list[list[str]]:
    model = view.stays.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_manager_reveals_an_id_number_clerk_sees_it_masked_without_the_button(qtbot, admin_session, session_for):
    card = wang_wei(admin_session)
    clerk = _view(qtbot, session_for("clerk"), card.id)
    (label,) = clerk.general.number_labels.values()
    assert label.text() != RID and label.text().startswith(RID[:6]) and "*" in label.text()
    assert clerk.general.reveal_buttons == {}
    manager = _view(qtbot, session_for("manager"), card.id)
    (button,) = manager.general.reveal_buttons.values()
    with qtbot.waitSignal(manager.general.revealed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (label,) = manager.general.number_labels.values()
    assert label.text() == RID


def test_check_in_then_check_out_updates_the_stays_tab_and_the_brief(qtbot, admin_session, monkeypatch):
    card = wang_wei(admin_session)
    view = _view(qtbot, admin_session, card.id)
    assert view.buttons["check_in"].isVisibleTo(view) and not view.buttons["check_out"].isVisibleTo(view)

    def check_in(dialog) -> int:
        dialog.room_no.setText("1208")
        dialog.room_type.setText("Deluxe King")
        dialog.rate.setText("888")
        _ok(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(CheckInDialog, "exec", check_in)
    with qtbot.waitSignal(view.stays_changed):
        view.check_in()
    rows = _stay_rows(view)
    assert len(rows) == 1 and rows[0][3:6] == ["1208", "Deluxe King", "CNY 888.00"]
    assert rows[0][-1] == "In house"
    assert "room 1208" in view.brief.stay.text()
    assert view.buttons["check_out"].isVisibleTo(view) and not view.buttons["check_in"].isVisibleTo(view)

    def check_out(dialog) -> int:
        dialog.amounts["spend_room_cents"].setText("888")
        dialog.amounts["spend_fnb_cents"].setText("120.50")
        dialog.amounts["unpaid_cents"].setText("20")
        dialog.departure.setDate(dialog.departure.minimumDate())
        _ok(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(CheckOutDialog, "exec", check_out)
    view.check_out()
    rows = _stay_rows(view)
    assert rows[0][-1] == "Checked out"
    assert rows[0][8] == "CNY 1,008.50" and rows[0][10] == "CNY 20.00"
    assert view.stays.figures["stays"].text() == "1"
    assert view.stays.figures["unpaid"].text() == "CNY 20.00"
    assert view.brief.values["unpaid"].text() == "CNY 20.00 unpaid from 1 stay(s)"


def test_a_malformed_amount_names_the_field_and_keeps_the_dialog(qtbot, admin_session):
    card = wang_wei(admin_session)
    dialog = CheckInDialog(admin_session, card.id, card.display_name)
    qtbot.addWidget(dialog)
    dialog.room_no.setText("1208")
    dialog.rate.setText("8,88.0")
    _ok(qtbot, dialog)
    assert dialog.result_value is None
    assert dialog.errors.text.startswith("Room rate")
    assert dialog.rate.property("invalid") is True and dialog.rate.text() == "8,88.0"


def test_preferences_notes_and_feedback_show_on_their_tabs(qtbot, admin_session):
    card = wang_wei(admin_session)
    view = _view(qtbot, admin_session, card.id)
    labels = view.personal.labels
    assert labels.value_label("room", "pillow_height", "low") == "Low pillow"
    dialog = PreferenceDialog(admin_session, labels, lambda d: cards(admin_session).add_preference(card.id, d),
                              group="room")
    qtbot.addWidget(dialog)
    dialog.key.setCurrentIndex(dialog.key.findData("pillow_height"))
    dialog.value.setCurrentIndex(dialog.value.findData("low"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    view.show_card(dialog.result_value)
    assert view.personal.group_boxes["room"].itemAtPosition(0, 0).widget().text() == "Pillow height: Low pillow"
    assert "Pillow height: Low pillow" in view.brief.values["preferences"].text()

    view.personal.notes["taboos"].setPlainText("No room numbers with 4")
    view.personal.save_notes()
    assert view.card.taboos == "No room numbers with 4"
    assert view.brief.values["taboos"].text() == "No room numbers with 4"

    view.feedback.kind.setCurrentIndex(view.feedback.kind.findData("praise"))
    view.feedback.text.setText("Thanked the concierge")
    qtbot.mouseClick(view.feedback.add_button, Qt.MouseButton.LeftButton)
    assert view.feedback.text.text() == ""
    assert view.feedback.feedback_grid.itemAtPosition(0, 2).widget().text() == "Thanked the concierge"


def test_notes_saved_over_a_newer_card_show_the_conflict_and_discard_keeps_theirs(qtbot, admin_session, answer):  # noqa: F811
    """(Applying on top: test_conflict_card_rows.py.)"""
    card = wang_wei(admin_session)
    view = _view(qtbot, admin_session, card.id)
    cards(admin_session).update(card.id, card.version, GuestDraft(family_name="王", given_name="伟", birth_date=BORN))
    view.personal.notes["hobbies"].setPlainText("Golf")
    answer.button = "discard"
    view.personal.save_notes()
    assert answer.seen[0]["Hobbies"] == ("—", "Golf")
    assert view.personal.notes["hobbies"].toPlainText() == "" and view.card.hobbies is None


def test_manager_merges_a_duplicate_and_undoes_it(qtbot, session_for, messages):
    manager = session_for("manager")
    kept = wang_wei(manager)
    other = cards(manager).create(GuestDraft(family_name="王", given_name="伟", birth_date=BORN))
    stays = manager.ctx.services.stays(manager.actor)
    stays.check_in(other.id, StayDraft(departure_date=date.today() + timedelta(days=1), room_no="0301"))
    view = _view(qtbot, manager, kept.id)
    assert view.buttons["merge"].isVisibleTo(view)
    dialog = MergeDialog(manager, view.card, view)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    dialog.list.setCurrentRow(0)
    _ok(qtbot, dialog)
    assert dialog.result_value is not None
    assert "1 stays" in messages.infos[-1]
    view.reload()
    assert len(_stay_rows(view)) == 1
    history = MergeHistoryDialog(manager, view.card, view)
    qtbot.addWidget(history)
    (undo,) = history.undo_buttons.values()
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert history.undone and history.undo_buttons == {}
    view.reload()
    assert _stay_rows(view) == []


def test_clerk_sees_no_merge_and_stay_models_pass_the_model_tester(qtbot, qtmodeltester, session_for):
    clerk = session_for("clerk")
    card = wang_wei(clerk)
    stays = clerk.ctx.services.stays(clerk.actor)
    stays.check_in(card.id, StayDraft(departure_date=date.today() + timedelta(days=3), room_no="0502"))
    view = _view(qtbot, clerk, card.id)
    assert not view.buttons["merge"].isVisibleTo(view)
    assert view.stays.model.rowCount() == 1
    qtmodeltester.check(view.stays.model)
    qtmodeltester.check(GuestStayModel())
    rows = StayRowModel()
    rows.set_rows(stays.in_house())
    assert rows.rowCount() == 1
    qtmodeltester.check(rows)
    qtmodeltester.check(StayRowModel())


def test_a_contact_added_on_the_general_tab_shows_and_a_bad_one_names_the_field(qtbot, admin_session, monkeypatch):
    card = wang_wei(admin_session)
    view = _view(qtbot, admin_session, card.id)

    def bad_then_good(dialog) -> int:
        dialog.widgets["contact_kind"].setCurrentIndex(dialog.widgets["contact_kind"].findData("email"))
        dialog.widgets["contact"].setText("wang.wei@")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        assert dialog.result_value is None and "e-mail" in dialog.errors.text.lower()
        assert dialog.widgets["contact"].text() == "wang.wei@"
        dialog.widgets["contact"].setText("wei@corp.example.cn")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(GuestPartDialog, "exec", bad_then_good)
    view.general.add_part("contact")
    shown = [label.text() for label in view.general.contacts_box.findChildren(QLabel) if label.isVisibleTo(view)]
    assert any(text.startswith("wei@corp.example.cn") for text in shown), shown


def test_blacklisting_from_the_card_turns_the_brief_red_and_lifting_clears_it(qtbot, admin_session, monkeypatch):
    card = wang_wei(admin_session)
    view = _view(qtbot, admin_session, card.id)
    assert view.buttons["blacklist"].text() == "Blacklist…"

    def blacklist(dialog) -> int:
        _ok(qtbot, dialog)  # no reason: refused, the dialog stays
        assert dialog.result_value is None and dialog.errors.text.startswith("Blacklist reason")
        dialog.reason.setPlainText("Threatened staff")
        _ok(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(GuestBlacklistDialog, "exec", blacklist)
    view.blacklist()
    assert view.brief.banner.isVisibleTo(view) and "Threatened staff" in view.brief.banner.text()
    assert view.buttons["blacklist"].text() == "Lift blacklist…"
    monkeypatch.setattr(GuestBlacklistDialog, "exec", lambda dialog: _ok(qtbot, dialog) or dialog.result())
    view.blacklist()
    assert not view.brief.banner.isVisibleTo(view)


def test_a_past_stay_entered_afterwards_counts_in_the_figures(qtbot, admin_session, monkeypatch):
    card = wang_wei(admin_session)
    view = _view(qtbot, admin_session, card.id)

    def enter(dialog) -> int:
        dialog.arrival.setDate(dialog.arrival.date().addDays(-28))
        dialog.departure.setDate(dialog.departure.date().addDays(-27))
        dialog.texts["room_no"].setText("0606")
        dialog.amounts["spend_room_cents"].setText("1,200")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(PastStayDialog, "exec", enter)
    view.past_stay()
    rows = _stay_rows(view)
    assert len(rows) == 1 and rows[0][3] == "0606" and rows[0][-1] == "Checked out"
    assert view.stays.figures["total_spend"].text() == "CNY 1,200.00"
    assert view.brief.history.text().startswith("Returning guest: 1 stay(s)")
