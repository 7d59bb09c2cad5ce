"""User administration: the table model, adding and editing users, conflicts, reset, unlock."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from tests.conftest import PASSWORD
from tests.ui.conftest import ADMIN
from ui.reset_password_dialog import ResetPasswordDialog
from ui.user_admin_page import UserAdminPage
from ui.user_dialog import UserDialog
from ui.user_table_model import UserTableModel


def _page(qtbot, session) -> UserAdminPage:
    page = UserAdminPage(session)
    qtbot.addWidget(page)
    page.load()
    return page


def _rows(page: UserAdminPage) -> list[list[str]]:
    model = page.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _select(page: UserAdminPage, username: str) -> None:
    row = next(r for r in range(page.model.rowCount()) if page.model.user_at(r).username == username)
    page.table.selectRow(row)


def test_user_table_model_passes_the_model_tester(qtmodeltester, admin_session, session_for):
    session_for("clerk")
    model = UserTableModel()
    model.set_users(admin_session.ctx.services.users(admin_session.actor).list())
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_empty_model_passes_the_model_tester(qtmodeltester):
    qtmodeltester.check(UserTableModel())


def test_list_shows_translated_role_status_language_and_last_login(qtbot, admin_session):
    admin_session.ctx.services.auth().login(ADMIN, PASSWORD)
    page = _page(qtbot, admin_session)
    assert [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "User name", "Display name", "Role", "Language", "Status", "Locked until", "Last login"]
    row = _rows(page)[0]
    assert row[:5] == [ADMIN, "Li Na 李娜", "Administrator", "English", "Active"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", row[6]), row[6]


def test_admin_adds_a_user_who_appears_in_the_list(qtbot, admin_session):
    page = _page(qtbot, admin_session)
    dialog = UserDialog(admin_session, None, page)
    qtbot.addWidget(dialog)
    dialog.username.setText("wang.fang")
    dialog.display_name.setText("王芳")
    dialog.role.setCurrentIndex(dialog.role.findData("lobby_manager"))
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD)
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted

    page.refresh(dialog.result_value.id)
    assert ["wang.fang", "王芳", "Lobby manager", "简体中文", "Active", "", ""] in _rows(page)
    assert page.selected_user().username == "wang.fang"


def test_duplicate_user_name_is_shown_in_the_dialog(qtbot, admin_session):
    dialog = UserDialog(admin_session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText(ADMIN)
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD)
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors.text == f'The user name "{ADMIN}" is already taken.'


def test_admin_edits_the_role(qtbot, admin_session, session_for):
    session_for("clerk", "zhang.wei")
    page = _page(qtbot, admin_session)
    _select(page, "zhang.wei")
    dialog = UserDialog(admin_session, page.selected_user(), page)
    qtbot.addWidget(dialog)
    assert dialog.username.isReadOnly()
    dialog.role.setCurrentIndex(dialog.role.findData("manager"))
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    page.refresh()
    assert _rows(page)[1][:3] == ["zhang.wei", "clerk user", "Manager"]


def test_stale_version_shows_the_conflict_and_apply_keeps_both_changes(qtbot, admin_session, session_for,
                                                                        monkeypatch):
    from ui.conflict_dialog import ConflictDialog

    session_for("clerk", "zhang.wei")
    page = _page(qtbot, admin_session)
    _select(page, "zhang.wei")
    stale = page.selected_user()
    # Another desk saves first.
    admin_session.ctx.services.users(admin_session.actor).update(stale.id, stale.version, display_name="张伟")
    seen = []

    def apply(conflict: ConflictDialog) -> int:
        seen.append({conflict.text_at(r, 0): (conflict.text_at(r, 1), conflict.text_at(r, 2))
                     for r in range(conflict.table.rowCount())})
        conflict.reapply_button.click()
        return conflict.result()

    monkeypatch.setattr(ConflictDialog, "exec", apply)
    dialog = UserDialog(admin_session, stale, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.role.setCurrentIndex(dialog.role.findData("lobby_manager"))
    _save(qtbot, dialog)
    assert seen[0]["Display name"] == ("张伟", "clerk user (not changed by you: theirs stays)")
    assert seen[0]["Role"] == ("Front-desk clerk", "Lobby manager")
    now = admin_session.ctx.services.users(admin_session.actor).get(stale.id)
    assert (now.display_name, now.role) == ("张伟", "lobby_manager") and dialog.result_value == now


def test_stale_version_discarded_keeps_their_save(qtbot, admin_session, session_for, monkeypatch):
    from ui.conflict_dialog import ConflictDialog

    session_for("clerk", "zhang.wei")
    other = session_for("admin", "admin.two")  # a second administrator at another desk
    page = _page(qtbot, admin_session)
    _select(page, "zhang.wei")
    stale = page.selected_user()
    other.ctx.services.users(other.actor).update(stale.id, stale.version, role="manager")
    monkeypatch.setattr(ConflictDialog, "exec", lambda conflict: conflict.discard_button.click() or conflict.result())
    dialog = UserDialog(admin_session, stale, page)
    qtbot.addWidget(dialog)
    dialog.display_name.setText("Zhang Wei")
    _save(qtbot, dialog)
    now = admin_session.ctx.services.users(admin_session.actor).get(stale.id)
    assert (now.display_name, now.role) == ("clerk user", "manager") and dialog.result_value == now


def test_disabled_user_shows_as_disabled_and_cannot_log_in(qtbot, admin_session, session_for):
    session_for("clerk", "zhang.wei")
    page = _page(qtbot, admin_session)
    _select(page, "zhang.wei")
    dialog = UserDialog(admin_session, page.selected_user(), page)
    qtbot.addWidget(dialog)
    dialog.active.setChecked(False)
    _save(qtbot, dialog)
    page.refresh()
    assert _rows(page)[1][4] == "Disabled"


def test_locked_user_can_be_unlocked(qtbot, admin_session, session_for, messages):
    session_for("clerk", "zhang.wei")
    auth = admin_session.ctx.services.auth()
    for _ in range(5):
        try:
            auth.login("zhang.wei", "wrong password")
        except Exception:  # noqa: BLE001 - the fifth failure locks the account
            pass
    page = _page(qtbot, admin_session)
    _select(page, "zhang.wei")
    assert _rows(page)[1][4] == "Locked" and _rows(page)[1][5]
    assert page.unlock_button.isEnabled()
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    assert messages.infos == ["Unlock the account zhang.wei now, before the 15-minute lock runs out?"]
    assert _rows(page)[1][4] == "Active"
    assert not page.unlock_button.isEnabled()
    assert auth.login("zhang.wei", PASSWORD).username == "zhang.wei"


def test_reset_password(qtbot, admin_session, session_for):
    session_for("clerk", "zhang.wei")
    page = _page(qtbot, admin_session)
    _select(page, "zhang.wei")
    dialog = ResetPasswordDialog(admin_session, page.selected_user(), page)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.new.setText("short")
    dialog.confirm.setText("short")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.errors.text == "Password: too short (at least 8 characters)."
    dialog.new.setText("fresh password 9")
    dialog.confirm.setText("fresh password 9")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.done_ok
    assert admin_session.ctx.services.auth().login("zhang.wei", "fresh password 9").username == "zhang.wei"


def test_buttons_follow_the_selection(qtbot, admin_session):
    page = _page(qtbot, admin_session)
    page.table.clearSelection()
    assert not page.edit_button.isEnabled() and not page.reset_button.isEnabled()
    _select(page, ADMIN)
    assert page.edit_button.isEnabled() and page.reset_button.isEnabled()
    assert not page.unlock_button.isEnabled()


def test_chinese_user_list(qtbot, admin_session):
    admin_session.ctx.translations.apply("zh_CN")
    page = _page(qtbot, admin_session)
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "用户名"
    assert _rows(page)[0][2:5] == ["系统管理员", "English", "已启用"]
