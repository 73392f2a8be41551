"""The extraction test set (tests/data/extract): every text gives exactly its rows."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from isipo_stats.extract import extract_figures

CASES = sorted((Path(__file__).parent / "data" / "extract").glob("*.json"))


def _params() -> list[object]:
    return [pytest.param(path, id=path.stem) for path in CASES]


@pytest.mark.parametrize("path", _params())
def test_case(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    got = extract_figures(case["text"], published=case["published"])
    expected = pd.DataFrame(case["rows"])
    key = ["value", "unit", "kind", "start", "end", "low", "high"]
    shown = got.assign(
        start=got["start"].dt.strftime("%Y-%m-%d"), end=got["end"].dt.strftime("%Y-%m-%d")
    )
    assert sorted(map(_plain, shown[key].to_numpy().tolist())) == sorted(
        map(_plain, expected.reindex(columns=key).to_numpy().tolist())
    )
    if "part_of" in expected:  # the value of each row's total, where the case gives them
        totals = got.set_index("id")["value"]
        linked = got["part_of"].map(totals)
        assert sorted(map(_plain, zip(got["value"], linked, strict=True))) == sorted(
            map(_plain, zip(expected["value"], expected["part_of"], strict=True))
        )


def _plain(row: Iterable[object]) -> tuple[object, ...]:
    """A row with every missing value as None and numbers as floats (for comparison)."""
    return tuple(
        None if v is None or (isinstance(v, float) and np.isnan(v)) else
        float(v) if isinstance(v, (int, float)) else str(v)
        for v in row
    )  # fmt: skip


def test_the_set_is_large_and_bilingual() -> None:
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in CASES]
    persian = np.array([any("\u0600" <= ch <= "\u06ff" for ch in t) for t in texts])
    assert len(texts) >= 15
    assert 0 < persian.sum() < len(texts)
