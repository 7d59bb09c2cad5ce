"""``loyalty-statement`` and ``loyalty-summary`` through the CLI, in both languages: what a
manager reads on paper, the CJK font embedded, bad input refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from hotelcrm.db.engine import Database
from hotelcrm.db.models import Guest, PointsEntry, Stay
from hotelcrm.services.actor import Actor
from hotelcrm.services.loyalty_ledger_service import LoyaltyLedgerService
from hotelcrm.services.loyalty_member_service import LoyaltyMemberService
from hotelcrm.services.stay_dto import CheckoutDraft
from hotelcrm.services.stay_service import StayService
from tests.reports.pdf_tools import pdf_fonts, pdf_pages_text

TODAY = date.today()


@pytest.fixture
def member(cli, db_url) -> int:
    assert cli("db", "upgrade", "--db", db_url).code == 0
    db = Database.open(db_url)
    admin = Actor.system()
    try:
        with db.write() as s:
            guest = Guest(family_name="欧阳", given_name="修", latin_name="OUYANG XIU")
            s.add(guest)
            s.flush()
            stay = Stay(guest_id=guest.id, status="in_house", arrival_date=TODAY - timedelta(days=3),
                        departure_date=TODAY, room_no="1808", source="desk")
            s.add(stay)
            s.flush()
            guest_id, stay_id, version = guest.id, stay.id, stay.version
        membership = LoyaltyMemberService(db, admin).enrol(guest_id, tier_code="GOLD")
        StayService(db, admin).check_out(stay_id, version, CheckoutDraft(spend_room_cents=296_400,
                                                                         spend_fnb_cents=50_000))
        LoyaltyLedgerService(db, admin).redeem(membership.membership_id, 1_000, "早餐券 breakfast voucher")
        with db.read() as s:
            assert s.scalar(select(PointsEntry.id).where(PointsEntry.kind == "bonus")) is not None
        return guest_id
    finally:
        db.dispose()


def test_statement_in_english_and_chinese(cli, db_url, member, tmp_path):
    out = tmp_path / "statement.pdf"
    done = cli("report", "loyalty-statement", "--guest", str(member), "--out", str(out), "--db", db_url,
               "--lang", "en")
    assert done.code == 0, done.err
    text = "\n".join(pdf_pages_text(out))
    assert "Member statement" in text and "M000001" in text
    assert "+3,464" in text and "+692" in text and "20% bonus (GOLD)" in text and "-1,000" in text
    assert "3,156" in text  # closing balance
    zh = tmp_path / "statement_zh.pdf"
    assert cli("report", "loyalty-statement", "--guest", str(member), "--out", str(zh), "--db", db_url,
               "--lang", "zh_CN").code == 0
    text = "\n".join(pdf_pages_text(zh))
    assert "会员积分对账单" in text and "金卡" in text and "入会" in text
    assert all(f.embedded and f.subset for f in pdf_fonts(zh))


def test_statement_of_a_period_starts_from_the_opening_balance(cli, db_url, member, tmp_path):
    out = tmp_path / "later.pdf"
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert cli("report", "loyalty-statement", "--guest", str(member), "--from", tomorrow, "--to", tomorrow,
               "--out", str(out), "--db", db_url, "--lang", "en").code == 0
    text = "\n".join(pdf_pages_text(out))
    assert "3,156" in text  # the opening balance, nothing after it
    assert "No records" in text


def test_summary_counts_tiers_movements_and_points(cli, db_url, member, tmp_path):
    out = tmp_path / "summary.pdf"
    done = cli("report", "loyalty-summary", "--out", str(out), "--db", db_url, "--lang", "en", "--json")
    assert done.code == 0, done.err
    text = "\n".join(pdf_pages_text(out))
    assert "Loyalty tier summary" in text and "Gold (GOLD)" in text
    assert "+3,464" in text and "-1,000" in text and "Points expiring in the next 90 days" in text
    zh = tmp_path / "summary_zh.pdf"
    assert cli("report", "loyalty-summary", "--out", str(zh), "--db", db_url, "--lang", "zh_CN").code == 0
    assert "会员等级汇总" in "\n".join(pdf_pages_text(zh))


def test_a_guest_without_membership_and_a_reversed_period_are_refused(cli, db_url, member, tmp_path):
    out = tmp_path / "x.pdf"
    reversed_ = cli("report", "loyalty-statement", "--guest", str(member), "--from", "2026-05-02", "--to",
                    "2026-05-01", "--out", str(out), "--db", db_url)
    assert reversed_.code == 2 and len(reversed_.err_lines) == 1
    missing = cli("report", "loyalty-statement", "--guest", "999999", "--out", str(out), "--db", db_url)
    assert missing.code != 0 and not out.exists()
