"""The conflict dialog for the rows of a guest card (documents, contacts, addresses; preferences,
special dates) and its notes: two GUI sessions on one database (SQLite and PostgreSQL). The
second desk's save or removal is refused because the first saved in between; the dialog shows
both versions, "apply" saves on top of theirs without losing either change, "discard" keeps
theirs; a removal of a row changed or removed meanwhile is explained."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from hotelcrm.services.guest_dto import (
    AddressDraft,
    ContactDraft,
    DocumentDraft,
    PreferenceDraft,
    SpecialDateDraft,
)
from tests.ui.conflict_answer import answer  # noqa: F401 - fixture
from tests.ui.conflict_backends import sqlite_db  # noqa: F401 - both backends under ctx
from tests.ui.test_guest_helpers import cards, wang_wei
from ui.guest_general_tab import GuestGeneralTab
from ui.guest_part_dialog import GuestPartDialog
from ui.guest_personal_tab import GuestPersonalTab
from ui.guest_pref_labels import PreferenceLabels
from ui.guest_preference_dialog import PreferenceDialog
from ui.guest_special_date_dialog import SpecialDateDialog

KEPT = "(not changed by you: theirs stays)"


def two_desks(session_for):
    return session_for("lobby_manager", "desk.one"), session_for("lobby_manager", "desk.two")


def shown_tab(qtbot, tab_class, session, guest_id):
    tab = tab_class(session)
    qtbot.addWidget(tab)
    tab.show_card(cards(session).card(guest_id))
    tab.card_changed.connect(tab.show_card)
    return tab


def typing_then_save(monkeypatch, dialog_class, other_desk, fill):
    """The dialog opens, the other desk saves (``other_desk``), then this desk types and saves."""

    def exec_(dialog) -> int:
        other_desk()
        fill(dialog)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", exec_)


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_a_contact_edited_at_both_desks(qtbot, session_for, monkeypatch, answer, button):  # noqa: F811
    first, second = two_desks(session_for)
    card = wang_wei(first)
    tab = shown_tab(qtbot, GuestGeneralTab, second, card.id)
    phone = next(c for c in tab.card.contacts if c.kind == "phone")
    typing_then_save(monkeypatch, GuestPartDialog,
                     lambda: cards(first).update_contact(phone.id, phone.version, ContactDraft("phone", phone.value,
                                                                                               "office")),
                     lambda dialog: dialog.widgets["contact"].setText("139 0000 5678"))
    answer.button = button
    tab.edit_part("contact", phone)
    (rows,) = answer.seen
    assert rows["Contact"] == ("+86 138 0000 1234", "139 0000 5678")
    assert rows["Contact label"] == ("office", f"— {KEPT}")
    now = next(c for c in cards(second).card(card.id).contacts if c.kind == "phone")
    if button == "reapply":  # both changes: their label, this desk's number
        assert (now.value, now.label) == ("+8613900005678", "office")
    else:
        assert (now.value, now.label) == ("+8613800001234", "office")
    assert tab.card.contacts == cards(second).card(card.id).contacts  # the tab shows what is stored


def test_an_address_removed_elsewhere_is_added_again_on_apply(qtbot, session_for, monkeypatch, answer):  # noqa: F811
    first, second = two_desks(session_for)
    card = wang_wei(first)
    card = cards(first).add_address(card.id, AddressDraft("建国路 88 号", city="北京"))
    tab = shown_tab(qtbot, GuestGeneralTab, second, card.id)
    (address,) = tab.card.addresses
    typing_then_save(monkeypatch, GuestPartDialog,
                     lambda: cards(first).remove_address(address.id, address.version),
                     lambda dialog: dialog.widgets["postal_code"].setText("100022"))
    tab.edit_part("address", address)
    (rows,) = answer.seen
    assert rows["Postal code"] == ("(removed)", "100022")
    assert "removed this address" in answer.notes[0]
    (again,) = cards(second).card(card.id).addresses
    assert (again.line1, again.city, again.postal_code) == ("建国路 88 号", "北京", "100022")


def test_removing_a_document_changed_elsewhere_shows_it_and_removes_it_on_apply(qtbot, session_for, answer,  # noqa: F811
                                                                                messages):
    first, second = two_desks(session_for)
    card = wang_wei(first)
    tab = shown_tab(qtbot, GuestGeneralTab, second, card.id)
    (doc,) = tab.card.documents
    cards(first).update_document(doc.id, doc.version, DocumentDraft("resident_id", "", "CHN", date(2036, 5, 1)))
    tab.remove_part("document", doc)
    (rows,) = answer.seen
    assert rows["Expiry date"] == ("2036-05-01", "—")  # what the other desk changed; yours: as removed
    assert rows["ID number"][0] == rows["ID number"][1] and "*" in rows["ID number"][0]  # masked as shown
    assert "changed it meanwhile" in answer.notes[0]
    assert cards(second).card(card.id).documents == () and tab.card.documents == ()


def test_removing_a_contact_already_removed_elsewhere_says_so(qtbot, session_for, answer, messages):  # noqa: F811
    first, second = two_desks(session_for)
    card = wang_wei(first)
    tab = shown_tab(qtbot, GuestGeneralTab, second, card.id)
    email = next(c for c in tab.card.contacts if c.kind == "email")
    cards(first).remove_contact(email.id, email.version)
    tab.remove_part("contact", email)
    assert answer.seen == [] and messages.errors == []
    assert messages.infos[-1] == "Another desk has already removed this contact. Nothing else was changed."
    assert [c.kind for c in tab.card.contacts] == ["phone"]


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_a_preference_and_a_special_date_edited_at_both_desks(qtbot, session_for, monkeypatch, answer,  # noqa: F811
                                                               button):
    first, second = two_desks(session_for)
    card = wang_wei(first)
    card = cards(first).add_preference(card.id, PreferenceDraft("room", "pillow_height", "low"))
    card = cards(first).add_special_date(card.id, SpecialDateDraft("birthday", 3, 1, label="生日"))
    tab = shown_tab(qtbot, GuestPersonalTab, second, card.id)
    tab.set_labels(PreferenceLabels(cards(second).preference_options()))
    (pref,), (day,) = tab.card.preferences, tab.card.special_dates
    answer.button = button
    typing_then_save(monkeypatch, PreferenceDialog,
                     lambda: cards(first).update_preference(pref.id, pref.version,
                                                            PreferenceDraft("room", "pillow_height", "low", "two pillows")),
                     lambda dialog: dialog.value.setEditText("high"))
    tab.edit_preference(pref)
    typing_then_save(monkeypatch, SpecialDateDialog,
                     lambda: cards(first).update_special_date(day.id, day.version,
                                                              SpecialDateDraft("birthday", 3, 1, label="农历生日")),
                     lambda dialog: dialog.remind.setValue(14))
    tab.edit_special_date(day)
    prefs, dates = answer.seen
    assert prefs["Preference note"] == ("two pillows", f"— {KEPT}")
    assert prefs["Preference value"] == ("Low pillow", "High pillow")
    assert dates["Remind days before"] == ("7", "14") and dates["Description"] == ("农历生日", f"生日 {KEPT}")
    now = cards(second).card(card.id)
    (p,), (d,) = now.preferences, now.special_dates
    if button == "reapply":
        assert (p.value, p.note, d.label, d.remind_days_before) == ("high", "two pillows", "农历生日", 14)
    else:
        assert (p.value, p.note, d.label, d.remind_days_before) == ("low", "two pillows", "农历生日", 7)
    assert tab.card.preferences == now.preferences and tab.card.special_dates == now.special_dates


def test_notes_saved_over_a_newer_card_keep_both_changes(qtbot, session_for, answer):  # noqa: F811
    first, second = two_desks(session_for)
    card = wang_wei(first)
    tab = shown_tab(qtbot, GuestPersonalTab, second, card.id)
    cards(first).update_personal(card.id, card.version, _notes(taboos="No room numbers with 4"))
    tab.notes["hobbies"].setPlainText("Golf")
    tab.save_notes()
    (rows,) = answer.seen
    assert rows["Hobbies"] == ("—", "Golf") and rows["Taboos"] == ("No room numbers with 4", f"— {KEPT}")
    now = cards(second).card(card.id)
    assert (now.hobbies, now.taboos) == ("Golf", "No room numbers with 4")
    assert tab.notes["taboos"].toPlainText() == "No room numbers with 4"


def _notes(**values):
    from hotelcrm.services.guest_dto import PersonalDraft

    return PersonalDraft(**values)


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_blacklisting_a_card_saved_elsewhere_meanwhile(qtbot, session_for, answer, button):  # noqa: F811
    from hotelcrm.services.guest_dto import GuestDraft
    from ui.guest_blacklist_dialog import GuestBlacklistDialog

    first, second = two_desks(session_for)
    card = wang_wei(first)
    dialog = GuestBlacklistDialog(second, cards(second).card(card.id))
    qtbot.addWidget(dialog)
    cards(first).update(card.id, card.version, GuestDraft(family_name="王", given_name="伟", position="总经理"))
    dialog.reason.setPlainText("Unpaid bill, 2024")
    answer.button = button
    dialog.buttons.buttons()[0].click()
    (rows,) = answer.seen
    assert rows["On the blacklist"] == ("No", "Yes") and rows["Blacklist reason"] == ("—", "Unpaid bill, 2024")
    now = cards(second).card(card.id)
    assert now.position == "总经理" and now.status == ("blacklisted" if button == "reapply" else "active")
    assert dialog.result_value == now


def test_an_observation_handled_at_another_desk_meanwhile_is_explained(qtbot, session_for, monkeypatch, answer,  # noqa: F811
                                                                      messages):
    from ui.guest_feedback_tab import GuestFeedbackTab

    first, second = two_desks(session_for)
    from datetime import timedelta

    from hotelcrm.services.stay_dto import StayDraft

    card = wang_wei(first)
    first.ctx.services.stays(first.actor).check_in(card.id, StayDraft(departure_date=date.today() + timedelta(days=1),
                                                                               room_no="0606"))
    observations = first.ctx.services.observations
    one = observations(first.actor).add(card.id, "Asked for a firmer pillow", "housekeeping")
    two = observations(first.actor).add(card.id, "Prefers green tea", "fnb")
    tab = GuestFeedbackTab(second)
    qtbot.addWidget(tab)
    tab.show_card(cards(second).card(card.id))
    tab.show_observations(observations(second.actor).pending(card.id))
    changed = []
    tab.observations_changed.connect(lambda: changed.append(True))
    observations(first.actor).dismiss(one.id, one.version)
    observations(first.actor).review_into_preference(two.id, two.version, "room", "pillow_height", "high")
    typing_then_save(monkeypatch, PreferenceDialog, lambda: None,
                     lambda dialog: (dialog.key.setCurrentIndex(dialog.key.findData("pillow_height")),
                                     dialog.value.setEditText("high")))
    tab.review(one)
    tab.dismiss(two)
    assert answer.seen == [] and messages.errors == []
    told = [text for text in messages.infos if text.startswith("Another desk")]
    assert told[0].startswith("Another desk has already handled this observation (Dismissed, by ")
    assert told[1].startswith("Another desk has already handled this observation (Made a preference")
    assert [p.pref_key for p in cards(second).card(card.id).preferences] == ["pillow_height"]  # only theirs
    assert changed == [True, True]


def test_merging_into_a_card_saved_elsewhere_meanwhile_merges_into_the_current_version(qtbot, session_for, answer,  # noqa: F811
                                                                                        messages):
    from hotelcrm.services.guest_dto import GuestDraft
    from tests.ui.test_guest_helpers import BORN
    from ui.merge_dialog import MergeDialog

    first, second = session_for("manager", "manager.one"), session_for("manager", "manager.two")
    kept = wang_wei(first)
    other = cards(first).create(GuestDraft(family_name="王", given_name="伟", birth_date=BORN))
    dialog = MergeDialog(second, cards(second).card(kept.id))
    qtbot.addWidget(dialog)
    cards(first).update(kept.id, kept.version, GuestDraft(family_name="王", given_name="伟", birth_date=BORN,
                                                          nationality="CHN", position="总经理"))
    dialog.list.setCurrentRow(0)
    assert dialog.selected().guest_id == other.id
    dialog.buttons.buttons()[0].click()
    (rows,) = answer.seen
    assert rows["Position"] == ("总经理", f"— {KEPT}") and "Merge" in answer.notes[0]
    assert cards(second).card(other.id).status == "merged" and cards(second).card(kept.id).position == "总经理"
    assert dialog.result_value is not None and dialog.result_value.kept_id == kept.id
