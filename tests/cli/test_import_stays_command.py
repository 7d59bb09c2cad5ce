"""``hotelcrm import stays``: the shipped booking-demand mapping on the whole PMS export, and an
import killed mid-way (SIGKILL after a committed batch) that the same command resumes."""

from __future__ import annotations

import itertools
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

BOOKINGS = Path("/work/shared/data/hotel_booking_10k.csv")


def test_the_whole_booking_export_is_accounted_for(cli, db_url, tmp_path):
    errors = tmp_path / "errors.csv"
    out = cli("import", "stays", str(BOOKINGS), "--mapping", "booking-demand", "--errors", str(errors), "--json",
              "--db", db_url)
    assert out.code == 0, out.err
    doc = out.doc
    assert doc["rows"] == 10_000 and doc["imported"] + doc["matched"] + doc["rejected"] == 10_000
    assert doc["imported"] > 9_900 and doc["mapping"] == "booking-demand" and doc["kind"] == "stays"
    assert doc["guests_created"] + doc["guests_matched"] == doc["imported"] + doc["matched"]
    assert doc["guests_matched"] > 0  # bookers seen twice (same e-mail) are one guest
    rejected_rows = {line.split(",")[0] for line in errors.read_text(encoding="utf-8-sig").splitlines()[1:]
                     if ",rejected," in line}
    assert len(rejected_rows) == doc["rejected"]


def test_a_killed_import_resumes_where_it_stopped(cli, db_url, tmp_path):
    path = tmp_path / "bookings.csv"
    with BOOKINGS.open(encoding="utf-8") as f:
        path.write_text("".join(itertools.islice(f, 3001)), encoding="utf-8")
    assert cli("db", "upgrade", "--db", db_url).code == 0
    code = ("import sys\nfrom hotelcrm.services import import_job\nimport_job.BATCH = 100\n"
            "from hotelcrm.cli import main\nsys.exit(main(sys.argv[1:]))")
    proc = subprocess.Popen([sys.executable, "-c", code, "import", "stays", str(path), "--mapping", "booking-demand",
                             "--db", db_url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    database = db_url.removeprefix("sqlite:///")
    done = 0
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            with sqlite3.connect(database, timeout=30) as raw:
                found = raw.execute("SELECT rows_done FROM import_runs").fetchone()
            if found and found[0] >= 100:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.02)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the import ended before it could be killed"
    with sqlite3.connect(database) as raw:
        status, done, imported = raw.execute("SELECT status, rows_done, imported FROM import_runs").fetchone()
        stays = raw.execute("SELECT count(*) FROM stays").fetchone()[0]
    assert status == "running" and 100 <= done < 3000 and done % 100 == 0
    assert stays == imported  # whole batches only
    out = cli("import", "stays", str(path), "--mapping", "booking-demand", "--json", "--db", db_url)
    assert out.code == 0
    doc = out.doc
    assert doc["resumed_from"] >= done and doc["rows"] == 3000
    assert doc["imported"] + doc["matched"] + doc["rejected"] == 3000 and doc["matched"] == 0
    with sqlite3.connect(database) as raw:
        assert raw.execute("SELECT count(*) FROM stays").fetchone()[0] == doc["imported"]
        assert raw.execute("SELECT count(DISTINCT external_ref) FROM stays").fetchone()[0] == doc["imported"]
    assert cli("db", "check", "--db", db_url).code == 0
    again = cli("import", "stays", str(path), "--mapping", "booking-demand", "--json", "--db", db_url).doc
    assert (again["imported"], again["matched"], again["resumed_from"]) == (0, doc["imported"], 0)


def test_an_unknown_or_unreadable_mapping_exits_2(cli, db_url, tmp_path):
    out = cli("import", "stays", str(BOOKINGS), "--mapping", "no-such-mapping", "--json", "--db", db_url)
    assert out.code == 2 and out.doc["error"] == "invalid.mapping_not_found"
    bad = tmp_path / "mine.json"
    bad.write_text("{bad", encoding="utf-8")
    out = cli("import", "stays", str(BOOKINGS), "--mapping", str(bad), "--json", "--db", db_url)
    assert out.code == 2 and out.doc["error"] == "invalid.mapping_file_unreadable"
    good = tmp_path / "card.json"
    good.write_text('{"name": "x", "kind": "stays", "fields": {"external_ref": {"column": "credit_card"}}}',
                    encoding="utf-8")
    out = cli("import", "stays", str(BOOKINGS), "--mapping", str(good), "--json", "--db", db_url)
    assert out.code == 2 and out.doc["error"] == "invalid.mapping_card_column"
