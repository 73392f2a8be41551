"""The metric catalogue: labels, kinds, units, and labels made from unknown names."""

from __future__ import annotations

from typing import get_args

import pandas as pd
import pytest

from isipo_stats.figures import CORE_METRICS, load_isipo_reports
from isipo_stats.metrics import (
    METRIC_KINDS,
    MetricInfo,
    MetricKind,
    metric_info,
    metric_label,
    register_metric,
    unit_kind,
    unit_label,
)


def test_every_metric_of_the_bundled_table_and_the_core_vocabulary_is_known() -> None:
    names = set(load_isipo_reports()["metric"]) | set(CORE_METRICS)
    unknown = sorted(name for name in names if not metric_info(name).known)
    assert unknown == []


def test_every_unit_of_the_bundled_table_has_a_kind() -> None:
    units = set(load_isipo_reports()["unit"])
    assert {unit: unit_kind(unit) for unit in sorted(units)} == {
        "jobs": "count", "parks": "count", "percent": "share", "persons": "count",
        "projects": "count", "rial": "money", "units": "count", "usd": "money",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("metric", "label", "kind"),
    [
        ("revived_units", "Revived units", "count"),
        ("investment", "Investment", "money"),
        ("idle_share", "Share of units idle", "share"),
        ("employment_in_active_units", "Employment in active units", "stock"),
        ("jobs_created", "Jobs created by revivals", "count"),
    ],
)
def test_known_labels_and_kinds(metric: str, label: str, kind: str) -> None:
    info = metric_info(metric)
    assert (info.label, info.kind, info.known) == (label, kind, True)


def test_persian_labels_are_persian_text() -> None:
    label = metric_label("revived_units", locale="fa")
    assert label == "واحدهای احیاشده"
    assert metric_label("credit", "fa") == "اعتبار"


@pytest.mark.parametrize(
    ("metric", "label"),
    [
        ("revived_units_extra", "Revived units extra"),
        ("loans", "Loans"),
        ("_odd__name_", "Odd  name"),
        ("x", "X"),
    ],
)
def test_unknown_metric_label_made_from_its_name(metric: str, label: str) -> None:
    info = metric_info(metric)
    assert (info.label, info.label_fa, info.known) == (label, label, False)
    assert metric_label(metric, "fa") == label


@pytest.mark.parametrize(
    ("unit", "kind"), [("rial", "money"), ("usd", "money"), ("percent", "share"),
                       ("units", "count"), ("tonnes", "count")]
)  # fmt: skip
def test_unknown_metric_kind_follows_its_unit(unit: str, kind: str) -> None:
    assert metric_info("something_new", unit).kind == kind


def test_register_adds_and_replaces(monkeypatch: pytest.MonkeyPatch) -> None:
    from isipo_stats import metrics

    monkeypatch.setattr(metrics, "_CATALOGUE", dict(metrics._CATALOGUE))
    info = register_metric("sme_loans", "Loans to small firms", kind="money")
    assert info == MetricInfo("sme_loans", "Loans to small firms", "Loans to small firms", "money")
    assert metric_label("sme_loans") == "Loans to small firms"
    register_metric("sme_loans", "SME loans", "وام بنگاه‌های کوچک", "money")
    assert metric_label("sme_loans", "fa") == "وام بنگاه‌های کوچک"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("a", "A", None, "flow"), "kind must be one of count, stock, money, share, got 'flow'"),
        (("", "A"), "a metric needs a name and a label, got '' and 'A'"),
        (("a", ""), "a metric needs a name and a label, got 'a' and ''"),
    ],
)
def test_register_refuses(args: tuple[object, ...], message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(") + "$"):
        register_metric(*args)  # type: ignore[arg-type]


def test_kinds_literal_matches_constant() -> None:
    assert get_args(MetricKind) == METRIC_KINDS == ("count", "stock", "money", "share")


@pytest.mark.parametrize(
    ("unit", "many", "one", "persian"),
    [
        ("rial", "rials", "rial", "ریال"),
        ("usd", "US dollars", "US dollar", "دلار"),
        ("percent", "%", "%", "درصد"),
        ("jobs", "jobs", "job", "شغل"),
        ("parks", "parks", "park", "شهرک"),
        ("tonnes", "tonnes", "tonnes", "tonnes"),
    ],
)
def test_unit_labels(unit: str, many: str, one: str, persian: str) -> None:
    assert unit_label(unit) == many
    assert unit_label(unit, one=True) == one
    assert unit_label(unit, "fa") == persian


def test_labels_are_one_line_and_sentence_case() -> None:
    names = pd.unique(load_isipo_reports()["metric"])
    for name in names:
        label = metric_label(str(name))
        assert label[0].isupper()
        assert "_" not in label
        assert "\n" not in metric_label(str(name), "fa")
