"""Demo data: what a trainer or a tester sees after ``hotelcrm demo`` (both backends)."""

from __future__ import annotations

import shutil
import unicodedata

import pytest
from pypinyin import lazy_pinyin
from sqlalchemy import func, select

from hotelcrm.config import sqlite_url
from hotelcrm.db.engine import Database
from hotelcrm.db.models import (
    AuditEntry,
    Company,
    Guest,
    GuestAddress,
    GuestContact,
    GuestDocument,
    Setting,
    SpecialDate,
)
from hotelcrm.domain import guest_rules
from hotelcrm.domain.contact_rules import normalize_email, normalize_phone, phone_key
from hotelcrm.domain.errors import HotelCrmError, PermissionDenied, ValidationError
from hotelcrm.domain.id_numbers import document_hash, parse_resident_id
from hotelcrm.domain.name_keys import display_pinyin
from hotelcrm.services.demo_service import DemoService
from hotelcrm.services.settings_service import ID_HASH_KEY_SETTING, SettingsService, id_hash_key

HETERONYMS = {"曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "覃": "qin",
              "查": "zha", "吕": "lv"}


def count(db: Database, model, *where) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def snapshot(db: Database) -> list[tuple]:
    """What a person would compare between two loads: names, birth dates, documents, contacts."""
    with db.read() as s:
        guests = s.execute(select(Guest.family_name, Guest.given_name, Guest.birth_date, Guest.nationality,
                                  Guest.vip_code, Guest.status).order_by(Guest.id)).all()
        docs = s.execute(select(GuestDocument.number).order_by(GuestDocument.id)).scalars().all()
        contacts = s.execute(select(GuestContact.value).order_by(GuestContact.id)).scalars().all()
    return [tuple(g) for g in guests] + [tuple(docs), tuple(contacts)]


@pytest.fixture
def loaded(db, admin):
    result = DemoService(db, admin).load(guests=300, seed=20261123)
    return db, result


def test_counts_match_what_was_inserted(loaded):
    db, r = loaded
    assert r.guests == count(db, Guest) == 300
    assert r.chinese_guests == count(db, Guest, Guest.nationality == "CHN")
    assert r.chinese_guests + r.foreign_guests == 300
    assert 0.6 <= r.chinese_guests / 300 <= 0.8  # about 70 % Chinese guests
    assert r.companies == count(db, Company) == 15  # one per 20 guests
    assert r.documents == count(db, GuestDocument) >= 300
    assert r.contacts == count(db, GuestContact) >= 300
    assert r.addresses == count(db, GuestAddress)
    assert r.special_dates == count(db, SpecialDate)
    assert r.vip_guests == count(db, Guest, Guest.vip_code.is_not(None)) >= 1
    assert r.blacklisted_guests == count(db, Guest, Guest.status == "blacklisted") >= 1
    assert r.seed == 20261123


def test_every_resident_id_is_valid_and_matches_the_card(loaded):
    db, _ = loaded
    with db.read() as s:
        rows = s.execute(select(GuestDocument.number, Guest.birth_date, Guest.gender)
                         .join(Guest, Guest.id == GuestDocument.guest_id)
                         .where(GuestDocument.doc_type == "resident_id")).all()
    assert len(rows) >= 150
    for number, born, gender in rows:
        rid = parse_resident_id(number)  # raises on a wrong check digit, date or region
        assert rid.birth_date == born
        assert rid.gender == gender


def test_documents_carry_the_keyed_hash_not_a_plain_digest(loaded):
    db, _ = loaded
    with db.read() as s:
        key = id_hash_key(s)
        docs = s.execute(select(GuestDocument.doc_type, GuestDocument.number, GuestDocument.number_hash)).all()
    assert all(h == document_hash(t, n, key) for t, n, h in docs)
    assert len({h for _, _, h in docs}) == len(docs)  # no two guests share a document


def test_names_include_two_and_three_character_chinese_names_and_heteronym_surnames(loaded):
    db, _ = loaded
    with db.read() as s:
        chinese = s.execute(select(Guest.family_name, Guest.given_name, Guest.pinyin, Guest.latin_name)
                            .where(Guest.nationality == "CHN")).all()
        foreign = s.execute(select(Guest.family_name, Guest.latin_name, Guest.nationality)
                            .where(Guest.nationality != "CHN")).all()
    lengths = {len(f + g) for f, g, _, _ in chinese}
    assert {2, 3} <= lengths
    surnames = {f for f, _, _, _ in chinese}
    assert surnames & HETERONYMS.keys()
    for family, given, pinyin, latin in chinese:
        assert pinyin and latin and pinyin.isascii()
        assert pinyin == display_pinyin(family, given)  # the same spelling as a card typed at the desk
        if family in HETERONYMS:  # read as a surname, not the dictionary's first reading
            assert pinyin.startswith(HETERONYMS[family].capitalize() + " ")
        assert pinyin.split(" ", 1)[1] == "".join(lazy_pinyin(given)).capitalize()
    assert foreign and all(unicodedata.name(c).startswith("LATIN") or c in " -'" for f, _, _ in foreign for c in f)
    assert all(len(n) == 3 and n.isupper() for _, _, n in foreign)
    assert all(latin for _, latin, _ in foreign)


def test_contacts_are_normalised_and_keyed(loaded):
    db, _ = loaded
    with db.read() as s:
        contacts = s.execute(select(GuestContact.kind, GuestContact.value, GuestContact.value_key)).all()
        chinese_phones = s.execute(select(GuestContact.value).join(Guest, Guest.id == GuestContact.guest_id)
                                   .where(Guest.nationality == "CHN", GuestContact.kind == "phone")).scalars().all()
    for kind, value, key in contacts:
        if kind == "phone":
            assert normalize_phone(value) == value and key == phone_key(value)
        else:
            assert normalize_email(value) == value and key == value.lower()
    assert chinese_phones and all(p.startswith("+861") and len(p) == 14 for p in chinese_phones)
    assert len({v for _, v, _ in contacts}) == len(contacts)  # no accidental duplicates


def test_foreign_guests_have_passports_of_their_country(loaded):
    db, _ = loaded
    with db.read() as s:
        rows = s.execute(select(Guest.nationality, GuestDocument.doc_type, GuestDocument.issuing_country)
                         .join(GuestDocument, GuestDocument.guest_id == Guest.id)
                         .where(Guest.nationality != "CHN")).all()
    assert rows and all(t == "passport" and c == n for n, t, c in rows)


def test_every_demo_card_passes_the_card_rules(loaded):
    """Demo data must be data the desk could have typed: every document and contact is accepted by
    the same rules as the card editor and the import."""
    db, _ = loaded
    with db.read() as s:
        docs = s.execute(select(GuestDocument.doc_type, GuestDocument.number, GuestDocument.issuing_country)).all()
        contacts = s.execute(select(GuestContact.kind, GuestContact.value)).all()
    for doc_type, number, country in docs:
        assert guest_rules.clean_document_number(doc_type, number, country) == number
    for kind, value in contacts:
        guest_rules.clean_contact(kind, value)


def test_birthdays_are_special_dates_and_blacklisted_cards_say_why(loaded):
    db, _ = loaded
    with db.read() as s:
        pairs = s.execute(select(Guest.birth_date, SpecialDate.month, SpecialDate.day)
                          .join(SpecialDate, SpecialDate.guest_id == Guest.id)
                          .where(SpecialDate.kind == "birthday")).all()
        reasons = s.scalars(select(Guest.blacklist_reason).where(Guest.status == "blacklisted")).all()
        founding = s.scalar(select(func.count()).select_from(SpecialDate)
                            .where(SpecialDate.kind == "company_founding", SpecialDate.company_id.is_not(None)))
        corporate = s.execute(select(Guest.position, Company.name).join(Company, Company.id == Guest.company_id)).all()
    assert len(pairs) == 300
    assert all((b.month, b.day) == (m, d) for b, m, d in pairs)
    assert reasons and all(r and r.strip() for r in reasons)
    assert founding == 15
    assert corporate and all(p for p, _ in corporate)


def test_one_audit_row_per_load_and_no_key_in_the_trail(loaded):
    db, r = loaded
    with db.read() as s:
        demo_rows = s.scalars(select(AuditEntry.new_value).where(AuditEntry.action == "demo_load")).all()
        total = s.scalar(select(func.count()).select_from(AuditEntry))
        key = s.get(Setting, ID_HASH_KEY_SETTING).value
        texts = s.execute(select(AuditEntry.old_value, AuditEntry.new_value, AuditEntry.note)).all()
    assert len(demo_rows) == 1
    assert '"guests": 300' in demo_rows[0]
    assert total <= 2  # the load, and the creation of the ID hash key (value hidden)
    assert not any(key.strip('"') in (t or "") for row in texts for t in row)


def test_hotel_name_is_left_for_the_first_run(loaded):
    db, _ = loaded
    assert count(db, Setting, Setting.key == "hotel.name") == 0


def test_same_seed_same_data_on_another_database(db, admin, sqlite_template, tmp_path):
    DemoService(db, admin).load(guests=60, seed=7)
    path = tmp_path / "other.db"
    shutil.copyfile(sqlite_template, path)
    other = Database.open(sqlite_url(path))
    try:
        DemoService(other, admin).load(guests=60, seed=7)
        assert snapshot(other) == snapshot(db)
    finally:
        other.dispose()


def test_another_seed_gives_other_data(db, admin, sqlite_template, tmp_path):
    DemoService(db, admin).load(guests=40, seed=1)
    path = tmp_path / "other.db"
    shutil.copyfile(sqlite_template, path)
    other = Database.open(sqlite_url(path))
    try:
        DemoService(other, admin).load(guests=40, seed=2)
        assert snapshot(other) != snapshot(db)
    finally:
        other.dispose()


def test_progress_is_reported_per_batch(db, admin, monkeypatch):
    monkeypatch.setattr("hotelcrm.services.demo_service.BATCH", 25)
    calls = []
    DemoService(db, admin).load(guests=60, seed=3, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(25, 60), (50, 60), (60, 60)]


def test_a_clerk_may_not_load_demo_data(db, make_actor):
    clerk = make_actor("clerk")
    with pytest.raises(PermissionDenied):
        DemoService(db, clerk).load(guests=10, seed=1)
    assert count(db, Guest) == 0


def test_refused_on_a_database_that_already_has_guests(db, admin):
    DemoService(db, admin).load(guests=5, seed=1)
    with pytest.raises(HotelCrmError) as err:
        DemoService(db, admin).load(guests=5, seed=2)
    assert err.value.code == "demo_not_empty"
    assert count(db, Guest) == 5


@pytest.mark.parametrize("guests", [0, -1, 10_000_000])
def test_guest_count_is_bounded(db, admin, guests):
    with pytest.raises(ValidationError) as err:
        DemoService(db, admin).load(guests=guests)
    assert err.value.field == "guests"


def test_id_hash_key_is_created_once_and_hidden(db, admin):
    with db.write() as s:
        first = id_hash_key(s)
    with db.write() as s:
        assert id_hash_key(s) == first
    assert len(first) >= 32
    settings = SettingsService(db, admin)
    assert first.decode() not in repr(settings.hotel())
    with pytest.raises(ValidationError):
        settings.set(ID_HASH_KEY_SETTING, "guessable")
