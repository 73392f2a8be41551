"""The word lists behind :mod:`isipo_stats.extract`: metrics, kinds, regions, amounts.

Everything here is data (regular expressions written once); the rules that use it are in
:mod:`isipo_stats.extract` and :mod:`isipo_stats._extract_time`. Text is matched after
:func:`fold`: lower case, ASCII digits, Persian ``ی``/``ک`` for the Arabic letters, the
same length as the original (so that offsets found in it hold in the original).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

import pandas as pd

__all__ = [
    "AMOUNT",
    "METRICS",
    "PROVINCES",
    "MetricRule",
    "as_objects",
    "fold",
]

Language = Literal["en", "fa"]

# one character for one character: offsets in the folded text hold in the original
_FOLD: Final = str.maketrans(
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٬٫يكة\u200c\u200f\u200e\u00a0’‘“”İ\u0131\u017f",
    "01234567890123456789,.یکه    ''\"\"Iis",  # İ: Python lower-cases it to two characters
)  # ı and ſ: what a case-blind "i" and "s" match (lower() keeps them)


def as_objects(frame: pd.DataFrame) -> pd.DataFrame:
    r"""Return the frame with its text columns as ``object`` (other columns as they are).

    pandas 3 stores text as its ``str`` dtype, whose regular expressions pandas 3.0 runs
    with pyarrow's RE2, which refuses look-arounds; ``object`` text runs Python's ``re``.

    Examples
    --------
    >>> frame = as_objects(pd.DataFrame({"a": ["ab"], "n": [1]}))
    >>> frame["a"].str.contains(r"^(?:(?!c)\w)+$").tolist(), str(frame["n"].dtype)
    ([True], 'int64')
    """
    if _str_reads_look_arounds():
        return frame  # keep pandas' own text: it runs simple patterns faster
    text = [c for c in frame.columns if isinstance(frame[c].dtype, pd.StringDtype)]
    return frame.astype(dict.fromkeys(text, object)) if text else frame


@lru_cache(maxsize=1)
def _str_reads_look_arounds() -> bool:
    """Whether pandas' ``str`` dtype runs every look-around regex (pandas 3.1 and later).

    pandas 3.0 hands most patterns to pyarrow's RE2, which refuses ``(?!...)`` in the
    lexicon's longer patterns; from 3.1 such a pattern falls back to Python's ``re``.
    """
    major, minor = (int(part) for part in pd.__version__.split(".")[:2])
    return (major, minor) >= (3, 1)


def fold(texts: pd.Series) -> pd.Series:
    """Return the texts lower-cased, with ASCII digits and Persian letters, same lengths.

    Examples
    --------
    >>> fold(pd.Series(["Over ۲٬۳۰۰ Units", "كارگاه"])).tolist()
    ['over 2,300 units', 'کارگاه']
    """
    folded: pd.Series = texts.str.translate(_FOLD).str.lower()
    return folded


@dataclass(frozen=True)
class MetricRule:
    """One entry of the metric lexicon: which figures are this metric, in which unit.

    A figure gets the metric of the first rule (in lexicon order) whose ``noun`` matches
    the words right after its amount and whose ``cue`` matches the clause around it.

    Parameters
    ----------
    metric : str
        The snake_case metric name given to the rows.
    unit : str
        The unit of a count (``"units"``, ``"jobs"``); for money and percent amounts the
        amount's own unit is kept and this is ignored.
    noun : str
        Regular expression for the counted noun right after the number (``r"units?"``), or
        ``"money"`` / ``"percent"`` for amounts in a currency / in percent.
    cue : str
        Regular expression that must occur in the clause (``r"reviv"``); ``""`` for any.
    kind : str or None
        ``"level"`` for a stock or share (idle share, active units), None to take the kind
        from the statement's wording and time.
    language : {"en", "fa"}
        The language the patterns are written in.

    Notes
    -----
    Patterns are matched on folded text: lower case, ASCII digits, Persian ``ی``/``ک``.
    """

    metric: str
    unit: str
    noun: str
    cue: str = ""
    kind: Literal["level"] | None = None
    language: Language = "en"


# --- the counted nouns -----------------------------------------------------------------

_UNITS_EN: Final = r"(?:units?|enterprises|firms|factories|plants|companies)"
_UNITS_FA: Final = r"(?:واحد|بنگاه|کارخانه)"
_JOBS_EN: Final = r"(?:jobs?|job opportunities|employment opportunities|people|persons|workers)"
_JOBS_FA: Final = r"(?:شغل|فرصت شغلی|فرصت های شغلی|نفر)"
_PROJECTS_EN: Final = r"(?:projects?|initiatives|plans)"
_PROJECTS_FA: Final = r"(?:طرح|پروژه)"
_PARKS_EN: Final = r"(?:industrial (?:parks?|zones|estates|towns)|parks?|zones|estates)"
_PARKS_FA: Final = r"(?:شهرک|ناحیه|نواحی)"
_WORKSHOPS_EN: Final = r"(?:workshops?)"
_WORKSHOPS_FA: Final = r"(?:کارگاه)"

NOUNS: Final[dict[str, str]] = {
    "units": rf"{_UNITS_EN}|{_UNITS_FA}",
    "jobs": rf"{_JOBS_EN}|{_JOBS_FA}",
    "projects": rf"{_PROJECTS_EN}|{_PROJECTS_FA}",
    "parks": rf"{_PARKS_EN}|{_PARKS_FA}",
    "workshops": rf"{_WORKSHOPS_EN}|{_WORKSHOPS_FA}",
}
"""Every noun a count may be of, by family: a number followed by none of them is no figure."""

COUNTED: Final = "|".join(NOUNS.values())

# --- the cues ---------------------------------------------------------------------------

_REVIVE: Final = (
    r"reviv|revitali[sz]|reactivat|back (?:in|into) (?:the )?(?:production|operation)|"
    r"returned to (?:the )?production|back to production|resum|"
    r"احیا|به چرخه تولید|به مدار تولید|بازگشت"
)
_RENOVATE: Final = r"renovat|upgrad|moderni[sz]|نوسازی|بهسازی"
_OPERATION: Final = r"put into operation|came on stream|بهره برداری|بهره‌برداری"
_NEW: Final = (
    r"\bnew\b|newly|establish|inaugurat|gone operational|launched|set up|opened|"
    r"افتتاح|راه اندازی|تاسیس|ایجاد|جدید"
)
_IDLE: Final = r"idle|inactive|semi-active|stagnant|dormant|راکد|غیرفعال|نیمه فعال|تعطیل"
_JOB: Final = r"\bjobs?\b|employ|اشتغال|شغل"
_ACTIVE: Final = r"(?<![\w-])active|working in|operating|فعال"
_LOAN: Final = r"loan|credit|facilit|lend|financ|allocat|تسهیلات|وام|اعتبار|اختصاص"
_INVEST: Final = r"invest|valued at|worth|سرمایه"
_INFRA: Final = r"infrastructure|water|electricity|gas|زیرساخت"

METRICS: Final[tuple[MetricRule, ...]] = (
    # shares (percent) first: a share is a level at a point in time
    MetricRule("idle_share", "percent", "percent", _IDLE, kind="level"),
    MetricRule("bank_facility_share", "percent", "percent", _LOAN, kind="level"),
    MetricRule("share", "percent", "percent", "", kind="level"),
    # money
    MetricRule("credit", "rial", "money", _LOAN),
    MetricRule("investment", "rial", "money", _INVEST),
    MetricRule("amount", "rial", "money", ""),
    # jobs
    MetricRule("job_potential", "jobs", NOUNS["jobs"], r"potential|capacity|ظرفیت", "level"),
    MetricRule("employment_in_active_units", "persons", NOUNS["jobs"], _ACTIVE, "level"),
    MetricRule("new_unit_jobs", "jobs", NOUNS["jobs"], r"inaugurat|newly|new units|جدید"),
    MetricRule("jobs_created", "jobs", NOUNS["jobs"], ""),
    # units
    MetricRule("renovated_units", "units", NOUNS["units"], _RENOVATE),
    MetricRule("revived_units", "units", NOUNS["units"], _REVIVE),
    MetricRule("units_put_into_operation", "units", NOUNS["units"], _OPERATION),
    MetricRule("new_units", "units", NOUNS["units"] + "|" + NOUNS["workshops"], _NEW),
    MetricRule("idle_units", "units", NOUNS["units"], _IDLE, kind="level"),
    MetricRule("active_units", "units", NOUNS["units"], _ACTIVE, kind="level"),
    MetricRule("workshops", "units", NOUNS["workshops"], ""),
    MetricRule("units", "units", NOUNS["units"], ""),
    # projects and parks
    MetricRule("projects_inaugurated", "projects", NOUNS["projects"], r"inaugurat|افتتاح"),
    MetricRule("infrastructure_projects", "projects", NOUNS["projects"], _INFRA),
    MetricRule("industrial_projects", "projects", NOUNS["projects"], r"industrial|صنعتی"),
    MetricRule("projects", "projects", NOUNS["projects"], ""),
    MetricRule("industrial_parks", "parks", NOUNS["parks"], ""),
)
"""The default metric lexicon, in the order the rules are tried.

Pass your own tuple (for instance ``(MetricRule("export_units", "units", r"units?",
r"export"), *METRICS)``) to :func:`isipo_stats.extract.extract_figures` to add metrics;
the first rule that fits wins, so put the more specific ones first.
"""

FALLBACK_METRICS: Final = frozenset({"share", "amount", "units", "projects", "jobs_created"})
"""Metrics that say only what was counted: rows with them get a lower confidence."""

# --- kinds ------------------------------------------------------------------------------

PLAN: Final = (
    r"\b(?:plans?|planned|planning|aims?|aimed|aiming|goal|targets?|targeted|targeting|"
    r"agenda|intends?|intended|will|would|envisag\w*|seeks?|to reach|programs? to|"
    r"is to|are to|anticipated|expected|necessary to increase|projected)\b|"
    r"(?<!managed )(?<!able )(?<!failed )(?<!helped )\bto (?:revive|renovate|reactivate|"
    r"create|establish|build|launch|inaugurate|allocate)\b|"
    r"برنامه|هدف|قرار است|قرار شده|پیش بینی|پیش‌بینی|در دستور کار|خواهد|می شود تا"
)
"""A plan word before the amount (in the same clause) makes the figure a target."""

PLAN_AFTER: Final = (
    r"^[^.;]{0,60}?\b(?:(?:is|are|was|were) (?:anticipated|expected|planned|targeted|"
    r"projected|to be)|(?:is|are) on the agenda|will be)\b|"
    r"^[^.;]{0,60}?(?:پیش بینی|پیش‌بینی|برنامه ریزی|هدف گذاری|در دستور کار)"
)
"""A plan phrase just after the amount ("... is anticipated") makes it a target too."""

LEVEL: Final = (
    r"\b(?:there (?:are|is|were)|underway|under way|under construction|currently|at present|"
    r"potential|in the pipeline)\b|در حال اجرا|در حال حاضر|وجود دارد|هم اکنون|هم‌اکنون"
)
"""Words that make a figure a level (a stock at a date), whatever its metric."""

EARLIER: Final = (
    r"\b(?:had (?:earlier |previously |also )?(?:said|announced|reported|stated|noted)|"
    r"earlier|previous update|previously)\b|پیش تر|پیش‌تر|قبلا|قبلاً"
)
"""Words that date a statement before the report: its as-of day is unknown."""

ANAPHOR: Final = (
    r"\b(?:(?:the )?(?:mentioned|aforementioned)\b|the (?:said|same)\b|these|those|such|"
    r"that (?:year|"
    r"month|period)|this period|the (?:newly )?(?:inaugurated|revived|established|new|"
    r"renovated) units|the projects|the units)\b|مذکور|یادشده|یاد شده|این واحدها|این طرح ها|"
    r"این تعداد|این مدت|همین مدت"
)
"""Words that refer back: a statement with one and no time of its own takes the time last
stated before it."""

# --- breakdowns: parts of a total -------------------------------------------------------

PART_WORDS: Final = (
    r"\bof which\b|\bof them\b|\bincluding\b|\binclude[sd]?\b|\bcomprising\b|\bamong them\b|"
    r"از این تعداد|از جمله|شامل"
)
"""Words that make the amounts of the list after them parts of the last total of the same
unit before (the list runs to :data:`LIST_END` or the end of the sentence)."""

LIST_END: Final = (
    r"(?=[;:؛,،\s])(?:[;:؛]|(?:,\s*|\s+)(?:while|whereas|but|although|though)\b|"
    r"(?:،\s*|\s+)(?:در حالی که|اما|ولی)\s|"
    r",\s*and\s+(?:(?!\b(?:that|which|who|whose)\b)[^,;])*?"
    r"\b(?:were|was|is|are|has|have|had|will|would)\b)"
)
"""Where the list after a part word ends: a semicolon or colon, a contrast ("while", "but",
«اما»), or ", and" opening a clause with a verb of its own (", and 90 units were renovated";
not ", and the revival of four units with ..."). A verb after "that"/"which" belongs to the
list's item and ends nothing."""

INSIDE: Final = r"^\s*(?:[\w-]+\s+){0,3}?(?:inside|within|داخل|درون)\b(?! and outside| و خارج)"
OUTSIDE: Final = r"^\s*(?:[\w-]+\s+){0,3}?(?:outside|خارج)\b"
"""Words right after two amounts of a sentence that split a total by place."""

LEVEL_AFTER: Final = (
    r"\b(?:underway|under way|under construction|in the pipeline)\b|در حال اجرا|در دست اجرا"
)
"""Predicates after an amount (anywhere later in its sentence) that make it a level."""

# --- regions ----------------------------------------------------------------------------

PROVINCES: Final[dict[str, str]] = {
    "Alborz": r"alborz|البرز",
    "Ardabil": r"ardabil|اردبیل",
    "Bushehr": r"bushehr|بوشهر",
    "Chaharmahal and Bakhtiari": r"chaharmahal|چهارمحال",
    "East Azarbaijan": r"east azarbai?jan|east azerbai?jan|آذربایجان شرقی",
    "Fars": r"\bfars province|province of fars|استان فارس",
    "Gilan": r"gilan|guilan|گیلان",
    "Golestan": r"golestan|گلستان",
    "Hamedan": r"hamedan|hamadan|همدان",
    "Hormozgan": r"hormozgan|هرمزگان",
    "Ilam": r"\bilam\b|ایلام",
    "Isfahan": r"isfahan|esfahan|اصفهان",
    "Kerman": r"\bkerman\b(?!shah)|کرمان(?!شاه)",
    "Kermanshah": r"kermanshah|کرمانشاه",
    "Khuzestan": r"khuzestan|خوزستان",
    "Kohgiluyeh and Boyer-Ahmad": r"kohgiluyeh|کهگیلویه",
    "Kurdistan": r"kurdistan|kordestan|کردستان",
    "Lorestan": r"lorestan|لرستان",
    "Markazi": r"markazi|استان مرکزی",
    "Mazandaran": r"mazandaran|مازندران",
    "North Khorasan": r"north khorasan|خراسان شمالی",
    "Qazvin": r"qazvin|قزوین",
    "Qom": r"\bqom\b|استان قم",
    "Khorasan Razavi": r"khorasan razavi|razavi khorasan|خراسان رضوی",
    "Semnan": r"semnan|سمنان",
    "Sistan and Baluchestan": r"sistan|سیستان",
    "South Khorasan": r"south khorasan|خراسان جنوبی",
    "Tehran": r"tehran province|province of tehran|استان تهران",
    "West Azarbaijan": r"west azarbai?jan|west azerbai?jan|آذربایجان غربی",
    "Yazd": r"\byazd\b|یزد",
    "Zanjan": r"zanjan|زنجان",
}
"""Province names (English spellings and Persian) by the name given in ``region``."""

# --- amounts ----------------------------------------------------------------------------

_QUALIFIER: Final = (
    r"more than|greater than|at least|over|above|in excess of|upwards of|exceeding|"
    r"approximately|about|around|some|nearly|almost|roughly|close to|an estimated|"
    r"up to|less than|fewer than|under|below|at most|no more than|"
    r"بیش از|بیشتر از|بالغ بر|افزون بر|حدود|حدوداً|نزدیک به|تقریباً|تقریبا|قریب|"
    r"کمتر از|دست کم|حداقل|حداکثر"
)
_WORDS: Final = (
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten"
)
_DIGITS: Final = r"\d{1,3}(?:[,٬]\d{3})+(?:[.٫]\d+)?|\d+(?:[.٫]\d+)?"
_SCALE: Final = (
    r"thousand|million|billion|trillion|quadrillion|mn|bn|"
    r"هزار میلیارد|میلیارد|میلیون|هزار|همت"
)
_CURRENCY: Final = r"rials?|tomans?|dollars|us dollars|usd|euros?|ریال|تومان|دلار|یورو"
_PERCENT: Final = r"percent|per cent|%|درصد|٪"
_FA_WORDS: Final = (
    r"(?:یازده|دوازده|سیزده|چهارده|پانزده|شانزده|هفده|هجده|هیجده|نوزده|بیست|سی|چهل|پنجاه|"
    r"شصت|هفتاد|هشتاد|نود|یکصد|صد|دویست|سیصد|چهارصد|پانصد|ششصد|هفتصد|هشتصد|نهصد|ده|یک|دو|"
    r"سه|چهار|پنج|شش|هفت|هشت|نه)(?!\w)"
)
"""Persian number words below a thousand (a word ends where its letters end)."""
_FA_SCALE_AHEAD: Final = r"(?=\s*(?:هزار|میلیون|میلیارد|همت)(?!\w))"
_FA_NUMBER: Final = (
    rf"{_FA_WORDS}(?:\s*و\s*{_FA_WORDS})*{_FA_SCALE_AHEAD}|هزار(?=\s*و\s*(?:\d|{_FA_WORDS}))"
)
"""A Persian number in words, read only before a scale word ("یک هزار و ۳۲۰", "سه میلیون")
or as a bare thousand before «و» ("هزار و ۲۰۰"): alone, «یک» is also "a" and «نه» "not"."""
_NUMBER: Final = rf"(?:{_DIGITS}|\b(?:{_WORDS})\b|{_FA_NUMBER})"
_HIGH: Final = rf"(?:\s*(?:-|–|to|تا)\s*\$?(?:{_DIGITS})(?![\w/]|-\d))"

AMOUNT: Final = (
    rf"(?P<amount>(?:(?:{_QUALIFIER})\s+)?(?P<dollar>(?:us\s?)?\$\s?)?"
    rf"(?<![\w.,/٫٬-])(?P<number>{_NUMBER})(?![\w/]|-\d{{2}}-)"
    rf"(?:\s*(?:{_SCALE})(?![\w]))?"
    rf"(?:\s*و\s*(?:{_DIGITS}|{_FA_WORDS})(?:\s*(?:{_SCALE})(?![\w]))?)*"
    rf"{_HIGH}?(?:\s*(?:{_SCALE})(?![\w]))?"
    rf"(?:\s*(?P<currency>{_CURRENCY})(?![\w])|\s*(?P<percent>{_PERCENT})(?![\w]))?)"
)
"""Where an amount phrase is: qualifier, number (or number word), scale, range, currency."""

NUMBER_WORDS: Final = tuple(dict.fromkeys(re.findall(r"[a-z]+", _WORDS)))
"""The number words of :data:`AMOUNT` ("one", "twenty", ...)."""

FA_NUMBER_WORDS: Final = (*re.findall(r"[^\W\d_]+", _FA_WORDS.split(")")[0]), "هزار")
"""The Persian number words an :data:`AMOUNT` can start with."""

AMOUNT_OPENINGS: Final = (*_QUALIFIER.split("|"), "us", *NUMBER_WORDS, *FA_NUMBER_WORDS)
"""The words an :data:`AMOUNT` can start with, when it does not start with a digit or "$"."""
