"""How the complaint screens write codes, steps, levels, due times and overdue marks (one place,
so the list, the detail view and the dialogs agree)."""

from __future__ import annotations

from datetime import datetime

from hotelcrm.i18n import current_language, tr

from .guest_format import code_label, date_text

OVERDUE_RED = "#b3261e"
OVERDUE_FILL = "#fdecec"
STEP_ACTIONS = ("apologize", "verify", "propose_remedy", "approve_remedy", "record_guest_response",
                "record_remedy_done", "close")


def lang() -> str:
    return current_language()


def state_text(state: str) -> str:
    """``3 Verified``: the catalogue's state labels carry the step's number."""
    return code_label("complaint_state", state)


def severity_text(severity: str) -> str:
    return code_label("severity", severity)


def level_text(level: str | None) -> str:
    return code_label("escalation_level", level)


def overdue_text(overdue) -> str:
    """``OVERDUE: remedy`` (text, so it reads on a black-and-white print or screen too)."""
    kinds = [k for k in ("acknowledge", "remedy", "close") if getattr(overdue, k)]
    if not kinds:
        return ""
    return tr("ui.complaint.overdue_mark", targets=", ".join(tr(f"ui.complaint.target.{k}") for k in kinds))


def due_text(row) -> str:
    """The next time target, or the overdue mark when one ran out."""
    if row.overdue.any:
        return overdue_text(row.overdue)
    return date_text(row.next_due_at) if row.next_due_at else ""


def when_text(value: datetime | None) -> str:
    return date_text(value)
