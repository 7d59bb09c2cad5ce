"""Today's shift at a glance: the open shift, handovers awaiting acknowledgement, open and
overdue follow-ups, open complaints, VIPs in the house, and what the last handover carried over."""

from __future__ import annotations

from sqlalchemy import select

from hotelcrm.db.models import Guest, Shift, Stay, utcnow
from hotelcrm.domain import logbook_shifts as shifts
from hotelcrm.domain.guest_rules import display_name
from hotelcrm.domain.permissions import Permission

from . import logbook_queries as q
from .base import Service
from .logbook_dto import Glance, VipInHouse
from .logbook_shift_service import local_now, read_pattern


class LogbookGlanceService(Service):
    def glance(self) -> Glance:
        self._require(Permission.LOG_READ)
        now = utcnow()
        with self._read() as s:
            day, kind = shifts.shift_for(local_now().replace(tzinfo=None), read_pattern(s))
            open_shift = s.scalars(select(Shift).where(Shift.status == "open").limit(1)).first()
            awaiting = s.scalars(select(Shift).where(Shift.status == "closed").order_by(Shift.closed_at))
            last_ack = s.scalars(select(Shift).where(Shift.status == "acknowledged")
                                 .order_by(Shift.acknowledged_at.desc()).limit(1)).first()
            carried = tuple(i for i in q.handover_info(s, last_ack).items if i.still_open) if last_ack else ()
            vips = s.execute(select(Guest, Stay.room_no, Stay.departure_date)
                             .join(Stay, Stay.guest_id == Guest.id)
                             .where(Stay.status == "in_house", Guest.vip_code.is_not(None), Guest.vip_code != "")
                             .order_by(Stay.room_no))
            return Glance(
                now=now, expected_date=day, expected_kind=kind,
                shift=q.shift_info(s, open_shift) if open_shift else None,
                awaiting_ack=tuple(q.handover_info(s, sh) for sh in awaiting),
                open_followups=tuple(q.entry_infos(s, q.open_followups(s), now)),
                open_complaints=tuple(q.open_complaint_items(s)),
                vips_in_house=tuple(VipInHouse(g.id, display_name(g.family_name, g.given_name, g.latin_name),
                                               g.vip_code, room, departure) for g, room, departure in vips),
                carried_over=carried,
            )
