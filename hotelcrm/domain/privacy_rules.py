"""What anonymization removes and keeps, and the retention rule (DESIGN.md §2.7). Pure.

Removed: names, birth date, position, the personal notes of the card; ID documents, contacts,
addresses, preferences, special dates, marketing consents and attachments; free text about the
person (stay notes, observations, feedback, complaint texts, log entries and incidents about
them). Kept for statistics: the card's id, gender, nationality, language, guest type, VIP code
and company; stays with dates, rooms and amounts; feedback kinds; complaint numbers, categories,
severities, states, dates and costs; the membership, its tier history and the points ledger.
"""

from __future__ import annotations

from datetime import date

from .errors import ValidationError

REDACTED = "[redacted]"  # what replaces removed free text (and audit values: migration 0008)

# Guest columns cleared by anonymization (the names become empty strings: NOT NULL columns).
CLEARED_GUEST_FIELDS = (
    "latin_name", "pinyin", "birth_date", "position", "blacklist_reason", "character_notes", "hobbies",
    "habits", "religion", "taboos", "special_requests", "notes", "marital_status",
)
EMPTIED_GUEST_FIELDS = ("family_name", "given_name")

# Audit entities whose old/new values all describe the person; every field but these is redacted.
IDENTITY_ENTITIES = (
    "guest", "guest_document", "guest_contact", "guest_address", "guest_preference", "special_date",
    "feedback", "marketing_consent", "observation",
)
KEPT_AUDIT_FIELDS = ("guest_id", "stay_id", "status", "merged_into_id", "merged_guest_id", "kind", "is_primary")

RETENTION_SETTING = "privacy.retention_years"
MAX_RETENTION_YEARS = 50


def check_retention_years(value: object) -> int:
    """0 switches the rule off; otherwise 1…50 years without a stay."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_RETENTION_YEARS:
        raise ValidationError("retention_years", "out_of_range", min=0, max=MAX_RETENTION_YEARS)
    return value


def retention_cutoff(today: date, years: int) -> date:
    """Cards whose last stay departed (or that were created, without stays) before this date are
    due; 29 February falls back to 28 February in a year without it."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)
