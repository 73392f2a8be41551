"""The metric catalogue: how a metric and its unit are named wherever they are shown.

Every place that shows a metric (the report, the summary, charts, the HTML page) asks this
module for its label, so that ``revived_units`` reads "Revived units" (or «واحدهای
احیاشده») everywhere. A metric the catalogue does not know gets a label made from its name
("jobs_saved" -> "Jobs saved"); :func:`register_metric` adds one.

The *kind* of a metric says what sort of quantity it is:

``count``
    things counted over a span (units revived, jobs created): year-to-date figures add up.
``stock``
    a level at a point in time (people employed, job potential): values do not add up.
``money``
    an amount of money (investment, credit), in rials, tomans or dollars.
``share``
    a percentage (the share of units idle).

Units are named by :func:`unit_label`: ``rial`` -> "rials", ``usd`` -> "US dollars",
``percent`` -> "%"; their kind (:func:`unit_kind`) decides how numbers are written
(:mod:`isipo_stats.formatting`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

__all__ = [
    "METRIC_KINDS",
    "Locale",
    "MetricInfo",
    "MetricKind",
    "UnitKind",
    "metric_info",
    "metric_label",
    "register_metric",
    "unit_kind",
    "unit_label",
]

MetricKind = Literal["count", "stock", "money", "share"]
"""What sort of quantity a metric is (see the module docstring)."""

METRIC_KINDS: Final[tuple[str, ...]] = get_args(MetricKind)

UnitKind = Literal["count", "money", "share", "other"]
"""How numbers in a unit are written: whole counts, scaled money, percentages, plain."""

Locale = Literal["en", "fa"]
"""The language of labels: English or Persian."""


@dataclass(frozen=True)
class MetricInfo:
    """How a metric is named and what sort of quantity it is.

    Attributes
    ----------
    name : str
        The metric as it appears in figure tables (``"revived_units"``).
    label : str
        English label, sentence case (``"Revived units"``).
    label_fa : str
        Persian label (the English one for a metric the catalogue does not know).
    kind : {"count", "stock", "money", "share"}
        What sort of quantity it is.
    known : bool
        Whether the catalogue knows the metric (False: the label was made from the name).
    """

    name: str
    label: str
    label_fa: str
    kind: MetricKind
    known: bool = True

    def label_in(self, locale: Locale = "en") -> str:
        """Return the label in ``locale`` ("en" or "fa")."""
        return self.label_fa if locale == "fa" else self.label


_CATALOGUE: dict[str, MetricInfo] = {}


def register_metric(
    name: str, label: str, label_fa: str | None = None, kind: MetricKind = "count"
) -> MetricInfo:
    """Add a metric to the catalogue (or replace its entry) and return its info.

    Parameters
    ----------
    name : str
        The metric as it appears in figure tables.
    label : str
        English label, sentence case.
    label_fa : str, optional
        Persian label; the English one when not given.
    kind : {"count", "stock", "money", "share"}
        What sort of quantity it is.

    Raises
    ------
    ValueError
        ``kind`` is not one of the kinds, or ``name`` or ``label`` is empty.

    Examples
    --------
    >>> register_metric("exports", "Non-oil exports", "صادرات غیرنفتی", "money").label
    'Non-oil exports'
    >>> metric_label("exports", locale="fa")
    'صادرات غیرنفتی'
    """
    if kind not in METRIC_KINDS:
        msg = f"kind must be one of {', '.join(METRIC_KINDS)}, got {kind!r}"
        raise ValueError(msg)
    if not name or not label:
        msg = f"a metric needs a name and a label, got {name!r} and {label!r}"
        raise ValueError(msg)
    info = MetricInfo(name, label, label_fa or label, kind)
    _CATALOGUE[name] = info
    return info


_KNOWN: Final[tuple[tuple[str, str, str, MetricKind], ...]] = (
    ("revived_units", "Revived units", "واحدهای احیاشده", "count"),
    ("renovated_units", "Renovated units", "واحدهای نوسازی‌شده", "count"),
    ("new_units", "New units", "واحدهای جدید", "count"),
    ("units_put_into_operation", "Units put into operation", "واحدهای به بهره‌برداری رسیده",
     "count"),
    ("revived_economic_units", "Revived economic units", "بنگاه‌های اقتصادی احیاشده", "count"),
    ("jobs_created", "Jobs created by revivals", "اشتغال ایجادشده با احیا", "count"),
    ("new_unit_jobs", "Jobs in new units", "اشتغال واحدهای جدید", "count"),
    ("job_potential", "Job potential", "ظرفیت اشتغال", "stock"),
    ("employment_in_active_units", "Employment in active units", "شاغلان واحدهای فعال",
     "stock"),
    ("industrial_parks", "Industrial parks", "شهرک‌های صنعتی", "count"),
    ("industrial_projects", "Industrial projects", "طرح‌های صنعتی", "count"),
    ("infrastructure_projects", "Infrastructure projects", "طرح‌های زیربنایی", "count"),
    ("projects_inaugurated", "Projects inaugurated", "طرح‌های افتتاح‌شده", "count"),
    ("investment", "Investment", "سرمایه‌گذاری", "money"),
    ("credit", "Credit", "اعتبار", "money"),
    ("idle_share", "Share of units idle", "سهم واحدهای راکد", "share"),
    ("bank_facility_share", "Share of bank lending to industry", "سهم صنعت از تسهیلات بانکی",
     "share"),
)  # fmt: skip
for _name, _label, _label_fa, _kind in _KNOWN:
    register_metric(_name, _label, _label_fa, _kind)


@dataclass(frozen=True)
class _UnitInfo:
    one: str
    many: str
    fa: str
    kind: UnitKind


_UNITS: Final[dict[str, _UnitInfo]] = {
    "units": _UnitInfo("unit", "units", "واحد", "count"),
    "unit": _UnitInfo("unit", "units", "واحد", "count"),
    "jobs": _UnitInfo("job", "jobs", "شغل", "count"),
    "persons": _UnitInfo("person", "persons", "نفر", "count"),
    "projects": _UnitInfo("project", "projects", "طرح", "count"),
    "parks": _UnitInfo("park", "parks", "شهرک", "count"),
    "rial": _UnitInfo("rial", "rials", "ریال", "money"),
    "toman": _UnitInfo("toman", "tomans", "تومان", "money"),
    "usd": _UnitInfo("US dollar", "US dollars", "دلار", "money"),
    "percent": _UnitInfo("%", "%", "درصد", "share"),
}


def unit_kind(unit: str) -> UnitKind:
    """Return how numbers in ``unit`` are written: count, money, share or other.

    Examples
    --------
    >>> unit_kind("usd"), unit_kind("jobs"), unit_kind("percent"), unit_kind("tonnes")
    ('money', 'count', 'share', 'other')
    """
    info = _UNITS.get(unit)
    return "other" if info is None else info.kind


def unit_label(unit: str, locale: Locale = "en", *, one: bool = False) -> str:
    """Return the name of ``unit`` for text: plural unless ``one``; unknown units as given.

    Examples
    --------
    >>> unit_label("rial"), unit_label("usd"), unit_label("percent"), unit_label("jobs", one=True)
    ('rials', 'US dollars', '%', 'job')
    >>> unit_label("rial", "fa"), unit_label("tonnes")
    ('ریال', 'tonnes')
    """
    info = _UNITS.get(unit)
    if info is None:
        return unit
    if locale == "fa":
        return info.fa
    return info.one if one else info.many


def metric_info(metric: str, unit: str | None = None) -> MetricInfo:
    """Return the catalogue entry of ``metric``, or one made from its name.

    Parameters
    ----------
    metric : str
        The metric as it appears in figure tables.
    unit : str, optional
        Its unit, used only for a metric the catalogue does not know: a money unit makes
        it ``money``, ``percent`` a ``share``; otherwise it is a ``count``.

    Examples
    --------
    >>> metric_info("revived_units")
    MetricInfo(name='revived_units', label='Revived units', label_fa='واحدهای احیاشده', kind='count', known=True)
    >>> metric_info("loan_repayments", "rial").kind
    'money'
    """  # noqa: E501
    info = _CATALOGUE.get(metric)
    if info is not None:
        return info
    kind: MetricKind = "count"
    if unit is not None and unit_kind(unit) in ("money", "share"):
        kind = "money" if unit_kind(unit) == "money" else "share"
    label = metric.replace("_", " ").strip()
    label = label[:1].upper() + label[1:]
    return MetricInfo(metric, label or metric, label or metric, kind, known=False)


def metric_label(metric: str, locale: Locale = "en") -> str:
    """Return the label of ``metric`` in ``locale``; unknown metrics get one from the name.

    Examples
    --------
    >>> metric_label("revived_units")
    'Revived units'
    >>> metric_label("revived_units", locale="fa")
    'واحدهای احیاشده'
    >>> metric_label("loans_to_smes")
    'Loans to smes'
    """
    return metric_info(metric).label_in(locale)
