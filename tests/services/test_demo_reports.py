"""The demo gives the manager reports something to show: cards dated at their first stay (not all
on the day the demo ran) and marketing consents for about half the guests."""

from __future__ import annotations

from sqlalchemy import func, select

from hotelcrm.db.models import Guest, MarketingConsent, Stay
from hotelcrm.services.demo_service import DemoService
from hotelcrm.services.report_period import local_day


def test_cards_dated_from_their_first_stay_and_consents(db, admin):
    DemoService(db, admin).load(guests=120, seed=11)
    with db.read() as s:
        first = dict(s.execute(select(Stay.guest_id, func.min(Stay.arrival_date)).group_by(Stay.guest_id)).all())
        created = dict(s.execute(select(Guest.id, Guest.created_at)).all())
        consenting = s.scalar(select(func.count(func.distinct(MarketingConsent.guest_id))))
    assert first and all(created[g].date() <= day for g, day in first.items())
    assert len({local_day(c) for c in created.values()}) > 30  # spread over the years, not one day
    assert 0.3 < consenting / len(created) < 0.8
