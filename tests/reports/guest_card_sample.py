"""A returning guest with something in every group of the card, made through the services (as
the desk would), for the guest card PDF tests of the report, the service, the CLI and the GUI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hotelcrm.config import load_config
from hotelcrm.domain.id_numbers import resident_id_check_digit
from hotelcrm.services.actor import Actor
from hotelcrm.services.app_services import AppServices
from hotelcrm.services.guest_dto import (
    ContactDraft,
    DocumentDraft,
    FeedbackDraft,
    GuestDraft,
    PersonalDraft,
    PreferenceDraft,
    SpecialDateDraft,
)
from hotelcrm.services.stay_dto import CheckoutDraft, StayDraft

HOTEL = "海港大酒店 Grand Harbour Hotel"
FIRST17 = "11010519850307002"
ID_NUMBER = FIRST17 + resident_id_check_digit(FIRST17)
ID_MASKED = "110105********" + ID_NUMBER[-4:]
RELIGION = "佛教 Buddhism"
PRAISE = "前台服务热情周到 Warm welcome at the desk"
TABOO = "忌数字4 No room numbers with 4"


@dataclass(frozen=True)
class SampleGuest:
    id: int
    name: str
    latin_name: str
    id_number: str
    id_masked: str


def services_for(db) -> AppServices:
    return AppServices(load_config(db.url), db)


def make_sample_guest(db, stays: int = 3) -> SampleGuest:
    app = services_for(db)
    admin = Actor.system()
    app.settings(admin).set_many({"hotel.name": HOTEL})
    cards = app.guest_cards(admin)
    card = cards.create(GuestDraft(
        family_name="王", given_name="秀英", latin_name="WANG XIUYING", gender="F",
        birth_date=date(1985, 3, 7), nationality="CHN", language="zh", marital_status="married",
        guest_type="corporate", vip_code="V1",
        documents=(DocumentDraft("resident_id", ID_NUMBER, "CHN"),),
        contacts=(ContactDraft("phone", "13812345678", "mobile"), ContactDraft("email", "wang.xy@example.com")),
    ))
    card = cards.update_personal(card.id, card.version, PersonalDraft(
        character_notes="性格开朗，注重效率", hobbies="书法 Calligraphy", habits="早起晨跑",
        religion=RELIGION, taboos=TABOO, special_requests="加一张办公桌"))
    cards.add_preference(card.id, PreferenceDraft("room", "pillow_height", "low"))
    cards.add_preference(card.id, PreferenceDraft("dining", "allergies", "peanuts", "早餐时提到"))
    cards.add_special_date(card.id, SpecialDateDraft("birthday", 3, 7, 1985))
    cards.add_special_date(card.id, SpecialDateDraft("anniversary", 10, 1, label="结婚纪念日 wedding"))
    cards.add_feedback(card.id, FeedbackDraft("praise", PRAISE))
    stay_service = app.stays(admin)
    today = date.today()
    for i in range(stays):
        arrival = today - timedelta(days=40 * (i + 1))
        stay_service.record_past_stay(
            card.id,
            StayDraft(arrival_date=arrival, departure_date=arrival + timedelta(days=2), room_no=f"08{i:02d}",
                      room_type="Deluxe King", rate_cents=88_800, channel="phone", segment="corporate"),
            CheckoutDraft(spend_room_cents=177_600, spend_fnb_cents=23_450, discount_cents=5_000))
    return SampleGuest(card.id, "王秀英", "WANG XIUYING", ID_NUMBER, ID_MASKED)
