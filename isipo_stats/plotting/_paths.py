"""Where a chart can be written, and matplotlib itself (the optional ``plot`` extra)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

from isipo_stats.errors import MissingDependencyError, ParseError

_FIRST_FORMATS: Final = ("png", "svg", "pdf")


def _pyplot() -> Any:
    try:
        import matplotlib as mpl  # noqa: PLC0415 (optional dependency)

        mpl.use("Agg", force=False)
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError as err:
        msg = "charts need matplotlib: pip install 'isipo-stats[plot]'"
        raise MissingDependencyError(msg) from err
    return plt


def check_chart_path(path: str | Path) -> Path:
    """Return ``path`` if a chart can be written there; raise otherwise, before any drawing.

    The suffix names the format: one matplotlib writes (``.png``, ``.svg``, ``.pdf``, ...).
    The folder must exist and be writable.

    Raises
    ------
    ParseError
        No suffix or an unknown one, a folder given as the file, a folder that does not
        exist (or is a file), no permission to write.
    MissingDependencyError
        matplotlib is not installed.

    Examples
    --------
    >>> check_chart_path("chart.png")
    PosixPath('chart.png')
    >>> try:
    ...     check_chart_path("chart.txt")
    ... except ParseError as err:
    ...     print(err)
    cannot write a chart to chart.txt: unknown suffix '.txt' (use .png, .svg, .pdf, ...)
    """
    path = Path(path)
    _pyplot()
    from matplotlib.backend_bases import FigureCanvasBase  # noqa: PLC0415 (optional)

    formats = FigureCanvasBase.get_supported_filetypes()
    others = sorted(set(formats) - set(_FIRST_FORMATS))
    listed = ", ".join(f".{suffix}" for suffix in (*_FIRST_FORMATS, *others))
    problem = None
    if path.is_dir():
        problem = "it is a folder (name the file, e.g. chart.png)"
    elif not path.suffix:
        problem = f"no suffix to say the format (use {listed})"
    elif path.suffix.lower().lstrip(".") not in formats:
        problem = f"unknown suffix {path.suffix!r} (use .png, .svg, .pdf, ...)"
    else:
        problem = _folder_problem(path)
    if problem is not None:
        msg = f"cannot write a chart to {path}: {problem}"
        raise ParseError(msg)
    return path


def _folder_problem(path: Path) -> str | None:
    """Say why the file cannot be written in its folder (None if it can)."""
    folder = path.parent
    existing = next(p for p in (folder, *folder.parents) if p.exists() or p == Path(p.anchor))
    if not existing.is_dir():
        return f"{existing} is a file, not a folder"
    if existing != folder:
        return f"the folder {folder} does not exist"
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return "no permission to write there"
    return None
