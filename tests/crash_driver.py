"""The child process of the crash-safety harness (tests/hardening/test_crash_safety.py).

``python -m tests.crash_driver SCENARIO DATABASE_URL ACK_FILE [ARG]`` does work until it is
killed, and appends one line to ACK_FILE for every write a service call acknowledged (the call
returned), flushed and fsynced before the next call starts. ``ready`` is written once the
imports (and the first round of work, which loads the rest lazily) are done, so the harness's
random kill lands in the work, not in Python's start-up.

Scenarios: ``cards`` (create and rename guest cards), ``complaint`` (receive a complaint and take
the apology step), ``import`` (``hotelcrm import guests ARG``, the CSV) and ``migrate``
(``hotelcrm db upgrade``); the last two write ``done <exit code>`` when the command returned.
"""

from __future__ import annotations

import os
import sys
from itertools import count


class Acks:
    def __init__(self, path: str):
        self._file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the process

    def __call__(self, *parts: object) -> None:
        self._file.write(" ".join(str(p) for p in parts) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())


def cards(url: str, ack: Acks) -> None:
    from hotelcrm.db.engine import Database
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.guest_card_service import GuestCardService
    from hotelcrm.services.guest_dto import ContactDraft, GuestDraft

    service = GuestCardService(Database.open(url), Actor.system())
    for n in count():
        card = service.create(GuestDraft(family_name="Crash", given_name=f"C{n}",
                                         contacts=(ContactDraft("email", f"c{n}@crash.test"),)))
        ack("card", card.id, card.given_name)
        card = service.update(card.id, card.version, GuestDraft(family_name="Crash", given_name=f"C{n}R"))
        ack("card", card.id, card.given_name)
        if n == 0:
            ack("ready")  # after the first round: the lazy loading (pinyin ...) is behind us


def complaint(url: str, ack: Acks) -> None:
    from hotelcrm.db.engine import Database
    from hotelcrm.services.actor import Actor
    from hotelcrm.services.complaint_config_service import ComplaintConfigService
    from hotelcrm.services.complaint_dto import ApologyInput, NewComplaint
    from hotelcrm.services.complaint_service import ComplaintService

    db, actor = Database.open(url), Actor.system()
    service = ComplaintService(db, actor)
    category = ComplaintConfigService(db, actor).categories()[0].id
    for n in count():
        detail = service.receive(NewComplaint(channel="in_person", category_id=category, severity="medium",
                                              guest_words=f"Crash test complaint {n}: the fan is loud."))
        ack("complaint", detail.number, detail.state)
        detail = service.apologize(detail.id, detail.version, ApologyInput(f"Apologised at the desk ({n})"))
        ack("complaint", detail.number, detail.state)
        if n == 0:
            ack("ready")


def command(argv: list[str], ack: Acks) -> None:
    from hotelcrm.cli import main
    from hotelcrm.services import guest_import_service, maintenance_service  # noqa: F401 - loaded before "ready"

    ack("ready")
    ack("done", main(argv))


def main(argv: list[str]) -> None:
    scenario, url, ack_path = argv[:3]
    ack = Acks(ack_path)
    if scenario == "cards":
        cards(url, ack)
    elif scenario == "complaint":
        complaint(url, ack)
    elif scenario == "import":
        command(["import", "guests", argv[3], "--db", url], ack)
    elif scenario == "migrate":
        command(["db", "upgrade", "--db", url], ack)
    else:
        raise SystemExit(f"unknown scenario {scenario}")


if __name__ == "__main__":
    main(sys.argv[1:])
