"""The reasons the system writes on tier changes and ledger entries are stored in plain English
(readable in the database and the audit trail); screens and reports show them in their own
language. Reasons typed by people print as typed."""

from __future__ import annotations

import re

from hotelcrm.i18n import tr

_PATTERNS = (
    (re.compile(r"^enrolment$"), "enrolment"),
    (re.compile(r"^threshold: (?P<nights>\d+) nights, (?P<points>\d+) points in (?P<year>\d{4})$"), "threshold"),
    (re.compile(r"^review: threshold reached$"), "review_up"),
    (re.compile(r"^review (?P<year>\d{4}): (?P<nights>\d+) nights, (?P<points>\d+) points$"), "review_down"),
    (re.compile(r"^no activity for (?P<months>\d+) months$"), "expiry"),
)


def reason_text(reason: str | None, lang: str | None = None) -> str:
    if not reason:
        return ""
    for pattern, key in _PATTERNS:
        found = pattern.match(reason)
        if found:
            return tr(f"loyalty.reason_text.{key}", lang, **found.groupdict())
    return reason
