"""Generators for the demo data: one function per entity, each a pure function of a seeded
``random.Random`` (the same seed gives the same data). They return plain row dictionaries for
bulk inserts; ``demo_service`` fills in the database ids.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import accumulate

from pypinyin import lazy_pinyin

from hotelcrm.domain.contact_rules import email_key, normalize_phone, phone_key
from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.id_numbers import resident_id_check_digit

from . import demo_names as names

LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # no I, O, Q: never used in passport numbers
CHINESE_SHARE = 0.7


class Uniques:
    """Phones, e-mails and ID numbers already handed out: demo guests must not look like
    duplicates of each other (duplicate detection matches on exactly these)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def claim(self, value: str) -> bool:
        if value in self.seen:
            return False
        self.seen.add(value)
        return True


@dataclass
class Weighted:
    """``random.choices`` with the cumulative weights computed once (it runs per guest)."""

    items: tuple
    cum: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.cum = list(accumulate(weight for *_, weight in self.items))

    def pick(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cum)[0]


SURNAMES = Weighted(names.SURNAMES)
VIP = Weighted(names.VIP_CODES)
COUNTRIES = Weighted(tuple((code, spec["weight"]) for code, spec in names.COUNTRIES.items()))


@dataclass
class GuestDraft:
    """One guest and the rows that hang on it; ``company`` is an index into the companies."""

    guest: dict
    documents: list[dict] = field(default_factory=list)
    contacts: list[dict] = field(default_factory=list)
    addresses: list[dict] = field(default_factory=list)
    special_dates: list[dict] = field(default_factory=list)
    company: int | None = None


def birth_date(rng: random.Random, today: date) -> date:
    """Adults, most of them between 28 and 60."""
    age = int(rng.gauss(44, 12))
    while not 19 <= age <= 85:
        age = int(rng.gauss(44, 12))
    return today - timedelta(days=age * 365 + rng.randrange(365))


def resident_id(rng: random.Random, region: str, born: date, gender: str, uniques: Uniques) -> str:
    """A GB 11643 number whose birth date, gender digit and check digit are right."""
    while True:
        seq = rng.randrange(0, 500) * 2 + (1 if gender == "M" else 0)
        body = f"{region}{born:%Y%m%d}{seq:03d}"
        number = body + resident_id_check_digit(body)
        if uniques.claim(number):
            return number


def pattern_value(rng: random.Random, pattern: str) -> str:
    """``#`` digit, ``@`` letter, ``*`` either; other characters literally."""
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(str(rng.randrange(10)))
        elif ch == "@":
            out.append(rng.choice(LETTERS))
        elif ch == "*":
            out.append(rng.choice(LETTERS + "0123456789"))
        else:
            out.append(ch)
    return "".join(out)


def passport(rng: random.Random, nationality: str, pattern: str, today: date, uniques: Uniques) -> dict:
    while True:
        number = pattern_value(rng, pattern)
        if uniques.claim(f"passport:{number}"):
            break
    # A few have expired: the desk should notice. The others stay valid all year (``today`` is 1 January).
    days = rng.randrange(-200, 0) if rng.random() < 0.03 else rng.randrange(400, 3650)
    expiry = today + timedelta(days=days)
    return {"doc_type": "passport", "number": number, "issuing_country": nationality, "expiry_date": expiry}


def cn_mobile(rng: random.Random, uniques: Uniques) -> str:
    while True:
        number = f"+86{rng.choice(names.CN_MOBILE_PREFIXES)}{rng.randrange(10**8):08d}"
        if uniques.claim(number):
            return number


def foreign_phone(rng: random.Random, nationality: str, uniques: Uniques) -> str:
    """A number that ``phonenumbers`` accepts as valid for the country (retried until it is)."""
    country_code, prefix, digits = names.COUNTRIES[nationality]["phone"]
    while True:
        lead = rng.choice(prefix[5:].split(",")) if prefix.startswith("area:") else prefix
        candidate = f"{country_code}{lead}{rng.randrange(10**digits):0{digits}d}"
        try:
            number = normalize_phone(candidate)
        except ValidationError:
            continue
        if uniques.claim(number):
            return number


def email(rng: random.Random, local: str, domains: tuple[str, ...], uniques: Uniques) -> str:
    base = "".join(ch for ch in local.lower() if ch.isascii() and (ch.isalnum() or ch in "._"))
    candidate = f"{base}@{rng.choice(domains)}"
    while not uniques.claim(email_key(candidate)):
        candidate = f"{base}{rng.randrange(10, 10000)}@{rng.choice(domains)}"
    return candidate


def contact(kind: str, value: str, primary: bool, label: str | None = None) -> dict:
    key = phone_key(value) if kind == "phone" else email_key(value)
    return {"kind": kind, "value": value, "value_key": key, "label": label, "is_primary": primary}


def special_date(kind: str, day: date, with_year: bool = True) -> dict:
    return {"kind": kind, "month": day.month, "day": day.day, "year": day.year if with_year else None,
            "label": None, "sensitive": False, "remind_days_before": 7}


@cache
def _char_pinyin(char: str) -> str:
    # The given-name characters have a single common reading, so reading them one at a time
    # is right and lets a hundred cached entries serve any number of guests.
    return lazy_pinyin(char)[0]


def chinese_name(rng: random.Random, gender: str) -> tuple[str, str, str, str]:
    """(family name, given name, pinyin, Latin spelling): one or two given characters, so the
    demo has two-, three- and (with compound surnames) four-character names."""
    surname, surname_py, _ = SURNAMES.pick(rng)
    pool = names.GIVEN_MALE if gender == "M" else names.GIVEN_FEMALE
    given = rng.choice(pool) if rng.random() < 0.3 else rng.choice(pool) + rng.choice(pool)
    given_py = [_char_pinyin(char) for char in given]
    # The card's spelling (name_keys.display_pinyin): "Ouyang Xiu", surname apart; built from the
    # cached syllables because demo loads run to a million names.
    pinyin = f"{''.join(surname_py.split()).capitalize()} {''.join(given_py).capitalize()}"
    # Passports spell ü as "yu" (LYU); the stored pinyin keeps "v", the search key convention.
    latin = f"{surname_py.replace(' ', '').replace('v', 'yu').title()} {''.join(given_py).replace('v', 'yu').title()}"
    return surname, given, pinyin, latin


def chinese_address(rng: random.Random, region: tuple[str, str, str, str, str]) -> dict:
    _, province, city, district, postal = region
    line1 = (f"{district}{rng.choice(names.STREETS_ZH)}{rng.randrange(1, 400)}号"
             f"{rng.choice(names.ESTATES_ZH)}{rng.randrange(1, 30)}栋{rng.randrange(2, 33)}{rng.randrange(1, 9):02d}室")
    return {"kind": "home", "line1": line1, "line2": None, "city": city, "region": province,
            "postal_code": postal, "country": "CHN"}


def foreign_address(rng: random.Random, nationality: str) -> dict:
    city, region, postal = rng.choice(names.COUNTRIES[nationality]["cities"])
    streets = names.STREETS_LOCAL.get(nationality, names.STREETS_EN)
    number = rng.randrange(1, 250)
    street = rng.choice(streets)
    line1 = f"{street} {number}" if nationality in names.STREETS_LOCAL else f"{number} {street}"
    return {"kind": "home", "line1": line1, "line2": None, "city": city, "region": region or None,
            "postal_code": postal, "country": nationality}


def _guest_row(**values) -> dict:
    row = {"family_name": "", "given_name": "", "latin_name": None, "pinyin": None, "gender": None,
           "birth_date": None, "nationality": None, "language": None, "marital_status": None,
           "guest_type": "individual", "vip_code": None, "company_id": None, "position": None,
           "status": "active", "blacklist_reason": None}
    row.update(values)
    return row


def _marital(rng: random.Random, age: int) -> str | None:
    if rng.random() < 0.2:
        return None
    return "married" if rng.random() < (0.2 if age < 28 else 0.75) else "single"


def chinese_guest(rng: random.Random, today: date, uniques: Uniques) -> GuestDraft:
    gender = "M" if rng.random() < 0.55 else "F"
    family, given, pinyin, latin = chinese_name(rng, gender)
    born = birth_date(rng, today)
    region = rng.choice(names.REGIONS)
    marital = _marital(rng, today.year - born.year)
    draft = GuestDraft(_guest_row(
        family_name=family, given_name=given, latin_name=latin, pinyin=pinyin, gender=gender,
        birth_date=born, nationality="CHN", language="zh-CN", marital_status=marital))
    draft.documents.append({"doc_type": "resident_id", "number": resident_id(rng, region[0], born, gender, uniques),
                            "issuing_country": "CHN", "expiry_date": None, "is_primary": True})
    if rng.random() < 0.12:
        doc = passport(rng, "CHN", rng.choice(("E########", "E@#######")), today, uniques)
        draft.documents.append({**doc, "is_primary": False})
    draft.contacts.append(contact("phone", cn_mobile(rng, uniques), True, "mobile"))
    if rng.random() < 0.65:
        local = rng.choice((pinyin.replace(" ", ""), f"{''.join(p[0] for p in pinyin.split())}{born:%y%m%d}",
                            f"{pinyin.split()[-1]}.{pinyin.split()[0]}"))
        draft.contacts.append(contact("email", email(rng, local, names.CN_MAIL_DOMAINS, uniques), False))
    if rng.random() < 0.85:
        draft.addresses.append(chinese_address(rng, region))
    _add_personal_dates(rng, draft, born, marital, today)
    return draft


def foreign_guest(rng: random.Random, today: date, uniques: Uniques) -> GuestDraft:
    nationality = COUNTRIES.pick(rng)[0]
    spec = names.COUNTRIES[nationality]
    families, males, females = names.FOREIGN_NAMES.get(nationality, names.FOREIGN_NAMES["EN"])
    gender = "M" if rng.random() < 0.6 else "F"
    family, given = rng.choice(families), rng.choice(males if gender == "M" else females)
    born = birth_date(rng, today)
    marital = _marital(rng, today.year - born.year)
    draft = GuestDraft(_guest_row(
        family_name=family, given_name=given, latin_name=f"{given} {family}", gender=gender,
        birth_date=born, nationality=nationality, language=spec["language"], marital_status=marital))
    draft.documents.append({**passport(rng, nationality, spec["passport"], today, uniques), "is_primary": True})
    draft.contacts.append(contact("phone", foreign_phone(rng, nationality, uniques), True, "mobile"))
    if rng.random() < 0.8:
        local = f"{given}.{family}".replace(" ", "").replace("-", "")
        draft.contacts.append(contact("email", email(rng, local, names.FOREIGN_MAIL_DOMAINS, uniques), False))
    if rng.random() < 0.7:
        draft.addresses.append(foreign_address(rng, nationality))
    _add_personal_dates(rng, draft, born, marital, today)
    return draft


def _add_personal_dates(rng: random.Random, draft: GuestDraft, born: date, marital: str | None,
                        today: date) -> None:
    draft.special_dates.append(special_date("birthday", born))
    if marital == "married" and rng.random() < 0.25:
        wedding = date(min(born.year + rng.randrange(23, 36), today.year - 1), rng.randrange(1, 13),
                       rng.randrange(1, 29))
        draft.special_dates.append(special_date("anniversary", wedding))


def guest(rng: random.Random, today: date, uniques: Uniques) -> GuestDraft:
    """About 70 % Chinese guests, 30 % foreign guests."""
    if rng.random() < CHINESE_SHARE:
        return chinese_guest(rng, today, uniques)
    return foreign_guest(rng, today, uniques)


def attach_company(rng: random.Random, draft: GuestDraft, company_kinds: list[str]) -> None:
    """Roughly two guests in five travel for a company (协议单位) and have a position there."""
    if not company_kinds or rng.random() >= 0.4:
        if rng.random() < 0.05:
            draft.guest["guest_type"] = "group"
        return
    draft.company = rng.randrange(len(company_kinds))
    draft.guest["guest_type"] = "corporate"
    chinese = draft.guest["nationality"] == "CHN"
    if company_kinds[draft.company] == "government":
        positions = names.POSITIONS_GOVERNMENT_ZH if chinese else names.POSITIONS_GOVERNMENT_EN
    else:
        positions = names.POSITIONS_ZH if chinese else names.POSITIONS_EN
    draft.guest["position"] = rng.choice(positions)


def mark_vip(rng: random.Random, draft: GuestDraft) -> None:
    draft.guest["vip_code"] = VIP.pick(rng)[0]


def mark_blacklisted(rng: random.Random, draft: GuestDraft) -> None:
    reasons = names.BLACKLIST_REASONS_ZH if draft.guest["nationality"] == "CHN" else names.BLACKLIST_REASONS_EN
    draft.guest["status"] = "blacklisted"
    draft.guest["blacklist_reason"] = rng.choice(reasons)
    draft.guest["vip_code"] = None


def company(rng: random.Random, today: date, uniques: Uniques) -> tuple[dict, dict]:
    """A fictional company (协议单位, travel agency or government office) and its founding day."""
    city_zh, city_en = rng.choice(names.COMPANY_CITIES)
    brand_zh, brand_en = rng.choice(names.COMPANY_BRANDS)
    roll = rng.random()
    if roll < 0.08:
        kind, (trade_zh, trade_en, slug) = "travel_agency", names.TRAVEL_AGENCY
        name_zh, name_en = f"{city_zh}{brand_zh}{trade_zh}有限公司", f"{city_en} {brand_en} {trade_en} Co., Ltd."
    elif roll < 0.12:
        kind, (trade_zh, trade_en, slug) = "government", rng.choice(names.GOVERNMENT_BODIES)
        name_zh, name_en = f"{city_zh}{trade_zh}", f"{city_en} {trade_en}"
        brand_en = city_en
    else:
        kind, (trade_zh, trade_en, slug) = "agreement", rng.choice(names.COMPANY_TRADES)
        name_zh, name_en = f"{city_zh}{brand_zh}{trade_zh}有限公司", f"{city_en} {brand_en} {trade_en} Co., Ltd."
    contact_family, contact_given, _, _ = chinese_name(rng, rng.choice("MF"))
    area, digits = names.CN_AREA_CODES[city_zh]
    while True:
        try:
            phone = normalize_phone(f"+86{area}{rng.randrange(2, 9)}{rng.randrange(10 ** (digits - 1)):0{digits - 1}d}")
        except ValidationError:
            continue
        if uniques.claim(phone):
            break
    address = (f"{city_zh}市{rng.choice(names.STREETS_ZH)}{rng.randrange(1, 800)}号"
               f"{rng.choice('ABCD')}座{rng.randrange(2, 40)}层")
    domain = f"{brand_en.lower().replace(' ', '').replace(chr(39), '')}-{slug}.com.cn"
    row = {"name": name_zh, "name_latin": name_en, "kind": kind, "contact_person": contact_family + contact_given,
           "phone": phone, "email": f"sales@{domain}", "address": address, "notes": None, "status": "active"}
    founded = date(rng.randrange(1985, today.year - 1), rng.randrange(1, 13), rng.randrange(1, 29))
    return row, special_date("company_founding", founded)
