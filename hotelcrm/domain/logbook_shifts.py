"""Shifts of the lobby manager's log: the pattern (when each shift starts) and which shift a
moment belongs to. Pure; local wall-clock times, the hotel's own day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from . import codes
from .errors import ValidationError

SHIFT_KINDS = codes.SHIFT_KIND
DEFAULT_PATTERN = {"morning": "07:00", "afternoon": "15:00", "night": "23:00"}
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class ShiftPattern:
    """Start times of the three shifts; each ends when the next one starts. The night shift
    belongs to the day on which it starts (23:00 on the 5th to 07:00 on the 6th is the 5th)."""

    morning: time
    afternoon: time
    night: time

    def start(self, kind: str) -> time:
        return getattr(self, kind)

    def as_setting(self) -> dict[str, str]:
        return {k: self.start(k).strftime("%H:%M") for k in SHIFT_KINDS}


def parse_pattern(value: object) -> ShiftPattern:
    """``{"morning": "07:00", ...}`` → a pattern; the three start in this order within one day
    (morning < afternoon < night), none missing."""
    if not isinstance(value, dict):
        raise ValidationError("logbook_shift_pattern", "logbook_pattern_format")
    starts = []
    for kind in SHIFT_KINDS:
        text = str(value.get(kind) or "").strip()
        found = _HHMM.match(text)
        if not found:
            raise ValidationError(f"logbook_shift_{kind}", "logbook_time_format")
        starts.append(time(int(found.group(1)), int(found.group(2))))
    if not starts[0] < starts[1] < starts[2]:
        raise ValidationError("logbook_shift_pattern", "logbook_pattern_order")
    return ShiftPattern(*starts)


DEFAULT = parse_pattern(DEFAULT_PATTERN)


def check_kind(kind: str | None) -> str:
    if kind not in SHIFT_KINDS:
        raise ValidationError("logbook_shift_kind", "unknown_code")
    return kind


def shift_for(moment: datetime, pattern: ShiftPattern = DEFAULT) -> tuple[date, str]:
    """The (shift date, kind) a local wall-clock moment falls in."""
    clock = moment.time()
    if clock < pattern.morning:
        return moment.date() - timedelta(days=1), "night"
    if clock < pattern.afternoon:
        return moment.date(), "morning"
    if clock < pattern.night:
        return moment.date(), "afternoon"
    return moment.date(), "night"


def shift_window(day: date, kind: str, pattern: ShiftPattern = DEFAULT) -> tuple[datetime, datetime]:
    """Naive local start and end of one shift."""
    start = datetime.combine(day, pattern.start(check_kind(kind)))
    following = SHIFT_KINDS[(SHIFT_KINDS.index(kind) + 1) % len(SHIFT_KINDS)]
    end_day = day + timedelta(days=1) if kind == "night" else day
    return start, datetime.combine(end_day, pattern.start(following))


def next_shift(day: date, kind: str) -> tuple[date, str]:
    index = SHIFT_KINDS.index(check_kind(kind))
    if index == len(SHIFT_KINDS) - 1:
        return day + timedelta(days=1), SHIFT_KINDS[0]
    return day, SHIFT_KINDS[index + 1]


def shift_sort_key(day: date, kind: str) -> tuple[date, int]:
    return day, SHIFT_KINDS.index(kind)
