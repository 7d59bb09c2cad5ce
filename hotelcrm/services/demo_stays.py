"""Demo stays with spend, preferences, observations and feedback, added per batch of demo guests.

Past stays spread over the last five years (0 to 12 per guest, a few with many, about one in eight with none),
some cancellations and no-shows, spend per category in minor units, now and then a discount or
an unpaid amount. Around today: guests in house (each in a room of its own, numbers like
``0812``), expected arrivals today and in the coming weeks. Preferences come from the pick-lists
(``preference_options``); observations are on in-house stays, feedback on past stays, in the
guest's language. Stays count from the real today (the in-house list must be today's), so the
same seed gives the same guests and the same pattern of stays, shifted with the date.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Feedback, GuestPreference, Observation, PreferenceOption, Stay

from .demo_generators import Weighted

# (name, floors, room numbers on the floor, lowest and highest rate in whole yuan, weight);
# no room number belongs to two types.
ROOM_TYPES = Weighted((
    ("Superior King", (3, 9), (1, 14), 458, 588, 26), ("Superior Twin", (3, 9), (15, 24), 458, 588, 20),
    ("Deluxe King", (10, 17), (1, 14), 628, 868, 24), ("Deluxe Twin", (10, 17), (15, 24), 628, 868, 14),
    ("Executive King", (18, 23), (1, 24), 988, 1388, 10), ("Junior Suite", (24, 27), (1, 12), 1588, 2288, 5),
    ("Presidential Suite", (28, 28), (1, 2), 6888, 8888, 1),
))
MAX_PAST_STAYS = 12
STAY_COUNTS = Weighted(tuple(enumerate((18, 22, 16, 12, 9, 7, 5, 3, 2, 2, 1.5, 1, 1))))
NIGHTS = Weighted(((1, 30), (2, 30), (3, 18), (4, 10), (5, 7), (7, 5)))
CHANNELS = Weighted((("walk-in", 8), ("phone", 12), ("Ctrip", 24), ("Fliggy", 8), ("Meituan", 8),
                     ("Booking.com", 6), ("hotel website", 10), ("WeChat", 8), ("travel agency", 6)))
SEGMENTS = Weighted((("leisure", 50), ("corporate", 25), ("group", 10), ("government", 5), ("long stay", 3),
                     ("wholesale", 7)))
PAST_STATUS = Weighted((("checked_out", 93), ("cancelled", 5), ("no_show", 2)))
IN_HOUSE_SHARE = 0.02
ARRIVING_TODAY_SHARE = 0.008
UPCOMING_SHARE = 0.01
YEARS_BACK = 5
FEEDBACK_SHARE = 0.06  # of past stays

DEPARTMENTS_TEXTS = (
    ("housekeeping", "客人要求加一个硬一点的枕头。", "Guest asked for an extra, firmer pillow."),
    ("housekeeping", "客人喜欢房间偏凉，空调设在20度。", "Guest keeps the air conditioning at 20 °C."),
    ("housekeeping", "请勿在上午打扫房间，客人上午休息。", "Please do not clean in the morning; the guest sleeps late."),
    ("fnb", "早餐时提到对花生过敏。", "Mentioned a peanut allergy at breakfast."),
    ("fnb", "每天早上要一杯热美式咖啡。", "Has a hot Americano every morning."),
    ("fnb", "不吃香菜，点菜时请提醒厨房。", "Does not eat coriander; tell the kitchen when ordering."),
    ("concierge", "询问附近的跑步路线，喜欢晨跑。", "Asked for a running route nearby; runs every morning."),
    ("front_office", "希望下次安排高楼层、远离电梯的房间。", "Would like a high floor away from the lift next time."),
)
FEEDBACK = Weighted((
    ("praise", "前台服务热情周到，入住办理很快。", "Friendly front desk and a very quick check-in.", 22),
    ("praise", "早餐品种丰富，服务员很细心。", "Great breakfast choice and attentive staff.", 18),
    ("praise", "客房干净安静，睡得很好。", "Clean, quiet room; slept very well.", 18),
    ("criticism", "空调夜间噪音较大，影响休息。", "The air conditioning was noisy at night.", 8),
    ("criticism", "退房排队时间太长。", "Waited too long to check out.", 6),
    ("suggestion", "希望早餐供应时间延长到十点半。", "Please serve breakfast until 10:30.", 10),
    ("suggestion", "建议房间提供更多充电接口。", "More charging sockets by the bed would help.", 8),
))


@dataclass
class _Rooms:
    """Room numbers handed out to in-house guests (one stay per room)."""

    free: dict[str, list[str]]

    @classmethod
    def shuffled(cls, rng: random.Random) -> _Rooms:
        free = {}
        for name, floors, rooms, *_ in ROOM_TYPES.items:
            numbers = [f"{floor:02d}{n:02d}" for floor in range(floors[0], floors[1] + 1)
                       for n in range(rooms[0], rooms[1] + 1)]
            rng.shuffle(numbers)
            free[name] = numbers
        return cls(free)

    def take(self, room_type: str) -> str | None:
        numbers = self.free[room_type]
        return numbers.pop() if numbers else None


class StayMaker:
    """Made once per demo load; ``add`` is called with each batch of inserted guests."""

    def __init__(self, s: Session, rng: random.Random, today: date, guests: int) -> None:
        self.rng = rng
        self.today = today
        self.rooms = _Rooms.shuffled(rng)
        order = rng.sample(range(guests), guests)
        n_in, n_arr, n_up = (max(1 if guests >= 20 else 0, round(guests * share))
                             for share in (IN_HOUSE_SHARE, ARRIVING_TODAY_SHARE, UPCOMING_SHARE))
        self.in_house = set(order[:n_in])
        self.arriving = set(order[n_in:n_in + n_arr])
        self.upcoming = set(order[n_in + n_arr:n_in + n_arr + n_up])
        options: dict[tuple[str, str], list[tuple[str, bool]]] = {}
        for o in s.execute(select(PreferenceOption.pref_group, PreferenceOption.pref_key, PreferenceOption.value,
                                  PreferenceOption.sensitive).where(PreferenceOption.active.is_(True))
                           .order_by(PreferenceOption.id)):
            options.setdefault((o.pref_group, o.pref_key), []).append((o.value, o.sensitive))
        self.options = options
        self.next_index = 0

    def add(self, s: Session, guests: list[tuple[int, dict]], counts) -> None:
        """Stays and what hangs on them for ``guests`` ((id, guest row) in insertion order).
        The search rows (last stay, in-house room) are rebuilt once at the end of the load."""
        stays: list[dict] = []
        for guest_id, guest in guests:
            stays += self._stays_of(guest_id, guest, self.next_index)
            self.next_index += 1
        # Only the stays that observations or feedback point at need their ids back: those go
        # through INSERT ... RETURNING, the many others through a plain executemany (much faster).
        linked = [r for r in stays if r["status"] == "in_house"
                  or (r["status"] == "checked_out" and self.rng.random() < FEEDBACK_SHARE)]
        marked = {id(r) for r in linked}
        plain = [r for r in stays if id(r) not in marked]
        table = Stay.__table__
        ids = list(s.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), linked)) \
            if linked else []
        if plain:
            s.execute(insert(table), plain)
        chinese = {gid: guest["nationality"] == "CHN" for gid, guest in guests}
        observations, feedback, preferences = [], [], []
        for stay_id, row in zip(ids, linked, strict=True):
            zh = chinese[row["guest_id"]]
            if row["status"] == "in_house":
                observations += self._observations(row["guest_id"], stay_id, zh)
            else:
                feedback.append(self._feedback(row, stay_id, zh))
        stayed = {row["guest_id"] for row in stays if row["status"] in ("checked_out", "in_house")}
        for guest_id, _ in guests:
            if guest_id in stayed and self.rng.random() < 0.6:
                preferences += self._preferences(guest_id)
        for model, rows in ((Observation, observations), (Feedback, feedback), (GuestPreference, preferences)):
            if rows:
                s.execute(insert(model.__table__), rows)
        counts.add("stays", len(stays))
        counts.add("in_house_stays", sum(r["status"] == "in_house" for r in stays))
        counts.add("arriving_today", sum(r["status"] == "expected" and r["arrival_date"] == self.today
                                         for r in stays))
        counts.add("preferences", len(preferences))
        counts.add("observations", len(observations))
        counts.add("feedback", len(feedback))

    # ------------------------------------------------------------ one guest

    def _stays_of(self, guest_id: int, guest: dict, index: int) -> list[dict]:
        rng = self.rng
        corporate = guest.get("company_id") is not None
        favourite = ROOM_TYPES.pick(rng)
        rows: list[dict] = []
        if index in self.in_house:
            kind = favourite if rng.random() < 0.7 else ROOM_TYPES.pick(rng)
            room = self.rooms.take(kind[0])
            if room is not None:
                arrival = self.today - timedelta(days=rng.randrange(0, 3))
                rows.append(self._stay(guest_id, kind, arrival, self.today + timedelta(days=rng.randint(1, 4)),
                                       "in_house", corporate, room))
        elif index in self.arriving or index in self.upcoming:
            arrival = self.today if index in self.arriving else self.today + timedelta(days=rng.randint(1, 30))
            rows.append(self._stay(guest_id, favourite, arrival, arrival + timedelta(days=NIGHTS.pick(rng)[0]),
                                   "expected", corporate, None))
        count = min(MAX_PAST_STAYS, STAY_COUNTS.pick(rng)[0] + (rng.randint(0, 3) if corporate else 0))
        departure = self.today - timedelta(days=3 + rng.randrange(0, 90))
        earliest = self.today - timedelta(days=365 * YEARS_BACK)
        for _ in range(count):
            arrival = departure - timedelta(days=NIGHTS.pick(rng)[0])
            if arrival < earliest:
                break
            kind = favourite if rng.random() < 0.65 else ROOM_TYPES.pick(rng)
            rows.append(self._stay(guest_id, kind, arrival, departure, PAST_STATUS.pick(rng)[0], corporate, None))
            departure = arrival - timedelta(days=rng.randint(7, 240))
        return rows

    def _stay(self, guest_id: int, kind: tuple, arrival: date, departure: date, status: str, corporate: bool,
              room_no: str | None) -> dict:
        rng = self.rng
        name, floors, rooms, low_rate, high_rate, _ = kind
        rate = rng.randrange(low_rate, high_rate + 1, 10) * 100
        if room_no is None and status in ("checked_out", "in_house"):
            room_no = f"{rng.randint(*floors):02d}{rng.randint(*rooms):02d}"
        row = {
            "guest_id": guest_id, "status": status, "arrival_date": arrival, "departure_date": departure,
            "room_no": room_no, "room_type": name, "currency": "CNY", "rate_cents": rate,
            "channel": "corporate agreement" if corporate and rng.random() < 0.6 else CHANNELS.pick(rng)[0],
            "segment": "corporate" if corporate and rng.random() < 0.7 else SEGMENTS.pick(rng)[0],
            "adults": 2 if rng.random() < 0.35 else 1, "children": 1 if rng.random() < 0.08 else 0,
            "source": "demo", "checked_in_at": None, "checked_out_at": None,
            "spend_room_cents": 0, "spend_fnb_cents": 0, "spend_other_cents": 0, "discount_cents": 0,
            "unpaid_cents": 0, "version": 1,
        }
        if status in ("in_house", "checked_out"):
            row["checked_in_at"] = datetime.combine(arrival, time(rng.randint(13, 22), rng.randrange(60)))
        if status == "checked_out":
            row["checked_out_at"] = datetime.combine(departure, time(rng.randint(7, 12), rng.randrange(60)))
            row.update(self._spend(rate, (departure - arrival).days))
        return row

    def _spend(self, rate: int, nights: int) -> dict:
        rng = self.rng
        room = rate * nights
        fnb = 0 if rng.random() < 0.35 else rng.randrange(0, room * 2 // 5 + 1) // 100 * 100
        other = 0 if rng.random() < 0.7 else rng.randrange(20, 600) * 100
        discount = room * rng.choice((5, 10, 15)) // 100 if rng.random() < 0.2 else 0
        bill = room + fnb + other - discount
        unpaid = rng.randrange(1, bill // 2 + 2) // 100 * 100 if rng.random() < 0.02 else 0
        return {"spend_room_cents": room, "spend_fnb_cents": fnb, "spend_other_cents": other,
                "discount_cents": discount, "unpaid_cents": min(unpaid, bill)}

    def _observations(self, guest_id: int, stay_id: int, zh: bool) -> list[dict]:
        picks = self.rng.sample(DEPARTMENTS_TEXTS, self.rng.choice((0, 0, 1, 1, 2)))
        return [{"guest_id": guest_id, "stay_id": stay_id, "department": dept, "text": zh_text if zh else en_text,
                 "status": "new", "version": 1} for dept, zh_text, en_text in picks]

    def _feedback(self, row: dict, stay_id: int, zh: bool) -> dict:
        kind, zh_text, en_text, _ = FEEDBACK.pick(self.rng)
        return {"guest_id": row["guest_id"], "stay_id": stay_id, "kind": kind, "text": zh_text if zh else en_text,
                "received_at": datetime.combine(row["departure_date"], time(11, 0)), "version": 1}

    def _preferences(self, guest_id: int) -> list[dict]:
        if not self.options:
            return []
        keys = self.rng.sample(sorted(self.options), min(len(self.options), self.rng.randint(1, 4)))
        rows = []
        for group, key in keys:
            value, sensitive = self.rng.choice(self.options[(group, key)])
            rows.append({"guest_id": guest_id, "pref_group": group, "pref_key": key, "value": value,
                         "sensitive": sensitive, "version": 1})
        return rows
