"""The pick-lists of structured preferences (part of ``GuestCardService``): everyone who reads
cards reads them; administrators extend them (SETTINGS_ADMIN). Options are never deleted, only
made inactive, so stored preferences keep their label."""

from __future__ import annotations

from sqlalchemy import select

from hotelcrm.db.models import PreferenceOption
from hotelcrm.domain import codes, guest_rules
from hotelcrm.domain.errors import HotelCrmError
from hotelcrm.domain.permissions import Permission
from hotelcrm.domain.text_rules import clean_text

from .guest_card_reader import option_info
from .guest_dto import PreferenceOptionDraft, PreferenceOptionInfo
from .guest_write_support import load


def clean_option(draft: PreferenceOptionDraft) -> dict:
    if not isinstance(draft.sort_order, int) or not 0 <= draft.sort_order <= 9999:
        raise guest_rules.ValidationError("sort_order", "out_of_range", min=0, max=9999)
    return {
        "pref_group": guest_rules.check_code(draft.pref_group, codes.PREFERENCE_GROUP, "pref_group", required=True),
        "pref_key": guest_rules.check_key(draft.pref_key, "pref_key"),
        "value": guest_rules.check_key(draft.value, "pref_value"),
        "label_en": clean_text(draft.label_en, "label_en", required=True, max_len=100),
        "label_zh": clean_text(draft.label_zh, "label_zh", required=True, max_len=100),
        "sensitive": bool(draft.sensitive),
        "sort_order": draft.sort_order,
    }


class PreferenceOptionMixin:
    def preference_options(self, include_inactive: bool = False) -> list[PreferenceOptionInfo]:
        """The pick-lists, by group, key and sort order."""
        self._require(Permission.GUEST_READ)
        query = select(PreferenceOption).order_by(PreferenceOption.pref_group, PreferenceOption.pref_key,
                                                  PreferenceOption.sort_order, PreferenceOption.id)
        if not include_inactive:
            query = query.where(PreferenceOption.active)
        with self._read() as s:
            return [option_info(o) for o in s.scalars(query)]

    def add_preference_option(self, draft: PreferenceOptionDraft) -> PreferenceOptionInfo:
        self._require(Permission.SETTINGS_ADMIN)
        values = clean_option(draft)
        with self._write("preference_option") as (s, audit):
            exists = s.scalar(select(PreferenceOption.id).where(
                PreferenceOption.pref_group == values["pref_group"],
                PreferenceOption.pref_key == values["pref_key"], PreferenceOption.value == values["value"]))
            if exists is not None:
                raise HotelCrmError("duplicate", entity="preference_option")
            row = PreferenceOption(**values, active=True)
            s.add(row)
            s.flush()
            audit.created("preference_option", row.id, values)
            return option_info(row)

    def update_preference_option(self, option_id: int, expected_version: int, *, label_en: str,
                                 label_zh: str, sensitive: bool, sort_order: int,
                                 active: bool = True) -> PreferenceOptionInfo:
        """Labels, sensitivity, order and whether it is offered; group/key/value stay."""
        self._require(Permission.SETTINGS_ADMIN)
        with self._write("preference_option", option_id) as (s, audit):
            row = load(s, PreferenceOption, option_id, expected_version)
            draft = PreferenceOptionDraft(row.pref_group, row.pref_key, row.value, label_en, label_zh,
                                          sensitive, sort_order)
            values = {**clean_option(draft), "active": bool(active)}
            audit.changed("preference_option", row.id, row, values)
            s.flush()
            return option_info(row)
