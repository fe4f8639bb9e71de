"""Reading the rows of a ``.csv`` or ``.xlsx`` file one at a time (bounded memory), numbered as a
spreadsheet shows them: the header is row 1."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from domain.errors import InputError

SUFFIXES = (".csv", ".xlsx")
_SNIFF_BYTES = 1 << 16


def _csv_encoding(path: Path) -> str:
    """UTF-8 (with or without the BOM Excel writes), else GB18030 (Excel on Chinese Windows)."""
    with path.open("rb") as f:
        head = f.read(_SNIFF_BYTES)
    try:
        # (final=False: a character cut at the end of the sample is no error)
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < _SNIFF_BYTES)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "gb18030"


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    encoding = _csv_encoding(path)
    with path.open(newline="", encoding=encoding) as f:
        sample = f.read(4096)
        f.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
        try:
            yield from csv.reader(f, dialect)
        except (UnicodeDecodeError, csv.Error) as e:
            raise InputError("import.unreadable", file=path.name, error=str(e)[:200]) from None


def _xlsx_rows(path: Path) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # zipfile, XML and openpyxl's own errors alike: not a workbook
        raise InputError(
            "import.unreadable", file=path.name, error=str(e)[:200] or type(e).__name__
        ) from None
    try:
        sheet = book.worksheets[0]  # the table is the first sheet (the export puts it there)
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """``(row number, cells)`` for every row that is not empty, the header first."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError("import.bad_suffix", file=path.name)
    if not path.is_file():
        raise InputError("import.no_file", file=str(path))
    source = _csv_rows(path) if suffix == ".csv" else _xlsx_rows(path)
    for number, cells in enumerate(source, start=1):
        if any(c is not None and str(c).strip() for c in cells):
            yield number, cells
