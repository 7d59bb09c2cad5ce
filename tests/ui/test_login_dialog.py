"""Logging in: success, the service's messages for a wrong password and a locked account, and
the language switch (our texts and Qt's buttons)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from hotelcrm import i18n
from tests.conftest import PASSWORD
from tests.ui.conftest import ADMIN, HOTEL
from ui.login_dialog import LoginDialog


def _login(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _dialog(qtbot, ctx) -> LoginDialog:
    dialog = LoginDialog(ctx, HOTEL)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_hotel_name_is_shown_and_login_succeeds(qtbot, ctx, admin_actor):
    dialog = _dialog(qtbot, ctx)
    assert dialog.hotel.text() == HOTEL
    _login(qtbot, dialog, ADMIN, PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value.actor.username == ADMIN
    assert ctx.local.last_username() == ADMIN
    assert ctx.local.last_language() == "en"


def test_wrong_password_shows_the_message_and_keeps_the_dialog_open(qtbot, ctx, admin_actor):
    dialog = _dialog(qtbot, ctx)
    _login(qtbot, dialog, ADMIN, "not my password")
    assert dialog.isVisible()
    assert dialog.errors.text == "Wrong user name or password."
    assert dialog.username.text() == ADMIN


def test_locked_account_says_so(qtbot, ctx, admin_actor):
    dialog = _dialog(qtbot, ctx)
    for _ in range(5):
        _login(qtbot, dialog, ADMIN, "not my password")
    assert dialog.errors.text == "Too many wrong passwords: this account is locked for 15 minutes."
    _login(qtbot, dialog, ADMIN, PASSWORD)  # even the right password waits for the lock to end
    assert dialog.isVisible()
    assert "locked" in dialog.errors.text


def test_switching_to_chinese_translates_the_dialog_and_qt_buttons_at_once(qtbot, ctx, admin_actor):
    dialog = _dialog(qtbot, ctx)
    assert dialog.windowTitle() == "Hotel CRM — Log in"
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))

    assert dialog.windowTitle() == "酒店客户关系管理 — 登录"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "登录"
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.waitUntil(lambda: cancel.text() == "取消")
    box = QMessageBox(QMessageBox.Icon.Warning, "", "", QMessageBox.StandardButton.Ok)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"

    _login(qtbot, dialog, ADMIN, "not my password")
    assert dialog.errors.text == "用户名或密码错误。"


def test_chosen_language_is_remembered_for_the_next_start(qtbot, ctx, admin_actor):
    dialog = _dialog(qtbot, ctx)
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    _login(qtbot, dialog, ADMIN, PASSWORD)
    assert dialog.result_value.language == "zh_CN"
    assert i18n.current_language() == "zh_CN"
    assert ctx.local.last_language() == "zh_CN"
