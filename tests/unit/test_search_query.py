"""The pure search rules: keys, query kinds, the match rule, the order key, masking."""

from __future__ import annotations

from datetime import date

import pytest

from hotelcrm.domain.search_query import (
    MAX_GUEST_ID,
    after_prefix,
    best_match,
    build_document,
    fts_phrases,
    guest_of_rank,
    like_patterns,
    mask_phone,
    match_term,
    parse_query,
    rank_base,
    rank_key,
    search_key,
    split_document,
    with_guest_id,
)


def test_keys_fold_case_width_accents_and_drop_anchors():
    assert search_key("  José Núñez ") == "josenunez"
    assert search_key("ＷＡＮＧ") == "wang"
    assert search_key('a^b$c"d e') == "abcde"
    assert search_key("王 伟") == "王伟"


def test_phone_like_queries_become_digits_and_are_anchored():
    q = parse_query("+86 138-1234-5678")
    assert q.key == "8613812345678" and q.is_digits and q.anchored
    assert parse_query("王伟").anchored and not parse_query("王伟明").anchored
    assert not parse_query("王").searchable


@pytest.mark.parametrize(("term", "query", "expected"), [
    ("王伟", "王伟", "exact"), ("王伟明", "王伟", "prefix"), ("张王伟", "王伟", "substring"),
    ("李王伟明", "王伟", None),                    # 2 characters: never in the middle
    ("8613812345678", "5678", "substring"),        # phone suffix
    ("8613812345678", "1234", None),               # digits in the middle of a phone: no
    ("zengguofan", "guofan", "substring"), ("zengguofan", "ngguo", "substring"),
    ("zengguofan", "zeng", "prefix"),
])
def test_match_rule(term, query, expected):
    assert match_term(term, parse_query(query)) == expected


def test_best_match_prefers_exact_and_names_the_term_kind():
    document, kinds = build_document([("name", "王伟"), ("pinyin", "wangwei"), ("pinyin", "ww"),
                                      ("latin", "WANG WEI"), ("phone", "8613812345678")])
    assert document == "^王伟$ ^wangwei$ ^ww$ ^8613812345678$"  # "WANG WEI" folds onto wangwei
    terms = split_document(document)
    assert best_match(terms, kinds.split(), parse_query("wangwei")) == ("exact", "pinyin")
    assert best_match(terms, kinds.split(), parse_query("5678")) == ("substring", "phone")


def test_index_phrases_always_have_three_characters():
    for text in ("王伟", "ww", "5678", "wang"):
        for phrase in fts_phrases(parse_query(text)):
            assert len(phrase.strip('"')) >= 3
    assert like_patterns(parse_query("a_b%")) == ("%^a\\_b\\%$%", "%^a\\_b\\%%", "%a\\_b\\%%")


def test_rank_key_orders_recent_stay_then_name_then_older_card():
    recent = rank_key(5, date(2026, 1, 1), "zhang")
    older = rank_key(1, date(2020, 1, 1), "adams")
    never = rank_key(2, None, "adams")
    assert recent < older < never  # ascending order: the best first
    assert rank_key(9, None, "adams") < rank_key(3, None, "brown")
    assert rank_key(3, None, "adams") < rank_key(9, None, "adams")
    assert 0 <= rank_key(1, date(2026, 1, 1), "a") < 2**63
    with pytest.raises(ValueError):
        rank_key(0, None, "x")


@pytest.mark.parametrize("guest_id", [1, 2, 777, 1_000_000, MAX_GUEST_ID])
@pytest.mark.parametrize(("last_stay", "name"), [(None, ""), (date(2026, 1, 1), "zzzz"), (date(1970, 1, 1), "a")])
def test_the_guest_id_is_read_back_from_its_rank_key(guest_id, last_stay, name):
    assert guest_of_rank(rank_key(guest_id, last_stay, name)) == guest_id


@pytest.mark.parametrize(("last_stay", "name"), [(None, ""), (date(2026, 1, 1), "zzzz"), (date(1999, 5, 6), "wang")])
def test_a_key_prepared_before_the_card_has_an_id_is_the_same_key(last_stay, name):
    base = rank_base(last_stay, name)  # what an import's worker computes before the id exists
    for guest_id in (1, 2, 12345, MAX_GUEST_ID):
        key = with_guest_id(base, guest_id)
        assert guest_of_rank(key) == guest_id
        assert key - rank_key(1, last_stay, name) == guest_id - 1
    with pytest.raises(ValueError):
        with_guest_id(base, MAX_GUEST_ID + 1)


def test_phones_are_masked_to_country_code_and_last_four():
    assert mask_phone("+8613812345678") == "+86 *******5678"
    assert mask_phone("+12025550123") == "+1 ******0123"
    assert mask_phone(None) is None


def test_the_index_build_spells_names_exactly_as_name_keys():
    from hotelcrm.domain.name_keys import display_pinyin, pinyin_keys
    from hotelcrm.services.search_names import keys_and_spelling

    names = [("曾", "国藩"), ("单", "田芳"), ("欧阳", "娜娜"), ("吕", "绿"), ("王", ""), ("", "伟"), ("乐", "乐"),
             ("Smith", "John"), ("李", "Anna"), ("长孙", "无忌"), ("朴", "重行"), ("解", "长乐")]
    for family, given in names:
        assert keys_and_spelling(family, given) == (pinyin_keys(family, given), display_pinyin(family, given)), \
            (family, given)


def test_after_prefix_is_the_least_string_above_the_prefix():
    assert after_prefix("^ab") == "^ac"
    assert after_prefix("^王伟") == "^王" + chr(ord("伟") + 1)
    assert after_prefix("^a\ud7ff") == "^a\ue000"  # no surrogates in UTF-8
    assert after_prefix("^a\U0010ffff") == "^b"
    for prefix in ("^ab", "^王伟", "^a\U0010ffff"):
        bound = after_prefix(prefix)
        assert prefix < prefix + "\U0010ffff" * 3 < bound
        assert bound.encode() > (prefix + "\U0010ffff").encode()
    assert after_prefix("^wang") == "^wanh"
    with pytest.raises(ValueError):
        after_prefix("")
