"""Backup file names, rotation of the daily backups, and whether a backup's schema revision may be
restored (DESIGN.md §4). Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from .errors import ValidationError

DAILY_PREFIX = "daily"
_DAILY = re.compile(r"^(?P<stem>.+)-daily-(?P<day>\d{4}-\d{2}-\d{2})\.db$")
SQLITE_HEADER = b"SQLite format 3\x00"


def daily_name(stem: str, day: date) -> str:
    """``hotelcrm-daily-2026-11-23.db``: one automatic backup per day."""
    return f"{stem}-{DAILY_PREFIX}-{day.isoformat()}.db"


def manual_name(stem: str, at: datetime) -> str:
    return f"{stem}-{at.strftime('%Y%m%d-%H%M%S')}.db"


def daily_day(name: str, stem: str) -> date | None:
    found = _DAILY.match(name)
    if not found or found["stem"] != stem:
        return None
    try:
        return date.fromisoformat(found["day"])
    except ValueError:
        return None


def rotate(names: Iterable[str], stem: str, keep: int) -> list[str]:
    """The daily backups to delete so that the ``keep`` newest remain (other files untouched)."""
    dated = sorted(((d, n) for n in names if (d := daily_day(n, stem)) is not None), reverse=True)
    return [n for _d, n in dated[max(keep, 1):]]


def check_revision(found: str | None, known: Sequence[str]) -> None:
    """``known`` is the revision history, oldest first. A backup at the head or at an older
    revision may be restored (it is upgraded at the next start, after a backup); a newer one
    (made by a newer version of the application) or one without a revision is refused."""
    if found is None:
        raise ValidationError("file", "backup_not_hotelcrm")
    if found not in known:
        raise ValidationError("file", "backup_newer_schema", revision=found, head=known[-1] if known else "-")


def looks_like_sqlite(head: bytes) -> bool:
    return head.startswith(SQLITE_HEADER)
