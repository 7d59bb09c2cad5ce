"""preference options: the default pick-lists of structured preferences (DESIGN.md §2.1)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:00:00

A data step only: rooms (pillow, mattress, floor, smoking, temperature, bath water, lighting,
toiletries, newspaper, reading, TV, cleaning) and dining (diet, allergies, foods avoided, taste,
tea, coffee, wine, private room), plus health and accessibility notes. Allergy, health and
religion-like options are marked sensitive. Administrators extend the lists later; downgrade
removes only the rows this revision seeded and no guest preference refers to.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = True  # sensitive
# group -> key -> [(value, English label, Chinese label[, sensitive])]
OPTIONS: dict[str, dict[str, list[tuple]]] = {
    "room": {
        "pillow_height": [("low", "Low pillow", "低枕"), ("medium", "Medium pillow", "中等高度枕"),
                          ("high", "High pillow", "高枕"), ("extra_pillow", "Extra pillow", "加枕")],
        "pillow_type": [("down", "Down", "羽绒枕"), ("buckwheat", "Buckwheat", "荞麦枕"),
                        ("memory_foam", "Memory foam", "记忆棉枕"), ("hypoallergenic", "Hypoallergenic", "防过敏枕", S)],
        "mattress_firmness": [("soft", "Soft", "偏软"), ("medium", "Medium", "适中"), ("firm", "Firm", "偏硬"),
                              ("board", "Hard board", "硬板床")],
        "floor": [("low", "Low floor", "低楼层"), ("middle", "Middle floor", "中间楼层"),
                  ("high", "High floor", "高楼层"), ("near_lift", "Near the lift", "靠近电梯"),
                  ("away_from_lift", "Away from the lift", "远离电梯")],
        "smoking": [("non_smoking", "Non-smoking room", "无烟房"), ("smoking", "Smoking room", "吸烟房")],
        "temperature": [("cool", "Cool (20–22 °C)", "偏凉（20–22℃）"), ("moderate", "Moderate (23–25 °C)", "适中（23–25℃）"),
                        ("warm", "Warm (26–28 °C)", "偏暖（26–28℃）")],
        "bath_water_temperature": [("warm", "Warm", "温水"), ("hot", "Hot", "热水"), ("very_hot", "Very hot", "较烫")],
        "lighting": [("dim", "Dim", "柔和偏暗"), ("bright", "Bright", "明亮"), ("night_light", "Night light on", "留夜灯"),
                     ("blackout", "Full blackout", "完全遮光")],
        "toiletry_brand": [("hotel_standard", "Hotel standard", "酒店标准用品"), ("premium", "Premium brand", "高端品牌"),
                           ("hypoallergenic", "Hypoallergenic", "低敏配方", S), ("own", "Brings own", "自带用品")],
        "newspaper": [("chinese", "Chinese newspaper", "中文报纸"), ("english", "English newspaper", "英文报纸"),
                      ("financial", "Financial newspaper", "财经报纸"), ("none", "No newspaper", "不需要报纸")],
        "reading": [("business", "Business", "商业财经"), ("current_affairs", "Current affairs", "时事新闻"),
                    ("fiction", "Fiction", "文学小说"), ("magazines", "Magazines", "杂志")],
        "tv_entertainment": [("news", "News channels", "新闻频道"), ("sports", "Sports", "体育频道"),
                             ("movies", "Movies", "电影"), ("international", "International channels", "境外频道"),
                             ("no_tv", "No TV", "不看电视")],
        "cleanliness": [("standard", "Standard", "标准清洁"), ("enhanced", "Enhanced (disinfected)", "加强消毒"),
                        ("daily_linen", "Fresh linen daily", "每日更换布草"),
                        ("no_linen_change", "No daily linen change", "不需每日更换布草"),
                        ("clean_in_afternoon", "Clean in the afternoon", "下午打扫")],
    },
    "dining": {
        "diet": [("vegetarian", "Vegetarian", "素食"), ("vegan", "Vegan", "纯素"),
                 ("buddhist_vegetarian", "Buddhist vegetarian (no five pungent)", "斋菜（不含五辛）", S),
                 ("halal", "Halal", "清真", S), ("kosher", "Kosher", "犹太洁食", S),
                 ("low_salt", "Low salt", "少盐", S), ("low_sugar", "Low sugar / diabetic", "少糖／糖尿病饮食", S),
                 ("gluten_free", "Gluten-free", "无麸质", S)],
        "allergies": [("peanuts", "Peanuts", "花生", S), ("tree_nuts", "Tree nuts", "坚果", S),
                      ("shellfish", "Shellfish", "贝类及甲壳类", S), ("fish", "Fish", "鱼类", S),
                      ("eggs", "Eggs", "鸡蛋", S), ("milk", "Milk / dairy", "牛奶及乳制品", S),
                      ("soy", "Soy", "大豆", S), ("wheat", "Wheat / gluten", "小麦／麸质", S),
                      ("sesame", "Sesame", "芝麻", S), ("alcohol", "Alcohol", "酒精", S),
                      ("mango", "Mango", "芒果", S), ("msg", "MSG", "味精", S)],
        "foods_avoided": [("pork", "Pork", "猪肉"), ("beef", "Beef", "牛肉"), ("lamb", "Lamb", "羊肉"),
                          ("seafood", "Seafood", "海鲜"), ("spicy", "Spicy food", "辣"), ("coriander", "Coriander", "香菜"),
                          ("garlic_onion", "Garlic and onion", "葱蒜"), ("offal", "Offal", "动物内脏"),
                          ("raw_food", "Raw food", "生食"), ("cold_drinks", "Iced drinks", "冰饮")],
        "taste": [("light", "Light", "清淡"), ("mild_spicy", "Mildly spicy", "微辣"), ("spicy", "Spicy", "重辣"),
                  ("sweet", "Sweet", "偏甜"), ("salty", "Savoury", "偏咸"), ("sour", "Sour", "偏酸")],
        "tea": [("green", "Green tea", "绿茶"), ("black", "Black tea", "红茶"), ("oolong", "Oolong", "乌龙茶"),
                ("pu_erh", "Pu-erh", "普洱"), ("jasmine", "Jasmine tea", "茉莉花茶"), ("none", "No tea", "不喝茶")],
        "coffee": [("espresso", "Espresso", "意式浓缩"), ("americano", "Americano", "美式咖啡"),
                   ("latte", "Latte", "拿铁"), ("cappuccino", "Cappuccino", "卡布奇诺"), ("decaf", "Decaf", "低因咖啡"),
                   ("none", "No coffee", "不喝咖啡")],
        "wine": [("red", "Red wine", "红葡萄酒"), ("white", "White wine", "白葡萄酒"), ("sparkling", "Sparkling", "起泡酒"),
                 ("baijiu", "Baijiu", "白酒"), ("beer", "Beer", "啤酒"), ("none", "No alcohol", "不饮酒")],
        "private_room": [("preferred", "Private room preferred", "偏好包间"), ("quiet", "Quiet table", "安静的座位"),
                         ("window", "Window table", "靠窗座位"), ("not_needed", "No private room", "不需要包间")],
    },
    "other": {
        "health": [("diabetes", "Diabetes", "糖尿病", S), ("hypertension", "High blood pressure", "高血压", S),
                   ("heart_condition", "Heart condition", "心脏疾病", S), ("pregnant", "Pregnant", "怀孕", S),
                   ("asthma", "Asthma", "哮喘", S)],
        "accessibility": [("wheelchair", "Wheelchair user", "使用轮椅", S), ("hearing", "Hearing impaired", "听力障碍", S),
                          ("visual", "Visually impaired", "视力障碍", S), ("walking_aid", "Walking aid", "使用助行器", S)],
        "religious_observance": [("halal", "Halal observance", "清真饮食习惯", S), ("buddhist", "Buddhist", "佛教习俗", S),
                                 ("no_alcohol", "No alcohol for religious reasons", "因宗教不饮酒", S),
                                 ("prayer_times", "Prayer times", "礼拜时间", S)],
        "communication": [("wechat", "WeChat", "微信"), ("phone", "Phone call", "电话"), ("sms", "Text message", "短信"),
                          ("email", "E-mail", "电子邮件"), ("no_disturb", "Do not disturb", "请勿打扰")],
    },
}


def _options() -> list[dict]:
    rows = []
    for group, keys in OPTIONS.items():
        for key, values in keys.items():
            for order, (value, en, zh, *flag) in enumerate(values, start=1):
                rows.append({"pref_group": group, "pref_key": key, "value": value, "label_en": en,
                             "label_zh": zh, "sensitive": bool(flag and flag[0]), "sort_order": order * 10,
                             "active": True, "version": 1})
    return rows


def _table():
    return sa.table(
        "preference_options",
        sa.column("id", sa.Integer), sa.column("pref_group", sa.String), sa.column("pref_key", sa.String),
        sa.column("value", sa.String), sa.column("label_en", sa.String), sa.column("label_zh", sa.String),
        sa.column("sensitive", sa.Boolean), sa.column("sort_order", sa.Integer), sa.column("active", sa.Boolean),
        sa.column("version", sa.Integer),
    )


def upgrade() -> None:
    bind = op.get_bind()
    options = _table()
    existing = {tuple(r) for r in bind.execute(sa.select(options.c.pref_group, options.c.pref_key, options.c.value))}
    rows = [r for r in _options() if (r["pref_group"], r["pref_key"], r["value"]) not in existing]
    if rows:
        bind.execute(options.insert(), rows)


def downgrade() -> None:
    bind = op.get_bind()
    options = _table()
    used = sa.table("guest_preferences", sa.column("pref_group"), sa.column("pref_key"), sa.column("value"))
    in_use = {tuple(r) for r in bind.execute(sa.select(used.c.pref_group, used.c.pref_key, used.c.value))}
    for row in _options():
        triple = (row["pref_group"], row["pref_key"], row["value"])
        if triple in in_use:
            continue
        bind.execute(options.delete().where(options.c.pref_group == triple[0], options.c.pref_key == triple[1],
                                            options.c.value == triple[2]))
