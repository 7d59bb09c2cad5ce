"""Someone else saved the log entry while this desk was editing it: the entry's fields side by
side (``row_conflict.resolve_record_edit``); "apply" saves the fields changed here over theirs
(and this desk's incident details, as the normal save does)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox

from hotelcrm.i18n import tr
from hotelcrm.services.logbook_dto import EntryDraft, EntryInfo

from .conflict_dialog import shown
from .guest_format import code_label
from .row_conflict import RowKind
from .ui_context import UserSession

LABELS = {"entry_type": "field.logbook_entry_type", "text": "field.logbook_text", "room_no": "ui.logbook.room",
          "guest_id": "field.logbook_guest", "complaint_id": "field.logbook_complaint",
          "followup_required": "ui.logbook.followup_required", "followup_due_at": "field.logbook_followup_due"}


def entry_draft(entry: EntryInfo) -> EntryDraft:
    """The entry as the draft that keeps it."""
    return EntryDraft(entry_type=entry.entry_type, text=entry.text, occurred_at=entry.occurred_at,
                      room_no=entry.room_no, guest_id=entry.guest_id, complaint_id=entry.complaint_id,
                      followup_required=entry.followup_required, followup_due_at=entry.followup_due_at)


def entry_kind(session: UserSession, entry_id: int, guest: QComboBox | None, complaint: QComboBox | None,
               save: Callable[[EntryInfo, EntryDraft | None], Any]) -> RowKind:
    """``guest`` and ``complaint`` name the ids typed here (None: nothing typed, an action);
    ``save(current, draft)`` saves."""
    entries = session.ctx.services.logbook_entries(session.actor)

    def text(name: str, value: Any, _draft: Any) -> str:
        if name == "entry_type":
            return code_label("log_entry_type", value)
        if name == "followup_required":
            return tr("ui.conflict.yes" if value else "ui.conflict.no")
        if name in ("guest_id", "complaint_id"):
            combo = guest if name == "guest_id" else complaint
            index = combo.findData(value) if value is not None and combo is not None else -1
            return combo.itemText(index) if index >= 0 else shown(value)
        if name == "followup_due_at" and value is not None:
            return value.astimezone().strftime("%Y-%m-%d %H:%M")
        return shown(value)

    def texts(entry: EntryInfo) -> dict[str, str]:
        draft = entry_draft(entry)
        out = {name: text(name, getattr(draft, name), draft) for name in LABELS}
        out["guest_id"], out["complaint_id"] = shown(entry.guest_name), shown(entry.complaint_number)
        out["followup_done_by"] = shown(entry.followup_done_by)
        return out

    labels = {name: tr(key) for name, key in LABELS.items()}
    if guest is None:  # an action (mark done): who finished the follow-up matters too
        labels["followup_done_by"] = tr("ui.conflict.followup_done_by")
    return RowKind(entity="log_entry", what=tr("ui.conflict.what.log_entry"), labels=labels,
                   load=lambda: entries.get(entry_id), draft_of=entry_draft, update=save, text=text, texts=texts)
