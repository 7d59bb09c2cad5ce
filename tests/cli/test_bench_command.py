"""``hotelcrm bench search``: the JSON document the issue asks for, on a small database."""

from __future__ import annotations


def test_bench_search_reports_every_key_and_agrees_with_a_full_scan(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'bench.db'}"
    out = cli("bench", "search", "--guests", "300", "--json", "--db", db)
    assert out.code == 0, out.err
    doc = out.doc
    assert doc["guests"] == 300 and doc["backend"] == "sqlite" and doc["queries"] >= 200
    for key in ("service_ms", "raw_index_ms", "like_scan_ms"):
        assert set(doc[key]) == {"p50", "p95"} and doc[key]["p50"] <= doc[key]["p95"]
    assert doc["results_match_full_scan"] is True
    assert set(doc["query_kinds"]) >= {"han2", "han3", "pinyin", "latin", "phone", "email", "room"}
    again = cli("bench", "search", "--guests", "300", "--json", "--db", db)  # reused, not refilled
    assert again.code == 0 and again.doc["guests"] == 300


def test_bench_refuses_a_database_of_another_size(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'bench.db'}"
    assert cli("bench", "search", "--guests", "250", "--db", db).code == 0
    out = cli("bench", "search", "--guests", "260", "--db", db)
    assert out.code == 1 and "250" in out.err
