"""Stay rows of the export, in the columns ``import stays`` reads (DESIGN.md §2.8): the guest's
finders (member number, ID document, e-mail, phone) and names, then the stay. Amounts in currency
units with two decimals. ID numbers masked unless the user may reveal them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotelcrm.db.models import Guest, GuestContact, GuestDocument, Membership, Stay
from hotelcrm.domain.export_cells import amount
from hotelcrm.domain.id_numbers import mask_document_number

HEADER = ("family_name", "given_name", "latin_name", "member_no", "id_type", "id_number", "email", "phone",
          "arrival", "departure", "room_no", "room_type", "rate", "currency", "channel", "segment",
          "spend_room", "spend_fnb", "spend_other", "status", "adults", "children", "external_ref")
CHUNK = 5000


def stay_batches(s: Session, reveal: bool) -> Iterator[tuple[list[list], int]]:
    ids = list(s.scalars(select(Stay.id).order_by(Stay.arrival_date, Stay.id)))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        stays = {st.id: st for st in s.scalars(select(Stay).where(Stay.id.in_(chunk)))}
        guests = _guests(s, {st.guest_id for st in stays.values()}, reveal)
        rows = []
        for sid in chunk:
            st = stays[sid]
            g = guests.get(st.guest_id, {})
            rows.append([g.get("family_name"), g.get("given_name"), g.get("latin_name"), g.get("member_no"),
                         g.get("id_type"), g.get("id_number"), g.get("email"), g.get("phone"),
                         st.arrival_date, st.departure_date, st.room_no, st.room_type, amount(st.rate_cents),
                         st.currency, st.channel, st.segment, amount(st.spend_room_cents),
                         amount(st.spend_fnb_cents), amount(st.spend_other_cents), st.status, st.adults,
                         st.children, st.external_ref])
        yield rows, len(ids)


def _guests(s: Session, ids: set[int], reveal: bool) -> dict[int, dict]:
    out: dict[int, dict] = defaultdict(dict)
    wanted = sorted(ids)
    for g in s.execute(select(Guest.id, Guest.family_name, Guest.given_name, Guest.latin_name)
                       .where(Guest.id.in_(wanted))):
        out[g.id].update(family_name=g.family_name, given_name=g.given_name, latin_name=g.latin_name)
    for gid, member_no in s.execute(select(Membership.guest_id, Membership.member_no)
                                    .where(Membership.guest_id.in_(wanted))):
        out[gid]["member_no"] = member_no
    for d in s.execute(select(GuestDocument.guest_id, GuestDocument.doc_type, GuestDocument.number)
                       .where(GuestDocument.guest_id.in_(wanted))
                       .order_by(GuestDocument.is_primary.desc(), GuestDocument.id)):
        if "id_number" not in out[d.guest_id]:
            out[d.guest_id].update(id_type=d.doc_type,
                                   id_number=d.number if reveal else mask_document_number(d.number))
    for c in s.execute(select(GuestContact.guest_id, GuestContact.kind, GuestContact.value)
                       .where(GuestContact.guest_id.in_(wanted), GuestContact.kind.in_(("phone", "email")))
                       .order_by(GuestContact.is_primary.desc(), GuestContact.id)):
        out[c.guest_id].setdefault(c.kind, c.value)
    return out
