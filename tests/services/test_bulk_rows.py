"""``bulk_rows.insert_rows`` (both backends): rows of different shapes — some columns None in some
rows — go in with every value in its own column (SQLite groups the rows by the columns they
fill), time stamps and server defaults filled; ``new_ids`` continues after the highest id."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from hotelcrm.db.models import Guest
from hotelcrm.services.bulk_rows import insert_rows, new_ids


def test_rows_of_mixed_shapes_keep_every_value_in_its_column(db):
    rows = [
        {"family_name": "王", "given_name": "伟", "latin_name": None, "gender": "M", "birth_date": date(1980, 1, 2),
         "vip_code": None, "position": "经理"},
        {"family_name": "Smith", "given_name": "Ann", "latin_name": "Ann Smith", "gender": None, "birth_date": None,
         "vip_code": "V1", "position": None},
        {"family_name": "李", "given_name": "娜", "latin_name": None, "gender": "F", "birth_date": None,
         "vip_code": "V2", "position": None},
    ]
    with db.write() as s:
        ids = new_ids(s, Guest.__table__, len(rows))
        insert_rows(s, Guest.__table__, [{**r, "id": gid} for gid, r in zip(ids, rows, strict=True)])
    assert ids == list(range(ids[0], ids[0] + 3))
    with db.read() as s:
        got = s.execute(select(Guest.id, Guest.family_name, Guest.given_name, Guest.latin_name, Guest.gender,
                               Guest.birth_date, Guest.vip_code, Guest.position, Guest.status, Guest.version,
                               Guest.created_at).where(Guest.id.in_(ids)).order_by(Guest.id)).all()
    assert [tuple(g[1:8]) for g in got] == [tuple(r.values()) for r in rows]
    assert all(g.status == "active" and g.version == 1 and g.created_at is not None for g in got)
    with db.write() as s:
        assert new_ids(s, Guest.__table__, 2) == [ids[-1] + 1, ids[-1] + 2]
