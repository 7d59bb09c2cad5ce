"""The default tiers and benefits: the hotel's benefit table of DESIGN.md §2.3. Data only; the
loyalty services create it on first use, after which managers edit it as data."""

from __future__ import annotations

# code, English, Chinese, rank, colour, nights threshold, points threshold, bonus %
TIERS: tuple[tuple[str, str, str, int, str, int | None, int | None, int], ...] = (
    ("SILVER", "Silver", "银卡", 1, "#8a939b", None, None, 0),
    ("GOLD", "Gold", "金卡", 2, "#b8860b", 10, 10_000, 20),
    ("PLATINUM", "Platinum", "白金卡", 3, "#4b5563", 30, 30_000, 40),
)

# code, kind, English, Chinese, English description, Chinese description, if rooms allow, value
BENEFITS: tuple[tuple[str, str, str, str, str, str, bool, int | None], ...] = (
    ("EARLY_LATE_2H", "time_allowance", "Early check-in / late check-out by 2 hours", "提前入住或延迟退房 2 小时",
     "Early check-in or late check-out by two hours, if rooms allow.", "视房态提供提前入住或延迟退房两小时。", True, 2),
    ("BONUS_20", "bonus_pct", "Bonus points 20% of base points", "奖励积分：基本积分的 20%",
     "Bonus points equal to 20% of base points.", "奖励积分为基本积分的 20%。", False, 20),
    ("BONUS_40", "bonus_pct", "Bonus points 40% of base points", "奖励积分：基本积分的 40%",
     "Bonus points equal to 40% of base points.", "奖励积分为基本积分的 40%。", False, 40),
    ("UPGRADE_1", "upgrade", "Upgrade by one room category", "升级一个房型",
     "Upgrade by one room category at check-in, if rooms allow.", "视房态在入住时升级一个房型。", True, 1),
    ("WELCOME_AMENITY", "amenity", "Welcome amenity", "欢迎致意品",
     "A welcome amenity in the room on arrival.", "入住时房内摆放欢迎致意品。", False, None),
    ("BIRTHDAY_CAKE", "birthday_gift", "Birthday cake coupon", "生日蛋糕券",
     "A cake coupon when the guest stays on the birthday.", "住店期间逢生日赠送蛋糕券。", False, None),
)

# tier code -> benefit codes
MATRIX: dict[str, tuple[str, ...]] = {
    "SILVER": ("EARLY_LATE_2H", "BIRTHDAY_CAKE"),
    "GOLD": ("EARLY_LATE_2H", "BONUS_20", "UPGRADE_1", "WELCOME_AMENITY", "BIRTHDAY_CAKE"),
    "PLATINUM": ("EARLY_LATE_2H", "BONUS_40", "UPGRADE_1", "WELCOME_AMENITY", "BIRTHDAY_CAKE"),
}
