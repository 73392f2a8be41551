from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

# "ci" keeps the suite quick; "long" is the fuzzing profile, run by hand:
#   HYPOTHESIS_PROFILE=long python -m pytest -q tests
settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# the oldest-dependency step of .ci/run: it checks that the code runs on old numpy and
# pandas, not how deep hypothesis searches (the "ci" run on current versions does that)
settings.register_profile(
    "quick",
    max_examples=10,
    deadline=None,
    derandomize=True,  # the same examples on every run: this step never fails by chance
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

DATA = Path(__file__).parent / "data"

# tests/fuzz holds an atheris fuzz target, a script run by hand (see tests/fuzz/README.md)
collect_ignore = ["fuzz"]


@pytest.fixture(scope="session")
def oracle() -> pd.DataFrame:
    return pd.read_csv(DATA / "nowruz_oracle.csv", parse_dates=["nowruz"])


@pytest.fixture(scope="session")
def official_leap() -> pd.DataFrame:
    return pd.read_csv(DATA / "official_leap_years.csv")


@pytest.fixture(scope="session")
def hand_checked() -> pd.DataFrame:
    return pd.read_csv(DATA / "hand_checked_dates.csv")
