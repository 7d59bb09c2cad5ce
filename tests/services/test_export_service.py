"""Export of guests, stays and complaints to CSV and XLSX on both backends: formula cells
neutralised, ID numbers masked for users who may not reveal them, XLSX readable by openpyxl."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from hotelcrm.db.models import Complaint, ComplaintCategory, Guest, GuestDocument, Stay
from hotelcrm.domain import permissions
from hotelcrm.domain.errors import PermissionDenied, ValidationError
from hotelcrm.domain.export_cells import neutralise
from hotelcrm.domain.guest_csv import COLUMNS
from hotelcrm.domain.id_numbers import mask_document_number, resident_id_check_digit
from hotelcrm.domain.permissions import Permission, Role
from hotelcrm.services.export_service import ExportService
from hotelcrm.services.stay_export_rows import HEADER as STAY_HEADER

RID = "11010519850301001" + resident_id_check_digit("11010519850301001")
EVIL = "=HYPERLINK(\"http://x\",\"click\")"


@pytest.fixture
def data(db):
    with db.write() as s:
        wang = Guest(family_name="王", given_name="伟", latin_name="WANG WEI", status="active", notes=EVIL,
                     taboos="@SUM(A1)", position="-2+3")
        tab = Guest(family_name="李", given_name="娜", status="active", notes="\tcmd")
        gone = Guest(family_name="", given_name="", status="anonymized")
        s.add_all([wang, tab, gone])
        s.flush()
        s.add(GuestDocument(guest_id=wang.id, doc_type="resident_id", number=RID, number_hash="x" * 64,
                            is_primary=True))
        s.add(Stay(guest_id=wang.id, status="checked_out", arrival_date=date(2025, 5, 1),
                   departure_date=date(2025, 5, 3), room_no="0812", rate_cents=88850, spend_room_cents=177700,
                   channel="+OTA"))
        category = ComplaintCategory(code="export_test", name_en="Noise (test)", name_zh="噪音（测试）")
        s.add(category)
        s.flush()
        s.add(Complaint(number="TS-2025-000007", guest_id=wang.id, channel="phone", category_id=category.id,
                        severity="high", received_at=datetime(2025, 5, 2, 9, 30, tzinfo=UTC), guest_words="x",
                        state="closed", closed_at=datetime(2025, 5, 3, 10, 0, tzinfo=UTC)))
        return {"wang": wang.id, "tab": tab.id}


def read_csv(path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_neutralise_rule():
    for text in ("=1+1", "+86 138", "-5", "@x", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("王伟") == "王伟" and neutralise(None) == "" and neutralise(date(2025, 1, 2)) == "2025-01-02"


def test_guest_csv_neutralises_formulas_and_reveals_ids_to_managers(db, admin, data, tmp_path):
    out = tmp_path / "guests.csv"
    result = ExportService(db, admin).export("guests", out)
    rows = read_csv(out)
    assert rows[0] == list(COLUMNS) and result.rows == 2 == len(rows) - 1 and not result.ids_masked
    wang = dict(zip(rows[0], rows[1], strict=False))
    assert wang["family_name"] == "王" and wang["id_number"] == RID
    assert wang["notes"] == "'" + EVIL and wang["taboos"] == "'@SUM(A1)" and wang["position"] == "'-2+3"
    assert dict(zip(rows[0], rows[2], strict=False))["notes"] == "'\tcmd"
    assert not any(r[0] == "" and r[1] == "" for r in rows[1:])  # the anonymized card is left out


def test_ids_are_masked_for_a_user_without_id_reveal(db, data, tmp_path, monkeypatch, make_actor):
    lobby = make_actor("lobby_manager")
    with pytest.raises(PermissionDenied):
        ExportService(db, lobby).export("guests", tmp_path / "no.csv")
    allowed = dict(permissions.ROLE_PERMISSIONS)
    allowed[Role.LOBBY_MANAGER] = allowed[Role.LOBBY_MANAGER] | {Permission.IMPORT_EXPORT}
    monkeypatch.setattr(permissions, "ROLE_PERMISSIONS", allowed)
    result = ExportService(db, lobby).export("stays", tmp_path / "stays.csv")
    rows = read_csv(tmp_path / "stays.csv")
    stay = dict(zip(rows[0], rows[1], strict=False))
    assert result.ids_masked and stay["id_number"] == mask_document_number(RID) != RID
    ExportService(db, lobby).export("guests", tmp_path / "g.csv")
    assert RID not in (tmp_path / "g.csv").read_text(encoding="utf-8-sig")
    assert not (tmp_path / "no.csv").exists()


def test_stays_xlsx_has_the_import_columns_and_amounts(db, admin, data, tmp_path):
    out = tmp_path / "stays.xlsx"
    ExportService(db, admin).export("stays", out)
    sheet = load_workbook(out, read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(rows[0]) == STAY_HEADER
    stay = dict(zip(rows[0], rows[1], strict=False))
    assert (stay["family_name"], stay["arrival"], stay["departure"], stay["room_no"]) == ("王", "2025-05-01",
                                                                                        "2025-05-03", "0812")
    assert (stay["rate"], stay["spend_room"], stay["channel"], stay["id_number"]) == ("888.50", "1777.00", "'+OTA", RID)


def test_complaints_xlsx_lists_number_state_category_guest_dates(db, admin, data, tmp_path):
    out = tmp_path / "complaints.xlsx"
    ExportService(db, admin).export("complaints", out, language="zh_CN")
    book = load_workbook(out)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=False))
    assert (row["number"], row["state"], row["category"], row["category_name"]) == (
        "TS-2025-000007", "closed", "export_test", "噪音（测试）")
    assert (row["guest"], row["severity"], row["received_at"]) == ("王伟", "high", "2025-05-02 09:30+00:00")
    assert row["closed_at"].startswith("2025-05-03")
    assert all(c.data_type == "s" for c in sheet[2] if c.value is not None)  # text, never a formula


def test_unknown_format_or_kind_is_refused_and_nothing_written(db, admin, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationError) as caught:
        ExportService(db, admin).export("guests", out / "g.ods")
    assert caught.value.field == "out"
    with pytest.raises(ValidationError) as caught:
        ExportService(db, admin).export("users", out / "g.csv")
    assert caught.value.field == "export_kind"
    assert list(out.iterdir()) == []
