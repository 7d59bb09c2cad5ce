"""Cells of exported lists (DESIGN.md §2.8): formula neutralisation, file formats, amounts. Pure."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import ValidationError

# A spreadsheet program runs a cell starting with these as a formula (or, for tab and carriage
# return, hides the formula behind them): such a cell gets a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")


def neutralise(value: Any) -> str:
    """The text of one cell, safe to open in a spreadsheet program."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        text = value.isoformat(sep=" ", timespec="minutes")
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def export_format(path: str | Path) -> str:
    """``csv`` or ``xlsx`` from the file name; anything else is refused naming the field."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValidationError("out", "export_format", suffix=suffix or "-")
    return suffix


def amount(cents: int | None) -> str:
    """Minor units as currency units with two decimals (what the stays import reads)."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}{whole}.{part:02d}"
