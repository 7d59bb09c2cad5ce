"""A new card made of one prepared row is stored from the tuples its row prepared
(``guest_import_prep.NewCardRows``: stored values, dates as ISO text, ids put in front by the
writer). Every column of every row it writes equals what the writer's own path (dicts through
``bulk_rows.insert_rows``, used for a card with a company or made of several rows) stores for the
same file, on both backends; a part the prepared tuples do not know sends the card that way."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from hotelcrm.config import sqlite_url
from hotelcrm.db.engine import Database
from hotelcrm.db.models import (
    AuditEntry,
    Guest,
    GuestContact,
    GuestDocument,
    GuestPreference,
    GuestSearch,
    SpecialDate,
)
from hotelcrm.domain import guest_csv
from hotelcrm.services import guest_import_prep, import_bench
from hotelcrm.services.actor import Actor
from hotelcrm.services.guest_import_service import GuestImportService
from tests.services.test_guest_import_service import rid, write_csv

SKIPPED = {"id", "created_at", "updated_at", "number_hash", "at"}  # the hash key is per database
HEADER = ["family_name", "given_name", "latin_name", "gender", "birth_date", "nationality", "id_type", "id_number",
          "phone", "email", "position", "language", "vip_code", "preferences", "taboos", "notes", "birthday",
          "anniversary"]
ROWS = [
    ["欧阳", "娜娜", "Ouyang Nana", "F", "1990-01-01", "CHN", "resident_id", rid("31010419900101002"),
     "13912345678", "nana@example.com", "经理", "zh", "V1", "room.pillow_height=low", "不吃香菜", "常住 8 楼",
     "01-01", "2015-06-18"],
    ["Müller", "Jürgen", "", "M", "", "DEU", "passport", "C01X00T47", "+49 30 901820", "", "", "de", "", "", "",
     "", "", ""],
    ["", "", "Ada Lovelace", "", "", "GBR", "", "", "", "ada@example.org", "", "", "", "", "", "", "--12-10", ""],
]


def stored(db) -> dict[str, list[tuple]]:
    """Every compared column of every row, guest ids replaced by the card's place in id order."""
    with db.read() as s:
        place = {gid: n for n, gid in enumerate(s.scalars(select(Guest.id).order_by(Guest.id)))}
        found = {}
        for model in (Guest, GuestDocument, GuestContact, GuestPreference, SpecialDate, GuestSearch):
            columns = [c for c in model.__table__.c if c.name not in SKIPPED]
            keyed = [c.name == "guest_id" or (model is Guest and c.name == "merged_into_id") for c in columns]
            found[model.__tablename__] = sorted(
                tuple(place.get(v, v) if k else v for v, k in zip(row, keyed, strict=True))
                for row in s.execute(select(*columns)))
        found["audit_log"] = sorted(
            (a.actor_name, a.action, a.entity, place[int(a.entity_id)], a.new_value, a.note)
            for a in s.execute(select(AuditEntry).where(AuditEntry.entity == "guest")).scalars())
    return found


def test_prepared_new_cards_store_what_the_writer_builds_itself(db, sqlite_template, tmp_path, monkeypatch):
    path = tmp_path / "guests.csv"
    import_bench.write_guest_file(path, 200, seed=11)
    with path.open(encoding="utf-8") as f:
        bench_rows = [line.rstrip("\n").split(",") for line in f][1:]
    write_csv(path, HEADER, ROWS + [[*r[:10], *[""] * 6, r[10], ""] for r in bench_rows])
    admin = Actor.system()
    prepared = GuestImportService(db, admin).import_guests(path)
    other_path = tmp_path / "built.db"
    other_path.write_bytes(sqlite_template.read_bytes())
    built_db = Database.open(sqlite_url(other_path))
    monkeypatch.setattr(guest_import_prep, "_new_card", lambda *args: None)
    built = GuestImportService(built_db, admin).import_guests(path)
    assert (prepared.imported, prepared.matched, prepared.rejected) == (built.imported, built.matched, built.rejected)
    assert prepared.imported > 180 and prepared.errors == built.errors
    assert stored(db) == stored(built_db)
    built_db.dispose()


def test_a_part_with_a_field_the_tuples_do_not_know_goes_the_writers_way(db, admin):
    header = guest_csv.parse_header(HEADER)
    parsed, problems = guest_csv.parse_row(header, ROWS[0], 2)
    assert problems == [] and guest_import_prep.prepare(parsed, b"k" * 32).new_card is not None
    odd = dataclasses.replace(parsed, special_dates=({**parsed.special_dates[0], "note": "?"},))
    assert guest_import_prep.prepare(odd, b"k" * 32).new_card is None


def test_a_row_from_the_worker_comes_without_the_parts_its_new_card_holds_and_gets_them_back():
    """Pickled (as the worker sends it), a prepared row leaves out its documents, contacts and
    dates; ``whole`` puts back the very dicts the rules parsed, dates and labels included."""
    import pickle
    from datetime import date

    header = guest_csv.parse_header(HEADER)
    rows = [guest_csv.parse_row(header, cells, n)[0] for n, cells in enumerate(ROWS, start=2)]
    with_expiry = dataclasses.replace(rows[1], documents=({**rows[1].documents[0], "expiry_date": date(2031, 5, 6)},),
                                      contacts=({**rows[1].contacts[0], "label": "work"},))
    for parsed in [*rows, with_expiry]:
        prepared = guest_import_prep.prepare(parsed, b"k" * 32)
        sent = pickle.loads(pickle.dumps(prepared))
        assert sent.new_card == prepared.new_card and sent.documents is None and sent.contacts is None
        assert guest_import_prep.whole(sent) == prepared
        assert guest_import_prep.whole(prepared) is prepared
