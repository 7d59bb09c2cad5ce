from importlib.resources import files

from reportlab.pdfbase import pdfmetrics

from hotelcrm.reports.fonts import FONT_FILE, FONT_NAME, register_fonts


def test_font_and_licence_ship_in_the_resources():
    folder = files("resources") / "fonts"
    assert (folder / FONT_FILE).read_bytes()[:4] == b"ttcf"  # a TrueType collection
    licence = (folder / "wqy-microhei.LICENSE.txt").read_text(encoding="utf-8")
    assert "Apache-2.0" in licence and "WenQuanYi" in licence
    assert "Apache License" in (folder / "wqy-microhei.Apache-2.0.txt").read_text(encoding="utf-8")


def test_registration_is_idempotent_and_covers_chinese_and_latin():
    assert register_fonts() == register_fonts() == FONT_NAME
    font = pdfmetrics.getFont(FONT_NAME)
    for char in "王伟欧阳娜娜投诉第页共AaZz0¥€—…":
        assert ord(char) in font.face.charToGlyph, f"{char!r} has no glyph"
    assert pdfmetrics.getFont(pdfmetrics.getRegisteredFontNames()[0])  # registry is usable
