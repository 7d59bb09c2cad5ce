"""``hotelcrm bench import``: the JSON keys and that every generated row is accounted for."""

from __future__ import annotations


def test_bench_import_reports_rows_per_second(cli):
    out = cli("bench", "import", "--guests", "300", "--json")
    assert out.code == 0, out.err
    doc = out.doc
    assert {"rows", "seconds", "rows_per_s", "cpu_seconds", "again_rows_per_s"} <= set(doc)
    assert doc["rows"] == 300 and doc["imported"] + doc["matched"] + doc["rejected"] == 300
    assert doc["matched"] > 0 and doc["rejected"] > 0  # the file repeats guests and carries bad rows
    assert doc["guests_in_db"] == doc["imported"]  # the second pass matched everything
    assert doc["rows_per_s"] > 0 and doc["backend"] == "sqlite"
    assert cli("bench", "import", "--guests", "5", "--json").code == 2
