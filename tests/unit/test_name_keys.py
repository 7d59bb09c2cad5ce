import pytest

from hotelcrm.domain.name_keys import display_pinyin, has_han, latin_key, pinyin_keys


@pytest.mark.parametrize(("family", "given", "expected"), [
    ("曾", "国藩", {"zengguofan", "cengguofan", "zgf", "cgf"}),
    ("单", "田芳", {"shantianfang", "dantianfang", "stf", "dtf"}),
    ("解", "缙", {"xiejin", "jiejin"}),
    ("仇", "英", {"qiuying", "chouying"}),
    ("区", "建华", {"oujianhua", "qujianhua"}),
    ("朴", "智妍", {"piaozhiyan", "puzhiyan"}),
    ("覃", "海", {"qinhai", "tanhai"}),
    ("查", "良镛", {"zhaliangyong", "chaliangyong"}),
    ("吕", "布", {"lvbu", "lubu", "lyubu", "lb"}),
])
def test_heteronym_surnames_give_every_reading(family, given, expected):
    assert expected <= set(pinyin_keys(family, given))


def test_two_character_name_and_initials():
    keys = pinyin_keys("王", "伟")
    assert keys[0] == "wangwei" and "ww" in keys


def test_compound_surname_and_latin_names():
    assert "ouyangxiu" in pinyin_keys("欧阳", "修")
    assert pinyin_keys("Smith", "John") == ()
    assert latin_key("José Núñez-Li") == "josenunezli"
    assert not has_han("Smith") and has_han("王")


def test_display_pinyin():
    assert display_pinyin("曾", "国藩") == "Zeng Guofan"
    assert display_pinyin("欧阳", "修") == "Ouyang Xiu"
    assert display_pinyin("王", "伟") == "Wang Wei"
    assert display_pinyin("", "") == ""
