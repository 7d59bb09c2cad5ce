"""Guest search rules (DESIGN.md §5), pure: the key of a term or a query, the anchored search
document of a guest, and the rule that says whether (and how well) a document matches a query.

The index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL) answers exactly this rule; the
full-scan oracle in the tests and the benchmark applies it row by row.

- A term is stored as ``^term$``; terms never contain white space, ``^``, ``$`` or ``"``.
- Queries shorter than 2 characters match nothing.
- 2-character queries and digit-only queries are anchored: the term equals the query
  (exact), starts with it (prefix) or ends with it (counted as substring). A phone is found by
  any 4+ digit suffix, never by digits in its middle; a 2-character name (王伟) is found
  without a trigram of fewer than 3 characters.
- Other queries: exact, prefix, or anywhere in a term (substring).
- Ranking: exact > prefix > substring, then ``rank_key`` (most recent stay, then name, then id).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

MATCHES = ("exact", "prefix", "substring")
TERM_KINDS = ("name", "pinyin", "latin", "phone", "email", "member", "company")
MIN_QUERY = 2
MAX_QUERY = 100
_DROP = re.compile(r"[\s^$\"]+")
_PHONE_PUNCT = re.compile(r"[\s+\-()./]+")
_WORD = re.compile(r"[^0-9a-z]+")
_NOT_A_TO_Z = re.compile(r"[^a-z]+")
_DOC_NUMBER = re.compile(r"^[A-Z0-9]{6,20}$")

# rank_key: 2**63 - 1 minus (days since 1970 of the last stay (17 bits) | inverted 4-letter name
# code (20) | inverted guest id (26)). Ordering by rank_key ascending gives the most recent stay
# first, then names A→Z, then the older card first (ascending: FTS5 walks its doclists forwards).
_DAY_BITS, _NAME_BITS, _ID_BITS = 17, 20, 26
MAX_GUEST_ID = (1 << _ID_BITS) - 1
_EPOCH = date(1970, 1, 1)
_MAX_RANK = (1 << 63) - 1


def search_key(text: str | None) -> str:
    """Lower case, full-width folded, accents removed, no white space, ``^``, ``$`` or ``"``."""
    if not text:
        return ""
    if text.isascii():
        low = text.lower()
        return low if low.isalnum() else _DROP.sub("", low)
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _DROP.sub("", unicodedata.normalize("NFC", plain).lower())


@dataclass(frozen=True)
class SearchQuery:
    """A normalised query: ``key`` is what terms are compared with; ``anchored`` means exact,
    prefix or suffix only; ``document_number`` is set when the text could be an ID number;
    ``room`` when it could be a room number."""

    text: str
    key: str
    anchored: bool
    is_digits: bool
    document_number: str | None
    room: str | None

    @property
    def searchable(self) -> bool:
        return len(self.key) >= MIN_QUERY


def parse_query(text: str | None) -> SearchQuery:
    raw = unicodedata.normalize("NFKC", text or "").strip()[:MAX_QUERY]
    phone_like = _PHONE_PUNCT.sub("", raw)
    is_digits = phone_like.isascii() and phone_like.isdigit()
    key = phone_like if is_digits else search_key(raw)
    doc = re.sub(r"[\s\-_./]+", "", raw).upper()
    document_number = doc if _DOC_NUMBER.match(doc) and any(c.isdigit() for c in doc) else None
    room = raw.upper() if 1 <= len(raw) <= 10 and raw.isascii() and raw.isalnum() else None
    return SearchQuery(raw, key, len(key) == MIN_QUERY or is_digits, is_digits, document_number, room)


def match_term(term: str, query: SearchQuery) -> str | None:
    """How ``term`` matches: "exact", "prefix", "substring" or None."""
    key = query.key
    if not query.searchable:
        return None
    if term == key:
        return "exact"
    if term.startswith(key):
        return "prefix"
    if term.endswith(key) if query.anchored else key in term:
        return "substring"
    return None


def best_match(terms: Iterable[str], kinds: Iterable[str], query: SearchQuery) -> tuple[str, str] | None:
    """(match, kind of the term) of the best-matching term, or None."""
    best: tuple[int, str, str] | None = None
    for term, kind in zip(terms, kinds, strict=False):
        found = match_term(term, query)
        if found is not None:
            order = MATCHES.index(found)
            if best is None or order < best[0]:
                best = (order, found, kind)
    return None if best is None else (best[1], best[2])


# --- the document ------------------------------------------------------------------------------

def build_document(terms: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """(document, term_kinds) from (kind, text) pairs; empty and repeated terms are dropped."""
    seen: dict[str, str] = {}
    for kind, text in terms:
        if text and text.isascii():  # search_key's own fast way, without the call (a term per index row)
            key = text.lower()
            if not key.isalnum():
                key = _DROP.sub("", key)
        else:
            key = search_key(text)
        if key and key not in seen:
            seen[key] = kind
    return ("^" + "$ ^".join(seen) + "$" if seen else ""), " ".join(seen.values())


def split_document(document: str) -> list[str]:
    return [t[1:-1] for t in document.split(" ") if t]


def latin_words(text: str | None) -> list[str]:
    """The whole spelling and each word of a Latin name ('SMITH/JOHN PAUL' → smithjohnpaul, smith …)."""
    if not text:
        return []
    parts = _WORD.split(search_key_ascii(text))
    words = [w for w in parts if len(w) >= MIN_QUERY]
    whole = "".join(parts)
    return [whole, *words] if len(words) > 1 else ([whole] if whole else [])


def search_key_ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return plain.lower()


def _name_code(sort_name: str) -> int:
    code = 0
    letters = _NOT_A_TO_Z.sub("", sort_name.lower())[:4]
    for i in range(4):
        code = code * 27 + (ord(letters[i]) - 96 if i < len(letters) else 0)
    return code


def rank_key(guest_id: int, last_stay: date | None, sort_name: str) -> int:
    """The order of hits within one match level: ``ORDER BY rank_key`` (smaller is better)."""
    return with_guest_id(rank_base(last_stay, sort_name), guest_id)


def rank_base(last_stay: date | None, sort_name: str) -> int:
    """``rank_key`` without the guest id: ``rank_key(g, d, n) == with_guest_id(rank_base(d, n), g)``
    (the id is the key's lowest bits), for a row prepared before its card has an id."""
    days = 0 if last_stay is None else max(0, min((last_stay - _EPOCH).days, (1 << _DAY_BITS) - 1))
    name = (1 << _NAME_BITS) - 1 - _name_code(sort_name)
    return _MAX_RANK - ((days << (_NAME_BITS + _ID_BITS)) | (name << _ID_BITS) | MAX_GUEST_ID)


def with_guest_id(base: int, guest_id: int) -> int:
    if not 0 < guest_id <= MAX_GUEST_ID:
        raise ValueError(f"guest id {guest_id} outside the search index's range")
    return base + guest_id


def guest_of_rank(key: int) -> int:
    """The guest id packed into a ``rank_key`` (its low 26 bits, inverted)."""
    return MAX_GUEST_ID - ((_MAX_RANK - key) & MAX_GUEST_ID)


def fts_phrases(query: SearchQuery) -> tuple[str, str, str]:
    """The FTS5 phrases for the exact, prefix and third level (suffix when anchored, else
    anywhere). Every phrase has 3+ characters, so the trigram index always answers it."""
    key = query.key
    third = f"{key}$" if query.anchored else key
    return f'"^{key}$"', f'"^{key}"', f'"{third}"'


def fts_levels(query: SearchQuery) -> dict[str, str]:
    """The FTS5 phrases of the three levels (``e``, ``p``, ``s``) and the anchored text of the
    exact and prefix level (``ue``, ``up``): a level's statement leaves out the documents that
    contain the text of the level above, so a row's level is the statement that found it."""
    exact, prefix, third = fts_phrases(query)
    return {"e": exact, "p": prefix, "s": third, "ue": exact.strip('"'), "up": prefix.strip('"')}


def like_levels(query: SearchQuery) -> tuple[str, str, str]:
    """LIKE patterns of the three levels; the statement adds ``NOT LIKE`` the level above."""
    return like_patterns(query)


def matched_term(document: str, term_kinds: str, query: SearchQuery, level: int) -> str | None:
    """The kind of the first term of ``document`` that matches ``query`` at ``level`` (0 exact,
    1 prefix, 2 substring/suffix), when no term matches at a better level; None if none does."""
    key = query.key
    pattern = (f"^{key}$", f"^{key}", f"{key}$" if query.anchored else key)[level]
    at = document.find(pattern)
    if at < 0:
        return None
    kinds = term_kinds.split(" ")
    index = document.count(" ", 0, at)
    return kinds[index] if index < len(kinds) else None


def like_patterns(query: SearchQuery) -> tuple[str, str, str]:
    """The same three levels as LIKE patterns over the document (escape character ``\\``)."""
    key = query.key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    third = f"%{key}$%" if query.anchored else f"%{key}%"
    return f"%^{key}$%", f"%^{key}%", third


def mask_phone(e164: str | None) -> str | None:
    """``+86 *******5678``: the country code and the last four digits."""
    if not e164:
        return None
    digits = e164[1:] if e164[:1] == "+" and e164[1:].isdigit() else "".join(c for c in e164 if c.isdigit())
    if len(digits) <= 4:
        return "*" * len(digits)
    cc = country_code(digits)
    rest = len(digits) - len(cc)
    return (f"+{cc} " if cc else "") + "*" * (rest - 4) + digits[-4:]


@cache
def _country_codes() -> frozenset[str]:
    # phonenumbers (~0.06 s to import) at the first phone-like query, not when the search box loads.
    import phonenumbers

    return frozenset(str(code) for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


def country_code(digits: str) -> str:
    """The E.164 country code at the start of ``digits`` ('' if none): codes are prefix-free."""
    codes = _country_codes()
    for n in (1, 2, 3):
        if len(digits) > n and digits[:n] in codes:
            return digits[:n]
    return ""


def national_number(e164: str | None) -> str:
    """The digits after the country code, as dialled inside the country ('+8613812345678' → '13812345678')."""
    if e164 and e164[0] == "+" and e164[1:].isascii() and e164[1:].isdigit():  # as stored: the fast way
        digits = e164[1:]
    else:
        digits = "".join(c for c in e164 or "" if c.isdigit())
    return digits[len(country_code(digits)):]


def after_prefix(prefix: str) -> str:
    """The least string above every string that starts with ``prefix`` in code point order (the
    order of SQLite's binary collation and of PostgreSQL's ``text_pattern_ops`` on UTF-8), the
    upper bound of a prefix range on a term index."""
    chars = list(prefix)
    while chars:
        following = ord(chars.pop()) + 1
        if 0xD800 <= following <= 0xDFFF:  # no surrogate code points in UTF-8
            following = 0xE000
        if following <= 0x10FFFF:
            return "".join(chars) + chr(following)
    raise ValueError("no bound above an empty prefix")
