"""The administrators' list of user accounts (a few dozen rows: held in memory)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hotelcrm.i18n import LANGUAGE_NAMES, tr
from hotelcrm.services.dto import UserInfo

Index = QModelIndex | QPersistentModelIndex


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


@dataclass(frozen=True)
class Column:
    header_key: str
    text: Callable[[UserInfo], str]


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


class UserTableModel(QAbstractTableModel):
    """Rows of ``UserInfo`` plus column specs; ``data()`` never calls a service."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[UserInfo] = []

    def set_users(self, users: list[UserInfo]) -> None:
        self.beginResetModel()
        self._rows = list(users)
        self.endResetModel()

    def user_at(self, row: int) -> UserInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, user_id: int) -> int:
        return next((i for i, u in enumerate(self._rows) if u.id == user_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        user = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return COLUMNS[index.column()].text(user)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS_COLUMN:
            if user.status != "active":
                return QBrush(QColor("#7a8691"))
            if is_locked(user):
                return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.UserRole:
            return user.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return tr(COLUMNS[section].header_key)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None
