"""Today's shift at a glance, on top of the Logbook page: the shift, a handover waiting to be
acknowledged, open and overdue follow-ups, what the last handover carried over, VIPs in house
and open complaints."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from hotelcrm.i18n import tr
from hotelcrm.services.logbook_dto import Glance

from .guest_format import BLACKLIST_RED, code_label, date_text
from .logbook_entry_model import shift_text
from .logbook_handover_dialog import item_text

LIST_HEIGHT = 130


def _list() -> QListWidget:
    widget = QListWidget()
    widget.setFixedHeight(LIST_HEIGHT)
    widget.setWordWrap(False)
    return widget


class GlancePanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logbookGlance")
        self.status = QLabel(objectName="sectionTitle")
        self.status.setWordWrap(True)
        self.awaiting = QLabel()
        self.awaiting.setWordWrap(True)
        self.awaiting.setStyleSheet(f"color: {BLACKLIST_RED}; font-weight: 600;")
        self.followups = _list()
        self.carried = _list()
        self.vips = _list()
        self.complaints = _list()
        self.titles = [QLabel() for _ in range(4)]
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for column, (title, widget) in enumerate(zip(self.titles, (self.followups, self.carried, self.vips,
                                                                   self.complaints), strict=True)):
            title.setObjectName("fieldLabel")
            grid.addWidget(title, 0, column)
            grid.addWidget(widget, 1, column)
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.status)
        layout.addWidget(self.awaiting)
        layout.addLayout(grid)

    def show_glance(self, g: Glance) -> None:
        if g.shift is not None:
            self.status.setText(tr("ui.logbook.glance.shift_open", shift=shift_text(g.shift.shift_date, g.shift.kind),
                                   who=g.shift.opened_by or "", at=date_text(g.shift.opened_at),
                                   count=g.shift.entry_count))
        else:
            self.status.setText(tr("ui.logbook.glance.no_shift",
                                   shift=shift_text(g.expected_date, g.expected_kind)))
        waiting = [tr("ui.logbook.glance.awaiting", shift=shift_text(h.shift.shift_date, h.shift.kind),
                      who=h.shift.closed_by or "", at=date_text(h.shift.closed_at), count=len(h.items))
                   for h in g.awaiting_ack]
        self.awaiting.setText("\n".join(waiting))
        self.awaiting.setVisible(bool(waiting))
        self.titles[0].setText(tr("ui.logbook.glance.followups", count=len(g.open_followups),
                                  overdue=g.overdue_count))
        self.followups.clear()
        for e in g.open_followups:
            due = f" · {tr('ui.logbook.due_at', due=date_text(e.followup_due_at))}" if e.followup_due_at else ""
            room = f"{e.room_no} · " if e.room_no else ""
            row = QListWidgetItem(f"{room}{code_label('log_entry_type', e.entry_type)}{due}: {' '.join(e.text.split())}")
            row.setToolTip(e.text)
            row.setData(256, e.id)
            if e.overdue:
                row.setForeground(_red())
            self.followups.addItem(row)
        self.titles[1].setText(tr("ui.logbook.glance.carried", count=len(g.carried_over)))
        self.carried.clear()
        for item in g.carried_over:
            self.carried.addItem(QListWidgetItem(item_text(item)))
        self.titles[2].setText(tr("ui.logbook.glance.vips", count=len(g.vips_in_house)))
        self.vips.clear()
        for v in g.vips_in_house:
            self.vips.addItem(QListWidgetItem(tr("ui.logbook.glance.vip_line", room=v.room_no or "—", name=v.guest_name,
                                                 vip=v.vip_code, departure=date_text(v.departure_date))))
        self.titles[3].setText(tr("ui.logbook.glance.complaints", count=len(g.open_complaints)))
        self.complaints.clear()
        for c in g.open_complaints:
            self.complaints.addItem(QListWidgetItem(item_text(c)))


def _red():
    from PySide6.QtGui import QBrush, QColor

    return QBrush(QColor(BLACKLIST_RED))
