"""The guest history card PDF (客史档案卡): what a reader of the printed card sees, per language
and per role — names, masked ID numbers, the four groups, page numbers, the embedded font."""

from __future__ import annotations

import pytest

from hotelcrm.domain.errors import PermissionDenied
from hotelcrm.domain.permissions import Role
from hotelcrm.i18n import tr
from hotelcrm.reports import ReportParam
from hotelcrm.reports.guest_card_report import REVEAL_IDS
from hotelcrm.services.actor import Actor
from hotelcrm.services.report_service import ReportService

from .guest_card_sample import HOTEL, PRAISE, RELIGION, TABOO, make_sample_guest, services_for
from .pdf_tools import pdf_fonts, pdf_pages_text

LANGS = ["zh_CN", "en"]


@pytest.fixture
def guest(sqlite_db):
    return make_sample_guest(sqlite_db)


def make_actor(role: str) -> Actor:
    """Who prints (the report tests run on SQLite only; tests/services covers both backends)."""
    return Actor(None, f"{role}.user", Role(role), f"{role} user 测试")


def print_card(db, actor, guest_id, lang, tmp_path, **extra) -> tuple:
    out = tmp_path / f"card-{lang}-{actor.role.value}.pdf"
    params = {ReportParam.GUEST: guest_id, **extra}
    result = ReportService(services_for(db), actor).render("guest-card", params, lang, out)
    return out, result, pdf_pages_text(out)


@pytest.mark.parametrize("lang", LANGS)
def test_card_shows_every_group_with_the_document_masked(sqlite_db, guest, tmp_path, lang):
    out, result, pages = print_card(sqlite_db, make_actor("lobby_manager"), guest.id, lang, tmp_path)
    text = "\n".join(pages)
    assert result.pages == len(pages) >= 1
    assert guest.name in pages[0] and guest.latin_name in pages[0]
    assert HOTEL in pages[0]
    assert tr("reports.guest_card.title", lang=lang) in pages[0]
    assert guest.id_masked in text
    assert guest.id_number not in text
    for section in ("general", "stays", "personal", "feedback"):
        assert tr(f"reports.guest_card.section.{section}", lang=lang) in text
    # stays and spending: 3 stays of 2 nights, CNY 1,776.00 + 234.50 each
    assert "CNY 6,031.50" in text and "Deluxe King" in text
    assert tr("reports.guest_card.other_stays", lang=lang, cancelled=0, no_shows=0, upcoming=0) in text
    # personal: a pick-list value by its label, taboos, special dates with and without a year
    assert ("低枕" if lang == "zh_CN" else "Low pillow") in text
    assert TABOO in text and "1985-03-07" in text and "10-01" in text
    # feedback, and the complaints slot
    assert PRAISE in text
    assert tr("reports.guest_card.none.complaints", lang=lang) in text
    for number, page in enumerate(pages, start=1):
        assert tr("reports.page_of", lang=lang, page=number, pages=len(pages)) in page


def test_card_embeds_a_subset_of_the_chinese_font(sqlite_db, guest, tmp_path):
    out, _, _ = print_card(sqlite_db, make_actor("clerk"), guest.id, "zh_CN", tmp_path)
    fonts = pdf_fonts(out)
    assert fonts
    assert all("WenQuanYi" in f.name and f.embedded and f.subset and "TrueType" in f.type for f in fonts)


@pytest.mark.parametrize("lang", LANGS)
def test_sensitive_notes_print_for_the_lobby_manager_only(sqlite_db, guest, tmp_path, lang):
    allergy = "花生" if lang == "zh_CN" else "Peanuts"
    religion_label = tr("reports.guest_card.label.religion", lang=lang)
    _, _, clerk_pages = print_card(sqlite_db, make_actor("clerk"), guest.id, lang, tmp_path)
    clerk = "\n".join(clerk_pages)
    for word in (*RELIGION.split(), allergy, religion_label, tr("pref.key.allergies", lang=lang)):
        assert word not in clerk
    assert tr("reports.guest_card.hidden_sensitive", lang=lang, count=2) in clerk
    _, _, manager_pages = print_card(sqlite_db, make_actor("lobby_manager"), guest.id, lang, tmp_path)
    manager = "\n".join(manager_pages)
    assert RELIGION in manager and allergy in manager and religion_label in manager


def test_clear_numbers_only_when_asked_by_someone_who_may_reveal(sqlite_db, guest, tmp_path):
    manager = make_actor("manager")
    _, _, pages = print_card(sqlite_db, manager, guest.id, "en", tmp_path)
    assert guest.id_number not in "\n".join(pages)
    _, _, pages = print_card(sqlite_db, manager, guest.id, "en", tmp_path, **{REVEAL_IDS: True})
    assert guest.id_number in "\n".join(pages)
    reveals = [e for e in services_for(sqlite_db).audit(Actor.system()).entries("guest_document")
               if e.action == "reveal"]
    assert len(reveals) == 1 and reveals[0].actor_name == manager.username
    clerk = make_actor("clerk")
    with pytest.raises(PermissionDenied):
        print_card(sqlite_db, clerk, guest.id, "en", tmp_path, **{REVEAL_IDS: True})
    assert not (tmp_path / "card-en-clerk.pdf").exists()


def test_blacklisted_guest_carries_the_notice_and_reason(sqlite_db, guest, tmp_path):
    cards = services_for(sqlite_db).guest_cards(Actor.system())
    card = cards.card(guest.id)
    cards.set_blacklist(guest.id, card.version, True, "多次拒付房费 Refused to pay twice")
    for lang in LANGS:
        _, _, pages = print_card(sqlite_db, make_actor("clerk"), guest.id, lang, tmp_path)
        assert tr("reports.guest_card.blacklisted", lang=lang, reason="多次拒付房费 Refused to pay twice") in pages[0]


def test_a_long_stay_history_flows_over_pages_with_its_header_on_each(sqlite_db, tmp_path):
    guest = make_sample_guest(sqlite_db, stays=70)
    _, result, pages = print_card(sqlite_db, make_actor("clerk"), guest.id, "en", tmp_path)
    assert result.pages >= 3
    stay_pages = [p for p in pages if "Deluxe King" in p]
    assert len(stay_pages) >= 2
    assert all("Arrival" in p and "Departure" in p for p in stay_pages)
    text = "\n".join(pages)
    assert text.count("Deluxe King") == 70 + 1  # every stay, plus the favourite room type
    assert "Stays (70; amounts in CNY)" in text


@pytest.mark.parametrize("lang", LANGS)
def test_card_prints_the_membership_for_who_may_read_loyalty(sqlite_db, guest, tmp_path, lang):
    members = services_for(sqlite_db).loyalty_members(Actor.system())
    members.enrol(guest.id, member_no="M-PRINT-1")
    badge = members.for_guest(guest.id)
    _, _, pages = print_card(sqlite_db, make_actor("lobby_manager"), guest.id, lang, tmp_path)
    tier = badge.tier_name_zh if lang == "zh_CN" else badge.tier_name_en
    assert tr("reports.guest_card.member", lang=lang, number="M-PRINT-1", tier=tier, points="0") in pages[0]


def test_card_without_membership_prints_no_member_line(sqlite_db, guest, tmp_path):
    _, _, pages = print_card(sqlite_db, make_actor("lobby_manager"), guest.id, "en", tmp_path)
    assert "Member " not in pages[0]
