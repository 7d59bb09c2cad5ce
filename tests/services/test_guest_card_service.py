"""The guest card service on both backends: validation, storage, masking per role, the audited
reveal, duplicates, preferences, conflicts and permissions."""

from datetime import date

import pytest
from sqlalchemy import event, func, select, update

from hotelcrm.db.models import AuditEntry, Guest, GuestContact, GuestDocument, GuestSearch, Stay, utcnow
from hotelcrm.domain.errors import Conflict, HotelCrmError, NotFound, PermissionDenied, ValidationError
from hotelcrm.domain.id_numbers import document_hash, resident_id_check_digit
from hotelcrm.services.company_service import CompanyService
from hotelcrm.services.guest_card_rows import read_guest_and_rows
from hotelcrm.services.guest_card_service import GuestCardService
from hotelcrm.services.guest_dto import (
    AddressDraft,
    CompanyDraft,
    ConsentDraft,
    ContactDraft,
    DocumentDraft,
    FeedbackDraft,
    GuestDraft,
    PersonalDraft,
    PreferenceDraft,
    PreferenceOptionDraft,
    SpecialDateDraft,
)
from hotelcrm.services.guest_merge_service import GuestMergeService
from hotelcrm.services.guest_search_service import GuestSearchService
from hotelcrm.services.guest_write_support import update_guest_row
from hotelcrm.services.settings_service import id_hash_key

BORN = date(1985, 3, 1)
RID = "11010519850301001" + resident_id_check_digit("11010519850301001")


def wang(**over) -> GuestDraft:
    base = dict(family_name="王", given_name="伟", gender="M", birth_date=BORN, nationality="CHN",
                documents=(DocumentDraft("resident_id", RID.lower()),),
                contacts=(ContactDraft("phone", "138 1234 5678"), ContactDraft("email", "Wang.Wei@Example.COM")))
    return GuestDraft(**{**base, **over})


@pytest.fixture
def cards(db, admin):
    return GuestCardService(db, admin)


def as_role(db, make_actor, role: str) -> GuestCardService:
    return GuestCardService(db, make_actor(role))


def count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def audit_rows(db, entity: str, entity_id, action: str | None = None) -> list[AuditEntry]:
    with db.read() as s:
        q = select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        if action:
            q = q.where(AuditEntry.action == action)
        rows = list(s.scalars(q.order_by(AuditEntry.id)))
        s.expunge_all()
        return rows


# ---------------------------------------------------------------- create / store


def test_create_stores_normalised_values_and_indexes_the_guest(db, cards):
    card = cards.create(wang())
    assert card.display_name == "王伟" and card.pinyin == "Wang Wei" and card.version == 1
    assert card.status == "active" and card.warnings == ()
    with db.read() as s:
        doc = s.scalar(select(GuestDocument).where(GuestDocument.guest_id == card.id))
        assert doc.number == RID and doc.is_primary
        assert doc.number_hash == document_hash("resident_id", RID, id_hash_key(s))
        contacts = {c.kind: c for c in s.scalars(select(GuestContact).where(GuestContact.guest_id == card.id))}
        assert contacts["phone"].value == "+8613812345678" and contacts["phone"].value_key == "8613812345678"
        assert contacts["email"].value == "wang.wei@example.com"
        row = s.get(GuestSearch, card.id)
        assert row is not None and row.display_name == "王伟"
        assert RID not in row.document  # the clear number never enters the index
    assert {c.display for c in card.contacts} == {"+86 138 1234 5678", "wang.wei@example.com"}
    assert [a.field for a in audit_rows(db, "guest", card.id, "create")]  # audited field by field


@pytest.mark.parametrize(("draft", "field", "why"), [
    (wang(contacts=(ContactDraft("phone", "12345"),)), "phone", "invalid_phone"),
    (wang(contacts=(ContactDraft("email", "wang@"),)), "email", "invalid_email"),
    (wang(documents=(DocumentDraft("resident_id", RID[:-1] + "0"),)), "id_number", "id_checksum"),
    (wang(documents=(DocumentDraft("passport", "12345678", "CHN"),)), "id_number", "cn_passport_format"),
    (wang(birth_date=date(2999, 1, 1)), "birth_date", "date_in_future"),
    (wang(nationality="China"), "nationality", "country_code"),
    (wang(family_name="", given_name=""), "family_name", "name_required"),
])
def test_nothing_invalid_is_stored(db, cards, draft, field, why):
    with pytest.raises(ValidationError) as info:
        cards.create(draft)
    assert (info.value.field, info.value.reason) == (field, why)
    assert count(db, Guest) == 0 and count(db, GuestContact) == 0 and count(db, GuestDocument) == 0


def test_unknown_company_is_refused(cards):
    with pytest.raises(HotelCrmError) as info:
        cards.create(wang(company_id=999))
    assert info.value.code == "not_found"


def test_resident_id_birth_date_disagreement_is_a_warning(db, cards):
    card = cards.create(wang(birth_date=date(1985, 3, 2)))
    assert [w.code for w in card.warnings] == ["id_birth_date_mismatch"]
    assert cards.card(card.id).birth_date == date(1985, 3, 2)  # saved anyway
    fixed = cards.update(card.id, card.version, wang(birth_date=BORN))
    assert fixed.warnings == ()


# ---------------------------------------------------------------- update / conflict


def test_update_audits_old_and_new_and_refreshes_search(db, cards):
    card = cards.create(wang())
    updated = cards.update(card.id, card.version, wang(given_name="维", vip_code="vip1"))
    assert updated.version == card.version + 1 and updated.display_name == "王维" and updated.vip_code == "VIP1"
    change = [a for a in audit_rows(db, "guest", card.id, "update") if a.field == "given_name"]
    assert (change[0].old_value, change[0].new_value) == ("伟", "维")
    with db.read() as s:
        assert s.get(GuestSearch, card.id).display_name == "王维"


def test_a_stale_version_is_refused_with_both_versions(cards):
    card = cards.create(wang())
    cards.update(card.id, card.version, wang(position="经理"))
    with pytest.raises(Conflict) as info:
        cards.update(card.id, card.version, wang(position="总监"))
    assert (info.value.mine, info.value.theirs) == (card.version, card.version + 1)
    assert cards.card(card.id).position == "经理"


def test_a_save_audits_each_changed_field_once_with_who_and_when(db, cards, make_actor):
    card = cards.create(wang(position="经理"))
    clerk = as_role(db, make_actor, "clerk")
    saved = clerk.update(card.id, card.version, wang(position="总监", latin_name="WANG WEI", vip_code="v2"))
    changes = audit_rows(db, "guest", card.id, "update")
    assert [(a.field, a.old_value, a.new_value) for a in changes] == [
        ("latin_name", None, "WANG WEI"), ("vip_code", None, "V2"), ("position", "经理", "总监")]
    assert {(a.actor_id, a.actor_name) for a in changes} == {(clerk.actor.user_id, clerk.actor.username)}
    assert all(a.at == saved.updated_at for a in changes) and saved.updated_at > card.updated_at
    assert saved.version == card.version + 1 and saved == clerk.card(card.id)  # the card as stored


def test_a_save_without_a_change_keeps_the_version_and_writes_no_audit_row(db, cards):
    card = cards.create(wang())
    same = cards.update(card.id, card.version, wang())
    assert same.version == card.version and same.updated_at == card.updated_at
    assert audit_rows(db, "guest", card.id, "update") == []
    with pytest.raises(Conflict):  # the version named must still be the stored one
        cards.update(card.id, card.version - 1, wang())


def test_a_row_changed_between_read_and_write_is_a_conflict_with_both_versions(db, cards):
    card = cards.create(wang())
    with pytest.raises(Conflict) as info, db.write() as s:
        guest, _ = read_guest_and_rows(s, card.id, lock=True)
        s.execute(update(Guest).where(Guest.id == card.id).values(version=Guest.version + 5))  # another desk
        update_guest_row(s, guest, card.version, {"position": (None, "总监")}, utcnow())
    assert (info.value.mine, info.value.theirs) == (card.version, card.version + 5)


def test_a_save_changes_the_company_and_refuses_an_unknown_one(db, cards, admin):
    company = CompanyService(db, admin).create(CompanyDraft("华夏贸易有限公司"))
    card = cards.create(wang())
    moved = cards.update(card.id, card.version, wang(company_id=company.id))
    assert (moved.company_id, moved.company_name) == (company.id, "华夏贸易有限公司")
    with pytest.raises(NotFound) as info:
        cards.update(card.id, moved.version, wang(company_id=999))
    assert info.value.params["entity"] == "company"
    left = cards.update(card.id, moved.version, wang(company_id=None))
    assert (left.company_id, left.company_name) == (None, None)
    with db.read() as s:
        assert s.get(GuestSearch, card.id).company is None


def test_a_merged_card_is_closed_to_every_save(db, cards, admin):
    kept, merged = cards.create(wang()), cards.create(wang(documents=(), contacts=()))
    GuestMergeService(db, admin).merge(kept.id, merged.id)
    version = cards.card(merged.id).version
    for save in (lambda: cards.update(merged.id, version, wang(position="总监")),
                 lambda: cards.update_personal(merged.id, version, PersonalDraft(hobbies="高尔夫")),
                 lambda: cards.set_blacklist(merged.id, version, True, "逃单")):
        with pytest.raises(HotelCrmError) as info:
            save()
        assert info.value.code == "guest_merged"
    with pytest.raises(NotFound):
        cards.update(999_999, 1, wang())


def test_a_save_rewrites_the_search_terms_only_when_a_searched_text_changed(db, cards):
    card = cards.create(wang())
    sets = []

    def spy(conn, cursor, statement, params, context, many):
        if statement.lstrip().upper().startswith("UPDATE GUEST_SEARCH"):
            sets.append(statement.split(" WHERE ")[0])

    event.listen(db.engine, "before_cursor_execute", spy)
    try:
        card = cards.update(card.id, card.version, wang(position="总监"))  # not searched
        assert sets == []
        card = cards.update(card.id, card.version, wang(position="总监", vip_code="gold"))  # shown, not a term
        assert len(sets) == 1 and "vip_code" in sets[0] and "document" not in sets[0] and "rank_key" not in sets[0]
        cards.update(card.id, card.version, wang(position="总监", vip_code="gold", given_name="维"))
        assert len(sets) == 2 and "document" in sets[1]
    finally:
        event.remove(db.engine, "before_cursor_execute", spy)
    hits = GuestSearchService(db, cards.actor).search("王维")
    assert [(h.id, h.vip_code) for h in hits] == [(card.id, "GOLD")]
    assert GuestSearchService(db, cards.actor).search("王伟") == []


def test_parts_carry_their_own_version(cards):
    card = cards.create(wang())
    phone = next(c for c in card.contacts if c.kind == "phone")
    card = cards.update_contact(phone.id, phone.version, ContactDraft("phone", "13900001111", "mobile"))
    again = next(c for c in card.contacts if c.id == phone.id)
    assert again.value == "+8613900001111" and again.version == phone.version + 1
    with pytest.raises(Conflict):
        cards.remove_contact(phone.id, phone.version)


# ---------------------------------------------------------------- masking and reveal


def sensitive_card(cards, db) -> int:
    card = cards.create(wang())
    cards.update_personal(card.id, card.version, PersonalDraft(religion="佛教", taboos="忌数字4", hobbies="高尔夫"))
    cards.add_preference(card.id, PreferenceDraft("dining", "allergies", "peanuts"))
    cards.add_preference(card.id, PreferenceDraft("room", "pillow_height", "low", note="荞麦枕"))
    cards.add_special_date(card.id, SpecialDateDraft("child_school", 9, 1, label="女儿入学"))
    cards.add_special_date(card.id, SpecialDateDraft("birthday", 3, 1, 1985))
    return card.id


def test_clerk_sees_masked_ids_and_no_sensitive_items(db, cards, make_actor):
    gid = sensitive_card(cards, db)
    card = as_role(db, make_actor, "clerk").card(gid)
    assert card.documents[0].number == "110105********" + RID[-4:] and card.documents[0].masked
    assert card.religion is None and card.taboos == "忌数字4"
    assert [(p.pref_key, p.value) for p in card.preferences] == [("pillow_height", "low")]
    assert [d.kind for d in card.special_dates] == ["birthday"]
    assert card.hidden_sensitive == 3 and not card.can_reveal and card.can_edit


def test_lobby_manager_sees_sensitive_items_but_masked_ids(db, cards, make_actor):
    gid = sensitive_card(cards, db)
    card = as_role(db, make_actor, "lobby_manager").card(gid)
    assert card.religion == "佛教" and card.hidden_sensitive == 0
    assert {p.pref_key for p in card.preferences} == {"allergies", "pillow_height"}
    assert any(p.sensitive for p in card.preferences)
    assert {d.kind for d in card.special_dates} == {"birthday", "child_school"}
    assert card.documents[0].masked and not card.can_reveal


def test_clerk_cannot_change_what_it_cannot_see(db, cards, make_actor):
    gid = sensitive_card(cards, db)
    clerk = as_role(db, make_actor, "clerk")
    allergy = next(p for p in cards.card(gid).preferences if p.pref_key == "allergies")
    with pytest.raises(PermissionDenied):
        clerk.remove_preference(allergy.id, allergy.version)
    card = clerk.card(gid)
    clerk.update_personal(gid, card.version, PersonalDraft(religion=None, taboos="忌数字4", hobbies="网球"))
    assert cards.card(gid).religion == "佛教"  # kept: the clerk's form never showed it
    # A clerk may still record an allergy it hears of at the desk; it is then hidden from it.
    after = clerk.add_preference(gid, PreferenceDraft("dining", "allergies", "shellfish"))
    assert all(p.pref_key != "allergies" for p in after.preferences) and after.hidden_sensitive == 4


def test_reveal_needs_the_permission_and_is_audited(db, cards, make_actor):
    card = cards.create(wang())
    doc = card.documents[0]
    with pytest.raises(PermissionDenied):
        as_role(db, make_actor, "lobby_manager").reveal_document(doc.id)
    assert audit_rows(db, "guest_document", doc.id, "reveal") == []
    manager = make_actor("manager")
    assert GuestCardService(db, manager).card(card.id).can_reveal
    assert GuestCardService(db, manager).reveal_document(doc.id) == RID
    reveals = audit_rows(db, "guest_document", doc.id, "reveal")
    assert len(reveals) == 1 and reveals[0].actor_name == manager.username and RID not in (reveals[0].note or "")


def test_document_numbers_are_audited_masked(db, cards):
    card = cards.create(wang())
    doc = card.documents[0]
    cards.update_document(doc.id, doc.version, DocumentDraft("passport", "E12345678", "CHN", date(2030, 1, 1)))
    cards.remove_document(doc.id, doc.version + 1)
    with db.read() as s:
        values = " ".join(f"{a.old_value} {a.new_value}" for a in s.scalars(select(AuditEntry)))
    assert RID not in values and "E12345678" not in values and "E1***5678" in values


# ---------------------------------------------------------------- permissions


def test_staff_cannot_read_or_write_cards(db, cards, make_actor):
    card = cards.create(wang())
    staff = as_role(db, make_actor, "staff")
    for call in (lambda: staff.card(card.id), lambda: staff.create(wang()), lambda: staff.likely_duplicates(wang()),
                 lambda: staff.update(card.id, card.version, wang())):
        with pytest.raises(PermissionDenied):
            call()


def test_clerk_edits_every_part(db, make_actor):
    clerk = as_role(db, make_actor, "clerk")
    card = clerk.create(wang(documents=(), contacts=()))
    card = clerk.add_document(card.id, DocumentDraft("passport", "e12345678", "CHN", date(2031, 5, 1)))
    card = clerk.add_contact(card.id, ContactDraft("wechat", "wang_wei_88"))
    card = clerk.add_address(card.id, AddressDraft("建国门外大街1号", city="北京", country="CHN"))
    card = clerk.add_feedback(card.id, FeedbackDraft("praise", "前台服务热情周到"))
    card = clerk.add_consent(card.id, ConsentDraft("sms", True, date(2026, 1, 5), "registration card"))
    card = clerk.add_consent(card.id, ConsentDraft("sms", False, date(2026, 2, 5), "phone call"))
    card = clerk.set_blacklist(card.id, card.version, True, "两次未结账离店")
    assert card.documents[0].number == "E1***5678" and card.documents[0].is_primary
    assert card.contacts[0].value == "wang_wei_88"
    assert card.addresses[0].city == "北京"
    assert card.feedback[0].kind == "praise"
    assert [(c.channel, c.granted) for c in card.consents] == [("sms", False)]  # the latest counts
    assert card.status == "blacklisted" and card.blacklist_reason == "两次未结账离店"
    with pytest.raises(ValidationError):
        clerk.set_blacklist(card.id, card.version, True, "  ")
    card = clerk.set_blacklist(card.id, card.version, False)
    assert card.status == "active" and card.blacklist_reason is None


# ---------------------------------------------------------------- preferences and pick-lists


def test_preferences_come_from_the_pick_lists(db, cards, make_actor):
    card = cards.create(wang())
    with pytest.raises(ValidationError) as info:
        cards.add_preference(card.id, PreferenceDraft("room", "pillow_colour", "red"))
    assert info.value.reason == "unknown_preference"
    with pytest.raises(ValidationError) as info:
        cards.add_preference(card.id, PreferenceDraft("room", "pillow_height", "extra_high"))
    assert info.value.reason == "unknown_preference_value"
    with pytest.raises(PermissionDenied):
        as_role(db, make_actor, "manager").add_preference_option(
            PreferenceOptionDraft("room", "pillow_height", "extra_high", "Extra high", "特高枕"))
    option = cards.add_preference_option(PreferenceOptionDraft("room", "pillow_height", "extra_high",
                                                               "Extra high", "特高枕", sort_order=50))
    card = as_role(db, make_actor, "clerk").add_preference(card.id, PreferenceDraft("room", "pillow_height",
                                                                                    "extra_high"))
    assert [p.value for p in card.preferences] == ["extra_high"]
    cards.update_preference_option(option.id, option.version, label_en="Extra high", label_zh="特高枕",
                                   sensitive=False, sort_order=50, active=False)
    offered = {(o.pref_key, o.value) for o in cards.preference_options()}
    assert ("pillow_height", "extra_high") not in offered and ("pillow_height", "low") in offered
    sensitive = {(o.pref_key, o.value) for o in cards.preference_options() if o.sensitive}
    assert ("allergies", "peanuts") in sensitive and ("diet", "halal") in sensitive
    assert ("diet", "vegetarian") not in sensitive


def test_feedback_links_only_the_guests_own_stay(db, cards):
    card = cards.create(wang())
    other = cards.create(wang(family_name="李", documents=(), contacts=()))
    with db.write() as s:
        stay = Stay(guest_id=other.id, status="checked_out", arrival_date=date(2026, 1, 1),
                    departure_date=date(2026, 1, 2))
        s.add(stay)
        s.flush()
        stay_id = stay.id
    with pytest.raises(ValidationError) as info:
        cards.add_feedback(card.id, FeedbackDraft("criticism", "早餐太冷", stay_id=stay_id))
    assert info.value.field == "feedback_stay"


# ---------------------------------------------------------------- stays on the card


def test_card_shows_stays_and_figures(db, cards):
    card = cards.create(wang())
    with db.write() as s:
        s.add_all([
            Stay(guest_id=card.id, status="checked_out", arrival_date=date(2026, 1, 1), departure_date=date(2026, 1, 4),
                 room_no="0812", room_type="Deluxe King", spend_room_cents=120000, spend_fnb_cents=30000,
                 discount_cents=10000, unpaid_cents=5000),
            Stay(guest_id=card.id, status="checked_out", arrival_date=date(2026, 5, 1), departure_date=date(2026, 5, 2),
                 room_no="1501", room_type="Twin", spend_room_cents=50000),
        ])
    card = cards.card(card.id)
    assert [s.room_no for s in card.stays] == ["1501", "0812"]  # newest first
    assert card.stats.stays == 2 and card.stats.nights == 4
    assert card.stats.total_spend_cents == 200000 and card.stats.average_spend_cents == 100000
    assert card.stats.unpaid_cents == 5000 and card.stats.discount_cents == 10000
    assert card.stats.favourite_room_type == "Deluxe King" and card.stats.last_stay == date(2026, 5, 1)


# ---------------------------------------------------------------- duplicates


def test_likely_duplicates_by_document_phone_email_and_name_with_birth_date(cards):
    existing = cards.create(wang())
    cases = {
        "document": GuestDraft(family_name="李", documents=(DocumentDraft("resident_id", RID),)),
        "phone": GuestDraft(family_name="李", contacts=(ContactDraft("phone", "+86 138-1234-5678"),)),
        "email": GuestDraft(latin_name="Li Na", contacts=(ContactDraft("email", "WANG.WEI@example.com"),)),
        "name_birth_date": GuestDraft(family_name="王", given_name="伟", birth_date=BORN),
    }
    for why, draft in cases.items():
        hits = cards.likely_duplicates(draft)
        assert [(h.guest_id, h.reasons) for h in hits] == [(existing.id, (why,))], why
    hits = cards.likely_duplicates(wang())
    assert hits[0].reasons == ("document", "phone", "email", "name_birth_date")
    assert cards.likely_duplicates(wang(), exclude_guest_id=existing.id) == []


def test_a_name_alone_is_never_a_duplicate(cards):
    cards.create(wang())
    assert cards.likely_duplicates(GuestDraft(family_name="王", given_name="伟")) == []
    assert cards.likely_duplicates(GuestDraft(family_name="王", given_name="伟", birth_date=date(1990, 1, 1))) == []
    # half-typed values are skipped while the clerk types, not refused
    assert cards.likely_duplicates(GuestDraft(family_name="王", contacts=(ContactDraft("phone", "138"),))) == []
