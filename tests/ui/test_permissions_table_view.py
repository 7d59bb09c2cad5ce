"""Administration → Roles and permissions: the table the services enforce, read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hotelcrm.domain.permissions import ROLE_PERMISSIONS, Permission, Role
from hotelcrm.i18n import current_language, set_language, tr
from ui.permissions_table_view import PermissionsDialog, PermissionTableModel
from ui.user_admin_page import UserAdminPage


def test_model_passes_the_model_tester(qtmodeltester):
    qtmodeltester.check(PermissionTableModel())


def test_every_cell_matches_the_permission_table():
    model = PermissionTableModel()
    assert model.rowCount() == len(Permission)
    assert model.columnCount() == 2 + len(Role)
    for permission in Permission:
        for role in Role:
            assert model.allowed(permission, role) == (permission in ROLE_PERMISSIONS[role]), (permission, role)
    # a few cells by hand, so a table that agrees with itself but not with the spec still fails
    assert model.allowed(Permission.GUEST_OBSERVE, Role.STAFF)
    assert not model.allowed(Permission.GUEST_READ, Role.STAFF)
    assert model.allowed(Permission.COMPLAINT_RECORD, Role.CLERK)
    assert not model.allowed(Permission.COMPLAINT_WRITE, Role.CLERK)
    assert not model.allowed(Permission.USER_ADMIN, Role.MANAGER)
    assert model.allowed(Permission.USER_ADMIN, Role.ADMIN)


def test_names_and_headers_are_translated():
    before = current_language()
    try:
        for lang in ("en", "zh_CN"):
            set_language(lang)
            model = PermissionTableModel()
            headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
            assert headers[2:] == [tr(f"role.{r.value}") for r in
                                   (Role.STAFF, Role.CLERK, Role.LOBBY_MANAGER, Role.MANAGER, Role.ADMIN)]
            names = [model.index(r, 0).data() for r in range(model.rowCount())]
            assert all(name and not name.startswith("permission.") for name in names)
            assert model.index(0, 1).data() == list(Permission)[0].value
        set_language("zh_CN")
        assert PermissionTableModel().index(0, 0).data() != tr("permission.guest.read", lang="en")
    finally:
        set_language(before)


def test_admin_page_opens_the_table_read_only(qtbot, admin_session, monkeypatch):
    shown = []

    def record(dialog):
        shown.append(dialog)
        return 0

    monkeypatch.setattr(PermissionsDialog, "exec", record)
    page = UserAdminPage(admin_session)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.permissions_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    dialog = shown[0]
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers
    assert not dialog.model.flags(dialog.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable
