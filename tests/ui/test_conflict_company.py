"""The conflict dialog for a company and its special dates: two GUI sessions on one database
(SQLite and PostgreSQL); the second desk's save is refused because the first saved in between;
the dialog shows both versions, "apply" saves on top of theirs without losing either change,
"discard" keeps theirs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from hotelcrm.services.guest_dto import CompanyDraft, SpecialDateDraft
from tests.ui.conflict_answer import answer  # noqa: F401 - fixture
from tests.ui.conflict_backends import sqlite_db  # noqa: F401 - both backends under ctx
from ui.company_editor_dialog import CompanyEditorDialog, draft_of
from ui.guest_special_date_dialog import SpecialDateDialog

KEPT = "(not changed by you: theirs stays)"


def companies(session):
    return session.ctx.services.companies(session.actor)


def two_desks(session_for):
    return session_for("clerk", "desk.one"), session_for("clerk", "desk.two")


def huaxia(session):
    return companies(session).create(CompanyDraft(name="华夏贸易有限公司", contact_person="张经理",
                                                  phone="010 6512 3456"))


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_a_company_edited_at_both_desks(qtbot, session_for, answer, button):  # noqa: F811
    first, second = two_desks(session_for)
    company = huaxia(first)
    editor = CompanyEditorDialog(second, companies(second).get(company.id))
    qtbot.addWidget(editor)
    companies(first).update(company.id, company.version, replace_draft(company, contact_person="王总"))
    editor.edits["email"].setText("sales@huaxia.example.com")
    answer.button = button
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    (rows,) = answer.seen
    assert rows["Contact person"] == ("王总", f"张经理 {KEPT}")
    assert rows["E-mail"] == ("—", "sales@huaxia.example.com")
    assert rows["Phone"] == ("+86 10 6512 3456", "+86 10 6512 3456")  # the same number: not highlighted
    now = companies(second).get(company.id)
    expected_email = "sales@huaxia.example.com" if button == "reapply" else None
    assert (now.contact_person, now.email, now.phone) == ("王总", expected_email, "+861065123456")
    assert editor.result() == QDialog.DialogCode.Accepted and editor.result_value == now


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_a_company_date_edited_at_both_desks(qtbot, session_for, monkeypatch, answer, button):  # noqa: F811
    first, second = two_desks(session_for)
    company = huaxia(first)
    company = companies(first).add_special_date(company.id, SpecialDateDraft("company_founding", 9, 18, 1998))
    editor = CompanyEditorDialog(second, companies(second).get(company.id))
    qtbot.addWidget(editor)
    (day,) = editor.dates.dates

    def exec_(dialog) -> int:
        companies(first).update_special_date(day.id, day.version,
                                             SpecialDateDraft("company_founding", 9, 18, 1998, label="25 周年"))
        dialog.remind.setValue(30)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()

    monkeypatch.setattr(SpecialDateDialog, "exec", exec_)
    answer.button = button
    editor.dates.edit_date(day)
    (rows,) = answer.seen
    assert rows["Description"] == ("25 周年", f"— {KEPT}") and rows["Remind days before"] == ("7", "30")
    (now,) = companies(second).get(company.id).special_dates
    assert (now.label, now.remind_days_before) == ("25 周年", 30 if button == "reapply" else 7)
    assert editor.dates.dates == (now,)


def test_removing_a_company_date_changed_elsewhere_shows_it_first(qtbot, session_for, answer, messages):  # noqa: F811
    first, second = two_desks(session_for)
    company = huaxia(first)
    company = companies(first).add_special_date(company.id, SpecialDateDraft("company_founding", 9, 18))
    editor = CompanyEditorDialog(second, companies(second).get(company.id))
    qtbot.addWidget(editor)
    (day,) = editor.dates.dates
    companies(first).update_special_date(day.id, day.version, SpecialDateDraft("company_founding", 9, 19))
    answer.button = "discard"
    editor.dates.remove_date(day)
    (rows,) = answer.seen
    assert rows["Day"] == ("19", "18")
    assert "changed it meanwhile" in answer.notes[0]
    (kept,) = companies(second).get(company.id).special_dates
    assert kept.day == 19 and editor.dates.dates == (kept,)


def replace_draft(company, **over):
    from dataclasses import replace

    return replace(draft_of(company), **over)
