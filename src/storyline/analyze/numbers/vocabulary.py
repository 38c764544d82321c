"""The words, symbols and patterns numbers are read with: number words, scales, qualifiers, currencies,
units, and the contexts that make a number a name, date or code rather than a quantity."""

from __future__ import annotations

import re

SMALL = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7, "billion": 1e9,
          "trillion": 1e12}  # lakh and crore: South Asian usage
ABBREVIATED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12}
VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
             "fifths": 5, "tenth": 10, "tenths": 10}

_WORD = "|".join(sorted((w for w in SMALL if w not in ("a", "an")), key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNIT9 = "one|two|three|four|five|six|seven|eight|nine"
_SCALE = "hundred|thousand|lakh|million|crore|billion|trillion"
_WORDNUM = rf"(?:(?:{_TENS})-(?:{_UNIT9})|{_WORD})"
# "up to a metre", "more than a year": "a" is one only after a qualifier (checked where it is found)
_ONE_UNITS = (r"met(?:re|er)|kilomet(?:re|er)|mile|tonne|ton|hectare|kilo(?:gram)?|lit(?:re|er)|foot|yard|inch"
              r"|second|minute|hour|day|week|fortnight|month|year|decade|century")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"  # ".001 per cent" too

# One number "core", without qualifier, currency or unit. Alternatives are tried in order.
CORE = re.compile(
    rf"""(?ix)
    (?P<vague>(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions|billions)
        |(?:hundreds|thousands|millions|billions|dozens)\b
    )
    |(?P<half>half\s+an?\s+(?:dozen|million|billion|trillion))
    |(?P<fraction>\b(?:(?:an?|one|two|three|four)[\s-])?(?:half|halves|thirds?|quarters?|fifths?|tenths?)(?=\s+of\b))
    |(?P<slash>(?<![\d/.,])\d{{1,3}}\s?[/⁄]\s?\d{{1,4}}(?=\s+of\b)|(?<![\d/.,])\d{{1,3}}⁄\d{{1,4}}(?!\d))
    |(?P<digits>(?<![\d.,])(?:{_DIGITS})[½¼¾⅓⅔]?(?:(?:\s?(?:{_SCALE})\b)+|(?:bn|mn|mln|bln|tn|trn|m|k|b)\b(?![.\-/]?\d)|\s(?:bn|mn|mln|bln|trn)\b)?)
    |(?P<twice>\btwice\b(?!\s+(?:as|the|that|than|a|an|its|their|his|her|our|my|what)\b))
    |(?P<one>\ban?(?=\s+(?:{_ONE_UNITS})\b))
    |(?P<words>\b(?:an?\s+(?=(?:dozen|{_SCALE})\b))?(?:{_WORDNUM}|dozen|{_SCALE})\b
        (?:[\s-](?:dozen|{_SCALE})\b)*
        (?:(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+(?:and\s+)?{_WORDNUM}\b
           (?:\s(?:{_SCALE})\b)*)?)
    """
)

QUALIFIER_BEFORE = [
    ("more_than", r"more\s+than|above|in\s+excess\s+of|upwards\s+of|greater\s+than|slightly\s+more\s+than|well\s+above"),
    ("over", r"(?:just\s+|well\s+|a\s+little\s+)?over"),
    ("at_least", r"at\s+least|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|a\s+minimum\s+of|at\s+a\s+minimum"),
    ("nearly", r"nearly|almost|close\s+to|just\s+(?:under|below|short\s+of|shy\s+of)|not\s+quite"),
    ("fewer_than", r"fewer\s+than|less\s+than|under|below"),
    ("up_to", r"up\s+to|within|as\s+(?:many|much)\s+as|a\s+maximum\s+of|no\s+more\s+than|not\s+more\s+than|at\s+most"),
    ("about", (r"about|around|roughly|approximately|approx\.|some|an\s+estimated|estimated|circa|an\s+approximate"
               r"|in\s+the\s+region\s+of|on\s+the\s+order\s+of|more\s+or\s+less")),
]
_QUALIFIER_RE = [(q, re.compile(rf"(?i)(?<![\w-])(?:{p})\s+$")) for q, p in QUALIFIER_BEFORE] + [
    ("about", re.compile(r"[~≈]\s*$"))]  # "~25 min", "≈ 32m2"
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_RANGE_LINK = re.compile(r"(?:\s?%|\s?per\s?cent)?(?:\s?(?P<dash>[-–—])\s?|\s+(?P<word>to|or|and)\s+)(?:[$€£]\s?)?", re.IGNORECASE)
_APPROX_AFTER = re.compile(r"(?i)-(odd|plus)\b")
_RATIO_LINK = re.compile(r"\s+(?:in|out\s+of)\s+")
_MINUS = re.compile(r"(?i)(?<![\w-])minus[\s-]$")
_BETWEEN_RE = re.compile(r"(?i)(?<![\w-])between\s+(?:[$€£]\s?)?$")
# "rose from 40 to 50", "rose by $4m to $9m": two numbers (but "fell by 1 to 1.5 degrees" is a range)
_FROM_RE = re.compile(r"(?i)(?<![\w-])(?:from\s+(?:[$€£]\s?)?|by\s+[$€£]\s?)$")
# ... unless a verb of spread comes before: "prices range from $370,000 to $5.5 million" is a range
_SPREAD_FROM_RE = re.compile(r"(?i)\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere)\s+from\s+(?:[$€£]\s?)?$")

# Currencies: symbols or codes before the number, words after it.
# "$US55m" and "$A82m" (Australian usage), "RM23.50", "R$40"; "PS" and "Y=" are how ASCII transliteration writes
# £ and ¥ (checked in _currency_before: only before an amount, so "PS5" stays a console).
_ISO_CODES = ("USD|EUR|GBP|CHF|JPY|CNY|INR|RUB|CAD|AUD|NZD|HKD|SGD|TWD|MYR|IDR|THB|KRW|BRL|MXN|ZAR|SEK|NOK|DKK|PLN"
              "|CZK|HUF|TRY|ILS|AED|SAR|NGN|UAH")
CURRENCY_BEFORE = re.compile(
    rf"(?:\bRs\.?\s?|\b(?:US|U\.S\.|C|A|NZ|HK|NT|S|R)\s?\$|\$\s?(?:US|AU|A|NZ|C|HK|S)\s?|\$|€|£|¥|₹|₽|\bRM\s?"
    rf"|\bPS|\bY=\s?|\b(?:{_ISO_CODES})\s?)$")
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "U.S.$": "USD", "C$": "CAD", "A$": "AUD", "S$": "SGD",
                    "NZ$": "NZD", "HK$": "HKD", "NT$": "TWD", "R$": "BRL", "$US": "USD", "$AU": "AUD", "$A": "AUD", "$NZ": "NZD",
                    "$C": "CAD", "$HK": "HKD", "$S": "SGD", "Rs": "INR", "Rs.": "INR", "€": "EUR", "£": "GBP",
                    "¥": "JPY", "₹": "INR", "₽": "RUB", "RM": "MYR", "PS": "GBP", "Y=": "JPY"}
_TRANSLITERATED_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+\.\d|\d+(?:\.\d+)?\s?(?:m|bn|k|million|billion)\b")
DOLLARS = {"": "USD", "US": "USD", "U.S.": "USD", "American": "USD", "Canadian": "CAD", "Australian": "AUD",
           "New Zealand": "NZD", "Hong Kong": "HKD", "Singapore": "SGD", "Taiwan": "TWD", "Taiwanese": "TWD"}
CURRENCY_WORDS = {
    "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "roubles": "RUB",
    "rubles": "RUB", "swiss francs": "CHF", "shekels": "ILS", "shekel": "ILS", "ringgit": "MYR", "rupiah": "IDR",
    "baht": "THB", "naira": "NGN", "zlotys": "PLN", "zloty": "PLN", "forints": "HUF", "forint": "HUF",
    "hryvnias": "UAH", "hryvnia": "UAH",
}
CURRENCY_CODES = frozenset(_ISO_CODES.split("|"))
# Currency nouns shared by several countries: the country's adjective says which ("Danish crowns" -> DKK).
NATIONAL_CURRENCIES = {"danish": "DKK", "swedish": "SEK", "norwegian": "NOK", "icelandic": "ISK", "czech": "CZK",
                       "swiss": "CHF", "mexican": "MXN", "argentine": "ARS", "chilean": "CLP", "colombian": "COP",
                       "philippine": "PHP", "turkish": "TRY", "kenyan": "KES", "moroccan": "MAD"}
# Currency nouns without a fixed ISO code: kept as written (with a capitalised adjective: "Veldorian crowns").
_OTHER_CURRENCY = (r"crowns?|kronor|kroner|krona|krone|francs?|pesos?|dinars?|dirhams?|riyals?|rand|lira|lire"
                   r"|shillings?|ducats?|florins?|guilders?|thalers?|koruna|kuna|lei|leva|cedis?")
CURRENCY_AFTER = re.compile(
    rf"(?i)^\s+(?:(?P<dollars>(?:(?-i:[A-Z][\w.]*)\s+){{0,2}}dollars?)"
    rf"|(?P<known>euros?|pounds\s+sterling|pounds(?!\s+of\b)|sterling|yen|yuan|renminbi|rupees|roubles|rubles"
    rf"|shekels?|ringgit|rupiah|baht|naira|zlotys?|forints?|hryvnias?|(?-i:{_ISO_CODES}))"
    rf"|(?P<other>(?:(?-i:[A-Z][a-z]+)\s+)?(?:{_OTHER_CURRENCY})))\b"
)

# Measures after the number (optionally hyphenated: "a 12-mile stretch"); canonical unit names. Symbols and
# abbreviations are matched in their case ("5 W", "64GB"), words in any case.
UNITS = [
    ("percentage_points", r"percentage[\s-]points?|pct\s+points?|points?\s+percentage"),
    ("basis_points", r"basis[\s-]points?|bps\b"),
    ("percent", r"%|per\s?cent\b|pct\b|(?-i:pc)\b"),
    ("m3", r"(?:cubic|cu\.?)\s+(?:met(?:re|er)s?|m)\b|m3\b|m³"),
    ("cubic feet", r"(?:cubic|cu\.?)\s+(?:feet|foot|ft)\b"),
    ("km2", r"(?:square|sq\.?)\s+(?:kilomet(?:re|er)s?|km)\b|km2\b|km²"),
    ("square miles", r"(?:square|sq\.?)\s+miles?\b"),
    ("square feet", r"(?:square|sq\.?)\s+(?:feet|foot|ft)\b"),
    ("m2", r"(?:square|sq\.?)\s+(?:met(?:re|er)s?|m)\b|m2\b|m²"),
    ("m/s", r"m/s\b|met(?:re|er)s\s+(?:per|a)\s+second\b"),
    ("km/h", r"km/hr?\b|kph\b|kilomet(?:re|er)s\s+(?:per|an)\s+hour\b"),
    ("mph", r"mph\b|miles\s+(?:per|an)\s+hour\b"),
    ("mpg", r"mpg\b|miles\s+per\s+gallon\b"),
    ("km", r"km\b|kilomet(?:re|er)s?\b"),
    ("nautical miles", r"nautical\s+miles?\b"),
    ("light-years", r"light[\s-]years?\b"),
    ("miles", r"miles?\b"),
    ("cm", r"cm\b|centimet(?:re|er)s?\b"),
    ("mm", r"mm\b|millimet(?:re|er)s?\b"),
    ("μm", r"μm\b|micromet(?:re|er)s?\b|microns?\b"),
    ("nm", r"nm\b|nanomet(?:re|er)s?\b"),
    ("m", r"met(?:re|er)s?\b|m\b(?!\s*(?:people|residents|users|customers|voters|[a-z]+s)\b)"),
    ("feet", r"feet\b|foot\b|ft\b"),
    ("inches", r"inch(?:es)?\b"),
    ("yards", r"yards?\b|yds?\b"),
    ("tonnes", r"tonnes?\b|tons?\b|metric\s+tons?\b"),
    ("kilotons", r"kilotons?\b|kilotonnes?\b"),
    ("megatons", r"megatons?\b|megatonnes?\b"),
    ("carats", r"carats?\b"),
    ("kg", r"kg\b|kilo(?:gram)?s?\b"),
    ("mg", r"mg\b|milligrams?\b"),
    ("µg", r"[µμ]g\b|micrograms?\b"),
    ("g", r"g\b|grams?\b"),
    ("lb-ft", r"lb-ft\b|pound-f(?:ee|oo)t\b"),  # before "lb": torque, not a weight
    ("lb", r"lbs?\b|pounds(?=\s+(?:of\s+)?(?:weight|body|fat|muscle|meat|fish|beef|pork|cheese|sugar)\b)"),
    ("fl oz", r"fl\.?\s?oz\b|fluid\s+ounces?\b"),
    ("oz", r"oz\b|ounces?\b"),
    ("ml", r"ml\b|mL\b|millilit(?:re|er)s?\b"),
    ("litres", r"lit(?:re|er)s?\b|L\b"),
    ("gallons", r"gallons?\b"),
    ("pints", r"pints?\b"),
    ("quarts", r"quarts?\b"),
    ("cl", r"cl\b|centilit(?:re|er)s?\b"),
    ("barrels", r"barrels?\b|bpd\b"),
    ("ha", r"hectares?\b|ha\b"),
    ("acres", r"acres?\b"),
    ("GW", r"GW\b|gigawatts?\b"),
    ("MW", r"MW\b|megawatts?\b"),
    ("kW", r"kW\b|kilowatts?\b"),
    ("W", r"W\b|watts?\b"),
    ("TWh", r"TWh\b"),
    ("GWh", r"GWh\b"),
    ("MWh", r"MWh\b"),
    ("kWh", r"kWh\b"),
    ("mAh", r"mAh\b"),
    ("V", r"V\b|volts?\b"),
    ("GHz", r"GHz\b|gigahertz\b"),
    ("MHz", r"MHz\b|megahertz\b"),
    ("Hz", r"Hz\b|hertz\b"),
    ("TB", r"TB\b|terabytes?\b"),
    ("GB", r"GB\b|gigabytes?\b"),
    ("MB", r"MB\b|megabytes?\b"),
    ("PB", r"PB\b|petabytes?\b"),
    ("KB", r"KB\b|kB\b|kilobytes?\b"),
    ("Gbps", r"Gbps\b|Gbit/s\b"),
    ("Mbps", r"Mbps\b|Mbit/s\b"),
    ("bytes", r"bytes?\b"),
    ("bits", r"bits?\b(?!\s+(?:of|and)\b)"),
    ("GPa", r"GPa\b|gigapascals?\b"),
    ("MPa", r"MPa\b|megapascals?\b"),
    ("kPa", r"kPa\b|kilopascals?\b"),
    ("hPa", r"hPa\b|hectopascals?\b"),
    ("Pa", r"Pa\b|pascals?\b"),
    ("mbar", r"mbar\b|millibars?\b"),
    ("MJ", r"MJ\b|megajoules?\b"),
    ("kJ", r"kJ\b|kilojoules?\b"),
    ("J", r"J\b|joules?\b"),
    ("mA", r"mA\b|milliamp(?:ere)?s?\b"),
    ("A", r"amp(?:ere)?s?\b"),
    ("ohms", r"ohms?\b|Ω"),
    ("F", r"farads?\b"),
    ("lumens", r"lumens?\b|lm\b"),
    ("mSv", r"mSv\b|millisieverts?\b"),
    ("Sv", r"Sv\b|sieverts?\b"),
    ("PS", r"PS\b"),  # metric horsepower, in car specifications
    ("Nm", r"Nm\b|newton[\s-]met(?:re|er)s?\b"),
    ("rpm", r"rpm\b|revolutions\s+per\s+minute\b"),
    ("dB", r"dB\b|decibels?\b"),
    ("ppm", r"ppm\b|parts\s+per\s+million\b"),
    ("ppb", r"ppb\b|parts\s+per\s+billion\b"),
    ("calories", r"k?cal\b|(?:kilo)?calories\b"),
    ("knots", r"knots?\b"),
    ("bhp", r"bhp\b|brake\s+horsepower\b"),  # measured at the engine's shaft: not the same figure as hp
    ("hp", r"hp\b|horsepower\b"),
    ("°C", r"°\s?C\b|(?:degrees?\s+)?(?:Celsius|centigrade)\b|degrees?\s+C\b"),
    ("°F", r"°\s?F\b|(?:degrees?\s+)?Fahrenheit\b|degrees?\s+F\b"),
    ("degrees", r"degrees?\b|°"),
    ("cents", r"cents?\b"),
    ("sen", r"sen\b"),  # a hundredth of the ringgit (and of the yen, the rupiah)
    ("pence", r"pence\b|p\b(?!\.?m\.?\b)"),
    ("points", r"points?\b(?!-)"),
    ("milliseconds", r"milliseconds?\b|ms\b"),
    ("seconds", r"seconds?\b|secs?\b"),
    ("minutes", r"minutes?\b|mins?\b"),
    ("hours", r"hours?\b|hrs?\b(?![.:]?\d)"),
    ("days", r"days?\b(?![\s-]+old\b)"),
    ("weeks", r"weeks?\b(?![\s-]+old\b)"),
    ("months", r"months?\b(?![\s-]+old\b)"),
    ("years", r"years?\b(?![\s-]+old\b)"),
    ("decades", r"decades?\b"),
    ("centuries", r"centur(?:y|ies)\b"),
]
_SYMBOL_UNITS = {"GW", "MW", "kW", "W", "TWh", "GWh", "MWh", "kWh", "mAh", "V", "GHz", "MHz", "Hz", "TB", "GB",
                 "MB", "GPa", "Nm", "dB", "m", "ha", "g", "mg", "ml", "μm", "nm", "lb", "litres", "pence", "MPa", "kPa",
                 "hPa", "Pa", "mbar", "MJ", "kJ", "J", "mA", "lumens", "mSv", "Sv", "PS", "PB", "KB", "Gbps", "Mbps",
                 "µg", "milliseconds", "cl", "m3", "m/s"}
# "a 10-point plan" and "a 40-cent stamp" describe; only these units also name a measure when hyphenated
_NO_HYPHEN = {"points", "cents", "g", "litres", "V"}
_UNIT_RE = [(u, re.compile(rf"^(?:\s?|-)(?:{p})" if u in ("percent", "°C", "°F", "degrees") else
                           rf"^\s(?:{p})" if u in _NO_HYPHEN else rf"^(?:\s|-)(?:{p})",
                           0 if u in _SYMBOL_UNITS else re.IGNORECASE))
            for u, p in UNITS]
# Attached abbreviations ("12km", "5m", "64GB") need no space.
_ATTACHED_UNIT_RE = [(u, re.compile(rf"^(?:{p})")) for u, p in UNITS
                     if u in _SYMBOL_UNITS | {"km", "cm", "mm", "kg", "km/h", "mph", "mpg", "km2", "m2", "feet",
                                              "hours", "minutes", "seconds", "hp", "bhp", "oz", "rpm", "ppm", "ppb",
                                              "percent", "basis_points"}] + [
    (u, re.compile(rf"^{letter}\b(?![-'’])")) for u, letter in (("°C", "C"), ("°F", "F"))]  # "45C", "104F"
TIME_UNITS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"}

AGE_AFTER = re.compile(r"(?i)^(?:-|\s)(?P<unit>year|month|week|day)s?(?:-|\s)old\b")  # "a 9-month-old"
AGE_BEFORE = re.compile(r"(?i)\b(?:aged|age\s+of)\s+$")  # "a man aged 54", "players over the age of 21"

MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?,?\s+$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b")
_TIME_AFTER = re.compile(
    r"(?i)^(?:\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b|h\d\d\b|hrs?\b(?=\s*(?:GMT|UTC|local|\())"
    r"|(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST)\b)|[:.]\d\d\b)")
# Words after which a number is a name, not a quantity ("Route 9", "Article 5", "page 12", "No. 10").
# Only nouns, not verbs ("to block 40 bills", "to mark 100 years"), and not time words ("this year 300 people").
NAME_NOUNS = {
    "route", "flight", "article", "articles", "section", "sections", "chapter", "page", "pages", "p.", "pp.",
    "paragraph", "paragraphs", "clause", "room", "gate", "platform", "line", "bus", "highway", "motorway",
    "interstate", "number", "no.", "no", "nos.", "item", "resolution", "rule", "level", "phase", "category",
    "grade", "tier", "channel", "unit", "apartment", "suite", "plot", "pier", "berth", "terminal", "runway",
    "episode", "season", "volume", "vol.", "version", "v.", "figure", "fig.", "exhibit", "annex", "amendment",
    "protocol", "box", "district", "ward", "brigade", "battalion", "division", "corps", "squadron", "regiment",
    "stage", "class", "type", "model", "mk", "series", "gen", "generation", "step", "question", "cell", "bed",
}
# Words that name a numbered thing only when capitalised: "Week 13", "Day 3", "Round 4", "Block 7" (but "this
# year 300 people", "to block 40 bills").
CAPITALISED_NAME_NOUNS = {"week", "day", "year", "round", "game", "match", "leg", "lap", "hole", "heat", "term",
                          "zone", "sector", "region", "fleet", "army", "point", "lot", "block", "building", "flat",
                          "track", "mark", "camp", "station", "tower", "pavilion", "hall", "studio", "stand"}
# Capitalised words the tagger may call proper nouns that still come before a count ("On Tuesday 14 people").
SKIP_CAPITALISED = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Police",
                    "Officials", "Authorities", "Only", "Some", "About", "Nearly", "Almost", "Over", "Exactly"}
_ADDRESS_RE = re.compile(
    r"\b\d+[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Square|Sq"
    r"|Place|Pl|Drive|Dr|Way|Quay|Court|Ct|Terrace|Close|Crescent|Plaza|Row|Embankment|Gardens|Parade|Wharf"
    r"|Alley|Highway|Hwy)\b\.?"
)
_PHONE_RE = re.compile(r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){2,}(?![\w,])")
_STRUCTURED_RE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}/\d{1,2}\b|https?://\S+|www\.\S+|\S+@\S+"
    r"|#\w+|\b\d+(?:\.\d+){2,}\b|\b(?:19|20)\d\d\s?[-–/]\s?(?:\d\d|(?:19|20)\d\d)\b"
)
_ENUM_RE = re.compile(r"(?m)^[ \t]*\(?\d{1,2}[.)]\s")
_SCORE_CONTEXT = re.compile(r"(?i)\b(?:won|win|wins|beat|beats|lost|loss|defeat(?:ed)?|victory|draw|drew|score[sd]?"
                            r"|match|game|goals?|final|half-time|halftime|innings|sets?)\b")
_RELATIVE_TIME = re.compile(r"(?i)^\s+(?:ago|earlier|later|before|after|from\s+now|previously|since)\b")
_YEAR_PREPS = {"in", "since", "by", "until", "till", "from", "before", "after", "during", "of", "through", "to",
               "between", "and", "early", "late", "mid", "around", "circa", "the", "spring", "summer", "autumn",
               "winter", "fall", "season", "year", "fiscal", "budget", "election", "census"}
# Head nouns that make a number a time expression ("one day", "two years ago" are handled as units).
TIME_NOUNS = {"day", "days", "night", "nights", "time", "moment", "point", "morning", "evening",
              "afternoon", "week", "month", "year", "hour", "minute"}
PRONOUNS = {"them", "which", "those", "these", "whom", "us", "you", "it", "they", "we"}
