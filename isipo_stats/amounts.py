"""Quantities as the reports state them, read into numbers.

Phrases such as "over 39,000", "60 trillion rials", "more than $132.7 million", "$9.87bn",
"about 22-24 percent", "between 22 and 24 percent", "۱۲ هزار میلیارد ریال",
"سه هزار و ۲۱۵ میلیارد تومان", "بالغ بر ۴ هزار و ۱۰ واحد" and "۴/۱۸ درصد".
:func:`parse_amounts` reads many phrases at once with pandas' vectorized string methods and
returns value, unit, qualifier and bounds in base units (rials, dollars, euros, percent
points, counts). A toman is 10 rials; «همت» is a thousand billion tomans (10^13 rials).

How a phrase is read
--------------------
1. Digits are made ASCII (Persian and Arabic-Indic digits, «٬» for thousands, «٫» for the
   decimal point); in Persian text a slash between two numbers is a decimal point
   ("۴/۱۸" = 4.18). A date ("۱۴۰۲/۰۷/۱۵", "1402/7", "2021/22") is refused, never read as
   a number.
2. Every known word becomes a token: qualifiers, scales, currencies, count nouns, Persian
   and English number words, "and"/«و», "to"/«تا», "between"/«بین». A suffix glued to the
   digits is split off ("۳۵درصدی", "۱۴هزار", "$9.87bn", "61.4-percent").
3. The tokens must follow one grammar: an optional qualifier, a number (possibly in parts
   joined by «و»/"and": "۱۲ هزار و ۳۴۰"), or two joined by a range word, with a unit before
   or after either end. Anything else is refused with the reason: an unknown word is
   named, never taken as a unit.

A number in parts is the sum of its parts; a scale word that is larger than every scale
before it multiplies all that comes before it ("سه هزار و ۲۱۵ میلیارد" = 3,215 billion),
a smaller one only its own part ("۳ میلیارد و ۲۰۰ میلیون" = 3.2 billion). Each part must
fit below the last non-zero digit of the parts before it ("۵ و ۶" is refused, not 11).
"""

from __future__ import annotations

import re
from typing import Any, Final, Literal, NamedTuple, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats._arrays import lone_surrogates, text_series
from isipo_stats._typing import DateArray
from isipo_stats.errors import ParseError
from isipo_stats.text import _DIGITS, normalize_digits

__all__ = [
    "COUNT_UNITS",
    "QUALIFIERS",
    "Amount",
    "AmountsRead",
    "Qualifier",
    "parse_amount",
    "parse_amounts",
    "read_amounts",
    "read_numbers",
]

Qualifier = Literal["exact", "approx", "lower", "upper", "range"]
"""How a figure relates to the truth: exact; approximate ("about", "some", "nearly");
a lower bound ("over", "more than"); an upper bound ("up to", "less than"); a range."""

QUALIFIERS: Final[tuple[str, ...]] = get_args(Qualifier)

# Words before a number that say how it relates to the truth (English, then Persian).
QUALIFIER_WORDS: Final[dict[str, Qualifier]] = {
    "more than": "lower", "greater than": "lower", "at least": "lower", "over": "lower",
    "above": "lower", "in excess of": "lower", "upwards of": "lower", "exceeding": "lower",
    "exceeded": "lower", "exceeds": "lower", "surpassed": "lower", "topped": "lower",
    "slightly more than": "lower", "slightly over": "lower", "just over": "lower",
    "well over": "lower", "a little over": "lower", "a minimum of": "lower",
    "no less than": "lower", "not less than": "lower", "no fewer than": "lower",
    "approximately": "approx", "about": "approx", "around": "approx", "some": "approx",
    "nearly": "approx", "almost": "approx", "roughly": "approx", "close to": "approx",
    "an estimated": "approx", "estimated": "approx", "circa": "approx", "~": "approx",
    "up to": "upper", "less than": "upper", "fewer than": "upper", "under": "upper",
    "below": "upper", "at most": "upper", "no more than": "upper", "not more than": "upper",
    "slightly less than": "upper", "just under": "upper", "a maximum of": "upper",
    "بیش از": "lower", "بیشتر از": "lower", "بیش تر از": "lower", "بالغ بر": "lower",
    "افزون بر": "lower", "فراتر از": "lower", "متجاوز از": "lower", "دست کم": "lower",
    "حداقل": "lower",
    "حدود": "approx", "در حدود": "approx", "حدوداً": "approx", "حدودا": "approx",
    "نزدیک به": "approx", "قریب به": "approx", "قریب": "approx", "تقریباً": "approx",
    "تقریبا": "approx",
    "کمتر از": "upper", "کم تر از": "upper", "حداکثر": "upper", "تا سقف": "upper",
}  # fmt: skip
"""Qualifier words before a number; «تا» before a number is "up to" as well."""

TRAILING_QUALIFIER_WORDS: Final[dict[str, Qualifier]] = {
    "or more": "lower", "or above": "lower", "and above": "lower", "and more": "lower",
    "or less": "upper", "or fewer": "upper", "and below": "upper", "or below": "upper",
    "و بیشتر": "lower", "یا بیشتر": "lower", "و کمتر": "upper", "یا کمتر": "upper",
}  # fmt: skip
"""Qualifier words after an amount ("5,000 or more")."""

COUNT_UNITS: Final[dict[str, str]] = {
    "units": "production units («واحد»)",
    "jobs": "jobs («شغل»، «فرصت شغلی»)",
    "projects": "projects («طرح»، «پروژه»)",
    "parks": "industrial parks and zones («شهرک»، «ناحیه صنعتی»)",
    "persons": "people («نفر»)",
    "items": "cases, contracts, items («مورد»، «فقره»)",
    "firms": "firms and companies («بنگاه»، «شرکت»)",
    "tons": "metric tons («تن»)",
    "hectares": "hectares of land («هکتار»)",
}
"""The count units a phrase can name, with the words that name them."""

# Unit tokens: (unit, power of ten to the base unit, the word shown in a message).
_UNITS: Final[dict[str, tuple[str, int, str]]] = {
    "U_RIAL": ("rial", 0, "rial"), "U_TOMAN": ("rial", 1, "toman"),
    "U_HEMAT": ("rial", 13, "hemat"), "U_USD": ("usd", 0, "usd"), "U_SIGN": ("usd", 0, "$"),
    "U_EUR": ("eur", 0, "eur"), "U_PERCENT": ("percent", 0, "percent"),
    **{f"U_{name.upper()}": (name, 0, name) for name in COUNT_UNITS},
}  # fmt: skip

_SCALES: Final[dict[int, tuple[str, ...]]] = {
    2: ("hundred",),
    3: ("thousand", "هزار"),
    6: ("million", "میلیون", "ملیون"),
    9: ("billion", "میلیارد", "ملیارد"),
    12: ("trillion", "تریلیون"),
    15: ("quadrillion", "کوادریلیون"),
}
"""Scale words by power of ten; «هزار میلیارد» is read as هزار times میلیارد."""
_GLUED_SCALES: Final[dict[int, str]] = {3: "k", 6: "m", 9: "b"}
"""Letters that are a scale only glued to the digits ("$500m", "20k", "$1.2b")."""
_SHORT_SCALES: Final[dict[int, str]] = {6: "mn", 9: "bn|bln", 12: "tn|trn"}
"""Short scale words, read only after digits, glued or one space apart ("$9.87bn",
"3.5 bn"): alone ("bn rials") they say no number, and are refused as unknown words."""

_UNIT_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "U_RIAL": ("rial", "rials", "rls", "rls.", "irr", "ریال"),
    "U_TOMAN": ("toman", "tomans", "irt", "تومان"),
    "U_HEMAT": ("hemat", "همت"),
    "U_USD": ("dollar", "dollars", "us dollars", "u.s. dollars", "usd", "دلار",
              "دلار آمریکا", "دلار امریکا"),
    "U_SIGN": ("$", "us$"),
    "U_EUR": ("euro", "euros", "eur", "€", "یورو"),
    "U_PERCENT": ("percent", "per cent", "percentage points", "percentage point", "%", "٪",
                  "درصد", "درصدی"),
    "U_PERSONS": ("persons", "person", "people", "individuals", "نفر"),
    "U_ITEMS": ("items", "cases", "مورد", "فقره"),
    "U_FIRMS": ("firms", "companies", "enterprises", "businesses", "smes", "بنگاه", "شرکت"),
    "U_TONS": ("tons", "tonnes", "metric tons", "ton", "tonne", "تن"),
    "U_HECTARES": ("hectares", "hectare", "هکتار"),
}  # fmt: skip

# Count nouns that words may qualify: English words before the noun, Persian after it.
_COUNT_NOUNS: Final[tuple[tuple[str, str, str], ...]] = (
    ("U_UNITS", r"units?",
     r"idle|production|industrial|manufacturing|new|revived|small|inactive|semi-active|"
     r"stagnant|dormant|active|housing"),
    ("U_JOBS", r"job opportunities|jobs?", r"new|direct|indirect|permanent"),
    ("U_PROJECTS", r"projects?", r"infrastructure|industrial|development|construction"),
    ("U_PARKS", r"parks?|estates?|zones?", r"industrial|technology"),
    ("U_UNITS", r"واحد",
     r"تولیدی|صنعتی|راکد|نیمه فعال|غیرفعال|غیر فعال|جدید|کوچک|کارگاهی"),
    ("U_JOBS", r"شغل|فرصت شغلی", r"جدید|مستقیم|غیرمستقیم"),
    ("U_PROJECTS", r"طرح|پروژه", r"زیربنایی|عمرانی|صنعتی|تولیدی|نیمه تمام"),
    ("U_PARKS", r"شهرک|ناحیه", r"صنعتی"),
)  # fmt: skip

_CONNECTIVES: Final[dict[str, tuple[str, ...]]] = {
    "AND": ("and", "و"), "TO": ("to", "through", "الی"), "TA": ("تا",),
    "BETWEEN": ("between", "بین", "مابین", "ما بین"), "FROM": ("from", "از"),
}  # fmt: skip

_ENGLISH_NUMBERS: Final[tuple[str, ...]] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_ENGLISH_TENS: Final[tuple[str, ...]] = (
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)  # fmt: skip
_PERSIAN_NUMBERS: Final[dict[str, str]] = {
    "صفر": "0", "یک": "1", "دو": "2", "سه": "3", "چهار": "4", "پنج": "5", "شش": "6",
    "هفت": "7", "هشت": "8", "نه": "9", "ده": "10", "یازده": "11", "دوازده": "12",
    "سیزده": "13", "چهارده": "14", "پانزده": "15", "پونزده": "15", "شانزده": "16",
    "هفده": "17", "هجده": "18", "هیجده": "18", "نوزده": "19", "بیست": "20", "سی": "30",
    "چهل": "40", "پنجاه": "50", "شصت": "60", "هفتاد": "70", "هشتاد": "80", "نود": "90",
    "صد": "100", "یکصد": "100", "دویست": "200", "سیصد": "300", "چهارصد": "400",
    "پانصد": "500", "ششصد": "600", "هفتصد": "700", "هشتصد": "800", "نهصد": "900",
    "یکهزار": "1 E3",
}  # fmt: skip
"""Persian number words; a number in words is built from them with «و» like one in digits."""

_NUMBER_WORDS: Final[dict[str, str]] = {
    **{word: str(i) for i, word in enumerate(_ENGLISH_NUMBERS)},
    **{word: str(10 * i + 20) for i, word in enumerate(_ENGLISH_TENS)},
    **_PERSIAN_NUMBERS,
}

_NUM: Final = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
"""A number in ASCII digits: thousands grouped by three if at all ("1,2" is refused)."""
_SEG: Final = rf"{_NUM}(?: E[0-9]+)*"
_EXPR: Final = (
    rf"(?:{_SEG}|E[0-9]+(?: E[0-9]+)*)(?: AND {_SEG}|(?<=E[0-9]) {_SEG}|(?<=E[0-9][0-9]) {_SEG})*"
)
"""A number in parts: parts joined by AND, or following a part that ends in a scale."""
_UNIT: Final = r"U_[A-Z]+"
_GRAMMAR: Final = re.compile(
    rf"^(?:(?P<q>Q_[A-Z]+|TA) )?(?:(?P<btw>BETWEEN|FROM) )?(?:(?P<u0>{_UNIT}) )?"
    rf"(?P<a>{_EXPR})(?: (?P<u1>{_UNIT}))?"
    rf"(?: (?P<conn>TO|TA|DASH|(?(btw)AND|(?!))) (?:(?P<u2>{_UNIT}) )?(?P<b>{_EXPR}))?"
    rf"(?(btw)(?(b)|(?!)))(?: (?P<t>T_[A-Z]+))?(?: (?P<u3>{_UNIT}))?(?: (?P<t2>T_[A-Z]+))?$"
)
_TOKEN: Final = rf"(?:{_NUM}|[A-Z][A-Z0-9_]*)"
_BAD_TOKEN: Final = rf"(?:^| )(?P<bad>(?!{_TOKEN}(?: |$))[^ ]+)"
_DATE: Final = (
    r"[0-9]{1,4}/[0-9]{1,2}/[0-9]{1,4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"|(?<![0-9.,])(?:1[34][0-9]{2}/(?:0?[1-9]|1[0-2])|(?:19|20)[0-9]{2}/[0-9]{2})(?![0-9/.,])"
)
"""A Jalali or Gregorian date ("1402/07/15", "1402/7", "2021/22"): not an amount."""
_SLASH_DECIMAL: Final = r"(?<![0-9/.,])([0-9]+)/([0-9]+)(?![0-9/.,])"
_PERSIAN_LETTER: Final = "[\u0600-\u06ff]"

# A number as a table cell holds it: thousands grouped by three if at all, a point for decimals.
_GROUPED: Final = r"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$"

_UNREADABLE: Final = ""
"""The reason :func:`read_amounts` gives for a phrase that is not a quantity at all."""


class Amount(NamedTuple):
    """One parsed quantity: ``value`` in base units (the midpoint of a range)."""

    value: float
    unit: str | None
    qualifier: Qualifier
    low: float
    high: float


class AmountsRead(NamedTuple):
    """What :func:`read_amounts` found: the quantities, and why each unread phrase failed."""

    table: pd.DataFrame
    """As :func:`parse_amounts` returns; a row of missing values where a phrase failed."""
    reasons: npt.NDArray[np.object_]
    """None where the phrase was read; ``""`` for text that is no quantity at all; otherwise
    what was wrong ("unknown word 'zillion'", "a range from high to low", ...)."""


def _word_pattern(words: object) -> str:
    """Return an alternation of words (longest first), each bounded where it is a word.

    "No word character before" is checked after the first letter ("about" is ``a``, then
    no word character before the ``a``, then ``bout``), so that every alternative starts
    with a letter and the regular expression engine skips ahead to the letters that can
    start one.
    """
    ordered = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    parts = [
        re.escape(w[0])
        + ("(?<!\\w.)" if w[0].isalnum() else "")
        + re.escape(w[1:])
        + ("(?!\\w)" if w[-1].isalnum() else "")
        for w in ordered
    ]
    return "|".join(parts)


def _depth(word: str, token: str, pairs: list[tuple[str, str]], seen: frozenset[str]) -> int:
    """Return how many words of other tokens nest inside ``word`` (0: none)."""
    inner = [
        _depth(w, t, pairs, seen | {word})
        for w, t in pairs
        if t != token and w != word and w not in seen and re.search(_word_pattern([w]), word)
    ]
    return 1 + max(inner) if inner else 0


class _Pass(NamedTuple):
    """One word replacement: the words, the token they become, whether they are Persian."""

    words: tuple[str, ...]
    token: str
    persian: bool


def _passes() -> tuple[_Pass, ...]:
    """Return the word replacements, one pass per token and depth, in the order they run.

    A word inside a longer one of another token ("more than" in "no more than", «تا» in
    «تا سقف») must be replaced after it: words holding others go first, deepest first.
    """
    pairs: list[tuple[str, str]] = [
        *((w, f"Q_{q.upper()}") for w, q in QUALIFIER_WORDS.items()),
        *((w, f"T_{q.upper()}") for w, q in TRAILING_QUALIFIER_WORDS.items()),
        *((w, f"E{p}") for p, words in _SCALES.items() for w in words),
        *((w, token) for token, words in _UNIT_WORDS.items() for w in words),
        *((w, token) for token, words in _CONNECTIVES.items() for w in words),
    ]
    groups: dict[tuple[int, str, bool], list[str]] = {}
    for word, token in pairs:
        key = (-_depth(word, token, pairs, frozenset()), token, not word.isascii())
        groups.setdefault(key, []).append(word)
    return tuple(
        _Pass(tuple(words), token, persian)
        for (_, token, persian), words in sorted(groups.items(), key=lambda item: item[0][0])
    )


def _overlaps(later: str, earlier: str) -> bool:
    """Return whether ``later`` can start before ``earlier`` in a text and overlap it."""
    return any(
        later[k : k + len(earlier)] == earlier[: len(later) - k] for k in range(1, len(later))
    )


def _stages(passes: tuple[_Pass, ...]) -> list[list[_Pass]]:
    """Group consecutive passes into stages that one regular expression runs at once.

    Passes run one after another give what one alternation of their words (in pass order)
    gives, unless a word of a later pass can start before a word of an earlier one and
    overlap it: the alternation would take the later word (the leftmost), the passes the
    earlier one. Such a pass starts a new stage.
    """
    stages: list[list[_Pass]] = []
    for step in passes:
        earlier = [x for done in stages[-1:] for p in done for x in p.words]
        if stages and not any(_overlaps(w, x) for w in step.words for x in earlier):
            stages[-1].append(step)
        else:
            stages.append([step])
    return stages


class _Rewrite(NamedTuple):
    """One regular expression and what each match becomes.

    ``tokens`` is keyed by the name of the group that matched, or, in a pattern without
    groups, by the text matched.

    ``starts``: the first word (run of word characters) or sign of every text it can
    match; a text holding none of them is left as it is without a scan.
    """

    pattern: re.Pattern[str]
    tokens: dict[str, str]
    starts: frozenset[str]

    def sub(self, text: str) -> str:
        """Replace every match by the token of the alternative that matched."""
        tokens = self.tokens
        return self.pattern.sub(lambda m: tokens[m.lastgroup or m.group()], text)


def _rewrite(alternatives: list[tuple[str, str]], starts: frozenset[str]) -> _Rewrite:
    """Return the rewrite of (pattern, token) alternatives, tried in the order given."""
    names = {f"p{i}": f" {token} " for i, (_, token) in enumerate(alternatives)}
    pattern = "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(alternatives))
    return _Rewrite(re.compile(pattern or "(?!)"), names, starts)


_ATOM: Final = re.compile(r"\w+|[^\w\s]")
"""A word (a run of word characters) or one sign: what a text is checked for first."""


def _starts(words: list[str]) -> frozenset[str]:
    """Return the first word or sign of each word (a match starts with it, whole)."""
    return frozenset(m.group() for m in map(_ATOM.match, words) if m is not None)


def _word_stages(*, persian: bool) -> tuple[_Rewrite, ...]:
    """Return the rewrites of the words other than count nouns, stage by stage, for a script.

    For text without a non-ASCII character the non-ASCII words are left out: they cannot
    match.
    """
    stages = [[p for p in stage if persian or not p.persian] for stage in _stages(_passes())]
    return tuple(
        _Rewrite(
            re.compile("|".join(_word_pattern(p.words) for p in stage)),
            {w: f" {p.token} " for p in stage for w in p.words},
            _starts([w for p in stage for w in p.words]),
        )
        for stage in stages
        if stage
    )


_COUNT_PASSES: Final = tuple(
    (
        rf"(?<!\w)(?:(?:{mods}) )*(?:{noun})(?!\w)"
        if noun.isascii()
        else rf"(?<!\w)(?:{noun})(?: (?:{mods}))*(?!\w)",
        token,
    )
    for token, noun, mods in _COUNT_NOUNS
)
_COUNTS: Final = _rewrite(list(_COUNT_PASSES), frozenset())
_COUNT_NOUN: Final = re.compile("|".join(noun for _, noun, _ in _COUNT_NOUNS))
"""Every count noun, unbounded: a text without one holds no count phrase."""
_ASCII_STAGES: Final = _word_stages(persian=False)
_PERSIAN_STAGES: Final = _word_stages(persian=True)
_GLUED: Final = _rewrite(
    [
        *((rf"(?<=[0-9])(?:{letters})(?!\w)", f"E{p}") for p, letters in _GLUED_SCALES.items()),
        *(
            (rf"(?:(?<=[0-9])|(?<=[0-9]\s))(?:{words})(?!\w)", f"E{p}")
            for p, words in _SHORT_SCALES.items()
        ),
    ],
    frozenset(),
)
_DIGIT_LETTER: Final = re.compile(r"[0-9][^\W\d_]")
_SPACED_SCALE: Final = re.compile(rf"[0-9]\s(?:{'|'.join(_SHORT_SCALES.values())})(?!\w)")
"""A short scale word one space after digits ("3.5 bn"): the glued rewrite reads it too."""
_NUMBER_WORD_STARTS: Final = frozenset(_NUMBER_WORDS)
_TENS_STARTS: Final = frozenset(_ENGLISH_TENS)
_ARTICLE_STARTS: Final = frozenset({"a", "an"})
_NUMBER_WORD: Final = re.compile(_word_pattern(_NUMBER_WORDS))
_PERCENT_DASH: Final = re.compile(r"(?<=[0-9])-(?=percent|per cent|درصد)")
_GLUED_WORD: Final = re.compile(r"(?<=[0-9])(?=[^\W\d_])(?![^\W\d_]+[0-9])")
_TENS: Final = re.compile(
    rf"(?<!\w)({'|'.join(_ENGLISH_TENS)})[- ](?=(?:{'|'.join(_ENGLISH_NUMBERS[1:10])})(?!\w))"
)
_ARTICLE: Final = re.compile(r"(?<!\w)an? (?=(?:hundred|thousand|million|billion|trillion)(?!\w))")
_DASH: Final = re.compile(r"(?<=[0-9A-Z])\s*[-–—]\s*(?=[0-9.]|U_)")
_SPACES: Final = re.compile(r"\s+")
_DATE_RE: Final = re.compile(_DATE)
_SLASH_RE: Final = re.compile(_SLASH_DECIMAL)
_PERSIAN_RE: Final = re.compile(_PERSIAN_LETTER)
_DOTTED_I: Final = str.maketrans({"\u0130": "i"})
"""«İ» lower-cases to «i» (as pandas' Arrow strings do), not to «i» with a combining dot."""


def _number_word(match: re.Match[str]) -> str:
    return f" {_NUMBER_WORDS[match.group()]} "


def _tokens(text: str) -> str:
    """Rewrite known words as tokens (see the module notes); unknown words stay as written.

    Each rewrite is skipped where it cannot match: a text without the first word of any
    of its words, a glued suffix without a digit before a letter, a dash without a dash.
    """
    glued = _DIGIT_LETTER.search(text) is not None
    if glued or _SPACED_SCALE.search(text):
        text = _GLUED.sub(text)
    if "-" in text:
        text = _PERCENT_DASH.sub(" ", text)
    if glued:
        text = _GLUED_WORD.sub(" ", text)
    atoms = set(_ATOM.findall(text))
    if not _TENS_STARTS.isdisjoint(atoms) or not _ARTICLE_STARTS.isdisjoint(atoms):
        text = _ARTICLE.sub(" 1 ", _TENS.sub(r"\1 and ", text))
        atoms = set(_ATOM.findall(text))
    if _COUNT_NOUN.search(text):
        text = _COUNTS.sub(text)
    for stage in _ASCII_STAGES if text.isascii() else _PERSIAN_STAGES:
        if not stage.starts.isdisjoint(atoms):
            text = stage.sub(text)
    if not _NUMBER_WORD_STARTS.isdisjoint(atoms):
        text = _SPACES.sub(" ", _NUMBER_WORD.sub(_number_word, text))
        if _SPACED_SCALE.search(text):  # "five bn": a short scale after a number word
            text = _GLUED.sub(text)
    if "-" in text or "–" in text or "—" in text:
        text = _DASH.sub(" DASH ", text)
    return _SPACES.sub(" ", text).strip()


def _normal(phrase: str) -> tuple[str, bool]:
    """Return a phrase in lower case with ASCII digits, and whether it holds a date."""
    text = _SPACES.sub(" ", phrase.translate(_DIGITS)).strip().translate(_DOTTED_I).lower()
    date = _DATE_RE.search(text) is not None
    if _PERSIAN_RE.search(phrase):
        text = _SLASH_RE.sub(r"\1.\2", text)
    return text, date


_DIGIT_RUN: Final = re.compile(r"[0-9]+")
_SHAPE_DIGITS: Final = "00"
"""What every run of digits becomes in a text's shape: a run no rewrite inserts."""
_SHAPE_RUN: Final = re.compile(r"(?<![0-9E])00(?![0-9])")
"""A run of digits of the shape in its rewritten form (not a scale token such as ``E3``)."""


def _put_back(tokens: str, text: str) -> str:
    """Return the rewritten shape of ``text`` with the digits of ``text`` put back in order."""
    runs = iter(_DIGIT_RUN.findall(text))
    return _SHAPE_RUN.sub(lambda _: next(runs), tokens)


def _token_texts(texts: list[str]) -> list[str]:
    """Rewrite texts as tokens, each distinct shape once.

    The rewrites look at a digit only as a digit, never at its value or at how many there
    are, so texts that differ only in their digits ("about 12,345 units", "about 678
    units") have one shape (every run of digits as ``00``): it is rewritten once, and each
    text gets its own digits back, in order.
    """
    shapes = [_DIGIT_RUN.sub(_SHAPE_DIGITS, text) for text in texts]
    rewritten = {shape: _tokens(shape) for shape in dict.fromkeys(shapes)}
    return [
        rewritten[shape] if shape == text else _put_back(rewritten[shape], text)
        for shape, text in zip(shapes, texts, strict=True)
    ]


class _Numbers(NamedTuple):
    """Numbers in parts, read exactly: value = mantissa * 10**exponent."""

    mantissa: npt.NDArray[np.object_]
    exponent: npt.NDArray[np.int64]
    overlap: npt.NDArray[np.bool_]
    too_long: npt.NDArray[np.bool_]


_PART: Final = re.compile(rf"({_NUM})|E([0-9]+)")
_CHAIN: Final = re.compile(r"((?: E[0-9]+)+)$")


def _edges(row: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Return where each run of equal (sorted) rows starts and where it ends."""
    start = np.ones(len(row), dtype=bool)
    start[1:] = row[1:] != row[:-1]
    end = np.ones(len(row), dtype=bool)
    end[:-1] = start[1:]
    return start, end


def _shift(values: npt.NDArray[Any], start: npt.NDArray[np.bool_], fill: float) -> npt.NDArray[Any]:
    """Return the value before each one in its row (``fill`` at the start of a row)."""
    shifted = np.roll(values, 1)
    return np.where(start, fill, shifted)


def _running_max(
    values: npt.NDArray[np.float64], row: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Return the running maximum within each row of finite ``values`` (rows sorted)."""
    if len(values) == 0:
        return values
    span = float(values.max() - values.min() + 1)
    offset = row.astype(np.float64) * span
    return np.maximum.accumulate(values + offset) - offset


def _within_row_sum(
    values: npt.NDArray[np.float64], row: npt.NDArray[np.int64], start: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """Return the running sum within each row (inclusive; rows sorted)."""
    total = np.cumsum(values)
    base = np.maximum.accumulate(np.where(start, np.arange(len(values)), 0))
    return total - (total[base] - values[base])


def _found(
    exprs: npt.NDArray[np.object_],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.str_], npt.NDArray[np.float64]]:
    """Return each number and scale of each expression: its row, digits, and power."""
    found = [
        _PART.findall("1 " + e if e.startswith("E") else e) if e is not None else [] for e in exprs
    ]
    counts = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    row = np.repeat(np.arange(len(found), dtype=np.int64), counts)
    nums, pows = list(zip(*(item for items in found for item in items), strict=True)) or ((), ())
    numbers = np.array(nums, dtype=str).reshape(len(row))
    powers = np.array(pows, dtype=str).reshape(len(row))
    return row, numbers, np.where(powers == "", "nan", powers).astype(np.float64)


def _scale_places(
    row: npt.NDArray[np.int64], power: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Return the power of ten each number's last digit is multiplied by, from the scales.

    ``power`` is NaN for a number, the power of a scale word otherwise; scale words in a
    row are one scale, and only the last of them is kept (NaN placeholders elsewhere).
    """
    scale = ~np.isnan(power)
    start, _ = _edges(row)
    before = _shift(_running_max(np.where(scale, power, -1.0), row), start, -1.0)
    raising = scale & (power > before)
    lift = np.where(raising, power, 0.0)
    totals = np.zeros(int(row.max()) + 1 if len(row) else 0)
    np.add.at(totals, row, lift)
    after = totals[row] - _within_row_sum(lift, row, start) + lift
    # the next scale at or after each item of its row
    index = np.arange(len(row))
    nxt = np.minimum.accumulate(np.where(scale, index, len(row))[::-1])[::-1]
    valid = nxt < len(row)
    nxt = np.where(valid, nxt, 0)
    valid &= row[nxt] == row
    by_scale = np.where(valid & ~raising[nxt], np.nan_to_num(power[nxt]), 0.0)
    places: npt.NDArray[np.float64] = by_scale + after
    return places


def _parts(exprs: npt.NDArray[np.object_]) -> tuple[npt.NDArray[Any], ...]:
    """Return one item per number of each expression, with its places.

    ``row``: the expression; ``mant``: the digits without separators or leading zeros;
    ``low``: the power of ten of the last digit; ``top``: one above the first digit;
    ``mark``: the power of ten of the last non-zero digit (inf for zero).
    """
    row, numbers, power = _found(exprs)
    scale = ~np.isnan(power)
    start, end = _edges(row)
    # scale words in a row are one scale: "hundred thousand" is 10**5
    chain = np.cumsum(scale & ~_shift(scale, start, fill=False))
    total = np.zeros(int(chain.max()) + 1 if len(chain) else 0)
    np.add.at(total, chain, np.where(scale, power, 0.0))
    keep = ~(scale & ~end & np.roll(scale, -1))
    chained = np.where(scale, total[chain], np.nan)[keep]
    row, numbers, scale = row[keep], numbers[keep], scale[keep]
    places = _scale_places(row, chained)
    row, numbers, places = row[~scale], numbers[~scale], places[~scale]
    if len(row) == 0:  # numpy's string functions refuse empty arrays
        none = np.zeros(0, dtype=np.int64)
        return none, np.zeros(0, dtype=str), none, none, np.zeros(0)
    number = np.char.replace(numbers, ",", "")
    point = np.char.find(number, ".")
    fraction = np.where(point >= 0, np.char.str_len(number) - point - 1, 0)
    digits = np.char.lstrip(np.char.replace(number, ".", ""), "0")
    place = places.astype(np.int64) - fraction
    size = np.char.str_len(digits)
    zeros = size - np.char.str_len(np.char.rstrip(digits, "0"))
    mant = np.where(digits == "", "0", digits)
    mark = np.where(size > zeros, (place + zeros).astype(np.float64), np.inf)
    return row, mant, place, place + size, mark


def _evaluate(exprs: npt.NDArray[np.object_]) -> _Numbers:
    """Read expressions of numbers in parts exactly, to mantissa and exponent.

    Each part must lie below the last non-zero digit of the parts before it, else the
    expression is marked ``overlap``; a number in several parts must fit in 18 digits.
    """
    n = len(exprs)
    row, mant, low, top, mark = _parts(exprs)
    start, _ = _edges(row)
    ceiling = float(max(top.max(initial=0), 0) + 1)
    finite = np.where(np.isinf(mark), ceiling, mark)
    before = _shift(-_running_max(-finite, row), start, ceiling)
    overlap = np.zeros(n, dtype=bool)
    overlap[row[top > before]] = True
    count = np.bincount(row, minlength=n)
    exponent = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(exponent, row, low)
    exponent[count == 0] = 0
    highest = np.zeros(n, dtype=np.int64)
    np.maximum.at(highest, row, top)
    highest[count == 0] = 0
    too_long = (count > 1) & (highest - exponent > 18)
    several = (count[row] > 1) & ~too_long[row]
    mantissa = np.full(n, "nan", dtype=object)
    mantissa[row[~several]] = mant[~several]
    single_exponent = exponent.copy()
    single_exponent[row[~several]] = low[~several]
    if several.any():
        shift = low[several] - exponent[row[several]]
        terms = mant[several].astype(np.int64) * 10 ** shift.astype(np.int64)
        sums = np.zeros(n, dtype=np.int64)
        np.add.at(sums, row[several], terms)
        rows = np.unique(row[several])
        mantissa[rows] = sums[rows].astype(str)
    return _Numbers(mantissa, single_exponent, overlap, too_long)


def _to_number(
    mantissa: npt.NDArray[np.object_], power: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    # "2948" and 11 -> float("2948e11"): one correctly rounded conversion, no products.
    # numpy's parser is correctly rounded; the mantissa is digits, or "nan".
    digits = mantissa.astype(str)
    text = np.where(
        digits == "nan", "nan", np.char.add(np.char.add(digits, "e"), power.astype(str))
    )
    with np.errstate(over="ignore"):
        return text.astype(np.float64)


_UNIT_TOKENS: Final = ("", *sorted(_UNITS))
"""The unit tokens, sorted, after the empty token (code 0: no unit)."""
_UNIT_NAME: Final = np.array([None, *(_UNITS[t][0] for t in _UNIT_TOKENS[1:])], dtype=object)
_UNIT_POWER: Final = np.array([0, *(_UNITS[t][1] for t in _UNIT_TOKENS[1:])], dtype=np.int64)
_UNIT_KEY: Final = np.array(
    [-1, *(sorted({_UNITS[t][:2] for t in _UNITS}).index(_UNITS[t][:2]) for t in _UNIT_TOKENS[1:])]
)
"""Which tokens name the same unit (dollars and "$"): equal keys."""
_UNIT_NAME.flags.writeable = False  # shared by every call: read only
_UNIT_POWER.flags.writeable = False
_UNIT_KEY.flags.writeable = False


def _codes(column: npt.NDArray[np.object_], vocabulary: tuple[str, ...]) -> npt.NDArray[np.intp]:
    """Return each token's place in the sorted ``vocabulary`` (0, the empty token, for None)."""
    text = np.where(pd.isna(column), "", column).astype(str)
    return np.searchsorted(np.array(vocabulary), text)


def _units(
    tokens: npt.NDArray[np.object_], unit: str | None
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.int64], npt.NDArray[np.object_]]:
    """Return each phrase's unit, the power of ten its unit word adds, and unit clashes.

    ``tokens``: the unit tokens of each phrase (columns u0..u3 of the grammar), or None.
    """
    codes = np.stack([_codes(c, _UNIT_TOKENS) for c in tokens.T], axis=1).reshape(-1, 4)
    first = codes[np.arange(len(codes)), np.argmax(codes > 0, axis=1)]
    clash = np.full(len(codes), None, dtype=object)
    for other in codes.T:
        differs = (other > 0) & (_UNIT_KEY[other] != _UNIT_KEY[first]) & pd.isna(clash)
        clash[differs] = [
            f"two units: {_UNITS[_UNIT_TOKENS[a]][2]} and {_UNITS[_UNIT_TOKENS[b]][2]}"
            for a, b in zip(first[differs], other[differs], strict=True)
        ]
    sign = (codes == _UNIT_TOKENS.index("U_SIGN")).any(axis=1)
    clash[sign & ~pd.isna(clash)] = "a dollar sign with another unit"
    name = _UNIT_NAME[first]
    if unit is not None:
        name[first == 0] = unit
    return name, _UNIT_POWER[first], clash


def _qualifiers(
    lead: npt.NDArray[np.object_],
    trails: npt.NDArray[np.object_],
    second: npt.NDArray[np.object_],
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.bool_]]:
    """Return each phrase's qualifier and where it gives two (before and after).

    ``lead``: the token before the number; ``trails``: the two tokens after the amount;
    ``second``: the second end of a range (None if not a range).
    """
    first = np.full(len(lead), None, dtype=object)
    for token, name in (("Q_LOWER", "lower"), ("Q_APPROX", "approx"), ("Q_UPPER", "upper"),
                        ("TA", "upper")):  # fmt: skip
        first[lead == token] = name
    after = np.full(trails.shape, None, dtype=object)
    after[trails == "T_LOWER"] = "lower"
    after[trails == "T_UPPER"] = "upper"
    has_lead, has_after = ~pd.isna(first), ~pd.isna(after)
    two = (has_lead & has_after.any(axis=1)) | has_after.all(axis=1)
    trail = np.where(has_after[:, 0], after[:, 0], after[:, 1])
    qualifier = np.where(has_lead, first, np.where(pd.isna(trail), "exact", trail))
    qualifier[~pd.isna(second)] = "range"
    return qualifier.astype(object), two


_BAD_RE: Final = re.compile(_BAD_TOKEN)
_NUMBER_LIKE: Final = re.compile(r"[-+0-9.,/]+")
_HAS_NUMBER: Final = re.compile(r"[0-9]|E[0-9]")


def _why_unread(text: str, *, date: bool) -> str:
    """Return why a token text fails the grammar: a date, no number, an unknown word."""
    if date:
        return "a date, not an amount"
    bad = _BAD_RE.search(text)
    if bad is None or _HAS_NUMBER.search(text) is None:
        return _UNREADABLE
    word = bad["bad"]
    return f"not a number: {word!r}" if _NUMBER_LIKE.fullmatch(word) else f"unknown word {word!r}"


def _ends(
    first: npt.NDArray[np.object_],
    second: npt.NDArray[np.object_],
    unit_power: npt.NDArray[np.int64],
) -> tuple[
    npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.bool_], npt.NDArray[np.bool_]
]:  # fmt: skip
    """Return the two ends of each phrase (equal unless a range) in base units.

    A range's first end without a scale takes the second's ("1.5-2 million"). Also
    returns where the parts of a number overlap and where a number in parts is too long.
    """
    present = np.flatnonzero(~pd.isna(second))
    chains = [_CHAIN.search(b) for b in second[present]]
    first = first.copy()
    for i, chain in zip(present, chains, strict=True):
        if chain is not None and first[i] is not None and "E" not in first[i]:
            first[i] = first[i] + chain.group(1)
    n = len(first)
    ends = np.concatenate([first, np.where(pd.isna(second), first, second)])
    codes, distinct = pd.factorize(ends)  # each distinct expression read once; None is -1
    read = _evaluate(np.array([*distinct, None], dtype=object))
    numbers = _Numbers(
        read.mantissa[codes], read.exponent[codes], read.overlap[codes], read.too_long[codes]
    )
    values = _to_number(numbers.mantissa, numbers.exponent + np.tile(unit_power, 2))
    overlap = numbers.overlap[:n] | numbers.overlap[n:]
    too_long = numbers.too_long[:n] | numbers.too_long[n:]
    return values[:n], values[n:], overlap, too_long


class _Read(NamedTuple):
    """What was read from distinct phrases: the columns of the table, and the reasons."""

    low: npt.NDArray[np.float64]
    high: npt.NDArray[np.float64]
    qualifier: npt.NDArray[np.object_]
    unit: npt.NDArray[np.object_]
    reasons: npt.NDArray[np.object_]


_GROUPS: Final = {name: i - 1 for name, i in _GRAMMAR.groupindex.items()}
_NO_MATCH: Final = (None,) * _GRAMMAR.groups


def _read_distinct(phrases: list[str], unit: str | None) -> _Read:
    """Read distinct phrases: the columns and a reason for each one refused."""
    n = len(phrases)
    reasons = np.full(n, None, dtype=object)
    reasons[lone_surrogates(phrases)] = "not valid Unicode"
    read = [_normal(p if r is None else "") for p, r in zip(phrases, reasons, strict=True)]
    texts = _token_texts([text for text, _ in read])
    dates = np.fromiter((date for _, date in read), dtype=bool, count=n)
    matches = [_GRAMMAR.search(text) for text in texts]
    grammar = np.array([m.groups() if m else _NO_MATCH for m in matches], dtype=object)
    grammar = grammar.reshape(n, _GRAMMAR.groups)
    g = {name: grammar[:, i] for name, i in _GROUPS.items()}
    unread = (pd.isna(g["a"]) | dates) & pd.isna(reasons)
    reasons[unread] = [_why_unread(texts[i], date=bool(dates[i])) for i in np.flatnonzero(unread)]
    unit_name, unit_power, clash = _units(grammar[:, [_GROUPS[f"u{i}"] for i in range(4)]], unit)
    qualifier, two = _qualifiers(g["q"], grammar[:, [_GROUPS["t"], _GROUPS["t2"]]], g["b"])
    low, high, overlap, too_long = _ends(g["a"], g["b"], unit_power)
    for bad, why in (
        (two, "two qualifiers"),
        (~pd.isna(clash), clash),
        (overlap, "parts that do not make one number"),
        (too_long, "a number in parts longer than 18 digits"),
        (~np.isfinite(low) | ~np.isfinite(high), "too large"),
        ((qualifier == "range") & (low > high), "a range from high to low"),
    ):
        todo = bad & pd.isna(reasons)
        reasons[todo] = why[todo] if isinstance(why, np.ndarray) else why
    return _Read(low, high, qualifier, unit_name, reasons)


def _columns(read: _Read) -> dict[str, npt.NDArray[Any]]:
    """Return the table's columns: the bounds each qualifier states, nothing on refused rows."""
    refused = ~pd.isna(read.reasons)
    q = read.qualifier.copy()
    q[refused] = None
    units = read.unit.copy()
    units[refused | pd.isna(units)] = None
    lo, hi = read.low.astype(float), read.high.astype(float)
    is_range = q == "range"
    return {
        "value": np.where(refused, np.nan, np.where(is_range, (lo + hi) / 2, lo)),
        "unit": units,
        "qualifier": q,
        "low": np.where(np.isin(q, ["exact", "lower", "range"]), lo, np.nan),
        "high": np.where(np.isin(q, ["exact", "range"]), hi, np.where(q == "upper", lo, np.nan)),
    }


def _as_phrases(values: DateArray) -> pd.Series:
    """Return the argument as a Series of str (positions as the index); refuse others."""
    return text_series(
        values, expected="a one-dimensional array of strings", reading=None, missing=False
    )


def read_amounts(values: DateArray, unit: str | None = None) -> AmountsRead:
    """Read quantity phrases, keeping going past those that are not quantities.

    Each distinct phrase is read once. This is :func:`parse_amounts` for callers that report
    every bad phrase (the figure table): instead of raising at the first, it gives a reason
    for each.

    Returns
    -------
    AmountsRead
        ``table`` as :func:`parse_amounts` gives it (missing values on refused rows) and
        ``reasons``, an object array: None where the phrase was read, ``""`` for text that is
        no quantity, otherwise what was wrong.

    Raises
    ------
    InputTypeError
        A value that is not text, or an argument that is not one-dimensional.

    Examples
    --------
    >>> found = read_amounts(["over 39,000", "lots", "10-5 units"])
    >>> found.table["value"].tolist(), found.reasons.tolist()
    ([39000.0, nan, nan], [None, '', 'a range from high to low'])
    """
    series = _as_phrases(values)
    codes, uniques = pd.factorize(series.to_numpy(dtype=object))
    distinct = _read_distinct(list(uniques), unit)
    table = pd.DataFrame(
        {
            name: pd.Series(
                column[codes], index=series.index, dtype=object if column.dtype == object else float
            )
            for name, column in _columns(distinct).items()
        },
        index=series.index,
    )
    return AmountsRead(table, distinct.reasons[codes])


def parse_amounts(values: DateArray, unit: str | None = None) -> pd.DataFrame:
    """Read quantity phrases into numbers with their unit and qualifier.

    Parameters
    ----------
    values : array-like of str
        Phrases such as ``"over 39,000"``, ``"60 trillion rials"``, ``"$132.7 million"``,
        ``"about 22-24 percent"``, ``"۱۵ هزار میلیارد ریال"``, ``"twenty-one"``.
    unit : str, optional
        Unit for phrases that name none (counts: ``"units"``, ``"jobs"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``value`` (float; a range gives its midpoint), ``unit`` (``rial``, ``usd``,
        ``eur``, ``percent``, a count unit of :data:`COUNT_UNITS`, or ``unit``),
        ``qualifier`` (one of :data:`QUALIFIERS`), ``low`` and ``high`` (the bounds the
        phrase states: both for exact and range, one for a bound, none for approx). Index
        kept for a Series.

    Raises
    ------
    ParseError
        A phrase that is not a quantity, with its position.

    See Also
    --------
    read_amounts : the same, with a reason for every phrase it cannot read.

    Notes
    -----
    A range's unit may be stated once: ``"5 to $6"`` and ``"$5-6"`` are both dollars.

    Examples
    --------
    >>> parse_amounts(["over 39,000", "60 trillion rials", "more than $132.7 million",
    ...                "about 22-24 percent", "۱۵ هزار میلیارد ریال"], unit="units")
              value     unit qualifier           low          high
    0  3.900000e+04    units     lower  3.900000e+04           NaN
    1  6.000000e+13     rial     exact  6.000000e+13  6.000000e+13
    2  1.327000e+08      usd     lower  1.327000e+08           NaN
    3  2.300000e+01  percent     range  2.200000e+01  2.400000e+01
    4  1.500000e+13     rial     exact  1.500000e+13  1.500000e+13
    """
    series = _as_phrases(values)
    table, reasons = read_amounts(series, unit)
    _refuse(series, reasons)
    return table


def _refuse(series: pd.Series, reasons: npt.NDArray[np.object_]) -> None:
    """Raise a ParseError for the first phrase that has a reason (was not read), if any."""
    refused = ~pd.isna(reasons)
    if refused.any():
        position = int(np.argmax(refused))
        phrase = series.iloc[position]
        why = f" ({reasons[position]})" if reasons[position] else ""
        msg = f"could not read {phrase!r} at position {position} as an amount{why}"
        raise ParseError(msg)


def read_numbers(values: pd.Series) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.object_]]:
    """Read table cells as numbers: each a float and, where it is not a number, why.

    Persian and Arabic-Indic digits are read, with ``٬`` for thousands and ``٫`` for the
    decimal point. Commas must group thousands by three (``1,000``, ``12,345,678``); any
    other comma (``1,00``, a decimal comma as in ``1.000,5``) is refused, never dropped, and
    so is a number too large for a float (or ``inf``). Empty text is a missing value (NaN,
    no reason).

    Examples
    --------
    >>> numbers, reasons = read_numbers(pd.Series(["1,000", "۱۲٬۵۰۰٫۵", "", "1,00", "x"]))
    >>> numbers.tolist()
    [1000.0, 12500.5, nan, nan, nan]
    >>> reasons.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [None, None, None, "commas must group thousands by three (1,000 or 12,345,678),
     got '1,00'", "not a number: 'x'"]
    """
    text = values.astype("string").fillna("")
    codes, uniques = pd.factorize(text.to_numpy(dtype=object))
    given = pd.Series(uniques, dtype=object)
    plain = normalize_digits(given.astype("string")).fillna("")
    comma = plain.str.contains(",", regex=False).to_numpy(dtype=bool)
    grouped = plain.str.match(_GROUPED).to_numpy(dtype=bool)
    numbers = pd.to_numeric(plain.str.replace(",", "", regex=False), errors="coerce")
    number = numbers.to_numpy(dtype=float, na_value=np.nan)
    empty = (plain == "").to_numpy(dtype=bool)
    bad_comma = comma & ~grouped
    not_number = ~empty & ~bad_comma & np.isnan(number)
    infinite = ~bad_comma & np.isinf(number)
    reasons = np.full(len(given), None, dtype=object)
    for bad, why in (
        (bad_comma, "commas must group thousands by three (1,000 or 12,345,678), got "),
        (not_number, "not a number: "),
        (infinite, "not a finite number: "),
    ):
        reasons[bad] = [why + repr(v) for v in uniques[bad]]
    number[bad_comma | infinite] = np.nan
    return number[codes], reasons[codes]


def parse_amount(text: str, unit: str | None = None) -> Amount:
    """Read one quantity phrase; see :func:`parse_amounts`.

    Examples
    --------
    >>> parse_amount("some 1,160", unit="units")
    Amount(value=1160.0, unit='units', qualifier='approx', low=nan, high=nan)
    >>> parse_amount("۱۲ همت").value
    120000000000000.0
    """
    series = _as_phrases([text])
    read = _read_distinct([series.iloc[0]], unit)
    _refuse(series, read.reasons)
    row = {name: column[0] for name, column in _columns(read).items()}
    return Amount(
        float(row["value"]), row["unit"], row["qualifier"], float(row["low"]), float(row["high"])
    )
