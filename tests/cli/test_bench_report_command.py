"""``hotelcrm bench report``: the JSON keys the issue asks for, on a small complaint list."""

from __future__ import annotations

import pytest


def test_bench_report_prints_pages_per_second_beside_the_bare_table(cli):
    out = cli("bench", "report", "--rows", "300", "--repeat", "1", "--json")
    assert out.code == 0, out.err
    doc = out.doc
    assert {"rows", "pages", "seconds", "pages_per_s", "baseline_pages_per_s"} <= set(doc)
    assert doc["rows"] == 300 and doc["pages"] >= 6  # about 49 rows per portrait page
    assert doc["seconds"] > 0 and doc["pages_per_s"] > 0 and doc["baseline_pages_per_s"] > 0
    # "seconds" is printed rounded to 0.1 ms, so the rate agrees with it to about a percent
    assert doc["pages_per_s"] == pytest.approx(doc["pages"] / doc["seconds"], rel=0.01)


def test_bench_report_refuses_too_few_rows(cli):
    out = cli("bench", "report", "--rows", "5")
    assert out.code == 2 and "Rows" in out.err
