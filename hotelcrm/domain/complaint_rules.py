"""Complaint input rules (DESIGN.md §2.2, §8): what each step requires, numbers, attachments,
categories and departments. Pure: values in, cleaned values out, ``ValidationError`` otherwise."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

from . import codes
from .errors import ValidationError
from .guest_rules import check_code
from .stay_rules import check_amount
from .text_rules import clean_text

MAX_WORDS = 4000  # the guest's own words, the account, findings ...
MAX_SHORT = 200  # with whom, by whom, follow-up method
MAX_REASON = 1000
# A clock a little ahead of the server's is not "the future"; anything beyond is a typing error.
CLOCK_SKEW = timedelta(minutes=5)

NUMBER_PREFIX = "TS"
NUMBER_DIGITS = 6
NUMBER_RE = re.compile(r"^TS-(\d{4})-(\d{6})$")

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENTS = 20
MAX_FILENAME = 255

# Handling principles shown to the handler (the hotel's own rules, DESIGN.md §2.2).
PRINCIPLE_KEYS = tuple(f"complaint.principle.{i}" for i in range(1, 8))

CODE_RE = re.compile(r"^[a-z][a-z0-9_]{1,29}$")


# ---------------------------------------------------------------- numbers


def format_number(year: int, serial: int) -> str:
    """``TS-2026-000123``: the year received and a serial per year."""
    if not 1 <= serial < 10**NUMBER_DIGITS:
        raise ValueError(f"complaint serial {serial} out of range")
    return f"{NUMBER_PREFIX}-{year:04d}-{serial:0{NUMBER_DIGITS}d}"


def normalize_number(text: str | None) -> str:
    """Accept ``ts-2026-123``, ``TS 2026 000123`` or full-width digits as typed; refuse others."""
    raw = unicodedata.normalize("NFKC", text or "").strip().upper().replace(" ", "-")
    m = re.match(r"^TS-?(\d{4})-?(\d{1,6})$", raw)
    if not m:
        raise ValidationError("complaint_number", "complaint_number_format")
    return format_number(int(m.group(1)), int(m.group(2)))


# ---------------------------------------------------------------- the steps


def _words(value: str | None, field: str, *, required: bool = True, max_len: int = MAX_WORDS) -> str | None:
    return clean_text(value, field, required=required, max_len=max_len, multiline=True)


def _short(value: str | None, field: str, *, required: bool = True) -> str | None:
    return clean_text(value, field, required=required, max_len=MAX_SHORT)


def _not_future(when: datetime, field: str, now: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValidationError(field, "complaint_naive_time")
    if when > now + CLOCK_SKEW:
        raise ValidationError(field, "date_in_future")
    return when


def clean_receipt(*, channel: str, severity: str, guest_words: str, guest_account: str | None,
                  room_no: str | None, received_at: datetime | None, note: str | None, now: datetime) -> dict:
    """Step 1: channel, severity, the guest's own words, the account (defaults to the words)."""
    words = _words(guest_words, "complaint_guest_words")
    return {
        "channel": check_code(channel, codes.COMPLAINT_CHANNEL, "complaint_channel", required=True),
        "severity": check_code(severity, codes.SEVERITY, "complaint_severity", required=True),
        "guest_words": words,
        "guest_account": _words(guest_account, "complaint_guest_account", required=False) or words,
        "room_no": clean_text(room_no, "complaint_room_no", max_len=10),
        "received_at": _not_future(received_at, "complaint_received_at", now) if received_at else now,
        "note": _words(note, "complaint_note", required=False),
    }


def clean_apology(apology_manner: str, note: str | None) -> dict:
    return {"apology_manner": _words(apology_manner, "complaint_apology_manner"),
            "note": _words(note, "complaint_note", required=False)}


def clean_verification(verified_what: str, verified_with: str, findings: str, note: str | None) -> dict:
    return {"verified_what": _words(verified_what, "complaint_verified_what"),
            "verified_with": _short(verified_with, "complaint_verified_with"),
            "findings": _words(findings, "complaint_findings"),
            "note": _words(note, "complaint_note", required=False)}


def clean_remedy(remedy_type: str, remedy_detail: str, discount_pct: int | None,
                 compensation_cents: int | None) -> dict:
    """A discount needs its percentage (0–100); a compensation needs its amount; any remedy may
    carry a cost (compensation amount, never negative)."""
    kind = check_code(remedy_type, codes.REMEDY_TYPE, "complaint_remedy_type", required=True)
    if discount_pct is not None:
        if isinstance(discount_pct, bool) or not isinstance(discount_pct, int):
            raise ValidationError("complaint_discount_pct", "not_a_number")
        if not 0 <= discount_pct <= 100:
            raise ValidationError("complaint_discount_pct", "out_of_range", min=0, max=100)
    elif kind == "discount":
        raise ValidationError("complaint_discount_pct", "required")
    if compensation_cents is not None:
        check_amount(compensation_cents, "complaint_compensation")
    elif kind == "compensation":
        raise ValidationError("complaint_compensation", "required")
    return {"remedy_type": kind, "remedy_detail": _words(remedy_detail, "complaint_remedy_detail"),
            "discount_pct": discount_pct, "compensation_cents": compensation_cents}


def remedy_cost(compensation_cents: int | None) -> int:
    return compensation_cents or 0


def clean_remedy_done(action_done: str, action_done_by: str, actual_cost_cents: int, note: str | None) -> dict:
    return {"action_done": _words(action_done, "complaint_action_done"),
            "action_done_by": clean_text(action_done_by, "complaint_action_done_by", required=True, max_len=100),
            "actual_cost_cents": check_amount(actual_cost_cents, "complaint_actual_cost"),
            "note": _words(note, "complaint_note", required=False)}


def clean_follow_up(*, followup_at: datetime, followup_method: str, followup_result: str, satisfaction: int,
                    root_cause: str, improvement_action: str, note: str | None,
                    remedy_done_at: datetime, now: datetime) -> dict:
    """Step 6: the follow-up cannot precede the remedy being done nor lie in the future;
    satisfaction is 1–5."""
    if not isinstance(followup_at, datetime):
        raise ValidationError("complaint_followup_at", "required")
    _not_future(followup_at, "complaint_followup_at", now)
    if followup_at < remedy_done_at:
        raise ValidationError("complaint_followup_at", "complaint_followup_before_remedy")
    if isinstance(satisfaction, bool) or not isinstance(satisfaction, int):
        raise ValidationError("complaint_satisfaction", "not_a_number")
    if not 1 <= satisfaction <= 5:
        raise ValidationError("complaint_satisfaction", "out_of_range", min=1, max=5)
    return {"followup_at": followup_at,
            "followup_method": _short(followup_method, "complaint_followup_method"),
            "followup_result": _words(followup_result, "complaint_followup_result"),
            "satisfaction": satisfaction,
            "root_cause": _words(root_cause, "complaint_root_cause"),
            "improvement_action": _words(improvement_action, "complaint_improvement"),
            "note": _words(note, "complaint_note", required=False)}


def clean_reason(reason: str | None, field: str = "complaint_withdraw_reason") -> str:
    return _words(reason, field, max_len=MAX_REASON)  # type: ignore[return-value]


def clean_addendum(text: str | None) -> str:
    return _words(text, "complaint_addendum")  # type: ignore[return-value]


# ---------------------------------------------------------------- attachments


def clean_attachment(filename: str | None, data: bytes, mime_type: str | None, existing: int) -> dict:
    name = clean_text((filename or "").replace("\\", "/").rsplit("/", 1)[-1], "complaint_attachment_name",
                      required=True, max_len=MAX_FILENAME)
    if not isinstance(data, bytes | bytearray) or not data:
        raise ValidationError("complaint_attachment", "file_empty")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError("complaint_attachment", "complaint_attachment_too_large",
                              max_mb=MAX_ATTACHMENT_BYTES // (1024 * 1024))
    if existing >= MAX_ATTACHMENTS:
        raise ValidationError("complaint_attachment", "complaint_attachments_full", max=MAX_ATTACHMENTS)
    mime = clean_text(mime_type, "complaint_attachment_type", max_len=100) or "application/octet-stream"
    return {"filename": name, "mime_type": mime, "size_bytes": len(data), "data": bytes(data)}


# ---------------------------------------------------------------- categories, departments


def _code(value: str | None, field: str) -> str:
    text = (value or "").strip().lower()
    if not text:
        raise ValidationError(field, "required")
    if not CODE_RE.match(text):
        raise ValidationError(field, "key_chars")
    return text


def clean_category(code: str, name_en: str, name_zh: str, guideline_en: str, guideline_zh: str,
                   sort_order: int, active: bool) -> dict:
    if isinstance(sort_order, bool) or not isinstance(sort_order, int) or not 0 <= sort_order <= 9999:
        raise ValidationError("complaint_sort_order", "out_of_range", min=0, max=9999)
    return {"code": _code(code, "complaint_category_code"),
            "name_en": clean_text(name_en, "complaint_category_name_en", required=True, max_len=100),
            "name_zh": clean_text(name_zh, "complaint_category_name_zh", required=True, max_len=100),
            "guideline_en": _words(guideline_en, "complaint_guideline_en", required=False) or "",
            "guideline_zh": _words(guideline_zh, "complaint_guideline_zh", required=False) or "",
            "sort_order": sort_order, "active": bool(active)}


def clean_department(code: str, name_en: str, name_zh: str, active: bool) -> dict:
    return {"code": _code(code, "complaint_department_code"),
            "name_en": clean_text(name_en, "complaint_department_name_en", required=True, max_len=100),
            "name_zh": clean_text(name_zh, "complaint_department_name_zh", required=True, max_len=100),
            "active": bool(active)}
