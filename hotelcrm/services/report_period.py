"""Periods of the manager reports: checked dates, and the hotel's calendar days as UTC bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hotelcrm.domain.errors import ValidationError

MAX_PERIOD_DAYS = 3 * 366 + 1  # statistics over up to three years


def check_period(start: date | None, end: date | None, max_days: int = MAX_PERIOD_DAYS) -> tuple[date, date]:
    if start is None:
        raise ValidationError("report_from", "required")
    if end is None:
        raise ValidationError("report_to", "required")
    if start > end:
        raise ValidationError("report_to", "period_reversed")
    if (end - start).days + 1 > max_days:
        raise ValidationError("report_to", "period_too_long", days=max_days)
    return start, end


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From the start of ``start`` to the start of the day after ``end``, local time (the
    hotel's PC), as aware datetimes: the columns store UTC."""
    low = datetime.combine(start, time.min).astimezone()
    high = datetime.combine(end + timedelta(days=1), time.min).astimezone()
    return low.astimezone(UTC), high.astimezone(UTC)


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()
