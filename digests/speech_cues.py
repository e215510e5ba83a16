"""Per-language words that announce, attribute or refer back to direct speech.

Kept as data so that the quote finder stays language-neutral: one regular expression per
role, built once at import, covering kk (Cyrillic and Latin), ru and en together.
"""

from __future__ import annotations

import re

# Verbs of saying.  Kazakh де- forms are many (деді, дейді, деп, деген, десе, делінген...),
# so they are matched by stem, with дейін ("until") kept out.
_KAZAKH_CUES = (
    r"де(?!йін)(?:ді|йді|п|ген\w*|се\w*|р|лінген\w*|лінді|мекші|йміз|йсіз|йтін|йді\w*|ді\w*|й\b)"
    r"|айтты|айтады|айтқан|айтып|атап\s+өтті|атап\s+өтеді|мәлімдеді|мәлімдейді|жазды|жазады"
    r"|жазыпты|хабарлады|хабарлайды|ескертті|ескертеді|қосты|қосады|сұрады|түсіндірді"
    r"|түсіндіреді|жеткізді|мойындады|сендірді|толықтырды|тілге\s+тиек\s+етті|пікір\s+білдірді"
    r"|d(?:edi|eıdi|ep|egen\w*|elingen\w*)|aıtty|aıtady|atap\s+ótti|málimdedi|jazdy|habarlady"
    r"|eskertti|qosty|surady"
)
_RUSSIAN_CUES = (
    r"сказал\w*|заяви\w*|заявл\w*|отмети\w*|отмеча\w*|подчеркну\w*|подчеркива\w*|сообщи\w*"
    r"|сообща\w*|добави\w*|добавля\w*|поясни\w*|поясня\w*|рассказа\w*|рассказыва\w*|призна\w*"
    r"|говори\w*|говоря\w*|уточни\w*|уточня\w*|считает|считают|написа\w*|пишет|пишут"
    r"|ответи\w*|отвеча\w*|замети\w*|предупреди\w*|предупрежда\w*|напомни\w*|напомина\w*"
    r"|объясни\w*|объясня\w*|констатирова\w*|резюмирова\w*|произн[её]с\w*|поделил\w*"
    r"|делится|прокомментирова\w*|комментиру\w*|убежд[её]н\w*|уверен\w*|спроси\w*|цитиру\w*"
    r"|воскликну\w*|признавал\w*|указа\w*|указыва\w*|посетова\w*|сетует"
)
_ENGLISH_CUES = (
    r"said|says|say|told|tells|added|adds|wrote|writes|asked|asks|explained|explains|noted"
    r"|notes|stressed|stresses|warned|warns|announced|replied|recalled|insisted|argued"
    r"|continued|admitted|declared|stated|remarked|commented|tweeted|posted|acknowledged"
    r"|according\s+to|promised|urged|concluded|agreed|confirmed|emphasised|emphasized"
)
SPEECH_CUE = re.compile(
    rf"(?<![^\W\d_])(?:{_KAZAKH_CUES}|{_RUSSIAN_CUES}|{_ENGLISH_CUES})(?![^\W\d_])",
    re.IGNORECASE,
)

# «…» деп аталады / деп атайды: the quotation marks hold a name, not speech.
NAMING_AFTER = re.compile(
    r"^\s*(?:деп|деген|dep|degen)\s+(?:ата\w*|аталы?\w*|ата\b|ат\b|атты\b|ataly\w*|ata\w*)"
    r"|^\s*(?:атты|атымен|деген\s+атпен)\b|^\s*(?:называ\w*|под\s+названием)",
    re.IGNORECASE,
)

# Pronouns that refer back to a person; the value is the gender they require, if any.
PRONOUNS: dict[str, str | None] = {
    "ол": None,
    "олар": None,
    "ol": None,
    "он": "m",
    "она": "f",
    "они": None,
    "he": "m",
    "she": "f",
    "they": None,
}

# Titles and their synonyms, each group keyed by one representative form.  A title resolves to
# the last person the article gives it to; the office titles stay as they are when nobody holds
# them, a plain role noun (сарапшы, the expert) falls back to the last person named.
TITLE_GROUPS: dict[str, tuple[str, ...]] = {
    "president": (
        "президент",
        "мемлекет басшы",
        "елбасы",
        "глава государства",
        "president",
        "head of state",
        "prezıdent",
        "memleket basshy",
    ),
    "prime minister": (
        "премьер-министр",
        "үкімет басшы",
        "премьер",
        "глава правительства",
        "prime minister",
        "premier",
        "premer-mınıstr",
    ),
    "minister": ("министр", "minister", "mınıstr", "глава ведомства", "глава министерства"),
    "akim": ("әкім", "аким", "akim", "mayor", "ákim"),
    "deputy akim": ("заместитель акима", "әкімнің орынбасары", "deputy mayor", "deputy akim"),
    "deputy": ("депутат", "deputy", "mp", "мажилисмен", "сенатор", "senator"),
    "speaker": ("спикер", "speaker", "төраға", "председатель", "chairman", "chair"),
    "director": ("директор", "director", "басшы", "руководитель", "head", "chief", "жетекші"),
    "rector": ("ректор", "rector"),
    "coach": ("бапкер", "тренер", "coach", "жаттықтырушы"),
    "spokesperson": ("спикер", "spokesman", "spokeswoman", "spokesperson", "өкіл", "представитель"),
}
OFFICE_TITLES = frozenset({"president", "prime minister", "minister", "akim", "deputy akim"})

# Organisation heads and press offices that can speak for themselves.
ORGANISATION_HEADS = re.compile(
    r"(?<![^\W\d_])(?:баспасөз\s+қызмет\w*|пресс-служб\w*|министрлі\w*|министерств\w*|ведомств\w*"
    r"|әкімдіг?\w*|акимат\w*|ұйым\w*|организаци\w*|институт\w*|университет\w*|комитет\w*"
    r"|департамент\w*|басқарма\w*|управлени\w*|агентт?\w*|компани\w*|қор\w*|фонд\w*|банк\w*"
    r"|полици\w*|прокуратур\w*|сот\w*|суд\w*|үкімет\w*|правительств\w*|ministry|department"
    r"|university|agency|committee|office|company|government|police|institute|court|council"
    r"|service|organi[sz]ation|press\s+service|baspasóz\s+qyzmet\w*|mınıstrlig\w*)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)

# Words that sit between a verb of saying and its subject without being part of the name.
FILLER_WORDS = frozenset(
    {
        "бүгін",
        "болатын",
        "да",
        "де",
        "та",
        "те",
        "тағы",
        "кезінде",
        "сондай-ақ",
        "өз",
        "бұл",
        "туралы",
        "бүгінгі",
        "кеше",
        "also",
        "on",
        "in",
        "at",
        "the",
        "a",
        "an",
        "then",
        "later",
        "today",
        "yesterday",
        "him",
        "her",
        "them",
        "us",
        "reporters",
        "journalists",
        "me",
        "в",
        "во",
        "из",
        "от",
        "у",
        "также",
        "тогда",
        "сегодня",
        "вчера",
        "позже",
        "затем",
        "журналистам",
        "нам",
    }
)

# Capitalised words that are never a speaker: days, months, sentence openers.
NOT_NAMES = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "the",
        "a",
        "an",
        "in",
        "on",
        "but",
        "and",
        "asked",
        "speaking",
        "ал",
        "бірақ",
        "алайда",
        "сондықтан",
        "тіпті",
        "иә",
        "енді",
        "сонымен",
        "сондай-ақ",
        "дегенмен",
        "бұл",
        "осы",
        "сол",
        "мұнда",
        "однако",
        "но",
        "а",
        "и",
        "в",
        "по",
        "при",
        "это",
        "об",
        "этом",
        "так",
        "также",
        "кроме",
        "после",
        "сам",
        "сама",
    }
)

# Kazakh and Russian surname endings (before any case suffix); Latin ones for kk Latin and en.
SURNAME_ENDING = re.compile(
    r"(?:ов|ев|ёв|ин|ова|ева|ёва|ина|ұлы|қызы|улы|кызы|ский|ская|цкий|цкая|енко|ук|юк"
    r"|ov|ev|in|ova|eva|ina|uly|ulı|qyzy|kyzy|ky|skiy|skaya|enko)$",
    re.IGNORECASE,
)
FEMININE_NAME = re.compile(r"(?:ова|ева|ёва|ина|қызы|кызы|ская|ova|eva|ina|qyzy|kyzy|skaya)$", re.I)
