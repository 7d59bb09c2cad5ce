"""The conflict dialog: both versions field by field with the differences highlighted; "Apply my
changes to the current version" re-saves what was typed on top of the other desk's save;
"Discard" keeps theirs. Two GUI sessions (two logged-in clerks) edit the same guest card, on
SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.conflict_backends import sqlite_db  # noqa: F401 - both backends under ctx
from tests.ui.test_guest_helpers import cards, wang_wei
from ui import conflict_dialog
from ui.conflict_dialog import ConflictDialog, FieldVersions
from ui.guest_editor_dialog import GuestEditorDialog


@pytest.fixture
def answer(monkeypatch):
    """Stands in for the modal ``exec``: records the dialog and clicks the chosen button."""
    seen: list[ConflictDialog] = []
    choice = {"button": "reapply"}

    def exec_(dialog: ConflictDialog) -> int:
        seen.append(dialog)
        button = dialog.reapply_button if choice["button"] == "reapply" else dialog.discard_button
        button.click()
        return dialog.result()

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    return seen, choice


def test_the_dialog_shows_both_versions_and_highlights_only_differences(qtbot):
    dialog = ConflictDialog("guest card", [FieldVersions("VIP code", "V1", "—", changed_here=False),
                                           FieldVersions("Position", "—", "经理"),
                                           FieldVersions("Family name", "王", "王")])
    qtbot.addWidget(dialog)
    assert [dialog.text_at(r, c) for r in range(3) for c in (1, 2)] == [
        "V1", "— (not changed by you: theirs stays)", "—", "经理", "王", "王"]
    assert [dialog.highlighted(r) for r in range(3)] == [True, True, False]
    assert [dialog.kept_theirs(r) for r in range(3)] == [True, False, False]
    assert "2" in dialog.summary.text()
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == conflict_dialog.DISCARD


def two_desks(qtbot, session_for):
    """Two clerks have the same card open in the editor; the first changes the VIP code and saves."""
    first, second = session_for("clerk", "desk.one"), session_for("clerk", "desk.two")
    card = wang_wei(first)
    editors = []
    for session in (first, second):
        editor = GuestEditorDialog(session, cards(session).card(card.id), debounce_ms=0)
        qtbot.addWidget(editor)
        editors.append(editor)
    editors[0].edits["vip_code"].setText("V1")
    editors[0].buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert editors[0].result_value.vip_code == "V1"
    editors[1].edits["position"].setText("总经理")
    return card, editors[1], second


def test_second_desk_sees_both_versions_and_reapplies_its_change(qtbot, session_for, answer):
    seen, _choice = answer
    card, editor, session = two_desks(qtbot, session_for)
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    shown = {seen[0].text_at(r, 0): (seen[0].text_at(r, 1), seen[0].text_at(r, 2), seen[0].highlighted(r),
                                     seen[0].kept_theirs(r)) for r in range(seen[0].table.rowCount())}
    assert shown["VIP code"] == ("V1", "— (not changed by you: theirs stays)", True, True)
    assert shown["Position"] == ("—", "总经理", True, False)
    assert shown["Family name"] == ("王", "王", False, False)
    saved = cards(session).card(card.id)
    assert (saved.vip_code, saved.position, saved.version) == ("V1", "总经理", card.version + 2)
    assert editor.result_value == saved


def test_discard_keeps_their_version(qtbot, session_for, answer):
    seen, choice = answer
    choice["button"] = "discard"
    card, editor, session = two_desks(qtbot, session_for)
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert len(seen) == 1
    saved = cards(session).card(card.id)
    assert (saved.vip_code, saved.position, saved.version) == ("V1", None, card.version + 1)
    assert editor.result_value == saved  # the card view shows their version


def test_a_third_save_in_between_asks_again(qtbot, session_for, answer, monkeypatch):
    seen, _choice = answer
    card, editor, session = two_desks(qtbot, session_for)
    real_ask = conflict_dialog.ask

    def ask_while_another_desk_saves(what, rows, parent, note=""):
        if len(seen) == 0:  # while the dialog is open, the first desk saves once more
            now = cards(session).card(card.id)
            cards(session).set_blacklist(now.id, now.version, True, "Unpaid bill")
        return real_ask(what, rows, parent, note)

    monkeypatch.setattr(conflict_dialog, "ask", ask_while_another_desk_saves)
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert len(seen) == 2
    saved = cards(session).card(card.id)
    assert (saved.vip_code, saved.position, saved.status) == ("V1", "总经理", "blacklisted")
