"""``hotelcrm export guests|stays|complaints --out FILE.csv|.xlsx``."""

from __future__ import annotations

from openpyxl import load_workbook


def test_export_guests_xlsx_and_stays_csv(cli, db_url, tmp_path):
    assert cli("demo", "--guests", "30", "--seed", "3", "--db", db_url).code == 0
    out = tmp_path / "guests.xlsx"
    result = cli("export", "guests", "--out", str(out), "--db", db_url, "--json")
    assert result.code == 0, result.err
    assert result.doc["rows"] == 30 and result.doc["format"] == "xlsx" and not result.doc["ids_masked"]
    sheet = load_workbook(out, read_only=True).active
    assert sum(1 for _ in sheet.iter_rows()) == 31
    stays = tmp_path / "stays.csv"
    result = cli("export", "stays", "--out", str(stays), "--db", db_url, "--lang", "en")
    assert result.code == 0 and "stays written to" in result.out and stays.exists()


def test_export_refuses_an_unknown_suffix(cli, db_url, tmp_path):
    result = cli("export", "complaints", "--out", str(tmp_path / "c.txt"), "--db", db_url, "--lang", "en")
    assert result.code == 2 and "must end in .csv or .xlsx" in result.err
    assert not (tmp_path / "c.txt").exists()


def test_export_into_a_missing_folder_is_bad_input(cli, db_url, tmp_path):
    result = cli("export", "guests", "--out", str(tmp_path / "nowhere" / "g.csv"), "--db", db_url, "--lang", "en")
    assert result.code == 2 and "cannot write" in result.err
    result = cli("privacy", "export", "1", "--out", str(tmp_path / "nowhere" / "p.json"), "--db", db_url,
                 "--lang", "en")
    assert result.code == 2 and "cannot write" in result.err
