"""Stay import and the import's file side on both backends: own stays CSV, the shipped
booking-demand mapping on the real PMS export (first 500 rows), GBK and XLSX files, hand-made bad
files with row-level reasons and no partial rows, resume after a failure, saved mappings."""

from __future__ import annotations

import csv
import itertools
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from hotelcrm import i18n
from hotelcrm.db.models import AuditEntry, Guest, GuestContact, ImportMapping, ImportProblem, ImportRun, Stay
from hotelcrm.domain.errors import NotFound, PermissionDenied, ValidationError
from hotelcrm.domain.id_numbers import resident_id_check_digit
from hotelcrm.services import import_job
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_import_service import GuestImportService
from hotelcrm.services.guest_search_service import GuestSearchService
from hotelcrm.services.import_mapping_service import ImportMappingService
from hotelcrm.services.stay_import_service import StayImportService

BOOKINGS = Path("/work/shared/data/hotel_booking_10k.csv")
TODAY = date(2026, 11, 23)
RID = "11010519850312001" + resident_id_check_digit("11010519850312001")


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(rows)
    return path


def count(db, model, *where) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def first_bookings(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "bookings.csv"
    with BOOKINGS.open(encoding="utf-8") as f:
        path.write_text("".join(itertools.islice(f, rows + 1)), encoding="utf-8")
    return path


@pytest.fixture
def stays(db, admin):
    return StayImportService(db, admin)


@pytest.fixture
def booking_demand(db, admin):
    return ImportMappingService(db, admin).get("booking-demand")


def test_own_stays_csv_finds_creates_and_never_duplicates(db, admin, stays, tmp_path):
    GuestImportService(db, admin).import_guests(write_csv(tmp_path / "g.csv", ["family_name", "given_name", "phone"],
                                                          [["王", "伟", "13812345678"]]))
    header = ["family_name", "latin_name", "phone", "email", "arrival", "departure", "room_no", "rate", "spend_fnb",
              "status", "channel"]
    rows = [["", "", "138 1234 5678", "", "2026-10-01", "2026-10-03", "0812", "688", "120.50", "checked_out", "OTA"],
            ["", "Ann Lee", "", "ann@example.com", "2026-11-01", "2026-11-02", "", "500", "", "", ""],
            ["", "", "", "nobody@example.com", "2026-11-01", "2026-11-02", "", "", "", "", ""],
            ["", "", "13812345678", "", "2026-11-05", "2026-11-01", "", "", "", "", ""]]
    path = write_csv(tmp_path / "s.csv", header, rows)
    first = stays.import_stays(path, today=TODAY)
    assert (first.rows, first.imported, first.matched, first.rejected) == (4, 2, 0, 2)
    assert dict(first.details) == {"guests_created": 1, "guests_matched": 1}
    assert sorted((p.row, p.column, p.reason) for p in first.errors) == [
        (4, "email", "guest_not_found"), (5, "departure", "departure_not_after_arrival")]
    wang = GuestSearchService(db, admin).search("王伟")[0].id
    card = GuestCardService(db, admin)
    with db.read() as s:
        stay = s.scalars(select(Stay).where(Stay.guest_id == wang)).one()
        assert (stay.room_no, stay.rate_cents, stay.spend_fnb_cents, stay.status, stay.source, stay.channel) == (
            "0812", 68800, 12050, "checked_out", "import", "OTA")
    assert card.card(wang).family_name == "王"
    again = stays.import_stays(path, today=TODAY)
    assert (again.rows, again.imported, again.matched, again.rejected) == (4, 0, 2, 2)
    assert count(db, Stay) == 2 and count(db, Guest) == 2


def test_booking_demand_accounts_for_every_row_and_a_second_run_adds_nothing(db, stays, booking_demand, tmp_path):
    path = first_bookings(tmp_path, 500)
    errors = tmp_path / "errors.csv"
    first = stays.import_stays(path, mapping=booking_demand, errors_out=errors)
    assert first.rows == 500 and first.imported + first.matched + first.rejected == 500
    assert first.imported >= 490 and first.encoding == "utf-8"
    details = dict(first.details)
    assert details["guests_created"] + details["guests_matched"] == first.imported + first.matched
    stays_before, guests_before = count(db, Stay), count(db, Guest)
    assert stays_before == first.imported
    with db.read() as s:
        statuses = dict(s.execute(select(Stay.status, func.count()).group_by(Stay.status)).all())
        assert set(statuses) <= {"cancelled", "checked_out", "no_show"} and statuses["checked_out"] > 100
        first_stay = s.scalars(select(Stay).where(Stay.external_ref == "booking-demand:3")).one()
        assert (first_stay.arrival_date.isoformat(), first_stay.departure_date.isoformat()) == ("2015-07-01",
                                                                                                 "2015-07-02")
        assert (first_stay.rate_cents, first_stay.currency, first_stay.segment, first_stay.channel) == (
            7500, "EUR", "Direct", "Direct")
        # Card numbers are never read: no stored text anywhere holds the masked card column.
        texts = [*s.scalars(select(Stay.external_ref)), *s.scalars(select(GuestContact.value)),
                 *s.scalars(select(AuditEntry.new_value)), *s.scalars(select(ImportProblem.params))]
        assert not [t for t in texts if t and "****" in t]
    lines = list(csv.reader(errors.read_text(encoding="utf-8-sig").splitlines()))
    assert len(lines) == 1 + len(first.errors) + len(first.warnings)
    again = stays.import_stays(path, mapping=booking_demand)
    assert (again.rows, again.imported, again.matched, again.rejected) == (500, 0, first.imported, first.rejected)
    assert count(db, Stay) == stays_before and count(db, Guest) == guests_before


def test_a_failed_stay_import_resumes_without_duplicates(db, stays, booking_demand, tmp_path, monkeypatch):
    from hotelcrm.services import stay_import_writer

    monkeypatch.setattr(import_job, "BATCH", 40)
    real = stay_import_writer.StayBatchWriter._insert
    calls = {"n": 0}

    def crash_in_third_batch(self, new):
        calls["n"] += 1
        real(self, new)
        if calls["n"] == 3:
            raise OSError("power cut")

    monkeypatch.setattr(stay_import_writer.StayBatchWriter, "_insert", crash_in_third_batch)
    path = first_bookings(tmp_path, 150)
    with pytest.raises(OSError):
        stays.import_stays(path, mapping=booking_demand)
    with db.read() as s:
        run = s.scalars(select(ImportRun)).one()
        assert (run.status, run.rows_done) == ("failed", 80)
        assert s.scalar(select(func.count()).select_from(Stay)) == run.imported  # whole batches only
    monkeypatch.setattr(stay_import_writer.StayBatchWriter, "_insert", real)
    done = stays.import_stays(path, mapping=booking_demand)
    assert done.resumed_from == 80 and done.rows == 150
    assert done.imported + done.matched + done.rejected == 150 and done.matched == 0
    assert count(db, Stay) == done.imported
    assert count(db, Stay, Stay.external_ref.is_(None)) == 0


def test_gbk_and_gb18030_csv(db, admin, tmp_path):
    importer = GuestImportService(db, admin)
    gbk = write_csv(tmp_path / "gbk.csv", ["family_name", "given_name", "phone"], [["欧阳", "修", "13900000001"]],
                    encoding="gbk")
    result = importer.import_guests(gbk)
    assert (result.imported, result.encoding) == (1, "gb18030")
    rare = write_csv(tmp_path / "gb18030.csv", ["family_name", "given_name", "phone"],
                     [["王", "喆", "13900000002"], ["李", "娜", "13900000003"], ["张", "伟", "13900000004"],
                      ["赵", "敏", "13900000005"], ["刘", "洋", "13900000006"]], encoding="gb18030")
    assert importer.import_guests(rare).imported == 5
    assert [h.display_name for h in GuestSearchService(db, admin).search("欧阳修")] == ["欧阳修"]
    assert [h.display_name for h in GuestSearchService(db, admin).search("王喆")] == ["王喆"]


def test_xlsx_with_numbers_dates_and_a_formula_cell(db, admin, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["family_name", "given_name", "birth_date", "phone", "id_type", "id_number"])
    sheet.append(["王", "伟", date(1985, 3, 12), 13812345678, "resident_id", RID])
    sheet.append(["李", "娜", "1990-01-01", "=CONCAT(\"139\",\"00000000\")", "", ""])
    path = tmp_path / "guests.xlsx"
    book.save(path)
    result = GuestImportService(db, admin).import_guests(path)
    assert (result.rows, result.imported, result.rejected, result.encoding) == (2, 1, 1, "xlsx")
    assert [(p.row, p.column, p.reason) for p in result.errors] == [(3, "phone", "formula_cell")]
    card = GuestCardService(db, admin).card(GuestSearchService(db, admin).search("王伟")[0].id)
    assert card.birth_date == date(1985, 3, 12) and card.contacts[0].value == "+8613812345678"
    assert count(db, Guest) == 1


def test_a_workbook_that_is_not_one(db, admin, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ValidationError) as caught:
        GuestImportService(db, admin).import_guests(path)
    assert caught.value.reason == "xlsx_unreadable"


def test_hand_made_bad_rows_get_reasons_and_leave_nothing_half_written(db, admin, tmp_path):
    header = ["family_name", "given_name", "birth_date", "id_type", "id_number", "phone", "email", "notes"]
    good = ["王", "伟", "1985-03-12", "resident_id", RID, "13812345678", "wang@example.com", ""]
    rows = [good,
            ["李", "娜", "1990-02-30", "", "", "13900000001", "", ""],  # no such date
            ["张", "三", "", "resident_id", "110105198503120019", "13900000002", "", ""],  # bad check digit
            ["赵", "四", "", "", "", "13900000003", "", "x" * 10_000],  # 10,000 characters
            ["钱", "五", "", "", "", "13900000004", "=HYPERLINK(\"http://evil\")", ""],  # formula
            ["孙", "六", "", "passport", "!!", "13900000005", "", ""],  # bad passport
            ["周", "七", "1985/03/12", "", "", "13900000006", "", ""]]  # date format
    result = GuestImportService(db, admin).import_guests(write_csv(tmp_path / "bad.csv", header, rows))
    assert (result.rows, result.imported, result.matched, result.rejected) == (7, 1, 0, 6)
    assert sorted((p.row, p.column, p.reason) for p in result.errors) == [
        (3, "birth_date", "no_such_date"), (4, "id_number", "id_checksum"), (5, "notes", "cell_too_long"),
        (6, "email", "formula_cell"), (7, "id_number", "passport_format"), (8, "birth_date", "date_format")]
    assert count(db, Guest) == 1 and count(db, GuestContact) == 2  # nothing of a rejected row


def test_bad_stay_files_are_refused_before_anything_is_stored(db, stays, booking_demand, tmp_path):
    cases = [(b"", "file_empty"), (b"phone,arrival,departure\r\n", "no_data_rows"),
             (b"phone,arrival,,departure\n1,2,3,4\n", "header_empty_column"),
             (b"phone,arrival,Arrival,departure\n", "duplicate_column"),
             ("phone,arrival,departure\n13812345678,2026-01-01,2026-01-02\n".encode("utf-16"), "file_encoding")]
    for i, (content, reason) in enumerate(cases):
        path = tmp_path / f"bad{i}.csv"
        path.write_bytes(content)
        with pytest.raises(ValidationError) as caught:
            stays.import_stays(path)
        assert caught.value.reason == reason, content
    own = write_csv(tmp_path / "own.csv", ["phone", "arrival", "departure"], [["13812345678", "2026-01-01", "2026-01-02"]])
    with pytest.raises(ValidationError) as caught:
        stays.import_stays(own, mapping=booking_demand)
    assert caught.value.reason == "mapping_columns_missing"
    with pytest.raises(ValidationError) as caught:
        GuestImportService(stays.db, stays.actor).import_guests(own, mapping=booking_demand)
    assert caught.value.reason == "mapping_wrong_kind"
    assert count(db, Stay) == 0 and count(db, ImportRun) == 0


def test_saved_mappings(db, admin, make_actor, tmp_path):
    service = ImportMappingService(db, admin)
    assert [(m.name, m.shipped) for m in service.list("stays")] == [("booking-demand", True)]
    definition = {"name": "Front desk list", "kind": "guests", "fields": {
        "family_name": {"column": "姓"}, "given_name": {"column": "名"}, "phone": {"column": "手机"},
        "birth_date": {"column": "生日", "date_format": "%Y年%m月%d日"}}}
    saved = service.save(definition)
    assert (saved.name, saved.kind, saved.shipped) == ("Front desk list", "guests", False)
    definition["fields"]["gender"] = {"column": "性别", "values": {"男": "M", "女": "F"}}
    assert service.save(definition).version == 2
    assert [m.name for m in service.list("guests")] == ["Front desk list"]
    mapping = service.get("Front desk list")
    path = write_csv(tmp_path / "list.csv", ["姓", "名", "手机", "生日", "性别"], [["王", "伟", "13812345678", "1985年03月12日", "男"]])
    result = GuestImportService(db, admin).import_guests(path, mapping=mapping)
    assert (result.imported, result.rejected) == (1, 0)
    card = GuestCardService(db, admin).card(GuestSearchService(db, admin).search("王伟")[0].id)
    assert (card.gender, card.birth_date) == ("M", date(1985, 3, 12))
    with pytest.raises(ValidationError) as caught:
        service.save({**definition, "name": "booking-demand"})
    assert caught.value.reason == "mapping_name_shipped"
    with pytest.raises(PermissionDenied):
        ImportMappingService(db, make_actor("clerk")).list()
    service.delete("Front desk list")
    assert count(db, ImportMapping) == 0
    with pytest.raises(NotFound):
        service.get("Front desk list")


def test_the_shipped_mapping_is_described_in_the_users_language(db, admin):
    service = ImportMappingService(db, admin)
    i18n.set_language("zh_CN")
    try:
        (info,) = service.list("stays")
        assert "预订" in info.description and "预订" in service.get("booking-demand").description
    finally:
        i18n.set_language("en")
    (info,) = service.list("stays")
    assert info.description.startswith("PMS booking history export")
