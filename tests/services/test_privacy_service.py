"""Privacy requests on both backends: the export holds everything, anonymization removes the
identity and keeps the statistics, the database file no longer holds the name or the document
number (SQLite byte search), the retention rule, managers only."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from hotelcrm.config import sqlite_url
from hotelcrm.db.engine import Database, sqlite_path
from hotelcrm.db.models import (
    AuditEntry,
    Complaint,
    ComplaintCategory,
    ComplaintStep,
    Guest,
    GuestSearch,
    LoyaltyTier,
    Membership,
    PointsEntry,
    Stay,
)
from hotelcrm.domain.errors import HotelCrmError, PermissionDenied, ValidationError
from hotelcrm.domain.id_numbers import resident_id_check_digit
from hotelcrm.domain.privacy_rules import REDACTED, retention_cutoff
from hotelcrm.services import search_index
from hotelcrm.services.audit_trail import AuditTrail
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import (
    AddressDraft,
    ContactDraft,
    DocumentDraft,
    FeedbackDraft,
    GuestDraft,
    PersonalDraft,
    PreferenceDraft,
    SpecialDateDraft,
)
from hotelcrm.services.guest_search_service import GuestSearchService
from hotelcrm.services.privacy_service import PrivacyService
from hotelcrm.services.settings_service import SettingsService
from hotelcrm.services.stay_dto import CheckoutDraft, StayDraft
from hotelcrm.services.stay_service import StayService

RID = "44030619900307123" + resident_id_check_digit("44030619900307123")
FAMILY, GIVEN, LATIN = "欧阳", "娜娜", "OUYANG NANA"
PHONE, EMAIL = "+8613912345678", "ouyang.nana@example.com"


def make_person(db, admin) -> int:
    cards = GuestCardService(db, admin)
    card = cards.create(GuestDraft(
        family_name=FAMILY, given_name=GIVEN, latin_name=LATIN, gender="F", birth_date=date(1990, 3, 7),
        nationality="CHN", position="采购经理",
        documents=(DocumentDraft("resident_id", RID),),
        contacts=(ContactDraft("phone", "139 1234 5678"), ContactDraft("email", EMAIL))))
    gid = card.id
    card = cards.update_personal(gid, card.version, PersonalDraft(hobbies="欧阳娜娜喜欢打网球", notes="VIP 欧阳娜娜"))
    cards.add_address(gid, AddressDraft("深圳市南山区科技园路 8 号", city="深圳"))
    cards.add_preference(gid, PreferenceDraft("dining", "allergies", "peanuts", note="欧阳娜娜对花生过敏"))
    cards.add_special_date(gid, SpecialDateDraft("birthday", 3, 7, 1990))
    cards.add_feedback(gid, FeedbackDraft("praise", "欧阳娜娜 thanks the concierge"))
    stay = StayService(db, admin).record_past_stay(
        gid, StayDraft(arrival_date=date(2024, 3, 1), departure_date=date(2024, 3, 4), room_no="0612",
                       rate_cents=128000, notes="欧阳娜娜 late check-out"),
        CheckoutDraft(spend_room_cents=384000, spend_fnb_cents=20000))
    with db.write() as s:
        category = ComplaintCategory(code="privacy_test", name_en="Test", name_zh="测试")
        s.add(category)
        s.flush()
        complaint = Complaint(number="TS-2024-000001", guest_id=gid, stay_id=stay.id, channel="in_person",
                              category_id=category.id, severity="medium", received_at=datetime(2024, 3, 2, tzinfo=UTC),
                              guest_words=f"{FAMILY}{GIVEN} says the room was noisy", recovery_cost_cents=5000)
        s.add(complaint)
        s.flush()
        s.add(ComplaintStep(complaint_id=complaint.id, step="listened", done_at=datetime(2024, 3, 2, tzinfo=UTC),
                            guest_account=f"{LATIN} could not sleep"))
        # What the complaint services write to the audit trail for these rows.
        audit = AuditTrail(s, admin)
        audit.created("complaint", complaint.id, {"number": complaint.number, "guest_id": gid,
                                                  "guest_words": complaint.guest_words})
        audit.created("complaint_step", f"{complaint.number}/listened", {"guest_account": f"{LATIN} could not sleep"})
        tier = LoyaltyTier(code="ptest", name_en="Test", name_zh="测试", rank=99)
        s.add(tier)
        s.flush()
        member = Membership(guest_id=gid, member_no="M0000042", tier_id=tier.id, enrolled_on=date(2024, 1, 1))
        s.add(member)
        s.flush()
        s.add(PointsEntry(membership_id=member.id, kind="earn", points=3840, stay_id=stay.id,
                          effective_on=date(2024, 3, 4)))
    return gid


@pytest.fixture
def person(db, admin) -> int:
    return make_person(db, admin)


def test_export_holds_everything_in_clear(db, admin, person, tmp_path):
    out = tmp_path / "subject.json"
    PrivacyService(db, admin).export_to(person, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    for key in ("card", "documents", "contacts", "addresses", "preferences", "special_dates", "consents", "stays",
                "observations", "feedback", "complaints", "loyalty", "log_entries", "merges", "audit",
                "merged_cards", "incidents"):
        assert key in data, key
    assert (data["card"]["family_name"], data["card"]["hobbies"]) == (FAMILY, "欧阳娜娜喜欢打网球")
    assert data["documents"][0]["number"] == RID and "number_hash" not in data["documents"][0]
    assert {c["value"] for c in data["contacts"]} == {PHONE, EMAIL}
    assert data["stays"][0]["rate_cents"] == 128000
    assert data["complaints"][0]["complaint_steps"][0]["guest_account"] == f"{LATIN} could not sleep"
    assert data["loyalty"][0]["balance"] == 3840
    assert any(a["field"] == "family_name" and a["new_value"] == FAMILY for a in data["audit"])
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "privacy_export", AuditEntry.entity_id == str(person))) == 1


def test_export_refuses_other_formats_and_unknown_guests(db, admin, person, tmp_path):
    with pytest.raises(ValidationError) as caught:
        PrivacyService(db, admin).export_to(person, tmp_path / "x.docx")
    assert caught.value.field == "out"
    with pytest.raises(HotelCrmError):
        PrivacyService(db, admin).export_data(999_999)


@pytest.mark.parametrize("role", ["clerk", "lobby_manager"])
def test_only_managers_may(db, make_actor, person, role):
    service = PrivacyService(db, make_actor(role))
    for call in (lambda: service.export_data(person), lambda: service.anonymize(person),
                 lambda: service.run_retention(dry_run=True)):
        with pytest.raises(PermissionDenied):
            call()


def test_anonymize_removes_identity_and_keeps_statistics(db, admin, make_actor, person):
    other = GuestCardService(db, admin).create(GuestDraft(family_name="李", given_name="四")).id
    result = PrivacyService(db, make_actor("manager")).anonymize(person)
    assert result.cards == 1 and result.rows_deleted >= 5 and result.audit_redacted > 0 and result.checkpointed
    data = PrivacyService(db, admin).export_data(person)
    card = data["card"]
    assert (card["family_name"], card["given_name"], card["latin_name"], card["birth_date"]) == ("", "", None, None)
    assert (card["status"], card["gender"], card["nationality"]) == ("anonymized", "F", "CHN")
    assert card["hobbies"] is None and card["notes"] is None and card["anonymized_at"]
    for key in ("documents", "contacts", "addresses", "preferences", "special_dates"):
        assert data[key] == [], key
    assert data["feedback"][0]["kind"] == "praise" and data["feedback"][0]["text"] == REDACTED
    stay = data["stays"][0]
    assert (stay["rate_cents"], stay["spend_room_cents"], stay["room_no"], stay["notes"]) == (128000, 384000, "0612",
                                                                                              REDACTED)
    complaint = data["complaints"][0]
    assert (complaint["number"], complaint["severity"], complaint["recovery_cost_cents"]) == ("TS-2024-000001",
                                                                                              "medium", 5000)
    assert complaint["guest_words"] == REDACTED
    assert complaint["complaint_steps"][0]["guest_account"] == REDACTED
    assert data["loyalty"][0]["balance"] == 3840
    dump = json.dumps(data, ensure_ascii=False)
    for secret in (FAMILY + GIVEN, LATIN, RID, PHONE, EMAIL, "深圳市南山区"):
        assert secret not in dump, secret
    searcher = GuestSearchService(db, admin)
    assert searcher.search("欧阳娜娜") == [] and searcher.search(RID) == [] and searcher.search("5678") == []
    with db.read() as s:  # the index agrees with the cards: one row per searchable card, none for this one
        searchable = s.scalars(select(Guest.id).where(Guest.status.in_(search_index.SEARCHABLE_STATUS),
                                                      Guest.anonymized_at.is_(None))).all()
        assert sorted(searchable) == sorted(s.scalars(select(GuestSearch.guest_id)).all()) == [other]
    with db.read() as s:
        assert s.get(GuestSearch, person) is None
        assert s.scalar(select(func.count()).select_from(Stay).where(Stay.guest_id == person)) == 1
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "anonymize")) == 1
    with pytest.raises(HotelCrmError) as caught:
        GuestCardService(db, admin).add_feedback(person, FeedbackDraft("praise", "again"))
    assert caught.value.code == "guest_anonymized"


def _bytes_of(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_after_anonymize_and_checkpoint_the_file_holds_no_name_or_number(sqlite_db, tmp_path):
    from hotelcrm.services.actor import Actor

    admin = Actor.system()
    gid = make_person(sqlite_db, admin)
    path = sqlite_path(sqlite_db.url)
    PrivacyService(sqlite_db, admin).checkpoint()
    before = _bytes_of(path)
    assert (FAMILY + GIVEN).encode() in before and RID.encode() in before  # the test can fail
    PrivacyService(sqlite_db, admin).anonymize(gid)
    sqlite_db.dispose()
    data = _bytes_of(path)
    for secret in (FAMILY + GIVEN, FAMILY, LATIN, RID, PHONE, EMAIL, "欧阳娜娜喜欢打网球"):
        assert secret.encode() not in data, secret
    check = Database.open(sqlite_url(path))
    with check.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    check.dispose()


def test_merged_cards_are_anonymized_with_the_person(db, admin, person):
    from hotelcrm.services.guest_merge_service import GuestMergeService

    other = GuestCardService(db, admin).create(GuestDraft(family_name=FAMILY, given_name=GIVEN,
                                                          contacts=(ContactDraft("phone", "139 1234 5678"),)))
    GuestMergeService(db, admin).merge(person, other.id)
    result = PrivacyService(db, admin).anonymize(person)
    assert result.cards == 2
    with db.read() as s:
        merged = s.get(Guest, other.id)
        assert (merged.family_name, merged.status) == ("", "merged") and merged.anonymized_at is not None


def _age(db, gid: int, years: int) -> None:
    old = datetime.now(UTC) - timedelta(days=365 * years + 30)
    with db.write() as s:
        s.execute(Guest.__table__.update().where(Guest.__table__.c.id == gid).values(created_at=old))
        s.execute(Stay.__table__.update().where(Stay.__table__.c.guest_id == gid).values(
            arrival_date=old.date() - timedelta(days=3), departure_date=old.date()))


def test_retention_dry_run_lists_and_the_real_run_anonymizes(db, admin, person):
    recent = GuestCardService(db, admin).create(GuestDraft(family_name="李", given_name="四")).id
    service = PrivacyService(db, admin)
    assert service.run_retention(dry_run=True).guest_ids == ()  # rule off by default
    SettingsService(db, admin).set("privacy.retention_years", 3)
    assert service.run_retention(dry_run=True).guest_ids == ()  # person stayed in 2024, created now
    _age(db, person, 4)
    dry = service.run_retention(dry_run=True)
    assert dry.guest_ids == (person,) and dry.years == 3 and dry.dry_run
    with db.read() as s:
        assert s.get(Guest, person).family_name == FAMILY  # the dry run changed nothing
    done = service.run_retention()
    assert done.guest_ids == (person,) and not done.dry_run
    with db.read() as s:
        assert s.get(Guest, person).status == "anonymized"
        assert s.get(Guest, recent).status == "active"
    assert service.run_retention(dry_run=True).guest_ids == ()


def test_retention_setting_is_checked(db, admin):
    with pytest.raises(ValidationError) as caught:
        SettingsService(db, admin).set("privacy.retention_years", 51)
    assert caught.value.field == "retention_years"


def test_retention_cutoff_handles_leap_days():
    assert retention_cutoff(date(2028, 2, 29), 3) == date(2025, 2, 28)
    assert retention_cutoff(date(2026, 11, 23), 5) == date(2021, 11, 23)


def test_audit_trail_refuses_anything_but_redaction(db, admin, person):
    with pytest.raises(Exception):  # noqa: B017 - the trigger's error differs per backend
        with db.write() as s:
            s.execute(text("UPDATE audit_log SET action = 'x' WHERE entity = 'guest'"))
    with pytest.raises(Exception):  # noqa: B017
        with db.write() as s:
            s.execute(text("UPDATE audit_log SET new_value = 'forged' WHERE entity = 'guest'"))
    with pytest.raises(Exception):  # noqa: B017
        with db.write() as s:
            s.execute(text("DELETE FROM audit_log"))


def test_anonymize_redacts_the_person_in_import_error_reports(db, admin, person, tmp_path):
    from hotelcrm.db.models import ImportProblem
    from hotelcrm.domain.guest_csv import CellProblem
    from hotelcrm.services.guest_import_service import GuestImportService
    from hotelcrm.services.import_job import problem_text

    path = tmp_path / "guests.csv"  # two refused rows: each keeps its refused value in the report
    path.write_text("family_name,given_name,phone,preferences\n"
                    f"{FAMILY},{GIVEN},13912345678,dining.diet={FAMILY}{GIVEN}\n"
                    f"李,四,13800001111,dining.diet={EMAIL.upper()}\n"
                    "王,五,13800002222,dining.diet=王五专用\n", encoding="utf-8")
    assert GuestImportService(db, admin).import_guests(path).rejected == 3

    def stored() -> list[dict]:
        with db.read() as s:
            return [json.loads(p) for p in s.scalars(select(ImportProblem.params).order_by(ImportProblem.row_no))]

    assert [p["value"] for p in stored()] == [f"dining.diet={FAMILY}{GIVEN}", f"dining.diet={EMAIL.upper()}",
                                             "dining.diet=王五专用"]  # the test can fail
    PrivacyService(db, admin).anonymize(person)
    assert [p["value"] for p in stored()] == [REDACTED, REDACTED, "dining.diet=王五专用"]  # someone else's stays
    shown = problem_text(CellProblem(2, "preferences", "preferences", "preference_format",
                                     tuple(stored()[0].items())))  # the stored report still reads
    assert REDACTED in shown and FAMILY not in shown
