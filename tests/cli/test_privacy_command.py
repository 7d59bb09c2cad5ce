"""``hotelcrm privacy export|anonymize|retention``."""

from __future__ import annotations

import json


def test_privacy_export_anonymize_and_retention(cli, db_url, tmp_path):
    assert cli("demo", "--guests", "10", "--seed", "5", "--db", db_url).code == 0
    out = tmp_path / "subject.json"
    result = cli("privacy", "export", "3", "--out", str(out), "--db", db_url, "--json")
    assert result.code == 0, result.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["card"]["id"] == 3 and data["card"]["family_name"]
    assert result.doc["counts"]["stays"] == len(data["stays"])
    result = cli("privacy", "anonymize", "3", "--db", db_url, "--json")
    assert result.code == 0 and result.doc["cards"] >= 1 and result.doc["checkpointed"]
    cli("privacy", "export", "3", "--out", str(out), "--db", db_url)
    assert json.loads(out.read_text(encoding="utf-8"))["card"]["family_name"] == ""
    result = cli("privacy", "retention", "--dry-run", "--db", db_url, "--json")
    assert result.code == 0 and result.doc["years"] == 0 and result.doc["guests"] == 0


def test_privacy_refuses_bad_input(cli, db_url, tmp_path):
    result = cli("privacy", "export", "1", "--out", str(tmp_path / "x.txt"), "--db", db_url, "--lang", "en")
    assert result.code == 2 and ".json or .pdf" in result.err
    result = cli("privacy", "anonymize", "abc", "--db", db_url, "--lang", "en")
    assert result.code == 2
    result = cli("privacy", "anonymize", "424242", "--db", db_url, "--json")
    assert result.code == 1 and result.doc["error"] == "not_found"


def test_retention_years_are_saved_and_applied(cli, db_url):
    assert cli("demo", "--guests", "10", "--seed", "5", "--db", db_url).code == 0
    result = cli("privacy", "retention", "--years", "1", "--dry-run", "--db", db_url, "--json")
    assert result.code == 0 and result.doc["years"] == 1 and result.doc["dry_run"]
    due = result.doc["guests"]
    assert due > 0  # demo guests whose last stay ended more than a year ago
    result = cli("privacy", "retention", "--db", db_url, "--json")
    assert result.code == 0 and result.doc["guests"] == due and not result.doc["dry_run"]
    assert cli("privacy", "retention", "--dry-run", "--db", db_url, "--json").doc["guests"] == 0
    assert cli("privacy", "retention", "--years", "51", "--db", db_url).code == 2
