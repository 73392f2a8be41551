"""From report text to figure rows: :func:`extract_figures` and :func:`extract_many`.

A report sentence such as "819 idle industrial units have been revived during the first
seven months of the current Iranian calendar year" becomes a row of the figure table
(:mod:`isipo_stats.figures`): metric ``revived_units``, kind ``cumulative``, the Jalali
span 1 Farvardin to 30 Mehr of the year the report was published in, value 819 units,
with the sentence it came from (``evidence`` and its offsets) and a ``confidence``.

The rules are deterministic (regular expressions and word lists, no model, no network):

* **Amounts** are found where they are written (English and Persian digits, number
  words, scales, currencies, percent, qualifiers) and read by
  :func:`isipo_stats.amounts.read_amounts`. A count is a figure only when a counted noun
  follows it (units, jobs, people, projects, parks, workshops); dates and years are not.
* **Metric** from the lexicon :data:`METRICS` (user-extendable: pass ``lexicon=``): the
  first rule whose noun follows the amount and whose cue is in its clause.
* **Sentences** end at ``.``, ``!``, ``?``, ``؟`` before a capital, a digit or a Persian
  letter, but not after a word of :data:`isipo_stats._extract_text.ABBREVIATIONS` ("Mr.",
  "Dr.", "Eng.", "Prof.", "Jan." ... "Dec.", "No.", "approx.") or a single capital (the
  initial of "A. Rahmani", the last letter of "U.S."); "1.5" ends nothing. Days of the week,
  "etc." and "Co."/"Ltd."/"Inc." are left out of the list: reports end sentences with them.
* **Kind**: ``target`` after a plan word in the clause ("plans to revive", "goal",
  "on the agenda", «برنامه»); for the end of this year ("by/before/until the end of the
  current year", «تا/پیش از پایان سال جاری»); for a Gregorian date still ahead ("by March
  2025", which ends on the date it names: 2025-03-31, not on a Jalali year-end, and starts
  on 1 Farvardin of the year it was said in); ``level`` for shares
  and stocks ("there are", "underway", "currently"); else ``cumulative`` (from Nowruz:
  "since the beginning of the current year", "in the first seven months of this year")
  or ``period`` ("during the previous year 1400", "in Mehr 1399", "in May").
* **Time**: the expression after the amount, else the one before it, else the one of the
  sentence; "the mentioned period", "these units" take the last time stated before.
  Relative years are counted from ``published``. Gregorian dates the text gives for the
  boundaries go to ``stated_dates``, never into the span.
* **Links**: "(about $1.47 billion)" after a rial amount is a row with ``equivalent_of``;
  amounts in the list after "of which", "including" (it ends at ";", ":", "while", "but",
  «اما», or ", and" opening a clause with its own verb), or split "inside"/"outside" get
  ``part_of``.
* **Repeats**: the same metric, value and unit stated twice in a text give one row.

A flow whose time the text does not state (and cannot be inferred) gives no row: it is
listed in ``result.attrs["skipped"]`` with the reason, as are amounts the reader refuses.
So is a flow dated by an event ("over the course of late President Raisi's
administration", "since the 13th government took office", «در دولت سیزدهم»: the reason
quotes the phrase; the library keeps no dates of events and invents no span), and a flow
"by <month> YYYY" when that date is not known to lie ahead (its start is not stated).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats import _extract_rules as rules
from isipo_stats._arrays import is_missing, text_series
from isipo_stats._extract_lexicon import METRICS, MetricRule
from isipo_stats._extract_text import sentences
from isipo_stats._extract_time import find_times, resolve
from isipo_stats.amounts import read_amounts
from isipo_stats.errors import InputTypeError, IsipoError, ParseError
from isipo_stats.figures import validate_figures
from isipo_stats.text import JALALI_BELOW, parse_jalali

__all__ = ["EXTRA_COLUMNS", "METRICS", "MetricRule", "extract_figures", "extract_many"]

EXTRA_COLUMNS: Final[dict[str, str]] = {
    "evidence": "the sentence the figure was read from, as written",
    "evidence_start": "offset of the sentence's first character in the text",
    "evidence_end": "offset just past its last character",
    "confidence": "0-1: lower for a metric only named by its noun, a time taken from "
    "another sentence or not stated, a number written as a word",
    "language": "'en' or 'fa', given or detected",
    "document": "the label of the text (its index in extract_many)",
}
"""Columns an extracted table has after the figure table's own (:data:`COLUMNS`)."""

_LANGUAGES: Final = ("en", "fa")

Window = tuple[float, float]


# --- the arguments ---------------------------------------------------------------------------


def _day(value: object, side: str, position: int) -> float:
    """Read one publication date (a day, or a Jalali year/month as a window side)."""
    if isinstance(value, str):
        digits = value.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
        year = next((int(w) for w in digits.replace("-", " ").replace("/", " ").split()
                     if w.isdigit() and len(w) >= 3), None)  # fmt: skip
        if year is not None and year < JALALI_BELOW:
            try:
                span = parse_jalali(value)
            except IsipoError as err:
                raise err.located(position=position) from None
            day = span.start if side == "start" else span.end
            return float(day.value // 86_400_000_000_000)
    try:
        stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        msg = f"could not read {value!r} as a publication date"
        raise ParseError(msg, position=position) from None
    return float(stamp.normalize().value // 86_400_000_000_000)


def _window(value: object, position: int) -> Window:
    """Read one ``published`` value: a date, a Jalali year/month, or a (first, last) pair."""
    if value is None or (not isinstance(value, tuple) and is_missing(value)):
        return (np.nan, np.nan)
    if isinstance(value, tuple):
        if len(value) != 2:
            msg = f"a publication window is a pair (first, last), got {value!r}"
            raise InputTypeError(msg, position=position)
        return (_day(value[0], "start", position), _day(value[1], "end", position))
    return (_day(value, "start", position), _day(value, "end", position))


def _per_text(values: object, n: int, what: str) -> list[object]:
    """Spread a scalar over the texts, or check that there is one value per text."""
    if isinstance(values, (list, np.ndarray, pd.Series, pd.Index)):
        listed = list(values)
        if len(listed) != n:
            msg = f"{what}: expected one value per text ({n}), got {len(listed)}"
            raise InputTypeError(msg)
        return listed
    return [values] * n


_NO_LATIN: Final = dict.fromkeys([*range(ord("A"), ord("Z") + 1), *range(ord("a"), ord("z") + 1)])


def _letters(text: pd.Series, without: dict[int, None]) -> npt.NDArray[np.int64]:
    """Count the letters of a script in each text: what deleting them takes off its length."""
    length = text.str.len().to_numpy(dtype=np.int64)
    counts: npt.NDArray[np.int64] = length - text.str.translate(without).str.len().to_numpy(
        dtype=np.int64
    )
    return counts


def _documents(texts: object, published: object, source: object, language: object) -> pd.DataFrame:
    series = text_series(texts, expected="a one-dimensional array of texts", reading="text",
                         missing=False)  # fmt: skip
    n = len(series)
    pub = _per_text(published, n, "published")
    codes, distinct = pd.factorize(pd.Series([repr(v) for v in pub], dtype=object))
    firsts = [pub[int(np.flatnonzero(codes == k)[0])] for k in range(len(distinct))]
    windows = np.array(
        [_window(v, int(np.flatnonzero(codes == k)[0])) for k, v in enumerate(firsts)]
    ).reshape(-1, 2)
    languages = _per_text(language, n, "language")
    bad = [(i, v) for i, v in enumerate(languages) if v is not None and v not in _LANGUAGES]
    if bad:
        msg = f"language must be 'en', 'fa' or None, got {bad[0][1]!r}"
        raise ParseError(msg, position=bad[0][0])
    text = series.reset_index(drop=True)
    persian = text.str.count(r"[\u0600-\u06ff]").to_numpy(dtype=np.int64)
    latin = _letters(text, _NO_LATIN)
    detected = np.where(persian > latin, "fa", "en")
    given = np.array([v or "" for v in languages], dtype=object)
    return pd.DataFrame(
        {
            "text": text,
            "label": [str(label) for label in series.index],
            "pub_from": windows[codes, 0],
            "pub_to": windows[codes, 1],
            "source": [("" if is_missing(s) else str(s)) for s in _per_text(source, n, "source")],
            "language": np.where(given != "", given, detected),
        }
    )


# --- the pipeline ----------------------------------------------------------------------------


def _skipped(found: pd.DataFrame, mask: npt.NDArray[np.bool_], reason: object) -> pd.DataFrame:
    part = found.loc[mask, ["doc", "start", "end", "phrase"]].copy()
    part["reason"] = reason if isinstance(reason, str) else np.asarray(reason)[mask]
    return part


def _read(found: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read each phrase with the amount reader; return the readable rows and the refused."""
    table, reasons = read_amounts(found["phrase"].astype(str).to_numpy(dtype=object))
    refused = ~pd.isna(reasons)
    why = np.array([f"the amount reader refused it ({r or 'not an amount'})" for r in reasons],
                   dtype=object)  # fmt: skip
    out = found.copy()
    for name in ("value", "qualifier", "low", "high"):
        out[name] = table[name].to_numpy()
    out["unit"] = table["unit"].to_numpy(dtype=object)
    return out[~refused].reset_index(drop=True), _skipped(found, refused, why)


def _copy_equivalents(found: pd.DataFrame) -> pd.DataFrame:
    """Give an equivalent ("(about $1.47 billion)") its source's metric, kind and span."""
    out = found.copy()
    rows = np.flatnonzero(out["equivalent"].to_numpy(dtype=bool))
    names = ["metric", "kind", "span_start", "span_end", "jyear", "time", "via", "region",
             "time_type", "count_unit"]  # fmt: skip
    for name in names:
        values = out[name].to_numpy().copy()
        values[rows] = values[rows - 1]
        out[name] = values
    out["source_row"] = np.where(out["equivalent"], np.arange(len(out)) - 1, -1)
    return out


def _inherit(found: pd.DataFrame) -> pd.DataFrame:
    """Give a part without a time of its own its total's kind and span."""
    out = found.copy()
    whole = out["whole"].to_numpy(dtype=np.int64)
    rows = np.flatnonzero((whole >= 0) & (out["kind"].to_numpy(dtype=object) == ""))
    for name in ("kind", "span_start", "span_end", "jyear"):
        values = out[name].to_numpy().copy()
        values[rows] = values[whole[rows]]
        out[name] = values
    via = out["via"].to_numpy(dtype=object).copy()
    via[rows] = "total"
    out["via"] = via
    return out


def _confidence(found: pd.DataFrame, times: pd.DataFrame) -> npt.NDArray[np.float64]:
    via = found["via"].to_numpy(dtype=object)
    score = np.full(len(found), 0.95)
    # "by March 2020" often stands for the Jalali year-end (March 19): a named month with no
    # day is a looser date than the text's Jalali expression of the same statement
    t = found["time"].to_numpy(dtype=np.int64)
    day = times["gday"].to_numpy(dtype=float) if len(times) else np.zeros(1)
    loose = (found["time_type"].to_numpy(dtype=object) == "by_month") & np.isnan(
        day[np.maximum(t, 0)]
    )
    score -= np.where(loose, 0.1, 0)
    score -= np.where(found["fallback"].to_numpy(dtype=bool), 0.25, 0)
    score -= np.select([via == "context", via == "sentence", via == "total", via == ""],
                       [0.15, 0.1, 0.1, 0.15], 0)  # fmt: skip
    word = (
        found["phrase"]
        .astype(str)
        .astype(object)
        .str.contains(r"[a-z]{3,}\s*$|^\s*[a-z]+$", regex=True)
    )
    score -= np.where(word.to_numpy(dtype=bool) & ~found["money"].to_numpy(dtype=bool), 0.05, 0)
    return np.clip(np.round(score, 2), 0.05, 1.0)


def _dedupe(found: pd.DataFrame) -> pd.DataFrame:
    """One row per (text, metric, value, unit, part or not): the most confident statement."""
    key = pd.DataFrame({
        "doc": found["doc"], "metric": found["metric"], "value": found["value"],
        "unit": found["unit"], "part": found["whole"] >= 0,
    })  # fmt: skip
    group = key.groupby(list(key.columns), sort=False, dropna=False).ngroup().to_numpy()
    order = np.lexsort((np.arange(len(found)), -found["confidence"].to_numpy()))
    groups, first = np.unique(group[order], return_index=True)
    best = np.empty(groups.size, dtype=np.int64)
    best[groups] = order[first]
    target = best[group]
    out = found.copy()
    for name in ("whole", "source_row"):
        ref = out[name].to_numpy(dtype=np.int64)
        out[name] = np.where(ref >= 0, target[np.maximum(ref, 0)], -1)
    keep = target == np.arange(len(found))
    kept: pd.DataFrame = out.iloc[np.flatnonzero(keep)]
    return kept


def _stated_dates(found: pd.DataFrame, times: pd.DataFrame) -> npt.NDArray[np.object_]:
    """Return the Gregorian dates the text gives for the chosen time's boundaries."""
    t = found["time"].to_numpy(dtype=np.int64)
    if not len(times):
        return np.full(len(found), "", dtype=object)
    rows = np.maximum(t, 0)

    def column(name: str) -> pd.Series:
        values = times[name].to_numpy(dtype=object)[rows]
        return (
            pd.Series(np.where(t >= 0, values, None), dtype=object)
            .fillna("")
            .astype(str)
            .astype(object)
        )

    d1, d2, word = column("d1"), column("d2"), column("word")
    typ = column("type")
    ends = word.str.match(r"end") | (typ.isin(["prev", "yearend", "year", "by_month"])
                                     & ~word.str.match(r"beg|start"))  # fmt: skip
    first_is_end = ends & (d2 == "")
    start_day = _take_days(times, "start", "whole_start", rows, t)
    end_day = _take_days(times, "end", "whole_end", rows, t)
    start = _gregorian(d1, start_day)
    end = np.where(d2 != "", _gregorian(d2, end_day), _gregorian(d1, end_day))
    start = np.where(first_is_end, "", start)
    end = np.where(first_is_end | (d2 != ""), end, "")
    text = np.where(start != "", "start=" + start.astype(object), "")
    both = (start != "") & (end != "")
    text = text + np.where(both, "; ", "") + np.where(end != "", "end=" + end.astype(object), "")
    return text.astype(object)


def _take_days(
    times: pd.DataFrame, name: str, fallback: str, rows: npt.NDArray[np.int64],
    t: npt.NDArray[np.int64],
) -> npt.NDArray[np.float64]:  # fmt: skip
    values = times[name].to_numpy(dtype=float)[rows]
    values = np.where(np.isfinite(values), values, times[fallback].to_numpy(dtype=float)[rows])
    return np.where(t >= 0, values, np.nan)


def _gregorian(texts: pd.Series, near: npt.NDArray[np.float64]) -> npt.NDArray[np.object_]:
    """Read "march 21, 2022" (or "march 20", the year of ``near``) as ``YYYY-MM-DD``."""
    plain = texts.str.replace(r"(?<=\d)(?:st|nd|rd|th)\b|,", "", regex=True).str.strip()
    has_year = plain.str.contains(r"\d{4}$", regex=True)
    year = np.where(np.isfinite(near), near, 0).astype(np.int64).astype("datetime64[D]")
    year_text = pd.Series(year.astype("datetime64[Y]").astype(str).astype(object), dtype=object)
    full = plain.where(has_year, plain + " " + year_text)
    dates = pd.to_datetime(full.where(plain != ""), format="%B %d %Y", errors="coerce")
    return np.asarray(dates.dt.strftime("%Y-%m-%d").fillna(""), dtype=object)


def _dates(days: object) -> npt.NDArray[np.datetime64]:
    values = np.asarray(days, dtype=float)
    known = np.isfinite(values)
    out = np.where(known, values, 0).astype(np.int64).astype("datetime64[D]")
    return np.where(known, out, np.datetime64("NaT")).astype("datetime64[us]")


def _note(found: pd.DataFrame, times: pd.DataFrame) -> npt.NDArray[np.object_]:
    t = found["time"].to_numpy(dtype=np.int64)
    expr = times["expr"].to_numpy(dtype=object) if len(times) else np.array([""], dtype=object)
    said = np.where(t >= 0, expr[np.maximum(t, 0)] if len(expr) else "", "")
    via = found["via"].to_numpy(dtype=object)
    words = {"own": "time: ", "sentence": "time (from its sentence): ",
             "context": "time (stated earlier): ", "total": "time of its total"}  # fmt: skip
    lead = pd.Series(via, dtype=object).map(words).fillna("time not stated").to_numpy()
    quoted = np.where((said != "") & (via != "total"), "'" + said.astype(object) + "'", "")
    notes: npt.NDArray[np.object_] = (lead + quoted).astype(object)
    return notes


def _why_no_time(found: pd.DataFrame, times: pd.DataFrame) -> npt.NDArray[np.object_]:
    """Say why a flow has no span, quoting the expression it was dated by, if any."""
    typ = found["time_type"].to_numpy(dtype=object)
    why = np.full(len(found), "a flow whose time the text does not state", dtype=object)
    rows = np.flatnonzero((typ == "event") | (typ == "by_month"))
    said = "'" + times["expr"].to_numpy(dtype=object)[found["time"].to_numpy()[rows]] + "'"
    why[rows] = np.where(
        typ[rows] == "event",
        "a flow dated by an event (" + said + "), whose span the text does not state",
        "a flow up to a named date (" + said + "), whose start the text does not state",
    )
    return why


def _rows(
    docs: pd.DataFrame, lexicon: Sequence[MetricRule]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Run the rules: the figure rows (internal columns), the times, and the skipped."""
    sents = sentences(docs["text"])
    found, refused = _read(rules.amounts(sents))
    found = rules.classify(found, lexicon)
    times = find_times(sents)
    doc = times["doc"].to_numpy(dtype=np.int64)
    times = resolve(times, docs["pub_from"].to_numpy()[doc], docs["pub_to"].to_numpy()[doc])
    found = rules.choose_times(found, sents, times)
    doc = found["doc"].to_numpy(dtype=np.int64)
    pub_from, pub_to = docs["pub_from"].to_numpy()[doc], docs["pub_to"].to_numpy()[doc]
    found = rules.place_in_time(found, times, pub_from, pub_to)
    found = _copy_equivalents(found)
    found = _inherit(rules.link(found, sents))
    no_metric = found["metric"].to_numpy(dtype=object) == ""
    kind = found["kind"].to_numpy(dtype=object)
    no_time = ~no_metric & (kind == "")
    # a relative time ("this year") with no publication date to count from: no Jalali year
    # and no end (or, for a period, no start) to place the figure in
    jyear, first, last = (
        found[c].to_numpy(dtype=float) for c in ("jyear", "span_start", "span_end")
    )
    undated_doc = np.isnan(
        docs["pub_from"].to_numpy(dtype=float)[found["doc"].to_numpy(dtype=np.int64)]
    )
    unplaced = ~no_metric & ~no_time & np.isnan(jyear) & undated_doc
    unplaced &= np.isnan(last) | ((kind == "period") & np.isnan(first))
    skipped = pd.concat(
        [
            refused,
            _skipped(found, no_metric, "no metric of the lexicon fits"),
            _skipped(found, no_time, _why_no_time(found, times)),
            _skipped(found, unplaced, "a relative time with no publication date (give published=)"),
        ],
        ignore_index=True,
    )
    gone = no_metric | no_time | unplaced
    renumbered = np.cumsum(~gone) - 1
    for name in ("whole", "source_row"):  # links to a skipped row are dropped with it
        ref = found[name].to_numpy(dtype=np.int64)
        ok = (ref >= 0) & ~gone[np.maximum(ref, 0)]
        found[name] = np.where(ok, renumbered[np.maximum(ref, 0)], -1)
    found["confidence"] = _confidence(found, times)
    found["stated_dates"] = _stated_dates(found, times)
    found["note"] = _note(found, times)
    found["evidence"] = sents["text"].to_numpy(dtype=object)[found["sent"].to_numpy()]
    found["evidence_start"] = sents["start"].to_numpy()[found["sent"].to_numpy()]
    found["evidence_end"] = sents["end"].to_numpy()[found["sent"].to_numpy()]
    found = found.iloc[np.flatnonzero(~gone)]
    return found, times, skipped.sort_values(["doc", "start"], kind="stable")


def _renumber(found: pd.DataFrame, docs: pd.DataFrame, prefix: str) -> npt.NDArray[np.object_]:
    labels = docs["label"].to_numpy(dtype=object)[found["doc"].to_numpy(dtype=np.int64)]
    number = found.groupby("doc").cumcount().to_numpy() + 1
    lead = np.full(len(found), prefix, dtype=object) if prefix else labels + "-"
    return np.array([f"{a}{n:02d}" for a, n in zip(lead, number, strict=True)], dtype=object)


def _table(found: pd.DataFrame, docs: pd.DataFrame, prefix: str) -> pd.DataFrame:
    """Assemble the figure table from the internal rows (already deduplicated)."""
    found = found.reset_index(drop=True)
    position = pd.Series(np.arange(len(found)), index=found["row"].to_numpy())
    ids = _renumber(found, docs, prefix)

    def ref(name: str) -> npt.NDArray[np.object_]:
        rows = found[name].to_numpy(dtype=np.int64)
        at = position.reindex(rows).to_numpy(dtype=float)
        ok = (rows >= 0) & ~np.isnan(at)
        out = np.full(len(rows), None, dtype=object)
        out[ok] = ids[at[ok].astype(np.int64)]
        return out

    doc = found["doc"].to_numpy(dtype=np.int64)
    pub_from, pub_to = docs["pub_from"].to_numpy()[doc], docs["pub_to"].to_numpy()[doc]
    count = found["count_unit"].to_numpy(dtype=object) != ""
    table = pd.DataFrame(
        {
            "id": ids,
            "metric": found["metric"].to_numpy(dtype=object),
            "region": found["region"].to_numpy(dtype=object),
            "kind": found["kind"].to_numpy(dtype=object),
            "jyear": pd.array(found["jyear"].to_numpy(dtype=float), dtype="Float64").astype(
                "Int64"
            ),
            "start": _dates(found["span_start"]),
            "end": _dates(found["span_end"]),
            "value": found["value"].to_numpy(dtype=float),
            "unit": np.where(count, found["count_unit"], found["unit"]).astype(object),
            "qualifier": found["qualifier"].to_numpy(dtype=object),
            "low": found["low"].to_numpy(dtype=float),
            "high": found["high"].to_numpy(dtype=float),
            "stated": found["phrase"].to_numpy(dtype=object),
            "published": _dates(np.where(pub_from == pub_to, pub_from, np.nan)),
            "published_from": _dates(pub_from),
            "published_to": _dates(pub_to),
            "source": docs["source"].to_numpy(dtype=object)[doc],
            "stated_dates": found["stated_dates"].to_numpy(dtype=object),
            "part_of": ref("whole"),
            "equivalent_of": ref("source_row"),
            "note": found["note"].to_numpy(dtype=object),
            "evidence": found["evidence"].to_numpy(dtype=object),
            "evidence_start": found["evidence_start"].to_numpy(dtype=np.int64),
            "evidence_end": found["evidence_end"].to_numpy(dtype=np.int64),
            "confidence": found["confidence"].to_numpy(dtype=float),
            "language": docs["language"].to_numpy(dtype=object)[doc],
            "document": docs["label"].to_numpy(dtype=object)[doc],
        }
    )
    return validate_figures(table)


def _extract(
    texts: object, published: object, source: object, language: object,
    lexicon: Sequence[MetricRule], prefix: str,
) -> pd.DataFrame:  # fmt: skip
    if not all(isinstance(rule, MetricRule) for rule in lexicon):
        msg = "lexicon: expected a sequence of MetricRule"
        raise InputTypeError(msg)
    docs = _documents(texts, published, source, language)
    found, _, skipped = _rows(docs, lexicon)
    found["row"] = np.arange(len(found))
    found = found.reset_index(drop=True)
    found["row"] = np.arange(len(found))
    kept = _dedupe(found)
    table = _table(kept, docs, prefix)
    skipped = skipped.assign(document=docs["label"].to_numpy(dtype=object)[
        skipped["doc"].to_numpy(dtype=np.int64)]).drop(columns="doc")  # fmt: skip
    table.attrs["skipped"] = skipped.reset_index(drop=True)
    return table


def extract_many(
    texts: object,
    published: object = None,
    source: object = None,
    language: object = None,
    *,
    lexicon: Sequence[MetricRule] = METRICS,
) -> pd.DataFrame:
    """Read the figures of many report texts into one figure table.

    Parameters
    ----------
    texts : array-like of str
        The texts (a Series keeps its index: the ``document`` column and the ids use it).
    published : date, str, tuple or array-like of them, optional
        Each text's publication date: a Gregorian date (``"2020-10-21"``, a Timestamp), a
        Jalali date (``"1399-07-30"``), a Jalali month or year when only that is known
        (``"1399-08"``, ``"1399"``: a window), or a ``(first, last)`` window. One value for
        all texts, or a list/array/Series with one per text. Relative times ("this year",
        "last year") are counted from it; unknown, they give no year.
    source : str or array-like of str, optional
        Written to the ``source`` column.
    language : {"en", "fa"} or array-like, optional
        Detected from the script when not given (it is reported, the rules read both).
    lexicon : sequence of MetricRule, default :data:`METRICS`
        The metric rules, tried in order.

    Returns
    -------
    pandas.DataFrame
        A valid figure table (:func:`isipo_stats.validate_figures`) with the columns of
        :data:`isipo_stats.figures.COLUMNS` and then :data:`EXTRA_COLUMNS`; ids are
        ``"<label>-<n>"``. ``attrs["skipped"]`` lists amounts found but not made rows
        (``document``, ``start``, ``end``, ``phrase``, ``reason``).

    Raises
    ------
    InputTypeError
        ``texts`` is not text, or a per-text argument has the wrong length.
    ParseError
        A publication date or language that cannot be read (with its position).

    Examples
    --------
    >>> rows = extract_many(
    ...     pd.Series(["Some 1,160 new units have been established since the beginning "
    ...                "of the current Iranian year.",
    ...                "در سال گذشته ۲۰۶۷ واحد راکد احیا شد."], index=["a", "b"]),
    ...     published=["2020-09-01", "1401-12-03"])
    >>> rows[["id", "metric", "kind", "start", "end", "value", "qualifier"]]
         id        metric        kind      start        end   value qualifier
    0  a-01     new_units  cumulative 2020-03-20 2020-09-01  1160.0    approx
    1  b-01  revived_units      period 2021-03-21 2022-03-20  2067.0     exact
    """
    return _extract(texts, published, source, language, lexicon, "")


def extract_figures(
    text: str,
    published: object = None,
    source: str | None = None,
    language: str | None = None,
    *,
    lexicon: Sequence[MetricRule] = METRICS,
) -> pd.DataFrame:
    """Read the figures a report text states into figure rows, one per statistic.

    See :func:`extract_many` for the arguments and the result (ids here are ``"f01"``,
    ``"f02"``, ...) and the module documentation for the rules.

    Examples
    --------
    >>> text = ("ISIPO plans to revive 2,000 idle units by the end of the current Iranian "
    ...         "year (March 19, 2021). 819 idle units have been revived during the first "
    ...         "seven months of the current year, creating jobs for 14,458 persons.")
    >>> rows = extract_figures(text, published="1399-08-05")
    >>> rows[["id", "metric", "kind", "end", "value", "unit", "stated_dates"]]
        id         metric        kind        end    value   unit        stated_dates
    0  f01  revived_units      target 2021-03-20   2000.0  units      end=2021-03-19
    1  f02  revived_units  cumulative 2020-10-21    819.0  units
    2  f03   jobs_created  cumulative 2020-10-21  14458.0   jobs
    """
    if not isinstance(text, str):
        msg = f"expected the text of a report (str), got {type(text).__name__}"
        raise InputTypeError(msg)
    return _extract([text], published, source, language, lexicon, "f")
