"""A transaction the database refuses for now is run again: a real PostgreSQL deadlock (40P01)
and a real serialization failure (40001) between two desks, and a SQLite file still locked after
``busy_timeout``; after the last attempt the refusal reaches the caller as ``Busy`` and nothing
was written. Every service method that opens a write transaction is retried, except the listed
ones (files, several transactions: docs/hardening.md)."""

from __future__ import annotations

import inspect
import re
import threading

import pytest
from sqlalchemy import select, text, update

from hotelcrm.db import engine as engine_module
from hotelcrm.db.engine import Database
from hotelcrm.db.models import Guest
from hotelcrm.db.storage import sqlite_module
from hotelcrm.domain.errors import Busy
from hotelcrm.i18n import error_text
from hotelcrm.services import base
from hotelcrm.services.actor import Actor
from hotelcrm.services.base import Service, retry_transient
from hotelcrm.services.demo_service import DemoService
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import ContactDraft, GuestDraft
from tests.services.test_permission_map import _service_classes

# Write methods a ``Busy`` refusal is NOT run again for (each with its reason in the class's
# ``not_retried`` and in docs/hardening.md): they write files or commit several transactions.
NOT_RETRIED = {"BackupService.backup", "BackupService.restore", "ExportService.export",
               "PrivacyService.run_retention", "DemoService.load"}
OPENS_WRITE = re.compile(r"\bself\._write\(")


def write_methods() -> dict[str, object]:
    """Every method (mixins' and private ones included) of a product service whose source text
    opens ``self._write`` — found from the source, not the way ``base.Service`` finds them."""
    found = {}
    for cls in _service_classes():
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            if OPENS_WRITE.search(inspect.getsource(inspect.unwrap(member))):
                found[f"{cls.__name__}.{name}"] = member
    return found


def test_every_write_method_is_retried_except_the_listed_ones():
    writes = write_methods()
    assert len(writes) > 80 and NOT_RETRIED <= writes.keys()
    retried = {name for name, member in writes.items() if getattr(member, "retries_transient", False)}
    assert sorted(writes.keys() - retried - NOT_RETRIED) == []  # a write without the retry
    assert sorted(retried & NOT_RETRIED) == []
    declared = {f"{cls.__name__}.{name}": reason for cls in _service_classes()
                for name, reason in cls.not_retried.items()}
    assert declared.keys() == NOT_RETRIED and all(len(reason) > 20 for reason in declared.values())


def test_every_public_write_of_the_permission_map_reaches_a_retried_transaction():
    """A public method that writes through a helper (``update`` → ``_save``, a complaint step →
    ``_step``) is covered when the helper is retried."""
    from hotelcrm.services.permission_map import METHOD_PERMISSIONS

    writes = write_methods()
    classes = {cls.__name__: cls for cls in _service_classes()}
    uncovered = []
    for key in METHOD_PERMISSIONS:
        class_name, name = key.split(".")
        member = getattr(classes[class_name], name)
        calls = set(re.findall(r"self\.(\w+)\(", inspect.getsource(inspect.unwrap(member))))
        reached = [f"{class_name}.{n}" for n in calls | {name} if f"{class_name}.{n}" in writes]
        if any(r not in NOT_RETRIED and not getattr(writes[r], "retries_transient", False) for r in reached):
            uncovered.append(key)
    assert uncovered == []


class CrossedDesk:
    """Updates two guests in the given order; on its first attempt it waits at ``meet`` after the
    first row, so two desks in opposite order lock each other: a deadlock."""

    def __init__(self, db, order: tuple[int, int], meet: threading.Barrier) -> None:
        self.db, self.service = db, Service(db, Actor.system())  # not a Service: no new service method
        self.order, self.meet, self.attempts = order, meet, 0

    @retry_transient
    def run(self) -> None:
        self.attempts += 1
        with self.service._write("guest") as (s, _audit):
            s.execute(text("SET LOCAL deadlock_timeout = '100ms'"))
            for number, guest_id in enumerate(self.order):
                s.execute(update(Guest).where(Guest.id == guest_id).values(position=f"desk {self.order[0]}"))
                if number == 0 and self.attempts == 1:
                    self.meet.wait()


class SkewedDesk:
    """A serializable transaction that reads both guests and writes its own: two at once are a
    write skew, and PostgreSQL refuses one of them with a serialization failure (40001)."""

    def __init__(self, db, order: tuple[int, int], meet: threading.Barrier) -> None:
        self.db, self.service = db, Service(db, Actor.system())  # not a Service: no new service method
        self.order, self.meet, self.attempts = order, meet, 0

    @retry_transient
    def run(self) -> None:
        self.attempts += 1
        with self.service._write("guest") as (s, _audit):
            s.execute(text("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"))
            seen = list(s.scalars(select(Guest.position).where(Guest.id.in_(self.order))))
            if self.attempts == 1:
                self.meet.wait()
            s.execute(update(Guest).where(Guest.id == self.order[0]).values(position=f"saw {len(seen)}"))


def two_guests(db) -> tuple[int, int]:
    with db.write() as s:
        rows = [Guest(family_name="甲", given_name="一"), Guest(family_name="乙", given_name="二")]
        s.add_all(rows)
        s.flush()
        return rows[0].id, rows[1].id


def run_both(desks) -> list[BaseException]:
    errors: list[BaseException] = []

    def go(desk):
        try:
            desk.run()
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)
        finally:
            desk.db.dispose()

    threads = [threading.Thread(target=go, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.mark.pg
def test_a_postgresql_serialization_failure_is_retried(pg_db):
    a, b = two_guests(pg_db)
    url = pg_db.engine.url.render_as_string(hide_password=False)
    meet = threading.Barrier(2)
    desks = [SkewedDesk(Database.open(url), (a, b), meet), SkewedDesk(Database.open(url), (b, a), meet)]
    assert run_both(desks) == []
    assert sorted(d.attempts for d in desks) == [1, 2]
    with pg_db.read() as s:
        assert sorted(s.scalars(select(Guest.position).where(Guest.id.in_((a, b))))) == ["saw 2", "saw 2"]


@pytest.mark.pg
def test_a_postgresql_deadlock_is_retried_and_both_desks_save(pg_db):
    a, b = two_guests(pg_db)
    url = pg_db.engine.url.render_as_string(hide_password=False)
    meet = threading.Barrier(2)
    desks = [CrossedDesk(Database.open(url), (a, b), meet), CrossedDesk(Database.open(url), (b, a), meet)]
    assert run_both(desks) == []
    assert sorted(d.attempts for d in desks) == [1, 2]  # PostgreSQL aborted one; it ran again
    retried = next(d for d in desks if d.attempts == 2)
    with pg_db.read() as s:  # the retried desk ran last, so its text is on both rows
        assert set(s.scalars(select(Guest.position).where(Guest.id.in_((a, b))))) == {f"desk {retried.order[0]}"}


@pytest.fixture
def locked_sqlite(sqlite_db, monkeypatch):
    """A second SQLite handle with a short busy timeout, and a blocker holding the write lock."""
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 20)
    card = GuestCardService(sqlite_db, Actor.system()).create(GuestDraft(family_name="张", given_name="三"))
    impatient = Database.open(sqlite_db.url)
    # the same SQLite library as the app: POSIX locks of one process do not conflict across two
    blocker = sqlite_module().connect(str(engine_module.sqlite_path(sqlite_db.url)), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    yield impatient, blocker, card
    blocker.close()
    impatient.dispose()


def draft(card, position: str) -> GuestDraft:
    return GuestDraft(family_name=card.family_name, given_name=card.given_name, position=position)


def test_sqlite_locked_beyond_the_busy_timeout_is_retried(locked_sqlite, monkeypatch):
    impatient, blocker, card = locked_sqlite
    pauses: list[float] = []

    def pause(seconds: float) -> None:  # the other desk commits while this one waits
        pauses.append(seconds)
        blocker.execute("COMMIT")

    monkeypatch.setattr(base, "_pause", pause)
    saved = GuestCardService(impatient, Actor.system()).update(card.id, card.version, draft(card, "前台"))
    assert len(pauses) == 1 and saved.position == "前台" and saved.version == card.version + 1


def test_a_lock_that_never_goes_away_reaches_the_caller_as_busy(locked_sqlite, monkeypatch):
    impatient, _blocker, card = locked_sqlite
    pauses: list[float] = []
    monkeypatch.setattr(base, "_pause", pauses.append)
    with pytest.raises(Busy) as refused:
        GuestCardService(impatient, Actor.system()).update(card.id, card.version, draft(card, "前台"))
    assert refused.value.code == "busy" and len(pauses) == base.WRITE_ATTEMPTS - 1
    assert error_text(refused.value, "en").startswith("The database is busy") and "guest" in \
        error_text(refused.value, "en")
    assert error_text(refused.value, "zh_CN").startswith("数据库正忙")
    with impatient.read() as s:
        assert s.get(Guest, card.id).position is None


def test_a_write_of_a_card_row_is_retried(locked_sqlite, monkeypatch):
    """A mixin's method (GuestPartsMixin.add_contact) is wrapped like the class's own."""
    impatient, blocker, card = locked_sqlite
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        blocker.execute("COMMIT")

    monkeypatch.setattr(base, "_pause", pause)
    saved = GuestCardService(impatient, Actor.system()).add_contact(card.id, ContactDraft("phone", "13800001234"))
    assert len(pauses) == 1 and [c.value for c in saved.contacts] == ["+8613800001234"]


def test_a_listed_write_is_not_run_again(locked_sqlite, monkeypatch):
    impatient, _blocker, _card = locked_sqlite
    pauses: list[float] = []
    monkeypatch.setattr(base, "_pause", pauses.append)
    with pytest.raises(Busy):
        DemoService(impatient, Actor.system()).load(guests=1, seed=1)
    assert pauses == []


def test_the_first_run_and_a_log_in_are_retried_like_the_services(sqlite_db, monkeypatch):
    """Setup and log-in write before anyone is logged in (no ``Service``), through the same
    transaction and retry."""
    from hotelcrm.services.auth_service import AuthService
    from hotelcrm.services.setup_service import SetupService

    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 20)
    impatient = Database.open(sqlite_db.url)
    blocker = sqlite_module().connect(str(engine_module.sqlite_path(sqlite_db.url)), isolation_level=None)
    pauses: list[float] = []

    def pause(seconds: float) -> None:  # the other desk commits while this one waits
        pauses.append(seconds)
        blocker.execute("COMMIT")

    monkeypatch.setattr(base, "_pause", pause)
    try:
        assert SetupService(impatient).needs_setup()
        blocker.execute("BEGIN IMMEDIATE")
        SetupService(impatient).initialize("Harbour Hotel", "boss", "Harbour-Hotel-2026")
        assert len(pauses) == 1
        blocker.execute("BEGIN IMMEDIATE")
        actor = AuthService(impatient).login("boss", "Harbour-Hotel-2026")
        assert len(pauses) == 2 and actor.username == "boss"
    finally:
        blocker.close()
        impatient.dispose()
