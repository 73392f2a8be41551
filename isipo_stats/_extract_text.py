"""Sentences and amount phrases of report text, with their character offsets.

Both are found with pandas' vectorized ``str.extractall`` over all texts (or all sentences)
at once. A pattern that matches the text piece by piece (what comes before a match, then
the match) gives every match's offset as a running sum of piece lengths, and the pieces
are the text as written (no slicing row by row).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from isipo_stats._extract_lexicon import (
    AMOUNT,
    AMOUNT_OPENINGS,
    COUNTED,
    NUMBER_WORDS,
    as_objects,
    fold,
)
from isipo_stats.text import MONTH_NAMES

__all__ = ["ABBREVIATIONS", "NOUN_AFTER", "amount_pieces", "cut_out", "noun_after", "sentences"]

ABBREVIATIONS: Final = (
    "Mr", "Mrs", "Ms", "Dr", "Eng", "Prof", "Gen", "Gov", "Sen", "Rep", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "Approx",
    "approx", "vs",
)  # fmt: skip
"""Words whose period ends no sentence (titles, months, "No.", "approx.", "vs.").

Left out on purpose, because reports often end a sentence with them: the days of the week
("... said on Sat."), "etc.", and company suffixes ("Co.", "Ltd.", "Inc.").
"""


def _not_after(words: tuple[str, ...]) -> str:
    r"""Return look-behinds refusing a period right after one of ``words``.

    ``re`` needs each look-behind of one width: the words are grouped by length.

    Examples
    --------
    >>> _not_after(("Mr", "Dr", "Eng"))
    '(?<!\\b(?:Mr|Dr)\\.)(?<!\\bEng\\.)'
    """
    lengths = sorted({len(w) for w in words})
    groups = ["|".join(w for w in words if len(w) == n) for n in lengths]
    return "".join(rf"(?<!\b{g}\.)" if "|" not in g else rf"(?<!\b(?:{g})\.)" for g in groups)


# a sentence ends at . ! ? ؟ (and closing quotes) before a capital, a digit, a quote or a
# Persian letter; at a line break; or at the end of the text. A period does not end it after
# a word of ABBREVIATIONS or a single Latin letter (an initial, "A. Rahmani", or the last
# letter of "U.S.", "e.g.", "i.e."); a period inside a number ("1.5") is followed by no
# space and ends nothing.
# the look-behinds run only where the character class matched (they pass after ! ? ؟)
_END: Final = rf"[.!?؟]{_not_after(ABBREVIATIONS)}(?<!\b[A-Za-z]\.)"
_SENTENCE: Final = (
    rf"(?P<lead>\s*)(?P<body>[^\n]*?(?:{_END}[\"')\]”’]*"
    r"(?=\s+[\"'(\[“‘]?[A-Z0-9\u0600-\u06ff])|(?=\n)|(?=\s*\Z)))"
)

_GMONTH: Final = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_MONTH: Final = _GMONTH + "|" + "|".join(m.lower() for m in MONTH_NAMES["en"])
_MONTH_FA: Final = "|".join(MONTH_NAMES["fa"])
_DATES: Final = (
    r"\b\d{4}[-/]\d{1,2}[-/]\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|"
    rf"\b(?:{_MONTH}) \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?\b|"
    rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTH})(?:,? \d{{4}})?\b|"
    rf"\b(?:{_MONTH})(?: month)?,? \d{{4}}\b|"
    rf"\b\d{{1,2}} (?:{_MONTH_FA})(?: ?ماه)?(?: \d{{4}})?|"
    rf"(?:{_MONTH_FA})(?: ?ماه)?(?: سال)? \d{{4}}|(?<=year )1[34]\d\d\b|"
    r"(?<=سال )[1۱][3۳۴4]\d\d(?!\d)"
)
"""Dates and years: matched before amounts, so that their digits are no amounts."""


def opening(words: Iterable[str]) -> str:
    """Return a pattern for the first two characters of any of ``words``.

    Grouped by the first character, it costs ``re`` one test where no word starts: a
    cheap guard before a long alternation of the words.

    Examples
    --------
    >>> opening(["over", "one", "about", "a"])
    'a|o[nv]'
    >>> opening(["over", "one", "about"])
    'a[b]|o[nv]'
    """
    seconds: dict[str, set[str]] = {}
    for word in words:
        seconds.setdefault(word[0], set()).add(word[1:2])
    parts = [
        re.escape(first)
        if "" in rest
        else re.escape(first) + f"[{re.escape(''.join(sorted(rest)))}]"
        for first, rest in sorted(seconds.items())
    ]
    return "|".join(parts)


# dates and amounts start a word (or with "$"), with a digit or one of a few words: other
# places fail before the alternation. Matched on the folded sentences (no "(?i)": ``re``
# is slow with case-blind literals; folding keeps every offset).
_STARTS: Final = opening((*AMOUNT_OPENINGS, *_MONTH.split("|"), *_MONTH_FA.split("|")))
# a Persian number in words comes with a scale word (see _extract_lexicon._FA_NUMBER)
_ANY_NUMBER: Final = r"\d|هزار|میلیون|میلیارد|همت|" + "|".join(NUMBER_WORDS)
_PIECE: Final = (
    rf"(?P<pre>.*?)(?:(?<![\w$])(?=[\w$])(?=\d|\$|{_STARTS})(?:(?P<date>{_DATES})|{AMOUNT})|$)"
)

# words between a number and its noun: adjectives, not verbs or prepositions
_STOP: Final = (
    r"(?:of|in|to|is|are|was|were|has|have|had|by|for|from|the|that|which|with|on|at|"
    r"از|در|به|که|با|را|تا)"
)
_GAP: Final = rf"^\s*(?:(?!{_STOP}\b)[\w-]+\s+){{0,5}}?"


def noun_after(noun: str) -> str:
    """Return a pattern for text starting with ``noun`` after at most five adjectives."""
    return rf"{_GAP}(?:{noun})\b"


NOUN_AFTER: Final = noun_after(COUNTED)
"""An amount counts something when one of the counted nouns follows it closely."""


def sentences(texts: pd.Series) -> pd.DataFrame:
    """Split texts (a RangeIndex of documents) into sentences.

    Returns columns ``doc``, ``start``, ``end`` (offsets in the text, end exclusive),
    ``text`` (as written) and ``folded`` (see :func:`fold`).
    """
    found = texts.str.extractall(_SENTENCE)
    columns = ("doc", "start", "end", "text", "folded")
    if found.empty:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in columns})
    lead, body = (found[c].str.len().fillna(0).astype(np.int64) for c in ("lead", "body"))
    end = (lead + body).groupby(level=0).cumsum()
    keep = (body > 0).to_numpy()
    written = found["body"][keep].reset_index(drop=True)
    return as_objects(
        pd.DataFrame(
            {
                "doc": found.index.get_level_values(0).to_numpy()[keep],
                "start": (end - body).to_numpy(dtype=np.int64)[keep],
                "end": end.to_numpy(dtype=np.int64)[keep],
                "text": written,
                "folded": fold(written),
            }
        )
    )


def cut_out(
    texts: pd.Series, rows: npt.NDArray[np.int64], starts: npt.NDArray[np.int64],
    lengths: npt.NDArray[np.int64],
) -> npt.NDArray[np.object_]:  # fmt: skip
    """Return ``texts[rows][starts:starts + lengths]`` for each triple, as written.

    The texts are laid end to end as one array of code points; the pieces are gathered from
    it into one fixed-width array (of the longest piece), which numpy reads as strings.

    Examples
    --------
    >>> cut_out(pd.Series(["Over 2,300 units", "۴۲۰ واحد"]), np.array([0, 1, 0]),
    ...         np.array([5, 0, 0]), np.array([5, 3, 0])).tolist()
    ['2,300', '۴۲۰', '']
    """
    if not len(rows):
        return np.array([], dtype=object)
    written = texts.to_numpy(dtype=object)
    points = np.frombuffer("".join(written).encode("utf-32-le"), dtype=np.uint32)
    first = np.concatenate(([0], np.cumsum(texts.str.len().to_numpy(dtype=np.int64))))
    width = max(int(lengths.max()), 1)
    step = np.arange(width)
    at = (first[rows] + starts)[:, None] + step
    inside = step < lengths[:, None]
    grid = np.where(inside, points[np.where(inside, at, 0)], 0).astype(np.uint32)
    pieces: npt.NDArray[np.object_] = grid.view(f"<U{width}").ravel().astype(object)
    return pieces


def amount_pieces(sents: pd.DataFrame) -> pd.DataFrame:
    """Cut sentences into pieces: the text before an amount (or a date), and the amount.

    Returns one row per piece with ``sent`` (row of ``sents``), ``pre`` (folded text
    before), ``phrase`` (the amount as written; "" for a date or the sentence's tail),
    ``cut`` (the date or amount as written), ``dollar``/``currency``/``percent`` (whether
    the amount has them) and ``start``/``end`` (the phrase's offsets in the document).
    """
    folded = sents["folded"]  # folded once for the sentences: the pieces need no folding
    # a sentence with no digit and no number word has no amount and no date: not searched
    maybe = folded.str.contains(_ANY_NUMBER, regex=True).to_numpy(dtype=bool)
    found = folded.iloc[np.flatnonzero(maybe)].str.extractall(_PIECE)
    found = found.reset_index(level=1, drop=True)
    sent = found.index.to_numpy(dtype=np.int64)
    cut = found["amount"].fillna("").where(found["date"].isna(), found["date"])
    pre_len = found["pre"].str.len().fillna(0).astype(np.int64)
    cut_len = cut.str.len().fillna(0).astype(np.int64)
    offset = (pre_len + cut_len).groupby(level=0).cumsum() - cut_len
    start = sents["start"].to_numpy(dtype=np.int64)[sent] + offset.to_numpy(dtype=np.int64)
    is_amount = found["amount"].notna().to_numpy()
    at = np.asarray(offset.to_numpy(dtype=np.int64)[is_amount], dtype=np.int64)
    length = np.asarray(cut_len.to_numpy(dtype=np.int64)[is_amount], dtype=np.int64)
    phrase = np.full(len(found), "", dtype=object)
    phrase[is_amount] = cut_out(sents["text"], sent[is_amount], at, length)
    return as_objects(
        pd.DataFrame(
            {
                "sent": sent,
                "pre": found["pre"].fillna("").to_numpy(dtype=object),
                "cut": cut.to_numpy(dtype=object),
                "phrase": phrase,
                "start": start,
                "end": start + cut_len.to_numpy(dtype=np.int64),
                "dollar": found["dollar"].notna().to_numpy(),
                "currency": found["currency"].notna().to_numpy(),
                "percent": found["percent"].notna().to_numpy(),
            }
        )
    )
