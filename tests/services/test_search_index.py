"""The search index follows the cards: anchored terms, no clear ID number, anonymized and merged
guests removed, stays move a guest up; on SQLite the FTS5 table follows through triggers.

``add_guest`` writes a guest straight into the tables (as the card, stay and import services do)
and indexes it through ``search_index.refresh_guests``; the service tests use it too."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, text

from hotelcrm.db.engine import Database
from hotelcrm.db.models import (
    Company,
    Guest,
    GuestContact,
    GuestDocument,
    GuestSearch,
    LoyaltyTier,
    Membership,
    Stay,
)
from hotelcrm.domain.contact_rules import contact_key, normalize_email, normalize_phone
from hotelcrm.domain.id_numbers import document_hash
from hotelcrm.domain.search_query import split_document
from hotelcrm.services import search_index
from hotelcrm.services.settings_service import id_hash_key


def add_guest(db: Database, family: str = "", given: str = "", *, latin: str | None = None,
              phones: tuple[str, ...] = (), emails: tuple[str, ...] = (), company: str | None = None,
              member_no: str | None = None, documents: tuple[tuple[str, str], ...] = (),
              stays: tuple[tuple[date, str, str | None], ...] = (), status: str = "active") -> int:
    """A guest; ``stays`` are (arrival, status, room)."""
    with db.write() as s:
        company_id = None
        if company:
            c = Company(name=company)
            s.add(c)
            s.flush()
            company_id = c.id
        g = Guest(family_name=family, given_name=given, latin_name=latin, status=status, company_id=company_id)
        s.add(g)
        s.flush()
        for phone in phones:
            e164 = normalize_phone(phone)
            s.add(GuestContact(guest_id=g.id, kind="phone", value=e164, value_key=contact_key("phone", e164)))
        for email in emails:
            value = normalize_email(email)
            s.add(GuestContact(guest_id=g.id, kind="email", value=value, value_key=contact_key("email", value)))
        key = id_hash_key(s)
        for doc_type, number in documents:
            s.add(GuestDocument(guest_id=g.id, doc_type=doc_type, number=number,
                                number_hash=document_hash(doc_type, number, key)))
        if member_no:
            tier = s.scalar(select(LoyaltyTier).where(LoyaltyTier.code == "gold"))
            if tier is None:
                tier = LoyaltyTier(code="gold", name_en="Gold", name_zh="金卡", rank=2)
                s.add(tier)
                s.flush()
            s.add(Membership(guest_id=g.id, member_no=member_no, tier_id=tier.id, enrolled_on=date(2024, 1, 1)))
        for arrival, stay_status, room in stays:
            s.add(Stay(guest_id=g.id, status=stay_status, arrival_date=arrival,
                       departure_date=date.fromordinal(arrival.toordinal() + 2), room_no=room))
        s.flush()
        search_index.refresh_guests(s, [g.id])
        return g.id


def set_status(db: Database, guest_id: int, status: str, merged_into: int | None = None) -> None:
    with db.write() as s:
        g = s.get(Guest, guest_id)
        g.status = status
        g.merged_into_id = merged_into
        s.flush()
        search_index.refresh_guests(s, [guest_id])


# --- the index itself ----------------------------------------------------------------------------

def _row(db: Database, guest_id: int):
    table = GuestSearch.__table__
    with db.read() as s:
        return s.execute(select(table).where(table.c.guest_id == guest_id)).first()


def test_a_guest_becomes_anchored_terms_and_never_a_clear_id_number(db):
    gid = add_guest(db, "曾", "国藩", latin="ZENG/GUOFAN", phones=("13812345678",), emails=("Zeng@Example.com",),
                    company="湖南商会", member_no="M2024001", documents=(("passport", "E12345678"),))
    row = _row(db, gid)
    terms = row.document.split(" ")
    for term in ("^曾国藩$", "^zengguofan$", "^cengguofan$", "^zgf$", "^cgf$", "^8613812345678$",
                 "^13812345678$", "^zeng@example.com$", "^m2024001$", "^湖南商会$"):
        assert term in terms
    assert len(row.term_kinds.split(" ")) == len(terms)
    assert "E12345678".lower() not in row.document and "12345678$" not in row.document.replace("13812345678", "")
    assert row.member_no == "M2024001" and row.tier_code == "gold" and row.phone == "+8613812345678"


def test_anonymized_and_merged_guests_leave_the_index(db):
    keep = add_guest(db, "王", "伟")
    gone = add_guest(db, "王", "伟")
    anon = add_guest(db, "李", "娜")
    set_status(db, gone, "merged", merged_into=keep)
    set_status(db, anon, "anonymized")
    assert _row(db, keep) is not None
    assert _row(db, gone) is None and _row(db, anon) is None


def test_a_stay_moves_the_guest_up_and_shows_the_room(db):
    gid = add_guest(db, "张", "三", stays=((date(2025, 3, 1), "checked_out", "808"),))
    before = _row(db, gid)
    assert before.last_stay == date(2025, 3, 1) and before.in_house_room is None
    with db.write() as s:
        s.add(Stay(guest_id=gid, status="in_house", arrival_date=date(2026, 1, 5),
                   departure_date=date(2026, 1, 8), room_no="1208"))
        s.flush()
        search_index.refresh_guests(s, [gid])
    after = _row(db, gid)
    assert after.last_stay == date(2026, 1, 5) and after.in_house_room == "1208"
    assert after.rank_key < before.rank_key  # smaller ranks first


def test_rebuild_all_restores_a_lost_index(db):
    ids = [add_guest(db, "王", f"伟{i}") for i in range(3)]
    with db.write() as s:
        s.execute(text("DELETE FROM guest_search"))
    with db.write() as s:
        assert search_index.rebuild_all(s) == 3
    assert all(_row(db, i) is not None for i in ids)


def test_sqlite_fts_follows_the_table(sqlite_db):
    gid = add_guest(sqlite_db, "欧阳", "娜娜")

    def fts(q: str) -> list[int]:
        with sqlite_db.read() as s:
            return list(s.scalars(text("SELECT g.guest_id FROM guest_search_fts f JOIN guest_search g "
                                       "ON g.rank_key = f.rowid WHERE guest_search_fts MATCH :q"), {"q": q}))

    assert fts('"^欧阳"') == [gid]
    with sqlite_db.write() as s:
        s.get(Guest, gid).given_name = "倩"
        s.flush()
        search_index.refresh_guests(s, [gid])
    assert fts('"娜娜"') == [] and fts('"^欧阳倩$"') == [gid]
    set_status(sqlite_db, gid, "anonymized")
    assert fts('"^欧阳"') == []
    with sqlite_db.read() as s:
        check = s.execute(text("INSERT INTO guest_search_fts(guest_search_fts, rank) VALUES ('integrity-check', 1)"))
        assert check is not None


# --- building the index outside the migration -------------------------------------------------

def test_an_upgraded_database_with_guests_is_searchable(tmp_path):
    """Guests stored before the search revision: migrating brings the index (through
    ``maintenance_service.upgrade``, not the migration itself)."""
    from hotelcrm.config import Config, sqlite_url
    from hotelcrm.db import migrate
    from hotelcrm.services import maintenance_service
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.guest_search_service import GuestSearchService

    db = Database.open(sqlite_url(tmp_path / "old.db"))
    try:
        migrate.upgrade(db, "0001")
        with db.write() as s:
            s.execute(text("INSERT INTO guests (family_name, given_name, status, version) "
                           "VALUES ('王', '伟', 'active', 1), ('李', '娜', 'active', 1)"))
        maintenance_service.upgrade(db, Config(sqlite_url(tmp_path / "old.db"), tmp_path, None))
        hits = GuestSearchService(db, Actor.system()).search("wangwei")
        assert [(h.display_name, h.match) for h in hits] == [("王伟", "exact")]
        assert [h.display_name for h in GuestSearchService(db, Actor.system()).search("李娜")] == ["李娜"]
    finally:
        db.dispose()


def test_ensure_current_rebuilds_only_when_the_format_or_rows_are_off(db):
    gid = add_guest(db, "欧阳", "娜娜")
    with db.write() as s:
        assert search_index.ensure_current(s) is True  # no format recorded yet
    with db.write() as s:
        assert search_index.ensure_current(s) is False
        s.execute(text("DELETE FROM guest_search"))
    with db.write() as s:
        assert search_index.ensure_current(s) is True  # a row is missing
    with db.write() as s:
        s.execute(text("UPDATE settings SET value = '1' WHERE key = 'search.index_format'"))
    with db.write() as s:
        assert search_index.ensure_current(s) is True  # an older format
    assert _row(db, gid).display_name == "欧阳娜娜"


def test_a_full_rebuild_leaves_the_sqlite_fts_whole_and_its_triggers_working(sqlite_db):
    ids = [add_guest(sqlite_db, "王", f"伟{i}") for i in range(5)]
    with sqlite_db.write() as s:
        assert search_index.rebuild_all(s) == 5
    later = add_guest(sqlite_db, "王", "伟新")  # the triggers are back after the rebuild
    with sqlite_db.read() as s:
        s.execute(text("INSERT INTO guest_search_fts(guest_search_fts, rank) VALUES ('integrity-check', 1)"))
        found = set(s.scalars(text("SELECT g.guest_id FROM guest_search_fts f JOIN guest_search g "
                                   "ON g.rank_key = f.rowid WHERE guest_search_fts MATCH '\"^王伟\"'")))
        triggers = s.scalar(text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                                 "AND tbl_name = 'guest_search'"))
        # the exact-term table (migration 0009): every term of every row, nothing else
        terms = set(s.execute(text("SELECT term, rank_key FROM guest_search_terms")).all())
        expected = {(f"^{t}$", rank) for doc, rank in s.execute(text("SELECT document, rank_key FROM guest_search"))
                    for t in split_document(doc)}
    assert found == {*ids, later} and triggers == 6  # 3 for the FTS5 table, 3 for the terms
    assert terms == expected and ("^王伟新$", _row(sqlite_db, later).rank_key) in terms


def _terms_and_expected(db: Database) -> tuple[set, set]:
    with db.read() as s:
        terms = set(s.execute(text("SELECT term, rank_key FROM guest_search_terms")).all())
        expected = {(f"^{t}$", rank) for doc, rank in s.execute(text("SELECT document, rank_key FROM guest_search"))
                    for t in split_document(doc)}
    return terms, expected


def test_the_sqlite_exact_terms_follow_inserts_updates_and_deletes(sqlite_db):
    gid = add_guest(sqlite_db, "王", "伟")
    other = add_guest(sqlite_db, "O'Brien", "Back\\slash")
    terms, expected = _terms_and_expected(sqlite_db)
    assert terms == expected and ("^王伟$", _row(sqlite_db, gid).rank_key) in terms
    with sqlite_db.write() as s:
        s.get(Guest, gid).given_name = "维"
        s.flush()
        search_index.refresh_guests(s, [gid])
        s.execute(text("DELETE FROM guest_search WHERE guest_id = :g"), {"g": other})
    terms, expected = _terms_and_expected(sqlite_db)
    assert terms == expected
    assert not any(t == "^王伟$" for t, _ in terms) and ("^王维$", _row(sqlite_db, gid).rank_key) in terms
    assert not any("brien" in t for t, _ in terms)


def test_a_database_without_the_term_table_still_searches(sqlite_db, tmp_path):
    """A copy stamped at revision 0009 before the revision made the term table (development only)."""
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.guest_search_service import GuestSearchService

    gid = add_guest(sqlite_db, "王", "伟")
    with sqlite_db.write() as s:
        for name in ("guest_search_terms_ai", "guest_search_terms_ad", "guest_search_terms_au"):
            s.execute(text(f"DROP TRIGGER {name}"))
        s.execute(text("DROP TABLE guest_search_terms"))
    copy = Database.open(sqlite_db.url)  # a new engine: the table is looked for again
    try:
        assert [h.id for h in GuestSearchService(copy, Actor.system()).search("王伟")] == [gid]
        with copy.write() as s:
            assert search_index.rebuild_all(s) == 1
    finally:
        copy.dispose()
