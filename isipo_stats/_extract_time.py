"""Time in report text: where the expressions are, what they mean, which span they give.

An expression ("since the beginning of the current Iranian year", «هفت ماهه نخست امسال»,
"Mehr 1399", "in May") is found in the folded sentences (see
:func:`isipo_stats._extract_lexicon.fold`), classified, and resolved against the report's
publication date into Jalali day numbers (days since 1970-01-01).
"""

from __future__ import annotations

import re
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _kernel
from isipo_stats._extract_lexicon import ANAPHOR, as_objects
from isipo_stats._extract_text import opening
from isipo_stats.text import MONTH_NAMES

__all__ = ["CONTEXT_TYPES", "EVENT", "EVENT_TYPES", "find_times", "resolve"]

Days = npt.NDArray[np.float64]  # day numbers as floats: NaN where unknown

_YEARWORD: Final = r"(?:(?:iranian|persian|solar|calendar|fiscal|hijri) )*year"
_CUR: Final = r"(?:current|this|present|ongoing)"
_PREV: Final = r"(?:previous|past|last|preceding)"
_YEAR4: Final = r"1[34][0-9]{2}"
_COUNT_EN: Final = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
)  # fmt: skip
_COUNT_FA: Final = (
    "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "یازده", "دوازده",
)  # fmt: skip
_COUNT: Final = "|".join((*_COUNT_EN, *_COUNT_FA, "[0-9]{1,2}"))
_GMONTHS: Final = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_GMONTH: Final = "|".join(_GMONTHS)
_JMONTH_EN: Final = "|".join(name.lower() for name in MONTH_NAMES["en"]) + "|amordad|dey"
_JMONTH_FA: Final = "|".join(MONTH_NAMES["fa"])
_GDATE: Final = rf"(?:{_GMONTH}) [0-9]{{1,2}}(?:st|nd|rd|th)?(?:,? [0-9]{{4}})?"
_FA_CUR: Final = r"(?:سال جاری|امسال|سال جاری)"
_FA_PREV: Final = r"(?:سال گذشته|سال قبل|پارسال|سال پیش)"
_FA_BY: Final = r"(?:تا|قبل از|پیش از)"  # by, before (the end of the year)

# (type, pattern); earlier entries win where two start at the same place
_ENTRIES: Final[tuple[tuple[str, str], ...]] = (
    ("firstn", rf"(?:the )?(?:mentioned |said |same )?(?:{_COUNT})-month period"),
    ("firstn", rf"(?:the )?first (?:(?:{_COUNT})[- ]months?|half|quarter|[0-9]{{1,3}} days)"
               rf"(?: period)?(?: of (?:the )?(?:{_CUR} |{_PREV} )?{_YEARWORD}(?: {_YEAR4})?)?"),
    ("firstn", rf"(?:(?:{_COUNT}) ?ماه(?:ه)?|نیمه|نیم سال)(?: نخست| اول| ابتدایی)?"
               rf"(?: {_FA_CUR}| {_FA_PREV}| سال {_YEAR4}| سال)"),
    ("ytd", rf"(?:since|from) the (?:beginning|start|outset) of (?:the )?(?:{_CUR} )?"
            rf"{_YEARWORD}(?: {_YEAR4})?|so far this year|this year so far|since nowruz|"
            rf"(?:از|در) (?:ابتدای|آغاز|اول) (?:{_FA_CUR}|سال {_YEAR4}|سال)(?: تاکنون)?"),
    ("yearend", rf"(?:by (?:the )?|(?:(?<=before )|(?<=until )|(?<=till ))the )"
                rf"(?:end of (?:the )?(?:{_CUR} )?{_YEARWORD}(?: {_YEAR4})?|year-?end)|"
                rf"{_FA_BY} (?:پایان|آخر|انتهای|اتمام) (?:{_FA_CUR}|سال {_YEAR4}|سال)"),
    ("by_month", rf"by (?:the end of )?(?:{_GMONTH})(?: [0-9]{{1,2}},?)? 20[0-9]{{2}}"),
    ("prev", rf"(?:the )?{_PREV} {_YEARWORD}(?: {_YEAR4})?|{_FA_PREV}(?: {_YEAR4})?"),
    ("thisyear", rf"(?:the )?{_CUR} {_YEARWORD}(?: {_YEAR4})?|this year|{_FA_CUR}"),
    ("year", rf"(?:(?<=in )|(?<=during )|(?<=for )|(?<=throughout ))(?:the )?"
             rf"(?:{_YEARWORD} )?{_YEAR4}\b|(?<=سال ){_YEAR4}\b"),
    ("jmonth", rf"\b(?:{_JMONTH_EN})(?: month)?,? {_YEAR4}\b|(?<=month of )(?:{_JMONTH_EN})\b|"
               rf"(?:{_JMONTH_FA})(?: ?ماه)?(?: سال)? {_YEAR4}|(?:{_JMONTH_FA}) ?ماه"),
    ("gmonth", rf"(?:(?<=in )|(?<=from )|(?<=during )|(?<=since )|(?<=through ))"
               rf"(?:early |late |mid-?)?(?:{_GMONTH})(?: 20[0-9]{{2}})?(?![ -]?[0-9]{{1,2}}\b)"),
    ("now", r"\b(?:currently|at present|nowadays|now)\b|در حال حاضر|هم اکنون|اکنون"),
    ("anaphor", ANAPHOR),
)  # fmt: skip

CONTEXT_TYPES: Final = frozenset(
    {"firstn", "ytd", "prev", "thisyear", "year", "jmonth", "gmonth", "event"}
)
"""Expressions a later "the mentioned period" refers back to."""

EVENT_TYPES: Final = frozenset({"jmonth", "gmonth"})
"""Expressions that date a past event: "currently" after one means at that event."""

# the words an expression of _ENTRIES can start with (keep in step with them)
_OPENINGS: Final = (
    "the", "mentioned", "said", "same", "first", "since", "from", "so", "this", "by",
    "previous", "past", "last", "preceding", "current", "present", "ongoing", "iranian",
    "persian", "solar", "calendar", "fiscal", "hijri", "year", "early", "late", "mid",
    "currently", "at", "nowadays", "now", "aforementioned", "these", "those", "such", "that",
    *_COUNT_EN, *_COUNT_FA, *_JMONTH_EN.split("|"), *_GMONTHS, *_JMONTH_FA.split("|"),
    "نیمه", "نیم", "از", "در", "تا", "سال", "پارسال", "امسال", "هم", "اکنون", "مذکور",
    "یادشده", "یاد", "این", "همین", "قبل", "پیش",
)  # fmt: skip
_FIND: Final = "|".join(f"(?:{pattern})" for _, pattern in _ENTRIES)
_STATED: Final = (
    rf"\s*,?\s*\(?\s*(?:(?:which|that) )?(?:(?P<word>began|begun|beginning|started|starting|"
    rf"ended|ending|ends|begins) )?(?:on )?(?P<d1>{_GDATE})"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<d2>{_GDATE}))?"
)
_UNNAMED: Final = re.sub(r"[?]P<[a-z0-9]+>", "?:", _STATED)
# "|$": every search succeeds, so that no text is scanned again from each of its positions
# an expression starts at the start of a word: other places fail before the alternation
_LOCATE: Final = (
    rf"(?P<pre>.*?)(?:(?<!\w)(?=\w)(?=[0-9]|{opening(_OPENINGS)})"
    rf"(?P<time>{_FIND})(?P<follow>{_UNNAMED})?|$)"
)
# classifying an expression alone: its look-behinds (the word before it) are gone
_CLASSES: Final = tuple((name, re.sub(r"\(\?<=[^)]*\)", "", p)) for name, p in _ENTRIES)


_KEY: Final = 10**10  # doc * _KEY + offset orders (document, position)
_WHO: Final = (
    r"(?:current|present|new|previous|former|incumbent|outgoing|[0-9]{1,2}(?:st|nd|rd|th)|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|(?:late )?(?:president )?[a-z-]+'s)"
)
_GOV: Final = r"(?:administration|government|presidency|cabinet|tenure)"
_OFFICE: Final = (
    rf"(?: (?:took|assumed|came to) (?:office|power))?(?: in (?:(?:{_GMONTH})(?: 20[0-9]{{2}})?|"
    rf"{_YEAR4}|20[0-9]{{2}}))?"
)
# "the new government offices", "the current government budget": a thing, not a time
_NOT_AN_ERA: Final = (
    r" (?:offices?|bod(?:y|ies)|agenc|organi[sz]|sector|bonds?|budget|department|ministr|"
    r"support|plans?|programs?|polic|officials?|employees|spending|funds?|debts?)"
)
_FA_GOV: Final = r"دولت (?:یازدهم|دوازدهم|سیزدهم|چهاردهم|جدید|فعلی|کنونی|قبل|گذشته)"
EVENT: Final = (
    rf"(?:(?:over|during|throughout|under|in|for) (?:the course of )?|since |from )"
    rf"(?:the (?:start|beginning|outset) of )?(?:the )?{_WHO} {_GOV}\b(?!['-]|{_NOT_AN_ERA})"
    rf"{_OFFICE}|"
    rf"since (?:the )?{_GOV} (?:took|assumed|came to) (?:office|power){_OFFICE}|"
    rf"since (?:taking|assuming) office{_OFFICE}|"
    rf"(?:در|از|طی) (?:(?:ابتدای|آغاز|شروع|زمان|دوره|دوران|طول) )?"
    rf"(?:(?:کار|به کار|فعالیت|روی کار آمدن) )?{_FA_GOV}"
)
"""An event that dates a flow: a government's time in office ("over the course of late
President Raisi's administration", "since the start of the 13th government", "since the
current government took office in August 2021", «در دولت سیزدهم»). Its span is not
stated (the library does not keep dates of events): a flow dated by one is skipped."""

# the words every event phrase holds: sentences without one are not searched further (a
# pattern simple enough for pyarrow's fast engine)
_EVENT_WORDS: Final = r"administration|government|presidency|cabinet|tenure|office|دولت"


Found = tuple[
    npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.object_], npt.NDArray[np.object_]
]
"""Expressions as arrays: sentence rows, offsets in the documents, folded texts, and the
text after each (where a Gregorian date for it may be given)."""


def _events(sentences: pd.DataFrame) -> Found:
    """Find the first event phrase (:data:`EVENT`) of each folded sentence."""
    # a cheap pass first, with pandas' own text (pyarrow's engine where installed)
    folded = sentences["folded"]
    named = folded.astype("str").str.contains(_EVENT_WORDS, regex=True).to_numpy(dtype=bool)
    found = folded[named].str.extract(rf"^(?P<pre>.*?)(?<!\w)(?P<event>{EVENT})")
    hit = found["event"].notna().to_numpy(dtype=bool)
    sent = np.flatnonzero(named)[hit].astype(np.int64)
    start = sentences["start"].to_numpy(dtype=np.int64)[sent]
    pos = start + found["pre"].str.len().to_numpy(dtype=np.int64, na_value=0)[hit]
    texts = np.asarray(found["event"].to_numpy(dtype=object)[hit], dtype=object)
    return sent, pos.astype(np.int64), texts, np.full(len(sent), "", dtype=object)


def _with_events(sentences: pd.DataFrame, located: Found) -> tuple[Found, npt.NDArray[np.bool_]]:
    """Add the event phrases to the located expressions, in text order; mark the events.

    An expression inside an event phrase ("... took office in August 2021") is part of it.
    """
    sent, pos, expr, follow = located
    e_sent, e_pos, e_expr, e_follow = _events(sentences)
    if not len(e_sent):
        return located, np.zeros(len(sent), dtype=bool)
    doc = sentences["doc"].to_numpy(dtype=np.int64)
    keys = doc[sent] * _KEY + pos
    lo = doc[e_sent] * _KEY + e_pos
    hi = lo + np.array([len(e) for e in e_expr], dtype=np.int64)  # the few events only
    idx = np.searchsorted(lo, keys, side="right") - 1
    kept = ~((idx >= 0) & (keys < hi[np.maximum(idx, 0)]))
    order = np.argsort(np.concatenate([keys[kept], lo]), kind="stable")
    event = np.concatenate([np.zeros(int(kept.sum()), dtype=bool), np.ones(len(lo), dtype=bool)])
    merged = tuple(
        np.concatenate([mine[kept], theirs])[order]
        for mine, theirs in ((sent, e_sent), (pos, e_pos), (expr, e_expr), (follow, e_follow))
    )
    return (merged[0], merged[1], merged[2], merged[3]), event[order]


def find_times(sentences: pd.DataFrame) -> pd.DataFrame:
    """Find the time expressions of folded sentences (columns ``doc``, ``start``, ``folded``).

    Returns one row per expression: ``doc``, ``pos`` (offset in the document), ``type``,
    ``expr`` (the folded text), the fields read from it (``rel``, ``year``, ``months``,
    ``days``, ``jmonth``, ``gmonth``, ``gyear``, ``gday``) and ``d1``/``d2``/``word``
    (Gregorian dates given for it, as written). An event that dates a flow ("over the
    course of late President Raisi's administration", see :data:`EVENT`) is an expression
    of type ``event``: it names no span.
    """
    found = sentences["folded"].str.extractall(_LOCATE)
    if found.empty:
        return _empty_times()
    follow = found["follow"].fillna("")
    pre, time, tail = (t.fillna("").str.len().astype(np.int64)
                       for t in (found["pre"], found["time"], follow))  # fmt: skip
    offset = (pre + time + tail).groupby(level=0).cumsum() - time - tail
    hit = found["time"].notna().to_numpy()
    sent = found.index.get_level_values(0).to_numpy()[hit]
    located = (sent, sentences["start"].to_numpy(dtype=np.int64)[sent]
               + offset.to_numpy(dtype=np.int64)[hit],
               found["time"].to_numpy(dtype=object)[hit],
               follow.to_numpy(dtype=object)[hit])  # fmt: skip
    (sent, pos, texts, follows), event = _with_events(sentences, located)
    if not len(sent):
        return _empty_times()
    expr = pd.Series(texts, dtype=object)
    times = pd.DataFrame(
        {"doc": sentences["doc"].to_numpy()[sent], "sent": sent, "pos": pos, "expr": expr}
    )
    times["type"] = np.where(event, "event", _classify(expr))
    _read_fields(times)
    stated = pd.Series(follows, dtype=object).str.extract(_STATED)
    for name in ("word", "d1", "d2"):
        times[name] = stated[name].to_numpy(dtype=object)
    return as_objects(times)


def _empty_times() -> pd.DataFrame:
    columns = ["doc", "sent", "pos", "expr", "type", "rel", "year", "months", "days"]
    columns += ["jmonth", "gmonth", "gyear", "gday", "word", "d1", "d2"]
    return pd.DataFrame({name: pd.Series(dtype=object) for name in columns})


def _classify(expr: pd.Series) -> npt.NDArray[np.object_]:
    kind = np.full(len(expr), "", dtype=object)
    for name, pattern in _CLASSES:
        hit = expr.str.fullmatch(pattern).to_numpy(dtype=bool) & (kind == "")
        kind[hit] = name
    return kind


def _number(words: pd.Series) -> npt.NDArray[np.float64]:
    table = {w: i + 1 for i, w in enumerate(_COUNT_EN)} | {
        w: i + 1 for i, w in enumerate(_COUNT_FA)
    }
    mapped = words.map(table)
    numeric = pd.to_numeric(words.where(mapped.isna()), errors="coerce")
    numbers = np.asarray(mapped.fillna(numeric).to_numpy(dtype=float), dtype=np.float64)
    return numbers


def _read_fields(times: pd.DataFrame) -> None:
    expr = times["expr"]
    prev = expr.str.contains(rf"\b{_PREV}\b|{_FA_PREV}").to_numpy(dtype=bool)
    times["rel"] = np.where(prev, -1, 0)
    times["year"] = pd.to_numeric(expr.str.extract(rf"({_YEAR4})\b")[0], errors="coerce")
    months = _number(expr.str.extract(rf"(?:^|\s|first )({_COUNT})[- ]?(?:months?|ماه)")[0])
    half = expr.str.contains(r"half|نیمه|نیم سال").to_numpy(dtype=bool)
    quarter = expr.str.contains(r"quarter").to_numpy(dtype=bool)
    times["months"] = np.where(half, 6, np.where(quarter, 3, months))
    times["days"] = pd.to_numeric(expr.str.extract(r"([0-9]{1,3}) days")[0], errors="coerce")
    jmonth_en = expr.str.extract(rf"\b({_JMONTH_EN})\b")[0].str.capitalize()
    jmonth_en = jmonth_en.replace({"Amordad": "Mordad"})
    jmonth_fa = expr.str.extract(rf"({_JMONTH_FA})")[0]
    en = {name: i + 1 for i, name in enumerate(MONTH_NAMES["en"])}
    fa = {name: i + 1 for i, name in enumerate(MONTH_NAMES["fa"])}
    jm = jmonth_en.map(en).fillna(jmonth_fa.map(fa))
    times["jmonth"] = np.where(times["type"] == "jmonth", jm, np.nan)
    gm = expr.str.extract(rf"\b({_GMONTH})\b")[0].map({m: i + 1 for i, m in enumerate(_GMONTHS)})
    times["gmonth"] = gm.to_numpy(dtype=float, na_value=np.nan)
    times["gyear"] = pd.to_numeric(expr.str.extract(r"\b(20[0-9]{2})\b")[0], errors="coerce")
    day = expr.str.extract(rf"^by (?:the end of )?(?:{_GMONTH}) ([0-9]{{1,2}})\b")[0]
    times["gday"] = pd.to_numeric(day, errors="coerce")


# --- resolution ---------------------------------------------------------------------------


def _year_of(days: Days) -> Days:
    inside = np.isfinite(days)
    safe = np.where(inside, days, _kernel.FIRST_DAY).astype(np.int64)
    return np.where(inside, _kernel.year_of(safe), np.nan)


def _safe(years: Days) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    ok = np.isfinite(years) & (years >= _kernel.FIRST_YEAR) & (years < _kernel.LAST_YEAR)
    return np.where(ok, years, _kernel.FIRST_YEAR).astype(np.int64), ok


def _nowruz(years: Days) -> Days:
    y, ok = _safe(years)
    return np.where(ok, _kernel.nowruz(y), np.nan)


def _year_end(years: Days) -> Days:
    y, ok = _safe(years)
    return np.where(ok, _kernel.nowruz(y + 1) - 1, np.nan)


def _month_end(years: Days, months: Days) -> Days:
    y, ok = _safe(years)
    ok &= np.isfinite(months) & (months >= 1) & (months <= 12)
    m = np.where(ok, months, 1).astype(np.int64)
    return np.where(ok, _kernel.month_start(y, m) + _kernel.month_length(y, m) - 1, np.nan)


def _month_start(years: Days, months: Days) -> Days:
    y, ok = _safe(years)
    ok &= np.isfinite(months) & (months >= 1) & (months <= 12)
    m = np.where(ok, months, 1).astype(np.int64)
    return np.where(ok, _kernel.month_start(y, m), np.nan)


def _gregorian_month(years: Days, months: Days) -> tuple[Days, Days]:
    ok = np.isfinite(years) & np.isfinite(months)
    y = np.where(ok, years, 1970).astype(np.int64)
    m = np.where(ok, months, 1).astype(np.int64)
    first = ((y - 1970) * 12 + m - 1).astype("datetime64[M]")
    start = first.astype("datetime64[D]").astype(np.int64)
    end = (first + 1).astype("datetime64[D]").astype(np.int64) - 1
    return np.where(ok, start, np.nan), np.where(ok, end, np.nan)


def resolve(times: pd.DataFrame, pub_from: Days, pub_to: Days) -> pd.DataFrame:
    """Give each expression its Jalali year and span (day numbers, NaN where unknown).

    ``pub_from``/``pub_to`` are each expression's publication window (equal when the
    date is known). Adds ``jyear``, ``start``, ``end`` (the span a flow covers; ``end`` of
    a year-to-date figure is the publication day) and ``whole_start``/``whole_end`` (the
    Jalali year the expression sits in, for targets).
    """
    current = _year_of(pub_from)
    current = np.where(current == _year_of(pub_to), current, np.nan)
    typ = times["type"].to_numpy(dtype=object)
    given = times["year"].to_numpy(dtype=float)
    year = np.where(np.isfinite(given), given, current + times["rel"].to_numpy(dtype=float))
    year = np.where(typ == "event", np.nan, year)  # an event names no year
    known_day = np.where(pub_from == pub_to, pub_from, np.nan)
    start, end = _nowruz(year), np.where(year == current, known_day, np.nan)
    months, days = times["months"].to_numpy(dtype=float), times["days"].to_numpy(dtype=float)
    fixed = np.where(np.isfinite(days), start + days - 1, _month_end(year, months))
    end = np.where(typ == "firstn", fixed, end)
    whole = np.isin(typ, ["prev", "year", "yearend"])
    end = np.where(whole, _year_end(year), end)
    # a Jalali month: this year's if it has begun by publication, else last year's
    jm = times["jmonth"].to_numpy(dtype=float)
    pub_month = np.where(np.isfinite(pub_from), _jalali_month(pub_from), np.nan)
    jm_year = np.where(np.isfinite(given), given, np.where(jm <= pub_month, current, current - 1))
    is_jm = typ == "jmonth"
    year = np.where(is_jm, jm_year, year)
    start = np.where(is_jm, _month_start(jm_year, jm), start)
    end = np.where(is_jm, _month_end(jm_year, jm), end)
    start, end, year = _gregorian_spans(times, typ, (pub_from, current), (start, end, year))
    out = times.copy()
    out["jyear"], out["start"], out["end"] = year, start, end
    out["whole_start"], out["whole_end"] = _nowruz(year), _year_end(year)
    return out


def _jalali_month(days: Days) -> Days:
    safe = np.where(np.isfinite(days), days, _kernel.FIRST_DAY).astype(np.int64)
    return np.where(np.isfinite(days), _kernel.month_of(safe), np.nan)


def _gregorian_spans(
    times: pd.DataFrame, typ: npt.NDArray[np.object_], pub: tuple[Days, Days],
    spans: tuple[Days, ...],
) -> tuple[Days, Days, Days]:  # fmt: skip
    """Give the spans of Gregorian months.

    "In May": the last May begun by publication; "by March 2025": see :func:`_by_date`.
    ``pub`` is the first publication day and its Jalali year.
    """
    start, end, year = spans
    pub_from, current = pub
    gm, gy = times["gmonth"].to_numpy(dtype=float), times["gyear"].to_numpy(dtype=float)
    day = pub_from.copy()
    day[~np.isfinite(day)] = 0
    pub_date = day.astype(np.int64).astype("datetime64[D]")
    pub_year = pub_date.astype("datetime64[Y]").astype(np.int64) + 1970.0
    pub_month = (pub_date.astype("datetime64[M]").astype(np.int64) % 12) + 1.0
    guess = np.where(
        np.isfinite(pub_from), np.where(gm <= pub_month, pub_year, pub_year - 1), np.nan
    )
    g_year = np.where(np.isfinite(gy), gy, guess)
    g_start, g_end = _gregorian_month(g_year, gm)
    is_gm = typ == "gmonth"
    start, end = np.where(is_gm, g_start, start), np.where(is_gm, g_end, end)
    year = np.where(is_gm, _year_of(g_start), year)
    by_start, by_end, by_year = _by_date(g_start, g_end, times["gday"].to_numpy(dtype=float),
                                         current)  # fmt: skip
    is_by = typ == "by_month"
    start = np.where(is_by, by_start, start)
    end = np.where(is_by, by_end, end)
    year = np.where(is_by, by_year, year)
    return start, end, year


def _by_date(first: Days, last: Days, day: Days, current: Days) -> tuple[Days, Days, Days]:
    """Return the span of "by March 2025" / "by March 20, 2025": start, end, Jalali year.

    The end is the date named: the day when one is given, else the last day of the month
    (March 2025: 2025-03-31, 11 Farvardin 1404), never moved to a Jalali year-end. The
    start is 1 Farvardin of the Jalali year the statement was made in (when the publication
    date is known), or of the year the named month begins in, whichever is earlier: as "by
    the end of the current year" does, a plan counts from the start of its year. The Jalali
    year is given only when the span lies in one year.
    """
    end = np.where(np.isfinite(day), np.fmin(first + day - 1, last), last)
    start = _nowruz(np.fmin(_year_of(first), current))
    year = np.where(_year_of(start) == _year_of(end), _year_of(end), np.nan)
    return start, end, year
