"""Pieces the manager reports share: texts in the report's language, chart sizes, the
"nothing in this period" sentence, durations and shares as they print."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from hotelcrm.i18n import catalogue, tr

from . import guest_card_blocks as blocks
from .formatters import EMPTY, format_percent
from .report_context import ReportContext

CHART_HEIGHT = 150


class Texts:
    """``t("key")`` = ``reports.<prefix>.key`` in the report's language; ``t.common("key")`` =
    ``reports.stats.key``; ``t.code(list, value)`` = ``code.<list>.<value>`` when the catalogue
    has it, else the stored value."""

    def __init__(self, prefix: str, lang: str) -> None:
        self.prefix = prefix
        self.lang = lang
        self._known = catalogue(lang).keys() | catalogue("en").keys()

    def __call__(self, key: str, **params: Any) -> str:
        return tr(f"reports.{self.prefix}.{key}", lang=self.lang, **params)

    def common(self, key: str, **params: Any) -> str:
        return tr(f"reports.stats.{key}", lang=self.lang, **params)

    def code(self, code_list: str, value: str | None) -> str:
        if not value:
            return EMPTY
        key = f"code.{code_list}.{value}"
        return tr(key, lang=self.lang) if key in self._known else value

    def pref_key(self, key: str) -> str:
        wanted = f"pref.key.{key}"
        return tr(wanted, lang=self.lang) if wanted in self._known else key.replace("_", " ").capitalize()


def chart_width(ctx: ReportContext) -> float:
    return blocks.frame_width(ctx)


def nothing(text: str) -> Paragraph:
    """The sentence an empty period prints instead of empty tables."""
    return Paragraph(text, blocks.styles()["value"])


def hours(t: Texts, value: float | None) -> str:
    """3.5 h under two days, 2.3 d beyond ("小时"/"天" in Chinese)."""
    if value is None:
        return EMPTY
    if value < 48:
        return t.common("hours", value=f"{value:.1f}")
    return t.common("days", value=f"{value / 24:.1f}")


def share(part: int, whole: int) -> str:
    return format_percent(part / whole) if whole else EMPTY


def percent(value: float | None) -> str:
    return format_percent(value) if value is not None else EMPTY


def section(title: str, *content: Flowable) -> list[Flowable]:
    """A heading kept with the first block under it."""
    if not content:
        return [blocks.section(title)]
    return [blocks.keep(blocks.section(title), content[0]), *content[1:]]


def labelled(rows: Sequence[tuple[str, str | None]], ctx: ReportContext, columns: int = 2) -> Flowable:
    return blocks.field_grid(ctx, rows, columns=columns)
