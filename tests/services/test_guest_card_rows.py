"""The card's lists read in one statement (``guest_card_rows``) equal what the ORM reads row by
row, on both backends: every list, its order, types (dates, aware datetimes, booleans), masking
and the hidden sensitive items per role; the guest's own columns and the complaints read in the
same statement equal the ORM row and the complaint service's list."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from hotelcrm import i18n
from hotelcrm.db.models import (
    Feedback,
    Guest,
    GuestAddress,
    GuestContact,
    GuestDocument,
    GuestPreference,
    MarketingConsent,
    Observation,
    SpecialDate,
    Stay,
)
from hotelcrm.domain.id_numbers import resident_id_check_digit
from hotelcrm.services.company_service import CompanyService
from hotelcrm.services.complaint_reader import guest_slots
from hotelcrm.services.complaint_service import ComplaintService
from hotelcrm.services.guest_card_reader import (
    address_info,
    consent_info,
    contact_info,
    document_info,
    feedback_info,
    preference_info,
    read_card,
    special_date_info,
)
from hotelcrm.services.guest_card_rows import read_card_rows, read_guest_and_rows
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import (
    AddressDraft,
    CompanyDraft,
    ConsentDraft,
    ContactDraft,
    DocumentDraft,
    FeedbackDraft,
    GuestDraft,
    PreferenceDraft,
    SpecialDateDraft,
)

from .complaint_helpers import category_id, receive

RID = "11010519850301001" + resident_id_check_digit("11010519850301001")
TODAY = date(2026, 11, 24)


def orm_lists(s, guest: Guest, today: date, sensitive_ok: bool) -> dict:
    """The lists as the card read them before (one ORM query per list)."""
    def rows(model, *order):
        return list(s.scalars(select(model).where(model.guest_id == guest.id).order_by(*order)))

    prefs = rows(GuestPreference, GuestPreference.pref_group, GuestPreference.pref_key, GuestPreference.id)
    dates = rows(SpecialDate, SpecialDate.month, SpecialDate.day, SpecialDate.id)
    if not sensitive_ok:
        prefs = [p for p in prefs if not p.sensitive]
        dates = [d for d in dates if not d.sensitive]
    latest = {}
    for c in rows(MarketingConsent, MarketingConsent.created_at, MarketingConsent.id):
        latest[c.channel] = c
    return {
        "documents": tuple(document_info(d, today) for d in rows(GuestDocument, GuestDocument.is_primary.desc(),
                                                                  GuestDocument.id)),
        "contacts": tuple(contact_info(c) for c in rows(GuestContact, GuestContact.kind,
                                                        GuestContact.is_primary.desc(), GuestContact.id)),
        "addresses": tuple(address_info(a) for a in rows(GuestAddress, GuestAddress.id)),
        "preferences": tuple(preference_info(p) for p in prefs),
        "special_dates": tuple(special_date_info(d, today) for d in dates),
        "consents": tuple(consent_info(latest[ch]) for ch in sorted(latest)),
        "feedback": tuple(feedback_info(f) for f in rows(Feedback, Feedback.created_at.desc(), Feedback.id.desc())),
        "stay_ids": tuple(st.id for st in rows(Stay, Stay.arrival_date.desc(), Stay.id.desc())),
    }


@pytest.fixture
def full_card(db, admin):
    company = CompanyService(db, admin).create(CompanyDraft("华夏贸易有限公司"))
    cards = GuestCardService(db, admin)
    card = cards.create(GuestDraft(
        family_name="李", given_name="娜", birth_date=date(1985, 3, 1), nationality="CHN", company_id=company.id,
        documents=(DocumentDraft("resident_id", RID), DocumentDraft("passport", "E12345678", "CHN", date(2026, 1, 1))),
        contacts=(ContactDraft("phone", "138 1234 5678", "mobile"), ContactDraft("email", "li.na@example.com"),
                  ContactDraft("phone", "139 0000 2222"), ContactDraft("wechat", "lina_1985"))))
    gid = card.id
    cards.add_address(gid, AddressDraft("建国门外大街1号", city="北京", postal_code="100020", country="CHN"))
    cards.add_address(gid, AddressDraft("1 Main St", kind="work", line2="Suite 5", city="Boston", country="USA"))
    cards.add_preference(gid, PreferenceDraft("room", "pillow_height", "low", note="荞麦枕 \"soft\""))
    cards.add_preference(gid, PreferenceDraft("dining", "allergies", "peanuts"))
    cards.add_preference(gid, PreferenceDraft("room", "floor", "high"))
    cards.add_special_date(gid, SpecialDateDraft("child_school", 9, 1, label="女儿入学"))
    cards.add_special_date(gid, SpecialDateDraft("birthday", 3, 1, 1985))
    cards.add_special_date(gid, SpecialDateDraft("anniversary", 2, 29, label="leap"))
    cards.add_consent(gid, ConsentDraft("sms", True, date(2026, 1, 5), "registration card"))
    cards.add_consent(gid, ConsentDraft("email", True, date(2026, 1, 6), "website"))
    cards.add_consent(gid, ConsentDraft("sms", False, date(2026, 2, 5), "phone call"))
    with db.write() as s:
        for i, arrival in enumerate((date(2025, 5, 1), date(2026, 3, 10), date(2024, 12, 30))):
            s.add(Stay(guest_id=gid, status="checked_out", arrival_date=arrival, departure_date=arrival + timedelta(days=2),
                       room_no=f"80{i}", room_type="Deluxe King", rate_cents=98_000, spend_room_cents=196_000,
                       spend_fnb_cents=12_345 * i, unpaid_cents=100 * i, discount_cents=50, source="demo"))
        s.flush()
        stay_id = s.scalar(select(Stay.id).where(Stay.guest_id == gid).order_by(Stay.id))
        observation = Observation(guest_id=gid, text="asked for a firm pillow", status="reviewed")
        s.add(observation)
        s.flush()
        s.add(GuestPreference(guest_id=gid, pref_group="room", pref_key="pillow_firmness", value="firm",
                              source_observation_id=observation.id))
    cards.add_feedback(gid, FeedbackDraft("praise", "前台服务热情周到", stay_id=stay_id,
                                          received_at=datetime(2026, 3, 12, 9, 30, 15, 123456, tzinfo=UTC)))
    cards.add_feedback(gid, FeedbackDraft("suggestion", "Line 1\nLine 2 — “quoted”"))
    return gid


@pytest.mark.parametrize("role", ["admin", "clerk"])
def test_one_statement_reads_what_the_orm_reads(db, make_actor, full_card, role):
    actor = make_actor(role)
    with db.read() as s:
        guest = s.get(Guest, full_card)
        card = read_card(s, guest, actor, today=TODAY, check_birth_date=True)
        expected = orm_lists(s, guest, TODAY, sensitive_ok=role == "admin")
    for name in ("documents", "contacts", "addresses", "preferences", "special_dates", "consents", "feedback"):
        assert getattr(card, name) == expected[name], name
    assert tuple(st.id for st in card.stays) == expected["stay_ids"]
    assert card.company_name == "华夏贸易有限公司" and card.warnings == ()
    assert card.documents[0].is_primary is True and card.documents[1].expired is True
    assert isinstance(card.feedback[1].received_at, datetime) and card.feedback[1].received_at.tzinfo is not None
    assert card.feedback[1].received_at == datetime(2026, 3, 12, 9, 30, 15, 123456, tzinfo=UTC)
    assert [s.arrival_date for s in card.stays] == [date(2026, 3, 10), date(2025, 5, 1), date(2024, 12, 30)]
    assert (card.stats.stays, card.stats.nights, card.stats.unpaid_cents) == (3, 6, 300)
    assert [(c.channel, c.granted) for c in card.consents] == [("email", True), ("sms", False)]
    if role == "admin":
        assert card.hidden_sensitive == 0 and len(card.preferences) == 4 and len(card.special_dates) == 3
        assert next(p for p in card.preferences if p.pref_key == "pillow_firmness").from_observation is True
    else:
        assert card.hidden_sensitive == 2 and {p.pref_key for p in card.preferences} == {
            "pillow_height", "floor", "pillow_firmness"}


def test_an_empty_card_has_empty_lists(db, admin):
    card = GuestCardService(db, admin).create(GuestDraft(family_name="Smith", given_name="Anna"))
    for name in ("documents", "contacts", "addresses", "preferences", "special_dates", "consents", "feedback",
                 "stays"):
        assert getattr(card, name) == (), name
    assert card.company_name is None and card.stats.stays == 0


def test_the_birth_date_warning_comes_from_the_documents_read(db, admin):
    cards = GuestCardService(db, admin)
    card = cards.create(GuestDraft(family_name="王", given_name="伟", birth_date=date(1985, 3, 2),
                                   documents=(DocumentDraft("resident_id", RID),)))
    assert [w.code for w in cards.card(card.id).warnings] == ["id_birth_date_mismatch"]
    fixed = cards.update(card.id, card.version, GuestDraft(family_name="王", given_name="伟", birth_date=date(1985, 3, 1)))
    assert fixed.warnings == () and cards.card(card.id).warnings == ()


def test_the_guest_columns_read_with_the_lists_equal_the_orm_row(db, admin, full_card):
    with db.read() as s:
        guest, rows = read_guest_and_rows(s, full_card)
        orm = s.get(Guest, full_card)
        for column in Guest.__table__.c:
            assert getattr(guest, column.key) == getattr(orm, column.key), column.key
        assert rows == read_card_rows(s, full_card, orm.company_id)
        assert read_guest_and_rows(s, 999_999) == (None, None)
        assert read_guest_and_rows(s, full_card, company_id=None)[1].company_name is None  # the named one
        assert read_guest_and_rows(s, full_card, company_id=999_999)[1].company_name is None  # no such company
    assert isinstance(guest.created_at, datetime) and guest.created_at.tzinfo is not None
    assert guest.birth_date == date(1985, 3, 1) and rows.company_name == "华夏贸易有限公司"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_complaints_read_with_the_card_equal_the_complaint_services_list(db, make_actor, language):
    lobby = make_actor("lobby_manager")
    guest = GuestCardService(db, lobby).create(GuestDraft(family_name="周", given_name="杰")).id
    old = receive(db, lobby, guest_id=guest, severity="critical", category_id=category_id(db, lobby, "billing"),
                  received_at=datetime.now(UTC) - timedelta(days=3))
    ComplaintService(db, lobby).withdraw(old.id, old.version, "Bill explained, guest satisfied")
    receive(db, lobby, guest_id=guest, severity="critical", received_at=datetime.now(UTC) - timedelta(hours=2))
    receive(db, lobby, guest_id=guest, severity="low")  # not overdue yet
    receive(db, lobby)  # someone else's
    i18n.set_language(language)
    card = GuestCardService(db, lobby).card(guest)
    with db.read() as s:
        expected = guest_slots(s, guest, None)
    assert card.complaints == expected and len(expected) == 3
    assert [(c.open, c.overdue) for c in card.complaints] == [(True, False), (True, True), (False, False)]
    assert card.complaints[2].category == ("账务价格" if language == "zh_CN" else "Billing and price")
