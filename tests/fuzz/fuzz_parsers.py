"""Atheris fuzz target for the text parsers, the date conversions and the CSV reader.

Not a test module (pytest does not collect this directory); run it by hand, see README.md::

    python tests/fuzz/fuzz_parsers.py -max_total_time=300 -timeout=20 tests/fuzz/corpus

Each input is split by atheris' FuzzedDataProvider into a choice of entry point and its
arguments. An input fails when a call raises anything but ``isipo_stats.IsipoError``, or when
an answer breaks one of the invariants asserted below (the same as tests/test_fuzz.py).
"""

from __future__ import annotations

import math
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]
import numpy as np
import pandas as pd

with atheris.instrument_imports():  # coverage feedback from the library only
    import isipo_stats as ist
    from isipo_stats import IsipoError
    from isipo_stats.amounts import read_numbers

CSV_DIR = Path(tempfile.mkdtemp(prefix="isipo-fuzz-"))
CSV_HEADER = "id,metric,region,kind,jyear,start,end,value,unit,qualifier,stated,published,part_of\n"
TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)


def _text(fdp: atheris.FuzzedDataProvider) -> str:
    return str(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40)))


def _number(fdp: atheris.FuzzedDataProvider) -> Any:
    kind = fdp.ConsumeIntInRange(0, 3)
    if kind == 0:
        return fdp.ConsumeIntInRange(1190, 1710)
    if kind == 1:
        return fdp.ConsumeIntInRange(-40, 40)
    if kind == 2:
        return fdp.ConsumeRegularFloat() if fdp.ConsumeBool() else fdp.ConsumeFloat()
    return fdp.ConsumeInt(9)  # up to 72 bits: beyond int64


def _parse_jalali(fdp: atheris.FuzzedDataProvider) -> None:
    text = _text(fdp)
    span = ist.parse_jalali(text)
    assert span.start <= span.end
    year = int(ist.to_jalali(span.start)["year"].iloc[0])
    assert str(year) in text.translate(TO_ASCII), (text, span)
    table = ist.parse_jalali([None, text, text])
    assert table["start"].iloc[1] == span.start
    assert table["end"].iloc[2] == span.end


def _parse_amount(fdp: atheris.FuzzedDataProvider) -> None:
    amount = ist.parse_amount(_text(fdp), unit="units" if fdp.ConsumeBool() else None)
    assert math.isfinite(amount.value), amount
    assert amount.value >= 0, amount
    assert math.isnan(amount.low) or amount.low <= amount.value, amount
    assert math.isnan(amount.high) or amount.value <= amount.high, amount


def _to_jalali(fdp: atheris.FuzzedDataProvider) -> None:
    texts = [_text(fdp) for _ in range(fdp.ConsumeIntInRange(1, 3))]
    table = ist.to_jalali(texts)
    assert len(table) == len(texts)
    for i, text in enumerate(texts):
        alone = ist.to_jalali(text)
        assert table.iloc[i].tolist() == alone.iloc[0].tolist(), texts


def _to_gregorian(fdp: atheris.FuzzedDataProvider) -> None:
    year, month, day = _number(fdp), _number(fdp), _number(fdp)
    result = ist.to_gregorian(year, month, day)
    if pd.isna(result[0]):
        return
    assert ist.to_jalali(result).iloc[0].tolist() == [int(year), int(month), int(day)]


def _format_jalali(fdp: atheris.FuzzedDataProvider) -> None:
    day = np.datetime64("1821-03-21") + np.timedelta64(fdp.ConsumeIntInRange(0, 182_620), "D")
    fmt = _text(fdp)
    text = ist.format_jalali(day, fmt, locale="fa" if fdp.ConsumeBool() else "en")
    if "%" not in fmt:
        assert text == fmt


def _read_figures(fdp: atheris.FuzzedDataProvider) -> None:
    body = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 400))
    path = CSV_DIR / "figures.csv"
    path.write_bytes(CSV_HEADER.encode() + body)
    table = ist.read_figures(path)
    rows = pd.read_csv(path, dtype=str, keep_default_na=False, index_col=False)
    assert table["id"].tolist() == rows["id"].str.strip().tolist()  # no figure dropped


def _read_numbers(fdp: atheris.FuzzedDataProvider) -> None:
    texts = [_text(fdp) for _ in range(fdp.ConsumeIntInRange(1, 4))]
    numbers, reasons = read_numbers(pd.Series(texts))
    for text, number, reason in zip(texts, numbers, reasons, strict=True):
        if reason is None:  # read: a finite number, or nothing written (NaN)
            assert not math.isinf(number), text
        else:  # refused: no number, and the reason shows the text
            assert math.isnan(number), (text, reason)
            assert repr(text) in reason, (text, reason)


TARGETS = (_parse_jalali, _parse_amount, _to_jalali, _to_gregorian, _format_jalali, _read_figures,
           _read_numbers)  # fmt: skip


def test_one_input(data: bytes) -> None:
    """Run one entry point on the fuzzer's bytes; only IsipoError may escape."""
    fdp = atheris.FuzzedDataProvider(data)
    target = TARGETS[fdp.ConsumeIntInRange(0, len(TARGETS) - 1)]
    try:
        target(fdp)
    except IsipoError as err:
        _check_error(err)


def _check_error(err: IsipoError) -> None:
    """An error says where: a position, a row or the file (wrong kinds of input need not)."""
    assert isinstance(err, (ValueError, TypeError)), err
    if isinstance(err, ist.FigureValidationError):
        assert err.problems, err
    elif not isinstance(err, ist.InputTypeError):
        assert re.search(r"position \d+|\.csv|directive", str(err)), err


def main() -> None:
    """Start the fuzzer (libFuzzer flags such as -max_total_time=300 are passed through)."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
