"""``hotelcrm search``: finds demo guests, JSON list with masked phones, bad input exits 2."""

from __future__ import annotations

import json

from hotelcrm.db.engine import Database


def test_search_finds_a_demo_guest_by_phone_suffix_and_name(cli, db_url):
    assert cli("demo", "--guests", "30", "--seed", "3", "--db", db_url).code == 0
    db = Database.open(db_url)
    with db.read() as s:
        from sqlalchemy import text

        name, phone = s.execute(text(
            "SELECT g.family_name || g.given_name, c.value FROM guests g JOIN guest_contacts c "
            "ON c.guest_id = g.id AND c.kind = 'phone' WHERE g.nationality = 'CHN' ORDER BY g.id LIMIT 1")).one()
    db.dispose()
    out = cli("search", phone[-4:], "--json", "--db", db_url)
    assert out.code == 0
    hits = json.loads(out.out)
    assert isinstance(hits, list) and hits
    first = hits[0]
    assert {"id", "name", "latin_name", "phone", "member_no", "tier", "last_stay"} <= set(first)
    assert phone not in out.out and first["phone"].endswith(phone[-4:]) and "*" in first["phone"]
    text_out = cli("search", name, "--db", db_url)
    assert text_out.code == 0 and name in text_out.out


def test_nothing_found_and_bad_limit(cli, db_url):
    out = cli("search", "zzzzqqq", "--db", db_url)
    assert out.code == 0 and "zzzzqqq" in out.out
    assert cli("search", "zzzzqqq", "--json", "--db", db_url).doc == []
    bad = cli("search", "wang", "--limit", "0", "--db", db_url)
    assert bad.code == 2 and len(bad.err_lines) == 1


def test_a_one_character_query_is_refused_with_the_reason(cli, tmp_path):
    out = cli("search", "王", "--db", f"sqlite:///{tmp_path / 'one.db'}")
    assert out.code == 2
    assert out.err_lines == ["Search text: type at least 2 letters, characters or digits."]
    zh = cli("--lang", "zh_CN", "search", "王", "--db", f"sqlite:///{tmp_path / 'one.db'}")
    assert zh.code == 2 and "至少输入 2 个" in zh.err
