from hotelcrm.reports.report_bench import bench_report


def test_bench_measures_the_report_and_the_bare_table_on_the_same_rows():
    result = bench_report(rows=300, repeat=2)
    assert result["rows"] == 300
    for side in ("report", "baseline"):
        figures = result[side]
        assert figures["pages"] >= 6  # 300 rows of 14 pt: several A4 pages on either side
        assert figures["median_s"] > 0 and figures["p95_s"] >= figures["median_s"]
    assert result["speedup"] > 0
