"""Administration → "Roles and permissions": the permission table the services enforce
(hotelcrm/domain/permissions.py), read-only — one row per permission with its translated name and
code, one column per role, ✓ where the role has it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from hotelcrm.domain.permissions import Permission, Role, role_allows
from hotelcrm.i18n import tr

from .row_table_model import Column, RowTableModel, setup_row_table

CHECK = "✓"
ROLE_ORDER = (Role.STAFF, Role.CLERK, Role.LOBBY_MANAGER, Role.MANAGER, Role.ADMIN)


def _role_column(role: Role) -> Column:
    return Column(f"role.{role.value}", lambda p: CHECK if role_allows(role, p) else "")


class PermissionTableModel(RowTableModel):
    COLUMNS = (
        Column("ui_permissions.column.permission", lambda p: tr(f"permission.{p.value}")),
        Column("ui_permissions.column.code", lambda p: p.value),
        *(_role_column(role) for role in ROLE_ORDER),
    )
    FIRST_ROLE_COLUMN = 2

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.set_rows(list(Permission))

    def key(self, row: Permission) -> str:
        return row.value

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and index.column() >= self.FIRST_ROLE_COLUMN:
            return int(Qt.AlignmentFlag.AlignCenter)
        return super().data(index, role)

    def allowed(self, permission: Permission, role: Role) -> bool:
        """What the cell shows (for tests)."""
        row = list(Permission).index(permission)
        column = self.FIRST_ROLE_COLUMN + ROLE_ORDER.index(role)
        return self.index(row, column).data() == CHECK


class PermissionsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("ui_permissions.title"))
        self.model = PermissionTableModel(self)
        self.table = QTableView()
        setup_row_table(self.table, self.model)
        self.table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("ui_permissions.hint"), objectName="hint", wordWrap=True))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        width = sum(self.table.columnWidth(c) for c in range(self.model.columnCount()))
        self.resize(width + 60, 860)
