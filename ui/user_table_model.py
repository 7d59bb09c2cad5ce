"""The administrators' list of user accounts (a few dozen rows: held in memory)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from hotelcrm.i18n import LANGUAGE_NAMES, tr
from hotelcrm.services.dto import UserInfo

from .row_table_model import Column, RowTableModel


def local_time(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def is_locked(user: UserInfo, now: datetime | None = None) -> bool:
    now = now or datetime.now(UTC)
    until = user.locked_until
    if until is not None and until.tzinfo is None:
        until = until.replace(tzinfo=UTC)
    return until is not None and until > now


def status_text(user: UserInfo) -> str:
    if user.status != "active":
        return tr("ui.users.status.disabled")
    return tr("ui.users.status.locked") if is_locked(user) else tr("ui.users.status.active")


COLUMNS: tuple[Column, ...] = (
    Column("field.username", lambda u: u.username),
    Column("field.display_name", lambda u: u.display_name),
    Column("field.role", lambda u: tr(f"role.{u.role}")),
    Column("field.language", lambda u: LANGUAGE_NAMES.get(u.language or "", tr("ui.users.language_any"))),
    Column("ui.users.column.status", status_text),
    Column("ui.users.column.locked_until", lambda u: local_time(u.locked_until) if is_locked(u) else ""),
    Column("ui.users.column.last_login", lambda u: local_time(u.last_login_at)),
)
STATUS_COLUMN = 4


class UserTableModel(RowTableModel):
    """Disabled accounts grey, locked ones red in the status column."""

    COLUMNS = COLUMNS

    def set_users(self, users: list[UserInfo]) -> None:
        self.set_rows(users)

    def user_at(self, row: int) -> UserInfo | None:
        return self.row_at(row)

    def row_of(self, user_id: int) -> int:
        return next((i for i, u in enumerate(self._rows) if u.id == user_id), -1)

    def style(self, user: UserInfo, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS_COLUMN:
            if user.status != "active":
                return QBrush(QColor("#7a8691"))
            if is_locked(user):
                return QBrush(QColor("#b3261e"))
        return None
