"""Derived figures of the stays and spending group."""

from dataclasses import dataclass
from datetime import date

from hotelcrm.domain.stay_stats import favourite_room_type, rounded_div, stay_stats


@dataclass
class S:
    arrival_date: date
    departure_date: date
    status: str = "checked_out"
    room_type: str | None = "Deluxe King"
    currency: str = "CNY"
    spend_room_cents: int = 0
    spend_fnb_cents: int = 0
    spend_other_cents: int = 0
    discount_cents: int = 0
    unpaid_cents: int = 0


def test_no_stays():
    stats = stay_stats([], "CNY")
    assert stats.stays == 0 and stats.average_spend_cents == 0 and stats.first_stay is None
    assert stats.currency == "CNY" and stats.favourite_room_type is None


def test_figures_over_counted_stays():
    stays = [
        S(date(2025, 1, 10), date(2025, 1, 13), spend_room_cents=90000, spend_fnb_cents=12050, discount_cents=5000),
        S(date(2026, 5, 1), date(2026, 5, 2), room_type="Twin", spend_room_cents=40000, spend_other_cents=1,
          unpaid_cents=2000),
        S(date(2026, 11, 20), date(2026, 11, 25), status="in_house", room_type="Twin", spend_fnb_cents=0),
        S(date(2026, 6, 1), date(2026, 6, 3), status="cancelled", spend_room_cents=99999),
        S(date(2026, 7, 1), date(2026, 7, 2), status="no_show", unpaid_cents=30000),
        S(date(2026, 12, 24), date(2026, 12, 26), status="expected"),
    ]
    st = stay_stats(stays)
    assert (st.stays, st.nights) == (3, 3 + 1 + 5)
    assert st.total_spend_cents == 90000 + 12050 + 40000 + 1
    assert st.spend_room_cents == 130000 and st.spend_fnb_cents == 12050 and st.spend_other_cents == 1
    assert st.average_spend_cents == round((90000 + 12050 + 40001) / 3)
    assert st.discount_cents == 5000
    assert st.unpaid_cents == 32000  # the no-show's charge counts too
    assert (st.first_stay, st.last_stay) == (date(2025, 1, 10), date(2026, 11, 20))
    assert st.favourite_room_type == "Twin"  # 6 nights against 3
    assert (st.cancelled, st.no_shows, st.upcoming) == (1, 1, 1)


def test_other_currencies_are_not_added_up():
    stays = [S(date(2026, 1, 1), date(2026, 1, 2), spend_room_cents=100),
             S(date(2026, 2, 1), date(2026, 2, 2), spend_room_cents=100),
             S(date(2026, 3, 1), date(2026, 3, 2), currency="USD", spend_room_cents=7)]
    st = stay_stats(stays)
    assert st.currency == "CNY" and st.total_spend_cents == 200 and st.other_currency_stays == 1
    assert st.stays == 3 and st.average_spend_cents == 100


def test_favourite_room_type_tie_goes_to_the_most_recent():
    stays = [S(date(2026, 1, 1), date(2026, 1, 3), room_type="A"), S(date(2026, 2, 1), date(2026, 2, 3), room_type="B")]
    assert favourite_room_type(stays) == "B"
    assert favourite_room_type([S(date(2026, 1, 1), date(2026, 1, 2), room_type=None)]) is None


def test_rounded_div_half_up():
    assert rounded_div(5, 2) == 3 and rounded_div(4, 3) == 1 and rounded_div(0, 0) == 0
