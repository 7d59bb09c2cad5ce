"""Guest import on both backends: every row ends imported, matched or rejected (with row, column
and reason), nothing of a rejected row is stored, matching never overwrites and never goes by
name alone, and the search finds what was imported."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hotelcrm import i18n
from hotelcrm.db.models import AuditEntry, Guest, GuestContact, GuestDocument, ImportRun, SpecialDate
from hotelcrm.domain.errors import PermissionDenied, ValidationError
from hotelcrm.domain.id_numbers import resident_id_check_digit
from hotelcrm.services import import_job
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import ContactDraft, DocumentDraft, GuestDraft
from hotelcrm.services.guest_import_service import GuestImportService
from hotelcrm.services.guest_search_service import GuestSearchService


def rid(first17: str) -> str:
    return first17 + resident_id_check_digit(first17)


RID_WANG = rid("11010519850312001")
RID_LI = rid("31010419900101002")
HEADER = ["family_name", "given_name", "latin_name", "gender", "birth_date", "nationality", "id_type", "id_number",
          "phone", "email", "company", "preferences", "birthday", "anniversary", "member_no"]
WANG = ["王", "伟", "Wang Wei", "M", "1985-03-12", "CHN", "resident_id", RID_WANG, "13812345678",
        "wang.wei@example.com", "北京华夏科技有限公司", "room.pillow_height=low; dining.diet=vegetarian", "03-12",
        "2012-05-20", "M0001"]
SMITH = ["Smith", "John", "John Smith", "M", "1970-01-01", "USA", "passport", "A1234567", "+1 202 555 0147",
         "john.smith@example.com", "", "", "", "", ""]


def write_csv(path: Path, header: list[str], rows: list[list[str]], bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return path


def count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def importer(db, admin):
    return GuestImportService(db, admin)


def test_good_rows_become_whole_cards_found_by_search(db, admin, importer, tmp_path):
    result = importer.import_guests(write_csv(tmp_path / "g.csv", HEADER, [WANG, SMITH]))
    assert (result.rows, result.imported, result.matched, result.rejected) == (2, 2, 0, 0)
    assert result.errors == ()
    assert [(w.row, w.column, w.reason) for w in result.warnings] == [(2, "member_no", "ignored_until_loyalty")]
    hits = GuestSearchService(db, admin).search("王伟")
    assert [h.display_name for h in hits] == ["王伟"]
    card = GuestCardService(db, admin).card(hits[0].id)
    assert (card.latin_name, card.gender, card.birth_date.isoformat(), card.nationality) == (
        "Wang Wei", "M", "1985-03-12", "CHN")
    assert card.pinyin == "Wang Wei" and card.company_name == "北京华夏科技有限公司"
    assert card.version == 1  # bulk-written rows (COPY on PostgreSQL) get the same defaults as the ORM's
    with db.read() as s:
        created = s.scalar(select(Guest.created_at).where(Guest.id == card.id))
        stamped = s.scalar(select(GuestContact.created_at).where(GuestContact.guest_id == card.id).limit(1))
    assert abs((datetime.now(UTC) - created).total_seconds()) < 120
    assert abs((datetime.now(UTC) - stamped).total_seconds()) < 120
    assert [(d.doc_type, d.is_primary) for d in card.documents] == [("resident_id", True)]
    assert GuestCardService(db, admin).reveal_document(card.documents[0].id) == RID_WANG
    assert sorted((c.kind, c.value, c.is_primary) for c in card.contacts) == [
        ("email", "wang.wei@example.com", True), ("phone", "+8613812345678", True)]
    assert sorted((p.pref_group, p.pref_key, p.value) for p in card.preferences) == [
        ("dining", "diet", "vegetarian"), ("room", "pillow_height", "low")]
    assert sorted((d.kind, d.month, d.day) for d in card.special_dates) == [("anniversary", 5, 20), ("birthday", 3, 12)]
    assert GuestSearchService(db, admin).search("0147")[0].display_name == "Smith John"
    assert GuestSearchService(db, admin).search(RID_WANG)[0].id == card.id


def test_bad_rows_are_rejected_with_row_column_reason_and_nothing_of_them_is_stored(db, importer, tmp_path):
    bad_rid = RID_LI[:-1] + ("1" if RID_LI[-1] != "1" else "2")
    rows = [
        ["李", "娜", "", "F", "1990-01-01", "CHN", "resident_id", bad_rid, "13900000001", "", "", "", "", "", ""],
        ["李", "娜", "", "F", "1990-01-01", "CHN", "", "", "12345", "li.na@example.com", "", "", "", "", ""],
        ["李", "娜", "", "F", "01/01/1990", "CHN", "", "", "13900000003", "", "", "", "", "", ""],
        ["李", "娜", "", "W", "1990-01-01", "CHN", "", "", "13900000004", "", "", "", "", "", ""],
        ["李" * 101, "娜", "", "F", "", "", "", "", "13900000005", "", "", "", "", "", ""],
        ["李", "娜", "", "F", "", "", "", "", "13900000006", "", "", "room.pillow_height=cloud", "", "", ""],
        WANG,
    ]
    result = importer.import_guests(write_csv(tmp_path / "bad.csv", HEADER, rows))
    assert (result.rows, result.imported, result.matched, result.rejected) == (7, 1, 0, 6)
    assert [(p.row, p.column, p.reason) for p in result.errors] == [
        (2, "id_number", "id_checksum"), (3, "phone", "invalid_phone"), (4, "birth_date", "date_format"),
        (5, "gender", "unknown_code"), (6, "family_name", "too_long"), (7, "preferences", "preference_not_listed")]
    assert count(db, Guest) == 1 and count(db, GuestContact) == 2 and count(db, GuestDocument) == 1
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(GuestContact)
                        .where(GuestContact.value_key.like("%1390000000%"))) == 0


@pytest.mark.parametrize("key_column, value", [("phone", "138-1234-5678"), ("email", "WANG.WEI@example.com"),
                                                ("id_number", RID_WANG)])
def test_a_row_with_the_same_phone_email_or_id_is_matched_and_fills_only_empty_fields(
        db, admin, importer, tmp_path, key_column, value):
    cards = GuestCardService(db, admin)
    existing = cards.create(GuestDraft(
        family_name="王", given_name="伟", gender="M", vip_code="GOLD",
        documents=(DocumentDraft("resident_id", RID_WANG),),
        contacts=(ContactDraft("phone", "13812345678"), ContactDraft("email", "wang.wei@example.com"))))
    header = ["family_name", "given_name", "gender", "vip_code", "nationality", "position", "birthday", key_column]
    if key_column == "id_number":
        header.insert(-1, "id_type")
    row = ["汪", "薇", "F", "SILVER", "CHN", "总经理", "03-12", *(["resident_id"] if key_column == "id_number" else []),
           value]
    result = importer.import_guests(write_csv(tmp_path / "m.csv", header, [row]))
    assert (result.imported, result.matched, result.rejected) == (0, 1, 0)
    assert count(db, Guest) == 1
    card = cards.card(existing.id)
    # what was there stays; what was empty is filled
    assert (card.family_name, card.given_name, card.gender, card.vip_code) == ("王", "伟", "M", "GOLD")
    assert (card.nationality, card.position) == ("CHN", "总经理")
    assert [(d.kind, d.month, d.day) for d in card.special_dates] == [("birthday", 3, 12)]
    assert card.version > existing.version


def test_a_new_phone_of_a_matched_guest_is_added_not_replacing(db, admin, importer, tmp_path):
    cards = GuestCardService(db, admin)
    existing = cards.create(GuestDraft(family_name="王", given_name="伟",
                                       contacts=(ContactDraft("email", "wang.wei@example.com"),)))
    result = importer.import_guests(write_csv(tmp_path / "m.csv", ["family_name", "email", "phone"],
                                              [["王", "wang.wei@example.com", "13812345678"]]))
    assert result.matched == 1
    assert sorted(c.kind for c in cards.card(existing.id).contacts) == ["email", "phone"]
    assert [h.id for h in GuestSearchService(db, admin).search("5678")] == [existing.id]


def test_the_same_name_alone_is_a_new_guest(db, admin, importer, tmp_path):
    cards = GuestCardService(db, admin)
    cards.create(GuestDraft(family_name="王", given_name="伟", birth_date=None,
                            contacts=(ContactDraft("phone", "13812345678"),)))
    result = importer.import_guests(write_csv(tmp_path / "n.csv", ["family_name", "given_name", "phone"],
                                              [["王", "伟", "13987654321"], ["王", "伟", ""]]))
    assert (result.imported, result.matched) == (2, 0)
    assert count(db, Guest) == 3


def test_rows_of_one_file_sharing_a_phone_are_one_guest(db, importer, tmp_path):
    rows = [["王", "伟", "13812345678", ""], ["王", "伟", "13812345678", "wang.wei@example.com"],
            ["", "", "", "wang.wei@example.com"]]
    result = importer.import_guests(write_csv(tmp_path / "d.csv", ["family_name", "given_name", "phone", "email"],
                                              rows))
    # the last row has no name: a row must describe a guest by name
    assert (result.imported, result.matched, result.rejected) == (1, 1, 1)
    assert count(db, Guest) == 1 and count(db, GuestContact) == 2


def test_a_row_matching_two_different_cards_is_rejected(db, admin, importer, tmp_path):
    cards = GuestCardService(db, admin)
    a = cards.create(GuestDraft(family_name="王", given_name="伟", contacts=(ContactDraft("phone", "13812345678"),)))
    b = cards.create(GuestDraft(family_name="王", given_name="伟",
                                contacts=(ContactDraft("email", "wang.wei@example.com"),)))
    result = importer.import_guests(write_csv(tmp_path / "x.csv", ["family_name", "phone", "email"],
                                              [["王", "13812345678", "wang.wei@example.com"]]))
    assert (result.matched, result.rejected) == (0, 1)
    problem = result.errors[0]
    assert problem.reason == "matches_several_guests" and dict(problem.params)["guests"] == f"{a.id}, {b.id}"


@pytest.mark.parametrize("bom", [False, True])
def test_utf8_with_or_without_bom_and_a_reimport_matches_every_row(db, importer, tmp_path, bom):
    path = write_csv(tmp_path / "b.csv", HEADER, [WANG, SMITH], bom=bom)
    first = importer.import_guests(path)
    assert (first.imported, first.rejected) == (2, 0)
    with db.read() as s:
        assert s.scalar(select(Guest.family_name).where(Guest.latin_name == "Wang Wei")) == "王"
    again = importer.import_guests(path)
    assert (again.rows, again.imported, again.matched, again.rejected) == (2, 0, 2, 0)
    assert count(db, Guest) == 2 and count(db, GuestContact) == 4 and count(db, SpecialDate) == 2
    assert count(db, ImportRun) == 1  # the run of a file is reused


def test_a_header_with_an_unknown_column_stops_before_anything_is_stored(db, importer, tmp_path):
    path = write_csv(tmp_path / "h.csv", ["family_name", "room_no", "phone"], [["王", "1208", "13812345678"]])
    with pytest.raises(ValidationError) as caught:
        importer.import_guests(path)
    assert caught.value.reason == "unknown_columns" and caught.value.params["columns"] == "room_no"
    assert count(db, Guest) == 0 and count(db, ImportRun) == 0


@pytest.mark.parametrize("content, reason", [(b"", "file_empty"),
                                             ("latin_name\nMüller Jürgen\n".encode("latin-1"), "file_encoding"),
                                             (b"family_name,phone\n", "no_data_rows"),
                                             (b"family_name,,phone\n\xe7\x8e\x8b,,1\n", "header_empty_column"),
                                             (b"Email,family_name,email\na@b.cn,x,c@d.cn\n", "duplicate_column")])
def test_unreadable_files_are_refused(db, importer, tmp_path, content, reason):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError) as caught:
        importer.import_guests(path)
    assert caught.value.reason == reason
    with pytest.raises(ValidationError) as caught:
        importer.import_guests(tmp_path / "missing.csv")
    assert caught.value.reason == "file_not_found"


def test_the_errors_csv_lists_each_refused_cell_translated(db, importer, tmp_path):
    rows = [WANG, ["李", "娜", "", "Q", "", "", "", "", "12345", "", "", "", "", "", ""]]
    out = tmp_path / "errors.csv"
    i18n.set_language("zh_CN")
    importer.import_guests(write_csv(tmp_path / "e.csv", HEADER, rows), errors_out=out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheet programs need the BOM to read UTF-8
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines[0] == ["行号", "列", "类型", "原因"]
    assert lines[1][:3] == ["2", "member_no", "提示"]
    assert lines[2][:3] == ["3", "gender", "拒绝"] and "性别" in lines[2][3] and "Q" in lines[2][3]
    assert lines[3][:3] == ["3", "phone", "拒绝"] and "电话" in lines[3][3]
    assert len(lines) == 4
    i18n.set_language("en")
    importer.import_guests(write_csv(tmp_path / "e.csv", HEADER, rows), errors_out=out)
    lines = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0] == ["Row", "Column", "Level", "Reason"]
    assert lines[2] == ["3", "gender", "rejected", 'Gender: unknown value "Q".']


def test_audit_has_one_summary_per_run_and_one_light_row_per_new_card(db, importer, tmp_path):
    result = importer.import_guests(write_csv(tmp_path / "a.csv", HEADER, [WANG, SMITH]))
    with db.read() as s:
        summary = s.scalars(select(AuditEntry).where(AuditEntry.entity == "import_run")).all()
        created = s.scalars(select(AuditEntry).where(AuditEntry.entity == "guest",
                                                     AuditEntry.action == "create")).all()
        assert len(summary) == 1 and summary[0].entity_id == str(result.run_id)
        assert '"imported": 2' in summary[0].new_value
        assert len(created) == 2 and all(f"import run {result.run_id}" in e.note for e in created)


def test_cancel_and_progress_leave_whole_rows(db, importer, tmp_path, monkeypatch):
    monkeypatch.setattr(import_job, "BATCH", 2)
    rows = [[f"客{i}", "", f"1381234{i:04d}"] for i in range(5)]
    path = write_csv(tmp_path / "c.csv", ["family_name", "given_name", "phone"], rows)
    seen: list[tuple[int, int]] = []
    result = importer.import_guests(path, progress=lambda done, total: seen.append((done, total)),
                                    cancel=lambda: len(seen) >= 1)
    assert result.cancelled and (result.rows, result.imported) == (2, 2)
    assert count(db, Guest) == 2 and count(db, GuestContact) == 2
    with db.read() as s:
        assert s.scalar(select(ImportRun.status)) == "cancelled"
    done = importer.import_guests(path, progress=lambda d, t: seen.append((d, t)))  # resumes after row 2
    assert (done.rows, done.imported, done.matched, done.resumed_from) == (5, 5, 0, 2) and seen[-1] == (5, 5)
    assert count(db, Guest) == 5


def test_import_needs_the_import_permission(db, make_actor, tmp_path):
    path = write_csv(tmp_path / "p.csv", HEADER, [WANG])
    with pytest.raises(PermissionDenied):
        GuestImportService(db, make_actor("lobby_manager")).import_guests(path)
    assert GuestImportService(db, make_actor("manager")).import_guests(path).imported == 1


def test_a_failure_mid_import_leaves_whole_rows_and_a_failed_run(db, importer, tmp_path, monkeypatch):
    from hotelcrm.services import guest_import_writer

    monkeypatch.setattr(import_job, "BATCH", 2)
    calls = {"n": 0}
    real_insert = guest_import_writer.BatchWriter._insert

    def crash_in_second_batch(self, cards):
        calls["n"] += 1
        ids = real_insert(self, cards)  # the cards of this batch are written ...
        if calls["n"] == 2:
            raise RuntimeError("disk unplugged")  # ... and then the batch fails
        return ids

    monkeypatch.setattr(guest_import_writer.BatchWriter, "_insert", crash_in_second_batch)
    rows = [[f"客{i}", f"1381234{i:04d}", f"guest{i}@example.com"] for i in range(5)]
    path = write_csv(tmp_path / "f.csv", ["family_name", "phone", "email"], rows)
    with pytest.raises(RuntimeError):
        importer.import_guests(path)
    assert count(db, Guest) == 2 and count(db, GuestContact) == 4  # batch 1 whole, batch 2 not at all
    with db.read() as s:
        run = s.scalars(select(ImportRun)).one()
        assert (run.status, run.rows_done, run.imported) == ("failed", 2, 2)
    monkeypatch.setattr(guest_import_writer.BatchWriter, "_insert", real_insert)
    resumed = importer.import_guests(path)  # the same file again: goes on after the committed batch
    assert (resumed.rows, resumed.imported, resumed.matched, resumed.resumed_from) == (5, 5, 0, 2)
    assert count(db, Guest) == 5 and count(db, GuestContact) == 10
