"""Is an existing card likely the same person as the one being typed? Pure scoring.

A card matches on the same ID document (keyed hash), the same phone (E.164 digits), the same
e-mail (lower case), or the same name *and* the same birth date. A name alone never matches:
王伟 is the most common name in China.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .name_keys import has_han, latin_key

# Strongest first: the order the reasons are listed in.
REASONS = ("document", "phone", "email", "name_birth_date")


def name_key(family_name: str | None, given_name: str | None) -> str:
    """A name in Chinese script without spaces: '王 伟' == '王伟'."""
    text = unicodedata.normalize("NFKC", f"{family_name or ''}{given_name or ''}")
    return "".join(text.split()).casefold()


def latin_words_key(text: str | None) -> str:
    """A Latin-script name as its words in sorted order: 'SMITH, John' == 'John Smith'."""
    words = (latin_key(w) for w in (text or "").replace(",", " ").replace("-", " ").split())
    return " ".join(sorted(w for w in words if w))


def name_keys(family_name: str | None, given_name: str | None, latin_name: str | None) -> frozenset[str]:
    """The keys a name is compared by: its own script, and its Latin spelling (so 'WANG WEI'
    on a passport meets 'Wei Wang' typed by a clerk)."""
    keys = {latin_words_key(latin_name)}
    if has_han(family_name) or has_han(given_name):
        keys.add(name_key(family_name, given_name))
    else:
        keys.add(latin_words_key(f"{family_name or ''} {given_name or ''}"))
    return frozenset(k for k in keys if k)


@dataclass(frozen=True)
class IdentityKeys:
    """What a card (or a draft) is compared by."""

    document_hashes: frozenset[str] = field(default_factory=frozenset)
    phone_keys: frozenset[str] = field(default_factory=frozenset)
    email_keys: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)
    birth_date: object | None = None  # datetime.date

    @property
    def empty(self) -> bool:
        return not (self.document_hashes or self.phone_keys or self.email_keys
                    or (self.names and self.birth_date is not None))


def match_reasons(draft: IdentityKeys, card: IdentityKeys) -> tuple[str, ...]:
    """Why ``card`` is likely the guest of ``draft`` (strongest first); () when it is not."""
    found = set()
    if draft.document_hashes & card.document_hashes:
        found.add("document")
    if draft.phone_keys & card.phone_keys:
        found.add("phone")
    if draft.email_keys & card.email_keys:
        found.add("email")
    if (draft.birth_date is not None and draft.birth_date == card.birth_date
            and draft.names & card.names):
        found.add("name_birth_date")
    return tuple(r for r in REASONS if r in found)


def rank(hits: Iterable[tuple[int, tuple[str, ...]]]) -> list[tuple[int, tuple[str, ...]]]:
    """Most reasons first, then the strongest reason, then the newest card (highest id)."""
    return sorted(
        (h for h in hits if h[1]),
        key=lambda h: (-len(h[1]), REASONS.index(h[1][0]), -h[0]),
    )
