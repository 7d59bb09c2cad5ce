"""Issue 9 item 4, service layer, both backends: guest card create/update, complaint receipt,
logbook entry, loyalty enrolment and the guest import, fed nasty input (huge strings, control
characters, emoji, mixed scripts, SQL-looking text, dates far out of range, random bytes and
encodings). Each call either saves what it was given (read back) or raises ``HotelCrmError`` —
never another exception — and a refused call leaves every table exactly as it was."""

from __future__ import annotations

import codecs
import csv
import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from hotelcrm.db.models import Base, Guest
from hotelcrm.domain import codes, guest_csv, stay_csv
from hotelcrm.domain.errors import HotelCrmError, ValidationError
from hotelcrm.services.complaint_dto import NewComplaint
from hotelcrm.services.complaint_service import ComplaintService
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import AddressDraft, ContactDraft, DocumentDraft, GuestDraft, PersonalDraft
from hotelcrm.services.guest_import_service import GuestImportService
from hotelcrm.services.logbook_dto import EntryDraft
from hotelcrm.services.logbook_entry_service import LogbookEntryService
from hotelcrm.services.logbook_shift_service import LogbookShiftService
from hotelcrm.services.loyalty_member_service import LoyaltyMemberService
from hotelcrm.services.stay_import_service import StayImportService
from tests.hardening.fuzz_inputs import FUZZ_DB, any_datetime, maybe_date, maybe_text, nasty_text
from tests.services.complaint_helpers import category_id


def row_counts(db) -> dict[str, int]:
    with db.read() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


def code_or(values):
    return st.one_of(st.sampled_from(values), nasty_text)


guest_drafts = st.builds(
    GuestDraft,
    family_name=st.one_of(st.just("李"), nasty_text), given_name=st.one_of(st.just(""), nasty_text),
    latin_name=maybe_text, gender=st.one_of(st.none(), code_or(codes.GENDER)), birth_date=maybe_date,
    nationality=st.one_of(st.none(), st.just("CHN"), nasty_text), language=maybe_text,
    marital_status=st.one_of(st.none(), code_or(codes.MARITAL_STATUS)),
    guest_type=code_or(codes.GUEST_TYPE), vip_code=maybe_text, position=maybe_text,
    documents=st.lists(st.builds(DocumentDraft, doc_type=code_or(codes.ID_TYPE), number=nasty_text,
                                 issuing_country=maybe_text, expiry_date=maybe_date), max_size=2).map(tuple),
    contacts=st.lists(st.builds(ContactDraft, kind=code_or(codes.CONTACT_KIND), value=nasty_text,
                                label=maybe_text), max_size=2).map(tuple),
)


def attempt(db, action):
    """Run ``action``; on a refusal check it is a project error and nothing changed. Returns the
    result, or None when refused."""
    before = row_counts(db)
    try:
        return action()
    except HotelCrmError as exc:
        if isinstance(exc, ValidationError):
            assert exc.field, exc
        assert row_counts(db) == before, f"a refused call changed rows: {exc!r}"
        return None


def _guest(db, admin) -> int:
    return GuestCardService(db, admin).create(GuestDraft(family_name="王", given_name="芳")).id


def test_guest_card_create_and_update(db, admin):
    cards = GuestCardService(db, admin)
    existing = _guest(db, admin)

    @FUZZ_DB
    @given(guest_drafts)
    def check(draft):
        card = attempt(db, lambda: cards.create(draft))
        if card is not None:
            again = cards.card(card.id)
            assert again.family_name == (draft.family_name or "").strip() or again.family_name
        current = cards.card(existing)
        updated = attempt(db, lambda: cards.update(existing, current.version, draft))
        if updated is not None:  # saved (an unchanged draft keeps the version)
            again = cards.card(existing)
            assert again.version == updated.version >= current.version
            assert (again.family_name, again.given_name) == (updated.family_name, updated.given_name)

    check()


def test_guest_card_parts(db, admin):
    """The parts of a card edited one by one: contacts, documents, addresses, the personal notes."""
    cards = GuestCardService(db, admin)
    guest = _guest(db, admin)

    @FUZZ_DB
    @given(code_or(codes.CONTACT_KIND), nasty_text, code_or(codes.ID_TYPE), nasty_text, maybe_date,
           st.builds(AddressDraft, line1=nasty_text, kind=code_or(codes.ADDRESS_KIND), line2=maybe_text,
                     city=maybe_text, region=maybe_text, postal_code=maybe_text, country=maybe_text),
           st.builds(PersonalDraft, character_notes=maybe_text, hobbies=maybe_text, habits=maybe_text,
                     religion=maybe_text, taboos=maybe_text, special_requests=maybe_text, notes=maybe_text))
    def check(kind, value, doc_type, number, expiry, address, personal):
        attempt(db, lambda: cards.add_contact(guest, ContactDraft(kind=kind, value=value)))
        attempt(db, lambda: cards.add_document(guest, DocumentDraft(doc_type=doc_type, number=number,
                                                                    expiry_date=expiry)))
        attempt(db, lambda: cards.add_address(guest, address))
        version = cards.card(guest).version
        saved = attempt(db, lambda: cards.update_personal(guest, version, personal))
        if saved is not None:
            assert cards.card(guest).hobbies == saved.hobbies

    check()


def test_complaint_receive(db, admin):
    complaints = ComplaintService(db, admin)
    noise = category_id(db, admin)

    @FUZZ_DB
    @given(code_or(codes.COMPLAINT_CHANNEL), code_or(codes.SEVERITY), nasty_text, maybe_text, maybe_text,
           st.one_of(st.none(), any_datetime), st.one_of(st.just(noise), st.integers(-5, 2**40)))
    def check(channel, severity, words, account, room_no, received_at, category):
        new = NewComplaint(channel=channel, category_id=category, severity=severity, guest_words=words,
                           guest_account=account, room_no=room_no, received_at=received_at)
        detail = attempt(db, lambda: complaints.receive(new))
        if detail is not None:
            assert complaints.find(detail.number).id == detail.id

    check()


def test_logbook_entry(db, admin):
    LogbookShiftService(db, admin).open_shift()
    entries = LogbookEntryService(db, admin)

    @FUZZ_DB
    @given(code_or(codes.LOG_ENTRY_TYPE), nasty_text, st.one_of(st.none(), any_datetime), maybe_text,
           st.booleans(), st.one_of(st.none(), any_datetime))
    def check(entry_type, text, occurred_at, room_no, followup, due):
        draft = EntryDraft(entry_type=entry_type, text=text, occurred_at=occurred_at, room_no=room_no,
                           followup_required=followup, followup_due_at=due)
        entry = attempt(db, lambda: entries.add(draft))
        if entry is not None:
            assert entries.get(entry.id).text == entry.text

    check()


def test_loyalty_enrol(db, admin):
    members = LoyaltyMemberService(db, admin)
    cards = GuestCardService(db, admin)

    @FUZZ_DB
    @given(maybe_text, st.one_of(st.none(), nasty_text), maybe_date)
    def check(member_no, tier_code, enrolled_on):
        guest = cards.create(GuestDraft(family_name="张", given_name="伟")).id
        detail = attempt(db, lambda: members.enrol(guest, member_no, tier_code, enrolled_on))
        if detail is not None:
            assert members.membership_id(guest) is not None

    check()


ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "latin-1", "utf-16", "cp1252")


def _csv_bytes(header, rows, encoding) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return codecs.encode(out.getvalue(), encoding, errors="replace")


files = st.one_of(
    st.binary(max_size=600),
    st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
    st.builds(_csv_bytes,
              st.lists(st.one_of(st.sampled_from(guest_csv.COLUMNS), nasty_text), min_size=1, max_size=6),
              st.lists(st.lists(st.one_of(nasty_text, st.dates().map(str)), max_size=7), max_size=4),
              st.sampled_from(ENCODINGS)),
    st.builds(_csv_bytes, st.just(["family_name", "given_name", "birth_date", "phone"]),
              st.lists(st.lists(st.one_of(nasty_text, maybe_date.map(str)), min_size=4, max_size=4), max_size=4),
              st.sampled_from(ENCODINGS)),
)


def test_guest_import_of_any_file(db, admin, tmp_path):
    importer = GuestImportService(db, admin)
    counter = {"n": 0}

    @FUZZ_DB
    @given(files)
    def check(data):
        counter["n"] += 1
        path = tmp_path / f"fuzz{counter['n']}.csv"
        path.write_bytes(data)
        with db.read() as s:
            guests_before = s.scalar(select(func.count()).select_from(Guest))
        try:
            result = importer.import_guests(path)
        except HotelCrmError:
            with db.read() as s:
                assert s.scalar(select(func.count()).select_from(Guest)) == guests_before
            return
        assert result.rows == result.imported + result.matched + result.rejected
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(Guest)) == guests_before + result.imported

    check()


stay_files = st.one_of(
    st.binary(max_size=400),
    st.builds(_csv_bytes,
              st.lists(st.one_of(st.sampled_from(stay_csv.COLUMNS), nasty_text), min_size=1, max_size=8),
              st.lists(st.lists(st.one_of(nasty_text, st.dates().map(str)), max_size=9), max_size=4),
              st.sampled_from(ENCODINGS)),
    st.builds(_csv_bytes, st.just(["family_name", "arrival", "departure", "rate", "adults", "room_no"]),
              st.lists(st.lists(st.one_of(nasty_text, st.dates().map(str), st.integers(-10, 10**12).map(str)),
                                min_size=6, max_size=6), max_size=4),
              st.sampled_from(ENCODINGS)),
)


RUN_LOG = ("import_runs", "import_problems", "audit_log")  # a refused run is logged on purpose


def test_stay_import_of_any_file(db, admin, tmp_path):
    importer = StayImportService(db, admin)
    counter = {"n": 0}

    @FUZZ_DB
    @given(stay_files)
    def check(data):
        counter["n"] += 1
        path = tmp_path / f"stays{counter['n']}.csv"
        path.write_bytes(data)
        before = row_counts(db)
        try:
            result = importer.import_stays(path)
        except HotelCrmError:
            after = row_counts(db)
            assert {k: v for k, v in after.items() if k not in RUN_LOG} == \
                {k: v for k, v in before.items() if k not in RUN_LOG}
            return
        assert result.rows == result.imported + result.matched + result.rejected

    check()


@pytest.mark.parametrize("text", ["Robert'); DROP TABLE guest;--", "李" * 100, "😀 Zhang-三 Müller"])
def test_sql_looking_and_mixed_script_names_are_stored_verbatim(db, admin, text):
    cards = GuestCardService(db, admin)
    card = cards.create(GuestDraft(family_name=text))
    assert cards.card(card.id).family_name == text
    assert row_counts(db)["guests"] >= 1


def test_birth_date_out_of_range_names_the_field(db, admin):
    before = row_counts(db)
    with pytest.raises(ValidationError) as err:
        GuestCardService(db, admin).create(GuestDraft(family_name="李", birth_date=date(9999, 12, 31)))
    assert err.value.field == "birth_date"
    assert row_counts(db) == before
