"""The rules of :mod:`isipo_stats.extract`: which amounts are figures, of what, when.

Every step works on the table of amounts found in all texts at once: pandas string methods
over the windows of text around the amounts, ``np.searchsorted`` to find the time
expression that belongs to each amount, a loop only over the (few) rules of the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats._extract_lexicon import (
    EARLIER,
    FALLBACK_METRICS,
    INSIDE,
    LEVEL,
    LEVEL_AFTER,
    LIST_END,
    NOUNS,
    OUTSIDE,
    PART_WORDS,
    PLAN,
    PLAN_AFTER,
    PROVINCES,
    MetricRule,
    as_objects,
)
from isipo_stats._extract_text import amount_pieces, noun_after
from isipo_stats._extract_time import CONTEXT_TYPES, EVENT_TYPES

__all__ = ["amounts", "classify", "link", "place_in_time"]

_KEY: Final = 10**10  # doc * _KEY + offset orders (document, position)
# every province name with its word bounds and look-arounds dropped: it matches wherever a
# name of PROVINCES matches (and more), and is simple enough for pyarrow's fast engine
_ANY_PROVINCE: Final = "|".join(
    re.sub(r"\\b|\(\?<?[=!][^()]*\)", "", pattern) for pattern in PROVINCES.values()
)


# the part words without their word bounds: a wider net, cast first
_ANY_PART: Final = PART_WORDS.replace(r"\b", "")
# the lists after part words, piece by piece; a guard of the words' first letters fails most
# places before the alternation
_PART_FIRST: Final = "".join(sorted({word[0] for word in _ANY_PART.split("|")}))
_LISTS: Final = (
    rf"(?P<pre>.*?)(?:(?=[{_PART_FIRST}])(?P<mark>{PART_WORDS})(?P<body>(?:\s*:)?.*?)"
    rf"(?P<stop>{LIST_END}|$)|$)"
)


def amounts(sents: pd.DataFrame) -> pd.DataFrame:
    """Return the amounts that are figures (money, percent, or a count of something).

    Columns: ``doc``, ``sent``, ``start``, ``end``, ``phrase``, ``money``, ``percent``,
    ``family`` (what a count counts: a key of ``NOUNS``; "" for money and percent),
    ``before``/``after`` (folded text back to the previous figure and on to the next one
    in the sentence) and ``equivalent`` (a currency amount in parentheses right after
    another one: the same sum in another currency).
    """
    pieces = amount_pieces(sents)
    sent = pieces["sent"].to_numpy()
    same_next = np.append(sent[1:] == sent[:-1], False)[: len(sent)]
    next_pre = pieces["pre"].shift(-1).where(same_next, "").fillna("")
    money = pieces["dollar"].to_numpy() | pieces["currency"].to_numpy()
    percent = pieces["percent"].to_numpy() & ~money
    amount = (pieces["phrase"] != "").to_numpy()
    family = np.full(len(pieces), "", dtype=object)
    counts = np.flatnonzero(amount & ~money & ~percent)  # only these can count something
    for name, noun in NOUNS.items():
        hit = next_pre.iloc[counts].str.contains(noun_after(noun), regex=True)
        rows = counts[hit.to_numpy(dtype=bool)]
        family[rows[family[rows] == ""]] = name
    keep = amount & (money | percent | (family != ""))
    # the windows: all text between kept amounts (dropped numbers and dates included)
    segment = pd.Series(keep, dtype=np.int64).groupby(sent).cumsum().to_numpy() - keep
    text = pieces["pre"] + pieces["cut"].where(~keep, "")
    windows = text.groupby([sent, segment]).sum()
    rows = np.flatnonzero(keep)
    before = windows.reindex(pd.MultiIndex.from_arrays([sent[rows], segment[rows]]))
    after = windows.reindex(pd.MultiIndex.from_arrays([sent[rows], segment[rows] + 1]))
    found = pd.DataFrame(
        {
            "doc": sents["doc"].to_numpy()[sent[rows]],
            "sent": sent[rows],
            "start": pieces["start"].to_numpy()[rows],
            "end": pieces["end"].to_numpy()[rows],
            "phrase": pieces["phrase"].to_numpy(dtype=object)[rows],
            "money": money[rows],
            "percent": percent[rows],
            "family": family[rows],
            "before": before.fillna("").to_numpy(dtype=object),
            "after": after.fillna("").to_numpy(dtype=object),
        }
    )
    found = as_objects(found)
    prev_money = np.append(False, found["money"].to_numpy()[:-1])
    prev_same = np.append(False, found["sent"].to_numpy()[1:] == found["sent"].to_numpy()[:-1])
    opens = found["before"].str.fullmatch(r"\s*\(\s*").to_numpy(dtype=bool)
    found["equivalent"] = found["money"].to_numpy() & prev_money & prev_same & opens
    return found


def _next(values: npt.NDArray[np.object_], *, fill: object) -> npt.NDArray[np.object_]:
    return np.append(values[1:], np.array([fill], dtype=object))


def classify(found: pd.DataFrame, lexicon: Sequence[MetricRule]) -> pd.DataFrame:
    """Give each amount its metric, unit (for counts) and the cues of its kind.

    An amount followed by its equivalent in parentheses is read with the text after that
    equivalent too ("60 trillion rials (more than $132.7 million) of credit").
    """
    out = found.copy()
    nxt_equivalent = _next(out["equivalent"].to_numpy(dtype=object), fill=False).astype(bool)
    written = out["after"].to_numpy(dtype=object)
    extended = np.where(nxt_equivalent, written + _next(out["phrase"].to_numpy(dtype=object),
                        fill="") + _next(written, fill=""), written)  # fmt: skip
    out["after"] = extended
    before = out["before"].astype(str).astype(object)
    after = out["after"].astype(str).astype(object)
    clause = before.str[-150:] + " | " + after.str[:120]
    metric, unit, level = _metrics(out, after, clause, lexicon)
    counts = (out["family"] != "").to_numpy()
    out["metric"], out["count_unit"] = metric, np.where(counts, unit, "")
    last_clause = _last_clause(before, ",;:")
    out["plan"] = (
        last_clause.str.contains(PLAN, regex=True) | after.str.contains(PLAN_AFTER, regex=True)
    ).to_numpy(dtype=bool)
    near = before.str[-100:] + " | " + after.str[:80]
    out["level"] = level | near.str.contains(LEVEL, regex=True).to_numpy(dtype=bool)
    out["fallback"] = np.isin(metric, list(FALLBACK_METRICS))
    out["region"] = _regions(before, after)
    return out


def _metrics(
    found: pd.DataFrame, after: pd.Series, clause: pd.Series, lexicon: Sequence[MetricRule]
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.object_], npt.NDArray[np.bool_]]:
    """Return the metric, unit and level flag of the first rule that fits each amount.

    A rule's noun is matched once per distinct noun, and its cue only on the amounts that
    are still without a metric and have its noun.
    """
    metric = np.full(len(found), "", dtype=object)
    unit = np.full(len(found), "", dtype=object)
    level = np.zeros(len(found), dtype=bool)
    counts = (found["family"] != "").to_numpy()
    nouns: dict[str, npt.NDArray[np.bool_]] = {
        "money": found["money"].to_numpy(dtype=bool),
        "percent": found["percent"].to_numpy(dtype=bool),
    }
    for rule in lexicon:
        if rule.noun not in nouns:
            hit = after[counts].str.contains(noun_after(rule.noun), regex=True)
            nouns[rule.noun] = np.zeros(len(found), dtype=bool)
            nouns[rule.noun][counts] = hit.to_numpy(dtype=bool)
        rows = np.flatnonzero(nouns[rule.noun] & (metric == ""))
        if rule.cue and len(rows):
            cued = clause.iloc[rows].str.contains(rule.cue, regex=True).to_numpy(dtype=bool)
            rows = rows[cued]
        metric[rows], unit[rows] = rule.metric, rule.unit
        level[rows] = rule.kind == "level"
    return metric, unit, level


def _last_clause(texts: pd.Series, stops: str) -> pd.Series:
    """Return the end of each text after its last character of ``stops`` (all if none).

    Read on the reversed texts: anchored at their start, the search is linear.
    """
    tail: pd.Series = texts.str[::-1].str.extract(f"^([^{stops}]*)")[0].fillna("").str[::-1]
    return tail


def _regions(before: pd.Series, after: pd.Series) -> npt.NDArray[np.object_]:
    """Return the province named in the amount's clause (or opening its sentence), else Iran."""
    clause = _last_clause(before, ",;") + " " + after.str.extract(r"^([^,;.]*)")[0].fillna("")
    opening = before.str.extract(r"^((?:in|در) (?:the )?(?:[\w-]+ ){0,3}(?:province|استان)"
                                 r"[^,]*|(?:in|در) استان [^,]*)")[0].fillna("")  # fmt: skip
    region = np.full(len(before), "Iran", dtype=object)
    said = clause + " " + opening
    # one pass for any name (without its word bounds: a wider net), then each on the few hits
    named = np.flatnonzero(
        said.astype("str").str.contains(_ANY_PROVINCE, regex=True).to_numpy(dtype=bool)
    )
    said = said.iloc[named]
    for name, pattern in PROVINCES.items():
        hit = said.str.contains(pattern, regex=True).to_numpy(dtype=bool)
        rows = named[hit]
        region[rows[region[rows] == "Iran"]] = name
    return region


# --- time -----------------------------------------------------------------------------------


def _first_in(
    keys: npt.NDArray[np.int64], lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Index of the first key in [lo, hi) for each pair, -1 where none."""
    idx = np.searchsorted(keys, lo, side="left")
    safe = np.minimum(idx, max(len(keys) - 1, 0))
    ok = (idx < len(keys)) & (keys[safe] < hi) if len(keys) else np.zeros(len(lo), bool)
    return np.where(ok, idx, -1)


def _last_in(
    keys: npt.NDArray[np.int64], lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Index of the last key in [lo, hi) for each pair, -1 where none."""
    idx = np.searchsorted(keys, hi, side="left") - 1
    safe = np.maximum(idx, 0)
    ok = (idx >= 0) & (keys[safe] >= lo) if len(keys) else np.zeros(len(lo), bool)
    return np.where(ok, idx, -1)


def _own_time(
    found: pd.DataFrame, keys: npt.NDArray[np.int64], length: npt.NDArray[np.int64],
    bounds: tuple[npt.NDArray[np.int64], ...],
) -> npt.NDArray[np.int64]:  # fmt: skip
    """Return the amount's own expression (row of ``keys``, -1 for none).

    The first after it or the last before it, the nearer one; one after it beyond a comma
    loses to one before it in the same clause.
    """
    start, end, prev_end, next_start = bounds
    after = _first_in(keys, end, next_start)
    before = _last_in(keys, prev_end, start)
    if not len(keys):
        return after
    far = np.iinfo(np.int64).max
    gap_after = np.where(after >= 0, keys[np.maximum(after, 0)] - end, far)
    gap_before = np.where(before >= 0, start - keys[np.maximum(before, 0)]
                          - length[np.maximum(before, 0)], far)  # fmt: skip
    comma = found["after"].astype(str).str.find(",").to_numpy(dtype=np.int64)
    beyond = (comma >= 0) & (comma < gap_after)
    text_before = found["before"].astype(str).astype(object)
    clause = _last_clause(text_before, ",;").str.len().to_numpy()
    # "Last year, 2,067 units": a comma right after the time opens no new clause
    comma_only = text_before.str[-2:].str.contains("[,،]", regex=True).to_numpy(dtype=bool)
    in_clause = (gap_before <= clause) | (comma_only & (gap_before <= 2))
    before_near = (before >= 0) & in_clause & (beyond | (gap_before < gap_after))
    return np.where(before_near | (after < 0), before, after)


def _said(
    sents: pd.DataFrame, sent: npt.NDArray[np.int64]
) -> tuple[pd.Series, npt.NDArray[np.int64]]:
    """Return the folded sentences the amounts are in (once each) and each amount's row there.

    Sentence-wide cues are read only in the sentences that state an amount.
    """
    used, row = np.unique(sent, return_inverse=True)
    said: pd.Series = sents["folded"].iloc[used].reset_index(drop=True)
    return said, row.astype(np.int64)


def _semicolons(sents: pd.DataFrame) -> npt.NDArray[np.int64]:
    """Return the keys (``doc * _KEY + offset``) of every semicolon, «؛» too, in order."""
    folded = sents["folded"]
    has = (folded.str.contains(";", regex=False) | folded.str.contains("؛", regex=False)).to_numpy(
        dtype=bool
    )  # few sentences do
    # the tail after the last semicolon is matched whole (the second branch), not retried
    # from each of its characters
    found = folded.iloc[np.flatnonzero(has)].str.extractall(r"(?P<pre>[^;؛]*)[;؛]|[^;؛]+\Z")
    found = found[found["pre"].notna()]
    if found.empty:
        return np.zeros(0, np.int64)
    pre = found["pre"].str.len().astype(np.int64) + 1
    offset = pre.groupby(level=0).cumsum().to_numpy(dtype=np.int64) - 1
    sent = found.index.get_level_values(0).to_numpy()
    doc = sents["doc"].to_numpy(dtype=np.int64)[sent]
    keys: npt.NDArray[np.int64] = doc * _KEY + sents["start"].to_numpy(dtype=np.int64)[sent]
    return keys + offset


def _current(times: pd.DataFrame) -> npt.NDArray[np.bool_]:
    """Whether each time expression names this year (read once per table of times)."""
    if "current" not in times:
        times["current"] = times["expr"].str.contains(_CURRENT, regex=True).to_numpy(dtype=bool)
    current: npt.NDArray[np.bool_] = times["current"].to_numpy(dtype=bool)
    return current


def _year_named_before(
    found: pd.DataFrame,
    times: pd.DataFrame,
    keys: npt.NDArray[np.int64],
    s_start: npt.NDArray[np.int64],
    chosen: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """Date a bare "by the end of the year" by the past year the sentence named before it.

    "Last year, 2,067 units were revived, and by the end of the year over 39,000 jobs had
    been created": the year that ends is last year. A year end said of this year ("by the
    end of the current year") or of a plan ("plans to revive 1,600 units by the end of
    the year") keeps its own reading.
    """
    if not len(times):
        return chosen
    typ = times["type"].to_numpy(dtype=object)
    at = np.maximum(chosen, 0)
    bare = (chosen >= 0) & (typ[at] == "yearend") & ~_current(times)[at]
    bare &= np.isnan(times["year"].to_numpy(dtype=float)[at])  # "the end of the year 1400"
    bare &= ~found["plan"].to_numpy(dtype=bool)
    named_rows = np.flatnonzero(np.isin(typ, ["prev", "year"]))
    named = _last_in(keys[named_rows], s_start, keys[at])
    use = bare & (named >= 0)
    return np.where(use, named_rows[np.maximum(named, 0)] if len(named_rows) else -1, chosen)


def choose_times(found: pd.DataFrame, sents: pd.DataFrame, times: pd.DataFrame) -> pd.DataFrame:
    """Pick each amount's time expression (row of ``times``, -1 for none).

    The amount's own expression (see :func:`_own_time`), else the first of its sentence;
    only then a word that refers back ("the mentioned period", "such units"), which
    stands for the last expression of a context type before the amount in the same text.
    Adds ``time``, ``via`` ("own", "sentence", "context"), ``context`` (that last context
    expression), ``earlier`` and ``level`` (updated).
    """
    typ = times["type"].to_numpy(dtype=object)
    all_keys = times["doc"].to_numpy(dtype=np.int64) * _KEY + times["pos"].to_numpy(np.int64)
    real = np.flatnonzero(typ != "anaphor")
    refers_rows = np.flatnonzero(typ == "anaphor")
    keys = all_keys[real]
    length = np.asarray(times["expr"].str.len().to_numpy(dtype=np.int64)[real], dtype=np.int64)
    doc = found["doc"].to_numpy(dtype=np.int64) * _KEY
    sent = found["sent"].to_numpy()
    s_start = doc + sents["start"].to_numpy(dtype=np.int64)[sent]
    s_end = doc + sents["end"].to_numpy(dtype=np.int64)[sent]
    start = doc + found["start"].to_numpy(dtype=np.int64)
    end = doc + found["end"].to_numpy(dtype=np.int64)
    same_prev = np.append(False, sent[1:] == sent[:-1])
    same_next = np.append(sent[1:] == sent[:-1], False)
    prev_end = np.where(same_prev, np.append(0, end[:-1]), s_start)
    # a semicolon after the amount ends the clauses whose time it can take
    semis = _semicolons(sents)
    semi = _first_in(semis, end, s_end)
    clause_end = np.where(semi >= 0, semis[np.maximum(semi, 0)] if len(semis) else 0, s_end)
    next_start = np.minimum(np.where(same_next, np.append(start[1:], 0), s_end), clause_end)
    own = _own_time(found, keys, length, (start, end, prev_end, next_start))
    whole = _first_in(keys, s_start, clause_end)
    chosen = np.where(own >= 0, own, whole)
    via = np.where(own >= 0, "own", np.where(whole >= 0, "sentence", ""))
    chosen = np.where(chosen >= 0, real[np.maximum(chosen, 0)] if len(real) else -1, -1)
    chosen = _year_named_before(found, times, all_keys, s_start, chosen)
    context_rows = np.flatnonzero(np.isin(typ, list(CONTEXT_TYPES)))
    last = _last_in(all_keys[context_rows], doc, start)
    context = np.where(last >= 0, context_rows[np.maximum(last, 0)] if len(context_rows)
                       else -1, -1)  # fmt: skip
    refers = (chosen < 0) & (_first_in(all_keys[refers_rows], s_start, s_end) >= 0)
    chosen = np.where(refers, context, chosen)
    out = found.copy()
    out["time"] = chosen
    out["via"] = np.where(refers, "context", via)
    out["context"] = context
    said, at = _said(sents, sent)
    out["earlier"] = said.str.contains(EARLIER, regex=True).to_numpy(dtype=bool)[at]
    # "... were underway": a level, for the amounts before it that have no time of their own
    cue = said.str.extract(rf"^(.*)(?:{LEVEL_AFTER})")[0].str.len().to_numpy(float)
    later = doc + sents["start"].to_numpy(dtype=np.int64)[sent] + cue[at] > start
    out["level"] = out["level"].to_numpy(dtype=bool) | (later & (own < 0))
    return out


_WHOLE_YEAR: Final = ("ytd", "thisyear", "prev", "year", "yearend")
_CURRENT: Final = r"current|this|جاری|امسال"
"""Words that name this year ("by the end of the current year", «تا پایان سال جاری»)."""


def _take(times: pd.DataFrame, name: str, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    values = times[name].to_numpy(dtype=float)
    return np.where(rows >= 0, values[np.maximum(rows, 0)] if len(values) else np.nan, np.nan)


def place_in_time(
    found: pd.DataFrame, times: pd.DataFrame, pub_from: npt.NDArray[np.float64],
    pub_to: npt.NDArray[np.float64],
) -> pd.DataFrame:  # fmt: skip
    """Give each amount its kind and span (day numbers; NaN where unknown).

    ``times`` is resolved (see :func:`isipo_stats._extract_time.resolve`); ``pub_from``
    and ``pub_to`` are each amount's publication window. ``kind`` is "" where a flow has
    no time the text states, is dated by an event, or runs up to a named date that is not
    known to lie after publication ("by March 2015" in a later report: its start is not
    stated).
    """
    t = found["time"].to_numpy(dtype=np.int64)
    types = times["type"].to_numpy(dtype=object)
    typ = np.where(t >= 0, types[np.maximum(t, 0)] if len(types) else "", "")
    current = _current(times)
    is_current = (t >= 0) & (current[np.maximum(t, 0)] if len(current) else False)
    start, end = _take(times, "start", t), _take(times, "end", t)
    # a plan; a year-end of this year; a named date still ahead ("by March 2025")
    ahead = (typ == "by_month") & (end > pub_to)
    target = found["plan"].to_numpy(dtype=bool) | ((typ == "yearend") & is_current) | ahead
    level = ~target & found["level"].to_numpy(dtype=bool)
    w_start, w_end = _take(times, "whole_start", t), _take(times, "whole_end", t)
    year = _take(times, "jyear", t)
    earlier = found["earlier"].to_numpy(dtype=bool)
    span = np.isin(typ, ["firstn", "jmonth", "gmonth", "by_month"])
    whole = np.isin(typ, _WHOLE_YEAR)
    # targets: the span named, else the whole year named
    s = np.where(span, start, np.where(whole, w_start, np.nan))
    e = np.where(span, end, np.where(whole, w_end, np.nan))
    kind = np.where(target, "target", "")
    # levels: at the end of the span named; "now" (or nothing): at the event the text is
    # about, else on the publication day
    c = found["context"].to_numpy(dtype=np.int64)
    event = (c >= 0) & np.isin(types[np.maximum(c, 0)] if len(types) else "", list(EVENT_TYPES))
    known = np.where((pub_from == pub_to) & ~earlier, pub_from, np.nan)
    upto = np.isin(typ, ["firstn", "by_month"])  # a level at the end of the span
    at = np.where(np.isin(typ, ["prev", "year"]), w_end, np.where(upto, end, np.nan))
    free = np.isin(typ, ["now", "event", ""])
    ls = np.where(span & ~upto, start, at)
    le = np.where(span & ~upto, end, at)
    ls = np.where(free, np.where(event, _take(times, "start", c), known), ls)
    le = np.where(free, np.where(event, _take(times, "end", c), known), le)
    s, e = np.where(level, ls, s), np.where(level, le, e)
    kind = np.where(level, "level", kind)
    # flows: year to date, or a period
    flow = ~target & ~level
    ytd = flow & np.isin(typ, ["ytd", "thisyear"])
    cumulative = ytd | (flow & (typ == "firstn"))
    period = flow & (np.isin(typ, ["prev", "year", "yearend", "jmonth", "gmonth"]))
    s = np.where(ytd, w_start, np.where(cumulative, start, s))
    e = np.where(ytd, np.where(earlier, np.nan, end), np.where(cumulative, end, e))
    s = np.where(period & whole, w_start, np.where(period, start, s))
    e = np.where(period & whole, w_end, np.where(period, end, e))
    kind = np.where(cumulative, "cumulative", np.where(period, "period", kind))
    out = found.copy()
    out["kind"], out["span_start"], out["span_end"] = kind, s, e
    out["jyear"] = np.where(typ == "gmonth", np.nan, year)
    out["time_type"] = typ
    return out


def _part_lists(sents: pd.DataFrame, found: pd.DataFrame) -> npt.NDArray[np.float64]:
    """Return where the part list holding each amount starts (a key; NaN outside any list).

    A list starts at a part word ("including", "of which", «از جمله») and runs to
    :data:`LIST_END` or the end of the sentence; a sentence may hold several.
    """
    used = np.unique(found["sent"].to_numpy())
    said = sents["folded"].iloc[used].reset_index(drop=True)
    # a cheap pass with pandas' own text (pyarrow's engine where installed), then the lists
    named = np.flatnonzero(
        said.astype("str").str.contains(_ANY_PART, regex=True).to_numpy(dtype=bool)
    )
    lists = said.iloc[named].str.extractall(_LISTS)
    at = np.full(len(found), np.nan)
    pre, mark, body, stop = (lists[c].fillna("").str.len().to_numpy(dtype=np.int64)
                             for c in ("pre", "mark", "body", "stop"))  # fmt: skip
    row = used[lists.index.get_level_values(0).to_numpy(dtype=np.int64)]
    upto = pd.Series(pre + mark + body + stop).groupby(row).cumsum().to_numpy(dtype=np.int64)
    real = mark > 0
    row = row[real]
    lo = (sents["doc"].to_numpy(dtype=np.int64)[row] * _KEY
          + sents["start"].to_numpy(dtype=np.int64)[row]
          + (upto - mark - body - stop)[real])  # fmt: skip
    hi = lo + mark[real] + body[real]
    start = found["doc"].to_numpy(dtype=np.int64) * _KEY + found["start"].to_numpy(np.int64)
    idx = np.searchsorted(lo, start, side="right") - 1
    inside = (idx >= 0) & (start < hi[np.maximum(idx, 0)] if len(hi) else False)
    at[inside] = lo[idx[inside]]
    return at


def link(found: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Find each amount's total (``whole``: row number, -1 for none).

    The amounts of a list after "of which", "including", "include" (and their Persian
    equivalents; the list ends at :data:`LIST_END` or with the sentence), or from the
    first amount followed by "inside"/"outside" on, are parts of the last amount of the
    same family before that point in the text.
    """
    sent = found["sent"].to_numpy()
    doc = found["doc"].to_numpy(dtype=np.int64) * _KEY
    start = doc + found["start"].to_numpy(dtype=np.int64)
    at = _part_lists(sents, found)
    after = found["after"].astype(str).astype(object)
    inside = after.str.contains(INSIDE, regex=True).to_numpy(dtype=bool)
    outside = after.str.contains(OUTSIDE, regex=True).to_numpy(dtype=bool)
    both = (pd.Series(inside).groupby(sent).transform("any").to_numpy(dtype=bool)
            & pd.Series(outside).groupby(sent).transform("any").to_numpy(dtype=bool))  # fmt: skip
    split = both & (inside | outside)
    first_split = pd.Series(np.where(split, start, np.inf)).groupby(sent).transform("min")
    at = np.fmin(at, first_split.to_numpy(dtype=float))
    part = np.isfinite(at) & (start >= at)
    family = np.where(
        found["money"], found["unit"], np.where(found["percent"], "percent", found["count_unit"])
    ).astype(object)
    family = np.where(np.isin(family, ["units", "projects"]), "units|projects", family)
    whole = np.full(len(found), -1, dtype=np.int64)
    for name in pd.unique(family[part]):
        candidates = np.flatnonzero(~part & (family == name))
        rows = np.flatnonzero(part & (family == name))
        if not len(candidates):
            continue
        idx = np.searchsorted(start[candidates], at[rows], side="left") - 1
        found_doc = doc[candidates[np.maximum(idx, 0)]] == doc[rows]
        whole[rows] = np.where((idx >= 0) & found_doc, candidates[np.maximum(idx, 0)], -1)
    out = found.copy()
    out["whole"] = whole
    return out
