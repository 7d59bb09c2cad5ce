"""``hotelcrm logbook list|status`` and ``hotelcrm report logbook-daily`` on a demo database."""

from __future__ import annotations

from hotelcrm.config import load_config
from hotelcrm.services.actor import Actor
from hotelcrm.services.app_services import AppServices
from hotelcrm.services.logbook_dto import EntryDraft


def test_list_status_and_daily_report(cli, db_url, tmp_path):
    assert cli("db", "upgrade", "--db", db_url).code == 0
    app = AppServices.open(load_config(db_url))
    try:
        user = app.users(Actor.system()).create("lm.wu", "correct horse 42", "lobby_manager", "吴敏")
        lobby = Actor(user.id, user.username, user.role, user.display_name)
        shift = app.logbook_shifts(lobby).open_shift()
        app.logbook_entries(lobby).add(EntryDraft("vip_reception", "Fruit basket for 1808", room_no="1808"))
        app.logbook_entries(lobby).add(EntryDraft("other", "Umbrella handed in", followup_required=True))
    finally:
        app.close()
    listed = cli("logbook", "list", "--date", shift.shift_date.isoformat(), "--json", "--db", db_url)
    assert listed.code == 0
    assert [r["entry_type"] for r in listed.doc["rows"]] == ["other", "vip_reception"]
    opened = cli("logbook", "list", "--open", "--type", "other", "--db", db_url)
    assert opened.code == 0 and "Umbrella handed in" in opened.out and "[follow-up open]" in opened.out
    assert "1808" not in opened.out
    status = cli("logbook", "status", "--db", db_url)
    assert status.code == 0 and "Open shift:" in status.out and "Open follow-ups: 1 (0 overdue)" in status.out
    bad = cli("logbook", "list", "--type", "nonsense", "--db", db_url)
    assert bad.code == 2 and len(bad.err_lines) == 1
    pdf = tmp_path / "log.pdf"
    printed = cli("report", "logbook-daily", "--date", shift.shift_date.isoformat(), "--out", str(pdf),
                  "--db", db_url)
    assert printed.code == 0 and pdf.stat().st_size > 1000
