"""poppler-utils wrappers for the report tests; a test skips (with the reason) when they are missing."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest


def require(binary: str) -> str:
    path = shutil.which(binary)
    if path is None:
        pytest.skip(f"{binary} (poppler-utils) is not installed: cannot inspect the PDF")
    return path


@dataclass(frozen=True)
class PdfFont:
    name: str
    type: str
    embedded: bool
    subset: bool


def pdf_fonts(pdf: Path) -> list[PdfFont]:
    out = subprocess.run([require("pdffonts"), str(pdf)], check=True, capture_output=True, text=True).stdout
    fonts = []
    for line in out.splitlines()[2:]:  # two header lines
        # name, type (may contain spaces), encoding, emb, sub, uni, object, generation
        match = re.match(r"^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        assert match, f"unexpected pdffonts line: {line!r}"
        name, ftype, _enc, emb, sub, _uni = match.groups()
        fonts.append(PdfFont(name, ftype.strip(), emb == "yes", sub == "yes"))
    return fonts


def pdf_pages_text(pdf: Path) -> list[str]:
    """The text of every page (layout mode keeps a table row on one line)."""
    out = subprocess.run([require("pdftotext"), "-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pdf_page_count(pdf: Path) -> int:
    out = subprocess.run([require("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
