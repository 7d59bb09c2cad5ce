"""Administration: user accounts (add, edit, reset password, unlock) and the hotel settings."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.permissions import Permission
from hotelcrm.i18n import tr
from hotelcrm.services.dto import UserInfo

from .hotel_settings_panel import HotelSettingsPanel
from .permissions_table_view import PermissionsDialog
from .privacy_retention_panel import PrivacyRetentionPanel
from .reset_password_dialog import ResetPasswordDialog
from .row_table_model import setup_row_table
from .ui_context import UserSession
from .user_dialog import UserDialog
from .user_table_model import UserTableModel, is_locked


class UserAdminPage(QWidget):
    """Only shown to administrators; the services refuse everyone else anyway."""

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = UserTableModel(self)
        self.table = QTableView()
        setup_row_table(self.table, self.model)
        self.table.doubleClicked.connect(lambda _i: self.edit_user())
        self.add_button = QPushButton(tr("ui.users.add"))
        self.edit_button = QPushButton(tr("ui.users.edit"))
        self.reset_button = QPushButton(tr("ui.users.reset_password"))
        self.unlock_button = QPushButton(tr("ui.users.unlock"))
        self.refresh_button = QPushButton(tr("ui.users.refresh"))
        self.permissions_button = QPushButton(tr("ui_permissions.button"))
        self.permissions_button.clicked.connect(self.show_permissions)
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(self.unlock_user)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.settings_panel = HotelSettingsPanel(session)
        self.settings_panel.setVisible(session.can(Permission.SETTINGS_ADMIN))
        self.retention_panel = PrivacyRetentionPanel(session)
        self.retention_panel.setVisible(session.can(Permission.SETTINGS_ADMIN) and session.can(Permission.PRIVACY))
        self._build()
        self._update_buttons()

    def _build(self) -> None:
        title = QLabel(tr("ui.nav.admin"), objectName="pageTitle")
        users_title = QLabel(tr("ui.users.title"), objectName="sectionTitle")
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (self.add_button, self.edit_button, self.reset_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.permissions_button)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(users_title)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.settings_panel)
        layout.addWidget(self.retention_panel)

    def load(self) -> None:
        self.refresh()
        if self.settings_panel.isVisibleTo(self):
            self.settings_panel.load()
        if self.retention_panel.isVisibleTo(self):
            self.retention_panel.load()

    def refresh(self, select_id: int | None = None) -> None:
        current = self.selected_user()
        keep = select_id if select_id is not None else (current.id if current else None)
        users = self.session.ctx.services.users(self.session.actor)
        self.session.ctx.runner.run(users.list, on_success=lambda rows: self._show(rows, keep),
                                    parent=self)

    def _show(self, rows: list[UserInfo], select_id: int | None) -> None:
        self.model.set_users(rows)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, max(self.table.columnWidth(column) + 16, 90))
        row = self.model.row_of(select_id) if select_id is not None else -1
        if row >= 0:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._update_buttons()

    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for button in (self.edit_button, self.reset_button):
            button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and is_locked(user))

    def show_permissions(self) -> None:
        """The read-only table of what each role may do (the one the services enforce)."""
        PermissionsDialog(self).exec()

    def add_user(self) -> None:
        created = UserDialog.ask(self.session, None, self)
        if created is not None:
            self.refresh(created.id)

    def edit_user(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        saved = UserDialog.ask(self.session, user, self)
        # Refresh either way: after a conflict the row shows the newer version to edit again.
        self.refresh(saved.id if saved else user.id)

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is not None and ResetPasswordDialog.ask(self.session, user, self):
            self.session.ctx.messages.info(self, tr("ui.users.reset_done", username=user.username))
            self.refresh(user.id)

    def unlock_user(self) -> None:
        user = self.selected_user()
        if user is None or not self.session.ctx.messages.confirm(
                self, tr("ui.users.unlock_confirm", username=user.username)):
            return
        users = self.session.ctx.services.users(self.session.actor)
        self.session.ctx.runner.run(lambda: users.unlock(user.id),
                                    on_success=lambda _r: self.refresh(user.id), parent=self)
