"""Customer value figures on small hand-made data with known answers."""

from __future__ import annotations

from hotelcrm.domain import customer_value as cv


def test_pareto_takes_the_fewest_biggest_spenders_reaching_80_percent():
    revenues = {1: 500, 2: 200, 3: 100, 4: 100, 5: 50, 6: 50}  # total 1000
    result = cv.pareto(revenues)
    # 500 (0% before) A, 200 (50% before) A, 100 (70% before) A -> 800 = 80%
    assert (result.guests, result.of_guests, result.revenue_cents, result.total_cents) == (3, 6, 800, 1000)
    assert result.guest_share == 0.5 and result.revenue_share == 0.8


def test_abc_tiers_by_revenue_before_the_guest():
    revenues = {1: 500, 2: 200, 3: 100, 4: 100, 5: 50, 6: 50, 7: 0}
    tiers = cv.abc_tiers(revenues)
    # before: 1:0 2:50% 3:70% 4:80% (B) 5:90% (B) 6:95% (C) 7: no revenue (C)
    assert tiers == {1: "A", 2: "A", 3: "A", 4: "B", 5: "B", 6: "C", 7: "C"}
    assert cv.abc_summary(revenues) == [("A", 3, 800), ("B", 2, 150), ("C", 2, 50)]


def test_ties_in_revenue_are_ordered_by_guest_id():
    # total 100: 5 before 0% A; 3 before 75% A; 9 before 85% B; 1 before 95% C
    assert cv.abc_tiers({9: 10, 3: 10, 5: 75, 1: 5}) == {5: "A", 3: "A", 9: "B", 1: "C"}


def test_quintile_scores_rank_and_ties():
    assert cv.quintile_scores([10, 20, 30, 40, 50]) == [1, 2, 3, 4, 5]
    assert cv.quintile_scores([10, 20, 30, 40, 50], higher_is_better=False) == [5, 4, 3, 2, 1]
    # ten values: two per score; equal values share the higher score
    assert cv.quintile_scores(list(range(10))) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert cv.quintile_scores([7, 7, 7]) == [5, 5, 5]
    assert cv.quintile_scores([1, 2, 2, 3]) == [2, 4, 4, 5]  # ceil(5*1/4)=2, ceil(5*3/4)=4


def test_rfm_scores_and_segments():
    guests = [
        cv.GuestValue(1, revenue_cents=90_000, stays=5, days_since_last=3),
        cv.GuestValue(2, revenue_cents=50_000, stays=4, days_since_last=10),
        cv.GuestValue(3, revenue_cents=10_000, stays=1, days_since_last=20),
        cv.GuestValue(4, revenue_cents=70_000, stays=2, days_since_last=200),
        cv.GuestValue(5, revenue_cents=5_000, stays=1, days_since_last=300),
    ]
    scores = cv.rfm_scores(guests)
    # recency ranks: 3d->5 10d->4 20d->3 200d->2 300d->1; stays 5->5 4->4 2->3 1,1->2,2
    assert {g: s.code for g, s in scores.items()} == {1: "555", 2: "443", 3: "322", 4: "234", 5: "121"}
    assert [cv.rfm_segment(scores[g]) for g in range(1, 6)] == [
        "champions", "loyal", "needs_attention", "at_risk", "hibernating"]
    assert cv.rfm_segment(cv.RfmScore(5, 1, 2)) == "promising"
    assert cv.rfm_segment(cv.RfmScore(3, 2, 5)) == "big_spenders"


def test_lifecycle_stage():
    assert cv.lifecycle_stage(400, 9, "A") == "lapsing"
    assert cv.lifecycle_stage(10, 1, "A") == "high_value"
    assert cv.lifecycle_stage(10, 5, "B") == "loyal"
    assert cv.lifecycle_stage(10, 2, "C") == "returning"
    assert cv.lifecycle_stage(365, 1, None) == "new"


def test_repeat_rate():
    assert cv.repeat_rate([1, 2, 5, 1]) == 0.5
    assert cv.repeat_rate([]) is None
    assert cv.ordered_counts(["new", "new", "loyal"], cv.LIFECYCLE) == [
        ("new", 2), ("returning", 0), ("loyal", 1), ("high_value", 0), ("lapsing", 0)]


def test_pareto_of_nothing():
    result = cv.pareto({})
    assert result.guests == 0 and result.guest_share is None and result.revenue_share is None
    assert cv.pareto({1: 0, 2: 0}).guests == 0
