"""Editing the parts of a card in place (documents, contacts, addresses, preferences, special
dates of guests and companies), on both backends: the add rules apply, stale versions are
refused with nothing changed, changes are audited and the search follows."""

from datetime import date

import pytest
from sqlalchemy import select

from hotelcrm.db.models import AuditEntry, GuestContact, GuestDocument
from hotelcrm.domain.errors import Conflict, HotelCrmError, PermissionDenied, ValidationError
from hotelcrm.domain.id_numbers import document_hash, resident_id_check_digit
from hotelcrm.services.company_service import CompanyService
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import (
    AddressDraft,
    CompanyDraft,
    ContactDraft,
    DocumentDraft,
    GuestDraft,
    PreferenceDraft,
    SpecialDateDraft,
)
from hotelcrm.services.guest_search_service import GuestSearchService
from hotelcrm.services.settings_service import id_hash_key

RID = "11010519850301001" + resident_id_check_digit("11010519850301001")


@pytest.fixture
def cards(db, admin):
    return GuestCardService(db, admin)


def li_na(cards):
    return cards.create(GuestDraft(
        family_name="李", given_name="娜", birth_date=date(1985, 3, 1), nationality="CHN",
        documents=(DocumentDraft("resident_id", RID), DocumentDraft("passport", "E12345678", "CHN")),
        contacts=(ContactDraft("phone", "138 1234 5678"), ContactDraft("phone", "139 0000 2222"),
                  ContactDraft("email", "li.na@example.com"))))


def audit(db, entity: str, row_id: int) -> list[tuple[str, str | None, str | None]]:
    with db.read() as s:
        rows = s.execute(select(AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value)
                         .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(row_id),
                                AuditEntry.action == "update").order_by(AuditEntry.id))
        return [tuple(r) for r in rows]


def found(db, admin, query: str) -> set[int]:
    return {h.id for h in GuestSearchService(db, admin).search(query)}


def stored(db, model, row_id: int):
    with db.read() as s:
        row = s.get(model, row_id)
        s.expunge(row)
        return row


# ---------------------------------------------------------------- documents


def test_edit_a_document_in_place_audited_masked_and_found_by_the_new_number(db, admin, cards):
    card = li_na(cards)
    passport = next(d for d in card.documents if d.doc_type == "passport")
    assert found(db, admin, "E12345678") == {card.id}
    card = cards.update_document(passport.id, passport.version,
                                 DocumentDraft("passport", "e87654321", "CHN", date(2032, 4, 30)))
    edited = next(d for d in card.documents if d.id == passport.id)
    assert (edited.number, edited.expiry_date, edited.version) == ("E8***4321", date(2032, 4, 30), passport.version + 1)
    row = stored(db, GuestDocument, passport.id)
    with db.read() as s:
        assert row.number == "E87654321" and row.number_hash == document_hash("passport", "E87654321", id_hash_key(s))
    changes = dict((f, (o, n)) for f, o, n in audit(db, "guest_document", passport.id))
    assert changes["number"] == ("E1***5678", "E8***4321")  # never in clear
    assert changes["expiry_date"] == (None, "2032-04-30")
    assert found(db, admin, "E87654321") == {card.id} and found(db, admin, "E12345678") == set()


def test_an_empty_number_keeps_the_stored_one_and_is_still_checked(db, cards):
    card = li_na(cards)
    passport = next(d for d in card.documents if d.doc_type == "passport")
    card = cards.update_document(passport.id, passport.version, DocumentDraft("passport", "", "CHN", date(2030, 1, 1)))
    edited = next(d for d in card.documents if d.id == passport.id)
    assert edited.expiry_date == date(2030, 1, 1) and stored(db, GuestDocument, passport.id).number == "E12345678"
    assert [f for f, _, _ in audit(db, "guest_document", passport.id)] == ["expiry_date"]
    with pytest.raises(ValidationError) as info:  # the kept number is no Hong Kong permit
        cards.update_document(passport.id, edited.version, DocumentDraft("hk_macau_permit", "", None))
    assert info.value.field == "id_number"
    assert stored(db, GuestDocument, passport.id).doc_type == "passport"


@pytest.mark.parametrize(("draft", "field", "reason"), [
    (DocumentDraft("passport", "12345678", "CHN"), "id_number", "cn_passport_format"),
    (DocumentDraft("passport", "E12345679", "China"), "issuing_country", "country_code"),
    (DocumentDraft("resident_id", RID[:-1] + ("0" if RID[-1] != "0" else "1")), "id_number", "id_checksum"),
])
def test_an_invalid_document_edit_changes_nothing(db, cards, draft, field, reason):
    card = li_na(cards)
    passport = next(d for d in card.documents if d.doc_type == "passport")
    with pytest.raises(ValidationError) as info:
        cards.update_document(passport.id, passport.version, draft)
    assert (info.value.field, info.value.reason) == (field, reason)
    row = stored(db, GuestDocument, passport.id)
    assert (row.number, row.version) == ("E12345678", passport.version)
    assert audit(db, "guest_document", passport.id) == []


def test_a_document_cannot_become_a_second_copy_of_another(db, cards):
    card = li_na(cards)
    passport = next(d for d in card.documents if d.doc_type == "passport")
    with pytest.raises(HotelCrmError) as info:
        cards.update_document(passport.id, passport.version, DocumentDraft("resident_id", RID))
    assert info.value.code == "duplicate"
    assert stored(db, GuestDocument, passport.id).doc_type == "passport"


def test_the_birth_date_warning_follows_an_edited_resident_id(cards):
    card = li_na(cards)
    rid = next(d for d in card.documents if d.doc_type == "resident_id")
    other = "11010519850302001" + resident_id_check_digit("11010519850302001")
    card = cards.update_document(rid.id, rid.version, DocumentDraft("resident_id", other))
    assert [w.code for w in card.warnings] == ["id_birth_date_mismatch"]


# ---------------------------------------------------------------- contacts


def test_edit_a_phone_in_place_refreshes_the_search(db, admin, cards):
    card = li_na(cards)
    phone = next(c for c in card.contacts if c.value == "+8613812345678")
    assert card.id in found(db, admin, "5678")
    card = cards.update_contact(phone.id, phone.version, ContactDraft("phone", "137 1111 9090", "office"))
    edited = next(c for c in card.contacts if c.id == phone.id)
    assert (edited.value, edited.label, edited.is_primary) == ("+8613711119090", "office", True)
    assert found(db, admin, "9090") == {card.id} and card.id not in found(db, admin, "5678")
    changes = {f: (o, n) for f, o, n in audit(db, "guest_contact", phone.id)}
    assert changes["value"] == ("+8613812345678", "+8613711119090") and changes["label"] == (None, "office")


@pytest.mark.parametrize(("draft", "field", "reason"), [
    (ContactDraft("phone", "12345"), "phone", "invalid_phone"),
    (ContactDraft("email", "li.na@"), "email", "invalid_email"),
    (ContactDraft("phone", "138 1234 5678", "x" * 51), "contact_label", "too_long"),
])
def test_an_invalid_contact_edit_changes_nothing(db, admin, cards, draft, field, reason):
    card = li_na(cards)
    phone = next(c for c in card.contacts if c.value == "+8613812345678")
    with pytest.raises(ValidationError) as info:
        cards.update_contact(phone.id, phone.version, draft)
    assert (info.value.field, info.value.reason) == (field, reason)
    row = stored(db, GuestContact, phone.id)
    assert (row.value, row.version) == ("+8613812345678", phone.version)
    assert card.id in found(db, admin, "5678")


def test_a_contact_cannot_become_a_second_copy_of_another(db, cards):
    card = li_na(cards)
    phone = next(c for c in card.contacts if c.value == "+8613812345678")
    with pytest.raises(HotelCrmError) as info:
        cards.update_contact(phone.id, phone.version, ContactDraft("phone", "+86 139 0000 2222"))
    assert info.value.code == "duplicate"
    assert stored(db, GuestContact, phone.id).value == "+8613812345678"


def test_a_contact_moved_to_another_kind_hands_over_its_primary_mark(db, admin, cards):
    card = li_na(cards)
    phone = next(c for c in card.contacts if c.value == "+8613812345678")
    other = next(c for c in card.contacts if c.value == "+8613900002222")
    assert phone.is_primary and not other.is_primary
    card = cards.update_contact(phone.id, phone.version, ContactDraft("wechat", "lina_1985"))
    by_id = {c.id: c for c in card.contacts}
    assert (by_id[phone.id].kind, by_id[phone.id].is_primary) == ("wechat", True)  # first WeChat ID
    assert by_id[other.id].is_primary  # the other phone is now the primary one
    assert card.id not in found(db, admin, "5678")


# ---------------------------------------------------------------- addresses


def test_edit_an_address_and_an_invalid_edit_changes_nothing(cards):
    card = li_na(cards)
    card = cards.add_address(card.id, AddressDraft("建国门外大街1号", city="北京", country="CHN"))
    address = card.addresses[0]
    card = cards.update_address(address.id, address.version,
                                AddressDraft("陆家嘴环路1000号", kind="work", city="上海", postal_code="200120",
                                             country="CHN"))
    edited = card.addresses[0]
    assert (edited.kind, edited.line1, edited.city, edited.version) == ("work", "陆家嘴环路1000号", "上海",
                                                                          address.version + 1)
    for bad, field in ((AddressDraft("  ", city="上海"), "address_line1"),
                       (AddressDraft("陆家嘴环路1000号", country="Shanghai"), "country")):
        with pytest.raises(ValidationError) as info:
            cards.update_address(edited.id, edited.version, bad)
        assert info.value.field == field
    assert cards.card(card.id).addresses[0] == edited


# ---------------------------------------------------------------- preferences and special dates


def test_edit_a_preference_with_the_pick_list_rules(cards):
    card = li_na(cards)
    card = cards.add_preference(card.id, PreferenceDraft("room", "pillow_height", "low"))
    card = cards.add_preference(card.id, PreferenceDraft("room", "floor", "high"))
    pillow = next(p for p in card.preferences if p.pref_key == "pillow_height")
    card = cards.update_preference(pillow.id, pillow.version,
                                   PreferenceDraft("room", "pillow_height", "high", note="两个枕头"))
    edited = next(p for p in card.preferences if p.id == pillow.id)
    assert (edited.value, edited.note, edited.version) == ("high", "两个枕头", pillow.version + 1)
    with pytest.raises(ValidationError) as info:
        cards.update_preference(edited.id, edited.version, PreferenceDraft("room", "pillow_height", "enormous"))
    assert info.value.reason == "unknown_preference_value"
    with pytest.raises(HotelCrmError) as dup:
        cards.update_preference(edited.id, edited.version, PreferenceDraft("room", "floor", "high"))
    assert dup.value.code == "duplicate"
    assert next(p for p in cards.card(card.id).preferences if p.id == pillow.id) == edited


def test_a_clerk_cannot_edit_a_sensitive_preference(db, cards, make_actor):
    card = li_na(cards)
    card = cards.add_preference(card.id, PreferenceDraft("dining", "allergies", "peanuts"))
    allergy = card.preferences[0]
    clerk = GuestCardService(db, make_actor("clerk"))
    with pytest.raises(PermissionDenied):
        clerk.update_preference(allergy.id, allergy.version, PreferenceDraft("dining", "allergies", "seafood"))
    assert cards.card(card.id).preferences[0].value == "peanuts"


def test_edit_a_guest_special_date(cards):
    card = li_na(cards)
    card = cards.add_special_date(card.id, SpecialDateDraft("anniversary", 5, 20, 2010, label="结婚纪念日"))
    d = card.special_dates[0]
    card = cards.update_special_date(d.id, d.version, SpecialDateDraft("anniversary", 5, 21, 2010,
                                                                       label="结婚纪念日", remind_days_before=3))
    edited = card.special_dates[0]
    assert (edited.day, edited.remind_days_before, edited.version) == (21, 3, d.version + 1)
    with pytest.raises(ValidationError) as info:
        cards.update_special_date(edited.id, edited.version, SpecialDateDraft("anniversary", 2, 30))
    assert info.value.field == "day"
    assert cards.card(card.id).special_dates[0] == edited


def test_edit_a_company_special_date(db, admin):
    companies = CompanyService(db, admin)
    company = companies.create(CompanyDraft("腾讯", contact_person="陈经理", phone="0755 8601 3388"))
    company = companies.add_special_date(company.id, SpecialDateDraft("company_founding", 11, 11, 1998, label="店庆"))
    d = company.special_dates[0]
    company = companies.update_special_date(d.id, d.version, SpecialDateDraft("company_founding", 11, 12, 1998,
                                                                              label="厂庆"))
    edited = company.special_dates[0]
    assert (edited.day, edited.label, edited.version) == (12, "厂庆", d.version + 1)
    with pytest.raises(ValidationError):
        companies.update_special_date(edited.id, edited.version, SpecialDateDraft("company_founding", 13, 1))
    with pytest.raises(Conflict):
        companies.update_special_date(d.id, d.version, SpecialDateDraft("company_founding", 1, 1))
    assert companies.get(company.id).special_dates == (edited,)
    # the company's contact is edited in place with the company's version
    company = companies.update(company.id, company.version, CompanyDraft("腾讯", contact_person="王经理",
                                                                        phone="0755 8601 3399"))
    assert (company.contact_person, company.phone) == ("王经理", "+8675586013399")


# ---------------------------------------------------------------- concurrent changes


def test_an_edit_of_a_part_someone_else_changed_is_refused_and_loses_nothing(cards):
    card = li_na(cards)
    card = cards.add_address(card.id, AddressDraft("建国门外大街1号"))
    card = cards.add_preference(card.id, PreferenceDraft("room", "pillow_height", "low"))
    card = cards.add_special_date(card.id, SpecialDateDraft("birthday", 3, 1, 1985))
    doc, contact, address = card.documents[0], card.contacts[0], card.addresses[0]
    pref, when = card.preferences[0], card.special_dates[0]
    # someone else saves first ...
    cards.update_document(doc.id, doc.version, DocumentDraft(doc.doc_type, "", doc.issuing_country, date(2031, 1, 1)))
    cards.update_contact(contact.id, contact.version, ContactDraft(contact.kind, contact.value, "home"))
    cards.update_address(address.id, address.version, AddressDraft("建国门外大街2号"))
    cards.update_preference(pref.id, pref.version, PreferenceDraft("room", "pillow_height", "high"))
    cards.update_special_date(when.id, when.version, SpecialDateDraft("birthday", 3, 1, 1985, label="生日"))
    theirs = cards.card(card.id)
    # ... then this clerk's edits, made on the old versions, are refused
    for call in (
        lambda: cards.update_document(doc.id, doc.version, DocumentDraft("passport", "E99999999", "CHN")),
        lambda: cards.update_contact(contact.id, contact.version, ContactDraft("phone", "13500000000")),
        lambda: cards.update_address(address.id, address.version, AddressDraft("三里屯路19号")),
        lambda: cards.update_preference(pref.id, pref.version, PreferenceDraft("room", "pillow_height", "low")),
        lambda: cards.update_special_date(when.id, when.version, SpecialDateDraft("birthday", 3, 2, 1985)),
    ):
        with pytest.raises(Conflict) as info:
            call()
        assert info.value.theirs == info.value.mine + 1
    assert cards.card(card.id) == theirs
