"""Nasty inputs for the bad-input fuzz tests (issue 9 item 4) and their hypothesis profiles.

Profiles: ``hotelcrm-fuzz`` with few examples (the default, CI) and ``HOTELCRM_FUZZ_EXAMPLES=N``
for a long run (e.g. ``HOTELCRM_FUZZ_EXAMPLES=2000 pytest tests/hardening/test_fuzz_*.py``).
They are used as parents of per-test settings, never loaded globally, so other property tests
keep their own counts."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("HOTELCRM_FUZZ_EXAMPLES", "0")) or None
settings.register_profile(
    "hotelcrm-fuzz", max_examples=EXAMPLES or 60, deadline=None, derandomize=EXAMPLES is None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large])
settings.register_profile(
    "hotelcrm-fuzz-db", max_examples=EXAMPLES or 12, deadline=None, derandomize=EXAMPLES is None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large])
FUZZ = settings.get_profile("hotelcrm-fuzz")
FUZZ_DB = settings.get_profile("hotelcrm-fuzz-db")

SAMPLES = (
    "", " ", "\t", "\x00", "a\x00b", "\x7f", "\u200b", "\u202e", "\ufeffname", "a\r\nb", "\n",
    "Robert'); DROP TABLE guest;--", "' OR '1'='1", "%", "_", "\\", "%_%", "\"quoted\"",
    "=cmd|' /C calc'!A0", "+8613800138000", "李小龙", "张三 Zhang San", "Ḿüller-Lüdenscheidt",
    "😀👨‍👩‍👧‍👦", "مرحبا", "Ελληνικά", "ｆｕｌｌ－ｗｉｄｔｈ　１２３", "𠀀𠀁", "null", "None", "0", "-1",
    "1e308", "NaN", "9" * 40, "x" * 5000, "李" * 4001, "TS-2026-000001", "110101199003077777",
    "2026-02-29", "0000-00-00", "9999-12-31", "1,234.50", "¥88", "-0.01", "0.001",
)

nasty_text = st.one_of(
    st.sampled_from(SAMPLES),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.text(alphabet="0123456789Xx -+.,/", max_size=25),
    st.builds(lambda a, b: a * b, st.sampled_from(["a", "李", "😀", "\x00", " "]), st.integers(1, 20_000)),
)
maybe_text = st.one_of(st.none(), nasty_text)
any_date = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
maybe_date = st.one_of(st.none(), any_date)
any_datetime = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                            timezones=st.just(UTC))
big_int = st.one_of(st.integers(-5, 400), st.integers(-(2**70), 2**70))
anything = st.one_of(
    st.none(), st.booleans(), big_int, st.floats(allow_nan=True), nasty_text,
    st.lists(st.one_of(big_int, nasty_text), max_size=3),
    st.dictionaries(nasty_text, st.one_of(big_int, nasty_text, st.none()), max_size=3),
)
