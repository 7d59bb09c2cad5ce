"""The file side of an import: a CSV (UTF-8 with or without BOM, or GBK/GB18030) or an XLSX
workbook, read as a header and rows of cell texts, with the file's SHA-256 (the identity of an
import run, for resume) and an estimate of its rows.

Encoding: decode-with-fallback, no guessing library. The whole file is first checked as UTF-8
(strict); a file that is not UTF-8 is checked as GB18030 (a superset of GBK and GB2312, what
Chinese Windows spreadsheet programs write) and kept only if at least 80 % of its non-ASCII
characters are common Chinese characters (GB2312): Latin-1 text also decodes as GB18030, into
rare ideographs. A file that is neither is refused with the offset of the first byte that is not
UTF-8. UTF-8 is tried first because valid UTF-8 Chinese text is almost never valid
GB18030 of the same length, while the reverse is common; a detector's statistical guess on short
files (a few names) is less reliable than this strict order.

XLSX: the first worksheet, read with openpyxl in read-only mode (rows streamed, not loaded);
numbers come back as their text (``12.0`` → ``12``), dates as YYYY-MM-DD, and a formula cell as
its formula text (``=...``), which the import refuses.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path

from hotelcrm.domain.errors import ValidationError

READ_CHUNK = 1 << 20
ENCODINGS = ("utf-8", "gb18030")
ZIP_MAGIC = b"PK\x03\x04"
GB2312_SHARE = 0.8
Record = tuple[int, "list[str] | None"]


class ImportFile:
    """A file checked whole before any row is used."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise ValidationError("file", "file_not_found", path=str(self.path))
        digest, lines, size = hashlib.sha256(), 0, 0
        decoders = {e: codecs.getincrementaldecoder(e)() for e in ENCODINGS}
        failed: dict[str, int] = {}
        with self.path.open("rb") as f:
            head = f.read(4)
            f.seek(0)
            self.is_xlsx = head == ZIP_MAGIC
            while chunk := f.read(READ_CHUNK):
                digest.update(chunk)
                lines += chunk.count(b"\n")
                if not self.is_xlsx:
                    _feed(decoders, failed, chunk, size)
                size += len(chunk)
        if size == 0:
            raise ValidationError("file", "file_empty")
        if not self.is_xlsx:
            _feed(decoders, failed, b"", size, final=True)
        self.sha256 = digest.hexdigest()
        self.size = size
        if self.is_xlsx:
            self.encoding = "xlsx"
            self.estimated_rows = _xlsx_rows(self.path)
        else:
            usable = [e for e in ENCODINGS if e not in failed]
            if not usable or (usable[0] == "gb18030" and not _looks_chinese(self.path)):
                raise ValidationError("file", "file_encoding", offset=failed["utf-8"])
            self.encoding = usable[0]
            self.estimated_rows = max(lines, 1)

    def records(self) -> Iterator[Record]:
        """(row number, cells) with the header as row 1, as a spreadsheet numbers them; cells
        are None for a record the CSV parser refused."""
        if self.is_xlsx:
            yield from _xlsx_records(self.path)
            return
        encoding = "utf-8-sig" if self.encoding == "utf-8" else self.encoding
        with self.path.open(encoding=encoding, newline="") as f:
            yield from _csv_records(f)


@dataclass(frozen=True)
class DataRows:
    """The data rows of a checked file, (row number, cells), after its header, blank lines left
    out, the first ``skip`` (rows an interrupted run committed) passed over, in batches of
    ``size``. Small and picklable: an import's parse worker reads the file itself
    (``import_parse_pool``). The file must still be the one checked (``sha256``)."""

    path: Path
    sha256: str
    skip: int
    size: int

    def batches(self, start: int = 0) -> Iterator[list[Record]]:
        """The batches from the ``start``-th (0: the first)."""
        source = ImportFile(self.path)
        if source.sha256 != self.sha256:
            raise ValidationError("file", "file_changed", path=str(self.path))
        records = source.records()
        try:
            next(records, None)  # the header
            rows = islice(data_rows(records), self.skip + start * self.size, None)
            while batch := list(islice(rows, self.size)):
                yield batch
        finally:
            records.close()  # the file closed now, not when the generator is collected


def data_rows(records: Iterator[Record]) -> Iterator[Record]:
    """Non-blank records; a blank line is not a row (but keeps its number)."""
    for row, cells in records:
        if cells is not None and not "".join(cells).strip():
            continue
        yield row, cells


def _feed(decoders: dict, failed: dict[str, int], chunk: bytes, offset: int, final: bool = False) -> None:
    for encoding, decoder in decoders.items():
        if encoding in failed:
            continue
        try:
            decoder.decode(chunk, final=final)
        except UnicodeDecodeError as exc:
            failed[encoding] = offset + exc.start


def _looks_chinese(path: Path) -> bool:
    """A file that decodes as GB18030 is taken as GBK/GB18030 text only if most of its non-ASCII
    characters are common Chinese ones (in GB2312): Latin-1 text (``M\xfcller``) also decodes,
    into rare ideographs, and must be refused rather than imported as nonsense."""
    decoder = codecs.getincrementaldecoder("gb18030")()
    wide = common = 0
    with path.open("rb") as f:
        while chunk := f.read(READ_CHUNK):
            for ch in decoder.decode(chunk):
                if ord(ch) > 127:
                    wide += 1
                    try:
                        ch.encode("gb2312")
                        common += 1
                    except UnicodeEncodeError:
                        pass
    return common >= GB2312_SHARE * wide


def _csv_records(f: io.TextIOBase) -> Iterator[Record]:
    csv.field_size_limit(1 << 24)  # a long cell is refused with its reason, not a parser crash
    reader = csv.reader(f)
    row = 0
    while True:
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield row, None
            continue
        yield row, cells


def _open_workbook(path: Path):
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - zip/xml errors of all kinds: one clear reason
        raise ValidationError("file", "xlsx_unreadable", detail=type(exc).__name__) from None


def _xlsx_rows(path: Path) -> int:
    book = _open_workbook(path)
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        return max((sheet.max_row or 1) if sheet is not None else 1, 1)
    finally:
        book.close()


def _xlsx_records(path: Path) -> Iterator[Record]:
    book = _open_workbook(path)
    try:
        if not book.worksheets:
            return
        for row, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            yield row, [cell_text(v) for v in values]
    finally:
        book.close()


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def preview(path: str | Path, rows: int = 20) -> tuple[list[str], list[list[str]], str]:
    """The header, the first ``rows`` data rows and the encoding (for the mapping editor)."""
    source = ImportFile(path)
    out: list[list[str]] = []
    header: list[str] | None = None
    records = source.records()
    try:
        for _row, cells in records:
            if cells is None:
                continue
            if header is None:
                header = [c.replace("\ufeff", "").strip() for c in cells]
                while header and not header[-1]:
                    header.pop()
                continue
            if any(c.strip() for c in cells):
                out.append(list(cells))
            if len(out) >= rows:
                break
    finally:
        records.close()
    return header or [], out, source.encoding
