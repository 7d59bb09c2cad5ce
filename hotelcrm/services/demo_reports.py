"""Demo data the manager reports need beyond what the other generators make: cards created over
the years (the first stay's time, not the moment the demo ran, so "new cards" has a history) and
marketing consents (so the special-dates list shows who may be greeted, and how)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from hotelcrm.db.models import Guest, MarketingConsent, Stay

CONSENT_SHARE = 0.55
CONSENT_CHANNELS = (("sms", 0.7), ("email", 0.5), ("wechat", 0.6), ("phone", 0.2), ("post", 0.05))
YEARS_BACK = 5


def add(s: Session, rng: random.Random, today: date | None = None) -> int:
    """Back-date every card and give about half the guests consents; returns the consents made."""
    today = today or date.today()
    first = dict(s.execute(select(Stay.guest_id, func.min(Stay.arrival_date)).group_by(Stay.guest_id)).all())
    ids = list(s.scalars(select(Guest.id).order_by(Guest.id)))
    created: dict[int, datetime] = {}
    for guest_id in ids:
        day = first.get(guest_id)
        # a card is made at the first stay (or up to a month before, for a booking); without
        # stays, some time in the last five years
        day = day - timedelta(days=rng.randint(0, 30)) if day else today - timedelta(days=rng.randint(0, 365 * YEARS_BACK))
        created[guest_id] = datetime.combine(min(day, today), time(rng.randint(7, 22), rng.randint(0, 59)),
                                             tzinfo=UTC)
    table = Guest.__table__
    s.execute(update(table).where(table.c.id == bindparam("gid")).values(created_at=bindparam("created")),
              [{"gid": g, "created": c.replace(tzinfo=None)} for g, c in created.items()])
    rows = []
    for guest_id in ids:
        if rng.random() >= CONSENT_SHARE:
            continue
        given = created[guest_id].date()
        for channel, share in CONSENT_CHANNELS:
            if rng.random() < share:
                rows.append({"guest_id": guest_id, "channel": channel, "granted": True, "given_on": given,
                             "source": "registration card"})
    if rows:
        s.execute(insert(MarketingConsent.__table__), rows)
    return len(rows)
