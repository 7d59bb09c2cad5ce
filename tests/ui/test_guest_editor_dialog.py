"""New card with the duplicate warning; editing with the card's version and the conflict."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from hotelcrm.services.guest_dto import GuestDraft
from tests.ui.test_guest_helpers import BORN, cards, make_page, wang_wei
from ui.conflict_dialog import ConflictDialog
from ui.guest_editor_dialog import GuestEditorDialog


def _dialog(qtbot, session, card=None) -> GuestEditorDialog:
    dialog = GuestEditorDialog(session, card, debounce_ms=0)
    qtbot.addWidget(dialog)
    return dialog


def _type(qtbot, edit, text: str) -> None:
    edit.setText(text)
    edit.textEdited.emit(text)  # what the user's typing emits (setText alone does not)


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_same_phone_shows_the_duplicate_warning_and_offers_the_existing_card(qtbot, admin_session):
    existing = wang_wei(admin_session)
    dialog = _dialog(qtbot, admin_session)
    dialog.show()
    _type(qtbot, dialog.edits["family_name"], "黄")
    _type(qtbot, dialog.edits["phone"], "13800001234")
    qtbot.waitUntil(dialog.duplicates.isVisible)
    assert dialog.duplicates.hits[0].guest_id == existing.id
    assert "same phone" in dialog.duplicates.rows.itemAtPosition(0, 1).widget().text()
    qtbot.mouseClick(dialog.duplicates.open_buttons[0], Qt.MouseButton.LeftButton)
    assert dialog.open_instead == existing.id
    assert dialog.result() == QDialog.DialogCode.Rejected  # no second card was made
    assert [h.id for h in admin_session.ctx.services.guest_search(admin_session.actor).search("13800001234")] \
        == [existing.id]


def test_same_name_alone_is_never_a_duplicate_but_name_and_birth_date_is(qtbot, admin_session):
    wang_wei(admin_session)
    dialog = _dialog(qtbot, admin_session)
    dialog.show()
    _type(qtbot, dialog.edits["family_name"], "王")
    _type(qtbot, dialog.edits["given_name"], "伟")
    dialog.check_duplicates()
    assert not dialog.duplicates.isVisible()
    _type(qtbot, dialog.birth_date, BORN.isoformat())
    qtbot.waitUntil(dialog.duplicates.isVisible)
    assert dialog.duplicates.hits[0].reasons == ("name_birth_date",)


def test_new_card_is_created_and_opened_from_the_page(qtbot, admin_session, monkeypatch):
    page = make_page(qtbot, admin_session)

    def fill_and_save(dialog) -> int:
        dialog.edits["family_name"].setText("欧阳")
        dialog.edits["given_name"].setText("娜娜")
        dialog.edits["phone"].setText("139 1111 2222")
        _save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(GuestEditorDialog, "exec", fill_and_save)
    page.new_card()
    assert page.stack.currentWidget() is page.card_view
    assert page.card_view.name.text() == "欧阳娜娜"
    shown = [label.text() for label in page.card_view.general.contacts_box.findChildren(QLabel)]
    assert any(text.startswith("+86 139 1111 2222") for text in shown), shown


def test_a_validation_error_names_the_field_and_keeps_what_was_typed(qtbot, admin_session):
    dialog = _dialog(qtbot, admin_session)
    dialog.edits["family_name"].setText("张")
    dialog.edits["phone"].setText("12345")
    dialog.birth_date.setText("1990-02-30")
    _save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.label.isVisibleTo(dialog)
    assert dialog.errors.text.startswith("Date of birth")
    assert dialog.birth_date.property("invalid") is True
    dialog.birth_date.setText("1990-02-28")
    _save(qtbot, dialog)
    assert "phone" in dialog.errors.text.lower()
    assert dialog.edits["phone"].property("invalid") is True
    assert (dialog.edits["family_name"].text(), dialog.edits["phone"].text()) == ("张", "12345")


def test_edit_saves_with_the_version_and_a_conflict_shows_both_versions(qtbot, admin_session, monkeypatch):
    card = wang_wei(admin_session)
    dialog = _dialog(qtbot, admin_session, card)
    cards(admin_session).update(card.id, card.version, GuestDraft(family_name="王", given_name="伟",
                                                                   vip_code="V1", birth_date=BORN))
    dialog.edits["position"].setText("总经理")
    shown = []

    def reapply(conflict) -> int:  # the conflict dialog (ui/conflict_dialog.py), answered
        shown.append({conflict.text_at(r, 0): (conflict.text_at(r, 1), conflict.text_at(r, 2))
                      for r in range(conflict.table.rowCount())})
        conflict.reapply_button.click()
        return conflict.result()

    monkeypatch.setattr(ConflictDialog, "exec", reapply)
    _save(qtbot, dialog)
    assert shown[0]["VIP code"] == ("V1", "— (not changed by you: theirs stays)")
    assert shown[0]["Position"] == ("—", "总经理")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value.position == "总经理" and dialog.result_value.vip_code == "V1"
    assert dialog.result_value.version == card.version + 2
