"""``hotelcrm loyalty review``: JSON keys, idempotent second run, bad dates exit 2."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from hotelcrm.db.engine import Database
from hotelcrm.db.models import Guest, LoyaltyTier, Membership, PointsEntry
from hotelcrm.services.actor import Actor
from hotelcrm.services.loyalty_config_service import LoyaltyConfigService


def _member_with_old_points(url: str) -> None:
    db = Database.open(url)
    try:
        LoyaltyConfigService(db, Actor.system()).tiers()
        with db.write() as s:
            guest = Guest(family_name="欧阳", given_name="修")
            s.add(guest)
            s.flush()
            platinum = s.scalar(select(LoyaltyTier.id).where(LoyaltyTier.code == "PLATINUM"))
            m = Membership(guest_id=guest.id, member_no="M900001", tier_id=platinum,
                           enrolled_on=date.today() - timedelta(days=1200))
            s.add(m)
            s.flush()
            s.add(PointsEntry(membership_id=m.id, kind="earn", points=1234,
                              effective_on=date.today() - timedelta(days=1000)))
    finally:
        db.dispose()


def test_review_json_then_nothing_the_second_time(cli, db_url):
    assert cli("db", "upgrade", "--db", db_url).code == 0
    _member_with_old_points(db_url)
    first = cli("loyalty", "review", "--json", "--db", db_url)
    assert first.code == 0, first.err
    doc = first.doc
    assert {"upgraded", "downgraded", "points_expired", "members_reviewed"} <= set(doc)
    assert (doc["downgraded"], doc["points_expired"], doc["members_reviewed"]) == (["M900001"], 1234, 1)
    again = cli("loyalty", "review", "--json", "--db", db_url).doc
    assert (again["upgraded"], again["downgraded"], again["points_expired"]) == ([], [], 0)
    text = cli("loyalty", "review", "--as-of", date.today().isoformat(), "--lang", "en", "--db", db_url)
    assert text.code == 0 and "1 members reviewed" in text.out


def test_bad_or_future_date_is_bad_input(cli, db_url):
    assert cli("db", "upgrade", "--db", db_url).code == 0
    bad = cli("loyalty", "review", "--as-of", "2026-13-01", "--db", db_url)
    assert bad.code == 2 and len(bad.err_lines) == 1
    ahead = cli("loyalty", "review", "--as-of", (date.today() + timedelta(days=3)).isoformat(), "--db", db_url)
    assert ahead.code == 2 and len(ahead.err_lines) == 1
