"""Escalation (投诉升级), authority limits and time targets (DESIGN.md §2.2). Pure rules.

Levels, lowest first: handler → lobby_manager → department_head → general_manager. A complaint
escalates to the next level (or the level named) when
- a remedy's cost (its compensation amount) is beyond the authority of the level handling it:
  to the lowest level whose limit covers it (reason ``authority``);
- the guest rejects the remedy: one level up (``rejected``);
- several departments are involved: one level up, once (``multi_department``);
- a time target runs out: one level up per missed target (``overdue``);
- someone escalates it by hand (``manual``).
A complaint never goes down a level; at the general manager it stays there.

Each user role acts at one level: staff and clerks as handler, lobby managers as lobby_manager,
managers as department_head, administrators as general_manager.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from .codes import ESCALATION_LEVEL, SEVERITY
from .errors import ValidationError

LEVELS = ESCALATION_LEVEL
TOP = LEVELS[-1]

ROLE_LEVEL = {
    "staff": "handler",
    "clerk": "handler",
    "lobby_manager": "lobby_manager",
    "manager": "department_head",
    "admin": "general_manager",
}

# Minutes from receipt to acknowledge (apology), remedy done and close, per severity.
DEFAULT_TIME_TARGETS: dict[str, dict[str, int]] = {
    "low": {"acknowledge": 240, "remedy": 4320, "close": 10080},
    "medium": {"acknowledge": 60, "remedy": 1440, "close": 4320},
    "high": {"acknowledge": 30, "remedy": 480, "close": 2880},
    "critical": {"acknowledge": 15, "remedy": 240, "close": 1440},
}
TARGET_KINDS = ("acknowledge", "remedy", "close")
MAX_TARGET_MINUTES = 90 * 24 * 60

# The largest compensation (cents) each level may approve; None = no limit.
DEFAULT_AUTHORITY_LIMITS: dict[str, int | None] = {
    "handler": 20_000,
    "lobby_manager": 100_000,
    "department_head": 500_000,
    "general_manager": None,
}
MAX_LIMIT_CENTS = 1_000_000_000


def level_index(level: str) -> int:
    if level not in LEVELS:
        raise ValidationError("complaint_level", "unknown_code", value=level)
    return LEVELS.index(level)


def level_for_role(role: str) -> str:
    return ROLE_LEVEL[str(role)]


def next_level(level: str) -> str:
    """One level up; the top stays the top."""
    return LEVELS[min(level_index(level) + 1, len(LEVELS) - 1)]


def higher(a: str, b: str) -> str:
    return a if level_index(a) >= level_index(b) else b


def required_level(cost_cents: int, limits: Mapping[str, int | None]) -> str:
    """The lowest level whose authority covers ``cost_cents``."""
    for level in LEVELS:
        limit = limits.get(level)
        if limit is None or cost_cents <= limit:
            return level
    return TOP


def role_may_approve(role: str, cost_cents: int, limits: Mapping[str, int | None]) -> bool:
    return level_index(level_for_role(role)) >= level_index(required_level(cost_cents, limits))


def role_limit(role: str, limits: Mapping[str, int | None]) -> int | None:
    return limits.get(level_for_role(role))


# ---------------------------------------------------------------- the rules


def on_remedy_cost(current: str, cost_cents: int, limits: Mapping[str, int | None]) -> str | None:
    """The level to escalate to because of a remedy's cost, or None when the current level covers it."""
    needed = required_level(cost_cents, limits)
    return needed if level_index(needed) > level_index(current) else None


def on_rejection(current: str) -> str | None:
    """A rejected remedy goes one level up (None at the top: nobody above)."""
    return None if current == TOP else next_level(current)


def on_departments(current: str, departments: int, already: bool) -> str | None:
    """Several departments involved: one level up, once."""
    if departments < 2 or already or current == TOP:
        return None
    return next_level(current)


def on_overdue(current: str, missed_targets: int, overdue_escalations: int) -> str | None:
    """One level up per missed time target not yet escalated for (one step per call)."""
    if missed_targets <= overdue_escalations or current == TOP:
        return None
    return next_level(current)


def manual_target(current: str, to_level: str | None) -> str:
    """The level a manual escalation goes to: named (must be higher) or one up."""
    if current == TOP:
        raise ValidationError("complaint_level", "complaint_already_top")
    if to_level is None:
        return next_level(current)
    if level_index(to_level) <= level_index(current):
        raise ValidationError("complaint_level", "complaint_level_not_higher", level=to_level)
    return to_level


# ---------------------------------------------------------------- time targets


def due_times(received_at: datetime, severity: str, targets: Mapping[str, Mapping[str, int]]
              ) -> tuple[datetime, datetime, datetime]:
    t = targets[severity]
    return tuple(received_at + timedelta(minutes=t[k]) for k in TARGET_KINDS)  # type: ignore[return-value]


def overdue_flags(now: datetime, state: str, due: tuple[datetime | None, datetime | None, datetime | None],
                  done: tuple[datetime | None, datetime | None, datetime | None]) -> tuple[bool, bool, bool]:
    """Per target (acknowledge, remedy, close): past due and not met. Closed or withdrawn
    complaints are never overdue."""
    if state in ("closed", "withdrawn"):
        return (False, False, False)
    return tuple(d is not None and m is None and now > d for d, m in zip(due, done, strict=True))  # type: ignore[return-value]


# ---------------------------------------------------------------- settings


def clean_time_targets(value: Any) -> dict[str, dict[str, int]]:
    """Every severity with three whole minute counts, 1 … 90 days, acknowledge ≤ remedy ≤ close."""
    if not isinstance(value, Mapping) or set(value) != set(SEVERITY):
        raise ValidationError("complaint_time_targets", "complaint_targets_shape")
    cleaned: dict[str, dict[str, int]] = {}
    for severity in SEVERITY:
        row = value[severity]
        if not isinstance(row, Mapping) or set(row) != set(TARGET_KINDS):
            raise ValidationError("complaint_time_targets", "complaint_targets_shape")
        for kind in TARGET_KINDS:
            minutes = row[kind]
            if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_TARGET_MINUTES:
                raise ValidationError(f"complaint_target_{kind}", "out_of_range", min=1, max=MAX_TARGET_MINUTES)
        if not row["acknowledge"] <= row["remedy"] <= row["close"]:
            raise ValidationError("complaint_time_targets", "complaint_targets_order", severity=severity)
        cleaned[severity] = {k: row[k] for k in TARGET_KINDS}
    return cleaned


def clean_authority_limits(value: Any) -> dict[str, int | None]:
    """Every level with a limit in cents (≥ 0); only the general manager's may be None (no
    limit); limits never decrease up the levels."""
    if not isinstance(value, Mapping) or set(value) != set(LEVELS):
        raise ValidationError("complaint_authority_limits", "complaint_limits_shape")
    cleaned: dict[str, int | None] = {}
    previous = 0
    for level in LEVELS:
        limit = value[level]
        if limit is None and level == TOP:
            cleaned[level] = None
            continue
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise ValidationError(f"complaint_limit_{level}", "amount_not_integer")
        if limit < 0:
            raise ValidationError(f"complaint_limit_{level}", "amount_negative")
        if limit > MAX_LIMIT_CENTS:
            raise ValidationError(f"complaint_limit_{level}", "amount_too_large", max=MAX_LIMIT_CENTS)
        if limit < previous:
            raise ValidationError(f"complaint_limit_{level}", "complaint_limits_order")
        cleaned[level] = previous = limit
    return cleaned
