"""Message text: one template per check, rendered for all its findings at once.

A template is a :meth:`str.format` string whose fields name arrays (one value per finding)
and whose format specs say how to write them: ``n`` a number written short (819, 18.7,
39,000), ``d`` a day number written as a Gregorian date (``unknown`` when missing), ``i`` a
whole number; no spec, the text as it is.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from typing import Any, Final

import numpy as np
import numpy.typing as npt

__all__ = ["Template", "amounts", "days", "join_groups", "numbers"]

Texts = npt.NDArray[np.object_]


_SCALES: Final = ((1e15, " quadrillion"), (1e12, " trillion"), (1e9, " billion"))


def numbers(values: npt.ArrayLike) -> Texts:
    """Numbers as short text: 819, 18.7, 39,000, 60,000,000, 1.88 trillion.

    From a billion up, a number is written with its scale word and up to six significant
    digits, so that a total in rials reads "294.8 trillion", not fifteen digits; below, with
    thousands separators (at most four significant digits below 1,000).

    Examples
    --------
    >>> numbers([819.0, 18.7, 39000.0, 60e6, 1.88e12, 2.5e9, -1.5e15]).tolist()
    ['819', '18.7', '39,000', '60,000,000', '1.88 trillion', '2.5 billion', '-1.5 quadrillion']
    """
    array = np.asarray(values, dtype=np.float64)

    # Python's format is the one per-item step: it runs once per finding, never per figure
    def one(v: float) -> str:
        for scale, word in _SCALES:
            if abs(v) >= scale:
                return f"{v / scale:,.6g}{word}"
        return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.0f}"

    text = [one(v) for v in array.tolist()]
    return np.array(text, dtype=object).reshape(array.shape)


_WORDS: Final = {"approx": "about ", "lower": "over ", "upper": "up to "}


def amounts(qualifier: npt.ArrayLike, value: npt.ArrayLike, low: npt.ArrayLike,
            high: npt.ArrayLike) -> Texts:  # fmt: skip
    """Amounts as the reports state them: ``over 5,291``, ``about 300``, ``22 to 24``, ``819``.

    The numbers are written by :func:`numbers`; the qualifier in words.

    Examples
    --------
    >>> amounts(["lower", "approx", "range", "exact"], [5291.0, 300.0, 23.0, 819.0],
    ...         [5291.0, np.nan, 22.0, 819.0], [np.nan, np.nan, 24.0, 819.0]).tolist()
    ['over 5,291', 'about 300', '22 to 24', '819']
    """
    words = np.asarray(qualifier, dtype=object)
    prefix = np.full(words.shape, "", dtype=object)
    for word, text in _WORDS.items():  # a fixed set of qualifiers
        prefix[words == word] = text
    plain = prefix + numbers(value)
    spans = numbers(low) + " to " + numbers(high)
    written: Texts = np.where(words == "range", spans, plain).astype(object)
    return written


def days(values: npt.ArrayLike) -> Texts:
    """Day numbers (NaN when missing) as ``YYYY-MM-DD``, ``unknown`` when missing.

    Examples
    --------
    >>> days([18706.0, np.nan]).tolist()
    ['2021-03-20', 'unknown']
    """
    array = np.asarray(values, dtype=np.float64)
    text = array.astype("datetime64[D]").astype(str).astype(object)
    text[np.isnan(array)] = "unknown"
    return text


def _whole(values: npt.ArrayLike) -> Texts:
    array = np.asarray(values, dtype=np.float64)
    text = np.where(np.isnan(array), 0, array).astype(np.int64).astype(str).astype(object)
    text[np.isnan(array)] = "<NA>"
    return text


def _plain(values: npt.ArrayLike) -> Texts:
    array = np.asarray(values)
    if array.dtype == object:
        return array
    return array.astype(str).astype(object)


_SPECS: Final[dict[str, Callable[[Any], Texts]]] = {
    "": _plain,
    "n": numbers,
    "d": days,
    "i": _whole,
}


class Template:
    """A message template, parsed once; :meth:`render` writes it for many findings.

    Examples
    --------
    >>> template = Template("{id}: negative value {value:n}")
    >>> template.fields
    ('id', 'value')
    >>> template.render({"id": np.array(["a", "b"], dtype=object),
    ...                  "value": np.array([-3.0, -1500.0])}, 2).tolist()
    ['a: negative value -3', 'b: negative value -1,500']
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.parts: list[tuple[str, str | None, str]] = []
        for literal, field, spec, conversion in string.Formatter().parse(text):
            if conversion is not None or (field is not None and spec not in _SPECS):
                msg = f"template field {field!r}: unknown format {spec!r} in {text!r}"
                raise ValueError(msg)
            if field == "":
                msg = f"template {text!r}: every field needs a name"
                raise ValueError(msg)
            self.parts.append((literal, field, spec or ""))
        self.fields = tuple(field for _, field, _ in self.parts if field is not None)

    def render(self, values: Mapping[str, npt.ArrayLike], count: int) -> Texts:
        """Return the message of each of ``count`` findings from the fields' arrays."""
        out: Texts = np.full(count, "", dtype=object)
        for literal, field, spec in self.parts:
            if literal:
                out = out + literal
            if field is not None:
                out = out + _SPECS[spec](values[field])
        return out


def join_groups(texts: Texts, group: npt.NDArray[np.int64], sep: str = ", ") -> Texts:
    """Join the texts of each group (``group`` sorted, 0..k-1, each present) with ``sep``.

    Examples
    --------
    >>> join_groups(np.array(["a", "b", "c"], dtype=object), np.array([0, 0, 1])).tolist()
    ['a, b', 'c']
    """
    if texts.size == 0:
        return np.array([], dtype=object)
    first = np.r_[True, group[1:] != group[:-1]]
    tokens = np.where(first, texts, sep + texts)
    joined: Texts = np.add.reduceat(tokens, np.flatnonzero(first))
    return joined
