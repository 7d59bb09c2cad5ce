"""First start: the administrator is created, errors appear next to the form, demo data loads."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from sqlalchemy import text

from tests.conftest import PASSWORD
from ui.first_run_dialog import FirstRunDialog


def _fill(dialog: FirstRunDialog, hotel="Grand Harbour Hotel 海港大酒店", username="manager.li",
          password=PASSWORD, confirm=PASSWORD) -> None:
    dialog.hotel_name.setText(hotel)
    dialog.username.setText(username)
    dialog.display_name.setText("李娜")
    dialog.password.setText(password)
    dialog.confirm.setText(confirm)


def _click_ok(qtbot, dialog: FirstRunDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_setup_creates_the_administrator_who_can_then_log_in(qtbot, ctx):
    assert ctx.services.setup().needs_setup()
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    _fill(dialog)
    dialog.demo.setChecked(False)
    _click_ok(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value.actor.role == "admin"
    assert not ctx.services.setup().needs_setup()
    assert ctx.services.auth().login("manager.li", PASSWORD).display_name == "李娜"


def test_service_validation_error_names_the_field_and_keeps_the_input(qtbot, ctx):
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog, hotel="   ")
    _click_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.errors.label.isVisible()
    assert dialog.errors.text == "Hotel name: required."
    assert dialog.hotel_name.property("invalid") is True
    assert dialog.username.text() == "manager.li" and dialog.password.text() == PASSWORD
    assert ctx.services.setup().needs_setup()


def test_short_password_is_refused_by_the_service_with_the_reason(qtbot, ctx):
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    _fill(dialog, password="short", confirm="short")
    _click_ok(qtbot, dialog)
    assert dialog.errors.text == "Password: too short (at least 8 characters)."
    assert dialog.password.property("invalid") is True


def test_different_confirmation_is_caught_before_anything_is_saved(qtbot, ctx):
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    _fill(dialog, confirm=PASSWORD + "x")
    _click_ok(qtbot, dialog)
    assert "not the same" in dialog.errors.text
    assert ctx.services.setup().needs_setup()


def test_switching_to_chinese_translates_the_form(qtbot, ctx):
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    assert dialog.title.text() == "欢迎使用酒店客户关系管理系统"
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.waitUntil(lambda: cancel.text() == "取消")  # Qt re-translates its own buttons


def test_demo_box_fills_the_database_with_demo_guests(qtbot, ctx, sqlite_db):
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.demo.isVisibleTo(dialog)
    _fill(dialog)
    dialog.demo.setChecked(True)
    _click_ok(qtbot, dialog)

    assert dialog.result_value is not None and dialog.result_value.demo_loaded
    with sqlite_db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM guests")).scalar() == 500
    assert ctx.runner.progress_reports, "the demo load reports its progress"
