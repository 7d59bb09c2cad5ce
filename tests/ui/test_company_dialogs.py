"""Agreement companies (协议单位): the list, the editor with its special dates, and the
"Companies…" button on the Guests page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from hotelcrm.services.guest_dto import CompanyDraft
from tests.ui.conflict_answer import answer  # noqa: F401 - fixture
from tests.ui.test_guest_helpers import guest, make_page
from ui.company_editor_dialog import CompanyEditorDialog
from ui.company_list_dialog import CompanyListDialog
from ui.company_table_model import CompanyTableModel
from ui.guest_editor_dialog import GuestEditorDialog
from ui.guest_special_date_dialog import SpecialDateDialog

HUAXIA = "华夏贸易有限公司"


def companies(session):
    return session.ctx.services.companies(session.actor)


def huaxia(session, **over):
    base = dict(name=HUAXIA, name_latin="Huaxia Trading", kind="agreement", contact_person="张经理",
                phone="010 6512 3456")
    return companies(session).create(CompanyDraft(**{**base, **over}))


def _list(qtbot, session) -> CompanyListDialog:
    dialog = CompanyListDialog(session)
    qtbot.addWidget(dialog)
    return dialog


def _editor(qtbot, session, company=None) -> CompanyEditorDialog:
    dialog = CompanyEditorDialog(session, company)
    qtbot.addWidget(dialog)
    return dialog


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _cells(dialog: CompanyListDialog, row: int) -> list[str]:
    model = dialog.model
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def _combo_names(session, qtbot) -> list[str]:
    editor = GuestEditorDialog(session, None, debounce_ms=0)
    qtbot.addWidget(editor)
    return [editor.company.itemText(i) for i in range(editor.company.count())]


def test_a_company_added_appears_in_the_list_and_in_the_new_card_company_choice(qtbot, admin_session, monkeypatch):
    dialog = _list(qtbot, admin_session)
    assert dialog.model.rowCount() == 0

    def fill_and_save(editor) -> int:
        assert "saved" in editor.dates.findChild(QLabel).text()  # dates come after the first save
        editor.edits["company_name"].setText(HUAXIA)
        editor.edits["contact_person"].setText("张经理")
        editor.edits["phone"].setText("010 6512 3456")
        editor.kind.setCurrentIndex(editor.kind.findData("travel_agency"))
        _save(qtbot, editor)
        return editor.result()

    monkeypatch.setattr(CompanyEditorDialog, "exec", fill_and_save)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.changed
    assert _cells(dialog, 0) == [HUAXIA, "Travel agency", "张经理", "+86 10 6512 3456", "0", "Active"]
    assert dialog.current().name == HUAXIA  # the new company is selected
    assert HUAXIA in _combo_names(admin_session, qtbot)


def test_edit_keeps_the_list_current_and_counts_linked_cards(qtbot, admin_session, monkeypatch):
    company = huaxia(admin_session)
    guest(admin_session, "李", "雷", company_id=company.id)
    dialog = _list(qtbot, admin_session)
    dialog.table.selectRow(0)
    assert _cells(dialog, 0)[4] == "1"

    def change_contact(editor) -> int:
        assert editor.edits["phone"].text() == "+86 10 6512 3456"
        editor.edits["contact_person"].setText("刘秘书")
        _save(qtbot, editor)
        return editor.result()

    monkeypatch.setattr(CompanyEditorDialog, "exec", change_contact)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert _cells(dialog, 0)[2] == "刘秘书"
    assert companies(admin_session).get(company.id).contact_person == "刘秘书"


def test_the_filter_finds_by_chinese_or_latin_name(qtbot, admin_session):
    guest(admin_session, "李", "雷", company_id=huaxia(admin_session).id)
    companies(admin_session).create(CompanyDraft(name="北京旅行社", kind="travel_agency"))
    dialog = _list(qtbot, admin_session)
    assert dialog.model.rowCount() == 2
    dialog.filter.setText("huaxia")
    assert [r[0] for r in (_cells(dialog, i) for i in range(dialog.model.rowCount()))] \
        == [f"{HUAXIA}  (Huaxia Trading)"]
    assert _cells(dialog, 0)[4] == "1"  # the linked card still counted after filtering
    dialog.filter.setText("旅行")
    assert _cells(dialog, 0)[0] == "北京旅行社" and dialog.model.rowCount() == 1


def test_a_bad_phone_names_the_phone_field_and_keeps_what_was_typed(qtbot, admin_session):
    editor = _editor(qtbot, admin_session)
    editor.edits["company_name"].setText(HUAXIA)
    editor.edits["phone"].setText("12345")
    editor.notes.setPlainText("月结")
    _save(qtbot, editor)
    assert editor.result() != QDialog.DialogCode.Accepted
    assert editor.errors.label.isVisibleTo(editor)
    assert editor.errors.text.startswith("Phone")
    assert editor.edits["phone"].property("invalid") is True
    assert editor.edits["company_name"].property("invalid") is not True
    assert (editor.edits["company_name"].text(), editor.edits["phone"].text(), editor.notes.toPlainText()) \
        == (HUAXIA, "12345", "月结")
    assert companies(admin_session).list() == []  # nothing half-valid stored
    editor.edits["phone"].setText("010 6512 3456")
    _save(qtbot, editor)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.result_value.phone == "+861065123456"


def test_an_empty_name_names_the_name_field(qtbot, admin_session):
    editor = _editor(qtbot, admin_session)
    _save(qtbot, editor)
    assert editor.errors.text.startswith("Company name")
    assert editor.edits["company_name"].property("invalid") is True


def test_saving_over_a_change_made_elsewhere_shows_the_conflict(qtbot, admin_session, answer):  # noqa: F811
    """Discarding keeps theirs (the two-desk round trip itself: test_conflict_company.py)."""
    company = huaxia(admin_session)
    editor = _editor(qtbot, admin_session, company)
    companies(admin_session).update(company.id, company.version, CompanyDraft(name=HUAXIA, contact_person="王总"))
    editor.edits["contact_person"].setText("刘秘书")
    answer.button = "discard"
    _save(qtbot, editor)
    assert answer.seen[0]["Contact person"] == ("王总", "刘秘书")
    assert editor.result() == QDialog.DialogCode.Accepted and editor.result_value.contact_person == "王总"
    assert companies(admin_session).get(company.id).contact_person == "王总"


def test_a_founding_day_is_added_and_removed(qtbot, admin_session, monkeypatch, messages):
    company = huaxia(admin_session)
    editor = _editor(qtbot, admin_session, company)
    editor.show()

    def founding_day(dialog) -> int:
        assert dialog.kind.currentData() == "company_founding"  # what a company's date usually is
        dialog.month.setValue(9)
        dialog.day.setValue(18)
        dialog.year.setValue(1998)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(SpecialDateDialog, "exec", founding_day)
    qtbot.mouseClick(editor.dates.add_button, Qt.MouseButton.LeftButton)
    def shown() -> list[str]:
        return [label.text() for label in editor.dates.findChildren(QLabel) if label.isVisible()]

    qtbot.waitUntil(lambda: "1998-09-18" in shown())
    assert "Company founding day" in shown(), shown()
    assert editor.dates_changed
    stored = companies(admin_session).get(company.id).special_dates
    assert [(d.kind, d.month, d.day) for d in stored] == [("company_founding", 9, 18)]
    editor.edits["contact_person"].setText("刘秘书")  # the fields still save after a date
    _save(qtbot, editor)
    assert editor.result() == QDialog.DialogCode.Accepted

    again = _editor(qtbot, admin_session, companies(admin_session).get(company.id))
    assert len(again.dates.remove_buttons) == 1
    qtbot.mouseClick(again.dates.remove_buttons[0], Qt.MouseButton.LeftButton)
    assert "Company founding day" in messages.infos[-1]  # asked first
    assert companies(admin_session).get(company.id).special_dates == ()
    assert again.dates.remove_buttons == []


def test_deactivated_companies_are_greyed_and_no_longer_offered_on_new_cards(qtbot, admin_session, messages):
    huaxia(admin_session)
    dialog = _list(qtbot, admin_session)
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.status_button, Qt.MouseButton.LeftButton)
    assert HUAXIA in messages.infos[-1]  # confirmed first
    assert _cells(dialog, 0)[5] == "Inactive"
    brush = dialog.model.data(dialog.model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush)
    assert dialog.status_button.text() == "Activate"
    assert HUAXIA not in _combo_names(admin_session, qtbot)
    qtbot.mouseClick(dialog.status_button, Qt.MouseButton.LeftButton)
    assert _cells(dialog, 0)[5] == "Active"
    assert HUAXIA in _combo_names(admin_session, qtbot)


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_a_stale_status_change_shows_the_conflict(qtbot, admin_session, session_for, messages, answer,  # noqa: F811
                                                  button):
    other = session_for("clerk", "desk.two")  # another desk changes the company meanwhile
    company = huaxia(admin_session)
    dialog = _list(qtbot, admin_session)
    dialog.table.selectRow(0)
    companies(other).update(company.id, company.version, CompanyDraft(name=HUAXIA, contact_person="王总"))
    answer.button = button
    qtbot.mouseClick(dialog.status_button, Qt.MouseButton.LeftButton)
    (rows,) = answer.seen
    assert rows["Contact person"] == ("王总", "张经理 (not changed by you: theirs stays)")
    assert rows["Status"][0] == "Active" and "Deactivate" in answer.notes[0]
    status = "Inactive" if button == "reapply" else "Active"
    assert _cells(dialog, 0)[2] == "王总" and _cells(dialog, 0)[5] == status  # their contact kept either way
    assert messages.errors == []


def test_the_model_passes_the_model_tester(qtmodeltester, admin_session):
    huaxia(admin_session)
    model = CompanyTableModel()
    model.set_rows(companies(admin_session).list())
    qtmodeltester.check(model)
    qtmodeltester.check(CompanyTableModel())


def test_a_clerk_opens_the_companies_from_the_guests_page_and_staff_never_sees_the_button(
        qtbot, session_for, monkeypatch):
    clerk = session_for("clerk")
    page = make_page(qtbot, clerk)
    assert page.companies_button.isVisibleTo(page)
    opened = []
    monkeypatch.setattr(CompanyListDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    qtbot.mouseClick(page.companies_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].add_button.isVisibleTo(opened[0])
    staff_page = make_page(qtbot, session_for("staff"))
    assert not staff_page.companies_button.isVisibleTo(staff_page)
