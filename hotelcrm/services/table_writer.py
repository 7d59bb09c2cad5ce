"""Writing a header and rows to CSV (UTF-8 with BOM, which spreadsheet programs on Chinese
Windows read correctly) or XLSX (openpyxl's write-only mode: rows are streamed, memory stays
flat for large lists). Every cell goes through ``export_cells.neutralise``; XLSX cells are
written as text so that nothing is turned into a formula, a date or a number."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hotelcrm.domain.errors import ValidationError
from hotelcrm.domain.export_cells import export_format, neutralise


@contextmanager
def table_writer(path: str | Path, header: Sequence[str], sheet: str = "export") -> Iterator[Any]:
    """Yields ``write(rows)``; the file appears under its name only when everything is written."""
    target = Path(path)
    kind = export_format(target)
    part = target.with_name(target.name + ".part")
    if target.is_dir() or not target.parent.is_dir():
        raise ValidationError("out", "cannot_write_file", path=str(target))
    try:
        if kind == "csv":
            with part.open("w", encoding="utf-8-sig", newline="") as f:
                out = csv.writer(f)
                out.writerow(header)
                yield lambda rows: out.writerows([[neutralise(c) for c in row] for row in rows])
        else:
            from openpyxl import Workbook
            from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

            book = Workbook(write_only=True)
            ws = book.create_sheet(sheet[:31])
            ws.append(list(header))

            def write(rows: Iterable[Sequence[Any]]) -> None:
                for row in rows:
                    ws.append([ILLEGAL_CHARACTERS_RE.sub("", neutralise(c)) for c in row])

            yield write
            book.save(part)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
