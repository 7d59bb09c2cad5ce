"""``hotelcrm bench card``: opens and saves the heavy card and reports medians and p95s."""

from __future__ import annotations

from sqlalchemy import func, select

from hotelcrm.db.engine import Database
from hotelcrm.db.models import Complaint, Guest, Membership, PointsEntry, Stay


def test_bench_card_reports_open_and_save_on_a_heavy_card(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    out = cli("bench", "card", "--guests", "200", "--runs", "20", "--opens", "3", "--json", "--db", url)
    assert out.code == 0, out.err
    doc = out.doc
    assert (doc["guests"], doc["backend"], doc["runs"]) == (200, "sqlite", 20)
    for key in ("open_ms", "save_ms", "painted_ms"):  # painted: the GUI child opened the card 3 times
        assert set(doc[key]) == {"p50", "p95"} and 0 < doc[key]["p50"] <= doc[key]["p95"]
    db = Database.open(url)
    try:
        with db.read() as s:
            card = doc["guest_id"]
            assert s.scalar(select(func.count()).select_from(Stay).where(Stay.guest_id == card)) == 100
            assert s.scalar(select(func.count()).select_from(Complaint).where(Complaint.guest_id == card)) == 20
            assert s.scalar(select(func.count()).select_from(PointsEntry).join(
                Membership, Membership.id == PointsEntry.membership_id).where(Membership.guest_id == card)) == 500
            assert s.scalar(select(Guest.version).where(Guest.id == card)) == 21  # every save was a real save
    finally:
        db.dispose()
    again = cli("bench", "card", "--guests", "200", "--runs", "20", "--opens", "0", "--json", "--db", url)
    assert again.code == 0 and again.doc["guest_id"] == card  # the heavy card is reused
    assert again.doc["painted_ms"] is None  # --opens 0: the service only


def test_bench_card_refuses_a_negative_open_count(cli, tmp_path):
    out = cli("bench", "card", "--opens", "-1", "--db", f"sqlite:///{tmp_path / 'b.db'}")
    assert out.code == 2 and "Opens" in out.err
