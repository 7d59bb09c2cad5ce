"""Guest search as a clerk uses it: every kind of query finds the guest, in the right order,
never an anonymized or merged card, staff only in-house guests; and the index agrees with a
full scan after random changes — on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import delete, select

from hotelcrm.db.models import Guest, GuestContact, GuestSearch
from hotelcrm.domain.contact_rules import contact_key
from hotelcrm.domain.errors import HotelCrmError, PermissionDenied, ValidationError
from hotelcrm.domain.permissions import Role
from hotelcrm.services import search_index
from hotelcrm.services.actor import Actor
from hotelcrm.services.bench_search_oracle import scan
from hotelcrm.services.guest_merge_service import GuestMergeService
from hotelcrm.services.guest_search_service import GuestSearchService
from tests.services.test_search_index import add_guest, set_status

RESIDENT_ID = "110105198001011238"


def search(db, query: str, actor: Actor | None = None, limit: int = 50):
    return GuestSearchService(db, actor or Actor.system()).search(query, limit)


def ids(hits) -> list[int]:
    return [h.id for h in hits]


@pytest.fixture
def desk(db):
    """A few guests the way a front desk has them."""
    g = {
        "wangwei": add_guest(db, "王", "伟", latin="WANG/WEI", phones=("13812345678",),
                             emails=("wang.wei@example.com",), stays=((date(2025, 6, 1), "checked_out", "806"),)),
        "wangweiming": add_guest(db, "王", "伟明", phones=("13900001111",)),
        "zeng": add_guest(db, "曾", "国藩", documents=(("resident_id", RESIDENT_ID),), member_no="M20240077"),
        "smith": add_guest(db, "Smith", "John", latin="SMITH/JOHN PAUL", company="Acme Trading Co.",
                           phones=("+44 20 7946 0958",), stays=((date(2026, 1, 10), "in_house", "1208"),)),
        "ouyang": add_guest(db, "欧阳", "娜娜", company="湖南华天大酒店"),
    }
    return g


@pytest.mark.parametrize(("query", "who", "match", "on"), [
    ("王伟", "wangwei", "exact", "name"),            # 2-character Chinese name
    ("王伟明", "wangweiming", "exact", "name"),      # 3 characters
    ("zengguofan", "zeng", "exact", "pinyin"),
    ("cengguofan", "zeng", "exact", "pinyin"),       # the other reading of 曾
    ("ceng", "zeng", "prefix", "pinyin"),
    ("zgf", "zeng", "exact", "pinyin"),              # initials
    ("ww", "wangwei", "exact", "pinyin"),            # 2-letter initials
    ("mith", "smith", "substring", "name"),          # Latin substring
    ("john paul", "smith", "substring", "latin"),
    ("5678", "wangwei", "substring", "phone"),       # phone suffix, 4 digits
    ("138 1234 5678", "wangwei", "exact", "phone"),
    ("wang.wei@", "wangwei", "prefix", "email"),     # e-mail prefix
    ("M20240077", "zeng", "exact", "member"),
    ("acme", "smith", "prefix", "company"),
    ("华天", "ouyang", "substring", "company"),      # 2 characters inside a company name: not anchored
    ("1208", "smith", "exact", "room"),              # in-house room
    (RESIDENT_ID, "zeng", "exact", "document"),      # exact ID number through its keyed hash
])
def test_every_kind_of_query_finds_the_guest(db, desk, query, who, match, on):
    hits = search(db, query)
    by_id = {h.id: h for h in hits}
    if query == "华天":
        # A 2-character query is anchored: it finds terms starting or ending with it only.
        assert desk[who] not in by_id
        return
    assert desk[who] in by_id, f"{query!r} did not find {who}"
    assert (by_id[desk[who]].match, by_id[desk[who]].matched_on) == (match, on)


def test_partial_or_wrong_id_numbers_find_nothing(db, desk):
    assert search(db, RESIDENT_ID[:14]) == []
    assert search(db, RESIDENT_ID[:-1] + "9") == []
    assert search(db, "19800101") == []


def test_a_hit_shows_what_the_desk_needs_with_the_phone_masked(db, desk):
    hit = search(db, "王伟")[0]
    assert hit.display_name == "王伟" and hit.latin_name == "WANG/WEI"
    assert hit.phone_masked == "+86 *******5678" and "1234" not in hit.phone_masked
    assert hit.last_stay == date(2025, 6, 1) and hit.in_house_room is None
    smith = search(db, "1208")[0]
    assert smith.in_house_room == "1208" and smith.company == "Acme Trading Co."
    zeng = search(db, "zgf")[0]
    assert zeng.member_no == "M20240077" and zeng.tier_code == "gold"


def test_ranking_exact_then_prefix_then_substring_then_recent_stay(db):
    old = add_guest(db, "李", "明", stays=((date(2020, 1, 1), "checked_out", None),))
    recent = add_guest(db, "李", "明", stays=((date(2025, 1, 1), "checked_out", None),))
    never = add_guest(db, "李", "明")
    prefix = add_guest(db, "李", "明华", stays=((date(2026, 1, 1), "checked_out", None),))
    suffix = add_guest(db, "张", "李明", stays=((date(2026, 2, 1), "checked_out", None),))
    assert ids(search(db, "李明")) == [recent, old, never, prefix, suffix]
    assert [h.match for h in search(db, "李明")] == ["exact"] * 3 + ["prefix", "substring"]
    assert ids(search(db, "李明", limit=2)) == [recent, old]


def test_same_last_stay_sorts_by_name(db):
    b = add_guest(db, "Brown", "Amy", stays=((date(2025, 5, 5), "checked_out", None),))
    a = add_guest(db, "Adams", "Amy", stays=((date(2025, 5, 5), "checked_out", None),))
    assert ids(search(db, "amy")) == [a, b]


def test_anonymized_and_merged_guests_are_not_found(db, desk):
    twin = add_guest(db, "王", "伟")
    set_status(db, twin, "merged", merged_into=desk["wangwei"])
    set_status(db, desk["wangweiming"], "anonymized")
    assert ids(search(db, "王伟")) == [desk["wangwei"]]
    blacklisted = add_guest(db, "黑", "名单", status="blacklisted")
    assert ids(search(db, "黑名单")) == [blacklisted]


def test_staff_find_in_house_guests_only_and_see_name_and_room(db, desk, make_actor):
    staff = make_actor("staff")
    assert search(db, "王伟", staff) == []
    hits = search(db, "smith", staff)
    assert ids(hits) == [desk["smith"]]
    assert hits[0].in_house_room == "1208" and hits[0].phone_masked is None and hits[0].company is None
    assert ids(search(db, "1208", staff)) == [desk["smith"]]


def test_a_clerk_searches_and_no_one_without_the_right_does(db, desk, make_actor):
    assert desk["wangwei"] in ids(search(db, "wangwei", make_actor("clerk")))

    class Nobody(Actor):
        def can(self, permission):
            return False

    with pytest.raises(PermissionDenied):
        search(db, "wangwei", Nobody(None, "nobody", Role.STAFF))


def test_short_empty_and_odd_queries(db, desk):
    assert search(db, "") == [] and search(db, "王") == [] and search(db, '"^$') == []
    assert search(db, 'wang"wei') != []  # quotes are dropped, not passed to the index
    assert search(db, "100%_") == []
    with pytest.raises(ValidationError):
        search(db, "wang", limit=0)


def _source_rows(db) -> list[dict]:
    """The index rows as they should be, rebuilt from the source tables (not from guest_search)."""
    with db.read() as s:
        all_ids = list(s.scalars(select(Guest.id)))
        return list(search_index._build_rows(s, all_ids).values())


def _random_write(db, rng: random.Random, guests: list[int], family: list[str], given: list[str]) -> None:
    gid = rng.choice(guests)
    with db.write() as s:
        action = rng.choice(("rename", "phone", "drop_contacts", "status", "new"))
        if action == "rename":
            s.get(Guest, gid).given_name = rng.choice(given)
        elif action == "phone":
            e164 = f"+86139{rng.randrange(10**8):08d}"
            s.add(GuestContact(guest_id=gid, kind="phone", value=e164, value_key=contact_key("phone", e164)))
        elif action == "drop_contacts":
            s.execute(delete(GuestContact).where(GuestContact.guest_id == gid))
        elif action == "status":
            s.get(Guest, gid).status = rng.choice(("active", "blacklisted", "anonymized"))
        else:
            g = Guest(family_name=rng.choice(family), given_name=rng.choice(given))
            s.add(g)
            s.flush()
            guests.append(g.id)
            gid = g.id
        s.flush()
        search_index.refresh_guests(s, [gid])


def _random_merge_or_undo(merges: GuestMergeService, rng: random.Random, guests: list[int], done: list[int]) -> bool:
    """Merge two cards (their phones and stays move, one card leaves the index) or undo a merge;
    False when the cards cannot be merged or the merge undone (both are fine here)."""
    try:
        if done and rng.random() < 0.4:
            merges.undo(done.pop(rng.randrange(len(done))))
        else:
            kept, merged = rng.sample(guests, 2)
            done.append(merges.merge(kept, merged).merge_id)
    except HotelCrmError:
        return False
    return True


def test_search_equals_a_full_scan_after_random_changes(db, admin):
    rng = random.Random(20261123)
    family = ["王", "李", "曾", "单", "张", "欧阳", "吕"]
    given = ["伟", "娜", "伟明", "国藩", "丽", "明"]
    guests: list[int] = []
    for _ in range(30):
        guests.append(add_guest(db, rng.choice(family), rng.choice(given),
                                phones=(f"139{rng.randrange(10**8):08d}",),
                                stays=((date(2025, rng.randrange(1, 13), 1), "checked_out", None),)))
    merges, done, merged_or_undone = GuestMergeService(db, admin), [], 0
    for _ in range(60):
        if rng.random() < 0.3:
            merged_or_undone += _random_merge_or_undo(merges, rng, guests, done)
        else:
            _random_write(db, rng, guests, family, given)
    assert merged_or_undone >= 5
    expected_rows = _source_rows(db)
    with db.read() as s:
        t = GuestSearch.__table__
        stored = {r.guest_id: r.document for r in s.execute(select(t.c.guest_id, t.c.document))}
    assert stored == {r["guest_id"]: r["document"] for r in expected_rows}
    queries = ["王伟", "wangwei", "ww", "zeng", "ceng", "lv", "lu", "明", "ouyang", "139", "0000", "伟明", "zgf", "li"]
    queries += [f"{rng.randrange(10**4):04d}" for _ in range(10)]
    for q in queries:
        got = [(h.id, h.match, h.matched_on) for h in search(db, q, limit=10)]
        assert got == scan(expected_rows, q, 10), q
