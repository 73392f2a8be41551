"""The ``isipo-stats extract`` subcommand: report texts to figure rows ready for review.

``isipo-stats extract FILE... [--published DATE] [--source TEXT] [-o rows.csv]`` reads each
text file (UTF-8), takes its publication date from a first line ``published: YYYY-MM-DD``
(or ``--published``, which the first line overrides), and writes one CSV of figure rows
(the figure table's columns, then evidence, offsets and confidence) that
``isipo-stats check rows.csv`` reads. Amounts found but not made rows are counted on stderr.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Final

import pandas as pd

from isipo_stats.errors import ParseError
from isipo_stats.extract import extract_many

__all__ = ["add_extract_command", "run_extract"]

_FIRST_LINE: Final = re.compile(r"^\s*published:\s*(\S+)\s*$", re.IGNORECASE)


def _read(path: str) -> tuple[str, str | None]:
    """Return a file's text and the date of its ``published:`` first line (or None)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        msg = f"{path}: could not read the text ({err})"
        raise ParseError(msg) from err
    first, _, rest = text.partition("\n")
    match = _FIRST_LINE.match(first)
    if match is None:
        return text, None
    return " " * (len(first) + 1) + rest, match.group(1)  # offsets stay those of the file


def run_extract(args: argparse.Namespace) -> int:
    """Run ``isipo-stats extract``; return the exit code (0)."""
    texts, dates = [], []
    for path in args.files:
        text, date = _read(path)
        texts.append(text)
        dates.append(date if date is not None else args.published)
    names = pd.Index([Path(p).stem for p in args.files])
    if names.has_duplicates:
        names = pd.Index([str(p) for p in args.files])
    rows = extract_many(pd.Series(texts, index=names, dtype=object), published=dates,
                        source=args.source)  # fmt: skip
    skipped = rows.attrs.get("skipped", pd.DataFrame())
    if args.output:
        rows.to_csv(args.output, index=False, date_format="%Y-%m-%d")
        print(f"{len(rows)} rows written to {args.output}", file=sys.stderr)
    else:
        print(rows.to_csv(index=False, date_format="%Y-%m-%d"), end="")
    if len(skipped):
        reasons = "; ".join(f"{n} {r}" for r, n in skipped["reason"].value_counts().items())
        print(f"{len(skipped)} amounts not made rows: {reasons}", file=sys.stderr)
    return 0


def add_extract_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``extract`` subcommand to the ``isipo-stats`` subparsers."""
    extract = commands.add_parser(
        "extract",
        help="read report texts into figure rows (CSV) ready for review and check",
        description=(
            "Read the figures stated in report texts (English or Persian) into figure rows. "
            "A file may give its publication date in a first line 'published: YYYY-MM-DD' "
            "(Gregorian or Jalali); relative times ('this year', 'last year') are counted "
            "from it."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files")
    extract.add_argument("--published", help="publication date for files without a first "
                         "'published:' line (YYYY-MM-DD, Gregorian or Jalali)")  # fmt: skip
    extract.add_argument("--source", help="text for the source column")
    extract.add_argument("-o", "--output", help="write the rows to this CSV file")
    extract.set_defaults(run=run_extract)
