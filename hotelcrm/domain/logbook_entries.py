"""Entries of the lobby manager's log: the five duties plus handover notes and other, the
follow-up rules, and read-only after the shift is closed. Pure."""

from __future__ import annotations

from datetime import datetime, timedelta

from . import codes
from .errors import HotelCrmError, ValidationError
from .text_rules import clean_text

# The lobby manager's five duties (DESIGN.md §2.4), then handover notes and other.
DUTIES = ("vip_reception", "complaint", "guest_opinion", "incident", "inspection")
ENTRY_TYPES = codes.LOG_ENTRY_TYPE
MAX_TEXT = 4000
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
FOLLOWUP_MAX_DAYS = 90


def check_entry_type(value: str | None) -> str:
    if value not in ENTRY_TYPES:
        raise ValidationError("logbook_entry_type", "unknown_code")
    return value


def check_text(value: str | None) -> str:
    return clean_text(value, "logbook_text", required=True, max_len=MAX_TEXT, multiline=True)


def check_followup(required: bool, due_at: datetime | None, now: datetime) -> datetime | None:
    """A follow-up may carry a due time; a due time without a follow-up is a mistake. The due
    time is not in the past (a minute of grace) and at most 90 days ahead."""
    if not required:
        if due_at is not None:
            raise ValidationError("logbook_followup_due", "logbook_due_without_followup")
        return None
    if due_at is None:
        return None
    if due_at.tzinfo is None:
        raise ValidationError("logbook_followup_due", "logbook_due_naive")
    if due_at < now - timedelta(minutes=1):
        raise ValidationError("logbook_followup_due", "logbook_due_past")
    if due_at > now + timedelta(days=FOLLOWUP_MAX_DAYS):
        raise ValidationError("logbook_followup_due", "logbook_due_too_far", days=FOLLOWUP_MAX_DAYS)
    return due_at


def check_complaint_link(entry_type: str, complaint_id: int | None) -> None:
    """Only a complaint entry links to a complaint record, and it must."""
    if entry_type == "complaint" and complaint_id is None:
        raise ValidationError("logbook_complaint", "required")
    if entry_type != "complaint" and complaint_id is not None:
        raise ValidationError("logbook_complaint", "logbook_complaint_only_for_complaints")


def check_editable(shift_status: str) -> None:
    """A closed shift's entries are read-only: corrections are addenda."""
    if shift_status != "open":
        raise HotelCrmError("logbook_shift_closed")


def followup_open(required: bool, done_at: datetime | None) -> bool:
    return bool(required) and done_at is None


def followup_overdue(required: bool, due_at: datetime | None, done_at: datetime | None, now: datetime) -> bool:
    return followup_open(required, done_at) and due_at is not None and due_at < now


def check_attachment(filename: str | None, size: int) -> str:
    name = clean_text(filename, "logbook_attachment", required=True, max_len=255)
    if "/" in name or "\\" in name:
        raise ValidationError("logbook_attachment", "logbook_attachment_name")
    if size <= 0:
        raise ValidationError("logbook_attachment", "logbook_attachment_empty")
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError("logbook_attachment", "logbook_attachment_too_large", max_mb=MAX_ATTACHMENT_BYTES // 2**20)
    return name
