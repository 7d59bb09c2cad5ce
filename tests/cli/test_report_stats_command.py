"""``hotelcrm report`` with the manager reports: every name renders from the CLI in both
languages; a missing period is bad input (exit 2, one line naming the field)."""

from __future__ import annotations

import pytest

from hotelcrm.db import migrate
from hotelcrm.db.engine import Database
from tests.reports.pdf_tools import pdf_pages_text

ARGS = {
    "complaint-stats": ["--from", "2026-04-01", "--to", "2026-04-30"],
    "customer-value": ["--from", "2026-04-01", "--to", "2026-04-30", "--days", "90"],
    "arrivals-brief": ["--date", "2026-04-10"],
    "special-dates": ["--from", "2026-04-01", "--to", "2026-04-30"],
}


@pytest.fixture
def url(db_url):
    db = Database.open(db_url)
    migrate.upgrade(db)
    db.dispose()
    return db_url


@pytest.mark.parametrize("name", sorted(ARGS))
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_manager_report_renders_from_the_cli(cli, url, tmp_path, name, lang):
    out = tmp_path / f"{name}.pdf"
    done = cli("report", name, *ARGS[name], "--out", str(out), "--db", url, "--lang", lang, "--json")
    assert done.code == 0, done.err
    assert done.doc["report"] == name and done.doc["pages"] >= 1
    assert pdf_pages_text(out)[0].strip()


def test_a_missing_period_end_is_bad_input(cli, url, tmp_path):
    bad = cli("report", "complaint-stats", "--from", "2026-04-01", "--out", str(tmp_path / "x.pdf"), "--db", url,
              "--lang", "en")
    assert bad.code == 2
    assert len(bad.err_lines) == 1 and "Period end: required." in bad.err_lines[0]
    assert not (tmp_path / "x.pdf").exists()
