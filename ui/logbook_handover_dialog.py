"""Shift handover: the outgoing manager closes the shift (the open follow-ups and open complaints
are listed and handed over); the incoming manager acknowledges a closed shift's handover."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from hotelcrm.domain.errors import Conflict
from hotelcrm.i18n import tr
from hotelcrm.services.logbook_dto import HandoverInfo, HandoverItemInfo, ShiftInfo

from .conflict_dialog import shown
from .form_widgets import FormErrors, ok_cancel_buttons
from .guest_format import code_label, date_text
from .logbook_entry_model import shift_text
from .row_conflict import Outcome, RowKind, ShowsRefusal, resolve_record_edit
from .ui_context import UserSession


@dataclass(frozen=True)
class Handover:
    """A shift's handover as the conflict dialog compares it."""

    status: Any
    handover_note: Any
    acknowledged_by: Any


def handover_of(shift: ShiftInfo) -> Handover:
    return Handover(shift.status, shift.handover_note, shift.acknowledged_by)


def item_text(item: HandoverItemInfo) -> str:
    if item.kind == "complaint":
        head = tr("ui.logbook.item_complaint", number=item.complaint_number or "")
    else:
        head = tr("ui.logbook.item_followup", type=code_label("log_entry_type", item.entry_type),
                  shift=shift_text(item.origin_date, item.origin_kind) if item.origin_date else "")
    room = f" · {item.room_no}" if item.room_no else ""
    due = f" · {tr('ui.logbook.due_at', due=date_text(item.due_at))}" if item.due_at else ""
    done = "" if item.still_open else f"  ✓ {tr('ui.logbook.item_done_since')}"
    return f"{head}{room}{due}: {item.summary}{done}"


def fill_items(widget: QListWidget, items: tuple[HandoverItemInfo, ...] | list[HandoverItemInfo]) -> None:
    widget.clear()
    for item in items:
        row = QListWidgetItem(item_text(item))
        row.setToolTip(item.summary)
        widget.addItem(row)
    if not items:
        widget.addItem(QListWidgetItem(tr("ui.logbook.no_open_items")))


class HandoverDialog(ShowsRefusal, QDialog):
    """``mode`` "close": ``shift`` is the open shift and ``items`` the preview; "acknowledge":
    ``handover`` is the closed shift's handover."""

    def __init__(self, session: UserSession, mode: str, shift: ShiftInfo,
                 items: list[HandoverItemInfo] | tuple[HandoverItemInfo, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.mode = mode
        self.shift = shift
        self.result_value: HandoverInfo | None = None
        self.items = QListWidget()
        self.items.setWordWrap(True)
        fill_items(self.items, items)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        self.errors = FormErrors(QLabel(), {"logbook_handover_note": self.note})
        closing = mode == "close"
        self.buttons = ok_cancel_buttons(tr("ui.logbook.close_and_hand_over" if closing else "ui.logbook.acknowledge"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self._build(closing, len(items))

    def _build(self, closing: bool, count: int) -> None:
        shift = self.shift
        self.setWindowTitle(tr("ui.logbook.handover_close_title" if closing else "ui.logbook.handover_ack_title"))
        head = QLabel(tr("ui.logbook.handover_head", shift=shift_text(shift.shift_date, shift.kind),
                         opened_by=shift.opened_by or "", opened_at=date_text(shift.opened_at)),
                      objectName="sectionTitle")
        head.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(10)
        layout.addWidget(head)
        if not closing:
            signed = QLabel(tr("ui.logbook.handover_closed_by", who=shift.closed_by or "",
                               at=date_text(shift.closed_at)))
            layout.addWidget(signed)
        explain = QLabel(tr("ui.logbook.handover_items_close" if closing else "ui.logbook.handover_items_ack",
                            count=count))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(self.items, 1)
        if closing:
            layout.addWidget(QLabel(tr("field.logbook_handover_note")))
            layout.addWidget(self.note)
        else:
            note = QLabel(tr("ui.logbook.handover_note_was", note=shift.handover_note or "—"))
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.errors.label)
        layout.addWidget(self.buttons)
        self.resize(680, 480)

    def _submit(self) -> None:
        self.errors.clear()
        service = self.session.ctx.services.logbook_shifts(self.session.actor)
        shift = self.shift
        if self.mode == "close":
            note = self.note.toPlainText()
            self.typed = replace(handover_of(shift), status="closed", handover_note=note.strip() or None)
            work = lambda: service.close(shift.id, shift.version, note)  # noqa: E731
        else:
            self.typed = replace(handover_of(shift), status="acknowledged",
                                 acknowledged_by=self.session.actor.display_name or self.session.actor.username)
            work = lambda: service.acknowledge(shift.id, shift.version)  # noqa: E731
        self.buttons.setEnabled(False)
        self.session.ctx.runner.run(work, on_success=self._done, on_failure=self._failed, parent=self)

    def _done(self, info: HandoverInfo) -> None:
        self.result_value = info
        self.accept()

    def _failed(self, text: str, error: BaseException) -> None:
        if isinstance(error, Conflict):  # another manager closed / acknowledged (or changed) the shift
            resolve_record_edit(self.session, self._kind(), self.shift, handover_of(self.shift), self.typed,
                                Outcome(self._done, lambda _now: self.reject(), self._refused), self)
            return
        self._refused(text, error)

    def _kind(self) -> RowKind:
        service, shift_id, closing = self.session.ctx.services.logbook_shifts(self.session.actor), self.shift.id, \
            self.mode == "close"

        def save(now: ShiftInfo, typed: Handover) -> HandoverInfo:
            if closing:
                return service.close(now.id, now.version, typed.handover_note)
            return service.acknowledge(now.id, now.version)

        def text(name: str, value, _draft) -> str:
            return tr(f"ui.conflict.shift_status.{value}") if name == "status" else shown(value)

        return RowKind(entity="shift", what=tr("ui.conflict.what.shift"),
                       labels={"status": tr("ui.conflict.shift_status"),
                               "handover_note": tr("ui.conflict.handover_note"),
                               "acknowledged_by": tr("ui.conflict.acknowledged_by")},
                       load=lambda: service.get(shift_id), draft_of=handover_of, update=save, text=text)
