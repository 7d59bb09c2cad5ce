"""Editing a card's items in place from the GUI: the Edit button (or a double-click) opens the add
dialog pre-filled; bad input names its field and changes nothing; a change saved elsewhere
meanwhile is refused and the dialog keeps what was typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from hotelcrm.services.guest_dto import AddressDraft, ContactDraft, PreferenceDraft, SpecialDateDraft
from tests.ui.conflict_answer import answer  # noqa: F401 - fixture
from tests.ui.test_company_dialogs import companies, huaxia
from tests.ui.test_guest_helpers import RID, cards, wang_wei
from ui.company_editor_dialog import CompanyEditorDialog
from ui.guest_card_view import GuestCardView
from ui.guest_part_dialog import GuestPartDialog
from ui.guest_preference_dialog import PreferenceDialog
from ui.guest_special_date_dialog import SpecialDateDialog


def _view(qtbot, session, guest_id: int) -> GuestCardView:
    view = GuestCardView(session)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.load(guest_id)
    return view


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _shown(widget) -> list[str]:
    """The texts on ``widget`` (rows of an old card are hidden and unparented when it re-renders)."""
    return [label.text() for label in widget.findChildren(QLabel) if not label.isHidden()]


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# ---------------------------------------------------------------- documents


def test_a_document_is_edited_in_place_the_number_kept_unless_retyped(qtbot, admin_session, monkeypatch):
    card = wang_wei(admin_session)
    view = _view(qtbot, admin_session, card.id)
    (doc,) = view.card.documents

    def bad_then_good(dialog) -> int:
        assert dialog.windowTitle() == "Edit ID document"
        assert dialog.widgets["id_type"].currentData() == "resident_id"
        assert dialog.widgets["id_number"].text() == ""  # masked on the card: not pre-filled
        assert doc.number in dialog.widgets["id_number"].placeholderText()
        dialog.widgets["id_number"].setText(RID[:-1] + ("0" if RID[-1] != "0" else "1"))
        _save(qtbot, dialog)
        assert dialog.result_value is None and dialog.errors.text.startswith("ID number")
        assert dialog.widgets["id_number"].property("invalid") is True
        assert cards(admin_session).card(card.id).documents == (doc,)  # nothing changed
        dialog.widgets["id_number"].clear()
        dialog.widgets["expiry_date"].setText("2036-07-01")
        _save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(GuestPartDialog, "exec", bad_then_good)
    _click(qtbot, view.general.edit_buttons[("document", doc.id)])
    (edited,) = view.card.documents
    assert (edited.number, edited.expiry_date, edited.version) == (doc.number, date(2036, 7, 1), doc.version + 1)
    assert any("2036-07-01" in text for text in _shown(view.general.documents_box))


def test_a_revealed_number_is_pre_filled_in_clear(qtbot, session_for, admin_session, monkeypatch):
    card = wang_wei(admin_session)
    view = _view(qtbot, session_for("manager"), card.id)
    (doc,) = view.card.documents
    with qtbot.waitSignal(view.general.revealed):
        _click(qtbot, view.general.reveal_buttons[doc.id])
    seen: list[str] = []
    monkeypatch.setattr(GuestPartDialog, "exec", lambda dialog: seen.append(dialog.widgets["id_number"].text()) or 0)
    _click(qtbot, view.general.edit_buttons[("document", doc.id)])
    assert seen == [RID]


# ---------------------------------------------------------------- contacts and addresses


def test_a_phone_is_edited_in_place_and_found_by_its_new_number(qtbot, admin_session, monkeypatch):
    card = wang_wei(admin_session)
    view = _view(qtbot, admin_session, card.id)
    phone = next(c for c in view.card.contacts if c.kind == "phone")

    def bad_then_good(dialog) -> int:
        assert dialog.windowTitle() == "Edit contact"
        assert (dialog.widgets["contact_kind"].currentData(), dialog.widgets["contact"].text()) == \
            ("phone", phone.value)
        dialog.widgets["contact"].setText("12345")
        _save(qtbot, dialog)
        assert dialog.result_value is None and "phone" in dialog.errors.text.lower()
        assert dialog.widgets["contact"].text() == "12345"  # what was typed stays
        assert next(c for c in cards(admin_session).card(card.id).contacts if c.id == phone.id) == phone
        dialog.widgets["contact"].setText("137 1111 9090")
        dialog.widgets["contact_label"].setText("office")
        _save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(GuestPartDialog, "exec", bad_then_good)
    _click(qtbot, view.general.edit_buttons[("contact", phone.id)])
    assert any(text.startswith("+86 137 1111 9090") for text in _shown(view.general.contacts_box))
    hits = admin_session.ctx.services.guest_search(admin_session.actor).search("9090")
    assert [h.id for h in hits] == [card.id]


def test_a_double_click_on_an_address_opens_it_for_editing(qtbot, admin_session, monkeypatch):
    card = wang_wei(admin_session)
    card = cards(admin_session).add_address(card.id, AddressDraft("建国门外大街1号", city="北京", country="CHN"))
    view = _view(qtbot, admin_session, card.id)
    view.show()
    (address,) = view.card.addresses

    def bad_then_good(dialog) -> int:
        assert dialog.windowTitle() == "Edit address"
        assert (dialog.widgets["address_line1"].text(), dialog.widgets["city"].text()) == ("建国门外大街1号", "北京")
        dialog.widgets["address_line1"].clear()
        _save(qtbot, dialog)
        assert dialog.result_value is None and dialog.widgets["address_line1"].property("invalid") is True
        dialog.widgets["address_line1"].setText("陆家嘴环路1000号")
        dialog.widgets["city"].setText("上海")
        _save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(GuestPartDialog, "exec", bad_then_good)
    label = next(w for w in view.general.addresses_box.findChildren(QLabel) if "建国门外大街1号" in w.text())
    qtbot.mouseDClick(label, Qt.MouseButton.LeftButton)
    assert view.card.addresses[0].line1 == "陆家嘴环路1000号"
    qtbot.waitUntil(lambda: any("陆家嘴环路1000号, 上海" in text for text in _shown(view.general.addresses_box)))


def test_an_edit_over_a_newer_save_shows_the_conflict_and_discard_keeps_theirs(qtbot, admin_session, monkeypatch,
                                                                               answer):  # noqa: F811
    """(Applying on top, on both backends: test_conflict_card_rows.py.)"""
    card = wang_wei(admin_session)
    view = _view(qtbot, admin_session, card.id)
    email = next(c for c in view.card.contacts if c.kind == "email")
    cards(admin_session).update_contact(email.id, email.version, ContactDraft("email", "wei.wang@example.com"))

    def stale(dialog) -> int:
        dialog.widgets["contact"].setText("wang.w@corp.example.cn")
        _save(qtbot, dialog)
        return dialog.result()

    answer.button = "discard"
    monkeypatch.setattr(GuestPartDialog, "exec", stale)
    _click(qtbot, view.general.edit_buttons[("contact", email.id)])
    assert answer.seen[0]["Contact"] == ("wei.wang@example.com", "wang.w@corp.example.cn")
    stored = next(c for c in cards(admin_session).card(card.id).contacts if c.id == email.id)
    assert stored.value == "wei.wang@example.com"  # the other save is not lost
    assert next(c for c in view.card.contacts if c.id == email.id).value == "wei.wang@example.com"


# ---------------------------------------------------------------- preferences and special dates


def test_a_preference_is_edited_in_place(qtbot, admin_session, monkeypatch):
    card = wang_wei(admin_session)
    card = cards(admin_session).add_preference(card.id, PreferenceDraft("room", "pillow_height", "low"))
    view = _view(qtbot, admin_session, card.id)
    (pref,) = view.card.preferences

    def bad_then_good(dialog) -> int:
        assert dialog.windowTitle() == "Edit preference"
        assert (dialog.group.currentData(), dialog._key(), dialog._typed(dialog.value)) == \
            ("room", "pillow_height", "low")
        dialog.value.setEditText("enormous")
        _save(qtbot, dialog)
        assert dialog.result_value is None and dialog.value.property("invalid") is True
        assert cards(admin_session).card(card.id).preferences == (pref,)
        dialog.value.setCurrentIndex(dialog.value.findData("high"))
        dialog.note.setText("两个枕头")
        _save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(PreferenceDialog, "exec", bad_then_good)
    _click(qtbot, view.personal.edit_buttons[("preference", pref.id)])
    (edited,) = view.card.preferences
    assert (edited.value, edited.note) == ("high", "两个枕头")
    assert view.personal.group_boxes["room"].itemAtPosition(0, 0).widget().text() == \
        "Pillow height: High pillow (两个枕头)"


def test_a_guest_special_date_is_edited_and_removed(qtbot, admin_session, monkeypatch, messages):
    card = wang_wei(admin_session)
    card = cards(admin_session).add_special_date(card.id, SpecialDateDraft("anniversary", 5, 20, 2010,
                                                                           label="结婚纪念日"))
    view = _view(qtbot, admin_session, card.id)
    (day,) = view.card.special_dates

    def bad_then_good(dialog) -> int:
        assert dialog.windowTitle() == "Edit special date"
        assert (dialog.kind.currentData(), dialog.month.value(), dialog.day.value(), dialog.year.value(),
                dialog.label.text()) == ("anniversary", 5, 20, 2010, "结婚纪念日")
        dialog.month.setValue(2)
        dialog.day.setValue(30)
        _save(qtbot, dialog)
        assert dialog.result_value is None and dialog.day.property("invalid") is True
        assert cards(admin_session).card(card.id).special_dates == (day,)
        dialog.month.setValue(5)
        dialog.day.setValue(21)
        _save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(SpecialDateDialog, "exec", bad_then_good)
    _click(qtbot, view.personal.edit_buttons[("date", day.id)])
    assert (view.card.special_dates[0].month, view.card.special_dates[0].day) == (5, 21)
    assert "2010-05-21" in _shown(view.personal)
    remove = view.personal.dates.itemAtPosition(0, 4).widget()
    _click(qtbot, remove)
    assert messages.infos[-1].startswith("Remove the special date")
    assert view.card.special_dates == ()


def test_a_company_founding_day_is_edited_in_place(qtbot, admin_session, monkeypatch):
    company = huaxia(admin_session)
    company = companies(admin_session).add_special_date(
        company.id, SpecialDateDraft("company_founding", 9, 18, 1998, label="店庆"))
    editor = CompanyEditorDialog(admin_session, company)
    qtbot.addWidget(editor)
    editor.show()

    def bad_then_good(dialog) -> int:
        assert (dialog.windowTitle(), dialog.label.text(), dialog.day.value()) == ("Edit special date", "店庆", 18)
        dialog.month.setValue(4)
        dialog.day.setValue(31)
        _save(qtbot, dialog)
        assert dialog.result_value is None and dialog.errors.text
        dialog.month.setValue(9)
        dialog.day.setValue(19)
        dialog.label.setText("厂庆")
        _save(qtbot, dialog)
        return dialog.result()

    monkeypatch.setattr(SpecialDateDialog, "exec", bad_then_good)
    _click(qtbot, editor.dates.edit_buttons[0])
    qtbot.waitUntil(lambda: "1998-09-19" in _shown(editor.dates))
    assert editor.dates_changed
    (stored,) = companies(admin_session).get(company.id).special_dates
    assert (stored.day, stored.label) == (19, "厂庆")
