"""The guest card's Privacy button (managers): export everything held, anonymize after a
confirmation that names what is removed."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.test_guest_helpers import RID, wang_wei
from ui.anonymize_confirm_dialog import AnonymizeConfirmDialog
from ui.guest_card_view import GuestCardView


def _view(qtbot, session, guest_id: int) -> GuestCardView:
    view = GuestCardView(session)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.load(guest_id)
    return view


def test_only_managers_see_the_privacy_button(qtbot, admin_session, session_for):
    card = wang_wei(admin_session)
    lobby = _view(qtbot, session_for("lobby_manager"), card.id)
    assert not lobby.privacy_button.isVisibleTo(lobby)
    view = _view(qtbot, session_for("manager"), card.id)
    assert view.privacy_button.isVisibleTo(view)
    assert [a.text() for a in view.privacy_button.menu().actions()] == ["Privacy export…", "Anonymize…"]


def test_privacy_export_writes_everything_in_clear(qtbot, admin_session, session_for, tmp_path, messages):
    card = wang_wei(admin_session)
    view = _view(qtbot, session_for("manager"), card.id)
    out = tmp_path / "wang.json"
    view.privacy_button.choose_file = lambda suggested: str(out)
    view.privacy_button.export_action.trigger()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["card"]["family_name"] == "王" and data["documents"][0]["number"] == RID
    assert str(out) in messages.infos[-1]


def test_anonymize_after_confirmation_closes_the_card(qtbot, admin_session, session_for, messages):
    card = wang_wei(admin_session)
    view = _view(qtbot, session_for("manager"), card.id)
    asked = []
    view.privacy_button.confirm = lambda c, parent: asked.append(c.id) or False
    view.privacy_button.anonymize_action.trigger()
    assert asked == [card.id] and view.card.family_name == "王"  # declined: nothing changed
    view.privacy_button.confirm = lambda c, parent: True
    with qtbot.waitSignal(view.privacy_button.anonymized):
        view.privacy_button.anonymize_action.trigger()
    assert view.card.status == "anonymized" and view.card.family_name == ""
    assert view.status.text() == "Anonymized" and view.status.isVisibleTo(view)
    assert view.name.text() == f"Anonymized guest #{card.id}"
    assert not view.buttons["edit"].isVisibleTo(view)
    assert not view.privacy_button.anonymize_action.isEnabled()
    assert messages.infos[-1].startswith(f"Card {card.id} anonymized")


def test_confirmation_names_what_goes_and_needs_the_card_number(qtbot, admin_session):
    card = wang_wei(admin_session)
    dialog = AnonymizeConfirmDialog(card)
    qtbot.addWidget(dialog)
    assert "ID document" in dialog.removed.text() and "stays" in dialog.kept.text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.typed, str(card.id + 1))
    assert not ok.isEnabled()
    dialog.typed.clear()
    qtbot.keyClicks(dialog.typed, str(card.id))
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == AnonymizeConfirmDialog.DialogCode.Accepted
