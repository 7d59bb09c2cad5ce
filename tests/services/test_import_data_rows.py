"""``import_source.DataRows``: the data rows of a checked file in batches, after the header,
without blank lines, from any batch on, after the rows a previous run committed; refused when the
file is no longer the one checked."""

from __future__ import annotations

import pickle

import pytest

from hotelcrm.domain.errors import ValidationError
from hotelcrm.services.import_source import DataRows, ImportFile


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "rows.csv"
    lines = ["name,phone"] + [f"guest{i},{i}" if i % 4 else ",  " for i in range(1, 12)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rows_of(batches):
    return [[(row, cells[0]) for row, cells in batch] for batch in batches]


def test_batches_leave_out_the_header_and_blank_lines_and_keep_row_numbers(csv_file):
    rows = DataRows(csv_file, ImportFile(csv_file).sha256, 0, 3)
    assert rows_of(rows.batches()) == [
        [(2, "guest1"), (3, "guest2"), (4, "guest3")],
        [(6, "guest5"), (7, "guest6"), (8, "guest7")],
        [(10, "guest9"), (11, "guest10"), (12, "guest11")],
    ]
    assert rows_of(rows.batches(2)) == [[(10, "guest9"), (11, "guest10"), (12, "guest11")]]
    assert rows_of(rows.batches(3)) == []


def test_batches_start_after_the_rows_already_committed(csv_file):
    rows = pickle.loads(pickle.dumps(DataRows(csv_file, ImportFile(csv_file).sha256, 4, 3)))  # as a worker gets it
    assert rows_of(rows.batches()) == [[(7, "guest6"), (8, "guest7"), (10, "guest9")], [(11, "guest10"),
                                                                                          (12, "guest11")]]
    assert rows_of(rows.batches(1)) == [[(11, "guest10"), (12, "guest11")]]


def test_a_file_changed_since_it_was_checked_is_refused(csv_file):
    rows = DataRows(csv_file, ImportFile(csv_file).sha256, 0, 3)
    csv_file.write_text("name,phone\nsomeone else,1\n", encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        next(rows.batches())
    assert refused.value.reason == "file_changed"


def test_a_refusal_raised_in_the_parse_worker_comes_back_whole():
    """The worker's errors travel pickled: field, reason and params survive."""
    error = pickle.loads(pickle.dumps(ValidationError("file", "file_changed", path="/tmp/x.csv")))
    assert (error.field, error.reason, error.params) == ("file", "file_changed", {"field": "file",
                                                                                  "path": "/tmp/x.csv"})
