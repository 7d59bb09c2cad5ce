"""Demo complaints (DESIGN.md §2.2): about one per 15 guests, tied to real demo stays, in every
state — closed, withdrawn, open at each step, awaiting approval, rejected and escalated, several
departments, overdue — written in bulk inside the demo's transaction. Chinese guests complain
in Chinese, the others in English. The overdue ones are then escalated by the real rule
(``complaint_writer.escalate_overdue``)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from hotelcrm.db.models import (
    Complaint,
    ComplaintCategory,
    ComplaintDepartment,
    ComplaintEscalation,
    ComplaintStep,
    Department,
    Guest,
    NumberSequence,
    Stay,
    User,
)
from hotelcrm.db.models.complaints import ComplaintRemedyOffer
from hotelcrm.domain import complaint_escalation as esc
from hotelcrm.domain import complaint_rules as rules
from hotelcrm.domain.codes import COMPLAINT_CHANNEL, COMPLAINT_STEPS

from .audit_trail import AuditTrail
from .complaint_writer import escalate_overdue, next_serial

SHARE = 1 / 15
MAX_COMPLAINTS = 3000
# First complaints: one per open state, plus withdrawn and the escalation cases, so every demo has them.
FORCED = ("listened", "apologized", "verified", "awaiting_approval", "rejected", "remedy_agreed", "remedy_done",
          "withdrawn", "multi_department", "closed")

# category -> (department, [(zh, en) guest words], [remedy types])
CATEGORY_DATA = {
    "facilities": ("engineering", [("房间空调不制冷，晚上热得睡不着。", "The air conditioning does not cool; too hot to sleep."),
                                   ("淋浴水忽冷忽热。", "The shower keeps switching between hot and cold.")],
                   ["repair", "room_move"]),
    "service_attitude": ("front_office", [("前台员工态度冷淡，没有耐心。", "The front desk clerk was curt and impatient.")],
                         ["apology_only", "complimentary_service"]),
    "service_efficiency": ("front_office", [("办理入住等了四十分钟。", "Check-in took forty minutes."),
                                            ("送餐服务一个小时才到。", "Room service took an hour to arrive.")],
                           ["complimentary_service", "discount"]),
    "food_beverage": ("food_beverage", [("早餐的煎蛋是凉的。", "The eggs at breakfast were cold."),
                                        ("菜里有一根头发。", "There was a hair in the dish.")],
                      ["redo", "replace", "bill_item_removed"]),
    "cleanliness": ("housekeeping", [("浴室里有上一位客人的头发。", "Hair from the previous guest in the bathroom."),
                                     ("床单上有污渍。", "Stains on the bed sheet.")], ["redo", "room_move"]),
    "noise": ("housekeeping", [("隔壁房间深夜很吵。", "The room next door was loud late at night."),
                               ("楼上施工噪音太大。", "Construction noise from the floor above.")],
              ["room_move", "discount"]),
    "billing": ("finance", [("账单里多收了一晚房费。", "The bill charged one night too many."),
                            ("迷你吧没用却被收费。", "Charged for the minibar I did not use.")],
                ["bill_item_removed", "compensation"]),
    "safety": ("security", [("放在房间的充电宝不见了。", "My power bank disappeared from the room.")],
               ["compensation", "apology_only"]),
    "other": ("front_office", [("停车场指示牌不清楚。", "The car park signs are confusing.")], ["apology_only"]),
}
TEXT = {
    "apology": ("当面向客人诚恳道歉，表示理解客人的心情。", "Apologised in person and said we understand how the guest feels."),
    "verified_what": ("到现场查看并调阅记录。", "Checked on the spot and went through the records."),
    "verified_with": ("当班主管", "the duty supervisor"),
    "findings": ("情况属实，责任在酒店。", "The complaint is justified; the hotel is at fault."),
    "remedy": ("向客人提出的解决方案。", "The remedy offered to the guest."),
    "rejected": ("客人认为补偿不够。", "The guest found the remedy not enough."),
    "action": ("已按方案落实。", "Carried out as agreed."),
    "action_by": ("值班经理", "the duty manager"),
    "followup_method": ("电话回访", "phone call"),
    "followup_result": ("客人表示满意，感谢酒店的处理。", "The guest is satisfied and thanked the hotel."),
    "root_cause": ("日常检查不到位。", "The routine check was missed."),
    "improvement": ("加强班前检查并培训员工。", "Stricter pre-shift checks and staff training."),
    "withdraw": ("客人表示问题已自行解决，撤回投诉。", "The guest said the matter resolved itself and withdrew."),
}


def add(s: Session, audit: AuditTrail, rng: random.Random, guests: int, counts) -> None:
    n = min(MAX_COMPLAINTS, max(len(FORCED), round(guests * SHARE)))
    stays = s.execute(select(Stay.id, Stay.guest_id, Stay.room_no, Stay.arrival_date, Stay.departure_date,
                             Stay.status, Guest.nationality).join(Guest, Guest.id == Stay.guest_id)
                      .where(Stay.status.in_(("checked_out", "in_house")))).all()
    if not stays:
        return
    in_house = [r for r in stays if r.status == "in_house"]
    past = [r for r in stays if r.status == "checked_out"]
    categories = {c.code: c.id for c in s.execute(select(ComplaintCategory.code, ComplaintCategory.id)
                                                  .where(ComplaintCategory.active))}
    departments = {d.code: d.id for d in s.execute(select(Department.code, Department.id))}
    users = list(s.scalars(select(User.id).where(User.role.in_(("lobby_manager", "manager", "admin")))
                           .order_by(User.id)))
    targets = esc.DEFAULT_TIME_TARGETS
    now = datetime.now(UTC)
    maker = _Maker(rng, categories, departments, users, targets, now)
    for i in range(n):
        kind = FORCED[i] if i < len(FORCED) else None
        recent = kind not in (None, "closed", "withdrawn") or (in_house and rng.random() < 0.08)
        pool = in_house if (recent and in_house) else (past or in_house)
        maker.make(rng.choice(pool), kind, recent)
    maker.write(s)
    counts.add("complaints", n)
    escalate_overdue(s, _Unrecorded(s, audit.actor), now)  # the load's one audit row covers it


class _Unrecorded(AuditTrail):
    """Demo data is audited as one ``demo_load`` row, not row by row."""

    def record(self, *args, **kwargs) -> None:
        return None


class _Maker:
    def __init__(self, rng, categories, departments, users, targets, now) -> None:
        self.rng, self.categories, self.departments = rng, categories, departments
        self.users, self.targets, self.now = users, targets, now
        self.complaints: list[dict] = []
        self.steps: list[dict] = []
        self.offers: list[dict] = []
        self.escalations: list[dict] = []
        self.involved: list[dict] = []

    def _user(self):
        return self.rng.choice(self.users) if self.users else None

    def make(self, stay, kind: str | None, recent: bool) -> None:
        rng = self.rng
        code = rng.choice([c for c in CATEGORY_DATA if c in self.categories])
        department, words, remedies = CATEGORY_DATA[code]
        zh = stay.nationality == "CHN"
        pick = (lambda pair: pair[0] if zh else pair[1])  # noqa: E731
        severity = rng.choices(("low", "medium", "high", "critical"), (3, 5, 2, 1))[0]
        if recent:
            received = self.now - timedelta(minutes=rng.randint(20, 60 * 30))
        else:
            day = stay.arrival_date + timedelta(days=rng.randint(0, max(0, (stay.departure_date - stay.arrival_date)
                                                                         .days - 1)))
            received = datetime.combine(day, time(rng.randint(7, 22), rng.randint(0, 59))).astimezone(UTC)
            received = min(received, self.now - timedelta(days=4))
        state = kind if kind in COMPLAINT_STEPS or kind == "withdrawn" else None
        if state is None and kind in ("awaiting_approval", "rejected", "multi_department"):
            state = "verified" if kind != "multi_department" else "apologized"
        if state is None:
            state = rng.choices(("closed", "withdrawn", "remedy_done", "remedy_agreed", "verified", "apologized",
                                 "listened"), (70, 6, 5, 5, 5, 5, 4) if not recent else (0, 5, 15, 20, 20, 20, 20))[0]
        due = esc.due_times(received, severity, self.targets)
        row = {"guest_id": stay.guest_id, "stay_id": stay.id, "room_no": stay.room_no,
               "channel": rng.choices(COMPLAINT_CHANNEL, (10, 5, 2, 2, 1))[0], "category_id": self.categories[code],
               "severity": severity, "department_id": self.departments.get(department), "received_by": self._user(),
               "received_at": received, "guest_words": pick(rng.choice(words)), "state": state,
               "escalation_level": "handler", "due_acknowledge_at": due[0], "due_remedy_at": due[1],
               "due_close_at": due[2], "currency": "CNY", "recovery_cost_cents": 0, "_zh": zh, "_kind": kind,
               "_remedies": remedies, "_pick": pick}
        self.complaints.append(row)

    def write(self, s: Session) -> None:
        rows = sorted(self.complaints, key=lambda r: r["received_at"])
        by_year: dict[int, list[dict]] = {}
        for r in rows:
            by_year.setdefault(r["received_at"].astimezone().year, []).append(r)
        for year, group in by_year.items():
            first = _reserve(s, year, len(group))
            for k, r in enumerate(group):
                r["number"] = rules.format_number(year, first + k)
        extras = [{k: r.pop(k) for k in ("_zh", "_kind", "_remedies", "_pick")} for r in rows]
        table = Complaint.__table__
        ids = list(s.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows))
        updates = []
        for cid, r, extra in zip(ids, rows, extras, strict=True):
            updates.append(self._history(cid, r, extra))
        for model, items in ((ComplaintStep, self.steps), (ComplaintRemedyOffer, self.offers),
                             (ComplaintEscalation, self.escalations), (ComplaintDepartment, self.involved)):
            if items:  # one executemany needs the same keys in every row
                keys = set().union(*items)
                s.execute(insert(model.__table__), [dict.fromkeys(keys) | row for row in items])
        for cid, values in zip(ids, updates, strict=True):
            if values:
                s.query(Complaint).filter(Complaint.id == cid).update(values, synchronize_session=False)

    def _history(self, cid: int, r: dict, extra: dict) -> dict:
        """Steps up to the complaint's state, with offers and escalations; the complaint's own
        changed fields are returned."""
        rng, pick, kind = self.rng, extra["_pick"], extra["_kind"]
        state = r["state"]
        last = rng.choice(("listened", "apologized", "verified")) if state == "withdrawn" else state
        upto = COMPLAINT_STEPS.index(last) + 1 if last in COMPLAINT_STEPS else 1
        at = r["received_at"]
        changes: dict = {}
        level = "handler"
        gaps = (0, rng.randint(5, 40), rng.randint(30, 180), rng.randint(60, 240), rng.randint(120, 1200),
                rng.randint(1440, 4320))
        done_at = []
        for i in range(upto):
            at = at + timedelta(minutes=gaps[i])
            done_at.append(min(at, self.now - timedelta(minutes=upto - i)))
        if kind == "multi_department":
            others = [d for c, d in self.departments.items() if d != r["department_id"]]
            self.involved.append({"complaint_id": cid, "department_id": rng.choice(others)})
            self._escalate(cid, level, "lobby_manager", "multi_department", done_at[0])
            level = "lobby_manager"
        step = {"complaint_id": cid, "done_by": r["received_by"]}
        texts = {
            "listened": {"guest_account": r["guest_words"]},
            "apologized": {"apology_manner": pick(TEXT["apology"])},
            "verified": {"verified_what": pick(TEXT["verified_what"]), "verified_with": pick(TEXT["verified_with"]),
                         "findings": pick(TEXT["findings"])},
        }
        cost = 0
        for i, name in enumerate(COMPLAINT_STEPS[:upto]):
            values = dict(step, step=name, done_at=done_at[i], done_by=self._user())
            if name in texts:
                values.update(texts[name])
            elif name == "remedy_agreed":
                remedy, cost = self._remedy(extra["_remedies"])
                values.update({"remedy_type": remedy["remedy_type"], "remedy_detail": pick(TEXT["remedy"]),
                               "remedy_discount_pct": remedy["discount_pct"],
                               "compensation_cents": remedy["compensation_cents"], "guest_accepted": True})
                needed = esc.required_level(cost, esc.DEFAULT_AUTHORITY_LIMITS)
                if esc.level_index(needed) > esc.level_index(level):
                    self._escalate(cid, level, needed, "authority", done_at[i])
                    level = needed
                self.offers.append({"complaint_id": cid, **remedy, "remedy_detail": pick(TEXT["remedy"]),
                                    "required_level": needed, "status": "accepted", "offered_by": values["done_by"],
                                    "offered_at": done_at[i], "approved_by": values["done_by"],
                                    "approved_at": done_at[i], "responded_at": done_at[i], "response_note": None})
            elif name == "remedy_done":
                actual = cost if cost else rng.choice((0, 0, 3000, 8800, 15000))
                values.update({"action_done": pick(TEXT["action"]), "action_done_by": pick(TEXT["action_by"]),
                               "actual_cost_cents": actual})
                changes.update(remedied_at=done_at[i], recovery_cost_cents=actual)
            elif name == "closed":
                satisfaction = rng.choices((1, 2, 3, 4, 5), (1, 2, 5, 10, 12))[0]
                values.update({"followup_at": done_at[i], "followup_method": pick(TEXT["followup_method"]),
                               "followup_result": pick(TEXT["followup_result"]), "satisfaction": satisfaction,
                               "root_cause": pick(TEXT["root_cause"]), "improvement_action": pick(TEXT["improvement"])})
                changes.update(closed_at=done_at[i], satisfaction=satisfaction)
            if name == "apologized":
                changes["acknowledged_at"] = done_at[i]
            self.steps.append(values)
        if kind in ("awaiting_approval", "rejected"):
            level = self._pending_offer(cid, kind, level, done_at[-1], pick)
        if state == "withdrawn":
            changes.update(withdrawn_reason=pick(TEXT["withdraw"]), withdrawn_at=done_at[-1] + timedelta(minutes=30))
        if level != "handler":
            changes["escalation_level"] = level
        return changes

    def _remedy(self, kinds: list[str]) -> tuple[dict, int]:
        rng = self.rng
        kind = rng.choice(kinds)
        pct = rng.choice((10, 15, 20, 30)) if kind == "discount" else None
        cents = rng.choice((8800, 12800, 28800, 58800, 150000)) if kind in ("compensation", "bill_item_removed") \
            else None
        return {"remedy_type": kind, "discount_pct": pct, "compensation_cents": cents}, cents or 0

    def _pending_offer(self, cid: int, kind: str, level: str, at: datetime, pick) -> str:
        """An offer awaiting approval or rejected by the guest; returns the level escalated to."""
        base = {"complaint_id": cid, "remedy_type": "compensation", "remedy_detail": pick(TEXT["remedy"]),
                "discount_pct": None, "offered_by": self._user(),
                "offered_at": min(at + timedelta(minutes=20), self.now - timedelta(minutes=11))}
        if kind == "awaiting_approval":  # beyond a lobby manager: waits for the department head
            cost = 300_000
            needed = esc.required_level(cost, esc.DEFAULT_AUTHORITY_LIMITS)
            self.offers.append({**base, "compensation_cents": cost, "required_level": needed,
                                "status": "awaiting_approval", "approved_by": None, "approved_at": None,
                                "responded_at": None, "response_note": None})
            self._escalate(cid, level, needed, "authority", base["offered_at"])
            return needed
        else:  # offered, rejected by the guest: one level up
            self.offers.append({**base, "compensation_cents": 8800, "required_level": "handler", "status": "rejected",
                                "approved_by": base["offered_by"], "approved_at": base["offered_at"],
                                "responded_at": base["offered_at"] + timedelta(minutes=10),
                                "response_note": pick(TEXT["rejected"])})
            self._escalate(cid, level, esc.next_level(level), "rejected", base["offered_at"] + timedelta(minutes=10),
                           pick(TEXT["rejected"]))
        return esc.next_level(level)

    def _escalate(self, cid: int, from_level: str, to_level: str, reason: str, at: datetime,
                  note: str | None = None) -> None:
        self.escalations.append({"complaint_id": cid, "from_level": from_level, "to_level": to_level,
                                 "reason": reason, "note": note, "escalated_by": self._user(), "created_at": at})


def _reserve(s: Session, year: int, n: int) -> int:
    """The first of ``n`` consecutive serials of ``year`` (one counter update for the batch)."""
    last = next_serial(s, year)  # takes one
    if n > 1:
        s.query(NumberSequence).filter(NumberSequence.name == "complaint", NumberSequence.period == str(year)) \
            .update({"last_value": NumberSequence.last_value + (n - 1)}, synchronize_session=False)
    return last
