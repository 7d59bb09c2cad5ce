"""``hotelcrm import guests``: the JSON counts, the errors file, exit 0 with rejected rows, exit 2
for a file that cannot be used (nothing imported)."""

from __future__ import annotations

import csv

from hotelcrm.domain.id_numbers import resident_id_check_digit

RID = "11010519850312001" + resident_id_check_digit("11010519850312001")
HEADER = "family_name,given_name,gender,id_type,id_number,phone,email,tier\n"
GOOD = f"王,伟,M,resident_id,{RID},13812345678,wang.wei@example.com,gold\nSmith,John,M,,,+44 20 7946 0958,,\n"
BAD = "李,娜,Q,,,12345,,\n"


def test_json_counts_errors_file_and_reimport(cli, db_url, tmp_path):
    path = tmp_path / "guests.csv"
    path.write_text(HEADER + GOOD + BAD, encoding="utf-8")
    errors = tmp_path / "errors.csv"
    out = cli("import", "guests", str(path), "--errors", str(errors), "--json", "--db", db_url)
    assert out.code == 0
    doc = out.doc
    assert {k: doc[k] for k in ("rows", "imported", "matched", "rejected")} == {
        "rows": 3, "imported": 2, "matched": 0, "rejected": 1}
    assert doc["warnings"] == 1
    lines = list(csv.reader(errors.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0] == ["Row", "Column", "Level", "Reason"]
    assert [line[:3] for line in lines[1:]] == [["2", "tier", "warning"], ["4", "gender", "rejected"],
                                                ["4", "phone", "rejected"]]
    again = cli("import", "guests", str(path), "--json", "--db", db_url).doc
    assert (again["imported"], again["matched"], again["rejected"]) == (0, 2, 1)
    found = cli("search", "王伟", "--json", "--db", db_url)
    assert [h["name"] for h in found.doc] == ["王伟"]


def test_text_output_names_the_rejected_rows_in_the_chosen_language(cli, db_url, tmp_path):
    path = tmp_path / "guests.csv"
    path.write_text("\ufeff" + HEADER + GOOD + BAD, encoding="utf-8")
    out = cli("import", "guests", str(path), "--db", db_url, "--lang", "zh_CN")
    assert out.code == 0
    assert "新建宾客 2 位" in out.out and "拒绝 1 行" in out.out
    assert "第 4 行，gender：性别" in out.out
    assert "--errors" in out.out  # how to get the full list


def test_a_file_that_cannot_be_used_exits_2_and_imports_nothing(cli, db_url, tmp_path):
    path = tmp_path / "guests.csv"
    path.write_text("family_name,room_no\n王,1208\n", encoding="utf-8")
    out = cli("import", "guests", str(path), "--json", "--db", db_url)
    assert out.code == 2 and out.doc["ok"] is False and out.doc["error"] == "invalid.unknown_columns"
    assert "room_no" in out.err_lines[-1]  # (the line before says the database was created)
    missing = cli("import", "guests", str(tmp_path / "nope.csv"), "--db", db_url)
    assert missing.code == 2 and len(missing.err_lines) == 1
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("latin_name\nMüller Jürgen\n".encode("latin-1"))  # neither UTF-8 nor GBK text
    refused = cli("import", "guests", str(latin1), "--json", "--db", db_url)
    assert refused.code == 2 and refused.doc["error"] == "invalid.file_encoding"
    assert cli("search", "Müller", "--json", "--db", db_url).doc == []


def test_import_needs_a_kind_and_a_file(cli, db_url):
    assert cli("import", "--db", db_url).code == 2
    assert cli("import", "guests", "--db", db_url).code == 2


def test_export_writes_what_import_reads_back_with_formulas_neutralised(cli, db_url, tmp_path):
    assert cli("demo", "--guests", "40", "--seed", "11", "--db", db_url).code == 0
    from sqlalchemy import update

    from hotelcrm.db.engine import Database
    from hotelcrm.db.models import Guest

    db = Database.open(db_url)
    with db.write() as s:
        s.execute(update(Guest).where(Guest.id == 1).values(notes='=HYPERLINK("http://evil.example")'))
    db.dispose()
    out = tmp_path / "guests.csv"
    done = cli("export", "guests", "--out", str(out), "--json", "--db", db_url)
    assert done.code == 0 and done.doc["guests"] == 40
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 40
    assert not [cell for r in rows for cell in r.values() if cell[:1] in "=+-@" and cell]
    assert rows[0]["notes"].startswith("'=HYPERLINK")
    assert rows[0]["phone"].startswith("'+")
    fresh = "sqlite:///" + str(tmp_path / "fresh.db")
    first = cli("import", "guests", str(out), "--json", "--db", fresh).doc
    assert (first["imported"], first["rejected"]) == (40, 0)
    same = cli("import", "guests", str(out), "--json", "--db", db_url).doc
    assert (same["imported"], same["matched"], same["rejected"]) == (0, 40, 0)
    assert cli("export", "guests", "--db", db_url).code == 2  # --out is required
