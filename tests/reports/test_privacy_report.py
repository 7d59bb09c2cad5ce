"""The privacy export as a PDF, in both languages: the person's data in full, the CJK font
embedded."""

from __future__ import annotations

import pytest

from hotelcrm.services.actor import Actor
from hotelcrm.services.privacy_service import PrivacyService
from tests.reports.pdf_tools import pdf_fonts, pdf_pages_text
from tests.services.test_privacy_service import FAMILY, GIVEN, RID, make_person


@pytest.mark.parametrize(("lang", "title", "section"), [("zh_CN", "宾客个人数据清单", "证件（1）"),
                                                        ("en", "Personal data held on a guest", "ID documents (1)")])
def test_privacy_pdf_holds_the_person_in_both_languages(sqlite_db, tmp_path, lang, title, section):
    gid = make_person(sqlite_db, Actor.system())
    out = tmp_path / f"subject-{lang}.pdf"
    PrivacyService(sqlite_db, Actor.system()).export_to(gid, out, lang)
    text = "\n".join(pdf_pages_text(out))
    for wanted in (title, section, FAMILY, GIVEN, RID, "TS-2024-000001", "3840"):
        assert wanted in text, wanted
    assert all(f.embedded and f.subset for f in pdf_fonts(out))
