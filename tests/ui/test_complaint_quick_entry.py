"""Step 1 from the keyboard: guest by the search box, Tab through the form, Ctrl+Enter saves;
defaults received now by me; nothing saved when the guest's words are missing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.complaint_ui_helpers import complaints, make_page
from tests.ui.test_guest_helpers import wang_wei
from ui.complaint_quick_entry_dialog import ComplaintQuickEntryDialog


def _dialog(qtbot, session):
    page = make_page(qtbot, session)
    dialog = ComplaintQuickEntryDialog(session, page.categories, page.departments, page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return page, dialog


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_lobby_manager_enters_a_complaint_from_the_keyboard(qtbot, session_for):
    lobby = session_for("lobby_manager")
    guest = wang_wei(lobby)
    page, dialog = _dialog(qtbot, lobby)
    assert QApplication.focusWidget() is dialog.guest.box
    _type(qtbot, "wangw")  # pinyin: QTest types Latin keys only
    _key(qtbot, Qt.Key.Key_Return)  # picks the first hit, moves on to the room
    assert dialog.guest.guest_id == guest.id and "王伟" in dialog.guest.chosen.text()
    assert QApplication.focusWidget() is dialog.room
    _type(qtbot, "1208")
    _key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.category
    _key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.severity
    _key(qtbot, Qt.Key.Key_Down)  # medium → high
    for _ in range(3):  # channel, department, the guest's words
        _key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.words
    dialog.words.insertPlainText("空调噪音太大")  # an input method's text, as QTest cannot type it
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    saved = dialog.result_value
    assert saved is not None and not dialog.isVisible()
    assert saved.guest_id == guest.id and saved.room_no == "1208" and saved.severity == "high"
    assert saved.channel == "in_person" and saved.guest_words == "空调噪音太大"
    assert saved.received_by_name == lobby.actor.display_name or saved.received_by_name == lobby.actor.username
    assert abs(saved.received_at - datetime.now(UTC)) < timedelta(minutes=5)
    assert saved.state == "listened"


def test_without_the_guests_words_nothing_is_saved_and_the_field_is_marked(qtbot, session_for):
    lobby = session_for("lobby_manager")
    page, dialog = _dialog(qtbot, lobby)
    dialog.room.setText("0815")
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result_value is None and dialog.isVisible()
    assert "Guest's own words" in dialog.errors.text
    assert dialog.words.property("invalid") is True
    assert complaints(lobby).list().total == 0


def test_a_receipt_time_in_the_future_is_refused(qtbot, session_for):
    lobby = session_for("lobby_manager")
    page, dialog = _dialog(qtbot, lobby)
    dialog.words.setPlainText("Noise")
    dialog.received_at.setDateTime(dialog.received_at.dateTime().addDays(2))
    dialog.submit()
    assert dialog.result_value is None and "Received at" in dialog.errors.text
    assert complaints(lobby).list().total == 0


def test_complaint_without_a_guest_is_saved_and_opens_in_the_detail_view(qtbot, session_for, monkeypatch):
    clerk = session_for("clerk")
    page = make_page(qtbot, clerk)

    def fill(dialog) -> int:
        dialog.words.setPlainText("Minibar charged twice")
        dialog.submit()
        return 1

    monkeypatch.setattr(ComplaintQuickEntryDialog, "exec", fill)
    page.new_complaint()
    assert page.stack.currentWidget() is page.detail
    detail = page.detail.detail
    assert detail.guest_id is None and detail.received_by_name
    assert page.detail.buttons["link_guest"].isVisibleTo(page.detail)
    assert page.list.model.rowCount() == 1
