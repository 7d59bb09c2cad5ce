"""The search results: one row per ``GuestHit`` (at most the service's limit, held in memory).

The texts of the cells are made once per result set by ``result_rows`` — on the worker thread,
next to the search — and the model hands them to Qt's item store, which answers the view's
questions while it paints without calling Python."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItemModel

from hotelcrm.i18n import tr

from .guest_format import BLACKLIST_RED, code_label, date_text
from .row_table_model import Column

GuestHit = Any  # hotelcrm.services.guest_search_service.GuestHit (frozen dataclass)


def _romanised(hit: GuestHit) -> str:
    return romanised(hit.latin_name, hit.pinyin)


def romanised(latin: str | None, pinyin: str | None) -> str:
    """Passport spelling and pinyin; once when they are the same name ("WANG WEI" / "Wang Wei")."""
    if latin and pinyin and latin.replace(" ", "").lower() == pinyin.replace(" ", "").lower():
        return latin
    return " · ".join(p for p in (latin, pinyin) if p)


def _status(hit: GuestHit) -> str:
    return code_label("guest_status", hit.status)


COLUMNS: tuple[Column, ...] = (
    Column("ui.guest.column.name", lambda h: h.display_name),
    Column("ui.guest.column.romanised", _romanised),
    Column("ui.guest.column.phone", lambda h: h.phone_masked or ""),
    Column("ui.guest.column.member_no", lambda h: h.member_no or ""),
    Column("ui.guest.column.tier", lambda h: h.tier_code or ""),
    Column("ui.guest.column.company", lambda h: h.company or ""),
    Column("ui.guest.column.last_stay", lambda h: date_text(h.last_stay)),
    Column("ui.guest.column.room", lambda h: h.in_house_room or ""),
    Column("ui.guest.column.status", _status),
)
NAME_COLUMN = 0
ROOM_COLUMN = 7

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_USER = int(Qt.ItemDataRole.UserRole)


@dataclass(frozen=True)
class ResultRows:
    """Hits with the text of each of their cells, and which cells are bold; made by
    ``result_rows`` (no Qt objects, so the worker thread may make it)."""

    hits: tuple[GuestHit, ...]
    texts: tuple[tuple[str, ...], ...]
    bold: tuple[frozenset[int], ...]  # per row: the columns in bold
    blacklisted: tuple[bool, ...]


def result_rows(hits: Sequence[GuestHit]) -> ResultRows:
    """What the result list shows of ``hits``: every cell's text once per result set."""
    hits = tuple(hits)
    name_only, name_and_room = frozenset((NAME_COLUMN,)), frozenset((NAME_COLUMN, ROOM_COLUMN))
    return ResultRows(hits=hits,
                      texts=tuple(tuple(column.text(hit) for column in COLUMNS) for hit in hits),
                      bold=tuple(name_and_room if hit.in_house_room else name_only for hit in hits),
                      blacklisted=tuple(hit.status == "blacklisted" for hit in hits))


EMPTY = result_rows(())


class GuestResultModel(QStandardItemModel):
    """Blacklisted guests are red on the whole row; the name and an in-house room are bold.

    The cells live in Qt's own item store, filled once per result set: a Python ``data()``
    was asked seven roles of every painted cell (~1,100 calls through PySide per paint of the
    list, about half of its paint time). Each cell answers the display and tool-tip text, the
    hit's id (``UserRole``), and its font and colour where they differ from the table's."""

    COLUMNS = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels([tr(column.header_key) for column in COLUMNS])
        self.query = ""
        self.shown = EMPTY
        self._red = QBrush(QColor(BLACKLIST_RED))
        self._bold = QFont()
        self._bold.setBold(True)

    def set_hits(self, hits: Sequence[GuestHit] | ResultRows, query: str = "") -> None:
        """Show ``hits`` (or the rows ``result_rows`` made of them) for ``query``: one model
        reset; the cells are filled with the model's signals blocked (one ``dataChanged`` per
        cell would have the view work out each cell's rectangle)."""
        rows = hits if isinstance(hits, ResultRows) else result_rows(hits)
        self.beginResetModel()
        self.blockSignals(True)
        try:
            self.query, self.shown = query, rows
            self.setRowCount(0)  # no cell keeps a font or colour of the previous hits
            self.setRowCount(len(rows.hits))
            fill, index = self.setItemData, self.index
            for row, texts in enumerate(rows.texts):
                key, bold = rows.hits[row].id, rows.bold[row]
                red = self._red if rows.blacklisted[row] else None
                for column, text in enumerate(texts):
                    roles = {_DISPLAY: text, _TOOLTIP: text, _USER: key}
                    if column in bold:
                        roles[_FONT] = self._bold
                    if red is not None:
                        roles[_FOREGROUND] = red
                    fill(index(row, column), roles)
        finally:
            self.blockSignals(False)
            self.endResetModel()

    def hit_at(self, row: int) -> GuestHit | None:
        hits = self.shown.hits
        return hits[row] if 0 <= row < len(hits) else None
