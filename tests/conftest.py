from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def oracle() -> pd.DataFrame:
    return pd.read_csv(DATA / "nowruz_oracle.csv", parse_dates=["nowruz"])


@pytest.fixture(scope="session")
def official_leap() -> pd.DataFrame:
    return pd.read_csv(DATA / "official_leap_years.csv")


@pytest.fixture(scope="session")
def hand_checked() -> pd.DataFrame:
    return pd.read_csv(DATA / "hand_checked_dates.csv")
