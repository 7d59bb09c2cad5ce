"""What every page of a report says about itself: hotel, title, period, who printed it, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from reportlab.lib.pagesizes import A4, landscape, portrait

from hotelcrm.i18n import LANGUAGES


class Orientation(Enum):
    """A4 is the paper every front office has; wide lists print landscape."""

    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"

    @property
    def page_size(self) -> tuple[float, float]:
        return portrait(A4) if self is Orientation.PORTRAIT else landscape(A4)


@dataclass(frozen=True)
class ReportContext:
    """The frame of one printed report. ``title`` is already translated (see
    ``ReportSpec.title``); ``printed_by`` is the user's display name as it should appear on
    paper; a period with only one end prints as "from …" or "up to …", a one-day period
    (``period_from == period_to``) as a single date."""

    hotel_name: str
    title: str
    language: str
    printed_by: str
    printed_at: datetime
    period_from: date | None = None
    period_to: date | None = None
    orientation: Orientation = Orientation.PORTRAIT

    def __post_init__(self) -> None:
        # A programming error, not user input: the caller picks from the supported languages.
        if self.language not in LANGUAGES:
            raise ValueError(f"unsupported report language {self.language!r}")
        if self.period_from and self.period_to and self.period_from > self.period_to:
            raise ValueError("period_from is after period_to")

    @property
    def page_size(self) -> tuple[float, float]:
        return self.orientation.page_size
