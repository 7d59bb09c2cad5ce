"""Shared set-up for the Guests-area GUI tests (no tests here): guests made through the
services, and pages built on the synchronous task runner."""

from __future__ import annotations

from datetime import date

from hotelcrm.domain.id_numbers import resident_id_check_digit
from hotelcrm.services.guest_dto import ContactDraft, DocumentDraft, GuestDraft

BORN = date(1985, 3, 1)
RID = "11010519850301001" + resident_id_check_digit("11010519850301001")
PHONE = "138 0000 1234"


def wang_wei(session, **over):
    """王伟, born 1985-03-01, with a resident ID, a phone ending 1234 and an e-mail."""
    base = dict(family_name="王", given_name="伟", gender="M", birth_date=BORN, nationality="CHN",
                documents=(DocumentDraft("resident_id", RID),),
                contacts=(ContactDraft("phone", PHONE), ContactDraft("email", "wang.wei@example.com")))
    return cards(session).create(GuestDraft(**{**base, **over}))


def guest(session, family: str, given: str, **over):
    return cards(session).create(GuestDraft(family_name=family, given_name=given, **over))


def cards(session):
    return session.ctx.services.guest_cards(session.actor)


def make_page(qtbot, session):
    from ui.guest_page import GuestPage

    page = GuestPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    return page
