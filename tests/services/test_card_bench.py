"""``bench card`` on both backends: it opens and saves the heavy card, and its baseline (a bare
committed write of the card's row) changes nothing a user sees."""

from sqlalchemy import func, select

from hotelcrm.db.models import AuditEntry, Guest
from hotelcrm.services import card_bench
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import GuestDraft


def test_the_bench_saves_for_real_and_its_commit_baseline_changes_nothing(db, admin):
    GuestCardService(db, admin).create(GuestDraft(family_name="Smith", given_name="Anna"))  # no demo load
    result = card_bench.run(db, guests=1, runs=20)
    for figures in (result.open_ms, result.save_ms, result.commit_ms):
        assert set(figures) == {"p50", "p95"} and 0 < figures["p50"] <= figures["p95"]
    with db.read() as s:
        version = s.scalar(select(Guest.version).where(Guest.id == result.guest_id))
        audited = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "guest", AuditEntry.entity_id == str(result.guest_id), AuditEntry.action == "update"))
    assert version == 21 and audited == 20  # one version and one audit row per save, none per baseline write
    card = GuestCardService(db, admin).card(result.guest_id)
    assert (card.position, len(card.stays), len(card.complaints)) == ("Director", 100, 20)
