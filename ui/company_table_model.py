"""The list of agreement companies (协议单位): a few hundred rows at most, held in memory."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from hotelcrm.domain.contact_rules import display_phone
from hotelcrm.services.guest_dto import CompanyInfo

from .guest_format import code_label
from .row_table_model import Column, RowTableModel

INACTIVE_GREY = "#7a8691"


def phone_text(company: CompanyInfo) -> str:
    return display_phone(company.phone) if company.phone else ""


COLUMNS: tuple[Column, ...] = (
    Column("field.company_name", lambda c: c.name + (f"  ({c.name_latin})" if c.name_latin else "")),
    Column("field.company_kind", lambda c: code_label("company_kind", c.kind)),
    Column("field.contact_person", lambda c: c.contact_person or ""),
    Column("field.phone", phone_text),
    Column("ui.company.column.guests", lambda c: str(c.guests), number=True),
    Column("ui.company.column.status", lambda c: code_label("record_status", c.status)),
)


class CompanyTableModel(RowTableModel):
    """Inactive companies are greyed out (shown only when the list asks for them)."""

    COLUMNS = COLUMNS

    def company_at(self, row: int) -> CompanyInfo | None:
        return self.row_at(row)

    def row_of(self, company_id: int) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == company_id), -1)

    def style(self, company: CompanyInfo, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and company.status != "active":
            return QBrush(QColor(INACTIVE_GREY))
        return None

