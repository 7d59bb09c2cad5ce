"""Turning an exception into the one line a user reads: translated, never a traceback."""

from __future__ import annotations

import logging

from hotelcrm.domain.errors import HotelCrmError
from hotelcrm.i18n import error_text, tr

log = logging.getLogger(__name__)


def error_message(exc: BaseException) -> str:
    """A service error in the current language; anything else is logged and becomes the
    generic ``error.internal`` text (the user cannot act on a stack trace)."""
    if isinstance(exc, HotelCrmError):
        return error_text(exc)
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return tr("error.internal")
