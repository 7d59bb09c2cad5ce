"""``hotelcrm complaints list|show|check-overdue`` on a demo database: text and JSON, bad input exits 2."""

from __future__ import annotations


def test_list_show_and_check_overdue(cli, db_url):
    assert cli("demo", "--guests", "60", "--seed", "5", "--db", db_url).code == 0
    listed = cli("complaints", "list", "--json", "--db", db_url)
    assert listed.code == 0
    doc = listed.doc
    assert doc["ok"] and doc["total"] == len(doc["rows"]) >= 10
    first = doc["rows"][0]
    assert first["number"].startswith("TS-") and {"state", "severity", "category", "guest", "overdue"} <= set(first)
    overdue = cli("complaints", "list", "--overdue", "--json", "--db", db_url).doc
    assert overdue["rows"] and all(r["overdue"] for r in overdue["rows"])
    text = cli("complaints", "list", "--state", "withdrawn", "--lang", "en", "--db", db_url)
    assert text.code == 0 and "Withdrawn" in text.out and "complaint(s)" in text.out
    shown = cli("complaints", "show", first["number"].lower(), "--lang", "zh_CN", "--db", db_url)
    assert shown.code == 0 and first["number"] in shown.out and "聆听" in shown.out
    detail = cli("complaints", "show", first["number"], "--json", "--db", db_url).doc["complaint"]
    assert detail["number"] == first["number"] and detail["steps"][0]["step"] == "listened"
    checked = cli("complaints", "check-overdue", "--json", "--db", db_url).doc
    assert checked["escalated"] == 0 and checked["overdue"] == len(overdue["rows"])  # the demo escalated them


def test_bad_input_exits_2_with_one_line(cli, db_url):
    assert cli("db", "upgrade", "--db", db_url).code == 0
    bad_number = cli("complaints", "show", "TS-1", "--db", db_url)
    assert bad_number.code == 2 and len(bad_number.err_lines) == 1
    missing = cli("complaints", "show", "TS-2026-999999", "--db", db_url)
    assert missing.code == 1 and "not found" in missing.err  # the CLI maps NotFound to 1
    bad_state = cli("complaints", "list", "--state", "lost", "--db", db_url)
    assert bad_state.code == 2 and len(bad_state.err_lines) == 1
