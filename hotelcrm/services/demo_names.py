"""Word lists for the demo data: Chinese surnames (with their surname readings), given-name
characters, places with real administrative codes, foreign names, companies and positions.

Data only; the generators live in ``demo_generators.py``.
"""

from __future__ import annotations

# (surname, pinyin syllables, weight). Surname readings are given explicitly because a
# dictionary reads the heteronyms 曾 单 解 仇 区 朴 覃 查 the common way (ceng, dan, jie ...),
# not the way they are read as surnames. The heteronyms are over-weighted a little so that a
# few hundred demo guests already contain them (search must find every reading).
SURNAMES: tuple[tuple[str, str, int], ...] = (
    ("王", "wang", 72), ("李", "li", 72), ("张", "zhang", 70), ("刘", "liu", 55), ("陈", "chen", 50),
    ("杨", "yang", 33), ("黄", "huang", 25), ("赵", "zhao", 22), ("吴", "wu", 21), ("周", "zhou", 21),
    ("徐", "xu", 16), ("孙", "sun", 15), ("马", "ma", 15), ("朱", "zhu", 14), ("胡", "hu", 13),
    ("郭", "guo", 12), ("何", "he", 12), ("高", "gao", 11), ("林", "lin", 11), ("罗", "luo", 10),
    ("郑", "zheng", 10), ("梁", "liang", 9), ("谢", "xie", 8), ("宋", "song", 8), ("唐", "tang", 7),
    ("许", "xu", 7), ("韩", "han", 7), ("冯", "feng", 7), ("邓", "deng", 7), ("曹", "cao", 6),
    ("彭", "peng", 6), ("肖", "xiao", 6), ("田", "tian", 5), ("董", "dong", 5), ("袁", "yuan", 5),
    ("潘", "pan", 5), ("于", "yu", 5), ("蒋", "jiang", 5), ("蔡", "cai", 5), ("余", "yu", 5),
    ("杜", "du", 5), ("叶", "ye", 5), ("程", "cheng", 5), ("苏", "su", 4), ("魏", "wei", 4),
    ("丁", "ding", 4), ("任", "ren", 4), ("沈", "shen", 4), ("姚", "yao", 4), ("卢", "lu", 4),
    ("姜", "jiang", 4), ("崔", "cui", 4), ("钟", "zhong", 4), ("谭", "tan", 4), ("陆", "lu", 4),
    ("汪", "wang", 3), ("范", "fan", 3), ("金", "jin", 3), ("石", "shi", 3), ("廖", "liao", 3),
    ("贾", "jia", 3), ("夏", "xia", 3), ("韦", "wei", 3), ("付", "fu", 3), ("方", "fang", 3),
    ("白", "bai", 3), ("邹", "zou", 3), ("孟", "meng", 3), ("熊", "xiong", 3), ("秦", "qin", 3),
    ("邱", "qiu", 3), ("江", "jiang", 3), ("尹", "yin", 3), ("薛", "xue", 3), ("闫", "yan", 3),
    ("段", "duan", 3), ("雷", "lei", 3), ("侯", "hou", 3), ("龙", "long", 3), ("史", "shi", 3),
    ("陶", "tao", 2), ("黎", "li", 2), ("贺", "he", 2), ("顾", "gu", 2), ("毛", "mao", 2),
    ("郝", "hao", 2), ("龚", "gong", 2), ("邵", "shao", 2), ("万", "wan", 2), ("钱", "qian", 2),
    ("严", "yan", 2), ("武", "wu", 2), ("戴", "dai", 2), ("莫", "mo", 2), ("孔", "kong", 2),
    ("向", "xiang", 2), ("汤", "tang", 2),
    # heteronym surnames, read as surnames
    ("曾", "zeng", 8), ("吕", "lv", 8), ("覃", "qin", 5), ("单", "shan", 5), ("解", "xie", 5),
    ("仇", "qiu", 5), ("区", "ou", 5), ("朴", "piao", 5), ("查", "zha", 5),
    # compound surnames (give three- and four-character full names)
    ("欧阳", "ou yang", 3), ("司马", "si ma", 1), ("诸葛", "zhu ge", 1), ("上官", "shang guan", 1),
)

# Given-name characters chosen to have one common reading, so the dictionary's pinyin is right.
GIVEN_MALE = (
    "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "峰", "建",
    "国", "志", "文", "博", "晨", "子", "轩", "睿", "昊", "泽", "嘉", "振", "家", "立", "诚", "天",
    "海", "成", "东", "亮", "晓", "永", "新", "德", "安", "毅", "瑞", "远",
)
GIVEN_FEMALE = (
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "英", "玲", "婷", "雪", "慧", "莹", "琳",
    "倩", "佳", "欣", "怡", "颖", "悦", "洁", "梅", "兰", "璐", "瑶", "琪", "萍", "红", "燕", "丹",
    "晶", "妍", "雯", "雅", "诗", "梦", "思", "晓", "美", "春", "月", "馨", "蕾", "薇", "楠", "茜",
    "婉", "清", "宁", "子", "文", "嘉", "心", "雨",
)

# (administrative code, province, city, district, postal code): real county-level codes, so a
# demo resident ID points at a real place and the home address agrees with it.
REGIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("110105", "北京市", "北京市", "朝阳区", "100020"),
    ("110108", "北京市", "北京市", "海淀区", "100080"),
    ("310104", "上海市", "上海市", "徐汇区", "200030"),
    ("310115", "上海市", "上海市", "浦东新区", "200120"),
    ("440106", "广东省", "广州市", "天河区", "510630"),
    ("440305", "广东省", "深圳市", "南山区", "518052"),
    ("330106", "浙江省", "杭州市", "西湖区", "310012"),
    ("320102", "江苏省", "南京市", "玄武区", "210018"),
    ("320505", "江苏省", "苏州市", "虎丘区", "215011"),
    ("510107", "四川省", "成都市", "武侯区", "610041"),
    ("420106", "湖北省", "武汉市", "武昌区", "430061"),
    ("610113", "陕西省", "西安市", "雁塔区", "710061"),
    ("500103", "重庆市", "重庆市", "渝中区", "400010"),
    ("120101", "天津市", "天津市", "和平区", "300041"),
    ("370202", "山东省", "青岛市", "市南区", "266001"),
    ("350203", "福建省", "厦门市", "思明区", "361001"),
    ("430104", "湖南省", "长沙市", "岳麓区", "410006"),
    ("530102", "云南省", "昆明市", "五华区", "650021"),
    ("210203", "辽宁省", "大连市", "西岗区", "116011"),
    ("230103", "黑龙江省", "哈尔滨市", "南岗区", "150001"),
    ("410105", "河南省", "郑州市", "金水区", "450003"),
    ("340104", "安徽省", "合肥市", "蜀山区", "230031"),
    ("360102", "江西省", "南昌市", "东湖区", "330006"),
    ("450103", "广西壮族自治区", "南宁市", "青秀区", "530022"),
    ("460106", "海南省", "海口市", "龙华区", "570105"),
    ("130102", "河北省", "石家庄市", "长安区", "050011"),
    ("140105", "山西省", "太原市", "小店区", "030032"),
    ("220102", "吉林省", "长春市", "南关区", "130022"),
    ("520102", "贵州省", "贵阳市", "南明区", "550001"),
    ("620102", "甘肃省", "兰州市", "城关区", "730030"),
    ("150102", "内蒙古自治区", "呼和浩特市", "新城区", "010050"),
    ("650102", "新疆维吾尔自治区", "乌鲁木齐市", "天山区", "830002"),
)
STREETS_ZH = (
    "人民路", "中山路", "解放路", "建设路", "长江路", "和平路", "新华路", "文化路", "胜利路",
    "东风路", "青年路", "学府路", "滨江路", "金融街", "科技园路", "体育西路", "南京路", "延安路",
)
ESTATES_ZH = (
    "阳光花园", "锦绣华庭", "翠湖苑", "金色家园", "世纪城", "碧桂园", "万科城", "绿地公馆",
    "御景湾", "紫荆苑", "书香门第", "东方明珠苑", "华府天地", "龙湖春江郦城",
)
# (first prefix digits) of mainland mobile numbers that are in service.
CN_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180",
    "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "198", "199",
)
CN_MAIL_DOMAINS = ("163.com", "qq.com", "126.com", "sina.com", "139.com", "foxmail.com", "outlook.com",
                   "aliyun.com", "yeah.net")

# Companies (协议单位): (Chinese, English) parts of fictional names.
COMPANY_CITIES = (
    ("北京", "Beijing"), ("上海", "Shanghai"), ("广州", "Guangzhou"), ("深圳", "Shenzhen"),
    ("杭州", "Hangzhou"), ("南京", "Nanjing"), ("成都", "Chengdu"), ("武汉", "Wuhan"),
    ("苏州", "Suzhou"), ("西安", "Xi'an"), ("厦门", "Xiamen"), ("青岛", "Qingdao"),
)
COMPANY_BRANDS = (
    ("华信", "Huaxin"), ("中科", "Zhongke"), ("鼎盛", "Dingsheng"), ("恒通", "Hengtong"),
    ("瑞丰", "Ruifeng"), ("博远", "Boyuan"), ("天成", "Tiancheng"), ("宏图", "Hongtu"),
    ("金桥", "Jinqiao"), ("新航", "Xinhang"), ("东方汇", "Dongfanghui"), ("联创", "Lianchuang"),
    ("正和", "Zhenghe"), ("嘉禾", "Jiahe"), ("远景", "Yuanjing"), ("海纳", "Haina"),
    ("星辰", "Xingchen"), ("万达通", "Wandatong"), ("德润", "Derun"), ("明阳", "Mingyang"),
)
COMPANY_TRADES = (
    ("科技", "Technology", "tech"), ("贸易", "Trading", "trade"), ("投资", "Investment", "invest"),
    ("物流", "Logistics", "logistics"), ("医药", "Pharmaceutical", "pharma"),
    ("建设工程", "Construction Engineering", "build"), ("文化传媒", "Culture & Media", "media"),
    ("管理咨询", "Management Consulting", "consulting"), ("电子", "Electronics", "elec"),
    ("汽车零部件", "Auto Parts", "auto"), ("食品", "Foods", "food"), ("新能源", "New Energy", "energy"),
)
TRAVEL_AGENCY = ("国际旅行社", "International Travel Service", "travel")
GOVERNMENT_BODIES = (
    ("市商务局", "Municipal Bureau of Commerce", "commerce"),
    ("市文化和旅游局", "Municipal Bureau of Culture and Tourism", "tourism"),
)
# (area code, local digits) of landlines, for company phone numbers.
CN_AREA_CODES = {
    "北京": ("10", 8), "上海": ("21", 8), "广州": ("20", 8), "深圳": ("755", 8), "杭州": ("571", 8),
    "南京": ("25", 8), "成都": ("28", 8), "武汉": ("27", 8), "苏州": ("512", 8), "西安": ("29", 8),
    "厦门": ("592", 7), "青岛": ("532", 8),
}
POSITIONS_ZH = (
    "董事长", "总经理", "副总经理", "销售总监", "市场总监", "财务经理", "人力资源经理",
    "项目经理", "高级工程师", "行政主管", "采购经理", "区域经理", "技术总监", "法务顾问",
    "客户经理", "总裁助理",
)
POSITIONS_GOVERNMENT_ZH = ("局长", "副局长", "处长", "副处长", "科长", "主任科员", "办公室主任")
POSITIONS_GOVERNMENT_EN = ("Director-General", "Deputy Director-General", "Division Director", "Section Chief",
                           "Senior Officer")
POSITIONS_EN = (
    "Chief Executive Officer", "General Manager", "Managing Director", "Sales Director",
    "Marketing Manager", "Finance Manager", "HR Director", "Project Manager", "Senior Engineer",
    "Procurement Manager", "Regional Manager", "Chief Technology Officer", "Legal Counsel",
    "Account Manager", "Consultant",
)

# Foreign guests: nationality (ISO 3166 alpha-3) -> weight, language, cities (city, region,
# postal code), passport pattern (# digit, @ letter, * either, anything else literal) and
# phone (country code, national prefix or "area:" choices, random digits that follow).
COUNTRIES: dict[str, dict] = {
    "USA": {"weight": 20, "language": "en", "passport": "#########", "phone": ("+1", "area:212,415,312,617,206,310,646,202", 7),
            "cities": (("New York", "NY", "10016"), ("San Francisco", "CA", "94105"), ("Chicago", "IL", "60601"),
                       ("Boston", "MA", "02116"), ("Seattle", "WA", "98101"))},
    "GBR": {"weight": 10, "language": "en", "passport": "#########", "phone": ("+44", "7", 9),
            "cities": (("London", "", "SW1A 2AA"), ("Manchester", "", "M1 1AE"), ("Edinburgh", "", "EH1 1YZ"))},
    "DEU": {"weight": 10, "language": "de", "passport": "C*******#", "phone": ("+49", "15", 9),
            "cities": (("Berlin", "", "10115"), ("München", "Bayern", "80331"), ("Hamburg", "", "20095"))},
    "FRA": {"weight": 8, "language": "fr", "passport": "##@@#####", "phone": ("+33", "6", 8),
            "cities": (("Paris", "", "75008"), ("Lyon", "", "69002"), ("Marseille", "", "13001"))},
    "JPN": {"weight": 10, "language": "ja", "passport": "@@#######", "phone": ("+81", "90", 8),
            "cities": (("Tokyo", "Tokyo", "100-0005"), ("Osaka", "Osaka", "530-0001"), ("Yokohama", "Kanagawa", "220-0011"))},
    "KOR": {"weight": 8, "language": "ko", "passport": "M########", "phone": ("+82", "10", 8),
            "cities": (("Seoul", "", "04524"), ("Busan", "", "48058"))},
    "SGP": {"weight": 6, "language": "en", "passport": "E#######@", "phone": ("+65", "9", 7),
            "cities": (("Singapore", "", "049145"),)},
    "AUS": {"weight": 7, "language": "en", "passport": "PA#######", "phone": ("+61", "4", 8),
            "cities": (("Sydney", "NSW", "2000"), ("Melbourne", "VIC", "3000"))},
    "CAN": {"weight": 6, "language": "en", "passport": "@@######", "phone": ("+1", "area:416,604,514,403", 7),
            "cities": (("Toronto", "ON", "M5H 2N2"), ("Vancouver", "BC", "V6C 1T2"), ("Montréal", "QC", "H3B 1A7"))},
    "ITA": {"weight": 4, "language": "it", "passport": "@@#######", "phone": ("+39", "33", 8),
            "cities": (("Milano", "MI", "20121"), ("Roma", "RM", "00186"))},
    "ESP": {"weight": 3, "language": "es", "passport": "@@@######", "phone": ("+34", "6", 8),
            "cities": (("Madrid", "", "28013"), ("Barcelona", "", "08002"))},
    "NLD": {"weight": 3, "language": "nl", "passport": "@@******#", "phone": ("+31", "6", 8),
            "cities": (("Amsterdam", "", "1012 JS"), ("Rotterdam", "", "3011 AD"))},
    "RUS": {"weight": 3, "language": "ru", "passport": "#########", "phone": ("+7", "9", 9),
            "cities": (("Moskva", "", "101000"), ("Sankt-Peterburg", "", "190000"))},
}
FOREIGN_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # nationality: (family names, male given names, female given names)
    "EN": (("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor",
            "Anderson", "Thomas", "Moore", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis",
            "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker", "Hughes", "Evans", "Murphy"),
           ("James", "John", "Robert", "Michael", "William", "David", "Richard", "Thomas", "Daniel",
            "Matthew", "Andrew", "Christopher", "Oliver", "George", "Henry", "Samuel"),
           ("Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Susan", "Jessica", "Sarah", "Emily",
            "Emma", "Olivia", "Sophie", "Charlotte", "Hannah", "Grace", "Amelia")),
    "DEU": (("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann",
             "Schulz", "Koch", "Richter"),
            ("Lukas", "Jonas", "Maximilian", "Felix", "Stefan", "Thomas", "Andreas", "Michael"),
            ("Anna", "Laura", "Julia", "Lena", "Katharina", "Sabine", "Claudia", "Petra")),
    "FRA": (("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
             "Moreau", "Lefèvre", "Girard"),
            ("Jean", "Pierre", "Louis", "Nicolas", "Julien", "Antoine", "François", "Mathieu"),
            ("Marie", "Camille", "Chloé", "Léa", "Manon", "Céline", "Isabelle", "Nathalie")),
    "JPN": (("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
             "Kobayashi", "Kato"),
            ("Hiroshi", "Takashi", "Kenji", "Daisuke", "Yuki", "Haruto", "Sota", "Ren"),
            ("Yoko", "Keiko", "Akiko", "Yui", "Aoi", "Sakura", "Haruka", "Misaki")),
    "KOR": (("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"),
            ("Min-jun", "Seo-jun", "Ji-ho", "Hyun-woo", "Jae-won", "Dong-hyun"),
            ("Seo-yeon", "Ji-woo", "Ha-eun", "Soo-ah", "Min-ji", "Eun-ji")),
    "ITA": (("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci"),
            ("Marco", "Luca", "Giuseppe", "Alessandro", "Matteo", "Francesco"),
            ("Giulia", "Chiara", "Francesca", "Sara", "Martina", "Elena")),
    "ESP": (("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez"),
            ("Antonio", "Manuel", "José", "Javier", "Carlos", "Pablo"),
            ("María", "Carmen", "Lucía", "Laura", "Paula", "Elena")),
    "NLD": (("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit"),
            ("Daan", "Sem", "Lars", "Bram", "Thijs", "Ruben"),
            ("Emma", "Sophie", "Julia", "Anouk", "Fleur", "Lotte")),
    "RUS": (("Ivanov", "Smirnov", "Kuznetsov", "Popov", "Volkov", "Sokolov"),
            ("Aleksandr", "Dmitry", "Sergey", "Andrey", "Mikhail", "Ivan"),
            ("Anastasia", "Elena", "Olga", "Natalia", "Tatiana", "Irina")),
}
STREETS_EN = ("Main Street", "Park Avenue", "High Street", "Oak Lane", "King Street", "Harbour Road",
              "Elm Street", "Church Road", "Victoria Road", "Maple Drive")
STREETS_LOCAL = {"DEU": ("Hauptstraße", "Bahnhofstraße", "Gartenstraße"),
                 "FRA": ("rue de Rivoli", "avenue Victor Hugo", "rue de la République"),
                 "ITA": ("Via Roma", "Via Garibaldi", "Corso Italia"),
                 "ESP": ("Calle Mayor", "Gran Vía", "Calle de Alcalá"),
                 "NLD": ("Kerkstraat", "Dorpsstraat", "Stationsweg"),
                 "RUS": ("ulitsa Lenina", "Tverskaya ulitsa", "Nevsky prospekt")}
FOREIGN_MAIL_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "proton.me")

VIP_CODES = (("VIP1", 6), ("VIP2", 3), ("VIP3", 2), ("VVIP", 1))
BLACKLIST_REASONS_ZH = (
    "两次未结账离店，欠款至今未结清。",
    "醉酒滋扰其他宾客，经报警处理。",
    "损坏客房设施且拒绝赔偿。",
    "使用他人证件登记入住。",
    "在客房内违规使用明火，存在严重安全隐患。",
)
BLACKLIST_REASONS_EN = (
    "Left twice without settling the bill; the amount is still outstanding.",
    "Harassed other guests while drunk; the police were called.",
    "Damaged room furnishings and refused to pay for them.",
    "Checked in with someone else's passport.",
)
