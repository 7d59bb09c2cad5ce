"""``hotelcrm report``: the guest card as a PDF file from the command line; exit codes and JSON."""

from __future__ import annotations

import pytest

from hotelcrm.db.engine import Database
from tests.reports.guest_card_sample import make_sample_guest
from tests.reports.pdf_tools import pdf_page_count, pdf_pages_text


@pytest.fixture
def guest(cli, db_url):
    assert cli("db", "upgrade", "--db", db_url).code == 0
    db = Database.open(db_url)
    try:
        yield make_sample_guest(db, stays=2)
    finally:
        db.dispose()


def test_writes_the_card_and_says_where(cli, db_url, guest, tmp_path):
    out = tmp_path / "card.pdf"
    done = cli("report", "guest-card", "--guest", str(guest.id), "--out", str(out), "--db", db_url, "--lang", "en")
    assert done.code == 0, done.err
    assert str(out) in done.out and "Guest History Card" in done.out
    text = "\n".join(pdf_pages_text(out))
    assert "Guest History Card" in text and guest.id_masked in text and guest.id_number not in text


def test_json_and_chinese(cli, db_url, guest, tmp_path):
    out = tmp_path / "卡.pdf"
    done = cli("report", "guest-card", "--guest", str(guest.id), "--out", str(out), "--json", "--db", db_url,
               "--lang", "zh_CN")
    assert done.code == 0, done.err
    doc = done.doc
    assert doc["report"] == "guest-card" and doc["out"] == str(out) and doc["pages"] == pdf_page_count(out)
    assert "客史档案卡" in pdf_pages_text(out)[0]


def test_reveal_ids_prints_the_clear_number(cli, db_url, guest, tmp_path):
    out = tmp_path / "card.pdf"
    done = cli("report", "guest-card", "--guest", str(guest.id), "--reveal-ids", "--out", str(out), "--db", db_url)
    assert done.code == 0, done.err
    assert guest.id_number in "\n".join(pdf_pages_text(out))


@pytest.mark.parametrize("argv, field_text", [
    (("report", "no-such-report", "--out", "{out}"), "no-such-report"),
    (("report", "guest-card", "--out", "{out}"), "Guest"),
    (("report", "guest-card", "--guest", "abc", "--out", "{out}"), "Guest"),
    (("report", "guest-card", "--guest", "1"), "--out"),
    (("report", "guest-card", "--guest", "1", "--out", "{missing}/x.pdf"), "Output file"),
    (("report", "guest-card", "--guest", "1", "--date", "2026-13-01", "--out", "{out}"), "Date"),
])
def test_bad_input_exits_2_with_one_line(cli, db_url, tmp_path, argv, field_text):
    out, missing = tmp_path / "x.pdf", tmp_path / "nowhere"
    args = [a.format(out=out, missing=missing) for a in argv]
    bad = cli(*args, "--db", db_url, "--lang", "en")
    assert bad.code == 2
    assert len(bad.err_lines) == 1 and field_text in bad.err_lines[0]
    assert not out.exists()


def test_bad_input_in_chinese_and_as_json(cli, db_url, tmp_path):
    bad = cli("report", "guest-card", "--out", str(tmp_path / "x.pdf"), "--json", "--db", db_url, "--lang", "zh_CN")
    assert bad.code == 2
    assert bad.doc["ok"] is False and bad.doc["field"] == "report_guest"
    assert "必填" in bad.err_lines[0]


def test_unknown_guest_is_a_failure_not_a_crash(cli, db_url, guest, tmp_path):
    out = tmp_path / "x.pdf"
    missing = cli("report", "guest-card", "--guest", str(guest.id + 999), "--out", str(out), "--db", db_url,
                  "--lang", "en")
    assert missing.code == 1 and len(missing.err_lines) == 1 and "not found" in missing.err_lines[0]
    assert not out.exists()
