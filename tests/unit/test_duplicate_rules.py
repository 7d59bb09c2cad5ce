"""Duplicate scoring: document, phone, e-mail, or name and birth date; never a name alone."""

from datetime import date

from hotelcrm.domain.duplicate_rules import IdentityKeys, match_reasons, name_keys, rank

BORN = date(1985, 3, 1)


def keys(**kw) -> IdentityKeys:
    kw = {k: frozenset(v) if isinstance(v, set) else v for k, v in kw.items()}
    return IdentityKeys(**kw)


def test_a_name_alone_never_matches():
    draft = keys(names=name_keys("王", "伟", None))
    card = keys(names=name_keys("王", "伟", "WANG WEI"), birth_date=BORN)
    assert match_reasons(draft, card) == ()
    assert draft.empty  # nothing to look up with


def test_name_needs_the_same_birth_date():
    draft = keys(names=name_keys("王", " 伟", None), birth_date=BORN)
    assert match_reasons(draft, keys(names=name_keys("王", "伟", None), birth_date=BORN)) == ("name_birth_date",)
    assert match_reasons(draft, keys(names=name_keys("王", "伟", None), birth_date=date(1985, 3, 2))) == ()
    assert match_reasons(draft, keys(names=name_keys("王", "维", None), birth_date=BORN)) == ()
    assert match_reasons(draft, keys(names=name_keys("王", "伟", None))) == ()


def test_latin_names_match_in_any_order_and_case():
    draft = keys(names=name_keys("Wei", "Wang", None), birth_date=BORN)
    card = keys(names=name_keys("王", "伟", "WANG, WEI"), birth_date=BORN)
    assert match_reasons(draft, card) == ("name_birth_date",)


def test_document_phone_email_each_match_strongest_first():
    card = keys(document_hashes={"h1"}, phone_keys={"8613812345678"}, email_keys={"a@b.cn"})
    assert match_reasons(keys(document_hashes={"h1"}), card) == ("document",)
    assert match_reasons(keys(phone_keys={"8613812345678"}), card) == ("phone",)
    assert match_reasons(keys(email_keys={"a@b.cn"}), card) == ("email",)
    both = keys(email_keys={"a@b.cn"}, document_hashes={"h1", "h2"})
    assert match_reasons(both, card) == ("document", "email")
    assert match_reasons(keys(phone_keys={"8613812345679"}), card) == ()


def test_rank_puts_more_and_stronger_reasons_first_and_drops_non_matches():
    ranked = rank([(1, ("email",)), (2, ()), (3, ("document",)), (4, ("phone", "email")), (5, ("email",))])
    assert [gid for gid, _ in ranked] == [4, 3, 5, 1]
