"""Demo lobby manager's log (DESIGN.md §2.4): four weeks of shifts (morning, afternoon, night),
each opened, closed with its handover and acknowledged by the next manager, with typed entries
about the demo guests in house (Chinese guests in Chinese, the others in English), follow-ups
done by later shifts or still open (some overdue), links to demo complaints, incidents with
witnesses (the crystal ashtray among them) and a few addenda. The last shift is closed and
awaits acknowledgement; the current one is left for the user to open.

Signatures need lobby managers: when the database has fewer than three users who may manage
shifts, disabled demo accounts (no usable password, they cannot log in) are added for them."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Complaint, Guest, Incident, IncidentWitness, LogEntry, Shift, Stay, User
from hotelcrm.db.models.logbook import ShiftHandoverItem
from hotelcrm.domain import logbook_shifts as shifts

from .logbook_queries import CLOSED_COMPLAINT_STATES
from .logbook_shift_service import read_pattern

DAYS = 28
_CJK = re.compile(r"[\u4e00-\u9fff]")
DEMO_MANAGERS = (("demo.lm.zhang", "张伟 Zhang Wei"), ("demo.lm.li", "李静 Li Jing"), ("demo.lm.chen", "Mark Chen 陈明"))

# (zh, en); {room} is filled in.
TEXTS = {
    "vip_reception": [("在大堂迎接贵宾，陪同入住 {room} 房，送上欢迎水果和总经理名片。",
                       "Met the VIP in the lobby, escorted to {room}, welcome fruit and the GM's card."),
                      ("贵宾提前抵达，房间未准备好，安排行政酒廊休息，半小时后入住 {room}。",
                       "VIP arrived early, room not ready; waited in the executive lounge, in {room} 30 minutes later."),
                      ("回头客生日入住，{room} 房布置生日蛋糕和贺卡。",
                       "Returning guest's birthday: cake and card placed in {room}.")],
    "complaint": [("处理投诉：向客人致歉，已通知相关部门，承诺今晚回复。",
                   "Handled the complaint: apologised, informed the department, promised an answer tonight."),
                  ("回访投诉客人，客人对处理结果表示满意。",
                   "Called the complaining guest back; satisfied with the remedy.")],
    "guest_opinion": [("客人建议周末早餐延长到十点半。", "Guest suggests breakfast until 10:30 at weekends."),
                      ("客人表扬礼宾部行李员服务热情。", "Guest praised the bellman's friendly service."),
                      ("客人反映健身房跑步机太少，早上需要排队。", "Guest finds too few treadmills in the gym; queues in the morning."),
                      ("客人希望房间提供中文报纸。", "Guest would like a Chinese newspaper in the room.")],
    "inspection": [("巡查大堂：礼宾台十分钟无人，已提醒领班。", "Lobby round: bell desk unattended for ten minutes; told the captain."),
                   ("检查前台仪容仪表，一名员工未佩戴工牌，已纠正。", "Front desk grooming check: one clerk without name badge, corrected."),
                   ("夜间巡楼，{room} 房门未关好，已通知保安。", "Night round: door of {room} not closed properly; security informed."),
                   ("检查大堂洗手间卫生，纸巾不足，已通知 PA 补充。", "Lobby restrooms: tissue running out, PA refilled.")],
    "handover": [("交接：明早有旅行团 30 人抵达，已与前台确认分房。", "Handover: tour group of 30 arrives tomorrow morning, rooming list checked."),
                 ("交接：{room} 房客人要求明早 6 点叫醒并预订出租车。", "Handover: {room} wants a 6:00 wake-up call and a taxi.")],
    "other": [("大堂拾获雨伞一把，已交失物招领。", "Umbrella found in the lobby, handed to lost and found."),
              ("消防演习通知已张贴。", "Fire drill notice posted.")],
}
INCIDENTS = [
    dict(text=("客人在大堂滑倒，右膝擦伤，已由医务室处理。", "Guest slipped in the lobby, grazed right knee, treated by the clinic."),
         item=None, value=None, position=("客人称地面有水，没有警示牌。", "The guest says the floor was wet with no warning sign."),
         witnesses=[("王强", "保安 Security", "当时地面刚拖过，警示牌放在柱子后面。")],
         evidence="CCTV 14:05-14:10", conclusion=("警示牌位置不当。", "Warning sign was badly placed."),
         asked=None, agreed=None, waived=False, outcome=("赠送晚餐一次，客人接受。", "Complimentary dinner offered and accepted.")),
    dict(text=("{room} 房电视屏幕破裂，退房时发现。", "TV screen in {room} found cracked at check-out."),
         item=("液晶电视", "LCD television"), value=450000,
         position=("客人称入住时屏幕已有裂纹。", "The guest says the crack was there on arrival."),
         witnesses=[("赵敏", "客房服务员 Room attendant", "入住前一天检查时屏幕完好。")],
         evidence=("入住前查房表记录电视正常。", "Pre-arrival inspection sheet: TV in order."),
         conclusion=("无法确定损坏时间。", "Time of damage cannot be established."),
         asked=450000, agreed=0, waived=True, outcome=("考虑到客人为常客，免除赔偿。", "Waived: the guest is a regular.")),
]
ASHTRAY = dict(
    text=("{room} 房退房时发现水晶烟灰缸不见了。", "Crystal ashtray missing from {room} at check-out."),
    item=("水晶烟灰缸", "Crystal ashtray"), value=38000,
    position=("客人称入住时房间里没有烟灰缸。", "The guest says there was no ashtray in the room when he arrived."),
    witnesses=[("刘芳", "客房服务员 Room attendant", "前一天打扫时烟灰缸在写字台上，我清洗过。"),
               ("陈建国", "楼层主管 Floor supervisor", "前一天下午查房，烟灰缸在房内。")],
    evidence=("房内及垃圾桶无碎片；卫生间有烟头，客人吸烟。", "No fragments in the room or bins; cigarette ends in the bathroom: the guest smokes."),
    conclusion=("烟灰缸前一天在房内，客人吸烟，无破损迹象。", "The ashtray was there the day before, the guest smokes, no sign of breakage."),
    asked=38000, agreed=19000, waived=False,
    outcome=("客人同意赔偿一半，已入账。", "The guest agreed to pay half; charged to the bill."))
WEIGHTS = {"vip_reception": 3, "guest_opinion": 3, "inspection": 3, "handover": 2, "other": 1, "complaint": 2}


@dataclass
class _Guest:
    id: int
    room: str | None
    chinese: bool
    vip: bool


def add(s: Session, rng: random.Random, today: date | None = None) -> int:
    """Write the demo log; returns the number of entries."""
    if s.scalar(select(Shift.id).limit(1)) is not None:
        return 0
    today = today or date.today()
    pattern = read_pattern(s)
    managers = _managers(s)
    now_local = datetime.now().astimezone()
    current = shifts.shift_for(now_local.replace(tzinfo=None), pattern)
    slots = []
    # DAYS whole days before the current shift's day (after midnight that is yesterday's night shift)
    day, kind = current[0] - timedelta(days=DAYS), "morning"
    while shifts.shift_sort_key(day, kind) < shifts.shift_sort_key(*current):
        slots.append((day, kind))
        day, kind = shifts.next_shift(day, kind)
    complaints = list(s.execute(select(Complaint.id, Complaint.guest_id, Complaint.room_no, Complaint.received_at)
                                .where(Complaint.received_at >= _utc(today - timedelta(days=DAYS + 1), pattern))
                                .order_by(Complaint.received_at)))
    open_followups: list[LogEntry] = []
    entries = 0
    # the crystal ashtray goes missing at a check-out: a morning shift a couple of days ago
    mornings = [i for i, (_d, k) in enumerate(slots) if k == "morning" and i < len(slots) - 3]
    ashtray_slot = mornings[-1] if mornings else 0
    for n, (day, kind) in enumerate(slots):
        start, end = shifts.shift_window(day, kind, pattern)
        start_utc, end_utc = start.astimezone(), min(end.astimezone(), now_local)
        manager = managers[n % len(managers)]
        incoming = managers[(n + 1) % len(managers)]
        shift = Shift(shift_date=day, kind=kind, status="closed", opened_by=manager,
                      opened_at=start_utc + timedelta(minutes=rng.randint(0, 10)))
        s.add(shift)
        s.flush()
        guests = _in_house(s, day)
        times = sorted(start_utc + timedelta(minutes=rng.randint(15, int((end_utc - start_utc).seconds / 60) - 20))
                       for _ in range(rng.randint(2, 5)))
        for i, at in enumerate(times):
            kind_of = "incident" if (n == ashtray_slot and i == 0) or rng.random() < 0.03 else \
                rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
            guest = rng.choice(guests) if guests and kind_of != "inspection" and rng.random() < 0.8 else None
            if kind_of == "vip_reception" and guests:
                guest = next((g for g in rng.sample(guests, min(len(guests), 20)) if g.vip), guest)
            complaint = None
            if kind_of == "complaint":
                near = [c for c in complaints if c[3] <= at]
                if not near:
                    kind_of = "guest_opinion"
                else:
                    complaint = near[-1 - rng.randrange(min(3, len(near)))]
            chinese = guest.chinese if guest else rng.random() < 0.7
            room = (complaint[2] if complaint else None) or (guest.room if guest else None)
            if kind_of == "incident":
                case = ASHTRAY if n == ashtray_slot and i == 0 else rng.choice(INCIDENTS)
                text = case["text"][0 if chinese else 1]
            else:
                text = rng.choice(TEXTS[kind_of])[0 if chinese else 1]
            if "{room}" in text and not room:
                room = rng.choice(("1208", "0816", "1502", "0623"))
            entry = LogEntry(shift_id=shift.id, entry_type=kind_of, occurred_at=at, author_id=manager,
                             room_no=room,
                             guest_id=(complaint[1] if complaint else None) or (guest.id if guest else None),
                             complaint_id=complaint[0] if complaint else None,
                             text=text.replace("{room}", room or ""))
            if kind_of in ("complaint", "handover", "incident") or rng.random() < 0.2:
                entry.followup_required = True
                entry.followup_due_at = at + timedelta(hours=rng.choice((2, 4, 8, 24)))
            s.add(entry)
            s.flush()
            entries += 1
            if entry.followup_required:
                open_followups.append(entry)
            if kind_of == "incident":
                _incident(s, entry, case, chinese)
        close_at = end_utc - timedelta(minutes=rng.randint(1, 12))
        # follow-ups are done by later shifts: older ones almost always, recent ones sometimes
        for entry in list(open_followups):
            age = (close_at - entry.occurred_at).total_seconds() / 3600
            if entry.shift_id != shift.id and rng.random() < min(0.95, age / 30):
                entry.followup_done_by = manager
                entry.followup_done_at = close_at - timedelta(minutes=rng.randint(15, 120))
                open_followups.remove(entry)
        for entry in open_followups:
            s.add(ShiftHandoverItem(shift_id=shift.id, item_kind="followup", log_entry_id=entry.id,
                                    summary=" ".join(entry.text.split())[:300], due_at=entry.followup_due_at))
        if n == len(slots) - 1:
            for cid, words, due in s.execute(select(Complaint.id, Complaint.guest_words, Complaint.due_close_at)
                                             .where(Complaint.state.not_in(CLOSED_COMPLAINT_STATES))):
                s.add(ShiftHandoverItem(shift_id=shift.id, item_kind="complaint", complaint_id=cid,
                                        summary=" ".join(words.split())[:300], due_at=due))
        shift.closed_by, shift.closed_at = manager, close_at
        shift.handover_note = rng.choice((None, "一切正常。", "All quiet.", "请关注待跟进事项。",
                                          "Please watch the open follow-ups."))
        if n < len(slots) - 1:
            shift.status = "acknowledged"
            shift.acknowledged_by, shift.acknowledged_at = incoming, close_at + timedelta(minutes=rng.randint(3, 15))
        if rng.random() < 0.08 and n < len(slots) - 2:
            original = s.scalars(select(LogEntry).where(LogEntry.shift_id == shift.id).limit(1)).first()
            if original is not None:
                s.add(LogEntry(shift_id=shift.id, entry_type=original.entry_type, occurred_at=close_at + timedelta(hours=3),
                               author_id=incoming, room_no=original.room_no, guest_id=original.guest_id,
                               complaint_id=original.complaint_id, amends_id=original.id,
                               text=rng.choice(("补充：经核实，时间应为晚一小时。", "Addendum: checked again, it was an hour later."))))
                entries += 1
        s.flush()
    return entries


def _incident(s: Session, entry: LogEntry, case: dict, chinese: bool) -> None:
    pick = lambda v: v if not isinstance(v, tuple) else v[0 if chinese else 1]  # noqa: E731
    row = Incident(log_entry_id=entry.id, item=pick(case["item"]), item_value_cents=case["value"],
                   guest_position=pick(case["position"]), evidence=pick(case["evidence"]),
                   conclusion=pick(case["conclusion"]), compensation_asked_cents=case["asked"],
                   compensation_agreed_cents=case["agreed"], compensation_waived=case["waived"],
                   outcome=pick(case["outcome"]))
    s.add(row)
    s.flush()
    for order, (name, role, statement) in enumerate(case["witnesses"]):
        s.add(IncidentWitness(incident_id=row.id, name=name, role=role, statement=statement, order_no=order))


def _managers(s: Session) -> list[int]:
    ids = list(s.scalars(select(User.id).where(User.role.in_(("lobby_manager", "manager")), User.status == "active")
                         .order_by(User.id)))
    for username, shown in DEMO_MANAGERS:
        if len(ids) >= 3:
            break
        user = User(username=username, display_name=shown, role="lobby_manager", password_hash="!", status="disabled")
        s.add(user)
        s.flush()
        ids.append(user.id)
    return ids


def _in_house(s: Session, day: date) -> list[_Guest]:
    rows = s.execute(select(Guest.id, Guest.family_name, Guest.vip_code, Stay.room_no)
                     .join(Stay, Stay.guest_id == Guest.id)
                     .where(Stay.arrival_date <= day, Stay.departure_date > day,
                            Stay.status.in_(("in_house", "checked_out")), Guest.status == "active")
                     .limit(60))
    return [_Guest(gid, room, bool(_CJK.search(family or "")), bool(vip)) for gid, family, vip, room in rows]


def _utc(day: date, pattern) -> datetime:
    return datetime.combine(day, pattern.morning).astimezone()
