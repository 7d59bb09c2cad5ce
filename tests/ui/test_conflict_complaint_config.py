"""The conflict dialog in the complaint category and department editors: two managers change
the same one (two GUI sessions on one database, SQLite and PostgreSQL); the second sees both
versions; "apply" keeps both changes, "discard" keeps theirs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hotelcrm.services.complaint_dto import CategoryInput, DepartmentInput
from tests.ui.conflict_answer import answer  # noqa: F401 - fixture
from tests.ui.conflict_backends import sqlite_db  # noqa: F401 - both backends under ctx
from ui.complaint_category_dialog import ComplaintCategoryDialog, ComplaintDepartmentDialog, input_of

KEPT = "(not changed by you: theirs stays)"


def config(session):
    return session.ctx.services.complaint_config(session.actor)


@pytest.mark.parametrize("button", ["reapply", "discard"])
def test_a_category_changed_by_two_managers(qtbot, session_for, answer, button):  # noqa: F811
    first, second = session_for("manager", "manager.one"), session_for("manager", "manager.two")
    category = config(first).categories()[0]
    dialog = ComplaintCategoryDialog(second, category)
    qtbot.addWidget(dialog)
    config(first).save_category(category.id, category.version,
                                replace(input_of(CategoryInput, category), sort_order=category.sort_order + 7))
    dialog.guide_en.setPlainText("Apologise first, then call engineering.")
    answer.button = button
    dialog.buttons.buttons()[0].click()
    (rows,) = answer.seen
    assert rows["Sort order"] == (str(category.sort_order + 7), f"{category.sort_order} {KEPT}")
    assert rows["Guideline (English)"][1] == "Apologise first, then call engineering."
    now = next(c for c in config(second).categories(include_inactive=True) if c.id == category.id)
    assert now.sort_order == category.sort_order + 7
    expected = "Apologise first, then call engineering." if button == "reapply" else category.guideline_en
    assert now.guideline_en == expected and dialog.result_value == now


def test_a_department_changed_by_two_managers_keeps_both_on_apply(qtbot, session_for, answer):  # noqa: F811
    first, second = session_for("manager", "manager.one"), session_for("manager", "manager.two")
    department = config(first).departments()[0]
    dialog = ComplaintDepartmentDialog(second, department)
    qtbot.addWidget(dialog)
    config(first).save_department(department.id, department.version,
                                  replace(input_of(DepartmentInput, department), name_en="Engineering & IT"))
    dialog.name_zh.setText("工程部（含信息）")
    dialog.buttons.buttons()[0].click()
    (rows,) = answer.seen
    assert rows["Name (English)"] == ("Engineering & IT", f"{department.name_en} {KEPT}")
    now = next(d for d in config(second).departments(include_inactive=True) if d.id == department.id)
    assert (now.name_en, now.name_zh) == ("Engineering & IT", "工程部（含信息）")
