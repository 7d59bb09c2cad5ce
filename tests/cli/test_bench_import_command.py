"""``hotelcrm bench import``: the JSON keys, that every generated row is accounted for, the median
of several runs and the same-run baseline."""

from __future__ import annotations


def test_bench_import_reports_rows_per_second(cli):
    out = cli("bench", "import", "--guests", "300", "--runs", "2", "--json")
    assert out.code == 0, out.err
    doc = out.doc
    assert {"rows", "seconds", "rows_per_s", "cpu_seconds", "again_rows_per_s"} <= set(doc)
    assert doc["rows"] == 300 and doc["imported"] + doc["matched"] + doc["rejected"] == 300
    assert doc["matched"] > 0 and doc["rejected"] > 0  # the file repeats guests and carries bad rows
    assert doc["guests_in_db"] == doc["imported"]  # the second pass matched everything, in a fresh database
    assert doc["rows_per_s"] > 0 and doc["backend"] == "sqlite"
    assert doc["runs"] == 2 and len(doc["run_seconds"]) == 2 and doc["seconds"] in doc["run_seconds"]
    # Storing the rows as they are is faster than checking, matching and indexing them.
    assert doc["baseline_rows_per_s"] > doc["rows_per_s"] and doc["vs_baseline"] > 1
    assert cli("bench", "import", "--guests", "5", "--json").code == 2


def test_several_runs_need_the_fresh_files_of_the_bench(cli, tmp_path):
    out = cli("bench", "import", "--guests", "300", "--runs", "2", "--db", f"sqlite:///{tmp_path / 'given.db'}")
    assert out.code != 0 and "--db" in out.err
    assert not (tmp_path / "given.db").exists()  # refused before anything was made
