"""``hotelcrm demo``: a fresh machine gets a migrated database full of demo guests."""

from __future__ import annotations

import io

import pytest

from hotelcrm.cli_commands.cli_context import CommandContext


def test_demo_on_a_fresh_file_upgrades_and_loads(cli, db_url):
    r = cli("--db", db_url, "demo", "--guests", "40", "--seed", "5")
    assert r.code == 0
    assert len(r.err_lines) == 1 and r.err_lines[0].startswith("A new database was created (schema version ")
    line = r.out.strip()
    assert line.startswith("Demo data loaded in ") and "40 guests" in line and line.endswith("Seed: 5.")
    check = cli("--db", db_url, "db", "check")
    assert check.code == 0


def test_demo_json_has_the_counts(cli, db_url, tmp_path):
    doc = cli("--db", db_url, "demo", "--guests", "60", "--seed", "9", "--json").doc
    assert doc["ok"] is True and doc["guests"] == 60 and doc["seed"] == 9
    assert doc["chinese_guests"] + doc["foreign_guests"] == 60
    other = cli("--db", str(tmp_path / "second.db"), "demo", "--guests", "60", "--seed", "9", "--json").doc
    same = {k: v for k, v in doc.items() if k != "seconds"}
    assert {k: v for k, v in other.items() if k != "seconds"} == same


def test_demo_in_chinese(cli, db_url):
    r = cli("--db", db_url, "--lang", "zh_CN", "demo", "--guests", "20", "--seed", "1")
    assert r.code == 0 and r.out.startswith("演示数据已载入") and "宾客 20 位" in r.out


def test_demo_refuses_a_database_with_guests(cli, db_url):
    assert cli("--db", db_url, "demo", "--guests", "5").code == 0
    r = cli("--db", db_url, "demo", "--guests", "5", "--json")
    assert r.code == 1
    assert r.err_lines == ["Demo data can only be loaded into an empty database; this one already holds 5 guests."]
    assert r.doc["error"] == "demo_not_empty"


@pytest.mark.parametrize("value", ["abc", "0", "-3", "1.5"])
def test_bad_guest_count_is_exit_2(cli, db_url, value):
    r = cli("--db", db_url, "demo", "--guests", value)
    assert r.code == 2 and len(r.err_lines) == 1 and r.err_lines[0].startswith("Number of guests:")


def test_progress_rewrites_one_line_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    term = Terminal()
    monkeypatch.setattr("sys.stderr", term)
    ctx = CommandContext(args=None)
    ctx.progress("1 of 2")
    ctx.progress("2 of 2", done=True)
    assert term.getvalue() == "\r1 of 2\r2 of 2\n"


@pytest.mark.pg
def test_demo_on_postgresql(cli, empty_pg_url):
    r = cli("--db", empty_pg_url, "demo", "--guests", "50", "--seed", "3", "--json")
    assert r.code == 0 and r.doc["guests"] == 50
    assert cli("--db", empty_pg_url, "db", "check").code == 0
